"""Searching: the reader's query, filters, facets, sort and page, over what the reader may see."""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.safestring import mark_safe

from chancery.core.models import Mandatee
from chancery.decisions.models import Dossier, Meeting, Theme
from chancery.decisions.services.dossiers import dossier_histories, phase_key_label, phase_keys, phase_of
from chancery.portal.models import SearchEntry, SearchNode, StaleSearchEntry
from chancery.portal.search.engines import engine
from chancery.portal.search.tantivy_index import classes, indexer, schema, searching
from chancery.portal.search.text import WORD, Query, fold, parse, stem

PAGE_SIZE = 20
# Pages beyond are not shown (the engines would be asked for every hit before them: a page number of
# a billion asked the index for twenty billion).
MAX_PAGE = 1000
# Up to this many dossiers matched, the reader's view is read for them by id; above, for every
# dossier the reader may see (see reader_dossiers).
READER_DOSSIERS_LISTED = 500


def visible_entries(user):
    """Entries whose source the reader may see: the confidentiality layer decides, live (its rule
    applied through the entry's own item or document, so that a page of hits is checked by key)."""
    return SearchEntry.objects.visible_to(user)


@dataclass
class Filters:
    year: int | None = None
    kind: str = ""
    minister: int | None = None
    document_kind: str = ""
    theme: str = ""  # a Theme's slug
    meeting: int | None = None
    phase: str = ""  # a dossier phase key, "<step kind>:<state>" (services.dossiers.Phase.key)
    # Whose eyes judge which dossiers (and so which themes) count; search() sets it, and the dossiers
    # that are in the wanted phase (worked out once per search, not once per facet).
    reader: object = field(default=None, compare=False, repr=False)
    in_phase: frozenset = field(default=frozenset(), compare=False, repr=False)

    def themed(self, entries):
        """Entries whose item belongs to a dossier the reader may see (a theme is the dossier's)."""
        return entries.filter(item__step__dossier__in=Dossier.objects.visible_to(self.reader))

    def apply(self, entries):
        if self.year:
            entries = entries.filter(year=self.year)
        if self.kind:
            entries = entries.filter(kind=self.kind)
        if self.minister:
            entries = entries.filter(ministers=self.minister)
        if self.document_kind:
            entries = entries.filter(document_kind=self.document_kind)
        if self.theme:
            entries = self.themed(entries).filter(item__step__dossier__themes__slug=self.theme)
        if self.meeting:
            entries = entries.filter(meeting=self.meeting)
        if self.phase:
            entries = entries.filter(item__step__dossier__in=self.in_phase)
        return entries


@dataclass
class Results:
    query: Query
    total: int
    hits: list
    facets: dict = field(default_factory=dict)
    page: int = 1

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))


def dossier_phases(entries, reader) -> dict:
    """The phase, as the reader may know it, of each dossier the entries' items belong to."""
    dossiers = list(Dossier.objects.visible_to(reader).filter(pk__in=entries.values("item__step__dossier")))
    histories = dossier_histories(dossiers, reader)
    return {dossier.pk: phase_of(histories[dossier.pk]) for dossier in dossiers}


def reader_dossiers(reader, dossier_ids) -> searching.DossierView:
    """What `reader` may know of these dossiers, for the index's theme and phase facets: the same
    rule and the same phases as the database engine's (`Filters.themed`, `dossier_phases`)."""
    visible = Dossier.objects.visible_to(reader)
    if len(dossier_ids) > READER_DOSSIERS_LISTED:
        # A broad query matches most dossiers: every dossier the reader may see, read through the
        # rule as a subquery, costs less than a list of thousands of ids compiled into each query.
        dossiers = visible
    else:
        dossiers = visible.filter(pk__in=dossier_ids)
    phases = {pk: key for pk, key in phase_keys(dossiers, reader).items() if pk in dossier_ids}
    themes = {pk: [] for pk in phases}
    for dossier, theme in Dossier.themes.through.objects.filter(dossier__in=dossiers).values_list(
        "dossier_id", "theme_id"
    ):
        if dossier in themes:
            themes[dossier].append(theme)
    return searching.DossierView(themes, phases)


def search(user, text: str, *, filters: Filters | None = None, sort: str = "relevance", page: int = 1) -> Results:
    query = parse(text)
    filters = filters or Filters()
    filters.reader = user
    if query.is_empty:
        return Results(query, 0, [])
    page = min(max(1, page), MAX_PAGE)
    # The index answers every reader, each through their own rule; the database when it cannot.
    try:
        results = _search_index(user, query, filters, sort, page)
    except searching.CannotAnswer:  # e.g. more dossiers matched than its facets can count
        results = None
    if results is None:
        results = _search_database(user, query, filters, sort, page)
    for hit in results.hits:
        hit.snippet = snippet(hit.body or hit.title, query)
        hit.title_marked = highlight(hit.title, query)
    return results


def _order(sort: str) -> list[str]:
    return ["-date", "-pk"] if sort == "date" else ["-rank", "-date", "-pk"]


def _database_part(user, query: Query, filters: Filters, entries, sort: str, limit: int, offset: int = 0):
    """Match in the database engine: (hit count, hits, facet counts) over `entries`."""
    matched = engine().match(entries, query)
    phases = dossier_phases(matched, user)
    filters.in_phase = frozenset(pk for pk, phase in phases.items() if phase.key == filters.phase)
    filtered = filters.apply(matched)
    total = filtered.count()
    hits = list(filtered.order_by(*_order(sort))[offset : offset + limit])
    return total, hits, facet_counts(matched, filters, phases)


def _search_database(user, query: Query, filters: Filters, sort: str, page: int) -> Results:
    total, hits, counts = _database_part(
        user, query, filters, visible_entries(user), sort, PAGE_SIZE, (page - 1) * PAGE_SIZE
    )
    return Results(query, total, hits, present(counts), page)


def _search_index(user, query: Query, filters: Filters, sort: str, page: int) -> Results | None:
    """The index, over what the reader's rule admits, with the stale entries answered by the
    database (tantivy_index explains why the sum is exact). None when the index cannot answer: the
    database does, alone."""
    node = indexer.this_node()
    stale = list(
        StaleSearchEntry.objects.filter(node=node).values_list("entry_id", flat=True)[: searching.OVERLAY_LIMIT + 1]
    )
    if len(stale) > searching.OVERLAY_LIMIT or not schema.available():
        return None
    generation = SearchNode.objects.filter(name=node).values_list("generation", flat=True).first()
    if generation is None:
        return None  # an index left from before this node joined (a copied folder): not trusted
    theme_id = Theme.objects.filter(slug=filters.theme).values_list("pk", flat=True).first() if filters.theme else None
    wanted = page * PAGE_SIZE
    public = searching.knows_as_public(user)
    reader = {
        "rule": searching.rule_query(user),
        # The public's view of the dossiers is in the index, and so is each reader class's; a
        # logged-in reader's own is worked out per search where their grants reach (tantivy_index.classes).
        "reader_dossiers": None if public else lambda ids: reader_dossiers(user, ids),
        "reader_class": None if public else classes.reader_class(user),
    }
    if not stale:
        answer = searching.search(
            query,
            filters,
            generation=generation,
            excluded=[],
            theme_id=theme_id,
            sort=sort,
            limit=PAGE_SIZE,
            offset=wanted - PAGE_SIZE,
            **reader,
        )
        ranked, total, counts = [pk for pk, _score in answer.hits], answer.total, answer.facets
    else:
        answer = searching.search(
            query,
            filters,
            generation=generation,
            excluded=stale,
            theme_id=theme_id,
            sort=sort,
            limit=wanted,
            offset=0,
            **reader,
        )
        overlay_total, overlay_hits, overlay_counts = _database_part(
            user, query, filters, visible_entries(user).filter(pk__in=stale), sort, wanted
        )
        ranked = _merge(answer.hits, overlay_hits, sort)[wanted - PAGE_SIZE : wanted]
        total = answer.total + overlay_total
        counts = {name: answer.facets.get(name, Counter()) + overlay_counts.get(name, Counter()) for name in FACETS}
    # The live rule has the last word on every hit shown.
    shown = visible_entries(user).in_bulk(ranked)
    if len(shown) < len(ranked):
        indexer.mark_stale([pk for pk in ranked if pk not in shown])
    return Results(query, total, [shown[pk] for pk in ranked if pk in shown], present(counts), page)


def _merge(index_hits: list[tuple[int, float]], database_hits: list, sort: str) -> list[int]:
    """One ranking of the index's hits and the database's (stale) hits: by date, exactly; by
    relevance, each engine's scores scaled to its best (the engines score on different scales)."""
    if sort == "date":
        keyed = [(key, pk) for pk, key in index_hits]
        keyed += [(schema.recency(hit.date, hit.pk), hit.pk) for hit in database_hits]
    else:
        best_index = max((score for _pk, score in index_hits), default=0) or 1.0
        best_database = max((hit.rank for hit in database_hits), default=0) or 1.0
        keyed = [(score / best_index, pk) for pk, score in index_hits]
        keyed += [(hit.rank / best_database, hit.pk) for hit in database_hits]
    return [pk for _key, pk in sorted(keyed, key=lambda pair: (-pair[0], -pair[1]))]


FACETS = ("year", "kind", "minister", "document_kind", "meeting", "phase", "theme")


def facet_counts(matched, filters: Filters, phases: dict) -> dict[str, Counter]:
    """Counts per facet value (keys: year, kind, mandatee id, document kind, meeting id, phase
    key, theme id), each facet counted with the other facets' filters applied."""

    def without(name):
        return Filters(**{**filters.__dict__, name: Filters().__dict__[name]}).apply(matched)

    def count(entries, field):
        return Counter(dict(entries.values_list(field).annotate(n=Count("pk", distinct=True)).order_by()))

    themed = filters.themed(without("theme")).filter(item__step__dossier__themes__isnull=False)
    counts = {
        "year": count(without("year"), "year"),
        "kind": count(without("kind"), "kind"),
        "document_kind": count(without("document_kind").exclude(document_kind=""), "document_kind"),
        "meeting": count(without("meeting").exclude(meeting=None), "meeting"),
        "theme": count(themed, "item__step__dossier__themes"),
        "minister": Counter(
            dict(
                SearchEntry.ministers.through.objects.filter(searchentry_id__in=without("minister").values("pk"))
                .values_list("mandatee_id")
                .annotate(n=Count("searchentry_id", distinct=True))
                .order_by()
            )
        ),
    }
    phase_entries: dict[str, set] = {}
    for entry, dossier in without("phase").exclude(item__step__dossier=None).values_list("pk", "item__step__dossier"):
        if dossier in phases:
            phase_entries.setdefault(phases[dossier].key, set()).add(entry)
    counts["phase"] = Counter({key: len(entries) for key, entries in phase_entries.items()})
    return counts


def present(counts: dict[str, Counter]) -> dict:
    """Facet counts as the search page shows them, with the meetings, ministers and themes they name."""
    meetings = sorted(
        ((meeting, counts["meeting"][meeting.pk]) for meeting in Meeting.objects.filter(pk__in=counts["meeting"])),
        key=lambda pair: (-pair[1], -pair[0].starts_at.timestamp()),
    )[:10]
    ministers = Mandatee.objects.filter(pk__in=counts["minister"]).select_related("person")
    themes = Theme.objects.filter(pk__in=counts["theme"])
    return {
        "year": sorted(counts["year"].items(), key=lambda pair: -pair[0]),
        "document_kind": sorted(counts["document_kind"].items()),
        "meeting": meetings,
        "phase": sorted(
            ((key, phase_key_label(key), n) for key, n in counts["phase"].items()),
            key=lambda row: (-row[2], row[1]),
        ),
        "kind": sorted(counts["kind"].items()),
        "minister": sorted(((m, counts["minister"][m.pk]) for m in ministers), key=lambda pair: -pair[1]),
        "theme": sorted(
            ((theme, counts["theme"][theme.pk]) for theme in themes), key=lambda pair: (-pair[1], pair[0].label)
        ),
    }


class _Marker:
    """Whether a word of a text is one the query looks for: worked out once per query, then asked
    of every word (stems and folds are cached per word)."""

    def __init__(self, query: Query):
        self.stems = frozenset(query.positive_stems())
        self.prefixes = tuple(c.stems[-1] for g in query.groups for c in g if c.prefix and not c.negated)

    def __call__(self, word: str) -> bool:
        return stem(word) in self.stems or (bool(self.prefixes) and fold(word).startswith(self.prefixes))


def highlight(text: str, query: Query, marker: _Marker | None = None) -> str:
    marks = marker or _Marker(query)
    out, last = [], 0
    for match in WORD.finditer(text):
        out.append(html.escape(text[last : match.start()]))
        word = match.group(0)
        out.append(f"<mark>{html.escape(word)}</mark>" if marks(word) else html.escape(word))
        last = match.end()
    out.append(html.escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece was escaped above


NOT_SPACE = re.compile(r"\S*")


def snippet(text: str, query: Query, width: int = 30) -> str:
    """About `width` words of the original text around the first match, as written (case and
    punctuation kept, runs of white space such as a PDF's line breaks as one space), escaped, with
    the matches marked."""
    marks = _Marker(query)
    found = list(WORD.finditer(text or ""))
    if not found:
        return ""
    first = next((i for i, match in enumerate(found) if marks(match.group(0))), 0)
    start = max(0, first - width // 3)
    end = min(len(found), start + width)
    # From the space before the first word to the space after the last: punctuation stuck to a word
    # ("(fase", "goed.") stays with it.
    begin = found[start].start() if start > 0 else 0
    while begin > 0 and not text[begin - 1].isspace():
        begin -= 1
    after = NOT_SPACE.match(text, found[end - 1].end()).end()
    excerpt = " ".join(text[begin:after].split())
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(found) else ""
    return mark_safe(prefix + str(highlight(excerpt, query, marks)) + suffix)  # noqa: S308 - highlight escapes
