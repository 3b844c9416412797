"""Quarterly and yearly progress reports, per core ambition or for the whole programme: HTML made from
one template, PDF from that HTML (WeasyPrint), made in the background and kept as a versioned
document — a regenerated report is the next version, the earlier ones stay."""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from chancery.core import services as core_services
from chancery.core.authz import require
from chancery.core.background import background, defer
from chancery.core.models import AccessLevel, DocumentKind
from chancery.core.pdf import html_to_pdf
from chancery.monitoring import charts, queries
from chancery.monitoring.models import (
    Initiative,
    Level,
    Milestone,
    Observation,
    ProgressReport,
    ReportState,
    ScheduledRelease,
)
from chancery.monitoring.permissions import board_experts
from chancery.monitoring.services.assessment import assess_all
from chancery.monitoring.services.budgets import rollup
from chancery.monitoring.services.structure import subtree

PERIOD = re.compile(r"^(\d{4})(?:-Q([1-4]))?$")


def bounds(period: str) -> tuple[datetime.date, datetime.date]:
    """First and last day of a year (2026) or a quarter (2026-Q3)."""
    match = PERIOD.match(period.strip().upper())
    if not match:
        raise ValidationError({"period": _("Give a year (2026) or a quarter (2026-Q3).")}, code="period")
    year, quarter = int(match.group(1)), match.group(2)
    if quarter is None:
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    first_month = 3 * (int(quarter) - 1) + 1
    start = datetime.date(year, first_month, 1)
    end = (datetime.date(year + (first_month + 3 > 12), (first_month + 2) % 12 + 1, 1)) - datetime.timedelta(days=1)
    return start, end


@transaction.atomic
def request_report(actor, initiative: Initiative | None, period: str) -> ProgressReport:
    """Ask for a report (again); the worker makes it. One row per scope and period."""
    require(actor, "monitoring.make_reports")
    if initiative is not None and initiative.level != Level.AMBITION:
        raise ValidationError({"initiative": _("Reports are made per core ambition or for the whole programme.")})
    period = period.strip().upper()
    start, _end = bounds(period)
    if start > timezone.localdate():
        raise ValidationError({"period": _("A report covers a period that has begun.")}, code="future")
    report, _created = ProgressReport.objects.select_for_update().get_or_create(
        initiative=initiative, period=period, defaults={"requested_by": actor}
    )
    report.state, report.requested_by, report.requested_at, report.error = ReportState.QUEUED, actor, timezone.now(), ""
    report.save()
    defer(make_report, report.pk)
    return report


def context(report: ProgressReport, now: datetime.datetime | None = None) -> dict:
    """What the report says. It is read by the board's experts and the whole administration, so it
    holds only figures released at the moment it is made (memorandum §1.2.1: everyone gets a figure
    at the same moment); the figures still to be released are named with their moment."""
    now = now or timezone.now()
    start, end = bounds(report.period)
    today = min(end, timezone.localdate())
    roots = [report.initiative] if report.initiative else list(Initiative.objects.filter(level=Level.AMBITION))
    trees = {root.pk: subtree(root) for root in roots}
    everything = [node.pk for members in trees.values() for node in members]
    assessments = assess_all(
        today, Initiative.objects.filter(pk__in=everything), reader=report.requested_by, released_only=True
    )
    held_back = []
    sections = []
    for root in roots:
        members = trees[root.pk]
        ids = [m.pk for m in members]
        milestones = list(
            Milestone.objects.filter(initiative__in=ids, due__range=(start, end)).select_related("initiative")
        )
        indicators = []
        for indicator in {i for m in members for i in m.indicators.all()}:
            current = Observation.objects.filter(indicator=indicator, is_current=True, period_start__lte=end)
            values = list(current.exclude(queries.embargoed(now)))
            held_back += ScheduledRelease.objects.filter(
                indicator=indicator, release_at__gt=now, period__in=current.values("period")
            ).select_related("indicator")
            indicators.append(
                {
                    "indicator": indicator,
                    "latest": max(values, key=lambda o: o.period_start, default=None),
                    "chart": charts.line_chart(
                        queries.points(values),
                        targets=queries.target_points(indicator),
                        title=f"{indicator.name} ({indicator.unit})",
                    ),
                }
            )
        budget = rollup(root, start.year)
        sections.append(
            {
                "root": root,
                "assessment": assessments[root.pk],
                "parts": [(m, assessments[m.pk]) for m in members if m.parent_id == root.pk],
                "budget": budget,
                "execution": charts.bar(budget.execution, title=_("Share of the budget spent")),
                "milestones": [(m, m.days_late(today)) for m in milestones],
                "indicators": sorted(indicators, key=lambda row: row["indicator"].code),
            }
        )
    held_back = sorted(set(held_back), key=lambda r: (r.release_at, r.indicator.code))
    return {"report": report, "start": start, "end": end, "sections": sections, "made_at": now, "held_back": held_back}


def generate(report_id: int) -> str:
    """Render HTML and PDF and keep them; a failure is recorded on the report, never half-stored."""
    report = ProgressReport.objects.select_related("initiative", "requested_by").get(pk=report_id)
    try:
        html = render_to_string("monitoring/report.html", context(report))
        pdf = html_to_pdf(html)
        with transaction.atomic():
            name = f"voortgangsrapport-{report}.pdf".replace(" ", "-")
            upload = SimpleUploadedFile(name, pdf, content_type="application/pdf")
            if report.document is None:
                title = _("Progress report %(scope)s %(period)s") % {
                    "scope": report.initiative.title if report.initiative else _("all core ambitions"),
                    "period": report.period,
                }
                # The administration reads its own reports (released within it at once) and so do
                # the board's experts, named on it.
                report.document = core_services.create_document(
                    report.requested_by, title=title, kind=DocumentKind.REPORT, upload=upload,
                    access_level=AccessLevel.INTERNAL_GOVERNMENT, named_users=board_experts(), released=True,
                )  # fmt: skip
            else:
                core_services.add_derived_version(report.requested_by, report.document, upload, reason=_("Made again"))
                core_services.name_readers(
                    report.requested_by, report.document, board_experts(), reason=_("Experts of the board")
                )
            report.html, report.state, report.generated_at, report.error = html, ReportState.READY, timezone.now(), ""
            report.save()
    except Exception as exc:  # noqa: BLE001 - the report shows why it failed; nothing is half-stored
        ProgressReport.objects.filter(pk=report.pk).update(state=ReportState.FAILED, error=str(exc)[:300])
        return ReportState.FAILED
    return ReportState.READY


@background()
def make_report(report_id: int) -> str:
    """Render a progress report's HTML and PDF in the background."""
    return generate(report_id)
