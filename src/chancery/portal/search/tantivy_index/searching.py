"""Searching the index: the reader's confidentiality rule as the index's filter (`rule_query`), the
query language in Tantivy's terms (`text_query`), hits and facet counts (`search`), counted per
dossier and read through a reader's view of the dossiers (`DossierView`) for anyone but the public,
and `CannotAnswer` when the index cannot give an exact answer."""

from __future__ import annotations

import re
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import tantivy
from tantivy import Occur
from tantivy import Query as TQuery

from chancery.core.models.access import visibility_rule
from chancery.portal.search.tantivy_index.schema import SCHEMA, directory, open_index, pairs
from chancery.portal.search.text import Clause, Query

# Titles weigh ten times the body, as in the database engines.
TITLE_BOOST = 10.0
# Above this many stale entries (an index not built yet, a rebuild under way) the database answers alone.
OVERLAY_LIMIT = 5000
FACET_FIELDS = {
    "year": "year",
    "kind": "kind",
    "minister": "ministers",
    "document_kind": "document_kind",
    "meeting": "meeting",
    "theme": "themes",
    "phase": "phase",
}


class _Reader:
    """One open index per process, reloaded when the database says a newer generation exists."""

    def __init__(self):
        self.lock = threading.Lock()
        self.path: Path | None = None
        self.index: tantivy.Index | None = None
        self.generation = -1

    def searcher(self, generation: int) -> tantivy.Searcher:
        path = directory()
        with self.lock:
            if self.index is None or self.path != path:
                self.index, self.path, self.generation = open_index(path), path, -1
            if generation != self.generation:
                self.index.reload()
                self.generation = generation
            return self.index.searcher()


_reader = _Reader()
# Facet counts alongside the hits, per process (bounded: two at a time whatever the traffic).
_POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="search-facets")


def knows_as_public(user) -> bool:
    """Readers whose rule is the public's (core.models.access.visibility_rule): the index's own
    theme and phase fields hold what they know of the dossiers. Anyone else's knowledge of a
    dossier is worked out per search (`reader_dossiers` in `search`)."""
    return user is None or not user.is_authenticated or not user.is_active


def rule_query(user) -> TQuery | None:
    """The reader's confidentiality rule as a filter on the index: `visibility_rule`'s conditions
    rendered as they are (the index fields carry the rule's field names), so that SQL and the index
    cannot say different things (a test compares both over the role × level × release matrix).
    None for a rule without conditions (the secretariat's: every entry). Scores nothing: the
    ranking is the text's alone."""
    alternatives = []
    for alternative in visibility_rule(user):
        if not alternative:
            return None
        parts = []
        for condition in alternative:
            # Access levels and release states are text fields; users and mandatees are ids.
            values = [value if isinstance(value, int) else str(value) for value in condition.values]
            if not values:
                break  # no value can satisfy it (a minister who represents no one): nothing admitted
            # One value: a term query, which walks its postings lazily. A term set materialises
            # every matching document first, which for "released" is most of the index, per query.
            term = (
                TQuery.term_query(SCHEMA, condition.field, values[0])
                if len(values) == 1
                else TQuery.term_set_query(SCHEMA, condition.field, values)
            )
            parts.append((Occur.Must, term))
        else:
            alternatives.append((Occur.Should, TQuery.boolean_query(parts)))
    if not alternatives:
        return TQuery.empty_query()
    return TQuery.const_score_query(TQuery.boolean_query(alternatives), 0.0)


def _either_field(make) -> TQuery:
    return TQuery.boolean_query(
        [
            (Occur.Should, TQuery.boost_query(make("title"), TITLE_BOOST)),
            (Occur.Should, make("body")),
        ]
    )


def _phrase(schema, field: str, stems: list[str], use_pairs: bool) -> TQuery:
    if not use_pairs:
        return TQuery.phrase_query(schema, field, stems)
    terms = [TQuery.term_query(schema, f"{field}_pairs", pair) for pair in pairs(" ".join(stems)).split()]
    if len(stems) == 2:
        return terms[0]  # the pair itself is the phrase
    # Longer phrases: the pairs find the few candidates, the positions confirm them.
    return TQuery.boolean_query(
        [(Occur.Must, t) for t in terms] + [(Occur.Must, TQuery.phrase_query(schema, field, stems))]
    )


def _clause(clause: Clause, schema, use_pairs: bool) -> TQuery:
    if clause.prefix and len(clause.stems) == 1:
        # Every term with the prefix, as the database engines match it: a phrase prefix query takes
        # only the first 50 terms of the dictionary, so a broad prefix ("belan*") missed hits, and
        # which terms were taken depended on every entry's words, the confidential ones included.
        pattern = re.escape(clause.stems[0]) + ".*"
        return _either_field(lambda field: TQuery.regex_query(schema, field, pattern))
    if clause.prefix:
        return _either_field(lambda field: TQuery.phrase_prefix_query(schema, field, clause.stems))
    if len(clause.stems) > 1:
        return _either_field(lambda field: _phrase(schema, field, clause.stems, use_pairs))
    return _either_field(lambda field: TQuery.term_query(schema, field, clause.stems[0]))


def text_query(query: Query, schema=None, *, use_pairs: bool = True) -> TQuery:
    """The query in Tantivy's terms (the bench's reference engine asks it without pairs)."""
    schema = schema or SCHEMA
    groups = []
    for group in query.groups:
        parts = [(Occur.MustNot if c.negated else Occur.Must, _clause(c, schema, use_pairs)) for c in group]
        groups.append((Occur.Should, TQuery.boolean_query(parts)))
    return TQuery.boolean_query(groups)


@dataclass
class Answer:
    """The index's part of an answer: its hit count, the wanted hits (entry id, score) and facet counts."""

    total: int
    hits: list[tuple[int, float]]
    facets: dict[str, Counter]


@dataclass
class DossierView:
    """What one reader may know of some dossiers: those they may see, with their themes (ids) and
    their phase key as that reader may know it (from the steps and agendas they may see)."""

    themes: dict[int, list[int]]
    phases: dict[int, str]

    def with_theme(self, theme_id: int | None) -> list[int]:
        return [dossier for dossier, themes in self.themes.items() if theme_id in themes]

    def in_phase(self, key: str) -> list[int]:
        return [dossier for dossier, phase in self.phases.items() if phase == key]


# Facets counted per dossier for a reader who is not the public, then read through their view.
DOSSIER_FACETS = ("theme", "phase")
# Every dossier a query matches is a bucket (26,000 at scale 1.0; Tantivy refuses a size above
# 65,000). Above the size Tantivy returns the largest buckets and drops the rest without a word, so
# a query that fills them is not answered here (CannotAnswer): the database answers it, exactly.
DOSSIER_BUCKETS = 60_000


class CannotAnswer(Exception):
    """The index cannot give this reader an exact answer; the caller asks the database."""


def _filter_queries(
    filters, theme_id: int | None, view: DossierView | None = None, reader=None, granted: TQuery | None = None
) -> dict[str, TQuery]:
    """The filters as index queries. The theme and phase filters read the public's fields (no
    `view`, no `reader`), a reader class's fields (`reader`, a classes.ReaderClass) with the dossiers
    their grants reach (`granted`) read through their `view`, or, for a reader of no class, every
    dossier through their `view`."""
    wanted = {}
    if filters.year:
        wanted["year"] = TQuery.term_query(SCHEMA, "year", int(filters.year))
    if filters.kind:
        wanted["kind"] = TQuery.term_query(SCHEMA, "kind", filters.kind)
    if filters.minister:
        wanted["minister"] = TQuery.term_query(SCHEMA, "ministers", int(filters.minister))
    if filters.document_kind:
        wanted["document_kind"] = TQuery.term_query(SCHEMA, "document_kind", filters.document_kind)
    if filters.theme:
        # An unknown theme matches nothing (a term no document carries).
        theme = theme_id if theme_id is not None else -1
        wanted["theme"] = _dossier_filter(
            reader.themes_field if reader else "themes", theme, view.with_theme(theme_id) if view else None, reader,
            granted,
        )  # fmt: skip
    if filters.meeting:
        wanted["meeting"] = TQuery.term_query(SCHEMA, "meeting", int(filters.meeting))
    if filters.phase:
        wanted["phase"] = _dossier_filter(
            reader.phase_field if reader else "phase", filters.phase, view.in_phase(filters.phase) if view else None,
            reader, granted,
        )  # fmt: skip
    return wanted


def _dossier_filter(field: str, value, dossiers: list[int] | None, reader, granted: TQuery | None) -> TQuery:
    by_field = TQuery.term_query(SCHEMA, field, value)
    if dossiers is None:
        return by_field  # the public, or a class reader whose grants reach no matched dossier
    if reader is None:
        return _dossiers_query(dossiers)  # a reader of no class: every dossier through their view
    # The class's view where no grant of the reader's reaches the dossier, theirs where one does.
    return TQuery.boolean_query(
        [
            (Occur.Should, TQuery.boolean_query([(Occur.Must, by_field), (Occur.MustNot, granted)])),
            (Occur.Should, TQuery.boolean_query([(Occur.Must, granted), (Occur.Must, _dossiers_query(dossiers))])),
        ]
    )


def _dossiers_query(dossiers: list[int]) -> TQuery:
    return TQuery.term_set_query(SCHEMA, "dossier", dossiers) if dossiers else TQuery.empty_query()


def _combine(base: TQuery, filters: list[TQuery], excluded: list[int]) -> TQuery:
    parts = [(Occur.Must, base)] + [(Occur.Must, f) for f in filters]
    if excluded:
        parts.append((Occur.MustNot, TQuery.term_set_query(SCHEMA, "id", excluded)))
    return TQuery.boolean_query(parts) if len(parts) > 1 else base


def _counts(aggregation: dict, name: str) -> Counter:
    return Counter({bucket["key"]: bucket["doc_count"] for bucket in aggregation.get(name, {}).get("buckets", [])})


def _through_view(view: DossierView, name: str, per_dossier: Counter) -> Counter:
    """Entries per theme or phase from entries per dossier (an entry belongs to one dossier at most,
    so the sums count each entry once per value), over the dossiers the reader may see."""
    counts = Counter()
    for dossier, n in per_dossier.items():
        dossier = int(dossier)
        if name == "theme":
            for theme in view.themes.get(dossier, ()):
                counts[theme] += n
        elif dossier in view.phases:
            counts[view.phases[dossier]] += n
    return counts


def search(
    query: Query,
    filters,
    *,
    generation: int,
    excluded: list[int],
    theme_id,
    sort: str,
    limit: int,
    offset: int,
    rule: TQuery | None = None,
    reader_dossiers=None,
    reader_class=None,
) -> Answer:
    """Hits and facet counts from the index, leaving out the `excluded` (stale) entries, over the
    entries `rule` admits (`rule_query`). Each facet is counted with the other facets' filters
    applied, as in the database engine. `reader_dossiers` (dossier ids → DossierView), for a
    reader who is not the public: the theme and phase facets and filters follow what that reader
    may know of the dossiers the query matches, instead of the public's (the index's fields):
    through the fields of their class (`reader_class`, classes.ReaderClass) and their own view of
    the few dossiers their grants reach, or, for a reader of no class, their view of every dossier."""
    searcher = _reader.searcher(generation)
    base = text_query(query)
    if rule is not None:
        base = TQuery.boolean_query([(Occur.Must, base), (Occur.Must, rule)])
    fields = dict(FACET_FIELDS)
    view, granted = None, None

    def matched_dossiers(restriction: list[TQuery]) -> set[int]:
        # The dossiers of every match (before any filter), as the database engine works out their
        # phases (service.dossier_phases over the matched entries).
        matched = searcher.aggregate(
            _combine(base, restriction, excluded), {"dossier": {"terms": {"field": "dossier", "size": DOSSIER_BUCKETS}}}
        )
        dossiers = {int(key) for key in _counts(matched, "dossier")}
        if len(dossiers) >= DOSSIER_BUCKETS:
            raise CannotAnswer(f"{len(dossiers)} dossiers matched: the count may be cut off")
        return dossiers

    if reader_dossiers is not None and reader_class is not None:
        # The reader's class's view is in the index; their own only where a grant of theirs reaches.
        fields.update({"theme": reader_class.themes_field, "phase": reader_class.phase_field})
        if reader_class.granted is not None:
            dossiers = matched_dossiers([reader_class.granted])
            if dossiers:
                granted, view = reader_class.granted, reader_dossiers(dossiers)
    elif reader_dossiers is not None:
        view = reader_dossiers(matched_dossiers([]))
        fields.update({name: "dossier" for name in DOSSIER_FACETS})
    wanted = _filter_queries(filters, theme_id, view, reader_class if reader_dossiers is not None else None, granted)
    everything = _combine(base, list(wanted.values()), excluded)

    def top():
        order = {"order_by_field": "recency"} if sort == "date" else {}
        result = searcher.search(everything, limit=limit, offset=offset, count=True, **order)
        return result.count, [(searcher.doc(address)["id"][0], float(score)) for score, address in result.hits]

    def terms(names, fields=fields):
        # Enough buckets for every value but meetings, of which the page shows the ten with most hits
        # (twenty asked, so that ties at the tenth are broken by date as in the database engine).
        sizes = {"meeting": 20}
        return {
            n: {
                "terms": {
                    "field": fields[n],
                    "size": DOSSIER_BUCKETS if fields[n] == "dossier" else sizes.get(n, 10_000),
                }
            }
            for n in names
        }

    def counted(query, names):
        aggregation = searcher.aggregate(query, terms(names))
        counts = {name: _counts(aggregation, name) for name in names}
        if view is not None and granted is None:
            counts.update({name: _through_view(view, name, counts[name]) for name in DOSSIER_FACETS if name in counts})
        elif granted is not None and any(name in counts for name in DOSSIER_FACETS):
            # The class counted every entry; where a grant of the reader's reaches the dossier, their
            # own view counts instead (few entries: one more aggregation over them).
            own = [name for name in DOSSIER_FACETS if name in counts]
            mine = searcher.aggregate(
                TQuery.boolean_query([(Occur.Must, query), (Occur.Must, granted)]),
                {**terms(own), "dossier": {"terms": {"field": "dossier", "size": DOSSIER_BUCKETS}}},
            )
            per_dossier = _counts(mine, "dossier")
            for name in own:
                counts[name] = counts[name] - _counts(mine, name) + _through_view(view, name, per_dossier)
        return counts

    # Facets without a filter of their own share the fully filtered hits; a facet with a filter is
    # counted without its own. The parts run side by side (Tantivy lets go of the interpreter while
    # it works): a broad query at scale 1.0 takes 12 ms instead of 22 on two cores.
    free = [name for name in FACET_FIELDS if name not in wanted]
    jobs = [lambda names=free[i::2]: counted(everything, names) for i in range(2) if free[i::2]]
    for name in wanted:
        others = [q for other, q in wanted.items() if other != name]
        jobs.append(lambda name=name, others=others: counted(_combine(base, others, excluded), [name]))
    pending = [_POOL.submit(job) for job in jobs]
    total, hits = top()
    facets = {}
    for future in pending:
        facets.update(future.result())
    return Answer(total, hits, facets)
