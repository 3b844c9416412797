"""The search index: every search entry, in Tantivy, kept in step with the database. (Named the
public index when it held only what the public may see; it now answers every reader.)

Why: at the size of a government archive (500,000 documents) a broad query matches hundreds of
thousands of rows; counting them and their facets in PostgreSQL takes 100 ms and more (seconds for
a logged-in reader, whose rule reaches further), an inverted index with columnar facet fields
(Tantivy, a Lucene-class engine) a few milliseconds.

What the platform promises, and how it is kept:
- Search never shows what the reader may not see. Each entry carries the inputs of the
  confidentiality rule (its source's access level, release state, named persons and concerned
  government members); every query is filtered by the reader's rule, rendered from the same data
  as the SQL rule (`rule_query`, `core.models.access.visibility_rule`). The theme and phase facets
  of a reader other than the public follow what that reader may know of the dossiers, worked out
  per search (`DossierView`); the public's are in the index. Every hit is checked again against
  the live confidentiality rule before it is shown.
- A release is searchable the moment it commits. Every change that can alter what the index holds
  for an entry marks that entry *stale* in the same transaction (`mark_stale`). A search leaves the
  stale entries out of the index's answer and searches them in the database instead (the
  *overlay*), so an answer is exact whether or not the indexer has caught up. The indexer (`sync`,
  run by the worker after each such commit) writes stale entries to the index, commits it, then
  marks them fresh and bumps the index generation in one database transaction; readers reload
  when they see a newer generation. Between the two commits an entry is stale in the database and
  possibly present in the index: it is searched in the database only.
- Past one machine: the index directory is derived data (rebuildable with `chancery search-index
  --rebuild`); one indexer writes, any number of processes on that machine read.
"""

from __future__ import annotations

import datetime
import logging
import re
import threading
import uuid
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import tantivy
from django.conf import settings
from django.db import connection, transaction
from tantivy import Occur
from tantivy import Query as TQuery

from chancery.portal.search.text import Clause, Query

log = logging.getLogger(__name__)

# Titles weigh ten times the body, as in the database engines.
TITLE_BOOST = 10.0
# Above this many stale entries (an index not built yet, a rebuild under way) the database answers alone.
OVERLAY_LIMIT = 5000
BATCH = 5000
# The indexer's memory for new segments (it runs in the worker, not in the web processes).
WRITER_HEAP = 128_000_000
FACET_FIELDS = {
    "year": "year",
    "kind": "kind",
    "minister": "ministers",
    "document_kind": "document_kind",
    "meeting": "meeting",
    "theme": "themes",
    "phase": "phase",
}


# Raised whenever the schema changes: each version has its own directory, so that a new version
# is built beside the old one (`sync` builds it when it is missing) instead of misreading it.
SCHEMA_VERSION = 3  # 3: every entry, with the rule's inputs and its dossier


def _schema(*, pairs: bool = True) -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, indexed=True, fast=True)
    # The analysed text (stems made in Python, space-separated): split on spaces only.
    builder.add_text_field("title", tokenizer_name="stems")
    builder.add_text_field("body", tokenizer_name="stems")
    if pairs:
        # Adjacent stems as one term ("vlaams_regering"): a phrase is then looked up, not pieced
        # together from the positions of two frequent words (45 ms → under 1 ms at scale 1.0).
        builder.add_text_field("title_pairs", tokenizer_name="stems", index_option="freq")
        builder.add_text_field("body_pairs", tokenizer_name="stems", index_option="freq")
    # Date order with the entry as tie-breaker, in one sortable number.
    builder.add_integer_field("recency", fast=True)
    builder.add_integer_field("year", indexed=True, fast=True)
    builder.add_text_field("kind", tokenizer_name="raw", fast=True)
    builder.add_text_field("document_kind", tokenizer_name="raw", fast=True)
    builder.add_integer_field("meeting", indexed=True, fast=True)
    builder.add_integer_field("ministers", indexed=True, fast=True)
    builder.add_integer_field("themes", indexed=True, fast=True)
    builder.add_text_field("phase", tokenizer_name="raw", fast=True)
    # The inputs of the confidentiality rule, of the entry's source (its document, else its item),
    # named as the rule's fields (core.models.access.visibility_rule) so that `rule_query` renders
    # the rule's conditions as they are. With them the index holds every entry and answers every
    # reader, each through their own rule.
    builder.add_text_field("access_level", tokenizer_name="raw")
    builder.add_text_field("release_state", tokenizer_name="raw")
    builder.add_integer_field("named_users", indexed=True)
    builder.add_integer_field("concerned_mandatees", indexed=True)
    # The entry's dossier: a logged-in reader's theme and phase facets are counted per dossier and
    # read through what that reader may know of each dossier (`search`, `reader_dossiers`).
    builder.add_integer_field("dossier", indexed=True, fast=True)
    return builder.build()


SCHEMA = _schema()


def recency(date: datetime.date, pk: int) -> int:
    return date.toordinal() * 2**32 + pk


def directory() -> Path:
    return Path(settings.CHANCERY_SEARCH_INDEX) / f"v{SCHEMA_VERSION}"


def pairs(analysed: str) -> str:
    stems = analysed.split()
    return " ".join(f"{a}_{b}" for a, b in zip(stems, stems[1:], strict=False))


def _open(path: Path) -> tantivy.Index:
    path.mkdir(parents=True, exist_ok=True)
    index = tantivy.Index(SCHEMA, path=str(path), reuse=True)
    index.register_tokenizer("stems", tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build())
    index.config_reader("Manual")
    return index


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
                self.index, self.path, self.generation = _open(path), path, -1
            if generation != self.generation:
                self.index.reload()
                self.generation = generation
            return self.index.searcher()


_reader = _Reader()
# Facet counts alongside the hits, per process (bounded: two at a time whatever the traffic).
_POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="search-facets")


# --- keeping the index in step ---------------------------------------------------------------


def mark_stale(entries) -> int:
    """Entries (a queryset of search entries, or their ids) whose indexed form may have changed:
    searched in the database until re-indexed. Call inside the transaction that makes the change."""
    from chancery.portal.models import StaleSearchEntry

    table = connection.ops.quote_name(StaleSearchEntry._meta.db_table)
    token = uuid.uuid4().hex
    if hasattr(entries, "query"):
        sql, params = entries.values("pk").query.sql_with_params()
        # Django compiled the inner query, with its values as parameters.
        source, params = f"SELECT %s, s.* FROM ({sql}) s WHERE true", [token, *params]  # noqa: S608
    else:
        ids = sorted(set(entries))
        if not ids:
            return 0
        source, params = f"VALUES {', '.join(['(%s, %s)'] * len(ids))}", [v for pk in ids for v in (token, pk)]
    with connection.cursor() as cursor:
        # "WHERE true": SQLite's grammar needs it before ON CONFLICT after a SELECT.
        cursor.execute(
            f"INSERT INTO {table} (token, entry_id) {source} "
            "ON CONFLICT (entry_id) DO UPDATE SET token = excluded.token",
            params,
        )
        count = cursor.rowcount
    if count:
        schedule_sync()
    return count


def _enqueue_sync() -> None:
    from chancery.portal.tasks import sync_search_index

    sync_search_index.enqueue()


def schedule_sync() -> None:
    """Ask the worker to bring the index up to date once this transaction commits (once per
    transaction, however many changes it makes)."""
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(func is _enqueue_sync for _sids, func, _robust in connection.run_on_commit):
        return
    transaction.on_commit(_enqueue_sync)


def available() -> bool:
    """Whether this machine holds the index (a new machine answers from the database until built)."""
    path = directory()
    return path.is_dir() and tantivy.Index.exists(str(path))


def _links(model, field: str, owners) -> dict[int, list[int]]:
    """The targets of a many-to-many field of `model` for the rows `owners`."""
    m2m = model._meta.get_field(field)
    owner, target = f"{m2m.m2m_field_name()}_id", f"{m2m.m2m_reverse_field_name()}_id"
    links = defaultdict(list)
    for row, linked in m2m.remote_field.through.objects.filter(**{f"{owner}__in": owners}).values_list(owner, target):
        links[row].append(linked)
    return links


def _rule_inputs(entries) -> dict[int, dict]:
    """Per entry, the fields the confidentiality rule reads, of its source: the document for a
    document's entry, else the item (as `service.visible_entries` applies the rule)."""
    from chancery.core.models import Document
    from chancery.core.models.access import LINK_FIELDS
    from chancery.decisions.models import AgendaItem

    rows = entries.values_list(
        "pk",
        "document_id",
        "item_id",
        "document__access_level",
        "document__release_state",
        "item__access_level",
        "item__release_state",
    )
    sources, inputs = {}, {}
    for pk, document, item, document_level, document_state, item_level, item_state in rows:
        if document is not None:
            sources[pk] = (Document, document)
            inputs[pk] = {"access_level": document_level, "release_state": document_state}
        elif item is not None:
            sources[pk] = (AgendaItem, item)
            inputs[pk] = {"access_level": item_level, "release_state": item_state}
    # The sources as subqueries, not lists of ids (a batch is 20,000 entries when the index is built).
    owners = {Document: entries.values("document_id"), AgendaItem: entries.filter(document=None).values("item_id")}
    for model in (Document, AgendaItem):
        for field in LINK_FIELDS:
            links = _links(model, field, owners[model])
            for pk, (kind, source) in sources.items():
                if kind is model:
                    inputs[pk][field] = links.get(source, [])
    return inputs


def _documents(entries) -> list[tantivy.Document]:
    """The index documents of entries, with the confidentiality rule's inputs, their dossier, and
    the theme and phase facets as the public knows them (for the public reader)."""
    from django.contrib.auth.models import AnonymousUser

    from chancery.decisions.models import Dossier
    from chancery.decisions.services.dossiers import dossier_histories, phase_of
    from chancery.portal.models import SearchEntry

    public = AnonymousUser()
    dossier_of = {pk: dossier for pk, dossier in entries.values_list("pk", "item__step__dossier")}
    dossiers = list(Dossier.objects.visible_to(public).filter(pk__in={d for d in dossier_of.values() if d}))
    histories = dossier_histories(dossiers, public)
    phases = {d.pk: phase_of(histories[d.pk]).key for d in dossiers}
    themes = defaultdict(list)
    for dossier, theme in Dossier.themes.through.objects.filter(dossier_id__in=phases).values_list(
        "dossier_id", "theme_id"
    ):
        themes[dossier].append(theme)
    ministers = defaultdict(list)
    for entry, mandatee in SearchEntry.ministers.through.objects.filter(searchentry__in=entries).values_list(
        "searchentry_id", "mandatee_id"
    ):
        ministers[entry].append(mandatee)
    rule_inputs = _rule_inputs(entries)

    documents = []
    for entry in entries.only("pk", "title_index", "body_index", "date", "year", "kind", "document_kind", "meeting_id"):
        document = tantivy.Document()
        document.add_integer("id", entry.pk)
        document.add_text("title", entry.title_index)
        document.add_text("body", entry.body_index)
        document.add_text("title_pairs", pairs(entry.title_index))
        document.add_text("body_pairs", pairs(entry.body_index))
        document.add_integer("recency", recency(entry.date, entry.pk))
        document.add_integer("year", entry.year)
        document.add_text("kind", entry.kind)
        if entry.document_kind:
            document.add_text("document_kind", entry.document_kind)
        if entry.meeting_id:
            document.add_integer("meeting", entry.meeting_id)
        for mandatee in ministers[entry.pk]:
            document.add_integer("ministers", mandatee)
        dossier = dossier_of.get(entry.pk)
        if dossier is not None:
            document.add_integer("dossier", dossier)
        if dossier in phases:
            document.add_text("phase", phases[dossier])
            for theme in themes[dossier]:
                document.add_integer("themes", theme)
        # An entry without a source (neither item nor document) gets no rule fields: only a rule
        # without conditions (the secretariat's) admits it, as in SQL.
        inputs = rule_inputs.get(entry.pk)
        if inputs is not None:
            document.add_text("access_level", inputs["access_level"])
            document.add_text("release_state", inputs["release_state"])
            for user in inputs["named_users"]:
                document.add_integer("named_users", user)
            for mandatee in inputs["concerned_mandatees"]:
                document.add_integer("concerned_mandatees", mandatee)
        documents.append(document)
    return documents


def sync(*, batch: int = BATCH, fresh: bool = False) -> int:
    """Write every stale entry to the index (or take it out); returns how many were handled.
    `fresh`: the index was just emptied (a rebuild), so there is nothing to take out first."""
    from chancery.portal.models import SearchEntry, SearchIndexState, StaleSearchEntry

    if not available():
        return rebuild()  # a new machine, or a new schema version: build it whole
    handled, after, writer = 0, 0, None
    try:
        while True:
            with transaction.atomic():
                # One indexer at a time, whichever process it runs in.
                state, _created = SearchIndexState.objects.select_for_update().get_or_create(pk=1)
                # Each entry once per run (in id order): one that keeps changing cannot hold the
                # indexer; its next change asks for another run.
                stale = list(
                    StaleSearchEntry.objects.filter(entry_id__gt=after)
                    .order_by("entry_id")
                    .values_list("entry_id", "token")[:batch]
                )
                if not stale:
                    return handled
                after = stale[-1][0]
                ids = [pk for pk, _token in stale]
                # One writer for the whole run: segment merges go on in the background between
                # batches instead of being awaited after each (15 of 30 s per 10,000 entries).
                writer = writer or _open(directory()).writer(heap_size=WRITER_HEAP, num_threads=1)
                if not fresh:
                    for pk in ids:
                        writer.delete_documents_by_term("id", pk)
                for document in _documents(SearchEntry.objects.filter(pk__in=ids)):
                    writer.add_document(document)
                writer.commit()
                by_token = defaultdict(list)
                for pk, token in stale:
                    by_token[token].append(pk)
                for token, pks in by_token.items():
                    # An entry marked again since it was read keeps its (new) mark.
                    StaleSearchEntry.objects.filter(entry_id__in=pks, token=token).delete()
                state.generation += 1
                state.save(update_fields=["generation"])
                handled += len(stale)
    finally:
        if writer is not None:
            writer.wait_merging_threads()
        if handled >= VACUUM_AFTER:
            _vacuum_stale_list()


# Every search reads the stale list first. After a large run it is empty but, on PostgreSQL, full of
# dead rows that each search scans until a VACUUM reclaims them (at scale 1.0, 1.2 million dead rows
# after the first build: 6 ms per search, when autovacuum is off or has not come by yet).
VACUUM_AFTER = 5_000


def _vacuum_stale_list() -> None:
    from django.db import connection

    from chancery.portal.models import StaleSearchEntry

    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return  # SQLite reuses its free pages; VACUUM cannot run inside a transaction
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {connection.ops.quote_name(StaleSearchEntry._meta.db_table)}")


def rebuild() -> int:
    """Empty the index and write every entry again (after a restore, or a schema change)."""
    from chancery.portal.models import SearchEntry

    with transaction.atomic():
        index = _open(directory())  # creates it where it is missing
        writer = index.writer(heap_size=WRITER_HEAP, num_threads=1)
        writer.delete_all_documents()
        writer.commit()
        writer.wait_merging_threads()
        mark_stale(SearchEntry.objects.all())
    return sync(batch=20_000, fresh=True)


# --- searching -------------------------------------------------------------------------------


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
    from chancery.core.models.access import visibility_rule

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


def _filter_queries(filters, theme_id: int | None, view: DossierView | None = None) -> dict[str, TQuery]:
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
        if view is None:
            # An unknown theme matches nothing (a term no document carries).
            wanted["theme"] = TQuery.term_query(SCHEMA, "themes", theme_id if theme_id is not None else -1)
        else:
            wanted["theme"] = _dossiers_query(view.with_theme(theme_id))
    if filters.meeting:
        wanted["meeting"] = TQuery.term_query(SCHEMA, "meeting", int(filters.meeting))
    if filters.phase:
        if view is None:
            wanted["phase"] = TQuery.term_query(SCHEMA, "phase", filters.phase)
        else:
            wanted["phase"] = _dossiers_query(view.in_phase(filters.phase))
    return wanted


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
) -> Answer:
    """Hits and facet counts from the index, leaving out the `excluded` (stale) entries, over the
    entries `rule` admits (`rule_query`). Each facet is counted with the other facets' filters
    applied, as in the database engine. `reader_dossiers` (dossier ids → DossierView), for a
    reader who is not the public: the theme and phase facets and filters follow what that reader
    may know of the dossiers the query matches, instead of the public's (the index's fields)."""
    searcher = _reader.searcher(generation)
    base = text_query(query)
    if rule is not None:
        base = TQuery.boolean_query([(Occur.Must, base), (Occur.Must, rule)])
    fields = dict(FACET_FIELDS)
    view = None
    if reader_dossiers is not None:
        # The dossiers of every match (before any filter), as the database engine works out their
        # phases (service.dossier_phases over the matched entries).
        matched = searcher.aggregate(
            _combine(base, [], excluded), {"dossier": {"terms": {"field": "dossier", "size": DOSSIER_BUCKETS}}}
        )
        dossiers = {int(key) for key in _counts(matched, "dossier")}
        if len(dossiers) >= DOSSIER_BUCKETS:
            raise CannotAnswer(f"{len(dossiers)} dossiers matched: the count may be cut off")
        view = reader_dossiers(dossiers)
        fields.update({name: "dossier" for name in DOSSIER_FACETS})
    wanted = _filter_queries(filters, theme_id, view)
    everything = _combine(base, list(wanted.values()), excluded)

    def top():
        order = {"order_by_field": "recency"} if sort == "date" else {}
        result = searcher.search(everything, limit=limit, offset=offset, count=True, **order)
        return result.count, [(searcher.doc(address)["id"][0], float(score)) for score, address in result.hits]

    def terms(names):
        # Enough buckets for every value but meetings, of which the page shows the ten with most hits
        # (twenty asked, so that ties at the tenth are broken by date as in the database engine).
        sizes = {"meeting": 20, "theme": DOSSIER_BUCKETS, "phase": DOSSIER_BUCKETS}
        return {n: {"terms": {"field": fields[n], "size": sizes.get(n, 10_000)}} for n in names}

    def counted(query, names):
        aggregation = searcher.aggregate(query, terms(names))
        counts = {name: _counts(aggregation, name) for name in names}
        if view is not None:
            counts.update({name: _through_view(view, name, counts[name]) for name in DOSSIER_FACETS if name in counts})
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
