"""Prior authorisations (voorafgaande machtiging) and certified-person certificates for military
goods, and the rule that asks for one."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chancery.core import audit
from chancery.core.authz import require
from chancery.core.models import AuditAction
from chancery.licensing import rules
from chancery.licensing.models import AuthorisationKind, PriorAuthorisation
from chancery.licensing.services.licences import add_years
from chancery.procedures.engine import Guard
from chancery.strategic_goods.services.applications import filed

# Not for import, nor for a temporary export (fdfa.be node/2743 and "Doorvoer militaire goederen",
# procedure-rules.md §A3).
NEEDS_PRIOR_AUTHORISATION = {"export", "transit", "transfer"}


def has_prior_authorisation(party, on_date: datetime.date) -> bool:
    """A prior authorisation or a certified-person certificate of the company valid on `on_date`."""
    if party is None:
        return False
    return PriorAuthorisation.objects.filter(party=party, valid_from__lte=on_date, valid_until__gte=on_date).exists()


def needs_prior_authorisation(case) -> bool:
    """Whether the CSG file asks for what needs a prior authorisation: military goods exported,
    transited or transferred for good. Read from the application as filed (the submit step records
    it only once its checks pass)."""
    application = filed(case)
    return (
        application["goods_family"] == "military"
        and application["kind"] in NEEDS_PRIOR_AUTHORISATION
        and not application["temporary"]  # only a definitive export, transit or transfer needs one
    )


def prior_authorisation_required(case) -> str | None:
    """The submit check of a CSG application: what needs a prior authorisation (or certificate)
    is filed only with one valid on the day of the submission."""
    if not needs_prior_authorisation(case):
        return None
    if has_prior_authorisation(case.applicant, timezone.localdate()):
        return None
    return _(
        "Military goods need a valid prior authorisation (voorafgaande machtiging) or certified-person "
        "certificate of the company before an application can be submitted. Apply for one first at your "
        "counter (My cases)."
    )


# The guard the licensing app adds to the CSG submission (LicensingConfig.ready()).
PRIOR_AUTHORISATION_HELD = Guard(
    "prior_authorisation_held",
    gettext_lazy("Military goods: a prior authorisation or certificate valid on the day of filing"),
    prior_authorisation_required,
)


@transaction.atomic
def record(actor, *, party, kind: str, number: str, valid_from, valid_until) -> PriorAuthorisation:
    require(
        actor,
        "licensing.handle",
        message=_("Only the service that handles strategic goods records prior authorisations."),
    )
    if kind not in AuthorisationKind.values:
        raise ValidationError({"kind": _("Choose a prior authorisation or a certified-person certificate.")})
    number = (number or "").strip()
    if not number:
        raise ValidationError({"number": _("Give the number of the authorisation.")})
    if PriorAuthorisation.objects.filter(number=number).exists():
        raise ValidationError({"number": _("An authorisation with this number exists already.")})
    if valid_until < valid_from:
        raise ValidationError({"valid_until": _("The validity ends before it starts.")})
    row = PriorAuthorisation.objects.create(
        party=party, kind=kind, number=number, valid_from=valid_from, valid_until=valid_until, recorded_by=actor
    )
    audit.record(
        actor, AuditAction.CREATE, row,
        after={"party": party.pk, "kind": kind, "number": number, "valid": f"{valid_from}/{valid_until}"},
    )  # fmt: skip
    return row


def grant_from_case(case, *, actor, decided_at) -> PriorAuthorisation:
    """The prior authorisation of a granted VM file: numbered after the file, valid from the
    decision day for the configured term. Idempotent per file."""
    existing = PriorAuthorisation.objects.filter(case=case).first()
    if existing is not None:
        return existing
    decided_on = timezone.localtime(decided_at).date()
    rule = rules.PRIOR_AUTHORISATION_VALIDITY
    row = PriorAuthorisation.objects.create(
        party=case.applicant, kind=AuthorisationKind.PRIOR_AUTHORISATION, number=case.reference,
        valid_from=decided_on, valid_until=add_years(decided_on, rule.years), recorded_by=actor,
        recorded_at=decided_at, case=case, validity_verified=rule.verified,
    )  # fmt: skip
    audit.record(
        actor, AuditAction.CREATE, row,
        after={"party": case.applicant_id, "number": row.number, "valid": f"{row.valid_from}/{row.valid_until}"},
    )  # fmt: skip
    return row


def revoke_from_case(case, *, actor, decided_at) -> None:
    """A revoked VM file ends its authorisation the day before the revocation."""
    row = PriorAuthorisation.objects.filter(case=case).first()
    if row is None:
        return
    before = str(row.valid_until)
    row.valid_until = timezone.localtime(decided_at).date() - datetime.timedelta(days=1)
    row.save(update_fields=["valid_until"])
    audit.record(
        actor, AuditAction.UPDATE, row, before={"valid_until": before}, after={"valid_until": str(row.valid_until)}
    )
