"""Dossiers, the procedure steps they run through, and the themes they are filed under."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chancery.core.models import Confidential
from chancery.core.visibility import ReadableQuerySet


class Theme(models.Model):
    """A policy field (beleidsveld) from the Government's code list (`policy_fields.py`): the themes
    under which the public finds decisions. A dossier has one or more."""

    uri = models.URLField(unique=True)
    label = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(max_length=80, unique=True)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["label"]

    def __str__(self) -> str:
        return self.label


class Dossier(Confidential):
    """A matter (dossier) that runs through procedure steps, e.g. a draft decree."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=500)
    short_title = models.CharField(_("short title"), max_length=200)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="dossiers")
    # Raised by every edit (its themes): a stale edit form is refused (services.dossiers).
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.short_title

    def get_absolute_url(self) -> str:
        return reverse("decisions:dossier_detail", args=[self.uuid])


class StepKind(models.TextChoices):
    PRINCIPLE_APPROVAL = "principle_approval", _("Principle approval")
    COUNCIL_OF_STATE_ADVICE = "council_of_state", _("Advice of the Council of State")
    ADVISORY_BOARD_ADVICE = "advisory_board", _("Advice of an advisory board")
    FINAL_APPROVAL = "final_approval", _("Final approval")
    RATIFICATION = "ratification", _("Ratification")
    ANNOUNCEMENT = "announcement", _("Announcement")
    OTHER = "other", _("Other step")


class ProcedureStep(Confidential):
    """A step of a dossier (procedurestap) that is put on an agenda, perhaps more than once."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="steps")
    kind = models.CharField(_("kind"), max_length=24, choices=StepKind.choices)
    title = models.CharField(_("title"), max_length=500)
    mandatees = models.ManyToManyField("core.Mandatee", verbose_name=_("submitting ministers"), related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("procedure step")
        verbose_name_plural = _("procedure steps")
        ordering = ["dossier", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.dossier.short_title}: {self.get_kind_display()}"
