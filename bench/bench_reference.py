"""The reference engine for the search figures: Tantivy alone, as a portal would set it up (title
and body, positions for phrases; none of our additions such as the stem pairs), built by the bench
from the same corpus (the entries the public may see, in the same analysed form) and asked the same
200 queries (same semantics: tantivy_index.searching.text_query without pairs), for the top 20 and the hit
count — no request path, no confidentiality check, no facets, no database. Our p95 over its p95 is
the overhead of everything the platform does around the engine."""

from __future__ import annotations

import tempfile
import time

import tantivy


def build(entries, directory: str | None = None) -> tantivy.Index:
    """A fresh index of (id, title_index, body_index) rows, in the search index's schema."""
    from chancery.portal.search.tantivy_index.schema import _schema

    path = directory or tempfile.mkdtemp(prefix="chancery-reference-")
    index = tantivy.Index(_schema(pairs=False), path=path)
    index.register_tokenizer("stems", tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build())
    writer = index.writer(heap_size=256_000_000, num_threads=1)
    for pk, title, body in entries:
        document = tantivy.Document()
        document.add_integer("id", pk)
        document.add_text("title", title)
        document.add_text("body", body)
        writer.add_document(document)
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    return index


def measure(index: tantivy.Index, queries: list[str], rounds: int = 1) -> list[float]:
    """Milliseconds per query: parse, top 20 with their ids, and the hit count."""
    from chancery.portal.search.tantivy_index.searching import text_query
    from chancery.portal.search.text import parse

    searcher = index.searcher()
    timings = []
    for _round in range(rounds):
        for text in queries:
            started = time.perf_counter()
            query = parse(text)
            if not query.is_empty:
                result = searcher.search(text_query(query, index.schema, use_pairs=False), limit=20, count=True)
                _ids = [searcher.doc(address)["id"][0] for _score, address in result.hits]
                _count = result.count
            timings.append((time.perf_counter() - started) * 1000)
    return timings
