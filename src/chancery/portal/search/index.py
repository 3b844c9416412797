"""Keeping the search entries up to date: what is decided, summarised or documented is (re)indexed in
the same transaction as the change (signal receivers in portal.signals). Every document has an
entry, whether or not it is on an agenda item: who finds it is decided by the document's own read
rule, live (`portal.readers`), never by whether it was indexed."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from chancery.core.models import Document, ExtractionState
from chancery.decisions.models import AgendaItem, Decision, ItemDocument
from chancery.portal.models import SearchEntry, SearchKind
from chancery.portal.queries import decision_path
from chancery.portal.search.engines import engine
from chancery.portal.search.tantivy_index.indexer import mark_stale
from chancery.portal.search.text import analyse

# The entry's foreign keys, compared by id (reading the related row would cost a query each).
RELATED = ("item", "document", "meeting")


def _same(entry: SearchEntry, name: str, value) -> bool:
    if name in RELATED:
        return getattr(entry, f"{name}_id") == (value.pk if value is not None else None)
    return getattr(entry, name) == value


def _write(key: str, ministers, **fields) -> SearchEntry:
    """Write the entry under `key` with these fields, and list it stale for the index; an entry that
    would not change is left as it is (a document is written again on many occasions: its saves, its
    versions, each agenda version it is copied to, its extraction, that mostly change nothing)."""
    ministers = {minister.pk for minister in ministers}
    entry = SearchEntry.objects.filter(key=key).first()
    if entry is None:
        entry = SearchEntry(key=key)
    elif all(_same(entry, name, value) for name, value in fields.items()) and ministers == set(
        entry.ministers.values_list("pk", flat=True)
    ):
        return entry
    if entry.pk is None or entry.title != fields["title"]:
        entry.title_index = analyse(fields["title"])
    if entry.pk is None or entry.body != fields.get("body", ""):
        entry.body_index = analyse(fields.get("body", ""))
    for name, value in fields.items():
        setattr(entry, name, value)
    entry.save()
    entry.ministers.set(ministers)
    engine().write(entry)
    mark_stale([entry.pk])
    return entry


@transaction.atomic
def index_item(item) -> SearchEntry | None:
    """A decided item of a final agenda: its titles, decision and press summary."""
    if not item.agenda.is_final or item.carried_over:
        return None
    decision = item.decision
    if decision is None:
        return None
    meeting = item.agenda.meeting
    summary = getattr(item, "press_summary", None)
    day = timezone.localtime(meeting.starts_at).date()
    return _write(
        f"item:{item.pk}",
        item.mandatees.all(),
        kind=SearchKind.DECISION,
        item=item,
        meeting=meeting,
        title=f"{item.short_title}. {item.title}",
        body="\n".join(part for part in (decision.text, summary.text if summary else "") if part),
        url=decision_path(item),
        date=day,
        year=day.year,
    )


def _document_item(document) -> AgendaItem | None:
    """The item a document belongs to, for its meeting, date, ministers and dossier: its copy on a
    final agenda (not carried over) where there is one, else its first copy on the latest meeting it
    is on (stable while the drafts of that meeting are copied), else the item it is the decision
    document of; None for a document on no item (a standalone document)."""
    links = list(ItemDocument.objects.filter(document=document).select_related("item__agenda__meeting"))
    if links:
        best = max(
            links,
            key=lambda link: (
                link.item.agenda.is_final and not link.item.carried_over,
                link.item.agenda.meeting.starts_at,
                -link.item_id,
            ),
        )
        return best.item
    decision = Decision.objects.filter(document=document).select_related("item__agenda__meeting").first()
    return decision.item if decision else None


def _searchable_text(document) -> str:
    """The text of the newest version whose text has been extracted: while a new version waits for
    its extraction, the document is still found by the words of the one before."""
    text = (
        document.versions.filter(extraction_state=ExtractionState.DONE)
        .order_by("-number")
        .values_list("text", flat=True)
        .first()
    )
    return (text or "")[:MAX_DOCUMENT_CHARS]


# A document's searchable text is capped (the body of one entry; the rest adds little to a match).
MAX_DOCUMENT_CHARS = 200_000


@transaction.atomic
def index_document(document) -> SearchEntry:
    """Any document, on an item or not: its title and the text extracted from its latest version
    (one entry per document, found by whoever may see the document: `portal.readers`). Its meeting,
    date and ministers are its item's when it is on one; else its own date of creation."""
    document = Document.objects.get(pk=document.pk)  # as committed so far, whatever the caller holds
    item = _document_item(document)
    if item is not None:
        meeting = item.agenda.meeting
        day = timezone.localtime(meeting.starts_at).date()
        ministers = item.mandatees.all()
    else:
        meeting, day, ministers = None, timezone.localtime(document.created_at).date(), []
    return _write(
        f"document:{document.pk}",
        ministers,
        kind=SearchKind.DOCUMENT,
        document=document,
        item=item,
        meeting=meeting,
        title=document.title,
        body=_searchable_text(document),
        url=reverse("portal:document", args=[document.uuid]),
        date=day,
        year=day.year,
        document_kind=document.kind,
    )
