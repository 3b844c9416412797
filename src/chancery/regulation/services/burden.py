"""The Standard Cost Model (procedure-rules §E): the one computation of administrative cost and
burden, used by the burden pages, the register's calculations and `chancery scm`.

    cost of an activity   = (time × tariff + out-of-pocket) × population × frequency
    burden of an activity = cost × (1 − business-as-usual share)

**Rounding rule.** Every activity's cost and burden are computed exactly in Decimal (no input has
more than `MAX_DIGITS` significant digits and the context holds the whole product, so nothing is
rounded on the way: the context traps any inexact step) and then rounded **once, to the cent,
half up** (ROUND_HALF_UP). Every total (per obligation, per calculation, per regulation, policy
domain or year) is the sum of those cents. So a total always equals the sum of its parts as they
are displayed; a total rounded on its own could differ from that sum by a few cents, which a reader
checking the table would take for an error.

**One-off and structural** split the *burden* (cost net of business as usual), the figure the
Dutch handbook and the Flemish compensation rule report and reduce: `one_off + structural =
administrative burden`. The cost of an activity counts wholly in the year it is incurred; a
one-off activity's frequency is how many times it is done in that one go (usually 1).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Context, Decimal, Inexact, InvalidOperation, Overflow, Rounded
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
# Inputs beyond these are refused rather than computed: no real activity takes more, and the bound
# keeps the exact products inside the context below.
MAX_DIGITS = 30
MAX_DECIMALS = 20
LIMITS = {
    "time_hours": Decimal("100000"),
    "tariff_eur_per_hour": Decimal("100000"),
    "out_of_pocket_eur": Decimal("1000000000"),
    "population": Decimal("10000000000"),
    "frequency_per_year": Decimal("1000000"),
    "business_as_usual_share": Decimal("1"),
}
NUMBER_FIELDS = tuple(LIMITS)
ACTIVITY_FIELDS = ("name", *NUMBER_FIELDS, "one_off")
# Exact arithmetic: any rounding or overflow would be a bug, so it raises instead.
EXACT = Context(prec=400, traps=[Inexact, Rounded, InvalidOperation, Overflow])
# Rounding to the cent is the one step allowed to be inexact.
WIDE = Context(prec=400, traps=[InvalidOperation, Overflow])


def to_cents(amount: Decimal) -> Decimal:
    """The one rounding of the model: to the cent, half up."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP, context=WIDE)


@dataclass(frozen=True)
class Activity:
    """An administrative activity done by a target group to meet an information obligation."""

    name: str
    time_hours: Decimal
    tariff_eur_per_hour: Decimal
    out_of_pocket_eur: Decimal
    population: Decimal
    frequency_per_year: Decimal
    business_as_usual_share: Decimal
    one_off: bool = False
    # Who does it and where the tariff comes from: shown on the burden pages, not computed with.
    target_group: str = ""
    sector: str = ""
    tariff_source: str = ""

    def exact_cost(self) -> Decimal:
        price = EXACT.add(EXACT.multiply(self.time_hours, self.tariff_eur_per_hour), self.out_of_pocket_eur)
        quantity = EXACT.multiply(self.population, self.frequency_per_year)
        return EXACT.multiply(price, quantity)

    def exact_burden(self) -> Decimal:
        return EXACT.multiply(self.exact_cost(), EXACT.subtract(Decimal(1), self.business_as_usual_share))

    def figures(self) -> Figures:
        cost, burden = to_cents(self.exact_cost()), to_cents(self.exact_burden())
        return Figures(cost, burden, burden if self.one_off else ZERO, ZERO if self.one_off else burden)


@dataclass(frozen=True)
class Figures:
    """Cost, burden and the burden's one-off and structural parts, in whole cents."""

    administrative_cost: Decimal = ZERO
    administrative_burden: Decimal = ZERO
    one_off: Decimal = ZERO
    structural: Decimal = ZERO

    def __add__(self, other: Figures) -> Figures:
        return Figures(
            EXACT.add(self.administrative_cost, other.administrative_cost),
            EXACT.add(self.administrative_burden, other.administrative_burden),
            EXACT.add(self.one_off, other.one_off),
            EXACT.add(self.structural, other.structural),
        )

    def __sub__(self, other: Figures) -> Figures:
        return Figures(
            EXACT.subtract(self.administrative_cost, other.administrative_cost),
            EXACT.subtract(self.administrative_burden, other.administrative_burden),
            EXACT.subtract(self.one_off, other.one_off),
            EXACT.subtract(self.structural, other.structural),
        )

    def as_json(self) -> dict[str, str]:
        return {
            "administrative_cost_eur": f"{self.administrative_cost:.2f}",
            "administrative_burden_eur": f"{self.administrative_burden:.2f}",
            "one_off_eur": f"{self.one_off:.2f}",
            "structural_eur": f"{self.structural:.2f}",
        }


def total(parts: Iterable[Figures]) -> Figures:
    """The sum of figures already in cents: a total equals the sum of its parts as displayed."""
    result = Figures()
    for part in parts:
        result = result + part
    return result


@dataclass(frozen=True)
class Obligation:
    """An information obligation and the activities it asks of its target groups."""

    name: str
    activities: tuple[Activity, ...] = ()


@dataclass(frozen=True)
class ObligationResult:
    name: str
    activities: list[tuple[Activity, Figures]]
    figures: Figures


@dataclass(frozen=True)
class Result:
    obligations: list[ObligationResult] = field(default_factory=list)
    figures: Figures = Figures()

    def as_json(self) -> dict:
        return {
            **self.figures.as_json(),
            "obligations": [
                {
                    "name": obligation.name,
                    **obligation.figures.as_json(),
                    "activities": [
                        {"name": activity.name, **figures.as_json()} for activity, figures in obligation.activities
                    ],
                }
                for obligation in self.obligations
            ],
        }


def compute(obligations: Sequence[Obligation]) -> Result:
    """Figures per activity, per obligation and in total."""
    results = []
    for obligation in obligations:
        activities = [(activity, activity.figures()) for activity in obligation.activities]
        results.append(ObligationResult(obligation.name, activities, total(f for _a, f in activities)))
    return Result(results, total(r.figures for r in results))


# --- Reading a calculation from plain data (the command's JSON, a form) -----------------------


def number(value, key: str) -> Decimal:
    """A figure of an activity from JSON or a form: a number or a number written as text (a point
    as decimal mark), finite, not negative, within its limit; a share between 0 and 1. Raises a
    ValidationError saying what is wrong."""
    if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
        raise ValidationError(_("%(key)s is not a number.") % {"key": key}, code="not_a_number")
    if isinstance(value, float):
        value = repr(value)  # the shortest text that reads back as the same float; never computed with
    try:
        amount = Decimal(value.strip() if isinstance(value, str) else value)
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationError(
            _("%(key)s is not a number: %(value)s.") % {"key": key, "value": str(value)[:40]}, code="not_a_number"
        ) from None
    if not amount.is_finite():
        raise ValidationError(_("%(key)s must be a finite number.") % {"key": key}, code="not_finite")
    if amount < 0:
        raise ValidationError(_("%(key)s must not be negative.") % {"key": key}, code="negative")
    if key == "business_as_usual_share" and amount > 1:
        raise ValidationError(
            _("business_as_usual_share must lie between 0 and 1 (a share, not a percentage)."), code="share"
        )
    if amount > LIMITS[key]:
        raise ValidationError(
            _("%(key)s is larger than %(limit)s.") % {"key": key, "limit": LIMITS[key]}, code="too_large"
        )
    if amount and amount.normalize(WIDE).as_tuple().exponent < -MAX_DECIMALS:
        raise ValidationError(
            _("%(key)s has more than %(decimals)d decimals.") % {"key": key, "decimals": MAX_DECIMALS},
            code="too_precise",
        )
    if len(amount.normalize(WIDE).as_tuple().digits) > MAX_DIGITS:
        raise ValidationError(
            _("%(key)s has more than %(digits)d significant digits.") % {"key": key, "digits": MAX_DIGITS},
            code="too_precise",
        )
    return EXACT.add(amount, Decimal(0))  # drops a negative zero's sign, exactly


def _name(value, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(_("%(where)s: name must be a non-empty text.") % {"where": where}, code="name")
    return value.strip()


def read_activity(data, where: str, tariffs_on: date | None = None) -> Activity:
    """One activity. With `tariffs_on` (a calculation kept in the register), an activity may name
    its `target_group` (and `sector`) instead of a tariff: the tariff in force that day is taken,
    with its source; without it (the command) the tariff is required."""
    if not isinstance(data, Mapping):
        raise ValidationError(_("%(where)s must be an object.") % {"where": where}, code="not_an_object")
    group, sector = data.get("target_group", ""), data.get("sector", "")
    if not isinstance(group, str) or not isinstance(sector, str):
        raise ValidationError(_("%(where)s: target_group and sector are texts.") % {"where": where}, code="group")
    looked_up = None
    if tariffs_on is not None and "tariff_eur_per_hour" not in data and group:
        try:
            looked_up = tariff_on(group, tariffs_on, sector=sector)
        except ValidationError as error:
            raise ValidationError([f"{where}: {message}" for message in error.messages]) from None
        data = {**data, "tariff_eur_per_hour": looked_up.eur_per_hour}
    missing = [key for key in ACTIVITY_FIELDS if key not in data]
    if missing:
        raise ValidationError(
            _("%(where)s lacks %(keys)s.") % {"where": where, "keys": ", ".join(missing)}, code="missing"
        )
    problems, figures = [], {}
    for key in NUMBER_FIELDS:
        try:
            figures[key] = number(data[key], key)
        except ValidationError as error:
            problems.extend(f"{where}: {message}" for message in error.messages)
    one_off = data["one_off"]
    if not isinstance(one_off, bool):
        problems.append(_("%(where)s: one_off must be true or false.") % {"where": where})
    try:
        name = _name(data["name"], where)
    except ValidationError as error:
        problems.extend(error.messages)
    if problems:
        raise ValidationError(problems)
    source = looked_up.source if looked_up else data.get("tariff_source", "")
    return Activity(
        name=name,
        one_off=one_off,
        target_group=group.strip(),
        sector=sector.strip(),
        tariff_source=source.strip() if isinstance(source, str) else "",
        **figures,
    )


def read_obligations(data, tariffs_on: date | None = None) -> list[Obligation]:
    """The calculation `{"obligations": [{"name", "activities": [...]}]}` (the interface of
    `chancery scm`), checked whole: every problem is reported, with where it is."""
    if not isinstance(data, Mapping) or not isinstance(data.get("obligations"), list):
        raise ValidationError(_('The calculation must be an object with a list "obligations".'), code="shape")
    problems, obligations = [], []
    for i, item in enumerate(data["obligations"], start=1):
        where = _("obligation %(number)d") % {"number": i}
        if not isinstance(item, Mapping):
            problems.append(_("%(where)s must be an object.") % {"where": where})
            continue
        activities = item.get("activities")
        if not isinstance(activities, list):
            problems.append(_('%(where)s lacks a list "activities".') % {"where": where})
            activities = []
        try:
            name = _name(item.get("name"), where)
        except ValidationError as error:
            problems.extend(error.messages)
            name = ""
        read = []
        for j, activity in enumerate(activities, start=1):
            try:
                read.append(
                    read_activity(
                        activity,
                        _("%(where)s, activity %(number)d") % {"where": where, "number": j},
                        tariffs_on,
                    )
                )
            except ValidationError as error:
                problems.extend(error.messages)
        obligations.append(Obligation(name, tuple(read)))
    if problems:
        raise ValidationError(problems)
    return obligations


def _no_constant(name: str):
    raise ValueError(_("%(name)s is not a number in a calculation.") % {"name": name})


def parse_json(text: str, tariffs_on: date | None = None) -> list[Obligation]:
    """JSON text to obligations. Numbers are read as Decimal (never float); NaN and Infinity,
    which Python's JSON reader would otherwise accept, are refused."""
    try:
        data = json.loads(text, parse_float=Decimal, parse_constant=_no_constant)
    except RecursionError:
        raise ValidationError(_("The file is not a calculation: it is nested too deeply."), code="json") from None
    except ValueError as error:  # JSONDecodeError is one
        raise ValidationError(_("The file is not valid JSON: %(error)s") % {"error": error}, code="json") from None
    return read_obligations(data, tariffs_on)


def read_file(path: Path) -> list[Obligation]:
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise ValidationError(_("The file does not exist."), code="missing") from None
    except IsADirectoryError:
        raise ValidationError(_("This is a folder, not a file."), code="missing") from None
    except UnicodeDecodeError:
        raise ValidationError(_("The file is not UTF-8 text."), code="encoding") from None
    except OSError as error:
        raise ValidationError(_("The file cannot be read: %(error)s") % {"error": error.strerror}, code="io") from None
    if "\x00" in text:
        raise ValidationError(_("The file is not valid JSON: it holds a NUL character."), code="json")
    return parse_json(text)


# --- Tariffs --------------------------------------------------------------------------------

TARIFFS_FILE = Path(__file__).resolve().parent.parent / "data" / "tariffs.json"


@dataclass(frozen=True)
class Tariff:
    """An hourly tariff for a target group (and sector; "" for all sectors) from `valid_from` (and
    until `valid_until`, when it ends), with its source."""

    country: str
    target_group: str
    sector: str
    valid_from: date
    valid_until: date | None
    eur_per_hour: Decimal
    source: str
    verified: bool

    def applies_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


def read_tariffs(entries: Iterable[Mapping]) -> tuple[Tariff, ...]:
    return tuple(
        Tariff(
            country=entry["country"],
            target_group=entry["target_group"],
            sector=entry.get("sector", ""),
            valid_from=date.fromisoformat(entry["valid_from"]),
            valid_until=date.fromisoformat(entry["valid_until"]) if entry.get("valid_until") else None,
            eur_per_hour=Decimal(entry["eur_per_hour"]),
            source=entry["source"],
            verified=bool(entry.get("verified", False)),
        )
        for entry in entries
    )


@cache
def tariff_table() -> tuple[Tariff, ...]:
    return read_tariffs(json.loads(TARIFFS_FILE.read_text(encoding="utf-8"))["tariffs"])


def tariff_on(
    target_group: str, day: date, *, sector: str = "", country: str = "NL", table: Sequence[Tariff] | None = None
) -> Tariff:
    """The tariff in force on `day` for the target group: the sector's own when the table has one,
    else the one for all sectors; of those in force that day, the one that took effect last. A
    changed tariff thus applies only from its validity date."""
    table = tariff_table() if table is None else table
    for wanted in dict.fromkeys((sector, "")):
        candidates = [
            t
            for t in table
            if t.country == country and t.target_group == target_group and t.sector == wanted and t.applies_on(day)
        ]
        if candidates:
            return max(candidates, key=lambda t: t.valid_from)
    raise ValidationError(
        _("No tariff for %(group)s is known on %(day)s.") % {"group": target_group, "day": day.isoformat()},
        code="no_tariff",
    )
