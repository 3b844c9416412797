"""The notification of a file FDI: read from the counter's form (in the case's data until the
submission), checked again and recorded on submission; the threshold check on it; the Flemish
assessment with its advice; whether the deal may close; the ex officio review of a deal that was not
notified. Every refusal is a ValidationError in the user's language and stores nothing."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chancery.core import audit
from chancery.core.authz import require
from chancery.core.models import AccessLevel, AuditAction
from chancery.investment_screening import rules
from chancery.investment_screening.models import (
    Advice,
    BeneficialOwner,
    FlemishAssessment,
    InvestorKind,
    Notification,
)
from chancery.investment_screening.services import thresholds
from chancery.procedures.models import PartyKind, enterprise_number_is_valid
from chancery.procedures.services import cases
from chancery.procedures.services.parties import find_or_create_party
from chancery.strategic_goods.services.applications import country

DATA_KEY = "notification"
# The procedure's code (procedure.py declares it from these services).
CODE = "FDI"
# The states in which the deal may close: cleared after verification, or approved after screening
# (procedure-rules §C: mandatory and suspensory; closing_allowed in CLEARED, APPROVED, APPROVED_WITH_CONDITIONS).
CLOSING_ALLOWED = frozenset({"cleared", "approved", "approved_with_conditions"})
# A file's business secrets stay at these levels (the file is created confidential).
SECRET_LEVELS = frozenset({AccessLevel.CONFIDENTIAL, AccessLevel.INTERNAL_SECRETARIAT})


# --- reading what was filed ------------------------------------------------------------------------


def _date(value, label: str, required: bool = False) -> datetime.date | None:
    if value in (None, ""):
        if required:
            raise ValidationError(_("%(field)s: missing.") % {"field": label}, code="required")
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise ValidationError(
            _("%(field)s: “%(value)s” is not a date (YYYY-MM-DD).") % {"field": label, "value": value}, code="date"
        ) from None


def read(raw: dict) -> tuple[dict, list[tuple[str, str]], thresholds.Deal]:
    """The notification's fields, its owners (name, country) and the `Deal` the thresholds judge,
    from the case data the form wrote; a ValidationError names every problem."""
    errors: list[str] = []

    def collect(check, *args):
        try:
            return check(*args)
        except ValidationError as error:
            errors.extend(error.messages)
            return None

    fields: dict = {}
    fields["investor_name"] = str(raw.get("investor_name") or "").strip()
    if not fields["investor_name"]:
        errors.append(_("%(field)s: missing.") % {"field": _("Investor")})
    fields["investor_kind"] = raw.get("investor_kind") or ""
    if fields["investor_kind"] not in InvestorKind.values:
        errors.append(_("%(field)s: missing.") % {"field": _("Kind of investor")})
    fields["investor_country"] = collect(country, str(raw.get("investor_country") or ""), _("Country of the investor"))
    owners = []
    for owner in raw.get("owners") or []:
        name = str(owner.get("name") or "").strip()
        code = collect(country, str(owner.get("country") or ""), _("Country of the beneficial owner"))
        if not name:
            errors.append(_("%(field)s: missing.") % {"field": _("Name of the beneficial owner")})
        owners.append((name, code))
    target_name = str(raw.get("target_name") or "").strip()
    if not target_name:
        errors.append(_("%(field)s: missing.") % {"field": _("Target")})
    number = str(raw.get("target_enterprise_number") or "")
    if not enterprise_number_is_valid(number):
        errors.append(_("%(field)s: “%(value)s” is not a valid Belgian enterprise number.")
                      % {"field": _("Enterprise number of the target"), "value": number})  # fmt: skip
    fields["target"] = {
        "kind": PartyKind.ORGANISATION,
        "name": target_name,
        "registration_number": number,
        "country": "BE",
    }
    fields["regions"] = collect(thresholds.region_codes, raw.get("regions") or [], _("Regions"))
    fields["sectors"] = collect(thresholds.sector_keys, raw.get("sectors") or [], _("Sectors"))
    if not raw.get("regions"):
        errors.append(_("%(field)s: missing.") % {"field": _("Regions")})
    if not raw.get("sectors"):
        errors.append(_("%(field)s: missing.") % {"field": _("Sectors")})
    fields["turnover_eur"] = collect(
        thresholds.amount, raw.get("turnover_eur"), _("Turnover of the last financial year")
    )
    fields["deal_value_eur"] = collect(thresholds.amount, raw.get("deal_value_eur"), _("Deal value"))
    before = collect(thresholds.percentage, raw.get("voting_rights_before"), _("Voting rights before the deal"))
    after = collect(thresholds.percentage, raw.get("voting_rights_after"), _("Voting rights after the deal"))
    if before is not None and after is not None:
        collect(thresholds.voting_rights_in_order, before, after)
    fields["voting_rights_before"], fields["voting_rights_after"] = before, after
    fields["control_acquired"] = raw.get("control_acquired") is True
    fields["signing_date"] = collect(_date, raw.get("signing_date"), _("Signing date"), True)
    fields["planned_closing"] = collect(_date, raw.get("planned_closing"), _("Planned closing"), False)
    fields["closed_on"] = collect(_date, raw.get("closed_on"), _("Closed on"), False)
    fields["business_secrets"] = str(raw.get("business_secrets") or "").strip()
    if fields["signing_date"] and fields["planned_closing"] and fields["planned_closing"] < fields["signing_date"]:
        errors.append(_("The planned closing comes before the signing date."))
    if errors:
        raise ValidationError(errors)
    deal = thresholds.Deal(
        investor_country=fields["investor_country"],
        ubo_countries=tuple(code for _name, code in owners),
        regions=fields["regions"],
        sectors=fields["sectors"],
        turnover_eur=fields["turnover_eur"],
        voting_rights_before=before,
        voting_rights_after=after,
        control_acquired=fields["control_acquired"],
        signing_date=fields["signing_date"],
    )
    return fields, owners, deal


def deal_of(notification: Notification) -> thresholds.Deal:
    return thresholds.Deal(
        investor_country=notification.investor_country,
        ubo_countries=tuple(owner.country for owner in notification.owners.all()),
        regions=frozenset(notification.regions),
        sectors=frozenset(notification.sectors),
        turnover_eur=notification.turnover_eur,
        voting_rights_before=notification.voting_rights_before,
        voting_rights_after=notification.voting_rights_after,
        control_acquired=notification.control_acquired,
        signing_date=notification.signing_date,
    )


def notification_of(case) -> Notification | None:
    return Notification.objects.filter(case=case).select_related("target").prefetch_related("owners").first()


def assessment_of(case) -> thresholds.Assessment | None:
    """The threshold check of the file's notification, as the command gives it (recomputed: the
    sentences are in the reader's language)."""
    notification = notification_of(case)
    return thresholds.assess(deal_of(notification)) if notification is not None else None


def may_close(case) -> bool:
    """The deal may close only once it is cleared or approved (the mechanism is suspensory)."""
    return case.state in CLOSING_ALLOWED


# --- hooks of the procedure --------------------------------------------------------------------------


def holds_together(case) -> str | None:
    """Submit check: the notification as filed holds together (every problem at once)."""
    try:
        read(dict((case.data or {}).get(DATA_KEY) or {}))
    except ValidationError as error:
        return " ".join(error.messages)
    return None


def record_notification(case, actor=None, *, source: str | None = None) -> Notification:
    """Check the filed notification again and record it with its threshold check, removing it from
    the case's data; a ValidationError records nothing."""
    if case.access_level not in SECRET_LEVELS:
        raise ValidationError(_("A notification holds business secrets: its file must be confidential."))
    raw = dict((case.data or {}).get(DATA_KEY) or {})
    if not raw:
        raise ValidationError(_("The notification (investor, target, deal) is missing."), code="notification")
    fields, owners, deal = read(raw)
    target = find_or_create_party(fields.pop("target"))
    regions, sectors = fields.pop("regions"), fields.pop("sectors")
    result = thresholds.assess(deal)
    notification = Notification.objects.create(
        case=case,
        target=target,
        ex_officio=bool(raw.get("ex_officio")),
        regions=sorted(regions),
        sectors=[s.key for s in rules.SECTORS if s.key in sectors],
        notifiable=result.notifiable,
        flemish_link=result.flemish_link,
        levels_reached=list(result.levels_reached),
        **fields,
    )
    BeneficialOwner.objects.bulk_create(
        BeneficialOwner(notification=notification, name=name, country=code) for name, code in owners
    )
    case.data = {key: value for key, value in (case.data or {}).items() if key != DATA_KEY}
    case.save(update_fields=["data"])
    # The audit entry names what was recorded, not the business secrets themselves.
    audit.record(
        actor, AuditAction.CREATE, notification,
        after={"case": case.reference, "notifiable": result.notifiable, "levels_reached": list(result.levels_reached),
               "flemish_link": result.flemish_link},
        source=source,
    )  # fmt: skip
    return notification


def on_notified(case, actor) -> None:
    record_notification(case, actor)


def flemish_advice_given(case) -> str | None:
    """Decision check: with a Flemish link, the Flemish advice to the commission is on file."""
    notification = notification_of(case)
    if notification is None or not notification.flemish_link:
        return None
    if FlemishAssessment.objects.filter(case=case).exists():
        return None
    return _("Record the Flemish assessment of strategic interests and its advice to the commission first.")


def years_after(day: datetime.date, years: int) -> datetime.date:
    """The same calendar day `years` later (29 February → 28 February in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def ex_officio_in_time(case, today: datetime.date | None = None) -> str | None:
    """A deal that was not notified may be reviewed ex officio up to two years after its closing."""
    today = today or timezone.localdate()
    raw = (case.data or {}).get(DATA_KEY) or {}
    try:
        closed_on = _date(raw.get("closed_on"), _("Closed on"), required=True)
    except ValidationError as error:
        return " ".join(error.messages)
    if closed_on > today:
        return _("The deal has not closed yet: it is to be notified, not reviewed ex officio.")
    last_day = years_after(closed_on, rules.EX_OFFICIO_YEARS)
    if today > last_day:
        return _(
            "The deal closed on %(closed)s: an ex officio review was possible until %(last)s (two years after closing)."
        ) % {"closed": closed_on.strftime("%d.%m.%Y"), "last": last_day.strftime("%d.%m.%Y")}
    return None


# --- the Flemish assessment ----------------------------------------------------------------------------

ASSESSMENT_FIELDS = ("strategic_interests", "advice", "conditions", "assessor")


@transaction.atomic
def record_flemish_assessment(actor, case, *, strategic_interests: str, advice: str, conditions: str = "",
                              source: str | None = None) -> FlemishAssessment:  # fmt: skip
    """The handler's assessment of Flemish strategic interests and the advice to the interfederal
    screening commission; a new one replaces the old (audited)."""
    require(actor, "investment_screening.assess", case)
    if case.definition.state(case.state).closed:
        raise ValidationError(_("The file is closed: its assessment can no longer change."))
    strategic_interests, conditions = strategic_interests.strip(), conditions.strip()
    errors = []
    if not strategic_interests:
        errors.append(_("Write the assessment of Flemish strategic interests."))
    if advice not in Advice.values:
        errors.append(_("Choose the advice."))
    if advice == "conditions" and not conditions:
        errors.append(_("Name the corrective measures the advice proposes."))
    if errors:
        raise ValidationError(errors)
    existing = FlemishAssessment.objects.select_for_update().filter(case=case).first()
    before = audit.snapshot(existing, ASSESSMENT_FIELDS) if existing else None
    assessment, _created = FlemishAssessment.objects.update_or_create(
        case=case,
        defaults={
            "strategic_interests": strategic_interests, "advice": advice, "conditions": conditions,
            "assessor": actor, "at": timezone.now(),
        },
    )  # fmt: skip
    audit.record(
        actor, AuditAction.UPDATE if existing else AuditAction.CREATE, assessment,
        before=before, after=audit.snapshot(assessment, ASSESSMENT_FIELDS), source=source,
    )  # fmt: skip
    return assessment


# --- the ex officio review -----------------------------------------------------------------------------


@transaction.atomic
def open_ex_officio(actor, raw: dict, *, source: str | None = None):
    """The service opens a review of a deal that was not notified, straight into verification: the
    file names the target as its party (no notifier at the counter), and the step's guard holds the
    date rule (at most two years after closing). Refused, nothing is stored."""
    require(actor, "investment_screening.handle")
    raw = {**raw, "ex_officio": True}
    fields, _owners, _deal = read(raw)
    target = find_or_create_party(fields["target"])
    title = _("Ex officio review: investment of %(investor)s in %(target)s") % {
        "investor": fields["investor_name"], "target": target.name,
    }  # fmt: skip
    case = cases.create_case(actor, CODE, title=title, applicant=target, data={DATA_KEY: raw}, source=source)
    return cases.fire(case, "open_ex_officio", actor, source=source)
