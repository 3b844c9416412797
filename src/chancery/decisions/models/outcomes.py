"""What came of a meeting: decisions (versioned, never overwritten), press summaries, minutes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chancery.core.visibility import ReadableQuerySet
from chancery.decisions.models.items import AgendaItem
from chancery.decisions.models.meetings import Meeting


class DecisionResult(models.TextChoices):
    """The result of treating an item (Kaleidos' decision result codes)."""

    APPROVED = "approved", _("Approved")
    POSTPONED = "postponed", _("Postponed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")


class Decision(models.Model):
    """What the Government decided on an item of a final agenda. Never overwritten: a correction is
    a new version (`version` n+1) with its reason; the latest version is the decision in force.
    Who may see it follows its item (visibility_q through `item__`)."""

    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="decisions")
    version = models.PositiveSmallIntegerField(default=1)
    result = models.CharField(_("result"), max_length=12, choices=DecisionResult.choices)
    text = models.TextField(_("decision"), blank=True)
    # The legal and factual grounds (besluit:motivering), published with the decision.
    motivation = models.TextField(_("motivation"), blank=True)
    document = models.ForeignKey(
        "core.Document",
        verbose_name=_("decision document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reference = models.CharField(_("number"), max_length=40, blank=True, help_text=_("VR YYYY DDMM DEC.nnnn"))
    reason = models.TextField(_("reason for the correction"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["item", "-version"]
        constraints = [models.UniqueConstraint(fields=["item", "version"], name="decision_version_unique")]

    def __str__(self) -> str:
        return f"{self.item.short_title}: {self.get_result_display()} (v{self.version})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("A decision is never overwritten: record a correction instead.")
        super().save(*args, **kwargs)


class PressSummary(models.Model):
    """The paragraph of the press summary ("kort bestek") on an item; editable until released."""

    item = models.OneToOneField(AgendaItem, on_delete=models.PROTECT, related_name="press_summary")
    text = models.TextField(_("press summary"))
    updated_at = models.DateTimeField(auto_now=True)
    # Raised by every edit: the form carries the revision its editor saw (0: none written yet), and
    # a stale one is refused (services.set_press_summary), so no text silently replaces another.
    revision = models.PositiveIntegerField(default=1)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("press summary")
        verbose_name_plural = _("press summaries")

    def __str__(self) -> str:
        return self.text[:80]


class Minutes(models.Model):
    """The minutes (notulen) of a meeting: a document whose versions are the successive texts."""

    meeting = models.OneToOneField(Meeting, on_delete=models.PROTECT, related_name="minutes")
    document = models.OneToOneField("core.Document", on_delete=models.PROTECT, related_name="+")

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return f"{_('Minutes')} {self.meeting}"
