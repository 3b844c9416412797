"""Issued licences and what follows them: use reports, refusal letters, registrations of general
licences with their reports, prior authorisations and certified-person certificates."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chancery.core.visibility import ReadableQuerySet
from chancery.licensing import rules


class LicenceKind(models.TextChoices):
    EXPORT = "export", _("Export")
    TRANSFER = "transfer", _("Intra-EU transfer")
    TRANSIT = "transit", _("Transit")
    IMPORT = "import", _("Import")


class LicenceForm(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual licence")
    GLOBAL = "global", _("Global licence")
    COMBINED = "combined", _("Combined licence (several end users)")


class LicenceCounter(models.Model):
    """The yearly sequence of licence numbers, taken under a row lock."""

    year = models.PositiveSmallIntegerField(unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class Licence(models.Model):
    """A licence issued on a granted strategic-goods application. What it covers is a snapshot of
    the application at the decision: later changes to the file do not change the licence."""

    number = models.CharField(_("licence number"), max_length=30, unique=True)
    case = models.OneToOneField(
        "procedures.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="licence"
    )
    holder = models.ForeignKey(
        "procedures.Party", verbose_name=_("holder"), on_delete=models.PROTECT, related_name="licences"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=LicenceKind.choices)
    form = models.CharField(_("form"), max_length=16, choices=LicenceForm.choices)
    goods_family = models.CharField(_("kind of goods"), max_length=20)
    with_conditions = models.BooleanField(_("granted with conditions"), default=False)
    conditions = models.TextField(_("decision"), blank=True)
    decided_on = models.DateField(_("decided on"))
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    validity_source = models.CharField(_("source of the validity term"), max_length=300)
    validity_verified = models.BooleanField(_("validity term verified"), default=True)
    destination_country = models.CharField(_("country of destination"), max_length=2, db_index=True)
    control_list_code = models.CharField(_("control-list code"), max_length=40)
    category = models.CharField(_("category"), max_length=8, db_index=True)
    goods_description = models.TextField(_("goods"), blank=True)
    quantity = models.PositiveIntegerField(_("quantity"))
    value_eur = models.DecimalField(_("value (EUR)"), max_digits=14, decimal_places=2)
    renewed_on = models.DateField(_("renewed on"), null=True, blank=True)
    renewed_value_eur = models.DecimalField(
        _("value covered by the renewal (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    document = models.ForeignKey(
        "core.Document", verbose_name=_("licence document"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(default=timezone.now)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("licence")
        verbose_name_plural = _("licences")
        ordering = ["-decided_on", "-pk"]

    def __str__(self) -> str:
        return self.number

    def used_value(self) -> Decimal:
        return self.use_reports.aggregate(total=models.Sum("value_eur"))["total"] or Decimal("0")

    def used_quantity(self) -> int:
        return self.use_reports.aggregate(total=models.Sum("quantity"))["total"] or 0

    def remaining_value(self) -> Decimal:
        return self.value_eur - self.used_value()

    def remaining_quantity(self) -> int:
        return self.quantity - self.used_quantity()

    def is_valid_on(self, day) -> bool:
        return self.valid_from <= day <= self.valid_until and self.case.state in ("granted", "granted_with_conditions")

    @property
    def validity_rule(self) -> rules.Validity:
        return rules.validity_for(self.goods_family, self.form, self.decided_on)


class UseReport(models.Model):
    """The holder's report of one use of a licence (a shipment)."""

    licence = models.ForeignKey(Licence, on_delete=models.PROTECT, related_name="use_reports")
    used_on = models.DateField(_("date of use"))
    quantity = models.PositiveIntegerField(_("quantity"))
    value_eur = models.DecimalField(_("value (EUR)"), max_digits=14, decimal_places=2)
    destination_country = models.CharField(_("country of destination"), max_length=2)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField(default=timezone.now)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("use report")
        verbose_name_plural = _("use reports")
        ordering = ["used_on", "pk"]

    def __str__(self) -> str:
        return f"{self.licence_id}: {self.used_on} {self.value_eur}"


class RefusalLetter(models.Model):
    """The letter that notifies a refusal, with the motivation given in the decision."""

    case = models.OneToOneField("procedures.Case", on_delete=models.PROTECT, related_name="refusal_letter")
    decided_on = models.DateField(_("decided on"))
    motivation = models.TextField(_("motivation"))
    document = models.ForeignKey("core.Document", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("refusal letter")
        verbose_name_plural = _("refusal letters")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.decided_on}"


class GeneralLicenceRegistration(models.Model):
    """A company's registration of its use of a general licence, made before the first use."""

    party = models.ForeignKey(
        "procedures.Party", verbose_name=_("company"), on_delete=models.PROTECT, related_name="general_licences"
    )
    # A code of rules.GENERAL_LICENCES (checked by the service; the list is data, not a schema).
    general_licence = models.CharField(_("general licence"), max_length=10)
    first_use_on = models.DateField(_("planned first use"))
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(default=timezone.now)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration of a general licence")
        verbose_name_plural = _("registrations of general licences")
        ordering = ["-registered_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["party", "general_licence"], name="general_licence_registered_once")
        ]

    def __str__(self) -> str:
        return f"{self.general_licence} — {self.party}"

    @property
    def definition(self) -> rules.GeneralLicence | None:
        return rules.general_licence(self.general_licence)


class GeneralLicenceReport(models.Model):
    """The periodic report of the use made of a registered general licence."""

    registration = models.ForeignKey(GeneralLicenceRegistration, on_delete=models.PROTECT, related_name="reports")
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    shipments = models.PositiveIntegerField(_("number of shipments"))
    value_eur = models.DecimalField(_("value (EUR)"), max_digits=14, decimal_places=2)
    destination_countries = models.CharField(
        _("countries of destination"), max_length=200, blank=True, help_text=_("ISO codes, separated by commas.")
    )
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField(default=timezone.now)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("report on a general licence")
        verbose_name_plural = _("reports on general licences")
        ordering = ["period_start", "pk"]

    def __str__(self) -> str:
        return f"{self.registration_id}: {self.period_start}–{self.period_end}"


class AuthorisationKind(models.TextChoices):
    PRIOR_AUTHORISATION = "prior_authorisation", _("Prior authorisation")
    CERTIFIED_PERSON = "certified_person", _("Certified-person certificate")


class PriorAuthorisation(models.Model):
    """A prior authorisation (voorafgaande machtiging) or a certified-person certificate, which can
    replace it: needed before applying for the definitive export, transit or transfer of military
    goods and before using a general transfer licence (fdfa.be node/2743, procedure-rules.md §A3)."""

    party = models.ForeignKey(
        "procedures.Party", verbose_name=_("company"), on_delete=models.PROTECT, related_name="prior_authorisations"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=AuthorisationKind.choices)
    number = models.CharField(_("number"), max_length=40, unique=True)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    # Granted through the procedure VM: its file. Empty when the service recorded it by hand.
    case = models.OneToOneField(
        "procedures.Case", verbose_name=_("file"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="prior_authorisation",
    )  # fmt: skip
    validity_verified = models.BooleanField(_("validity term verified"), default=True)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("prior authorisation")
        verbose_name_plural = _("prior authorisations")
        ordering = ["-valid_until", "-pk"]

    def __str__(self) -> str:
        return self.number
