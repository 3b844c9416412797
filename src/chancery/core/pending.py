"""Files kept across a form shown again (issue 14: the end-user certificate had to be attached again
after every validation error).

A file that passed the upload inspection (`core.files.inspect_upload`) on a form that was not
carried out — shown again with its errors, or saved as a draft — is kept as a `PendingUpload` of
the user who sent it, under an unguessable key. The form shown again carries the key in a hidden
field (`core.forms.DocumentFileField` with its `PendingFileInput`) and says "already attached:
<name>"; sent again without a new file, the field takes the kept file, looked up by key *and* user,
so a key is worth nothing to anyone else. A new file replaces it.

Kept files are stored under `pending/` in the documents' storage, apart from the content-addressed
blobs (which are shared and never removed): removing one never touches a document's file. They
expire after `CHANCERY_PENDING_UPLOAD_HOURS` (24): an expired one is no longer found, and the
task `purge_expired`, queued (coalesced) whenever a file is kept, removes the abandoned ones with
their files; `chancery purge-pending-uploads` does the same at once. A saved draft *holds* its files
(`hold`): they do not expire, and leave with the draft (`discard`).
"""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from chancery.core.background import background, defer
from chancery.core.files import inspect_upload
from chancery.core.models import PendingUpload


def _expiry(now: datetime.datetime | None = None) -> datetime.datetime:
    return (now or timezone.now()) - datetime.timedelta(hours=settings.CHANCERY_PENDING_UPLOAD_HOURS)


def keep(user, upload) -> PendingUpload:
    """Keep an inspected upload for `user` (the inspection runs again if it has not yet)."""
    inspected = inspect_upload(upload)
    key = uuid.uuid4()
    upload.seek(0)
    pending = PendingUpload(key=key, user=user, filename=inspected.filename, size=upload.size)
    pending.file.save(f"pending/{key}", upload, save=False)
    try:
        pending.save()
    except Exception:
        pending.file.storage.delete(pending.file.name)
        raise
    defer(purge_expired)
    return pending


def find(user, key) -> PendingUpload | None:
    """The user's own kept file under `key`, if it is still there (expired ones are not found)."""
    try:
        key = uuid.UUID(str(key))
    except ValueError:
        return None
    if user is None or not user.is_authenticated:
        return None
    found = PendingUpload.objects.visible_to(user).filter(key=key, user=user).first()
    if found is None or (not found.held and found.created_at < _expiry()):
        return None
    return found


def reopen(pending: PendingUpload) -> UploadedFile:
    """The kept file as an upload again, under its original name, inspected again when cleaned."""
    upload = UploadedFile(file=pending.file.open("rb"), name=pending.filename, size=pending.size)
    upload.client_name = pending.filename
    upload.chancery_pending = pending
    return upload


def hold(pendings, held: bool = True) -> None:
    """A draft holds its files (they no longer expire) or lets them go."""
    keys = [p.pk for p in pendings if p is not None]
    if keys:
        PendingUpload.objects.filter(pk__in=keys).update(held=held, created_at=timezone.now())


def discard(pendings) -> None:
    """Remove kept files (used, or their draft deleted); the files go once the transaction commits."""
    rows = [p for p in pendings if p is not None and p.pk]
    names = [p.file.name for p in rows]
    PendingUpload.objects.filter(pk__in=[p.pk for p in rows]).delete()
    storage = PendingUpload._meta.get_field("file").storage

    def remove():
        for name in names:
            storage.delete(name)

    transaction.on_commit(remove)


@background(coalesce=True)  # one sweep waiting in the queue does for every file kept meanwhile
def purge_expired() -> int:
    """Remove the abandoned kept files (expired and held by no draft) and their stored files."""
    expired = list(PendingUpload.objects.filter(held=False, created_at__lt=_expiry()))
    discard(expired)
    return len(expired)
