"""Writing and reading the audit trail. Every service calls `record` inside its transaction."""

from __future__ import annotations

import datetime
import decimal
import hashlib
import json
import uuid
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q

from chancery.core.context import channel
from chancery.core.models import AuditAction, AuditEntry


def jsonable(value):
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, models.fields.files.FieldFile):
        return value.name
    return value


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict:
    """The values of `fields` as JSON: foreign keys as their key, many-to-many as sorted keys."""
    data = {}
    for name in fields:
        field = obj._meta.get_field(name)
        if field.many_to_many:
            data[name] = sorted(obj.pk and getattr(obj, name).values_list("pk", flat=True) or [])
        elif field.is_relation:
            data[name] = getattr(obj, field.attname)
        else:
            data[name] = jsonable(getattr(obj, name))
    return data


def record(
    actor,
    action: AuditAction | str,
    obj: models.Model,
    *,
    before: dict | None = None,
    after: dict | None = None,
    reason: str = "",
    source: str | None = None,
) -> AuditEntry:
    """`source`: the channel; by default the one the entry point set (core.context)."""
    source = source or channel()
    user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=user,
        actor_label=(user.get_username() if user else "system")[:200],
        action=action,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_label=str(obj)[:300],
        before=before,
        after=after,
        reason=reason,
        source=source,
    )


def trail_for(*objects: models.Model):
    """The entries of one or more objects (say a document and its versions), newest first."""
    condition = Q(pk__in=[])
    by_type: dict[ContentType, list[str]] = {}
    for obj in objects:
        by_type.setdefault(ContentType.objects.get_for_model(obj, for_concrete_model=False), []).append(str(obj.pk))
    for content_type, ids in by_type.items():
        condition |= Q(content_type=content_type, object_id__in=ids)
    return AuditEntry.objects.filter(condition).select_related("actor", "content_type").order_by("-at", "-pk")


# The recorded fields of an entry, as written since the first migration: the digest of the trail
# covers exactly these, so a later column (with its default) does not change it.
TRAIL_FIELDS = (
    "id",
    "at",
    "actor_id",
    "actor_label",
    "action",
    "content_type_id",
    "object_id",
    "object_label",
    "before",
    "after",
    "reason",
    "source",
)


def trail_digest() -> dict:
    """A fingerprint of the whole trail: every entry in the order written, each hash taking in the
    one before (a chain), so that a changed, missing, added or reordered entry changes the last
    hash. A backup records it and a restore checks it (chancery.operations.backups)."""
    chained = hashlib.sha256()
    entries, last = 0, None
    rows = AuditEntry.objects.order_by("pk").values_list(*TRAIL_FIELDS)
    for row in rows.iterator(chunk_size=2000):
        canonical = json.dumps(dict(zip(TRAIL_FIELDS, row, strict=True)), sort_keys=True, cls=DjangoJSONEncoder)
        chained = hashlib.sha256(chained.digest() + canonical.encode("utf-8"))
        entries, last = entries + 1, row[0]
    return {"entries": entries, "last_id": last, "sha256": chained.hexdigest()}
