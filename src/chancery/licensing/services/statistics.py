"""The yearly figures of licences granted and refused per country of destination and category,
the kind Flanders publishes for parliament. Only aggregates: never a company or a file."""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum

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


CSV_HEADER = ["jaar", "land_van_bestemming", "categorie", "verleend_aantal", "verleend_waarde_eur",
              "geweigerd_aantal", "geweigerd_waarde_eur"]  # fmt: skip


def as_csv(year: int) -> str:
    out = io.StringIO()
    writer = csvfiles.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for r in yearly(year):
        writer.writerow([year, r.country, r.category, r.granted, f"{r.granted_value:.2f}", r.refused,
                         f"{r.refused_value:.2f}"])  # fmt: skip
    return out.getvalue()
