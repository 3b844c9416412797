"""Issuing a licence on a grant, the refusal letter on a refusal, renewal, and use reports.

Every change is audited; bad input raises a ValidationError with a Dutch message and changes
nothing (each use case is one transaction)."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from chancery.core import audit, countries, events
from chancery.core.authz import may, require
from chancery.core.models import AuditAction
from chancery.licensing import rules
from chancery.licensing.events import LICENCE_GRANTED
from chancery.licensing.models import Licence, LicenceCounter, RefusalLetter, UseReport
from chancery.licensing.services.facts import licence_facts
from chancery.procedures.models import Case
from chancery.procedures.services import letters
from chancery.procedures.services.parties import require_representation
from chancery.strategic_goods.procedure import CODE

GRANTED = ("granted", "granted_with_conditions")
LICENCE_AUDIT_FIELDS = ("number", "valid_from", "valid_until", "renewed_on", "renewed_value_eur")


def visible_licences(user):
    """The one rule: a licence is seen by whoever sees its case (the holder who applied, the
    handlers); nobody else."""
    return Licence.objects.visible_to(user).select_related("case", "holder")


def next_number(year: int) -> str:
    """`VL-<YEAR>-<SEQ>`, from a yearly counter under a row lock (two grants never share one)."""
    counter, _created = LicenceCounter.objects.select_for_update().get_or_create(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"VL-{year}-{counter.last:04d}"


def _years_later(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def add_years(day: datetime.date, years: int) -> datetime.date:
    # A licence of 3 years ends the day before the same date three years later.
    return _years_later(day, years) - datetime.timedelta(days=1)


@transaction.atomic
def issue(case: Case, *, actor, decided_at: datetime.datetime, reason: str = "") -> Licence:
    """The licence of a granted case: number, validity from the rule in force on the decision day,
    snapshot of what it covers, and its PDF on the case. Idempotent per case."""
    existing = Licence.objects.filter(case=case).first()
    if existing:
        return existing
    facts = licence_facts(case)
    decided_on = timezone.localtime(decided_at).date()
    rule = rules.validity_for(facts.goods_family, facts.form, decided_on)
    line = facts.lines[0]
    licence = Licence.objects.create(
        number=next_number(decided_on.year),
        case=case,
        holder=case.applicant,
        kind=facts.kind,
        form=facts.form,
        goods_family=facts.goods_family,
        with_conditions=case.state == "granted_with_conditions",
        conditions=reason,
        decided_on=decided_on,
        valid_from=decided_on,
        valid_until=add_years(decided_on, rule.years),
        validity_source=rule.source[:300],
        validity_verified=rule.verified,
        destination_country=facts.destination_country,
        control_list_code=line.control_list_code,
        category=line.category,
        goods_description=line.description,
        quantity=facts.quantity,
        value_eur=facts.value_eur,
        created_at=decided_at,
    )
    content = letters.render_pdf("licensing/licence_pdf.html", {"licence": licence, "case": case, "facts": facts})
    licence.document = letters.attach_to_case(
        actor, case, pdf=content, filename=f"vergunning-{licence.number}.pdf",
        title=_("Licence %(number)s") % {"number": licence.number},
    )  # fmt: skip
    licence.save(update_fields=["document"])
    audit.record(actor, AuditAction.CREATE, licence, after=audit.snapshot(licence, LICENCE_AUDIT_FIELDS))
    events.emit(
        LICENCE_GRANTED.code,
        licence,
        {"licence": events.api_link("api:licence-detail", licence.pk), "number": licence.number},
    )
    return licence


@transaction.atomic
def refusal_letter(case: Case, *, actor, decided_at: datetime.datetime, motivation: str) -> RefusalLetter:
    existing = RefusalLetter.objects.filter(case=case).first()
    if existing:
        return existing
    decided_on = timezone.localtime(decided_at).date()
    facts = licence_facts(case)
    # The letter is written in the procedure's language, Dutch, whatever the handler's screen
    # shows: the country by its Dutch name, the codes as the control list writes them.
    with translation.override(settings.LANGUAGE_CODE):
        content = letters.render_pdf(
            "licensing/refusal_pdf.html",
            {
                "case": case, "facts": facts, "decided_on": decided_on, "motivation": motivation,
                "country": countries.name(facts.destination_country),
                "codes": sorted({line.control_list_code for line in facts.lines}), "appeal": rules.APPEAL,
            },
        )  # fmt: skip
        title = _("Refusal of %(reference)s") % {"reference": case.reference}
    document = letters.attach_to_case(actor, case, pdf=content, filename=f"weigering-{case.reference}.pdf", title=title)
    letter = RefusalLetter.objects.create(case=case, decided_on=decided_on, motivation=motivation, document=document)
    audit.record(actor, AuditAction.CREATE, letter, after={"case": case.reference, "decided_on": str(decided_on)})
    return letter


# --- renewal ---------------------------------------------------------------------------------


@transaction.atomic
def renew(actor, licence: Licence, *, on: datetime.date | None = None, reason: str = "") -> Licence:
    """Renew once, for the rule's renewal term, only for the value not yet used."""
    if not may(actor, "licensing.handle") or not visible_licences(actor).filter(pk=licence.pk).exists():
        raise PermissionDenied(_("Only the service that handles strategic goods renews licences."))
    on = on or timezone.localdate()
    licence = Licence.objects.select_for_update().select_related("case").get(pk=licence.pk)
    rule = licence.validity_rule
    if licence.renewed_on is not None:
        raise ValidationError(
            _("This licence was already renewed on %(day)s: it can be renewed only once. Apply for a new licence."),
            code="renewed",
            params={"day": licence.renewed_on.strftime("%d/%m/%Y")},
        )
    if not rule.renewal_years:
        raise ValidationError(_("This kind of licence cannot be renewed."), code="not_renewable")
    if not licence.is_valid_on(on):
        raise ValidationError(_("Only a licence that is still valid can be renewed."), code="not_valid")
    unused = licence.remaining_value()
    if unused <= 0:
        raise ValidationError(_("The licence has been used in full: there is no unused value to renew."), code="used")
    before = audit.snapshot(licence, LICENCE_AUDIT_FIELDS)
    licence.renewed_on = on
    licence.renewed_value_eur = unused
    licence.valid_until = _years_later(licence.valid_until, rule.renewal_years)
    licence.save(update_fields=["renewed_on", "renewed_value_eur", "valid_until"])
    audit.record(
        actor, AuditAction.UPDATE, licence, before=before, after=audit.snapshot(licence, LICENCE_AUDIT_FIELDS),
        reason=reason or _("Renewal for the unused value"),
    )  # fmt: skip
    return licence


# --- use reports -----------------------------------------------------------------------------


def _parse_decimal(value, field: str) -> Decimal:
    try:
        result = Decimal(str(value).replace(",", ".").strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({field: _("Enter an amount in euro, e.g. 1250.00.")}) from None
    if not result.is_finite() or result < 0:
        raise ValidationError({field: _("The amount cannot be negative.")})
    return result.quantize(Decimal("0.01"))


@transaction.atomic
def report_use(actor, licence: Licence, *, used_on, quantity, value_eur, destination_country: str) -> UseReport:
    """The holder reports a use. Refused when it goes beyond what remains of the licence (value
    or quantity), falls outside its validity, or goes elsewhere than the licence's destination."""
    if not visible_licences(actor).filter(pk=licence.pk).exists():
        raise PermissionDenied(_("You may not see this licence."))
    licence = Licence.objects.select_for_update().select_related("case").get(pk=licence.pk)
    require(actor, "licensing.report_use", licence)
    require_representation(actor, licence.holder)
    if isinstance(used_on, str):
        try:
            used_on = datetime.date.fromisoformat(used_on)
        except ValueError:
            raise ValidationError({"used_on": _("Enter a valid date.")}) from None
    try:
        quantity = int(quantity)
    except (TypeError, ValueError):
        raise ValidationError({"quantity": _("Enter a whole number.")}) from None
    if quantity < 0:
        raise ValidationError({"quantity": _("The quantity cannot be negative.")})
    value = _parse_decimal(value_eur, "value_eur")
    if quantity == 0 and value == 0:
        raise ValidationError(_("Report a quantity or a value."))
    destination = (destination_country or "").strip().upper()
    if destination != licence.destination_country:
        raise ValidationError(
            {
                "destination_country": _("This licence covers only %(country)s.")
                % {"country": countries.name(licence.destination_country)}
            }
        )
    if not licence.is_valid_on(used_on):
        raise ValidationError(
            {"used_on": _("The licence was not valid on that day (valid %(start)s to %(end)s).") % {
                "start": licence.valid_from.strftime("%d/%m/%Y"), "end": licence.valid_until.strftime("%d/%m/%Y")}}
        )  # fmt: skip
    if used_on > timezone.localdate():
        raise ValidationError({"used_on": _("Report a use after it took place, not before.")})
    remaining_value, remaining_quantity = licence.remaining_value(), licence.remaining_quantity()
    if value > remaining_value:
        raise ValidationError(
            {"value_eur": _("This goes beyond the licence: only € %(remaining)s of its value remains.") % {
                "remaining": number_format(remaining_value, 2)}}
        )  # fmt: skip
    if quantity > remaining_quantity:
        raise ValidationError(
            {"quantity": _("This goes beyond the licence: only %(remaining)s units remain.") % {
                "remaining": remaining_quantity}}
        )  # fmt: skip
    report = UseReport.objects.create(
        licence=licence, used_on=used_on, quantity=quantity, value_eur=value, destination_country=destination,
        reported_by=actor,
    )  # fmt: skip
    audit.record(
        actor, AuditAction.CREATE, report,
        after={"licence": licence.number, "used_on": str(used_on), "quantity": quantity, "value_eur": str(value)},
    )  # fmt: skip
    return report


def reports_visible(user):
    return UseReport.objects.filter(licence__in=visible_licences(user)).select_related("licence")


def licences_q_for_holder(user) -> Q:
    return Q(case__applicant_user=user)


__all__ = ["CODE", "issue", "refusal_letter", "renew", "report_use", "visible_licences"]
