"""Provenance of what was imported from another system's publications (issue 22)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chancery.core.visibility import ReadableQuerySet
from chancery.decisions.models.items import AgendaItem
from chancery.decisions.models.meetings import Meeting
from chancery.decisions.models.outcomes import Decision


class ImportSource(models.TextChoices):
    """The formats `chancery import-decisions` reads."""

    ORI = "ori", _("Open Raadsinformatie meeting (JSON)")
    RDFA = "rdfa", _("LBLOD publication (HTML with RDFa)")
    ELI = "eli", _("ELI legislation (N-Triples or Turtle)")


class ImportKind(models.TextChoices):
    MEETING = "meeting", _("meeting")
    ITEM = "item", _("agenda item")
    DECISION = "decision", _("decision")
    DOCUMENT = "document", _("document")


class ImportedRecord(models.Model):
    """Where one imported object came from: the source format, its URI there, the file and the
    moment it was imported. A second import of the same URI finds this row and adds nothing.

    Every row belongs to the meeting it was imported with (a decision and its item to their meeting),
    so who may read it follows that meeting."""

    source = models.CharField(_("source"), max_length=8, choices=ImportSource.choices)
    source_uri = models.URLField(_("source URI"), max_length=1000)
    kind = models.CharField(_("kind"), max_length=10, choices=ImportKind.choices)
    file_name = models.CharField(_("file"), max_length=300)
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="imported_records")
    item = models.ForeignKey(AgendaItem, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decision = models.ForeignKey(Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    document = models.ForeignKey("core.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # Other URIs the source gives the same thing (owl:sameAs, e.g. the French ELI of a decree).
    same_as = models.JSONField(_("same as"), default=list, blank=True)
    imported_at = models.DateTimeField(_("imported at"), default=timezone.now)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("imported record")
        verbose_name_plural = _("imported records")
        ordering = ["imported_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["kind", "source_uri"], name="imported_once_per_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.source_uri}"
