"""The notification of a foreign direct investment (one per file of the procedure FDI), its
ultimate beneficial owners, and the Flemish assessment of strategic interests with the advice to the
interfederal screening commission.

Confidential by default: the file is `confidential` (procedure.py) and everything here follows it.
The fields in `BUSINESS_SECRETS` never leave that level: no statistic, CSV, API or public page reads
them (a test holds it)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from chancery.core.visibility import ReadableQuerySet
from chancery.investment_screening import rules


class InvestorKind(models.TextChoices):
    UNDERTAKING = "undertaking", _("Undertaking")
    PERSON = "person", _("Natural person")


class Notification(models.Model):
    case = models.OneToOneField(
        "procedures.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="fdi_notification"
    )
    # Opened by the service on a deal that was not notified (rules.EX_OFFICIO_YEARS after closing).
    ex_officio = models.BooleanField(_("ex officio review"), default=False)
    investor_name = models.CharField(_("investor"), max_length=300)
    investor_kind = models.CharField(_("kind of investor"), max_length=12, choices=InvestorKind.choices)
    investor_country = models.CharField(_("country of seat or residence of the investor"), max_length=2)
    # The Belgian target, by its enterprise number (procedures.Party checks the KBO check digits).
    target = models.ForeignKey(
        "procedures.Party", verbose_name=_("target"), on_delete=models.PROTECT, related_name="fdi_notifications"
    )
    regions = models.JSONField(_("regions of establishment or activity"), default=list)
    sectors = models.JSONField(_("sectors"), default=list)
    turnover_eur = models.DecimalField(_("turnover of the last financial year (EUR)"), max_digits=16, decimal_places=2)
    voting_rights_before = models.DecimalField(_("voting rights before (%)"), max_digits=7, decimal_places=4)
    voting_rights_after = models.DecimalField(_("voting rights after (%)"), max_digits=7, decimal_places=4)
    control_acquired = models.BooleanField(_("control acquired"), default=False)
    deal_value_eur = models.DecimalField(_("deal value (EUR)"), max_digits=16, decimal_places=2)
    signing_date = models.DateField(_("signing date"))
    planned_closing = models.DateField(_("planned closing"), null=True, blank=True)
    # The day the deal closed, when it has (an ex officio review counts from it).
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    business_secrets = models.TextField(_("business secrets"), max_length=8000, blank=True)
    # The threshold check when the notification was recorded (services/thresholds.py).
    notifiable = models.BooleanField(_("notifiable"), default=False)
    flemish_link = models.BooleanField(_("Flemish link"), default=False)
    levels_reached = models.JSONField(_("levels reached anew"), default=list)
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification of a foreign direct investment")
        verbose_name_plural = _("notifications of foreign direct investments")
        constraints = [
            models.CheckConstraint(
                condition=Q(voting_rights_before__gte=0, voting_rights_before__lte=100)
                & Q(voting_rights_after__gte=0, voting_rights_after__lte=100),
                name="fdi_voting_rights_percentages",
            ),
            models.CheckConstraint(
                condition=Q(voting_rights_after__gte=models.F("voting_rights_before")), name="fdi_voting_rights_order"
            ),
            models.CheckConstraint(
                condition=Q(turnover_eur__gte=0, deal_value_eur__gte=0), name="fdi_amounts_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.investor_name} → {self.target.name}"

    @property
    def sector_labels(self) -> list[str]:
        return [str(rules.SECTORS_BY_KEY[key].label) for key in self.sectors if key in rules.SECTORS_BY_KEY]

    @property
    def region_labels(self) -> list[str]:
        names = dict(rules.REGIONS)
        return [str(names[code]) for code in self.regions if code in names]


# What the notifier entrusts to the administration as business secrets: read on the file only.
BUSINESS_SECRETS = ("deal_value_eur", "turnover_eur", "business_secrets", "planned_closing")


class BeneficialOwner(models.Model):
    notification = models.ForeignKey(
        Notification, verbose_name=_("notification"), on_delete=models.CASCADE, related_name="owners"
    )
    name = models.CharField(_("name"), max_length=300)
    country = models.CharField(_("country of residence"), max_length=2)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("ultimate beneficial owner")
        verbose_name_plural = _("ultimate beneficial owners")
        ordering = ["notification", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.country})"


class Advice(models.TextChoices):
    NO_OBJECTION = "no_objection", _("No threat to Flemish strategic interests")
    CONDITIONS = "conditions", _("Acceptable with corrective measures")
    OBJECTION = "objection", _("Threat to Flemish strategic interests")


class FlemishAssessment(models.Model):
    """The Flemish assessment of strategic interests and its advice to the interfederal screening
    commission (each entity decides within its competences, procedure-rules §C "Body"): internal to
    the administration, never shown to the notifier. One per file; a new one replaces it (audited)."""

    case = models.OneToOneField(
        "procedures.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="flemish_assessment"
    )
    strategic_interests = models.TextField(_("assessment of Flemish strategic interests"), max_length=8000)
    advice = models.CharField(
        _("advice to the interfederal screening commission"), max_length=12, choices=Advice.choices
    )
    conditions = models.TextField(_("proposed corrective measures"), max_length=8000, blank=True)
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assessor"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("recorded"))

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("Flemish assessment of strategic interests")
        verbose_name_plural = _("Flemish assessments of strategic interests")
        constraints = [
            models.CheckConstraint(condition=~Q(strategic_interests=""), name="fdi_assessment_motivated"),
            models.CheckConstraint(condition=~Q(advice="conditions") | ~Q(conditions=""), name="fdi_conditions_named"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.advice}"
