"""Open data: bulk dumps of every released decision, rebuilt after each release, through the same
confidentiality layer as the pages (an anonymous reader's view: nothing embargoed gets out)."""

from __future__ import annotations

import csv
import io
import json

from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db.models import Prefetch
from django.utils import timezone

from chancery.decisions.models import AgendaItem, Decision
from chancery.portal.queries import decision_path

FOLDER = "open-data"
DUMPS = {
    "decisions.csv": "text/csv; charset=utf-8",
    "decisions.jsonl": "application/jsonl; charset=utf-8",
}
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


def build(base_url: str) -> dict[str, int]:
    """Write every dump anew; returns the number of records in each."""
    data = list(rows(base_url))
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=FIELDS)
    writer.writeheader()
    writer.writerows(data)
    lines = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in data)
    storage = storages["default"]
    for name, content in (("decisions.csv", text.getvalue()), ("decisions.jsonl", lines)):
        path = f"{FOLDER}/{name}"
        if storage.exists(path):
            storage.delete(path)  # a dump is derived data, replaced as a whole
        storage.save(path, ContentFile(content.encode("utf-8")))
    return {name: len(data) for name in DUMPS}
