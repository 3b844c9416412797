"""`import_decisions`: a government's history from another system's publications, through the same
services as the secretariat's own work (create the meeting, put the items on, approve the final
agenda, record the decisions, close, release), so the audit trail, the events, the search index and
the open-data dumps follow as they do for a meeting held in Chancery.

Every record (a meeting with its items; for ELI one act) is checked before it is written and
reported with its position; a real run imports each record in its own savepoint, whole or not at
all, and goes on past a bad one. Records are handled one at a time as the reader hands them out, so
a large file is never held whole (`limits`). With a fetcher (CHANCERY_IMPORT_FETCH_DOCUMENTS) the
documents a record links to are fetched before its savepoint and stored with it; a document that
cannot be fetched or stored is reported and the record is imported without it. Records are
matched on their source URI (`ImportedRecord`): a second run adds nothing. What is imported is
released public history: the source's non-public items are left out, nothing is embargoed or
confidential."""

from __future__ import annotations

import datetime
from contextlib import closing, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from chancery.core import audit
from chancery.core import services as core_services
from chancery.core.models import AccessLevel, AuditAction, DocumentKind, Mandatee, Person, User
from chancery.decisions import services
from chancery.decisions.importing import eli, ori, rdfa
from chancery.decisions.importing.fetching import Fetcher, FetchFailed, default_fetcher
from chancery.decisions.importing.lblod import meetings as lblod_meetings
from chancery.decisions.importing.limits import max_whole_bytes
from chancery.decisions.importing.records import Problem, Reading, SourceDocument, SourceMeeting, Unreadable
from chancery.decisions.models import (
    DecisionResult,
    ImportedRecord,
    ImportKind,
    ImportSource,
    ItemKind,
    MeetingKind,
    Release,
)

FORMATS = ("auto", "ori", "rdfa", "eli")
SUFFIXES = {".json": "ori", ".html": "rdfa", ".htm": "rdfa", ".xhtml": "rdfa", ".nt": "eli", ".ttl": "eli"}
IMPORT_ACCOUNT = "chancery-import"


@dataclass
class Report:
    dry_run: bool
    meetings: int = 0
    items: int = 0
    decisions: int = 0
    documents: int = 0
    skipped: int = 0
    errors: list[Problem] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "meetings": self.meetings,
            "items": self.items,
            "decisions": self.decisions,
            "documents": self.documents,
            "errors": [{"record": p.record, "reason": p.reason} for p in self.errors],
            "skipped": self.skipped,
        }


def files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)
    return [path]


def detect(path: Path) -> str:
    by_name = SUFFIXES.get(path.suffix.lower())
    if by_name:
        return by_name
    with path.open("rb") as handle:
        head = handle.read(2048).lstrip()
    if head[:1] in (b"{", b"["):
        return "ori"
    if head[:1] == b"<" and not head.startswith(b"<http"):
        return "rdfa"
    return "eli"


def read(path: Path, fmt: str) -> Reading:
    """What one file holds, in its format; `Unreadable` when the file as a whole is not readable.
    Meeting JSON and N-Triples are streamed (their records read as they are consumed); HTML with
    RDFa is parsed whole, so a larger file than `limits.max_whole_bytes()` is refused unread."""
    size = path.stat().st_size
    if size == 0:
        raise Unreadable(_("The file is empty."))
    fmt = detect(path) if fmt == "auto" else fmt
    if fmt == "ori":
        return ori.read(path)
    if fmt == "eli":
        return eli.read(path)
    if size > max_whole_bytes():
        raise eli.too_large_to_read_whole(path, size)
    processor = rdfa.parse(path, path.resolve().as_uri())
    reading = Reading(source="rdfa")
    lblod_meetings(processor.graph, reading, path.name, processor.order)
    if not reading.meetings:
        raise Unreadable(
            _("No RDFa in the OSLO decision vocabulary found (no besluit:Zitting); %(count)d statements in all.")
            % {"count": len(processor.graph)}
        )
    return reading


def check(meeting: SourceMeeting, now: datetime.datetime) -> list[str]:
    """The reasons a record cannot be imported (none: it can)."""
    reasons = []
    if not meeting.uri or "://" not in meeting.uri:
        reasons.append(_("The record has no source URI, so a second import could not recognise it."))
    if meeting.starts_at is None:
        reasons.append(_("The record has no date (or not one that can be read)."))
    elif meeting.starts_at > now:
        reasons.append(
            _("The date %(date)s lies in the future: only decisions already taken are imported.")
            % {"date": timezone.localtime(meeting.starts_at).strftime("%d-%m-%Y %H:%M")}
        )
    if not meeting.items:
        reasons.append(_("The record has no public agenda item."))
    for number, item in enumerate(meeting.items, start=1):
        if not item.title:
            reasons.append(_("Agenda item %(number)d (%(uri)s) has no title.") % {"number": number, "uri": item.uri})
        if not item.uri or "://" not in item.uri:
            reasons.append(_("Agenda item %(number)d has no source URI.") % {"number": number})
    return reasons


def import_account() -> User:
    """The account imports act as, on behalf of the secretariat: it cannot log in."""
    account, made = User.objects.system_account(IMPORT_ACCOUNT, first_name="Import")
    if made:
        audit.record(None, AuditAction.CREATE, account, after=audit.snapshot(account, ("username", "role")))
    return account


def _body(actor, name: str, day: datetime.date) -> Mandatee:
    """The body that decided (a council, the community that enacted a decree) as the item's
    submitter: an item needs one, and an outside body is no member of our Government. Its term is the
    day of the meeting only (one row per body and day), so it is never counted among the members
    present at a meeting of ours on another day (`attendance_members` reads the terms)."""
    title = Truncator(name or _("Imported decisions")).chars(200)
    mandatee = Mandatee.objects.filter(title=title, portfolio=IMPORTED_PORTFOLIO, start=day, end=day).first()
    if mandatee is None:
        person = Person.objects.filter(first_name="", last_name=Truncator(title).chars(100)).first()
        if person is None:
            person = Person.objects.create(first_name="", last_name=Truncator(title).chars(100))
        mandatee = Mandatee.objects.create(
            person=person, title=title, portfolio=IMPORTED_PORTFOLIO, precedence=999, start=day, end=day
        )
        audit.record(actor, AuditAction.CREATE, mandatee, after=audit.snapshot(mandatee, ("title", "start", "end")))
    return mandatee


# Marks the bodies made by the import (Dutch: it is shown as their portfolio).
IMPORTED_PORTFOLIO = "Geïmporteerde historische besluiten"


@dataclass
class Fetched:
    """A document of the record, fetched before its savepoint (None: not on this run)."""

    document: SourceDocument
    upload: TemporaryUploadedFile
    item_uri: str | None  # None: the meeting's own document


def _store_documents(actor, fetched: list[Fetched], items: dict, created, provenance: dict, where: str, report):
    """Each fetched document through the document services, in its own savepoint: one the store
    refuses (not a format it accepts, too large) is reported, and the record is imported without it.
    A document on an item is attached to it (released with the meeting's documents); the meeting's
    own documents are stored public and released at once."""
    stored = 0
    for each in fetched:
        document = each.document
        try:
            with transaction.atomic():
                if each.item_uri is None:
                    made = core_services.create_document(
                        actor,
                        title=Truncator(document.title or each.upload.name).chars(300),
                        upload=each.upload,
                        kind=DocumentKind.OTHER,
                        access_level=AccessLevel.PUBLIC,
                        released=True,
                    )
                    item = None
                else:
                    item = items[each.item_uri]
                    made = services.attach_document(
                        actor,
                        item,
                        title=Truncator(document.title or each.upload.name).chars(300),
                        upload=each.upload,
                        access_level=AccessLevel.PUBLIC,
                    ).document
                ImportedRecord.objects.create(
                    kind=ImportKind.DOCUMENT, source_uri=document.uri, item=item, document=made, **provenance
                )
            stored += 1
        except ValidationError as exc:
            report.errors.append(Problem(f"{where}, {document.uri}", " ".join(exc.messages)))
    return stored


def _write(
    actor, meeting: SourceMeeting, source: str, file_name: str, fetched=(), report=None, where=""
) -> tuple[int, int, int]:
    """One record through the secretariat's services, in the caller's savepoint."""
    now = timezone.now()
    day = timezone.localtime(meeting.starts_at).date()
    body = _body(actor, meeting.body, day)
    place = Truncator(meeting.place or meeting.body or _("unknown")).chars(200)
    created = services.create_meeting(actor, starts_at=meeting.starts_at, kind=MeetingKind.REGULAR, place=place)
    provenance = {"source": source, "file_name": file_name, "meeting": created, "imported_at": now,
                  "imported_by": actor}  # fmt: skip
    ImportedRecord.objects.create(
        kind=ImportKind.MEETING, source_uri=meeting.uri, same_as=meeting.same_as, **provenance
    )
    draft = services.current_draft(created)
    added = []
    for item in meeting.items:
        agenda_item = services.add_item(
            actor,
            draft,
            expected_revision=None,
            title=item.title,
            short_title=Truncator(item.title).chars(300),
            mandatees=[body],
            kind=ItemKind.NOTE,
            access_level=AccessLevel.PUBLIC,
        )
        ImportedRecord.objects.create(
            kind=ImportKind.ITEM, source_uri=item.uri, item=agenda_item, same_as=item.same_as, **provenance
        )
        added.append((item, agenda_item))
    services.approve_all_formally(actor, draft, expected_revision=None)
    services.approve_agenda(actor, draft, expected_revision=None, close=True)
    decisions = 0
    for item, agenda_item in added:
        stated = item.decision
        decision = services.record_decision(
            actor,
            agenda_item,
            # The source states a decision: it was taken. Without one, the item was treated (an agenda).
            result=DecisionResult.APPROVED if stated else DecisionResult.ACKNOWLEDGED,
            text=(stated.text or stated.title) if stated else "",
            motivation=stated.motivation if stated else "",
        )
        if stated:
            decisions += 1
            ImportedRecord.objects.create(
                kind=ImportKind.DECISION,
                source_uri=stated.uri,
                item=agenda_item,
                decision=decision,
                same_as=stated.same_as,
                **provenance,
            )
    documents = _store_documents(
        actor, list(fetched), {item.uri: agenda_item for item, agenda_item in added}, created, provenance, where, report
    ) if fetched else 0  # fmt: skip
    services.close_meeting(actor, created)
    scopes = [Release.Scope.DECISIONS]
    if any(each.item_uri for each in fetched) and documents:
        scopes.append(Release.Scope.DOCUMENTS)
    for scope in scopes:
        release = services.plan_release(actor, created, scope)
        services.confirm_release(actor, release)
        services.release_now(actor, release)
    return len(added), decisions, documents


def _documents_of(meeting: SourceMeeting) -> list[tuple[SourceDocument, str | None]]:
    """The record's documents with the item they belong to (None: the meeting), each URI once."""
    found, seen = [], set()
    for document, item_uri in [
        *((d, None) for d in meeting.documents),
        *((d, item.uri) for item in meeting.items for d in item.documents),
    ]:
        if document.uri not in seen:
            seen.add(document.uri)
            found.append((document, item_uri))
    return found


def _fetch(fetcher: Fetcher, meeting: SourceMeeting, where: str, report: Report) -> list[Fetched]:
    """The record's documents not imported before, fetched; each failure reported."""
    wanted = _documents_of(meeting)
    known = set(
        ImportedRecord.objects.filter(kind=ImportKind.DOCUMENT, source_uri__in=[d.uri for d, _i in wanted]).values_list(
            "source_uri", flat=True
        )
    )
    fetched = []
    for document, item_uri in wanted:
        if document.uri in known:
            continue
        try:
            fetched.append(Fetched(document, fetcher(document), item_uri))
        except FetchFailed as exc:
            report.errors.append(Problem(f"{where}, {document.uri}", str(exc)))
    return fetched


def import_decisions(
    path: Path, *, format: str = "auto", dry_run: bool = False, actor=None, fetcher: Fetcher | None = None
) -> Report:
    """Read PATH (a file, or a folder of files) and import what it holds; see the module's text.
    `fetcher`: how documents are fetched (`importing.fetching`); by default the HTTP fetcher when
    CHANCERY_IMPORT_FETCH_DOCUMENTS is on, else documents are not fetched."""
    report = Report(dry_run=dry_run)
    fetcher = fetcher or default_fetcher()
    run = _Run(report, timezone.now(), fetcher, actor)
    for file in files(path):
        try:
            reading = read(file, format)
        except Unreadable as exc:
            report.errors.append(Problem(file.name, str(exc)))
            continue
        meetings = iter(reading.meetings)
        with closing(meetings) if hasattr(meetings, "close") else nullcontext():
            while True:
                try:
                    meeting = next(meetings)
                except StopIteration:
                    break
                except Unreadable as exc:
                    # A streamed file breaks off here: the records before it are imported, whole.
                    report.errors.append(Problem(file.name, str(exc)))
                    break
                run.take(meeting, reading.source, file.name)
        report.skipped += reading.not_public
        report.errors.extend(reading.problems)
    return report


class _Run:
    """One run of the import: each record checked, then written (or counted, on a dry run)."""

    def __init__(self, report: Report, now, fetcher: Fetcher | None, actor):
        self.report, self.now, self.fetcher, self.actor = report, now, fetcher, actor
        # Where each URI of this run was met (URIs only, not the records: memory follows the count).
        self.seen: dict[str, str] = {}

    def take(self, meeting: SourceMeeting, source: str, file_name: str) -> None:
        report = self.report
        where = f"{file_name}, {meeting.position}" + (f" ({meeting.uri})" if meeting.uri else "")
        reasons = check(meeting, self.now)
        uris = [meeting.uri, *(i.uri for i in meeting.items)]
        for uri in uris:
            if uri and uri in self.seen and not reasons:
                reasons.append(
                    _("The same record (%(uri)s) is also at %(other)s.") % {"uri": uri, "other": self.seen[uri]}
                )
        if reasons:
            report.errors.append(Problem(where, " ".join(reasons)))
            return
        self.seen.update(dict.fromkeys(uris, where))
        if ImportedRecord.objects.filter(kind=ImportKind.MEETING, source_uri=meeting.uri).exists():
            report.skipped += 1
            return
        if self.dry_run_count(meeting):
            return
        self.actor = self.actor or import_account()
        fetched = _fetch(self.fetcher, meeting, where, report) if self.fetcher else []
        try:
            with transaction.atomic():
                items, decisions, documents = _write(
                    self.actor, meeting, ImportSource(source), file_name, fetched, report, where
                )
        except IntegrityError:
            # An item or decision of this record was imported before with another meeting.
            messages = [_("Part of this record was already imported with another meeting (the same source URI).")]
            report.errors.append(Problem(f"{file_name}, {meeting.position} ({meeting.uri})", " ".join(messages)))
            return
        except (ValidationError, PermissionDenied) as exc:
            messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
            report.errors.append(Problem(f"{file_name}, {meeting.position} ({meeting.uri})", " ".join(messages)))
            return
        finally:
            for each in fetched:
                each.upload.close()
        report.meetings += 1
        report.items += items
        report.decisions += decisions
        report.documents += documents

    def dry_run_count(self, meeting: SourceMeeting) -> bool:
        if not self.report.dry_run:
            return False
        self.report.meetings += 1
        self.report.items += len(meeting.items)
        self.report.decisions += sum(1 for i in meeting.items if i.decision)
        if self.fetcher:
            self.report.documents += len(_documents_of(meeting))
        return True
