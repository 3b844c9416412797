"""The audit trail: an append-only record of who changed or fetched what, when, and why.

Nothing updates or deletes an entry: the queryset refuses `update`/`delete`/`bulk_update`,
the model refuses a second `save` and `delete`, and on PostgreSQL a trigger refuses UPDATE and
DELETE on the table itself (migration 0002), so raw SQL cannot rewrite history either.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditTrailIsAppendOnly(Exception):
    """Raised by any attempt to change or remove an audit entry."""


class AuditAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Changed")
    STATE_CHANGE = "state_change", _("State changed")
    DOWNLOAD = "download", _("Downloaded")
    DELETE = "delete", _("Deleted")
    REFUSAL = "refusal", _("Refused")


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditTrailIsAppendOnly("The audit trail cannot be updated.")

    def delete(self):
        raise AuditTrailIsAppendOnly("The audit trail cannot be deleted.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AuditTrailIsAppendOnly("The audit trail cannot be updated.")

    def update_or_create(self, *args, **kwargs):
        raise AuditTrailIsAppendOnly("The audit trail cannot be updated.")

    def for_object(self, obj: models.Model) -> AuditQuerySet:
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False), object_id=str(obj.pk)
        )


class AuditEntry(models.Model):
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        # An account that appears in the trail can be deactivated, never removed.
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_label = models.CharField(_("who (as recorded)"), max_length=200)
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    object_label = models.CharField(_("object"), max_length=300)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    source = models.CharField(_("channel"), max_length=20, default="web", help_text=_("web, admin, api, command, task"))

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"], name="audit_object_at")]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.get_action_display()} {self.object_label}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditTrailIsAppendOnly("An audit entry is written once and never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditTrailIsAppendOnly("An audit entry is never deleted.")

    @property
    def changes(self) -> list[tuple[str, object, object]]:
        """Changed fields for people: the field's label and choice labels instead of codes."""
        model = self.content_type.model_class()
        rows = []
        for name, old, new in self.changed_fields:
            try:
                field = model._meta.get_field(name)
            except Exception:  # noqa: BLE001 - a field since removed keeps its recorded name
                rows.append((name, old, new))
                continue
            choices = dict(field.flatchoices) if getattr(field, "choices", None) else {}

            def shown(value, choices=choices):
                return choices.get(value, value) if isinstance(value, (str, int)) else value

            rows.append((str(field.verbose_name), shown(old), shown(new)))
        return rows

    @property
    def changed_fields(self) -> list[tuple[str, object, object]]:
        before, after = self.before or {}, self.after or {}
        keys = list(dict.fromkeys([*before.keys(), *after.keys()]))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]
