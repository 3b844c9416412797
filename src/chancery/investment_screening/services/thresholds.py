"""The threshold check of a foreign direct investment: one service, used by `chancery fdi-check`,
the counter's notification form and the case page, so the three cannot disagree.

`deal_from_json(data)` reads and validates a notification as the command's JSON gives it (every
problem a Dutch sentence naming the field; a ValidationError with all of them), `assess(deal)`
applies the rules of `rules.py` and explains them in sentences:

- a *foreign investor* resides or is seated outside the EU, or has at least one ultimate beneficial
  owner outside the EU (EFTA counts as outside);
- level **10 %**: the target is active in one of the five sectors of `Sector.level_10` *and* its
  turnover is strictly above €100 million;
- level **25 %**: any sector of the mechanism;
- **control**: newly acquired control, in any sector of the mechanism, is a level of its own;
- a level counts when the voting rights after the deal reach it (≥) and those before did not: each
  level reached anew is a new filing; outside the sectors nothing is notifiable.

The Flemish territorial link (established or active in the Flemish Region) is judged beside it.
Figures are Decimal throughout (no float ever meets a threshold).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from chancery.investment_screening import rules
from chancery.strategic_goods.services.applications import country

HUNDRED = Decimal("100")


@dataclass(frozen=True)
class Deal:
    """What the thresholds are judged on: the facts of one notification."""

    investor_country: str
    ubo_countries: tuple[str, ...]
    regions: frozenset[str]
    sectors: frozenset[str]
    turnover_eur: Decimal
    voting_rights_before: Decimal
    voting_rights_after: Decimal
    control_acquired: bool = False
    # Unknown in the command's input: the agreement's first day is then not asked.
    signing_date: datetime.date | None = None


@dataclass(frozen=True)
class Assessment:
    notifiable: bool
    flemish_link: bool
    foreign_investor: bool
    levels_reached: tuple[str, ...]
    reasons: tuple[str, ...]
    flemish_reason: str = ""
    sources: tuple[str, ...] = field(default=())

    def as_json(self) -> dict:
        """The command's output (the interface outside checks rely on: keep these keys)."""
        return {
            "notifiable": self.notifiable,
            "flemish_link": self.flemish_link,
            "levels_reached": list(self.levels_reached),
            "reasons": list(self.reasons),
        }


# --- reading and checking the figures ------------------------------------------------------------


def _number(value) -> Decimal:
    """A Decimal from a string, an integer or a Decimal (JSON numbers are read as Decimal); a
    boolean, a float or anything else is not a number here."""
    if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
        raise InvalidOperation
    number = Decimal(value.strip()) if isinstance(value, str) else Decimal(value)
    if not number.is_finite():
        raise InvalidOperation
    return number


def percentage(value, label: str) -> Decimal:
    """A share of the voting rights: a number from 0 to 100."""
    try:
        number = _number(value)
    except (InvalidOperation, ValueError):
        number = None
    if value is None or value == "":
        raise ValidationError(_("%(field)s: missing.") % {"field": label}, code="required")
    if number is None or not Decimal(0) <= number <= HUNDRED:
        raise ValidationError(
            _("%(field)s: “%(value)s” is not a percentage from 0 to 100.") % {"field": label, "value": value},
            code="percentage",
        )
    return number


def amount(value, label: str) -> Decimal:
    """An amount in euro: a number, not negative."""
    try:
        number = _number(value)
    except (InvalidOperation, ValueError):
        number = None
    if value is None or value == "":
        raise ValidationError(_("%(field)s: missing.") % {"field": label}, code="required")
    if number is None or number < 0:
        raise ValidationError(
            _("%(field)s: “%(value)s” is not an amount in euro (a number, not negative).")
            % {"field": label, "value": value},
            code="amount",
        )
    return number


def sector_keys(values: Iterable[str], label: str) -> frozenset[str]:
    unknown = [str(v) for v in values if v not in rules.SECTORS_BY_KEY]
    if unknown:
        raise ValidationError(
            _("%(field)s: unknown sector “%(value)s” (known: %(known)s).")
            % {"field": label, "value": ", ".join(unknown), "known": ", ".join(rules.SECTORS_BY_KEY)},
            code="sector",
        )
    return frozenset(values)


def region_codes(values: Iterable[str], label: str) -> frozenset[str]:
    unknown = [str(v) for v in values if v not in rules.REGION_CODES]
    if unknown:
        raise ValidationError(
            _("%(field)s: unknown region “%(value)s” (known: VLG, BRU, WAL).")
            % {"field": label, "value": ", ".join(unknown)},
            code="region",
        )
    return frozenset(values)


def voting_rights_in_order(before: Decimal, after: Decimal) -> None:
    """The voting rights after the deal are not below those before: a sale is not an investment."""
    if after < before:
        raise ValidationError(
            _(
                "The voting rights after the investment (%(after)s %%) are lower than before it (%(before)s %%): "
                "a notification concerns an acquisition."
            )
            % {"after": _percent(after), "before": _percent(before)},
            code="voting_rights_order",
        )


def deal_from_json(data) -> Deal:
    """A `Deal` from the command's JSON (numbers as strings or JSON numbers read as Decimal); every
    problem found is reported, each naming its key."""
    errors: list[str] = []

    def collect(check, *args):
        try:
            return check(*args)
        except ValidationError as error:
            errors.extend(error.messages)
            return None

    if not isinstance(data, dict):
        raise ValidationError(_("The notification is not a JSON object."), code="not_object")
    investor = _object(data, "investor", errors)
    target = _object(data, "target", errors)

    investor_country = ubo_countries = None
    if investor is not None:
        investor_country = collect(_country_value, investor.get("country"), "investor.country")
        # No owner named (absent or null): the investor's own seat decides.
        ubos = investor.get("ubo_countries")
        ubos = [] if ubos is None else ubos
        if _is_list(ubos, "investor.ubo_countries", errors):
            read = [collect(_country_value, value, f"investor.ubo_countries[{i}]") for i, value in enumerate(ubos)]
            ubo_countries = tuple(read)
            if None in read:
                ubo_countries = None
    regions = sectors = turnover = None
    if target is not None:
        values = target.get("regions")
        if _is_list(values, "target.regions", errors):
            regions = collect(region_codes, values, "target.regions")
        values = target.get("sectors")
        if _is_list(values, "target.sectors", errors):
            sectors = collect(sector_keys, values, "target.sectors")
        turnover = collect(amount, target.get("turnover_eur"), "target.turnover_eur")
    before = collect(percentage, data.get("voting_rights_before"), "voting_rights_before")
    after = collect(percentage, data.get("voting_rights_after"), "voting_rights_after")
    if before is not None and after is not None:
        collect(voting_rights_in_order, before, after)
    control = data.get("control_acquired", False)
    if not isinstance(control, bool):
        errors.append(_("control_acquired: “%(value)s” is not true or false.") % {"value": control})
    signing_date = None
    if data.get("signing_date") is not None:
        try:
            signing_date = datetime.date.fromisoformat(str(data["signing_date"]))
        except ValueError:
            errors.append(_("signing_date: “%(value)s” is not a date (YYYY-MM-DD).") % {"value": data["signing_date"]})
    if errors:
        raise ValidationError(errors)
    return Deal(
        investor_country=investor_country,
        ubo_countries=ubo_countries,
        regions=regions,
        sectors=sectors,
        turnover_eur=turnover,
        voting_rights_before=before,
        voting_rights_after=after,
        control_acquired=control,
        signing_date=signing_date,
    )


def _object(data: dict, key: str, errors: list[str]) -> dict | None:
    value = data.get(key)
    if not isinstance(value, dict):
        errors.append(_("%(field)s: missing or not a JSON object.") % {"field": key})
        return None
    return value


def _is_list(value, key: str, errors: list[str]) -> bool:
    if not isinstance(value, list):
        errors.append(_("%(field)s: missing or not a JSON list.") % {"field": key})
        return False
    return True


def _country_value(value, label: str) -> str:
    """An ISO 3166 alpha-2 code, with strategic goods' check and message (one way of checking it)."""
    return country("" if value is None else str(value), label)


# --- the rules ---------------------------------------------------------------------------------


def _percent(value: Decimal) -> str:
    """25 → "25", 10.50 → "10,5": as a Dutch reader writes a percentage."""
    text = format(value.normalize(), "f")
    return text.replace(".", ",")


def _euro(value: Decimal) -> str:
    """150000000 → "150.000.000", with the decimals only when there are cents."""
    whole, _sep, cents = format(value.quantize(Decimal("0.01")), "f").partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return grouped if cents == "00" else f"{grouped},{cents}"


def foreign_investor(deal: Deal) -> tuple[bool, str]:
    outside = [c for c in deal.ubo_countries if rules.is_outside_eu(c)]
    if rules.is_outside_eu(deal.investor_country):
        return True, _(
            "The investor resides or is seated outside the European Union (%(country)s): a foreign investor."
        ) % {"country": deal.investor_country}
    if outside:
        return True, _(
            "The investor is seated in the European Union (%(country)s), but at least one ultimate beneficial "
            "owner is outside it (%(owners)s): a foreign investor."
        ) % {"country": deal.investor_country, "owners": ", ".join(sorted(set(outside)))}
    return False, _(
        "The investor and all its ultimate beneficial owners are in the European Union: not a foreign investor, "
        "so nothing is to be notified."
    )


def flemish_link(deal: Deal) -> tuple[bool, str]:
    if rules.FLANDERS in deal.regions:
        return True, _(
            "The target is established or active in the Flemish Region: Flanders assesses its strategic interests."
        )
    return False, _("The target is neither established nor active in the Flemish Region: no Flemish territorial link.")


def _level_reason(level: rules.Figure, deal: Deal, sector_names: str) -> tuple[bool, str]:
    before, after = deal.voting_rights_before, deal.voting_rights_after
    values = {
        "level": _percent(level.value),
        "before": _percent(before),
        "after": _percent(after),
        "sectors": sector_names,
    }
    if after < level.value:
        return False, _(
            "The level of %(level)s %% is not reached: %(after)s %% of the voting rights after the deal."
        ) % values
    if before >= level.value:
        return False, _(
            "The level of %(level)s %% was already reached before the deal (%(before)s %%): not reached anew, "
            "no new filing for it."
        ) % values
    return True, _(
        "The level of %(level)s %% is reached anew: the voting rights go from %(before)s %% to %(after)s %%, "
        "in %(sectors)s."
    ) % values


def _names(sectors: Iterable[rules.Sector]) -> str:
    return ", ".join(str(s.label).lower() for s in sorted(sectors, key=lambda s: rules.SECTORS.index(s)))


def assess(deal: Deal) -> Assessment:
    """Whether the deal is to be notified, which levels it reaches anew, and why, in sentences."""
    linked, flemish_reason = flemish_link(deal)
    sources = (rules.FOREIGN_INVESTOR_SOURCE, rules.LEVEL_10.source, rules.LEVEL_25.source, rules.CONTROL_SOURCE)

    def result(levels: tuple[str, ...], reasons: list[str], foreign: bool) -> Assessment:
        return Assessment(
            notifiable=bool(levels),
            flemish_link=linked,
            foreign_investor=foreign,
            levels_reached=levels,
            reasons=tuple(reasons),
            flemish_reason=flemish_reason,
            sources=sources,
        )

    foreign, investor_reason = foreign_investor(deal)
    if deal.signing_date is not None and deal.signing_date < rules.APPLIES_FROM:
        return result((), [_(
            "The deal was signed before 1 July 2023: the cooperation agreement does not apply to it."
        )], foreign)  # fmt: skip
    reasons = [investor_reason]
    if not foreign:
        return result((), reasons, foreign)
    sectors = [rules.SECTORS_BY_KEY[key] for key in deal.sectors]
    in_mechanism = [s for s in sectors if s.in_mechanism]
    if not in_mechanism:
        reasons.append(_("The target is active in no sector of the screening mechanism: nothing is to be notified."))
        return result((), reasons, foreign)

    levels: list[str] = []
    level_10_sectors = [s for s in in_mechanism if s.level_10]
    if not level_10_sectors:
        reasons.append(_(
            "The level of %(level)s %% does not apply: the target is not active in defence, dual-use goods, energy, "
            "cybersecurity, electronic communications or digital infrastructure."
        ) % {"level": _percent(rules.LEVEL_10.value)})  # fmt: skip
    elif deal.turnover_eur <= rules.TURNOVER_LEVEL_10.value:
        reasons.append(_(
            "The level of %(level)s %% does not apply: the turnover of %(turnover)s euro is not above "
            "%(threshold)s euro."
        ) % {
            "level": _percent(rules.LEVEL_10.value),
            "turnover": _euro(deal.turnover_eur),
            "threshold": _euro(rules.TURNOVER_LEVEL_10.value),
        })  # fmt: skip
    else:
        reached, reason = _level_reason(rules.LEVEL_10, deal, _names(level_10_sectors))
        reasons.append(reason)
        if reached:
            levels.append(rules.LEVEL_10_KEY)
    reached, reason = _level_reason(rules.LEVEL_25, deal, _names(in_mechanism))
    reasons.append(reason)
    if reached:
        levels.append(rules.LEVEL_25_KEY)
    if deal.control_acquired:
        levels.append(rules.CONTROL_KEY)
        reasons.append(_("The investor acquires control of the target: a level of its own."))
    if levels:
        reasons.append(ngettext(
            "To be notified: %(count)d level reached anew, each a filing of its own.",
            "To be notified: %(count)d levels reached anew, each a filing of its own.",
            len(levels),
        ) % {"count": len(levels)})  # fmt: skip
    else:
        reasons.append(_("No level is reached anew: nothing is to be notified."))
    return result(tuple(levels), reasons, foreign)
