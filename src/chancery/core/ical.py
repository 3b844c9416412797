"""iCalendar (RFC 5545) of announced moments: a calendar of events with a start, a summary and a
link. Small enough to write here (escaping §3.3.11, folding at 75 octets §3.1, CRLF line ends,
UTC times); no library is needed for a feed that only lists events."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Event:
    uid: str
    start: datetime.datetime
    summary: str
    url: str = ""
    description: str = ""


def _text(value: str) -> str:
    return (
        value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
    )


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space, never inside a character."""
    parts, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def calendar(name: str, events: Iterable[Event], *, product: str = "-//Chancery//NL") -> str:
    stamp = _utc(datetime.datetime.now(datetime.UTC))
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{product}", "CALSCALE:GREGORIAN", f"X-WR-CALNAME:{_text(name)}"]
    for event in events:
        lines += ["BEGIN:VEVENT", f"UID:{event.uid}", f"DTSTAMP:{stamp}", f"DTSTART:{_utc(event.start)}"]
        lines.append(f"SUMMARY:{_text(event.summary)}")
        if event.description:
            lines.append(f"DESCRIPTION:{_text(event.description)}")
        if event.url:
            lines.append(f"URL:{event.url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)
