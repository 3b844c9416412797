"""Publications in the Belgian Official Gazette, their steps and dates."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chancery.core.visibility import ReadableQuerySet
from chancery.decisions.models.items import AgendaItem


class RegulationType(models.TextChoices):
    DECREE = "decree", _("Decree")
    GOVERNMENT_DECISION = "government_decision", _("Decision of the Flemish Government")
    MINISTERIAL_DECISION = "ministerial_decision", _("Ministerial decision")
    COOPERATION_AGREEMENT = "cooperation_agreement", _("Cooperation agreement")
    OTHER = "other", _("Other act")


class PublicationStep(models.TextChoices):
    """The steps of a publication in the Belgian Official Gazette (Kaleidos' publication flow)."""

    STARTED = "started", _("Publication requested")
    TRANSLATION_REQUESTED = "translation_requested", _("Translation requested")
    TRANSLATION_RECEIVED = "translation_received", _("Translation received")
    PROOF_REQUESTED = "proof_requested", _("Proof requested")
    PROOF_RECEIVED = "proof_received", _("Proof received")
    PROOF_CORRECTED = "proof_corrected", _("Proof corrected")
    PUBLICATION_REQUESTED = "publication_requested", _("Publication requested from the Gazette")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


class Publication(models.Model):
    """The publication of a decided act in the Belgisch Staatsblad, with its steps and deadlines."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    number = models.CharField(_("number"), max_length=20, unique=True)
    decision_item = models.ForeignKey(
        AgendaItem, verbose_name=_("decision"), on_delete=models.PROTECT, related_name="publications"
    )
    regulation_type = models.CharField(_("type of act"), max_length=24, choices=RegulationType.choices)
    urgent = models.BooleanField(_("urgent"), default=False)
    target_date = models.DateField(_("desired publication date"), null=True, blank=True)
    planned_date = models.DateField(_("planned publication date"), null=True, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    numac = models.CharField(_("NUMAC number"), max_length=20, blank=True)
    step = models.CharField(_("step"), max_length=24, choices=PublicationStep.choices, default=PublicationStep.STARTED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.number}: {self.decision_item.short_title}"

    def get_absolute_url(self) -> str:
        return reverse("decisions:publication_detail", args=[self.uuid])


class PublicationEvent(models.Model):
    """One step of a publication, on its date (the date the step happened, not when it was typed)."""

    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="events")
    step = models.CharField(_("step"), max_length=24, choices=PublicationStep.choices)
    on = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("publication step")
        verbose_name_plural = _("publication steps")
        ordering = ["publication", "on", "pk"]

    def __str__(self) -> str:
        return f"{self.publication.number}: {self.get_step_display()} ({self.on})"
