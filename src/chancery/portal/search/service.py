"""Searching: the reader's query, filters, facets, sort and page, over what the reader may see."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.safestring import mark_safe

from chancery.core.models import Document, Mandatee
from chancery.decisions.models import AgendaItem, Dossier, Meeting, Theme
from chancery.decisions.services.dossiers import phase_key_label
from chancery.portal.models import SearchEntry
from chancery.portal.search.engines import engine
from chancery.portal.search.text import WORD, Query, fold, parse, stem, words

PAGE_SIZE = 20


def visible_entries(user):
    """Entries whose source the reader may see: the confidentiality layer decides, live."""
    items = AgendaItem.objects.visible_to(user).values("pk")
    documents = Document.objects.visible_to(user).values("pk")
    return SearchEntry.objects.filter(
        (Q(document__isnull=True) & Q(item__in=items)) | (Q(document__isnull=False) & Q(document__in=documents))
    )


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
    from chancery.decisions.services.dossiers import dossier_histories, phase_of

    dossiers = list(Dossier.objects.visible_to(reader).filter(pk__in=entries.values("item__step__dossier")))
    histories = dossier_histories(dossiers, reader)
    return {dossier.pk: phase_of(histories[dossier.pk]) for dossier in dossiers}


def search(user, text: str, *, filters: Filters | None = None, sort: str = "relevance", page: int = 1) -> Results:
    query = parse(text)
    filters = filters or Filters()
    filters.reader = user
    if query.is_empty:
        return Results(query, 0, [])
    matched = engine().match(visible_entries(user), query)
    phases = dossier_phases(matched, user)
    filters.in_phase = frozenset(pk for pk, phase in phases.items() if phase.key == filters.phase)
    filtered = filters.apply(matched)
    total = filtered.count()
    order = ["-date", "-pk"] if sort == "date" else ["-rank", "-date", "-pk"]
    page = max(1, page)
    hits = list(filtered.order_by(*order)[(page - 1) * PAGE_SIZE : page * PAGE_SIZE])
    for hit in hits:
        hit.snippet = snippet(hit.body or hit.title, query)
        hit.title_marked = highlight(hit.title, query)
    return Results(query, total, hits, facets(matched, filters, phases), page)


def facets(matched, filters: Filters, phases: dict) -> dict:
    """Counts per facet value, each facet counted with the other facets' filters applied."""

    def without(name):
        return Filters(**{**filters.__dict__, name: Filters().__dict__[name]}).apply(matched)

    themed = filters.themed(without("theme")).filter(item__step__dossier__themes__isnull=False)
    theme_counts = dict(
        themed.values_list("item__step__dossier__themes").annotate(n=Count("pk", distinct=True)).order_by()
    )

    years = without("year").values("year").annotate(n=Count("id", distinct=True)).order_by("-year")
    kinds = without("kind").values("kind").annotate(n=Count("id", distinct=True)).order_by("kind")
    ministers_ids = without("minister").values("pk")
    ministers = (
        Mandatee.objects.filter(
            pk__in=SearchEntry.ministers.through.objects.filter(searchentry_id__in=ministers_ids).values("mandatee_id")
        )
        .annotate(n=Count("pk"))
        .select_related("person")
    )
    counts = dict(
        SearchEntry.ministers.through.objects.filter(searchentry_id__in=ministers_ids)
        .values_list("mandatee_id")
        .annotate(n=Count("searchentry_id", distinct=True))
    )
    document_kinds = (
        without("document_kind")
        .exclude(document_kind="")
        .values("document_kind")
        .annotate(n=Count("id", distinct=True))
    )
    meeting_counts = dict(
        without("meeting")
        .exclude(meeting=None)
        .values_list("meeting")
        .annotate(n=Count("id", distinct=True))
        .order_by()
    )
    meetings = sorted(
        ((meeting, meeting_counts[meeting.pk]) for meeting in Meeting.objects.filter(pk__in=meeting_counts)),
        key=lambda pair: (-pair[1], -pair[0].starts_at.timestamp()),
    )[:10]
    phased = without("phase")
    phase_counts: dict[str, set] = {}
    for entry, dossier in phased.exclude(item__step__dossier=None).values_list("pk", "item__step__dossier"):
        if dossier in phases:
            phase_counts.setdefault(phases[dossier].key, set()).add(entry)
    return {
        "year": [(row["year"], row["n"]) for row in years],
        "document_kind": sorted((row["document_kind"], row["n"]) for row in document_kinds),
        "meeting": meetings,
        "phase": sorted(
            ((key, phase_key_label(key), len(entries)) for key, entries in phase_counts.items()),
            key=lambda row: (-row[2], row[1]),
        ),
        "kind": [(row["kind"], row["n"]) for row in kinds],
        "minister": sorted(((m, counts.get(m.pk, 0)) for m in ministers), key=lambda pair: -pair[1]),
        "theme": sorted(
            ((theme, theme_counts[theme.pk]) for theme in Theme.objects.filter(pk__in=theme_counts)),
            key=lambda pair: (-pair[1], pair[0].label),
        ),
    }


def _matches(word: str, query: Query) -> bool:
    stems = query.positive_stems()
    folded = fold(word)
    if stem(word) in stems:
        return True
    return any(c.prefix and folded.startswith(c.stems[0]) for g in query.groups for c in g if not c.negated)


def highlight(text: str, query: Query) -> str:
    out, last = [], 0
    for match in WORD.finditer(text):
        out.append(html.escape(text[last : match.start()]))
        word = match.group(0)
        out.append(f"<mark>{html.escape(word)}</mark>" if _matches(word, query) else html.escape(word))
        last = match.end()
    out.append(html.escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece was escaped above


def snippet(text: str, query: Query, width: int = 30) -> str:
    """About `width` words around the first match, with the matches marked."""
    tokens = words(text)
    first = next((i for i, w in enumerate(tokens) if _matches(w, query)), 0)
    start = max(0, first - width // 3)
    excerpt = " ".join(tokens[start : start + width])
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + width < len(tokens) else ""
    return mark_safe(prefix + str(highlight(excerpt, query)) + suffix)  # noqa: S308 - highlight escapes
