"""Documents on agenda items: attaching them with their house number, and who may change them."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from chancery.core import audit
from chancery.core import services as core_services
from chancery.core.authz import require
from chancery.core.models import AuditAction, Document, Mandatee
from chancery.core.permissions import in_council, in_secretariat
from chancery.decisions.models import AgendaItem, DocumentCounter, ItemDocument, ItemKind
from chancery.decisions.permissions import is_open_for_documents, meeting_closed

PREFIXES = {ItemKind.NOTE: "DOC", ItemKind.ANNOUNCEMENT: "MED"}
# Latin ordinals for later versions of a document, as the house style writes them.
VERSION_SUFFIXES = ["", "BIS", "TER", "QUATER", "QUINQUIES", "SEXIES", "SEPTIES", "OCTIES", "NOVIES", "DECIES"]


def version_suffix(number: int) -> str:
    return VERSION_SUFFIXES[number - 1] if number <= len(VERSION_SUFFIXES) else f"v{number}"


def next_number(year: int, prefix: str) -> int:
    """Take the next yearly number for a prefix, under a row lock (no two items share one)."""
    counter, _created = DocumentCounter.objects.select_for_update().get_or_create(year=year, prefix=prefix)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def reference_for(item: AgendaItem, position: int) -> str:
    meeting = item.agenda.meeting
    day = timezone.localtime(meeting.starts_at)
    return f"VR {day:%Y} {day:%d%m} {PREFIXES[ItemKind(item.kind)]}.{item.document_number:04d}/{position}"


def attachable_items(user, items) -> set[int]:
    """Which of these items (mandatees prefetched) the user may add documents to, in one query:
    `decisions.attach_document` for many items at once."""
    if in_secretariat(user):
        return {item.pk for item in items if not meeting_closed(item)}
    if not in_council(user):
        return set()
    mine = set(Mandatee.objects.represented_by(user).values_list("pk", flat=True))
    return {item.pk for item in items if is_open_for_documents(item) and mine & {m.pk for m in item.mandatees.all()}}


@transaction.atomic
def attach_document(
    actor, item: AgendaItem, *, title: str, upload, kind: str = "note", access_level: str | None = None
) -> ItemDocument:
    """Upload a document onto an item: stored in the document store, numbered by the house rule."""
    item = AgendaItem.objects.select_for_update().select_related("agenda__meeting").get(pk=item.pk)
    require(actor, "decisions.attach_document", item)
    document = core_services.create_document(
        actor,
        title=title,
        kind=kind,
        upload=upload,
        access_level=access_level or item.access_level,
        concerned_mandatees=item.mandatees.all(),
    )
    if item.document_number is None:
        year = timezone.localtime(item.agenda.meeting.starts_at).year
        item.document_number = next_number(year, PREFIXES[ItemKind(item.kind)])
        # Every version of the item carries the same number.
        AgendaItem.objects.filter(lineage=item.lineage).update(document_number=item.document_number)
    position = (item.item_documents.aggregate(n=Max("position"))["n"] or 0) + 1
    link = ItemDocument.objects.create(
        item=item, document=document, position=position, reference=reference_for(item, position)
    )
    audit.record(actor, AuditAction.CREATE, link, after={"reference": link.reference, "document": document.pk})
    return link


def document_edit_guard(user, document: Document) -> bool:
    """Registered with core.permissions: a document on an approved agenda changes only through
    the secretariat (the core lets the secretariat through before asking guards)."""
    links = ItemDocument.objects.filter(document=document).select_related("item__agenda__meeting")
    return all(is_open_for_documents(link.item) for link in links)


def display_name(link: ItemDocument) -> str:
    version = link.document.version_count or 1
    suffix = version_suffix(version)
    return (
        f"{link.reference} {link.document.title} - {link.document.get_kind_display()}{' ' + suffix if suffix else ''}"
    )
