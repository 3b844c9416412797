"""The crisis register (memorandum §3.4, MISSION F1).

A `Crisis` is a crisis, an incident or an exercise: its type, its escalation level (levels.py),
the organisation units and the competences (the Government's policy fields) it affects, and the
people entitled to it (`CrisisMember`): nobody else sees that it exists. Its `LogEntry` rows are
the logbook: append-only in the application (the queryset and the model refuse changes) and in the
database (triggers, migration 0002, as the audit trail's); a correction is a new entry that points
to the one it corrects. `Task`s have an owner (required) and a deadline; `Contact`s, `SituationReport`s
per period (HTML, PDF, EDXL-SitRep XML), `Lesson`s learned and, for exercises, `Finding`s complete
it. A `ContinuityPlan` is an organisation unit's business-continuity plan with its review date.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chancery.core.visibility import ReadableQuerySet
from chancery.crisis import levels


class LogbookIsAppendOnly(Exception):
    """Raised by any attempt to change or remove a logbook entry."""


class CrisisKind(models.TextChoices):
    CRISIS = "crisis", _("Crisis")
    INCIDENT = "incident", _("Incident")
    EXERCISE = "exercise", _("Exercise")


class CrisisType(models.TextChoices):
    NATURAL = "natural", _("Natural disaster or extreme weather")
    HEALTH = "health", _("Public health")
    CYBER = "cyber", _("Cyber incident or ICT outage")
    INFRASTRUCTURE = "infrastructure", _("Critical infrastructure or utilities")
    CONSULAR = "consular", _("Crisis abroad (Flemings or posts abroad)")
    PUBLIC_ORDER = "public_order", _("Public order or security")
    REPUTATION = "reputation", _("Institutional or reputational")
    OTHER = "other", _("Other")


class CrisisStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")


class Crisis(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=CrisisKind.choices, default=CrisisKind.CRISIS)
    type = models.CharField(_("type"), max_length=20, choices=CrisisType.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    level = models.CharField(_("escalation level"), max_length=20, choices=levels.CHOICES, default="monitoring")
    status = models.CharField(_("status"), max_length=20, choices=CrisisStatus.choices, default=CrisisStatus.ACTIVE)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    entities = models.ManyToManyField(
        "core.Entity", verbose_name=_("affected organisation units"), blank=True, related_name="crises"
    )
    competences = models.ManyToManyField(
        "decisions.Theme", verbose_name=_("affected competences"), blank=True, related_name="crises"
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="CrisisMember", verbose_name=_("entitled people"), related_name="crises"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("opened by"), on_delete=models.PROTECT, related_name="+"
    )

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("crisis")
        verbose_name_plural = _("crises")
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def level_info(self) -> levels.Level:
        return levels.BY_CODE[self.level]


class MemberRole(models.TextChoices):
    LEAD = "lead", _("Crisis manager")
    MEMBER = "member", _("Member of the crisis cell")


class CrisisMember(models.Model):
    """Someone entitled to a crisis: only they (and the crisis coordinators) see it."""

    crisis = models.ForeignKey(Crisis, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="crisis_memberships")
    role = models.CharField(_("role"), max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("member of a crisis cell")
        verbose_name_plural = _("members of a crisis cell")
        constraints = [models.UniqueConstraint(fields=["crisis", "user"], name="crisis_member_once")]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class LogEntryQuerySet(ReadableQuerySet):
    def update(self, **kwargs):
        raise LogbookIsAppendOnly("The logbook cannot be changed.")

    def delete(self):
        raise LogbookIsAppendOnly("The logbook cannot be changed.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise LogbookIsAppendOnly("The logbook cannot be changed.")

    def update_or_create(self, *args, **kwargs):
        raise LogbookIsAppendOnly("The logbook cannot be changed.")


class LogEntry(models.Model):
    """One line of a crisis's logbook, numbered per crisis. Never changed: a correction is a new
    entry with `corrects` set to the entry it corrects."""

    crisis = models.ForeignKey(Crisis, on_delete=models.PROTECT, related_name="logbook")
    number = models.PositiveIntegerField(_("number"))
    occurred_at = models.DateTimeField(_("time of the event"))
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    author_label = models.CharField(_("author (as recorded)"), max_length=200)
    text = models.TextField(_("entry"))
    corrects = models.ForeignKey(
        "self", verbose_name=_("corrects"), null=True, blank=True, on_delete=models.PROTECT, related_name="corrections"
    )

    objects = LogEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("logbook entry")
        verbose_name_plural = _("logbook")
        ordering = ["crisis", "number"]
        constraints = [models.UniqueConstraint(fields=["crisis", "number"], name="crisis_logentry_number")]

    def __str__(self) -> str:
        return f"{self.crisis} #{self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None or kwargs.get("force_update"):
            raise LogbookIsAppendOnly("A logbook entry cannot be changed; record a correction.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise LogbookIsAppendOnly("A logbook entry cannot be removed; record a correction.")


class Task(models.Model):
    crisis = models.ForeignKey(Crisis, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("task"), max_length=300)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT,
                              related_name="crisis_tasks")  # fmt: skip
    deadline = models.DateTimeField(_("deadline"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("crisis task")
        verbose_name_plural = _("crisis tasks")
        ordering = ["done_at", "deadline", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def overdue(self) -> bool:
        return self.done_at is None and self.deadline < timezone.now()


class Contact(models.Model):
    crisis = models.ForeignKey(Crisis, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    function = models.CharField(_("function"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("crisis contact")
        verbose_name_plural = _("crisis contacts")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class SituationReport(models.Model):
    """The situation over one period (sitrep), numbered per crisis: HTML, PDF and EDXL-SitRep."""

    crisis = models.ForeignKey(Crisis, on_delete=models.CASCADE, related_name="situation_reports")
    number = models.PositiveIntegerField(_("number"))
    period_start = models.DateTimeField(_("from"))
    period_end = models.DateTimeField(_("until"))
    situation = models.TextField(_("situation"))
    actions = models.TextField(_("actions taken"), blank=True)
    outlook = models.TextField(_("outlook and needs"), blank=True)
    level = models.CharField(_("escalation level"), max_length=20, choices=levels.CHOICES)
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    prepared_at = models.DateTimeField(_("prepared"), default=timezone.now)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("situation report")
        verbose_name_plural = _("situation reports")
        ordering = ["crisis", "number"]
        constraints = [models.UniqueConstraint(fields=["crisis", "number"], name="crisis_sitrep_number")]

    def __str__(self) -> str:
        return f"{self.crisis} – sitrep {self.number}"


class Lesson(models.Model):
    crisis = models.ForeignKey(Crisis, on_delete=models.CASCADE, related_name="lessons")
    text = models.TextField(_("lesson learned"))
    action = models.TextField(_("improvement"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("lesson learned")
        verbose_name_plural = _("lessons learned")
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class FindingSeverity(models.TextChoices):
    GOOD = "good", _("Good practice")
    MINOR = "minor", _("Point of attention")
    MAJOR = "major", _("Shortcoming")


class Finding(models.Model):
    """What an exercise showed (a crisis of kind exercise)."""

    crisis = models.ForeignKey(Crisis, on_delete=models.CASCADE, related_name="findings")
    text = models.TextField(_("finding"))
    severity = models.CharField(_("severity"), max_length=10, choices=FindingSeverity.choices)
    follow_up = models.TextField(_("follow-up"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("exercise finding")
        verbose_name_plural = _("exercise findings")
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class ContinuityPlan(models.Model):
    """An organisation unit's business-continuity plan (bedrijfscontinuïteitsplan): which version
    is in force and when it is to be reviewed (levels.CONTINUITY_REVIEW_MONTHS)."""

    entity = models.ForeignKey("core.Entity", verbose_name=_("organisation unit"), on_delete=models.PROTECT,
                               related_name="continuity_plans")  # fmt: skip
    title = models.CharField(_("title"), max_length=200)
    version = models.CharField(_("version"), max_length=20, default="1.0")
    approved_on = models.DateField(_("approved on"))
    review_due = models.DateField(_("review due"))
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("business-continuity plan")
        verbose_name_plural = _("business-continuity plans")
        ordering = ["review_due", "pk"]

    def __str__(self) -> str:
        return self.title

    def review_state(self, today: datetime.date | None = None) -> str:
        today = today or timezone.localdate()
        if self.review_due < today:
            return "overdue"
        if (self.review_due - today).days <= levels.CONTINUITY_DUE_SOON_DAYS:
            return "due"
        return "ok"
