"""Meetings of the Government (zittingen) and the lettered versions of their agendas."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chancery.core.visibility import ReadableQuerySet


class MeetingKind(models.TextChoices):
    REGULAR = "regular", _("Ministerial council")
    SPECIAL = "special", _("Special ministerial council")
    ELECTRONIC = "electronic", _("Electronic procedure")


class MeetingState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    AGENDA_APPROVED = "agenda_approved", _("Agenda approved")
    CLOSED = "closed", _("Closed")


class Meeting(models.Model):
    """A meeting of the Government (zitting), numbered per year."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=12, choices=MeetingKind.choices, default=MeetingKind.REGULAR)
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("number"))
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=200, default="Brussel, Martelarenplein 19")
    state = models.CharField(_("state"), max_length=16, choices=MeetingState.choices, default=MeetingState.PLANNED)
    created_at = models.DateTimeField(default=timezone.now)
    # Attendance, as the minutes record it. Empty means the default: the Minister-President in the
    # chair and every member of the Government present (services.attendance works it out).
    chair = models.ForeignKey(
        "core.Mandatee", verbose_name=_("chair"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    secretary = models.ForeignKey(
        "core.Person", verbose_name=_("secretary"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    excused = models.ManyToManyField("core.Mandatee", verbose_name=_("excused members"), blank=True, related_name="+")
    # Raised by every edit of the attendance: the attendance form carries the revision its editor
    # saw, and a stale one is refused (services.record_attendance), so no edit silently undoes another.
    revision = models.PositiveIntegerField(default=1)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        constraints = [models.UniqueConstraint(fields=["year", "number"], name="meeting_number_per_year")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}/{self.year} ({timezone.localtime(self.starts_at):%d-%m-%Y})"

    def get_absolute_url(self) -> str:
        return reverse("decisions:meeting_detail", args=[self.uuid])

    @property
    def is_closed(self) -> bool:
        return self.state == MeetingState.CLOSED


class AgendaStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")


class Agenda(models.Model):
    """One lettered version (A, B, C …) of a meeting's agenda."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="agendas")
    letter = models.CharField(_("version"), max_length=3)
    sequence = models.PositiveSmallIntegerField()
    status = models.CharField(_("status"), max_length=10, choices=AgendaStatus.choices, default=AgendaStatus.DRAFT)
    is_final = models.BooleanField(_("final agenda"), default=False)
    previous = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="next_version"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Optimistic locking: every edit raises it; an edit made against an older value is refused.
    revision = models.PositiveIntegerField(default=1)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("agenda")
        verbose_name_plural = _("agendas")
        ordering = ["meeting", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "sequence"], name="agenda_sequence_unique"),
            models.UniqueConstraint(fields=["meeting", "letter"], name="agenda_letter_unique"),
            # At most one draft per meeting: the one being prepared.
            models.UniqueConstraint(
                fields=["meeting"], condition=models.Q(status="draft"), name="agenda_one_draft_per_meeting"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} — {_('agenda')} {self.letter}"

    @property
    def is_draft(self) -> bool:
        return self.status == AgendaStatus.DRAFT

    def current_items(self):
        """The items of this version (those carried over to the next letter are not part of it)."""
        return self.items.filter(carried_over=False).order_by("kind_order", "number")


def letter_for(sequence: int) -> str:
    """1 → A, 26 → Z, 27 → AA: the agenda letters."""
    letters = ""
    while sequence > 0:
        sequence, remainder = divmod(sequence - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters
