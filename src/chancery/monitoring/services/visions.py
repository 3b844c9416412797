"""The register of vision notes and futures studies, and their update cycle."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chancery.core import audit
from chancery.core.authz import require
from chancery.core.models import AuditAction
from chancery.monitoring.models import VisionNote

FIELDS = ("title", "kind", "owner", "last_update", "planned_update", "regions")


def _may_keep(actor) -> None:
    require(actor, "monitoring.keep_vision_notes")


def _check_dates(last_update: datetime.date, planned_update: datetime.date) -> None:
    if last_update > timezone.localdate():
        raise ValidationError({"last_update": _("The last update cannot lie in the future.")}, code="future")
    if planned_update < last_update:
        raise ValidationError({"planned_update": _("The next update comes after the last one.")}, code="order")


@transaction.atomic
def register(actor, **fields) -> VisionNote:
    _may_keep(actor)
    _check_dates(fields["last_update"], fields["planned_update"])
    themes = fields.pop("themes", [])
    note = VisionNote.objects.create(**fields)
    note.themes.set(themes)
    audit.record(actor, AuditAction.CREATE, note, after=audit.snapshot(note, FIELDS))
    return note


@transaction.atomic
def updated(actor, note: VisionNote, *, on: datetime.date, next_update: datetime.date) -> VisionNote:
    """The note was brought up to date on `on`; the next update is planned for `next_update`."""
    _may_keep(actor)
    _check_dates(on, next_update)
    before = audit.snapshot(note, FIELDS)
    note.last_update, note.planned_update = on, next_update
    note.save(update_fields=["last_update", "planned_update"])
    audit.record(actor, AuditAction.UPDATE, note, before=before, after=audit.snapshot(note, FIELDS))
    return note
