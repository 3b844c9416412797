"""Draft applications at the counter (issue 14): "Opslaan als ontwerp" keeps the form as it stands,
without its checks, with the files it holds; the applicant resumes it, deletes it or submits it
(`work.apply(..., draft=)` makes the case and removes the draft in one transaction).

A draft is not a case (docs/ARCHITECTURE.md, "Choices made for a new user"): it is read by its
author only (`readers.drafts`), so no inbox, count, search, export or API of cases can show it."""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from chancery.core import audit, pending
from chancery.core.authz import require
from chancery.core.forms import KEPT_SUFFIX
from chancery.core.models import AuditAction, PendingUpload
from chancery.procedures.engine import Procedure
from chancery.procedures.models import ApplicationDraft

# What a draft keeps of a sent form: everything but the page's own bookkeeping.
NOT_KEPT = {"csrfmiddlewaretoken", "form_token", "action", "draft"}
MAX_FIELDS = 2000  # the goods lines' formset tops at 50 rows of a handful of fields


def drafts_of(user):
    """The user's drafts (the read rule gives nobody any other's)."""
    return ApplicationDraft.objects.visible_to(user)


def find(user, pk) -> ApplicationDraft | None:
    """The user's own draft `pk`, else None (another's draft does not exist for them)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return drafts_of(user).filter(pk=pk).first() if user.is_authenticated else None


def _held_keys(fields: dict) -> set[str]:
    return {value for name, values in fields.items() if name.endswith(KEPT_SUFFIX) for value in values[:1]}


def _uploads(user, keys) -> list[PendingUpload]:
    valid = []
    for key in keys:
        try:
            valid.append(uuid.UUID(str(key)))
        except ValueError:
            continue
    return list(PendingUpload.objects.visible_to(user).filter(user=user, key__in=valid))


def form_data(draft: ApplicationDraft) -> QueryDict:
    """The draft's fields as the form sends them, to show it again."""
    data = QueryDict(mutable=True)
    for name, values in draft.fields.items():
        data.setlist(name, [str(v) for v in values])
    return data


def _own(user, draft: ApplicationDraft) -> None:
    if draft.user_id != user.pk:
        raise PermissionDenied(_("This draft is not yours."))


@transaction.atomic
def save_draft(
    user, procedure: Procedure, *, fields: dict, title: str = "", draft: ApplicationDraft | None = None,
    source: str | None = None,
) -> ApplicationDraft:  # fmt: skip
    """Keep the form as it stands (`fields`: {name: [values]}, its kept files under their keys), as
    a new draft or over `draft`. The files the draft holds no longer expire; those it let go do."""
    require(user, "procedures.apply")
    fields = {
        str(name): [str(v) for v in values][:50]
        for name, values in list(fields.items())[:MAX_FIELDS]
        if name not in NOT_KEPT
    }
    held = _uploads(user, _held_keys(fields))
    # Only the files this user kept: a key of anyone else's (or an expired one) is dropped.
    own_keys = {str(upload.key) for upload in held}
    fields = {
        name: values
        for name, values in fields.items()
        if not name.endswith(KEPT_SUFFIX) or (values and values[0] in own_keys)
    }
    title = (title or "").strip()[:300]
    if draft is None:
        draft = ApplicationDraft.objects.create(user=user, procedure=procedure.code, title=title, fields=fields)
        after = {"procedure": procedure.code, "title": title}
        audit.record(user, AuditAction.CREATE, draft, after=after, source=source)
    else:
        _own(user, draft)
        draft = ApplicationDraft.objects.select_for_update().get(pk=draft.pk)
        before = {"title": draft.title}
        let_go = [u for u in _uploads(user, _held_keys(draft.fields)) if u.pk not in {h.pk for h in held}]
        draft.title, draft.fields, draft.saved_at = title, fields, timezone.now()
        draft.save(update_fields=["title", "fields", "saved_at"])
        pending.discard(let_go)
        audit.record(user, AuditAction.UPDATE, draft, before=before, after={"title": title}, source=source)
    pending.hold(held)
    return draft


@transaction.atomic
def delete_draft(user, draft: ApplicationDraft, *, source: str | None = None) -> None:
    """The applicant throws their draft away, with the files it held."""
    _own(user, draft)
    _remove(user, draft, source=source, reason=_("Draft deleted"))


def _remove(user, draft: ApplicationDraft, *, source: str | None, reason: str) -> None:
    pending.discard(_uploads(user, _held_keys(draft.fields)))
    audit.record(
        user, AuditAction.DELETE, draft, before={"procedure": draft.procedure, "title": draft.title},
        reason=reason, source=source,
    )  # fmt: skip
    draft.delete()


def submitted(user, draft: ApplicationDraft, *, source: str | None = None) -> None:
    """The draft became a case (`work.apply`, in its transaction): it goes, with the files it held
    that the case did not take."""
    _own(user, draft)
    _remove(user, draft, source=source, reason=_("Draft submitted"))
