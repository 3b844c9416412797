"""The yearly figures of the screening (issue 17 §4): filings per sector, per country of the
investor, per outcome, and the lead time from notification to decision. Aggregates only: no
company, no file reference, no figure of a deal (the business secrets of `models.BUSINESS_SECRETS`
are never read here), so the report and its CSV may leave the confidential files.

A filing counts in the year its notification was recorded, once in each of its sectors; the lead
time runs in calendar days from the notification (or the opening of an ex officio review) to the
step that decided the file (cleared, approved, approved with conditions, prohibited)."""

from __future__ import annotations

import io
import statistics as stats
from collections import Counter
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from chancery.core import csvfiles
from chancery.investment_screening import rules
from chancery.investment_screening.models import Notification
from chancery.investment_screening.procedure import FDI_SCREENING
from chancery.procedures.models import CaseTransition

OUTCOMES = ("cleared", "approved", "approved_with_conditions", "prohibited", "withdrawn")
OPEN = "open"


@dataclass(frozen=True)
class LeadTime:
    outcome: str
    label: str
    count: int
    median_days: float | None
    longest_days: int | None


@dataclass(frozen=True)
class Yearly:
    year: int
    filings: int
    notifiable: int
    flemish_link: int
    by_sector: list[tuple[str, str, int]]
    by_country: list[tuple[str, int]]
    by_outcome: list[tuple[str, str, int]]
    lead_times: list[LeadTime]


def _outcome_label(code: str) -> str:
    return _("still open") if code == OPEN else str(FDI_SCREENING.state(code).label)


def yearly(year: int, notifications=None) -> Yearly:
    """The year's figures over `notifications` (by default all; a page passes the reader's own)."""
    rows = list(
        (notifications if notifications is not None else Notification.objects.all())
        .filter(recorded_at__year=year)
        .values("case_id", "case__state", "sectors", "investor_country", "notifiable", "flemish_link")
    )
    sectors = Counter(key for row in rows for key in set(row["sectors"]))
    countries = Counter(row["investor_country"] for row in rows)
    outcome_of = {row["case_id"]: row["case__state"] if row["case__state"] in OUTCOMES else OPEN for row in rows}
    outcomes = Counter(outcome_of.values())
    # When each file was notified (or opened ex officio) and decided, from its history (one query).
    started, decided = {}, {}
    for step in (
        CaseTransition.objects.filter(case_id__in=outcome_of).order_by("at", "pk").values("case_id", "target", "at")
    ):
        if step["target"] in {"notified", "verification"}:
            started.setdefault(step["case_id"], step["at"])
        if step["target"] in OUTCOMES[:4]:
            decided[step["case_id"]] = step["at"]
    days_by_outcome: dict[str, list[int]] = {}
    for case_id, at in decided.items():
        if case_id in started:
            days = (timezone.localtime(at).date() - timezone.localtime(started[case_id]).date()).days
            days_by_outcome.setdefault(outcome_of[case_id], []).append(days)
    lead_times = [
        LeadTime(code, _outcome_label(code), len(days), stats.median(days), max(days))
        for code in OUTCOMES[:4]
        if (days := days_by_outcome.get(code))
    ]
    return Yearly(
        year=year,
        filings=len(rows),
        notifiable=sum(1 for row in rows if row["notifiable"]),
        flemish_link=sum(1 for row in rows if row["flemish_link"]),
        by_sector=[(s.key, str(s.label), sectors[s.key]) for s in rules.SECTORS if sectors[s.key]],
        by_country=sorted(countries.items(), key=lambda item: (-item[1], item[0])),
        by_outcome=[(code, _outcome_label(code), outcomes[code]) for code in (*OUTCOMES, OPEN) if outcomes[code]],
        lead_times=lead_times,
    )


def as_csv(report: Yearly) -> str:
    """The report as CSV: one row per figure (section, key, label, value), through core.csvfiles."""
    out = io.StringIO()
    writer = csvfiles.writer(out, lineterminator="\n")
    writer.writerow(["year", "section", "key", "label", "value"])
    writer.writerow([report.year, "total", "filings", _("Filings"), report.filings])
    writer.writerow([report.year, "total", "notifiable", _("Notifiable"), report.notifiable])
    writer.writerow([report.year, "total", "flemish_link", _("With a Flemish link"), report.flemish_link])
    for key, label, count in report.by_sector:
        writer.writerow([report.year, "sector", key, label, count])
    for country, count in report.by_country:
        writer.writerow([report.year, "investor_country", country, country, count])
    for key, label, count in report.by_outcome:
        writer.writerow([report.year, "outcome", key, label, count])
    for lead in report.lead_times:
        writer.writerow([report.year, "lead_time_median_days", lead.outcome, lead.label, lead.median_days])
    return out.getvalue()


# --- the public report -------------------------------------------------------------------------
# Published as the licences' yearly report is (licensing.services.statistics): a year once it is
# closed, figures only. Common statistical disclosure control: a count under MINIMUM_CELL (1 or 2
# filings) is shown as "< 3", since one filing of one country or outcome points at one deal and its
# parties; where the cells of a table add up to the year's filings (country, outcome) and exactly
# one is withheld, the next smallest is withheld too ("—"), or the total less the others would give
# it away. A lead time is published only over MINIMUM_CELL decisions or more (a median of one
# file is that file's). The business secrets are never read here (yearly() does not select them).
MINIMUM_CELL = 3
WITHHELD = "—"


def is_closed(year: int) -> bool:
    return year < timezone.localdate().year


def public_years() -> list[int]:
    recorded = {d.year for d in Notification.objects.dates("recorded_at", "year")}
    return sorted((year for year in recorded if is_closed(year)), reverse=True)


def _shown(count: int) -> int | str:
    return f"< {MINIMUM_CELL}" if 0 < count < MINIMUM_CELL else count


def _table(cells: list[tuple], *, adds_up: bool) -> list[tuple]:
    """Cells (key…, count) as published: small counts as "< 3"; with `adds_up`, a lone withheld
    cell takes the next smallest with it."""
    published = [(*cell[:-1], _shown(cell[-1])) for cell in cells]
    small = [i for i, cell in enumerate(cells) if 0 < cell[-1] < MINIMUM_CELL]
    if adds_up and len(small) == 1:
        others = [i for i in range(len(cells)) if i not in small and cells[i][-1] > 0]
        if others:
            nearest = min(others, key=lambda i: cells[i][-1])
            published[nearest] = (*cells[nearest][:-1], WITHHELD)
    return published


@dataclass(frozen=True)
class PublicYearly:
    year: int
    filings: int | str
    notifiable: int | str
    flemish_link: int | str
    by_sector: list[tuple[str, str, int | str]]
    by_country: list[tuple[str, int | str]]
    by_outcome: list[tuple[str, str, int | str]]
    lead_times: list[LeadTime]


def public_report(year: int) -> PublicYearly:
    """The report of a closed year as published: over every notification of the year."""
    report = yearly(year)
    return PublicYearly(
        year=year,
        filings=_shown(report.filings),
        notifiable=_shown(report.notifiable),
        flemish_link=_shown(report.flemish_link),
        by_sector=_table(report.by_sector, adds_up=False),
        by_country=_table(report.by_country, adds_up=True),
        by_outcome=_table(report.by_outcome, adds_up=True),
        lead_times=[lead for lead in report.lead_times if lead.count >= MINIMUM_CELL],
    )


def public_csv(report: PublicYearly) -> str:
    """The published report as CSV (the same rows as `as_csv`, "< 3" and "—" where withheld)."""
    out = io.StringIO()
    writer = csvfiles.writer(out, lineterminator="\n")
    writer.writerow(["year", "section", "key", "label", "value"])
    writer.writerow([report.year, "total", "filings", _("Filings"), report.filings])
    writer.writerow([report.year, "total", "notifiable", _("Notifiable"), report.notifiable])
    writer.writerow([report.year, "total", "flemish_link", _("With a Flemish link"), report.flemish_link])
    for key, label, count in report.by_sector:
        writer.writerow([report.year, "sector", key, label, count])
    for country, count in report.by_country:
        writer.writerow([report.year, "investor_country", country, country, count])
    for key, label, count in report.by_outcome:
        writer.writerow([report.year, "outcome", key, label, count])
    for lead in report.lead_times:
        writer.writerow([report.year, "lead_time_median_days", lead.outcome, lead.label, lead.median_days])
    return out.getvalue()
