"""The yearly figures of licences granted and refused per country of destination and category,
the kind Flanders publishes for parliament. Only aggregates: never a company or a file."""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils import timezone

from chancery.core import csvfiles
from chancery.licensing.models import Licence
from chancery.licensing.services.facts import licence_facts_of
from chancery.procedures.models import CaseTransition
from chancery.strategic_goods.procedure import CODE


@dataclass
class Row:
    country: str
    category: str
    granted: int = 0
    granted_value: Decimal = Decimal("0")
    refused: int = 0
    refused_value: Decimal = Decimal("0")


def _category_order(category: str):
    if category.startswith("ML"):
        return (1, int(category[2:]) if category[2:].isdigit() else 99)
    return (0, int(category) if category.isdigit() else 99)


def yearly(year: int) -> list[Row]:
    rows: dict[tuple[str, str], Row] = {}

    def row(country, category):
        return rows.setdefault((country, category), Row(country, category))

    granted = (
        Licence.objects.filter(decided_on__year=year)
        .values("destination_country", "category")
        .annotate(count=Count("pk"), value=Sum("value_eur"))
    )
    for item in granted:
        r = row(item["destination_country"], item["category"])
        r.granted, r.granted_value = item["count"], item["value"] or Decimal("0")
    # Refusals are counted from the refused cases (the step that refused, in that year).
    refusals = CaseTransition.objects.filter(case__procedure=CODE, target="refused", at__year=year).select_related(
        "case"
    )
    refused_cases = list({step.case_id: step.case for step in refusals}.values())
    for facts in licence_facts_of(refused_cases).values():
        for line in facts.lines:
            r = row(facts.destination_country, line.category)
            r.refused += 1
            r.refused_value += line.value_eur
    return sorted(rows.values(), key=lambda r: (r.country, _category_order(r.category)))


def totals(rows: list[Row]) -> Row:
    total = Row("", "")
    for r in rows:
        total.granted += r.granted
        total.granted_value += r.granted_value
        total.refused += r.refused
        total.refused_value += r.refused_value
    return total


def years() -> list[int]:
    decided = {d.year for d in Licence.objects.dates("decided_on", "year")}
    refused = {
        d.year for d in CaseTransition.objects.filter(case__procedure=CODE, target="refused").dates("at", "year")
    }
    return sorted(decided | refused, reverse=True)


# --- the public report ---------------------------------------------------------------------------
# Published as the yearly report to parliament is: a year once it is closed, and a count under
# MINIMUM_CELL shown as "< 3" with its value withheld. A report of the running year, updated as
# decisions fall, showed a single refusal within a minute of it, so one transaction could be told
# apart; a small cell of a closed year still points at one exporter and one destination.
MINIMUM_CELL = 3


def is_closed(year: int) -> bool:
    return year < timezone.localdate().year


def public_years() -> list[int]:
    return [year for year in years() if is_closed(year)]


@dataclass
class PublicRow:
    """A row as published: a count is a number or "< 3"; a withheld value is None."""

    country: str
    category: str
    granted: int | str
    granted_value: Decimal | None
    refused: int | str
    refused_value: Decimal | None


def _published(count: int, value: Decimal) -> tuple[int | str, Decimal | None]:
    if 0 < count < MINIMUM_CELL:
        return f"< {MINIMUM_CELL}", None
    return count, value


def public_report(year: int) -> tuple[list[PublicRow], PublicRow]:
    """The rows and the total of a closed year as published. A column's total is withheld when
    exactly one of its cells is: the total less the others would give that cell away."""
    rows = yearly(year)
    published = [
        PublicRow(
            r.country, r.category, *_published(r.granted, r.granted_value), *_published(r.refused, r.refused_value)
        )
        for r in rows
    ]
    total = totals(rows)
    shown = PublicRow(
        "", "", *_published(total.granted, total.granted_value), *_published(total.refused, total.refused_value)
    )
    for column in ("granted", "refused"):
        if sum(isinstance(getattr(r, column), str) for r in published) == 1:
            setattr(shown, column, "—")
            setattr(shown, f"{column}_value", None)
    return published, shown


CSV_HEADER = ["jaar", "land_van_bestemming", "categorie", "verleend_aantal", "verleend_waarde_eur",
              "geweigerd_aantal", "geweigerd_waarde_eur"]  # fmt: skip


def _money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"


def as_csv(year: int) -> str:
    """The public report's file: the published rows of a closed year ("< 3" and an empty value
    where a count is too small to publish)."""
    rows, _total = public_report(year)
    out = io.StringIO()
    writer = csvfiles.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for r in rows:
        writer.writerow([year, r.country, r.category, r.granted, _money(r.granted_value), r.refused,
                         _money(r.refused_value)])  # fmt: skip
    return out.getvalue()
