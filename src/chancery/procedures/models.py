"""Files (zaken) going through a declared procedure: the case, its applicant, documents, notes,
history and deadline clocks. What a procedure *is* lives in engine.py and its definition."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chancery.core.models import Confidential
from chancery.core.models.access import ConfidentialQuerySet
from chancery.core.periods import in_force
from chancery.core.visibility import ReadableQuerySet
from chancery.procedures import registry


def enterprise_number_is_valid(number: str) -> bool:
    """Belgian enterprise number (KBO/BCE): 10 digits, starting with 0 or 1, whose last two digits
    are 97 minus the first eight modulo 97 (Royal Decree of 22 June 2003, Crossroads Bank)."""
    digits = "".join(ch for ch in number if ch.isdigit())
    if len(digits) != 10 or digits[0] not in "01":
        return False
    return 97 - int(digits[:8]) % 97 == int(digits[8:])


def normalise_enterprise_number(number: str) -> str:
    digits = "".join(ch for ch in number if ch.isdigit())
    return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}" if len(digits) == 10 else number.strip()


class PartyKind(models.TextChoices):
    ORGANISATION = "organisation", _("Company or organisation")
    PERSON = "person", _("Natural person")


class Party(models.Model):
    """Who applies: a company or organisation (with its registration number) or a natural person."""

    kind = models.CharField(_("kind"), max_length=16, choices=PartyKind.choices)
    name = models.CharField(_("name"), max_length=200)
    registration_number = models.CharField(
        _("registration number"),
        max_length=40,
        blank=True,
        help_text=_("For a Belgian company: the enterprise number (0123.456.749)."),
    )
    country = models.CharField(_("country"), max_length=2, default="BE", help_text=_("ISO 3166 code."))
    address = models.CharField(_("address"), max_length=300, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.registration_number})" if self.registration_number else self.name

    def clean(self):
        if self.kind == PartyKind.ORGANISATION:
            if not self.registration_number.strip():
                raise ValidationError(
                    {"registration_number": _("A company or organisation needs its registration number.")}
                )
            if self.country == "BE":
                if not enterprise_number_is_valid(self.registration_number):
                    raise ValidationError(
                        {"registration_number": _("This is not a valid Belgian enterprise number.")}, code="kbo"
                    )
                self.registration_number = normalise_enterprise_number(self.registration_number)


class RepresentationBasis(models.TextChoices):
    GRANTED = "granted", _("Granted by the service")
    REGISTER_EXTRACT = "register_extract", _("Proven by an extract of the enterprise register (KBO)")


class RepresentationQuerySet(ReadableQuerySet):
    def in_force(self, on: datetime.date | None = None) -> RepresentationQuerySet:
        """Not revoked and valid on `on` (today by default)."""
        on = on or timezone.localdate()
        return self.filter(in_force(on, "valid_from", "valid_until"), revoked_at__isnull=True)


class Representation(models.Model):
    """Who may act for an organisation at the counter: a user of the counter and the company or
    organisation they represent, registered by the service (services.parties.grant) on its own
    knowledge or on an extract of the enterprise register (KBO) it keeps. Every filing for an
    organisation asks for one in force (services.parties.require_representation). Never deleted:
    a revocation ends it and says who, when and why."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("representative"), on_delete=models.PROTECT,
        related_name="representations",
    )  # fmt: skip
    party = models.ForeignKey(
        Party, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="representations"
    )
    basis = models.CharField(_("basis"), max_length=20, choices=RepresentationBasis.choices)
    # The extract of the enterprise register that proves the mandate (basis register_extract).
    extract = models.ForeignKey(
        "core.Document", verbose_name=_("extract of the enterprise register"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("granted by"), on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(_("granted"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("revoked by"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    revocation_reason = models.TextField(_("reason of the revocation"), blank=True)

    objects = RepresentationQuerySet.as_manager()

    class Meta:
        verbose_name = _("representation")
        verbose_name_plural = _("representations")
        ordering = ["party__name", "pk"]
        constraints = [
            # One representation of a user for an organisation at a time; a revoked one stays as history.
            models.UniqueConstraint(
                fields=["user", "party"], condition=Q(revoked_at__isnull=True), name="representation_once"
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="representation_period",
            ),
            models.CheckConstraint(
                condition=~Q(basis="register_extract") | Q(extract__isnull=False), name="representation_extract"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.party}"

    def is_in_force(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return (
            self.revoked_at is None and self.valid_from <= on and (self.valid_until is None or self.valid_until >= on)
        )


class CaseCounter(models.Model):
    """The yearly sequence of a procedure's reference numbers, taken under a row lock."""

    procedure = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["procedure", "year"], name="case_counter_unique")]

    def __str__(self) -> str:
        return f"{self.procedure} {self.year}: {self.last}"


class CaseQuerySet(ConfidentialQuerySet):
    def open(self) -> CaseQuerySet:
        condition = Q(pk__in=[])
        for procedure in registry.all_procedures():
            condition |= Q(procedure=procedure.code, state__in=procedure.open_states)
        return self.filter(condition)


class Case(Confidential):
    """A file (zaak) in a procedure. Changes of state only through services.cases.fire."""

    reference = models.CharField(_("reference"), max_length=30, unique=True)
    procedure = models.CharField(_("procedure"), max_length=10, db_index=True)
    state = models.CharField(_("state"), max_length=40, db_index=True)
    title = models.CharField(_("subject"), max_length=300)
    applicant = models.ForeignKey(Party, verbose_name=_("applicant"), on_delete=models.PROTECT, related_name="cases")
    applicant_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant's account"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="filed_cases",
    )
    team = models.ForeignKey(
        "core.Entity", verbose_name=_("team"), null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    handlers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("handlers"), blank=True, related_name="handled_cases"
    )
    # What the procedure's form asked (goods, destination, amounts …): the procedure's own data.
    data = models.JSONField(_("details"), default=dict, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, db_index=True)
    # The nearest due date of a running clock (None while suspended or without clock): for sorting.
    due_on = models.DateField(_("due"), null=True, blank=True, db_index=True)
    # Set when the case closes with a clock: was it decided within the term?
    within_term = models.BooleanField(_("within the term"), null=True, blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def definition(self):
        return registry.get(self.procedure)

    @property
    def state_info(self):
        return self.definition.state(self.state)

    @property
    def is_open(self) -> bool:
        return not self.state_info.closed

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return self.is_open and self.due_on is not None and self.due_on < (today or timezone.localdate())

    def get_absolute_url(self) -> str:
        return reverse("procedures:case", args=[self.reference])


class CaseTransition(models.Model):
    """One step of a case's history: who fired which transition, when, from where to where, why."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="history")
    name = models.CharField(max_length=60)
    source = models.CharField(max_length=40)
    target = models.CharField(max_length=40)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    reason = models.TextField(blank=True)
    reason_to_applicant = models.BooleanField(default=False)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.source} → {self.target}"


class CaseNote(models.Model):
    """A note on a case. Internal notes (assessments) are never shown to the applicant; the
    others are messages between the administration and the applicant."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("text"))
    internal = models.BooleanField(_("internal (assessment)"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class CaseDocument(models.Model):
    """A document of the core store on a case, with its type in the procedure (e.g. end-user
    certificate). Internal documents (advice, assessment) are never shown to the applicant."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey("core.Document", on_delete=models.PROTECT, related_name="case_links")
    kind = models.CharField(_("document type"), max_length=40)
    internal = models.BooleanField(_("internal"), default=False)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        ordering = ["added_at", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.document_id} ({self.kind})"


class ClockPeriod(models.Model):
    """A period during which one of a case's clocks ran (`ended_on` empty while it runs)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="clock_periods")
    clock = models.CharField(max_length=40)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    # Why it ended: suspended (may resume) or stopped (for good).
    stopped = models.BooleanField(default=False)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        ordering = ["started_on", "pk"]

    def __str__(self) -> str:
        return f"{self.clock} {self.started_on}–{self.ended_on or ''}"


class ApplicationDraft(models.Model):
    """An application being written at the counter, saved as it stands ("Opslaan als ontwerp")
    without the form's checks: the fields as the form sent them and the keys of the files it
    holds (`core.PendingUpload`). Not a case: it has no reference, no applicant party yet and no
    reader but its author (docs/ARCHITECTURE.md, issue 14). Submitting it makes the case through
    `work.apply`, which removes it in the same transaction."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="application_drafts")
    procedure = models.CharField(_("procedure"), max_length=10)
    title = models.CharField(_("subject"), max_length=300, blank=True)
    # {field name as sent: [values]}: what the form shows again when the draft is resumed.
    fields = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    saved_at = models.DateTimeField(_("saved"), default=timezone.now)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("draft application")
        verbose_name_plural = _("draft applications")
        ordering = ["-saved_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.procedure}: {self.title or '—'}"

    def get_absolute_url(self) -> str:
        return reverse("counter:draft", args=[self.pk])
