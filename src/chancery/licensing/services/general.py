"""Registration of the use of a general licence (before the first use) and its periodic reports."""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chancery.core import audit
from chancery.core.models import AuditAction
from chancery.licensing import rules
from chancery.licensing.models import GeneralLicenceRegistration, GeneralLicenceReport
from chancery.licensing.services.licences import _parse_decimal
from chancery.licensing.services.prior import has_prior_authorisation
from chancery.procedures.services.parties import acting_party, require_representation


def visible_registrations(user):
    """Handlers see every registration; a company's user sees the ones they made."""
    return GeneralLicenceRegistration.objects.visible_to(user).select_related("party")


def _date(value, field: str) -> datetime.date:
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise ValidationError({field: _("Enter a valid date.")}) from None


@transaction.atomic
def register(actor, *, party: dict, general_licence: str, first_use_on) -> GeneralLicenceRegistration:
    """The company registers before it first uses the general licence; once per licence. Only a
    user who represents the company registers for it (checked first: no later message may tell
    anything of a company they do not represent)."""
    if not (actor and actor.is_authenticated and actor.is_active):
        raise PermissionDenied(_("Log in first."))
    company = acting_party(actor, party)
    if rules.general_licence(general_licence) is None:
        raise ValidationError(
            {"general_licence": _("There is no general licence “%(code)s”.") % {"code": general_licence}}
        )
    first_use_on = _date(first_use_on, "first_use_on")
    if first_use_on < timezone.localdate():
        raise ValidationError(
            {"first_use_on": _("Register before the first use: the planned first use cannot lie in the past.")}
        )
    # Using a general transfer licence needs the company's prior authorisation (fdfa.be node/2743),
    # valid when it plans to use it first.
    if rules.general_licence(general_licence).goods_family == "military" and not has_prior_authorisation(
        company, first_use_on
    ):
        raise ValidationError(
            {"general_licence": _(
                "Using a general transfer licence needs a valid prior authorisation (voorafgaande machtiging) or "
                "certified-person certificate of the company on the planned first use. Apply for one first at "
                "your counter (My cases)."
            )}
        )  # fmt: skip
    # Named: the actor represents this company (acting_party above).
    if GeneralLicenceRegistration.objects.filter(party=company, general_licence=general_licence).exists():
        raise ValidationError(_("%(company)s has already registered for %(code)s.") % {
            "company": company.name, "code": general_licence})  # fmt: skip
    registration = GeneralLicenceRegistration.objects.create(
        party=company, general_licence=general_licence, first_use_on=first_use_on, registered_by=actor
    )
    audit.record(
        actor, AuditAction.CREATE, registration,
        after={"party": company.pk, "general_licence": general_licence, "first_use_on": str(first_use_on)},
    )  # fmt: skip
    return registration


COUNTRY_LIST = re.compile(r"^[A-Z]{2}(,[A-Z]{2})*$")


@transaction.atomic
def report(actor, registration: GeneralLicenceRegistration, *, period_start, period_end, shipments, value_eur,
           destination_countries: str = "") -> GeneralLicenceReport:  # fmt: skip
    if not visible_registrations(actor).filter(pk=registration.pk).exists():
        raise PermissionDenied(_("You may not see this registration."))
    if registration.registered_by_id != actor.pk:
        raise PermissionDenied(_("Only the company that registered reports its use."))
    require_representation(actor, registration.party)
    start, end = _date(period_start, "period_start"), _date(period_end, "period_end")
    if end < start:
        raise ValidationError({"period_end": _("The period ends before it starts.")})
    if end > timezone.localdate():
        raise ValidationError({"period_end": _("Report a period that has passed.")})
    # Registration comes before the first use: a period that ended before it cannot hold a use.
    if end < timezone.localtime(registration.registered_at).date():
        raise ValidationError({"period_start": _("The period lies before the registration.")})
    try:
        shipments = int(shipments)
    except (TypeError, ValueError):
        raise ValidationError({"shipments": _("Enter a whole number.")}) from None
    if shipments < 0:
        raise ValidationError({"shipments": _("The number of shipments cannot be negative.")})
    value = _parse_decimal(value_eur, "value_eur")
    countries = ",".join(c.strip().upper() for c in (destination_countries or "").split(",") if c.strip())
    if countries and not COUNTRY_LIST.match(countries):
        raise ValidationError({"destination_countries": _("Give ISO country codes of two letters, e.g. CA,JP.")})
    licence = rules.general_licence(registration.general_licence)
    wrong = [
        message
        for country in countries.split(",")
        if country and (message := rules.destination_error(licence, country))
    ]
    if wrong:
        raise ValidationError({"destination_countries": " ".join(str(m) for m in wrong)})
    overlap = GeneralLicenceReport.objects.filter(
        registration=registration, period_start__lte=end, period_end__gte=start
    ).exists()
    if overlap:
        raise ValidationError(_("A report for (part of) this period exists already."))
    row = GeneralLicenceReport.objects.create(
        registration=registration, period_start=start, period_end=end, shipments=shipments, value_eur=value,
        destination_countries=countries, reported_by=actor,
    )  # fmt: skip
    audit.record(
        actor, AuditAction.CREATE, row,
        after={"registration": registration.pk, "period": f"{start}/{end}", "shipments": shipments,
               "value_eur": str(value)},
    )  # fmt: skip
    return row
