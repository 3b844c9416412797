"""Cabinets' proposals for the agenda (indieningen)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chancery.core.models import AccessLevel, Confidential
from chancery.core.models.access import NAMEABLE_LEVEL_CHOICES
from chancery.decisions.models.dossiers import ProcedureStep, StepKind
from chancery.decisions.models.items import AgendaItem, ItemKind
from chancery.decisions.models.meetings import Meeting


class SubmissionState(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    SENT_BACK = "sent_back", _("Sent back")
    RESUBMITTED = "resubmitted", _("Submitted again")
    ACCEPTED = "accepted", _("Accepted onto the agenda")


class Submission(Confidential):
    """A cabinet's proposal for the agenda of a meeting (indiening). Confidential to the submitting
    ministers' cabinets and the secretariat until it is accepted and becomes an item."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="submissions"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ItemKind.choices, default=ItemKind.NOTE)
    title = models.TextField(_("title"))
    short_title = models.CharField(_("short title"), max_length=300)
    mandatees = models.ManyToManyField("core.Mandatee", verbose_name=_("submitting ministers"), related_name="+")
    step = models.ForeignKey(
        ProcedureStep,
        verbose_name=_("procedure step"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    step_kind = models.CharField(
        _("procedure step"), max_length=24, choices=StepKind.choices, default=StepKind.PRINCIPLE_APPROVAL
    )
    item_access_level = models.CharField(
        _("access level of the item"),
        max_length=24,
        choices=NAMEABLE_LEVEL_CHOICES,
        default=AccessLevel.PUBLIC,
    )
    state = models.CharField(
        _("state"), max_length=12, choices=SubmissionState.choices, default=SubmissionState.SUBMITTED
    )
    remarks = models.TextField(_("remarks of the secretariat"), blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(default=timezone.now)
    item = models.ForeignKey(AgendaItem, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    documents = models.ManyToManyField("core.Document", verbose_name=_("documents"), blank=True, related_name="+")

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return self.short_title

    def get_absolute_url(self) -> str:
        return reverse("decisions:submission_detail", args=[self.uuid])
