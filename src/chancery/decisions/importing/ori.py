"""Meetings as council-information systems publish them through their APIs and Open Raadsinformatie
harvests them (the Notubiz meeting JSON: a meeting with `plannings`, `attributes`, nested
`agenda_items` and `documents`).

Documents are links to the council system's files (PDF on api.notubiz.nl), read as
`SourceDocument`s of their meeting or item; the import fetches them only when
CHANCERY_IMPORT_FETCH_DOCUMENTS is on (`fetching`).

The file is read incrementally (ijson): a list of meetings one meeting at a time, so memory follows
the largest meeting, not the file (`limits`)."""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterator
from pathlib import Path

import ijson
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from ijson.common import ObjectBuilder

from chancery.decisions.importing.limits import max_record_bytes
from chancery.decisions.importing.records import (
    Problem,
    Reading,
    SourceDocument,
    SourceItem,
    SourceMeeting,
    Unreadable,
)


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


def _documents(entries) -> list[SourceDocument]:
    """The public documents an entry links to (a confidential one is left out, as its item would be)."""
    found = []
    for entry in entries or []:
        if not isinstance(entry, dict) or entry.get("confidential") or not entry.get("url"):
            continue
        url = _uri(str(entry["url"]), "")
        versions = [v for v in entry.get("versions") or [] if isinstance(v, dict)]
        latest = versions[-1] if versions else {}
        found.append(
            SourceDocument(
                uri=_uri(entry.get("self"), url),
                url=url,
                title=str(entry.get("title") or latest.get("file_name") or "").strip(),
                file_name=str(latest.get("file_name") or "").strip(),
                media_type=str(latest.get("mime_type") or "").strip(),
            )
        )
    return found


def _items(entries, meeting: SourceMeeting, reading: Reading) -> None:
    for entry in entries or []:
        if not isinstance(entry, dict):
            continue
        uri = _uri((entry.get("type_data") or {}).get("self") or entry.get("self"), f"{meeting.uri}#{entry.get('id')}")
        heading = (entry.get("type_data") or {}).get("heading")
        if entry.get("confidential") or entry.get("permission_group", "public") != "public":
            reading.not_public += 1
        elif heading:
            # A heading is no item: what it links to belongs to the meeting.
            meeting.documents.extend(_documents(entry.get("documents")))
        else:
            title = _title(entry)
            prefix = str((entry.get("type_data") or {}).get("title_prefix") or "").strip()
            meeting.items.append(
                SourceItem(
                    uri=uri,
                    title=f"{prefix} {title}".strip() if title else "",
                    documents=_documents(entry.get("documents")),
                )
            )
        _items(entry.get("agenda_items"), meeting, reading)


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
                          place=str(attributes.get("Locatie") or "").strip(),
                          documents=_documents(data.get("documents")))  # fmt: skip
    _items(data.get("agenda_items"), found, reading)
    return found


class _Counted:
    """The file as ijson reads it, counting the bytes read (a record's size, without building it)."""

    def __init__(self, handle):
        self.handle = handle
        self.position = 0

    def read(self, size: int = -1) -> bytes:
        chunk = self.handle.read(size)
        self.position += len(chunk)
        return chunk


def _not_json(exc) -> Unreadable:
    return Unreadable(_("This is not valid JSON (%(error)s).") % {"error": str(exc).strip() or type(exc).__name__})


def _records(path: Path, reading: Reading) -> Iterator[tuple[int, object]]:
    """(number, value) of each top-level record: the elements of a list, or the one object. A
    record larger than `max_record_bytes()` is not built: it is reported and passed over."""
    limit = max_record_bytes()
    with path.open("rb") as handle:
        counted = _Counted(handle)
        events = ijson.parse(counted, use_float=True)
        try:
            first = next(events)
        except StopIteration:
            return
        except ijson.JSONError as exc:
            raise _not_json(exc) from None
        # A list of meetings: its elements, one at a time; anything else: one record, the whole value.
        record_prefix = "item" if first[1] == "start_array" else ""
        number = 0
        builder = None
        started = 0
        too_large = False
        try:
            for prefix, event, value in events if record_prefix else itertools.chain([first], events):
                if builder is None and not too_large:
                    if prefix != record_prefix or event in ("end_array",):
                        continue
                    number += 1
                    if event in ("start_map", "start_array"):
                        builder, started = ObjectBuilder(), counted.position
                        builder.event(event, value)
                    else:
                        yield number, value
                    continue
                if not too_large:
                    builder.event(event, value)
                    if counted.position - started > limit:
                        too_large, builder = True, None
                if prefix == record_prefix and event in ("end_map", "end_array"):
                    if too_large:
                        reading.problems.append(
                            Problem(
                                f"{path.name}, " + _("meeting %(number)d") % {"number": number},
                                _(
                                    "The record is more than %(max)s; records up to that size are read. "
                                    "Split it into smaller records."
                                )
                                % {"max": filesizeformat(limit)},
                            )
                        )
                        too_large = False
                    else:
                        yield number, builder.value
                        builder = None
        except ijson.JSONError as exc:
            raise _not_json(exc) from None


def _meetings(path: Path, reading: Reading) -> Iterator[SourceMeeting]:
    for number, record in _records(path, reading):
        position = _("meeting %(number)d") % {"number": number}
        if not isinstance(record, dict) or record.get("type") != "meeting":
            reason = _(
                'Record %(number)d is not a meeting as council-information systems publish it (no "type": "meeting").'
            ) % {"number": number}
            if number == 1:
                # The first record already is not a meeting: the file is of another kind.
                raise Unreadable(reason)
            reading.problems.append(Problem(f"{path.name}, {position}", reason))
            continue
        if record.get("confidential") or record.get("permission_group", "public") != "public":
            reading.not_public += 1
            continue
        yield meeting(record, position, reading)


def read(path: Path) -> Reading:
    """The meetings of the file, read as they are consumed (`Unreadable` may come while reading)."""
    reading = Reading(source="ori")
    reading.meetings = _meetings(path, reading)
    return reading
