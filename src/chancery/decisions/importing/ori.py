"""Meetings as council-information systems publish them through their APIs and Open Raadsinformatie
harvests them (the Notubiz meeting JSON: a meeting with `plannings`, `attributes`, nested
`agenda_items` and `documents`).

Documents are only links to the council system's files (PDF on api.notubiz.nl): the import does
not fetch them, so they are not imported; their items and meetings are."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _

from chancery.decisions.importing.records import Reading, SourceItem, SourceMeeting, Unreadable


def _uri(self_link: str | None, fallback: str) -> str:
    if not self_link:
        return fallback
    return self_link if "://" in self_link else f"https://{self_link}"


def _title(entry: dict) -> str:
    attributes = (entry.get("type_data") or {}).get("attributes") or []
    texts = [str(a.get("value") or "").strip() for a in attributes if isinstance(a, dict)]
    return next((t for t in texts if t), "")


def _when(text: str) -> datetime.datetime:
    moment = datetime.datetime.fromisoformat(text.strip().replace(" ", "T"))
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _items(entries, meeting_uri: str, reading: Reading, into: list[SourceItem]) -> None:
    for entry in entries or []:
        if not isinstance(entry, dict):
            continue
        uri = _uri((entry.get("type_data") or {}).get("self") or entry.get("self"), f"{meeting_uri}#{entry.get('id')}")
        heading = (entry.get("type_data") or {}).get("heading")
        if entry.get("confidential") or entry.get("permission_group", "public") != "public":
            reading.not_public += 1
        elif not heading:
            title = _title(entry)
            prefix = str((entry.get("type_data") or {}).get("title_prefix") or "").strip()
            into.append(SourceItem(uri=uri, title=f"{prefix} {title}".strip() if title else ""))
        _items(entry.get("agenda_items"), meeting_uri, reading, into)


def meeting(data: dict, position: str, reading: Reading) -> SourceMeeting:
    uri = _uri(data.get("self"), "")
    attributes = data.get("attributes") if isinstance(data.get("attributes"), dict) else {}
    plannings = [p for p in data.get("plannings") or [] if isinstance(p, dict) and p.get("start_date")]
    starts_at = None
    if plannings:
        try:
            starts_at = _when(str(plannings[0]["start_date"]))
        except ValueError:
            starts_at = None
    body = str(attributes.get("Titel") or data.get("body") or "").strip()
    found = SourceMeeting(position=position, uri=uri, starts_at=starts_at, body=body,
                          place=str(attributes.get("Locatie") or "").strip())  # fmt: skip
    _items(data.get("agenda_items"), uri, reading, found.items)
    return found


def read(path: Path) -> Reading:
    reading = Reading(source="ori")
    try:
        with path.open("rb") as handle:
            data = json.load(handle)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Unreadable(_("This is not valid JSON (%(error)s).") % {"error": exc}) from None
    records = data if isinstance(data, list) else [data]
    for number, record in enumerate(records, start=1):
        position = _("meeting %(number)d") % {"number": number}
        if not isinstance(record, dict) or record.get("type") != "meeting":
            raise Unreadable(
                _(
                    "Record %(number)d is not a meeting as council-information systems publish it "
                    '(no "type": "meeting").'
                )
                % {"number": number}
            )
        if record.get("confidential") or record.get("permission_group", "public") != "public":
            reading.not_public += 1
            continue
        reading.meetings.append(meeting(record, position, reading))
    return reading
