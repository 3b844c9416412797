"""Releases (vrijgave) of a meeting's decisions and documents."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from chancery.core.models import ReleaseState
from chancery.core.visibility import ReadableQuerySet
from chancery.decisions.models.meetings import Meeting


class Release(models.Model):
    """The planned release (vrijgave) of a meeting's decisions, or of its documents."""

    class Scope(models.TextChoices):
        DECISIONS = "decisions", _("Decisions and press summary")
        DOCUMENTS = "documents", _("Public documents")

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="releases")
    scope = models.CharField(_("what"), max_length=10, choices=Scope.choices)
    planned_at = models.DateTimeField(_("planned for"))
    state = models.CharField(_("state"), max_length=12, choices=ReleaseState.choices, default=ReleaseState.PLANNED)
    released_at = models.DateTimeField(_("released at"), null=True, blank=True)
    released_count = models.PositiveIntegerField(default=0)
    # Raised when its moment or state changes (planned, confirmed): the release panel carries the
    # revision its editor saw (0: not planned yet), and a stale panel is refused
    # (services.plan_release), so nobody silently moves a moment another secretary confirmed.
    revision = models.PositiveIntegerField(default=1)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("release")
        verbose_name_plural = _("releases")
        ordering = ["meeting", "scope"]
        constraints = [models.UniqueConstraint(fields=["meeting", "scope"], name="release_once_per_scope")]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.get_scope_display()} ({self.get_state_display()})"
