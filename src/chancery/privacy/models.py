"""A data subject's request (GDPR art. 15 and 17), as handled: what kind, by whom, when, and how
many rows were found, changed and kept. It holds no identity of the person: only the pseudonym
(a keyed hash of the identifier asked for), so two requests of the same person can be told apart
from others without the register keeping who they are."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chancery.core.visibility import ReadableQuerySet


class RequestKind(models.TextChoices):
    ACCESS = "access", _("Access (art. 15)")
    ERASURE = "erasure", _("Erasure or pseudonymisation (art. 17)")


class SubjectRequest(models.Model):
    kind = models.CharField(_("kind"), max_length=10, choices=RequestKind.choices)
    pseudonym = models.CharField(_("pseudonym"), max_length=40, db_index=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("handled by"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    made_at = models.DateTimeField(_("handled at"), default=timezone.now)
    found = models.PositiveIntegerField(_("rows found"), default=0)
    changed = models.PositiveIntegerField(_("rows pseudonymised"), default=0)
    kept = models.PositiveIntegerField(_("rows kept by law"), default=0)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("data subject request")
        verbose_name_plural = _("data subject requests")
        ordering = ["-made_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"
