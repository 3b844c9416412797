"""The register of regulations and their burden calculations (Standard Cost Model).

A `Regulation` is a decree, an order of the Government or a ministerial order with its ELI; its
`RegulationVersion`s hold the text in force from a date; a `Transposition` links it to an
`EuAct` (of `eu_files`, where the EU obligations are tracked) with the gold-plating assessment
(`GoldPlatingItem`: a provision going beyond the act, with its reason). A `DraftRegulation`
marks a decision-making dossier as preparing a regulation; its final approval creates the
register entry. A `BurdenCalculation` (ex ante on a draft, or of a regulation in force) holds
`InformationObligation`s and their `AdministrativeActivity`s; the figures come from
`services.burden`, never from the database."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from chancery.core.visibility import ReadableQuerySet
from chancery.decisions.models import Dossier, RegulationType, Theme
from chancery.eu_files.models import EuAct


class Regulation(models.Model):
    """A regulation in the register, with its ELI (the Belgian Official Gazette's:
    `http://www.ejustice.just.fgov.be/eli/{decreet|besluit}/{yyyy}/{mm}/{dd}/{numac}`)."""

    kind = models.CharField(_("kind"), max_length=24, choices=RegulationType.choices)
    title = models.CharField(_("title"), max_length=1000)
    date = models.DateField(_("date of the act"))
    numac = models.CharField(_("NUMAC number"), max_length=20, blank=True)
    eli = models.URLField(_("ELI"), max_length=300, blank=True)
    # True when the ELI was checked against the Gazette or the Codex; the demo's illustrative
    # entries are marked to verify.
    eli_verified = models.BooleanField(_("ELI verified"), default=False)
    policy_domain = models.ForeignKey(
        Theme, verbose_name=_("policy domain"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    dossier = models.OneToOneField(
        Dossier, verbose_name=_("dossier"), on_delete=models.PROTECT, null=True, blank=True, related_name="regulation"
    )
    amends = models.ForeignKey(
        "self", verbose_name=_("amends"), on_delete=models.PROTECT, null=True, blank=True, related_name="amended_by"
    )
    created_at = models.DateTimeField(default=timezone.now)
    revision = models.PositiveIntegerField(default=1)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("a regulation in the register", "regulation")
        verbose_name_plural = _("regulations")
        ordering = ["-date", "title"]
        constraints = [
            models.UniqueConstraint(fields=["eli"], condition=~Q(eli=""), name="regulation_unique_eli"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("regulation:detail", args=[self.pk])

    @property
    def eli_path(self) -> str:
        """Our permalink's path below /regelgeving/eli/: the ELI's own segments."""
        return self.eli.split("/eli/", 1)[1].strip("/") if "/eli/" in self.eli else ""

    def version_on(self, day: date) -> RegulationVersion | None:
        """The version in force on `day`: the last that took effect on or before it."""
        return self.versions.filter(valid_from__lte=day).order_by("-valid_from").first()


class RegulationVersion(models.Model):
    """The (consolidated) text of a regulation in force from `valid_from` until the next version."""

    regulation = models.ForeignKey(Regulation, on_delete=models.PROTECT, related_name="versions")
    valid_from = models.DateField(_("in force from"))
    text = models.TextField(_("text"), blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("version of a regulation")
        verbose_name_plural = _("versions of regulations")
        ordering = ["regulation", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["regulation", "valid_from"], name="regulation_version_unique_from"),
        ]

    def __str__(self) -> str:
        return f"{self.regulation}: {self.valid_from}"


class Transposition(models.Model):
    """A regulation transposes (part of) an EU act; its gold-plating assessment are its items."""

    regulation = models.ForeignKey(Regulation, on_delete=models.PROTECT, related_name="transpositions")
    eu_act = models.ForeignKey(EuAct, verbose_name=_("EU act"), on_delete=models.PROTECT, related_name="+")
    assessed_on = models.DateField(_("gold-plating assessed on"), null=True, blank=True)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("transposition")
        verbose_name_plural = _("transpositions")
        ordering = ["regulation", "eu_act__celex"]
        constraints = [models.UniqueConstraint(fields=["regulation", "eu_act"], name="transposition_unique")]

    def __str__(self) -> str:
        return f"{self.regulation} → {self.eu_act.celex}"


class GoldPlatingItem(models.Model):
    """A provision of the transposing regulation that goes beyond what the EU act requires, with
    the reason it was kept (memorandum §2.1: avoid gold-plating, or justify it)."""

    transposition = models.ForeignKey(Transposition, on_delete=models.PROTECT, related_name="gold_plating")
    provision = models.CharField(_("provision"), max_length=200)
    description = models.TextField(_("what goes beyond the EU act"))
    reason = models.TextField(_("reason"))

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("gold-plating item")
        verbose_name_plural = _("gold-plating items")
        ordering = ["transposition", "pk"]

    def __str__(self) -> str:
        return self.provision


class DraftRegulation(models.Model):
    """A dossier of decision-making that prepares a regulation (a draft decree or order): its final
    approval needs an ex-ante burden calculation and creates the register entry."""

    dossier = models.OneToOneField(Dossier, on_delete=models.PROTECT, related_name="draft_regulation")
    kind = models.CharField(_("kind"), max_length=24, choices=RegulationType.choices)
    title = models.CharField(_("title"), max_length=1000)
    amends = models.ForeignKey(
        Regulation, verbose_name=_("amends"), on_delete=models.PROTECT, null=True, blank=True, related_name="drafts"
    )
    policy_domain = models.ForeignKey(
        Theme, verbose_name=_("policy domain"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("draft regulation")
        verbose_name_plural = _("draft regulations")

    def __str__(self) -> str:
        return self.title


class BurdenCalculation(models.Model):
    """A Standard Cost Model calculation: ex ante on a draft (before its final approval), or of a
    regulation in force. `reference_date` dates its tariffs and its year in the totals."""

    class Kind(models.TextChoices):
        EX_ANTE = "ex_ante", _("Ex ante (draft)")
        IN_FORCE = "in_force", _("Regulation in force")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=500)
    regulation = models.ForeignKey(
        Regulation, on_delete=models.PROTECT, null=True, blank=True, related_name="calculations"
    )
    draft = models.ForeignKey(
        DraftRegulation, on_delete=models.PROTECT, null=True, blank=True, related_name="calculations"
    )
    reference_date = models.DateField(_("reference date"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("burden calculation")
        verbose_name_plural = _("burden calculations")
        ordering = ["-reference_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(regulation__isnull=False) | Q(draft__isnull=False), name="calculation_has_a_subject"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("regulation:calculation", args=[self.pk])


class InformationObligation(models.Model):
    """An information obligation (informatieverplichting) of a regulation."""

    calculation = models.ForeignKey(BurdenCalculation, on_delete=models.CASCADE, related_name="obligations")
    position = models.PositiveIntegerField()
    name = models.CharField(_("name"), max_length=500)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("information obligation")
        verbose_name_plural = _("information obligations")
        ordering = ["calculation", "position"]

    def __str__(self) -> str:
        return self.name


class TargetGroup(models.TextChoices):
    CITIZENS = "citizens", _("Citizens")
    BUSINESSES = "businesses", _("Businesses")


class AdministrativeActivity(models.Model):
    """What a target group does to meet an obligation, with the figures of the Standard Cost Model.
    Database checks refuse what the service refuses (negative figures, a share outside 0–1). At
    most 15 significant digits per figure, so that SQLite (which keeps decimals as doubles) gives
    back exactly what was stored."""

    obligation = models.ForeignKey(InformationObligation, on_delete=models.CASCADE, related_name="activities")
    position = models.PositiveIntegerField()
    name = models.CharField(_("name"), max_length=500)
    target_group = models.CharField(_("target group"), max_length=12, choices=TargetGroup.choices, blank=True)
    sector = models.CharField(_("sector"), max_length=100, blank=True)
    time_hours = models.DecimalField(_("time (hours)"), max_digits=10, decimal_places=4)
    tariff_eur_per_hour = models.DecimalField(_("tariff (euro per hour)"), max_digits=10, decimal_places=4)
    tariff_source = models.CharField(_("source of the tariff"), max_length=500, blank=True)
    out_of_pocket_eur = models.DecimalField(_("out-of-pocket cost (euro)"), max_digits=15, decimal_places=4)
    population = models.DecimalField(_("population"), max_digits=15, decimal_places=4)
    frequency_per_year = models.DecimalField(_("frequency per year"), max_digits=13, decimal_places=6)
    business_as_usual_share = models.DecimalField(_("business-as-usual share"), max_digits=7, decimal_places=6)
    one_off = models.BooleanField(_("one-off"), default=False)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("administrative activity")
        verbose_name_plural = _("administrative activities")
        ordering = ["obligation", "position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(time_hours__gte=0)
                & Q(tariff_eur_per_hour__gte=0)
                & Q(out_of_pocket_eur__gte=0)
                & Q(population__gte=0)
                & Q(frequency_per_year__gte=0)
                & Q(business_as_usual_share__gte=0)
                & Q(business_as_usual_share__lte=1),
                name="activity_figures_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name


# The feedback panel and the State of Regulation live in their own module (MISSION C3–C4).
from chancery.regulation.feedback_models import (  # noqa: E402
    FeedbackSignal,
    ReporterKind,
    SignalEvidence,
    SignalGroup,
    SignalTheme,
    StateOfRegulation,
    StateOfRegulationVersion,
)

__all__ = [
    "AdministrativeActivity",
    "BurdenCalculation",
    "DraftRegulation",
    "FeedbackSignal",
    "GoldPlatingItem",
    "InformationObligation",
    "Regulation",
    "RegulationVersion",
    "ReporterKind",
    "SignalEvidence",
    "SignalGroup",
    "SignalTheme",
    "StateOfRegulation",
    "StateOfRegulationVersion",
    "TargetGroup",
    "Transposition",
]
