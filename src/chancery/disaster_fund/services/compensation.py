"""The disaster fund's rules as one service: the terms (claim window, late claim, expert report,
rectification, appeal) and the compensation, computed line by line in cents from the figures of
`disaster_fund.rules`. The `disaster-compensation` command and the case pages both use it.

No binary fractions anywhere: amounts are whole cents (int), read from text or Decimal only.

Date arithmetic (documented in docs/ARCHITECTURE.md, "Disaster fund"):
- a term of N months from day D ends on the same day N months later; when that month is shorter,
  on its last day (31 January + 1 month = 28/29 February; 29 February + 12 months = 28 February).
  This is the Judicial Code's "van de zoveelste tot de dag vóór de zoveelste" counted from the day
  after the event (art. 52, 54); the move of a last day falling on a Saturday, Sunday or holiday to
  the next working day (art. 53) is not applied: the fund's pages state the dates without it.
- the claim window ends on the last day of the 3rd month after the month of publication
  (published 15 January 2024 → 30 April 2024), whatever the day of publication.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chancery.disaster_fund import rules

CLAIMANT_LABELS = {"private": gettext_lazy("private goods"), "public_domain": gettext_lazy("public-domain goods")}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_AMOUNT = re.compile(r"\d+(\.\d{1,2})?")


# --- dates -----------------------------------------------------------------------------------


def last_day_of_month(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the last day of that month when it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def term_end(start: datetime.date, key: str, on: datetime.date | None = None) -> datetime.date:
    """The last day of the term `key` (rules.TERMS) running from `start`; the figure in force on `on`
    (by default `start`)."""
    rule = rules.term(key, on or start)
    return add_months(start, rule.months) + datetime.timedelta(days=rule.days)


def claim_deadline(publication: datetime.date) -> datetime.date:
    """The last day of the claim window: the last day of the 3rd month after the month of publication."""
    end = add_months(publication.replace(day=1), rules.term("claim_window", publication).months)
    return last_day_of_month(end.year, end.month)


def late_claim_deadline(publication: datetime.date) -> datetime.date:
    """The last day a late claim (force majeure) may be filed: one year after publication."""
    return term_end(publication, "late_claim")


def damage_report_deadline(event_end: datetime.date) -> datetime.date:
    return term_end(event_end, "damage_report")


def in_claim_window(publication: datetime.date, filed_on: datetime.date) -> bool:
    return publication <= filed_on <= claim_deadline(publication)


def late_claim_admissible(publication: datetime.date, impediment_ended: datetime.date, filed_on: datetime.date) -> bool:
    """A late claim: after the window, not after one year from publication, and within three months
    after the impediment ended."""
    after_window = claim_deadline(publication) < filed_on <= late_claim_deadline(publication)
    impediment_end = term_end(impediment_ended, "late_claim_after_impediment", publication)
    return after_window and impediment_ended <= filed_on <= impediment_end


# --- amounts ---------------------------------------------------------------------------------


def cents(value, field: str) -> int:
    """Whole cents from an amount in euro given as text ("1234.5"), int or Decimal; refuses a
    negative, non-numeric amount or one with more than two decimals (ValidationError, in Dutch)."""
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        raise ValidationError(_('%(field)s: an amount in euro is required, e.g. "1250.00".') % {"field": field})
    text = str(value).strip()
    if text.startswith("-"):
        raise ValidationError(_("%(field)s: the amount may not be negative.") % {"field": field})
    if not _AMOUNT.fullmatch(text):
        raise ValidationError(
            _('%(field)s: "%(value)s" is not an amount in euro with at most two decimals.')
            % {"field": field, "value": text[:40]}
        )
    try:
        return int(Decimal(text) * 100)
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only digits
        raise ValidationError(_("%(field)s: not an amount.") % {"field": field}) from exc


def euro(amount_cents: int) -> str:
    """Two decimals, a point, no thousands separator: "8500.00", "-500.00"."""
    return str((Decimal(amount_cents) / 100).quantize(Decimal("0.01")))


# --- the computation -------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    label: str
    amount_cents: int
    source: str = ""
    verified: bool = True

    @property
    def amount_eur(self) -> str:
        return euro(self.amount_cents)


@dataclass(frozen=True)
class Compensation:
    """The outcome: whether the goods are eligible, the compensation and the lines that lead to it.
    The lines before the last add up to the last, which is the compensation."""

    eligible: bool
    compensation_cents: int
    lines: tuple[Line, ...]
    reason: str = ""

    @property
    def compensation_eur(self) -> str:
        return euro(self.compensation_cents)


def compute(
    *,
    claimant: str,
    damage_cents: int,
    insurance_cents: int,
    insurable_simple_risks: bool,
    on: datetime.date,
) -> Compensation:
    """Damage − insurance payouts − deductible, never below zero; goods insurable under a fire
    "simple risks" policy are excluded (eligible False, with the reason). `on`: the publication
    date of the recognition, which picks the figures in force."""
    if claimant not in rules.CLAIMANTS:
        raise ValidationError(
            _('Unknown kind of claimant "%(value)s": private or public_domain.') % {"value": claimant}
        )
    if damage_cents < 0 or insurance_cents < 0:
        raise ValidationError(_("An amount may not be negative."))
    lines = [Line(_("Damage"), damage_cents)]
    if insurable_simple_risks:
        rule = rules.exclusion("insurable_simple_risks", on)
        reason = _("Excluded: the goods are insurable under a fire insurance for simple risks.")
        lines.append(Line(reason, -damage_cents, rule.source, rule.verified))
        lines.append(Line(_("Compensation"), 0))
        return Compensation(False, 0, tuple(lines), reason)
    lines.append(Line(_("Minus insurance payouts"), -insurance_cents))
    rule = rules.deductible(claimant, on)
    lines.append(
        Line(
            _("Minus deductible (%(kind)s)") % {"kind": CLAIMANT_LABELS[claimant]},
            -rule.cents,
            rule.source,
            rule.verified,
        )
    )
    total = damage_cents - insurance_cents - rule.cents
    reason = ""
    if total < 0:
        reason = (
            _("No compensation: the insurance payouts are higher than the damage (never below zero).")
            if insurance_cents > damage_cents
            else _(
                "No compensation: the damage after insurance payouts does not exceed the deductible (never below zero)."
            )
        )
        lines.append(Line(reason, -total))
        total = 0
    lines.append(Line(_("Compensation"), total))
    return Compensation(True, total, tuple(lines), reason)


def crop_share(insured_share: Decimal, year: int) -> tuple[Decimal, bool]:
    """Uninsured crops (not floods): the percentage of the damage compensated in `year` when
    `insured_share` percent of the crop area has a recognised broad weather insurance, and whether
    that figure is verified (rules.CROP_SHARES; below the minimum insured share nothing; from 2025
    nothing)."""
    if insured_share < rules.CROP_MIN_INSURED_SHARE:
        return Decimal("0"), True
    for entry in rules.CROP_SHARES:
        upper_ok = entry.insured_share_to is None or insured_share < entry.insured_share_to
        if entry.year == year and entry.insured_share_from <= insured_share and upper_ok:
            return entry.percentage, entry.verified
    if year >= 2025:
        return rules.CROP_SHARE_FROM_2025, False
    return Decimal("0"), False


# --- one claim as the command reads it ------------------------------------------------------


def parse_date(value, field: str) -> datetime.date:
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value.strip()):
        raise ValidationError(_("%(field)s: a date YYYY-MM-DD is required.") % {"field": field})
    try:
        return datetime.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise ValidationError(_('%(field)s: "%(value)s" is not a date.') % {"field": field, "value": value}) from exc


def assess_claim(data) -> dict:
    """One claim as the `disaster-compensation` command reads it (see its help) → the outcome as it
    prints it. ValidationError (Dutch messages) for any invalid field."""
    if not isinstance(data, dict):
        raise ValidationError(_("The claim must be a JSON object."))
    required = ("publication_date", "claimant", "damage_eur", "insurance_paid_eur", "insurable_simple_risks")
    missing = [key for key in required if key not in data]
    if missing:
        raise ValidationError(_("Missing field(s): %(fields)s.") % {"fields": ", ".join(missing)})
    errors = []
    values = {}
    for key, read in (
        ("publication_date", lambda v: parse_date(v, "publication_date")),
        ("damage_eur", lambda v: cents(v, "damage_eur")),
        ("insurance_paid_eur", lambda v: cents(v, "insurance_paid_eur")),
    ):
        try:
            values[key] = read(data[key])
        except ValidationError as exc:
            errors.extend(exc.messages)
    if data["claimant"] not in rules.CLAIMANTS:
        errors.append(
            _('claimant: "%(value)s" is unknown; private or public_domain.') % {"value": str(data["claimant"])[:40]}
        )
    if not isinstance(data["insurable_simple_risks"], bool):
        errors.append(_("insurable_simple_risks: true or false is required."))
    if errors:
        raise ValidationError(errors)
    publication = values["publication_date"]
    outcome = compute(
        claimant=data["claimant"],
        damage_cents=values["damage_eur"],
        insurance_cents=values["insurance_paid_eur"],
        insurable_simple_risks=data["insurable_simple_risks"],
        on=publication,
    )
    return {
        "eligible": outcome.eligible,
        "compensation_eur": outcome.compensation_eur,
        "claim_deadline": claim_deadline(publication).isoformat(),
        "late_claim_deadline": late_claim_deadline(publication).isoformat(),
        "lines": [{"label": line.label, "amount_eur": line.amount_eur} for line in outcome.lines],
    }
