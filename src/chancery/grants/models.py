"""Grant programmes (MISSION D4): a programme with its yearly envelopes, its calls with their
criteria, and the applications filed on a call (one per file of the procedure SUB) with their
reviews and scores per criterion.

Amounts are whole cents. An envelope's committed amount only grows through
`services.envelopes.commit` (under a row lock: never above what is planned, a database constraint
holds it too). An application of a person at risk (`protected`) lives in a `confidential` file: its
beneficiary's name and country never reach a page, the API or open data (services.public)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chancery.core.visibility import ReadableQuerySet
from chancery.grants import rules


class Programme(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    # Where the programme and its envelope come from (the memorandum's section).
    source = models.CharField(_("source"), max_length=300)
    protects_persons = models.BooleanField(_("persons at risk may apply"), default=False)
    # The monitoring initiative this programme carries out (its code): its envelopes are that
    # initiative's budget in monitoring, read from here (services.monitoring), never copied.
    # db_default: the version still serving during the upgrade inserts programmes without it.
    monitoring_initiative = models.SlugField(_("monitoring initiative"), max_length=40, blank=True, db_default="")

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("grant programme")
        verbose_name_plural = _("grant programmes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Envelope(models.Model):
    """A programme's budget for one year: planned, committed by grant decisions, paid."""

    programme = models.ForeignKey(Programme, verbose_name=_("programme"), on_delete=models.CASCADE,
                                  related_name="envelopes")  # fmt: skip
    year = models.PositiveSmallIntegerField(_("year"))
    planned_cents = models.BigIntegerField(_("planned (cents)"))
    committed_cents = models.BigIntegerField(_("committed (cents)"), default=0)
    paid_cents = models.BigIntegerField(_("paid (cents)"), default=0)
    source = models.CharField(_("source"), max_length=300)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("envelope")
        verbose_name_plural = _("envelopes")
        ordering = ["programme", "year"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "year"], name="grants_one_envelope_per_year"),
            models.CheckConstraint(
                condition=Q(planned_cents__gte=0, committed_cents__gte=0, paid_cents__gte=0),
                name="grants_envelope_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(committed_cents__lte=F("planned_cents")), name="grants_envelope_not_overcommitted"
            ),  # fmt: skip
            models.CheckConstraint(
                condition=Q(paid_cents__lte=F("committed_cents")), name="grants_envelope_not_overpaid"
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return f"{self.programme} {self.year}"

    @property
    def remaining_cents(self) -> int:
        return self.planned_cents - self.committed_cents


class CallState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Call(models.Model):
    """A call for proposals (oproep) on a programme's envelope of one year. It is open for
    submissions from `opens_at` up to, not including, `closes_at` (Europe/Brussels)."""

    programme = models.ForeignKey(Programme, verbose_name=_("programme"), on_delete=models.PROTECT,
                                  related_name="calls")  # fmt: skip
    year = models.PositiveSmallIntegerField(_("budget year"))
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=300)
    objectives = models.TextField(_("objectives"))
    eligible_applicants = models.TextField(_("eligible applicants"))
    # ISO codes; empty: every country.
    eligible_countries = models.JSONField(_("eligible countries"), default=list, blank=True)
    eligible_costs = models.TextField(_("eligible costs"))
    max_grant_cents = models.BigIntegerField(_("maximum per grant (cents)"))
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    pass_mark_total = models.DecimalField(_("overall pass mark"), max_digits=3, decimal_places=2,
                                          default=rules.figure("pass_mark_total"))  # fmt: skip
    state = models.CharField(_("state"), max_length=12, choices=CallState.choices, default=CallState.DRAFT)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # Payments in tranches: the advance's share of the grant, the balance is paid after the final report.
    # db_default as well: the version still serving during the upgrade inserts calls without it.
    advance_share = models.DecimalField(_("advance (share of the grant)"), max_digits=3, decimal_places=2,
                                        default=rules.figure("advance_share"),
                                        db_default=rules.figure("advance_share"))  # fmt: skip
    # Who decides the grants of this call (issue 15 §4): the competent minister, or the Government
    # (an agenda item); above rules' government threshold the Government decides in any case.
    decided_by = models.CharField(_("decided by"), max_length=12, choices=[("minister", _("the competent minister")),
                                  ("government", _("the Flemish Government"))], default="minister")  # fmt: skip

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("call for proposals")
        verbose_name_plural = _("calls for proposals")
        ordering = ["-opens_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")), name="grants_call_closes_after_opening"),
            models.CheckConstraint(condition=Q(max_grant_cents__gt=0), name="grants_call_maximum_positive"),
            models.CheckConstraint(
                condition=Q(pass_mark_total__gte=0, pass_mark_total__lte=1), name="grants_call_pass_mark_fraction"
            ),  # fmt: skip
            models.CheckConstraint(
                condition=Q(advance_share__gt=0, advance_share__lt=1), name="grants_call_advance_share_fraction"
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("grants_public:call", args=[self.slug])

    def is_open(self, at=None) -> bool:
        at = at or timezone.now()
        return self.state == CallState.PUBLISHED and self.opens_at <= at < self.closes_at

    def phase(self, at=None) -> str:
        at = at or timezone.now()
        if self.state != CallState.PUBLISHED:
            return "draft"
        if at < self.opens_at:
            return "announced"
        return "open" if at < self.closes_at else "closed"


class Criterion(models.Model):
    call = models.ForeignKey(Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("criterion"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    max_score = models.PositiveSmallIntegerField(_("maximum score"), default=rules.figure("max_score"))
    pass_mark = models.DecimalField(_("pass mark"), max_digits=3, decimal_places=2,
                                    default=rules.figure("pass_mark_criterion"))  # fmt: skip

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["call", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(weight__gt=0, max_score__gt=0), name="grants_criterion_positive"),
            models.CheckConstraint(
                condition=Q(pass_mark__gte=0, pass_mark__lte=1), name="grants_criterion_pass_mark_fraction"
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return self.name


class Application(models.Model):
    """What the applicant filed on a call (the file's record, made when it is submitted)."""

    case = models.OneToOneField("procedures.Case", verbose_name=_("case"), on_delete=models.CASCADE,
                                related_name="grant_application")  # fmt: skip
    call = models.ForeignKey(Call, verbose_name=_("call"), on_delete=models.PROTECT, related_name="applications")
    beneficiary = models.CharField(_("beneficiary"), max_length=200)
    country = models.CharField(_("country of the project"), max_length=2)
    purpose = models.TextField(_("purpose"), max_length=4000)
    # A person at risk: the file is confidential and the beneficiary is never named outside it.
    protected = models.BooleanField(_("protected beneficiary"), default=False)
    budget_lines = models.JSONField(_("budget"), default=list)
    requested_cents = models.BigIntegerField(_("requested (cents)"))
    co_financing_cents = models.BigIntegerField(_("co-financing (cents)"), default=0)
    submitted_at = models.DateTimeField(_("submitted"))
    awarded_cents = models.BigIntegerField(_("granted (cents)"), null=True, blank=True)
    envelope = models.ForeignKey(Envelope, verbose_name=_("envelope"), on_delete=models.PROTECT, null=True,
                                 blank=True, related_name="grants")  # fmt: skip
    decided_on = models.DateField(_("decided on"), null=True, blank=True)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("grant application")
        verbose_name_plural = _("grant applications")
        ordering = ["-submitted_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(requested_cents__gt=0, co_financing_cents__gte=0), name="grants_application_amounts"
            ),  # fmt: skip
            models.CheckConstraint(
                condition=Q(awarded_cents__isnull=True) | Q(awarded_cents__gt=0), name="grants_awarded_positive"
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.call}"


class Review(models.Model):
    """A reviewer assigned to an application: first a declaration on conflicts of interest, then,
    when free of them, a score per criterion with its motivation."""

    application = models.ForeignKey(Application, verbose_name=_("application"), on_delete=models.CASCADE,
                                    related_name="reviews")  # fmt: skip
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reviewer"), on_delete=models.PROTECT,
                                 related_name="grant_reviews")  # fmt: skip
    assigned_at = models.DateTimeField(_("assigned"), default=timezone.now)
    # None until declared.
    conflict = models.BooleanField(_("conflict of interest"), null=True, blank=True)
    conflict_note = models.TextField(_("declaration"), max_length=2000, blank=True)
    declared_at = models.DateTimeField(_("declared"), null=True, blank=True)
    scored_at = models.DateTimeField(_("scored"), null=True, blank=True)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["application", "assigned_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "reviewer"], name="grants_one_review_per_reviewer"),
            models.CheckConstraint(
                condition=Q(scored_at__isnull=True) | Q(conflict=False), name="grants_no_score_with_conflict"
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.reviewer}"


class Score(models.Model):
    review = models.ForeignKey(Review, verbose_name=_("review"), on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, verbose_name=_("criterion"), on_delete=models.PROTECT,
                                  related_name="scores")  # fmt: skip
    score = models.PositiveSmallIntegerField(_("score"))
    motivation = models.TextField(_("motivation"), max_length=4000)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["review", "criterion__order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="grants_one_score_per_criterion"),
            models.CheckConstraint(condition=~Q(motivation=""), name="grants_score_motivated"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"


# --- the decision by the Government, the humanitarian fast track (issue 15, §4 and §7) -----------


class ProposalState(models.TextChoices):
    PREPARED = "prepared", _("Prepared by the grants service")
    SUBMITTED = "submitted", _("Submitted to the Government")
    APPROVED = "approved", _("Approved by the Government")
    REJECTED = "rejected", _("Not adopted by the Government")


class GovernmentProposal(models.Model):
    """The proposal to the Flemish Government to decide a grant (services.government): prepared by
    the grants service when the application goes before the Government, submitted by a minister's
    office as an agenda item of a meeting (decisions.Submission, with the proposal as its
    document); the grant follows the Government's decision on that item (its procedure step)."""

    application = models.OneToOneField(Application, verbose_name=_("grant application"), on_delete=models.CASCADE,
                                       related_name="government_proposal")  # fmt: skip
    state = models.CharField(_("state"), max_length=12, choices=ProposalState.choices, default=ProposalState.PREPARED)
    amount_cents = models.BigIntegerField(_("proposed amount (cents)"))
    submission = models.ForeignKey("decisions.Submission", verbose_name=_("submission"), on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")  # fmt: skip
    decision = models.ForeignKey("decisions.Decision", verbose_name=_("decision of the Government"),
                                 on_delete=models.PROTECT, null=True, blank=True, related_name="+")  # fmt: skip
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    prepared_at = models.DateTimeField(_("prepared"), default=timezone.now)
    document = models.ForeignKey("core.Document", verbose_name=_("proposal"), on_delete=models.PROTECT, null=True,
                                 blank=True, related_name="+")  # fmt: skip

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposal to the Government")
        verbose_name_plural = _("proposals to the Government")
        ordering = ["-prepared_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_cents__gt=0), name="grants_proposal_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.application.case.reference}: {self.get_state_display()}"


class EmergencyAllocation(models.Model):
    """A humanitarian emergency allocation on the fast track, procedure SUBH (fast_track.py): a
    simplified file (partner, emergency, country, amount, purpose) decided within 48 hours; the
    allocation commits the humanitarian envelope (services.programmes.commit)."""

    case = models.OneToOneField("procedures.Case", verbose_name=_("case"), on_delete=models.CASCADE,
                                related_name="emergency_allocation")  # fmt: skip
    programme = models.ForeignKey(Programme, verbose_name=_("programme"), on_delete=models.PROTECT,
                                  related_name="emergency_allocations")  # fmt: skip
    year = models.PositiveSmallIntegerField(_("budget year"))
    beneficiary = models.CharField(_("beneficiary"), max_length=200)
    emergency = models.CharField(_("emergency"), max_length=300)
    country = models.CharField(_("country"), max_length=2)
    purpose = models.TextField(_("purpose"), max_length=4000)
    requested_cents = models.BigIntegerField(_("requested (cents)"))
    requested_at = models.DateTimeField(_("requested"))
    allocated_cents = models.BigIntegerField(_("allocated (cents)"), null=True, blank=True)
    envelope = models.ForeignKey(Envelope, verbose_name=_("envelope"), on_delete=models.PROTECT, null=True,
                                 blank=True, related_name="emergency_allocations")  # fmt: skip
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("emergency allocation")
        verbose_name_plural = _("emergency allocations")
        ordering = ["-requested_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(requested_cents__gt=0), name="grants_emergency_requested_positive"),
            models.CheckConstraint(
                condition=Q(allocated_cents__isnull=True) | Q(allocated_cents__gt=0),
                name="grants_emergency_allocated_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.emergency}"


# --- payments in tranches, reports and recovery (issue 15, capabilities 5 and 6) -----------------
# After the award (procedure SUB from `granted` on): the tranches are planned when the agreement is
# signed, each a payment instruction of its own (planned → ordered → paid, or cancelled); the
# beneficiary reports (interim, final) with a cost statement against the budget table; the final
# report is accepted, partially accepted (the balance reduced) or refused (a recovery order).
# An envelope's paid amount only grows through `services.payments.pay` (under its row lock).


class TrancheKind(models.TextChoices):
    ADVANCE = "advance", _("Advance")
    BALANCE = "balance", _("Balance after the final report")


class TrancheState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ORDERED = "ordered", _("Payment ordered")
    PAID = "paid", _("Paid")
    CANCELLED = "cancelled", _("Cancelled")


class Tranche(models.Model):
    """One payment of a grant: its share, its amount in cents (the last takes the remainder) and the
    state of its payment instruction."""

    application = models.ForeignKey(Application, verbose_name=_("grant"), on_delete=models.CASCADE,
                                    related_name="tranches")  # fmt: skip
    number = models.PositiveSmallIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=10, choices=TrancheKind.choices)
    share = models.DecimalField(_("share of the grant"), max_digits=5, decimal_places=4)
    amount_cents = models.BigIntegerField(_("amount (cents)"))
    state = models.CharField(_("state"), max_length=10, choices=TrancheState.choices, default=TrancheState.PLANNED)
    ordered_on = models.DateField(_("ordered on"), null=True, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("tranche")
        verbose_name_plural = _("tranches")
        ordering = ["application", "number"]
        constraints = [
            models.UniqueConstraint(fields=["application", "number"], name="grants_one_tranche_per_number"),
            models.CheckConstraint(condition=Q(amount_cents__gte=0), name="grants_tranche_not_negative"),
            models.CheckConstraint(
                condition=~Q(state="paid") | Q(paid_on__isnull=False), name="grants_tranche_paid_has_date"
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return f"{self.application_id} T{self.number}"

    @property
    def instruction(self) -> str:
        """The payment instruction's reference: the file's reference and the tranche's number."""
        return f"{self.application.case.reference}-T{self.number}"


class ReportKind(models.TextChoices):
    INTERIM = "interim", _("Interim report")
    FINAL = "final", _("Final report")


class ReportState(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    PARTIALLY_ACCEPTED = "partially_accepted", _("Partially accepted")
    REFUSED = "refused", _("Refused")


class Report(models.Model):
    """A report of the beneficiary with its cost statement: per line of the budget table, what was
    spent (cents)."""

    application = models.ForeignKey(Application, verbose_name=_("grant"), on_delete=models.CASCADE,
                                    related_name="reports")  # fmt: skip
    kind = models.CharField(_("kind"), max_length=10, choices=ReportKind.choices)
    state = models.CharField(_("state"), max_length=20, choices=ReportState.choices, default=ReportState.SUBMITTED)
    narrative = models.TextField(_("content report"), max_length=8000)
    # [{label, budget_cents, spent_cents}], in the order of the budget table.
    cost_lines = models.JSONField(_("cost statement"), default=list)
    spent_cents = models.BigIntegerField(_("spent (cents)"))
    submitted_at = models.DateTimeField(_("submitted"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("submitted by"),
                                     on_delete=models.PROTECT, related_name="+")  # fmt: skip
    # What the grants service accepts of the grant (final report), set by its assessment.
    accepted_cents = models.BigIntegerField(_("accepted (cents)"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")  # fmt: skip
    decision_note = models.TextField(_("assessment"), max_length=4000, blank=True)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("grant report")
        verbose_name_plural = _("grant reports")
        ordering = ["application", "submitted_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(spent_cents__gte=0) & (Q(accepted_cents__isnull=True) | Q(accepted_cents__gte=0)),
                name="grants_report_amounts_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.get_kind_display()}"


class RecoveryOrder(models.Model):
    """What the beneficiary must pay back: a refused report or a purpose not respected."""

    application = models.ForeignKey(Application, verbose_name=_("grant"), on_delete=models.CASCADE,
                                    related_name="recoveries")  # fmt: skip
    amount_cents = models.BigIntegerField(_("amount to pay back (cents)"))
    reason = models.TextField(_("reason"), max_length=4000)
    ordered_at = models.DateTimeField(_("ordered"))
    ordered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("ordered by"), on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    repaid_on = models.DateField(_("repaid on"), null=True, blank=True)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("recovery order")
        verbose_name_plural = _("recovery orders")
        ordering = ["application", "ordered_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_cents__gt=0), name="grants_recovery_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.amount_cents}"


# --- The human rights prize (its own module, kept apart from the grants) --------------------------
from chancery.grants.prize_models import (  # noqa: E402, F401 - models of this app
    DeliberationNote,
    Edition,
    JuryMember,
    JuryReview,
    JuryScore,
    Nomination,
    PrizeCriterion,
)
