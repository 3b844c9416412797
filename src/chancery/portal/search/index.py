"""Keeping the search index up to date: what is decided, summarised or documented is (re)indexed in
the same transaction as the change (signal receivers in portal.signals)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from chancery.portal.models import SearchEntry, SearchKind
from chancery.portal.queries import decision_path
from chancery.portal.search.engines import engine
from chancery.portal.search.tantivy_index.indexer import mark_stale
from chancery.portal.search.text import analyse


def _write(key: str, ministers, **fields) -> SearchEntry:
    fields["title_index"] = analyse(fields["title"])
    fields["body_index"] = analyse(fields.get("body", ""))
    entry, _created = SearchEntry.objects.update_or_create(key=key, defaults=fields)
    entry.ministers.set(ministers)
    engine().write(entry)
    mark_stale(SearchEntry.objects.filter(pk=entry.pk))
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


@transaction.atomic
def index_document(document, item) -> SearchEntry:
    """A document on an item: its title and the text extracted from its latest version."""
    meeting = item.agenda.meeting
    day = timezone.localtime(meeting.starts_at).date()
    latest = document.latest_version
    return _write(
        f"document:{document.pk}",
        item.mandatees.all(),
        kind=SearchKind.DOCUMENT,
        document=document,
        item=item,
        meeting=meeting,
        title=document.title,
        body=(latest.text if latest else "")[:200_000],
        url=latest.get_download_url() if latest else "",
        date=day,
        year=day.year,
        document_kind=document.kind,
    )
