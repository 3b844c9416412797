"""The disaster fund's records.

`Municipality`: the Flemish municipalities with their NIS code and validity (data/municipalities.json,
Statbel REFNIS). `DisasterEvent`: an exceptional natural phenomenon over a period, reported by
victims, tested by the fund, recognised by the Government or not. `DamageReport` (schademelding):
one per person (or organisation) per event, at the counter, no attachments; a second report of the
same person for the same event is not stored but linked to the first (`duplicates`).
`Recognition` (erkenning): the phenomenon, period and municipalities the Government recognises,
prepared as a submission to the Government (decisions.Submission); its publication in the Belgisch
Staatsblad (decisions.Publication) opens the claim window. `Claim` (schadeaanvraag): the fund's
record of one claim, beside its file (procedures.Case, procedure RF): goods, amounts in cents, the
expertise, the decision with its computed lines, rectification, appeal, payment. `Anomaly`: an
outcome a handler marks as unreasonable, with the rule, the facts and a proposal.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chancery.core.visibility import ReadableQuerySet


class Municipality(models.Model):
    nis_code = models.CharField(_("NIS code"), max_length=5, unique=True)
    name = models.CharField(_("name"), max_length=100)
    province = models.CharField(_("province"), max_length=40)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name", "nis_code"]

    def __str__(self) -> str:
        return self.name


class Phenomenon(models.TextChoices):
    """Decree of 5 April 2019, art. 2 (procedure-rules §B1)."""

    FLOOD = "flood", _("Flood")
    STORM = "storm", _("Storm or gusts")
    HAIL = "hail", _("Hail")
    RAIN = "rain", _("Heavy or persistent rain")
    FROST = "frost", _("Frost")
    SNOW = "snow", _("Snow or ice load")
    DROUGHT = "drought", _("Severe drought")
    TORNADO = "tornado", _("Tornado")
    EARTHQUAKE = "earthquake", _("Earthquake")
    LANDSLIDE = "landslide", _("Landslide or subsidence")
    WILDFIRE = "wildfire", _("Natural wildfire")


class EventState(models.TextChoices):
    REPORTED = "reported", _("Damage being reported")
    UNDER_INVESTIGATION = "under_investigation", _("Under investigation by the fund")
    RECOGNITION_PROPOSED = "recognition_proposed", _("Recognition proposed to the Government")
    RECOGNISED = "recognised", _("Recognised")
    NOT_RECOGNISED = "not_recognised", _("Not recognised")


class DisasterEvent(models.Model):
    phenomenon = models.CharField(_("phenomenon"), max_length=20, choices=Phenomenon.choices)
    name = models.CharField(_("name"), max_length=200)
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"))
    state = models.CharField(_("state"), max_length=24, choices=EventState.choices, default=EventState.REPORTED)
    # The fund's findings against the scientific and financial criteria (rules.THRESHOLDS), and why
    # it was not recognised.
    findings = models.TextField(_("findings"), blank=True)
    # The advice of KMI, VMM, Waterbouwkundig Laboratorium or the Royal Observatory, as documents.
    advice = models.ManyToManyField("core.Document", verbose_name=_("advice"), blank=True, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("disaster event")
        verbose_name_plural = _("disaster events")
        ordering = ["-started_on", "pk"]

    def __str__(self) -> str:
        return self.name


class ReporterKind(models.TextChoices):
    PERSON = "person", _("Citizen")
    COMPANY = "company", _("Company or organisation")


class DamageReport(models.Model):
    event = models.ForeignKey(DisasterEvent, verbose_name=_("event"), on_delete=models.PROTECT, related_name="reports")
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="+"
    )
    reporter_kind = models.CharField(_("reported by"), max_length=10, choices=ReporterKind.choices)
    reporter_name = models.CharField(_("name"), max_length=200)
    # Who the reporter is, to find a second report of the same person: the national register or
    # enterprise number, normalised to digits.
    reporter_id = models.CharField(_("national register or enterprise number"), max_length=20)
    address = models.CharField(_("address of the damage"), max_length=300)
    occurred_on = models.DateField(_("date of the damage"))
    description = models.TextField(_("what was damaged"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reported_at = models.DateTimeField(default=timezone.now)
    # Second reports of the same person for the same event: counted, not stored as reports.
    duplicates = models.PositiveIntegerField(_("repeated reports"), default=0)
    # Closed when the event is not recognised (by the fund or the Government), with the reason the
    # reporter reads on their counter page.
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    # A database default: the version serving while this column is added inserts reports without it.
    closing_reason = models.TextField(_("reason of the closure"), blank=True, db_default="")

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("damage report")
        verbose_name_plural = _("damage reports")
        ordering = ["-reported_at"]
        constraints = [
            models.UniqueConstraint(fields=["event", "reporter_id"], name="one_damage_report_per_person_per_event")
        ]

    def __str__(self) -> str:
        return f"{self.reporter_name} ({self.municipality})"


class RecognitionState(models.TextChoices):
    PREPARED = "prepared", _("Prepared")
    SUBMITTED = "submitted", _("Submitted to the Government")
    PUBLISHED = "published", _("Published in the Belgian Official Gazette")
    REJECTED = "rejected", _("Not adopted by the Government")


class Recognition(models.Model):
    event = models.OneToOneField(
        DisasterEvent, verbose_name=_("event"), on_delete=models.PROTECT, related_name="recognition"
    )
    phenomenon = models.CharField(_("phenomenon"), max_length=20, choices=Phenomenon.choices)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    municipalities = models.ManyToManyField(Municipality, verbose_name=_("municipalities"), related_name="+")
    state = models.CharField(
        _("state"), max_length=12, choices=RecognitionState.choices, default=RecognitionState.PREPARED
    )
    submission = models.OneToOneField(
        "decisions.Submission", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_on = models.DateField(_("published in the Belgian Official Gazette on"), null=True, blank=True)
    numac = models.CharField(_("NUMAC number"), max_length=20, blank=True)
    # The Government decided not to recognise (the reason is the event's findings).
    rejected_on = models.DateField(_("not adopted on"), null=True, blank=True)
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    prepared_at = models.DateTimeField(default=timezone.now)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("recognition")
        verbose_name_plural = _("recognitions")
        ordering = ["-period_start"]

    def __str__(self) -> str:
        return str(self.event)


class GoodsKind(models.TextChoices):
    BUILDING = "building", _("Building")
    CONTENTS = "contents", _("Household contents")
    PROFESSIONAL = "professional", _("Professional goods")
    AGRICULTURAL = "agricultural", _("Agricultural goods")
    PUBLIC_DOMAIN = "public_domain", _("Public-domain goods")


class Capacity(models.TextChoices):
    OWNER = "owner", _("Owner (or leaseholder, holder of a building right)")
    MANDATARY = "mandatary", _("Mandatary of the owner")


class PaymentState(models.TextChoices):
    NONE = "", _("Not ordered")
    ORDERED = "ordered", _("Ordered")
    PAID = "paid", _("Paid")


class Claim(models.Model):
    """Amounts are whole cents. The computed compensation and its lines are recorded with the
    decision (a later change of a figure does not change a decision taken)."""

    case = models.OneToOneField(
        "procedures.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="disaster_claim"
    )
    recognition = models.ForeignKey(
        Recognition, verbose_name=_("recognised disaster"), on_delete=models.PROTECT, related_name="claims"
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="+"
    )
    capacity = models.CharField(_("you claim as"), max_length=10, choices=Capacity.choices)
    goods_kind = models.CharField(_("goods"), max_length=16, choices=GoodsKind.choices)
    insurable_simple_risks = models.BooleanField(_("insurable under a fire insurance for simple risks"))
    description = models.TextField(_("description of the damage"))
    estimate_cents = models.BigIntegerField(_("estimate (cents)"))
    insurance_paid_cents = models.BigIntegerField(_("insurance payouts (cents)"), default=0)
    filed_on = models.DateField(_("filed on"))
    late = models.BooleanField(_("late claim (force majeure)"), default=False)
    impediment_ended_on = models.DateField(_("impediment ended on"), null=True, blank=True)
    late_motivation = models.TextField(_("motivation of the late claim"), blank=True)
    # Expertise.
    expert = models.CharField(_("expert"), max_length=200, blank=True)
    assessed_damage_cents = models.BigIntegerField(_("damage assessed by the expert (cents)"), null=True, blank=True)
    report_sent_on = models.DateField(_("expert report sent on"), null=True, blank=True)
    comment_deadline = models.DateField(_("comments on the report until"), null=True, blank=True)
    # The decision.
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    compensation_cents = models.BigIntegerField(_("compensation (cents)"), null=True, blank=True)
    eligible = models.BooleanField(_("eligible"), null=True)
    lines = models.JSONField(_("computation"), default=list, blank=True)
    appeal_deadline = models.DateField(_("appeal until"), null=True, blank=True)
    payment_state = models.CharField(
        _("payment"), max_length=8, choices=PaymentState.choices, default=PaymentState.NONE, blank=True
    )
    payment_ordered_on = models.DateField(_("payment ordered on"), null=True, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        ordering = ["-filed_on", "pk"]

    def __str__(self) -> str:
        return self.case.reference


class Anomaly(models.Model):
    """An outcome of the rules a handler finds unreasonable: input for amending the decree."""

    claim = models.ForeignKey(Claim, verbose_name=_("claim"), on_delete=models.PROTECT, related_name="anomalies")
    rule = models.CharField(_("rule"), max_length=40)
    facts = models.TextField(_("facts"))
    proposal = models.TextField(_("proposal"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("anomaly")
        verbose_name_plural = _("anomalies")
        ordering = ["rule", "-recorded_at"]

    def __str__(self) -> str:
        return f"{self.rule}: {self.claim}"
