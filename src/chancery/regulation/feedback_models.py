"""The feedback panel and the State of Regulation (MISSION C3–C4), imported by `models`.

A `FeedbackSignal` is a problem with a rule reported by a citizen or a company (anonymous or
identified) on the public form, with its `SignalEvidence`; it is moderated (published, or refused
as spam, personal data or off-topic, with a reason). A published signal joins a `SignalGroup` of
similar signals on the same regulation, which carries the public status and answer. Only the
masked text (`public_text`, services.personal_data) is ever shown to the public; the text as sent,
the reporter's name and contact details and the evidence stay with the moderators.

A `StateOfRegulation` is the report of a two-year period; each time it is made a new
`StateOfRegulationVersion` is added (figures, HTML and the PDF as the next version of its core
document), never overwriting an earlier one; a version can be submitted to a meeting's agenda."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chancery.core.models import Document
from chancery.core.models.documents import document_storage
from chancery.core.visibility import ReadableQuerySet


class SignalTheme(models.TextChoices):
    BURDEN = "burden", _("Administrative burden")
    UNCLEAR = "unclear", _("Unclear or contradictory rule")
    OUTDATED = "outdated", _("Outdated rule")
    DIGITAL = "digital", _("Procedure not digital or too complex")
    DISPROPORTIONATE = "disproportionate", _("Disproportionate obligation")
    OTHER = "other", _("Other")


class ReporterKind(models.TextChoices):
    CITIZEN = "citizen", _("Citizen")
    COMPANY = "company", _("Company")
    ORGANISATION = "organisation", _("Organisation or association")


class SignalGroup(models.Model):
    """Similar signals on one regulation, with the public status and answer."""

    class Status(models.TextChoices):
        UNDER_STUDY = "under_study", _("Under study")
        ANSWERED = "answered", _("Answered")
        TAKEN_UP = "taken_up", _("Taken up in a change of the rule")

    regulation = models.ForeignKey(
        "regulation.Regulation", on_delete=models.PROTECT, null=True, blank=True, related_name="signal_groups"
    )
    title = models.CharField(_("title"), max_length=300)
    theme = models.CharField(_("theme"), max_length=20, choices=SignalTheme.choices)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.UNDER_STUDY)
    answer = models.TextField(_("public answer"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("group of signals")
        verbose_name_plural = _("groups of signals")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class FeedbackSignal(models.Model):
    class State(models.TextChoices):
        RECEIVED = "received", _("Awaiting moderation")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Not published")

    class Rejection(models.TextChoices):
        SPAM = "spam", _("Spam")
        PERSONAL_DATA = "personal_data", _("Personal data: about one person's own case")
        OFF_TOPIC = "off_topic", _("Off-topic: not about a rule")

    regulation = models.ForeignKey(
        "regulation.Regulation",
        verbose_name=_("regulation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signals",
    )
    # True when the reporter did not pick the regulation and the panel suggested it from the text.
    regulation_suggested = models.BooleanField(default=False)
    theme = models.CharField(_("theme"), max_length=20, choices=SignalTheme.choices)
    reporter_kind = models.CharField(_("who reports"), max_length=12, choices=ReporterKind.choices)
    anonymous = models.BooleanField(_("anonymous"), default=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("the problem, as sent"))
    public_text = models.TextField(_("the problem, as published"))
    personal_data_found = models.JSONField(default=list, blank=True)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.RECEIVED)
    rejection = models.CharField(_("reason for not publishing"), max_length=16, choices=Rejection.choices, blank=True)
    moderation_note = models.TextField(_("moderation note"), blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    group = models.ForeignKey(SignalGroup, on_delete=models.PROTECT, null=True, blank=True, related_name="signals")
    submitted_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("feedback signal")
        verbose_name_plural = _("feedback signals")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state="rejected", rejection__gt="") | (~Q(state="rejected") & Q(rejection="")),
                name="signal_rejected_with_reason",
            ),
            models.CheckConstraint(
                condition=~Q(state="published") | Q(group__isnull=False), name="signal_published_in_group"
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Signal')} {self.reference}"

    def get_absolute_url(self) -> str:
        return reverse("regulation_office:signal", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"S-{self.submitted_at:%Y}-{self.pk:05d}"


class SignalEvidence(models.Model):
    """A file sent with a signal as evidence: inspected like every upload (core.files), read by the
    moderators only (it may carry personal data)."""

    signal = models.ForeignKey(FeedbackSignal, on_delete=models.CASCADE, related_name="evidence")
    filename = models.CharField(max_length=255)
    mime_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    file = models.FileField(storage=document_storage, max_length=200)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("evidence of a signal")
        verbose_name_plural = _("evidence of signals")
        ordering = ["signal", "pk"]

    def __str__(self) -> str:
        return self.filename


class StateOfRegulation(models.Model):
    """The State of Regulation of a two-year period ending with `last_year`; its PDF versions are the
    versions of `document`."""

    first_year = models.PositiveIntegerField(_("first year"))
    last_year = models.PositiveIntegerField(_("last year"), unique=True)
    document = models.OneToOneField(Document, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("State of Regulation")
        verbose_name_plural = _("States of Regulation")
        ordering = ["-last_year"]
        constraints = [
            models.CheckConstraint(condition=Q(first_year__lte=models.F("last_year")), name="state_period_in_order")
        ]

    def __str__(self) -> str:
        return _("State of Regulation %(first)s–%(last)s") % {"first": self.first_year, "last": self.last_year}

    def get_absolute_url(self) -> str:
        return reverse("regulation_office:states")


class StateOfRegulationVersion(models.Model):
    """One making of the report: its figures and HTML as they were then, its PDF (the document's
    version `document_version`), and the submission that put it on a meeting's agenda."""

    report = models.ForeignKey(StateOfRegulation, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    figures = models.JSONField()
    html = models.TextField()
    document_version = models.PositiveIntegerField()
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    made_at = models.DateTimeField(default=timezone.now)
    submission = models.ForeignKey(
        "decisions.Submission", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("version of a State of Regulation")
        verbose_name_plural = _("versions of States of Regulation")
        ordering = ["report", "number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="state_version_unique_number")]

    def __str__(self) -> str:
        return f"{self.report} v{self.number}"
