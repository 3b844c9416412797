"""Open data: bulk dumps of every released decision and public document (CSV, JSON Lines, Turtle),
rebuilt after each release and correction, through the same confidentiality layer as the pages (an
anonymous reader's view: nothing embargoed gets out), and described by a DCAT-AP catalogue."""

from __future__ import annotations

import io
import json

from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from chancery.core import csvfiles, links
from chancery.core.background import background
from chancery.core.models import Document
from chancery.decisions.models import AgendaItem, Decision
from chancery.portal import linkeddata, queries
from chancery.portal.queries import decision_path

FOLDER = "open-data"
DUMPS = {
    "decisions.csv": "text/csv; charset=utf-8",
    "decisions.jsonl": "application/jsonl; charset=utf-8",
    "decisions.ttl": "text/turtle; charset=utf-8",
    "documents.csv": "text/csv; charset=utf-8",
    "documents.jsonl": "application/jsonl; charset=utf-8",
}
DOCUMENT_FIELDS = [
    "id",
    "title",
    "kind",
    "created",
    "version",
    "file_format",
    "size",
    "sha256",
    "download",
    "permalink",
]
FIELDS = [
    "id", "meeting_date", "meeting", "item_kind", "item_number", "short_title", "title", "ministers", "result",
    "decision", "reference", "version", "permalink",
]  # fmt: skip


def rows(base_url: str):
    items = (
        AgendaItem.objects.visible_to(AnonymousUser())
        .filter(agenda__is_final=True, carried_over=False, decisions__isnull=False)
        .distinct()
        .select_related("agenda__meeting")
        .prefetch_related("mandatees__person", Prefetch("decisions", queryset=Decision.objects.order_by("-version")))
        .order_by("agenda__meeting__starts_at", "kind_order", "number")
    )
    for item in items.iterator(chunk_size=500):
        decision = item.decision
        meeting = item.agenda.meeting
        yield {
            "id": decision.pk,
            "meeting_date": timezone.localtime(meeting.starts_at).date().isoformat(),
            "meeting": f"{meeting.number}/{meeting.year}",
            "item_kind": item.kind,
            "item_number": item.number,
            "short_title": item.short_title,
            "title": item.title,
            "ministers": "; ".join(str(m.person) for m in item.mandatees.all()),
            "result": decision.result,
            "decision": decision.text,
            "reference": decision.reference,
            "version": decision.version,
            "permalink": base_url + decision_path(item),
        }


def document_rows(base_url: str):
    documents = (
        Document.objects.visible_to(AnonymousUser())
        .filter(agenda_links__isnull=False)
        .distinct()
        .prefetch_related("versions")
        .order_by("created_at", "pk")
    )
    for document in documents.iterator(chunk_size=500):
        latest = max(document.versions.all(), key=lambda version: version.number, default=None)
        if latest is None:
            continue
        yield {
            "id": str(document.uuid),
            "title": document.title,
            "kind": document.kind,
            "created": timezone.localtime(document.created_at).isoformat(),
            "version": latest.number,
            "file_format": latest.file_format,
            "size": latest.size,
            "sha256": latest.sha256,
            "download": base_url + latest.get_download_url(),
            "permalink": base_url + reverse("portal:document", args=[document.uuid]),
        }


def turtle(base_url: str) -> str:
    """Every released meeting as one graph, in the vocabulary of the permalinks' linked data."""
    anonymous = AnonymousUser()
    builder = linkeddata.Builder(base_url)
    for meeting in queries.meetings_with_decisions(anonymous).order_by("starts_at").iterator(chunk_size=100):
        builder.meeting(meeting, queries.meeting_items(meeting, anonymous))
    return builder.graph.serialize(format="turtle")


def _csv(fields, data) -> str:
    text = io.StringIO()
    writer = csvfiles.DictWriter(text, fieldnames=fields)
    writer.writeheader()
    writer.writerows(data)
    return text.getvalue()


def _jsonl(data) -> str:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in data)


def build(base_url: str) -> dict[str, int]:
    """Write every dump anew; returns the number of records in each."""
    decisions = list(rows(base_url))
    documents = list(document_rows(base_url))
    contents = {
        "decisions.csv": _csv(FIELDS, decisions),
        "decisions.jsonl": _jsonl(decisions),
        "decisions.ttl": turtle(base_url),
        "documents.csv": _csv(DOCUMENT_FIELDS, documents),
        "documents.jsonl": _jsonl(documents),
    }
    storage = storages["default"]
    for name, content in contents.items():
        path = f"{FOLDER}/{name}"
        if storage.exists(path):
            storage.delete(path)  # a dump is derived data, replaced as a whole
        storage.save(path, ContentFile(content.encode("utf-8")))
    return {name: len(documents if name.startswith("documents") else decisions) for name in DUMPS}


def available() -> list[dict]:
    """The dumps made so far, with their size and time."""
    storage = storages["default"]
    made = []
    for name, content_type in DUMPS.items():
        path = f"{FOLDER}/{name}"
        if storage.exists(path):
            made.append(
                {
                    "name": name,
                    "type": content_type,
                    "size": storage.size(path),
                    "modified": storage.get_modified_time(path),
                }
            )
    return made


@background(coalesce=True)  # every rebuild writes all the files: one waiting in the queue does for all
def rebuild_open_data() -> dict:
    return build(links.site_base())
