"""Use cases of the core. Each checks permission, changes the data in one transaction, writes the
audit trail, and schedules follow-up work, so that web, admin, API and commands behave alike."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chancery.core import audit, events, permissions
from chancery.core.authz import require
from chancery.core.background import defer
from chancery.core.extraction import extract_version_text
from chancery.core.files import inspect_upload
from chancery.core.models import (
    AccessLevel,
    AuditAction,
    Confidential,
    Document,
    DocumentKind,
    DocumentVersion,
    Mandatee,
    ReleaseState,
)
from chancery.core.rendition import RENDERED_FORMATS, render_version_pdf
from chancery.core.signals import document_version_added

DOCUMENT_AUDIT_FIELDS = ("title", "kind", "description", "access_level", "concerned_mandatees", "named_users")
VERSION_AUDIT_FIELDS = ("number", "original_filename", "file_format", "size", "sha256")

# Allowed release moves. Released is final: what the public has seen cannot be taken back
# silently (Kaleidos: "Beslissingen vrijgeven" cannot be undone).
RELEASE_TRANSITIONS = {
    (ReleaseState.PLANNED, ReleaseState.CONFIRMED),
    (ReleaseState.CONFIRMED, ReleaseState.PLANNED),
    (ReleaseState.CONFIRMED, ReleaseState.RELEASED),
}


def _blob_name(sha256: str) -> str:
    return f"documents/{sha256[:2]}/{sha256[2:4]}/{sha256}"


class _StoredBlob:
    """Content-addressed storage of one upload. Same bytes, same name: stored once, never overwritten.

    If the surrounding transaction fails, a blob this upload created is removed again, so a
    failed upload leaves neither a row nor a file behind.
    """

    def __init__(self, inspected, upload):
        self.storage = storages["documents"]
        name = _blob_name(inspected.sha256)
        self.created = False
        if self.storage.exists(name):
            self.name = name
        else:
            upload.seek(0)
            self.name = self.storage.save(name, upload)
            self.created = True

    def discard_if_orphan(self) -> None:
        if self.created and not DocumentVersion.objects.filter(file=self.name).exists():
            self.storage.delete(self.name)


def _create_version(actor, document: Document, upload, number: int, source: str, reason: str) -> DocumentVersion:
    inspected = inspect_upload(upload)
    blob = _StoredBlob(inspected, upload)
    try:
        with transaction.atomic():
            version = DocumentVersion(
                document=document,
                number=number,
                original_filename=inspected.filename,
                file_format=inspected.file_format,
                mime_type=inspected.mime_type,
                size=inspected.size,
                sha256=inspected.sha256,
                uploaded_by=actor,
            )
            version.file.name = blob.name
            version.save()
            Document.objects.filter(pk=document.pk).update(version_count=number, updated_at=timezone.now())
            document.version_count = number
            audit.record(
                actor,
                AuditAction.CREATE,
                version,
                after=audit.snapshot(version, VERSION_AUDIT_FIELDS),
                reason=reason,
                source=source,
            )
            document_version_added.send(sender=DocumentVersion, version=version)
            events.emit(
                "document.version_added",
                version,
                {"document": events.api_link("api:document-detail", version.document_id), "version": number},
            )
    except BaseException:
        blob.discard_if_orphan()
        raise
    _schedule_extraction(version)
    return version


def _schedule_extraction(version: DocumentVersion) -> None:
    """Text for search, and a PDF rendition of office files, in the background."""
    defer(extract_version_text, version.pk)
    if version.file_format in RENDERED_FORMATS:
        defer(render_version_pdf, version.pk)


def _check_level(actor, level: str) -> None:
    if level not in permissions.assignable_levels(actor):
        raise ValidationError({"access_level": _("You cannot give a document this access level.")}, code="access_level")


def _own_grants(actor, level: str, concerned: list, named: list) -> tuple[list, list]:
    """An author never locks themselves out: they are named on their document, and on a
    confidential one their own minister is among those concerned."""
    if permissions.grants_itself_everything(actor):
        return concerned, named
    if level == AccessLevel.CONFIDENTIAL and permissions.acts_for_concerned_members(actor):
        own = Mandatee.objects.active_on().represented_by(actor)
        concerned = list({m.pk: m for m in [*concerned, *own]}.values())
    if actor.pk not in {u.pk for u in named}:
        named = [*named, actor]
    return concerned, named


@transaction.atomic
def create_document(
    actor,
    *,
    title: str,
    upload,
    kind: str = DocumentKind.OTHER,
    access_level: str = AccessLevel.INTERNAL_COUNCIL,
    description: str = "",
    owner_entity=None,
    concerned_mandatees: Iterable = (),
    named_users: Iterable = (),
    released: bool = False,
    source: str | None = None,
) -> Document:
    """`released`: the document is released to its audience at once (a report the administration
    makes for itself). Releasing to the public stays the secretariat's act (`core.release`)."""
    require(actor, "core.upload_document")
    _check_level(actor, access_level)
    if released and access_level == AccessLevel.PUBLIC:
        require(actor, "core.release")
    concerned, named = _own_grants(actor, access_level, list(concerned_mandatees), list(named_users))
    document = Document.objects.create(
        title=title.strip(),
        kind=kind,
        description=description.strip(),
        access_level=access_level,
        owner_entity=owner_entity if owner_entity is not None else actor.entity,
        created_by=actor,
        release_state=ReleaseState.RELEASED if released else ReleaseState.PLANNED,
        released_at=timezone.now() if released else None,
    )
    document.concerned_mandatees.set(concerned)
    document.named_users.set(named)
    after = audit.snapshot(document, DOCUMENT_AUDIT_FIELDS)
    if released:
        after["release_state"] = document.release_state
    audit.record(actor, AuditAction.CREATE, document, after=after, source=source)
    _create_version(actor, document, upload, 1, source, reason="")
    return document


class StaleVersion(ValidationError):
    """A version was stored since the uploader loaded the document."""

    def __init__(self):
        super().__init__(
            _("Someone else stored a new version of this document in the meantime. Reload it and store yours again."),
            code="conflict",
        )


@transaction.atomic
def add_version(
    actor,
    document: Document,
    upload,
    *,
    reason: str = "",
    source: str | None = None,
    expected_revision: int | None = None,
) -> DocumentVersion:
    """A new version from an editor. `expected_revision` is the number of versions the editor saw
    (the form always sends it; None only for a module acting on its own): a stale one is refused,
    so nobody's file silently becomes the one in force over a version they never saw."""
    require(actor, "core.edit_document", document, _("You may not add a version to this document."))
    if expected_revision is not None:
        locked = Document.objects.select_for_update().get(pk=document.pk)
        if locked.version_count != expected_revision:
            raise StaleVersion()
    return add_derived_version(actor, document, upload, reason=reason, source=source)


@transaction.atomic
def add_derived_version(
    actor, document: Document, upload, *, reason: str, source: str | None = None
) -> DocumentVersion:
    """A new version made on a module's behalf (a signed copy, a PDF rendition): the calling module
    has checked that the actor may cause it. Same rules as any version: inspected, numbered n+1."""
    # Lock the document row so that two simultaneous uploads get numbers n+1 and n+2.
    locked = Document.objects.select_for_update().get(pk=document.pk)
    last = locked.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = _create_version(actor, locked, upload, last + 1, source, reason)
    document.version_count = locked.version_count
    return version


@transaction.atomic
def name_readers(actor, document: Document, users: Iterable, *, reason: str, source: str | None = None) -> list:
    """Name more persons on a document on a module's behalf (the readers a module's own rule gives
    it, e.g. the board's experts on a progress report): the calling module has checked that the
    actor may cause it. Only additions; audited with the reason."""
    locked = Document.objects.select_for_update().get(pk=document.pk)
    already = set(locked.named_users.values_list("pk", flat=True))
    added = [user for user in users if user.pk not in already]
    if added:
        locked.named_users.add(*added)
        audit.record(
            actor, AuditAction.UPDATE, locked, before={"named_users": sorted(already)},
            after={"named_users": sorted(already | {u.pk for u in added})}, reason=reason, source=source,
        )  # fmt: skip
    return added


class StaleDocument(ValidationError):
    """The document changed since the editor loaded it."""

    def __init__(self):
        super().__init__(
            _("Someone else changed this document in the meantime. Reload it and make your change again."),
            code="conflict",
        )


@transaction.atomic
def change_document(
    actor,
    document: Document,
    *,
    reason: str,
    expected_revision: int | None = None,
    source: str | None = None,
    **changes,
) -> Document:
    """Change metadata or access level. A reason is required: it goes into the trail.
    `expected_revision` is the revision the editor saw (an edit form always sends it; None only for
    a module acting on its own); a stale one is refused and nothing changes."""
    require(actor, "core.edit_document", document)
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason for the change.")}, code="reason")
    unknown = set(changes) - set(DOCUMENT_AUDIT_FIELDS)
    if unknown:
        raise ValueError(f"Not changeable: {sorted(unknown)}")
    document = Document.objects.select_for_update().get(pk=document.pk)
    if expected_revision is not None and document.revision != expected_revision:
        raise StaleDocument()
    before = audit.snapshot(document, DOCUMENT_AUDIT_FIELDS)
    level = changes.get("access_level", document.access_level)
    _check_level(actor, level)
    concerned = list(changes.pop("concerned_mandatees", document.concerned_mandatees.all()))
    named = list(changes.pop("named_users", document.named_users.all()))
    concerned, named = _own_grants(actor, level, concerned, named)
    for field, value in changes.items():
        setattr(document, field, value.strip() if isinstance(value, str) and field != "access_level" else value)
    document.full_clean(exclude=["created_by", "owner_entity"])
    document.revision += 1
    document.save()
    document.concerned_mandatees.set(concerned)
    document.named_users.set(named)
    after = audit.snapshot(document, DOCUMENT_AUDIT_FIELDS)
    if after != before:
        audit.record(actor, AuditAction.UPDATE, document, before=before, after=after, reason=reason, source=source)
    return document


@transaction.atomic
def set_release_state(
    actor, obj: Confidential, state: str, *, reason: str = "", source: str | None = None
) -> Confidential:
    """Move any confidential object along planned → confirmed → released."""
    require(actor, "core.release")
    locked = type(obj).objects.select_for_update().get(pk=obj.pk)
    if (locked.release_state, state) not in RELEASE_TRANSITIONS:
        raise ValidationError(
            _("An item cannot go from “%(old)s” to “%(new)s”."),
            code="release_transition",
            params={"old": ReleaseState(locked.release_state).label, "new": ReleaseState(state).label},
        )
    before = {"release_state": locked.release_state}
    locked.release_state = state
    if state == ReleaseState.RELEASED:
        locked.released_at = timezone.now()
    locked.save(update_fields=["release_state", "released_at"])
    audit.record(
        actor,
        AuditAction.STATE_CHANGE,
        locked,
        before=before,
        after={"release_state": state},
        reason=reason,
        source=source,
    )
    obj.release_state, obj.released_at = locked.release_state, locked.released_at
    return locked


def record_download(actor, version: DocumentVersion) -> None:
    """Downloads of anything not public are in the trail (who fetched which confidential file)."""
    if version.document.access_level != AccessLevel.PUBLIC:
        audit.record(actor, AuditAction.DOWNLOAD, version, after={"sha256": version.sha256})
