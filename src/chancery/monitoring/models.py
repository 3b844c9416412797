"""Policy programmes and their monitoring.

Core ambitions (kernambities) → programmes → projects form one tree of `Initiative`s, so that
budgets and statuses roll up the same way at every level. Budgets are per initiative and year;
milestones and indicators hang on initiatives. Indicator values are `Observation`s that are never
overwritten: a correction is a new revision with its reason, the old value stays.
"""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chancery.core.visibility import ReadableQuerySet


class Level(models.TextChoices):
    AMBITION = "ambition", _("Core ambition")
    PROGRAMME = "programme", _("Programme")
    PROJECT = "project", _("Project")


# Which level may hang under which: an ambition is a root.
PARENT_LEVEL = {Level.AMBITION: None, Level.PROGRAMME: Level.AMBITION, Level.PROJECT: Level.PROGRAMME}


class Initiative(models.Model):
    """A core ambition, a programme or a project."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("part of"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    code = models.SlugField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary in clear language"))
    lead_entity = models.ForeignKey(
        "core.Entity", verbose_name=_("lead entity"), on_delete=models.PROTECT, related_name="led_initiatives"
    )
    participants = models.ManyToManyField(
        "core.Entity", verbose_name=_("participating entities"), blank=True, related_name="initiatives"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    dossiers = models.ManyToManyField("decisions.Dossier", verbose_name=_("dossiers"), blank=True, related_name="+")
    themes = models.ManyToManyField("decisions.Theme", verbose_name=_("themes"), blank=True, related_name="+")
    priority = models.CharField(
        _("memorandum priority"), max_length=20, blank=True, help_text=_("The section of the memorandum, e.g. §4.2.")
    )
    regions = models.CharField(
        _("countries and regions"), max_length=200, blank=True, help_text=_("ISO codes, separated by commas.")
    )
    public = models.BooleanField(_("shown on the public progress pages"), default=False)
    position = models.PositiveSmallIntegerField(default=0)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("monitoring:initiative", args=[self.code])

    @property
    def region_codes(self) -> list[str]:
        return [code.strip().upper() for code in self.regions.split(",") if code.strip()]


class BudgetLine(models.Model):
    """An initiative's own budget in one year (euro): planned, committed, spent. A parent's figures
    are its own; roll-ups add the subtree. Committing more than planned, or spending more than
    committed, is refused (services.budgets), and the database holds the same rule."""

    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="budget_lines")
    year = models.PositiveSmallIntegerField(_("year"))
    planned = models.DecimalField(_("planned"), max_digits=14, decimal_places=2, default=Decimal(0))
    committed = models.DecimalField(_("committed"), max_digits=14, decimal_places=2, default=Decimal(0))
    spent = models.DecimalField(_("spent"), max_digits=14, decimal_places=2, default=Decimal(0))
    revision = models.PositiveIntegerField(default=1)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "year"], name="budget_line_per_year"),
            models.CheckConstraint(
                condition=models.Q(planned__gte=0) & models.Q(committed__gte=0) & models.Q(spent__gte=0),
                name="budget_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(committed__lte=models.F("planned")), name="budget_no_overcommitment"
            ),
            models.CheckConstraint(condition=models.Q(spent__lte=models.F("committed")), name="budget_spent_committed"),
        ]

    def __str__(self) -> str:
        return f"{self.initiative.code} {self.year}"


class MilestoneStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class Milestone(models.Model):
    """A dated step of an initiative. Whether it is late is computed (`is_late`), never typed."""

    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="milestones")
    title = models.CharField(_("title"), max_length=300)
    due = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=12, choices=MilestoneStatus.choices, default=MilestoneStatus.NOT_STARTED
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    drop_reason = models.TextField(_("reason for dropping"), blank=True)
    evidence_url = models.URLField(_("evidence (link)"), blank=True)
    evidence = models.ManyToManyField(
        "core.Document", verbose_name=_("evidence (documents)"), blank=True, related_name="+"
    )
    # Raised by every change of its status: the status form carries the revision its editor saw, and
    # a stale one is refused (services.milestones.set_status), so no status silently undoes another.
    revision = models.PositiveIntegerField(default=1)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="dropped") | ~models.Q(drop_reason=""), name="milestone_dropped_has_reason"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="done") | models.Q(done_on__isnull=False), name="milestone_done_has_date"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def days_late(self, today: datetime.date | None = None) -> int:
        """Days past due: for an open milestone until today, for a done one until it was done."""
        today = today or timezone.localdate()
        if self.status == MilestoneStatus.DROPPED:
            return 0
        end = self.done_on if self.status == MilestoneStatus.DONE else today
        return max(0, (end - self.due).days)

    def is_late(self, today: datetime.date | None = None) -> bool:
        return self.status not in (MilestoneStatus.DONE, MilestoneStatus.DROPPED) and self.days_late(today) > 0


class Direction(models.TextChoices):
    UP = "up", _("Higher is better")
    DOWN = "down", _("Lower is better")


class Indicator(models.Model):
    """A measured quantity with its quality metadata (source, method, release calendar)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=300)
    unit = models.CharField(_("unit"), max_length=40)
    direction = models.CharField(_("direction"), max_length=4, choices=Direction.choices, default=Direction.UP)
    baseline_value = models.DecimalField(_("baseline"), max_digits=20, decimal_places=6, null=True, blank=True)
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    method = models.TextField(_("method"), blank=True)
    initiatives = models.ManyToManyField(
        Initiative, verbose_name=_("initiatives"), blank=True, related_name="indicators"
    )
    public = models.BooleanField(_("public"), default=False)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("monitoring:indicator", args=[self.code])


class Target(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    value = models.DecimalField(_("target"), max_digits=20, decimal_places=6)
    date = models.DateField(_("to reach by"))

    objects = ReadableQuerySet.as_manager()

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["indicator", "date"], name="one_target_per_date")]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.value} ({self.date})"


class ScheduledRelease(models.Model):
    """The announced moment a period's figure of an indicator is published: before it, the figure
    is for nobody outside the administration — then for everyone at once (memorandum §1.2.1)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="releases")
    period = models.CharField(_("period"), max_length=10)
    release_at = models.DateTimeField(_("released at"))

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("scheduled release")
        verbose_name_plural = _("release calendar")
        ordering = ["release_at"]
        constraints = [models.UniqueConstraint(fields=["indicator", "period"], name="one_release_per_period")]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period}: {self.release_at:%Y-%m-%d %H:%M}"


class Observation(models.Model):
    """One value of an indicator for one period. Never changed: a correction adds the next
    revision with its reason and the older one stays (is_current tells which one counts)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="observations")
    period = models.CharField(_("period"), max_length=10, help_text=_("2025, 2025-Q1, 2025-S1 or 2025-03"))
    period_start = models.DateField()
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=6)
    revision = models.PositiveSmallIntegerField(default=1)
    is_current = models.BooleanField(default=True)
    reason = models.CharField(_("reason for the revision"), max_length=300, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source_file = models.CharField(max_length=200, blank=True)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        ordering = ["period_start", "revision"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period", "revision"], name="observation_revision"),
            models.UniqueConstraint(
                fields=["indicator", "period"], condition=models.Q(is_current=True), name="one_current_observation"
            ),
        ]
        indexes = [
            # Each indicator's latest value (the dashboard's statuses): one index step per indicator.
            models.Index(
                fields=["indicator", "-period_start"], condition=models.Q(is_current=True), name="observation_latest"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period} = {self.value} (r{self.revision})"


class SdmxMapping(models.Model):
    """How a published SDMX dataflow becomes reference values of one of our indicators: which
    dimension holds the country or region, which codes of the other dimensions to keep, and the
    factor to our unit. Stored, so the same dataflow is refreshed the same way each time."""

    name = models.SlugField(_("name"), max_length=60, unique=True)
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="sdmx_mappings")
    dataflow = models.CharField(
        _("dataflow"), max_length=200, blank=True, help_text=_("Only messages of this dataflow (contains).")
    )
    area_dimension = models.CharField(_("area dimension"), max_length=40, default="REF_AREA")
    time_dimension = models.CharField(_("time dimension"), max_length=40, default="TIME_PERIOD")
    filters = models.JSONField(_("kept codes"), default=dict, blank=True, help_text=_('e.g. {"MEASURE": "EMP"}'))
    fixed_period = models.CharField(
        _("period"), max_length=10, blank=True, help_text=_("For messages without a time dimension.")
    )
    factor = models.DecimalField(_("factor to the indicator's unit"), max_digits=20, decimal_places=10, default=1)
    home_area = models.CharField(
        _("our own area code"), max_length=20, blank=True, help_text=_("Flanders' code in this dataflow, if any.")
    )

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("SDMX mapping")
        verbose_name_plural = _("SDMX mappings")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class BenchmarkValue(models.Model):
    """The value of a reference country or region for an indicator in one period."""

    mapping = models.ForeignKey(SdmxMapping, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="benchmarks")
    area = models.CharField(_("area"), max_length=20)
    area_label = models.CharField(_("area name"), max_length=200, blank=True)
    period = models.CharField(_("period"), max_length=10)
    period_start = models.DateField()
    value = models.DecimalField(_("value"), max_digits=24, decimal_places=8)
    imported_at = models.DateTimeField(default=timezone.now)
    demo = models.BooleanField(default=False)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("benchmark value")
        verbose_name_plural = _("benchmark values")
        ordering = ["period_start", "area"]
        constraints = [models.UniqueConstraint(fields=["mapping", "area", "period"], name="benchmark_per_area_period")]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.area} {self.period} = {self.value}"


class ReportState(models.TextChoices):
    QUEUED = "queued", _("Being made")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class ProgressReport(models.Model):
    """A quarterly or yearly progress report, for one core ambition or for the whole programme. Its
    PDF is a versioned document (each regeneration adds a version); its HTML is kept here."""

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("core ambition"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="reports", help_text=_("Empty: the whole programme."),
    )  # fmt: skip
    period = models.CharField(_("period"), max_length=10, help_text=_("2026 or 2026-Q3"))
    state = models.CharField(_("state"), max_length=8, choices=ReportState.choices, default=ReportState.QUEUED)
    html = models.TextField(blank=True)
    document = models.OneToOneField(
        "core.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="progress_report"
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    generated_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "period"], name="one_report_per_scope_period"),
            models.UniqueConstraint(
                fields=["period"], condition=models.Q(initiative__isnull=True), name="one_programme_report_per_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative.code if self.initiative else 'programma'} {self.period}"

    def get_absolute_url(self) -> str:
        return reverse("monitoring:report", args=[self.pk])


class VisionKind(models.TextChoices):
    THEMATIC = "thematic", _("Thematic vision note")
    GEOGRAPHIC = "geographic", _("Geographic vision note")
    FUTURES = "futures", _("Futures study")


class VisionNote(models.Model):
    """A vision note or futures study (memorandum §1.2.3) with its update cycle: when it was last
    brought up to date and when it should be next. Overdue is computed."""

    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=12, choices=VisionKind.choices)
    summary = models.TextField(_("summary"), blank=True)
    owner = models.ForeignKey(
        "core.Entity", verbose_name=_("owner"), on_delete=models.PROTECT, related_name="vision_notes"
    )
    regions = models.CharField(_("countries and regions"), max_length=200, blank=True)
    themes = models.ManyToManyField("decisions.Theme", verbose_name=_("themes"), blank=True, related_name="+")
    last_update = models.DateField(_("last update"))
    planned_update = models.DateField(_("next update planned"))
    document = models.ForeignKey(
        "core.Document", verbose_name=_("document"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("vision note")
        verbose_name_plural = _("vision notes")
        ordering = ["planned_update", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(planned_update__gte=models.F("last_update")), name="vision_update_after_last"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def days_overdue(self, today: datetime.date | None = None) -> int:
        return max(0, ((today or timezone.localdate()) - self.planned_update).days)
