"""What the readers of the three formats hand to the import: one plain shape for all of them.

A reader never touches the database. It hands out the meetings it finds one at a time (`meetings` is
an iterator: a large file is read as it is imported, never whole), each with its position in the
file, and collects the problems of records it could not read (position and reason); a problem with
the file as a whole (not JSON, no RDFa, unknown types only, too large for a format read whole)
raises `Unreadable`, when the reader is made or, for a streamed file, while its records are read."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field


class Unreadable(Exception):
    """The file as a whole cannot be read; the message says why, in the operator's language."""


@dataclass
class SourceDocument:
    """A file the source links to: `uri` names it (matched on a second run), `url` is where its
    bytes are fetched (only with CHANCERY_IMPORT_FETCH_DOCUMENTS: `importing.fetching`)."""

    uri: str
    url: str
    title: str
    file_name: str = ""
    media_type: str = ""


@dataclass
class SourceDecision:
    uri: str
    title: str = ""
    text: str = ""
    motivation: str = ""
    same_as: list[str] = field(default_factory=list)


@dataclass
class SourceItem:
    uri: str
    title: str
    decision: SourceDecision | None = None
    public: bool = True
    same_as: list[str] = field(default_factory=list)
    documents: list[SourceDocument] = field(default_factory=list)


@dataclass
class SourceMeeting:
    """One record of an import: a meeting with its items (for ELI: the Government's adoption of one
    act on its date), imported whole or not at all."""

    position: str
    uri: str
    starts_at: datetime.datetime | None
    body: str
    place: str = ""
    items: list[SourceItem] = field(default_factory=list)
    # The meeting's own documents (an agenda, a list of results), on none of its items.
    documents: list[SourceDocument] = field(default_factory=list)
    same_as: list[str] = field(default_factory=list)


@dataclass
class Problem:
    record: str
    reason: str


@dataclass
class Reading:
    """What a reader found in one file."""

    source: str
    # A list, or a generator that reads the file as it is consumed (and may raise `Unreadable`).
    meetings: Iterable[SourceMeeting] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Records the source says are not public (never imported: the import brings public history only).
    not_public: int = 0
