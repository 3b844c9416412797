"""The State of Regulation (MISSION C4): every two years (configuration, with its source), the
counts and trends of the register, the regulatory burden and its change over the period, the
gold-plating cases, the feedback panel's themes and answers, and the EU figures (read only through
`eu_figures`). It counts what the public register shows, so the report can go onto any agenda.

Each making adds a version (figures and HTML frozen, the PDF as the next version of the report's
core document); an earlier version is never changed. A version is submitted to a meeting's
agenda as a cabinet submission with its PDF (decisions.services.submit), which the secretariat
accepts onto the draft agenda."""

from __future__ import annotations

import datetime
import json
from collections import Counter
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Count, Max
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from chancery.core import audit, charts
from chancery.core import services as core_services
from chancery.core.authz import require
from chancery.core.models import AccessLevel, AuditAction, DocumentKind
from chancery.core.pdf import html_to_pdf
from chancery.decisions import services as decisions
from chancery.decisions.models import RegulationType
from chancery.regulation.models import (
    BurdenCalculation,
    FeedbackSignal,
    Regulation,
    SignalGroup,
    SignalTheme,
    StateOfRegulation,
    StateOfRegulationVersion,
)
from chancery.regulation.services import burden, register
from chancery.regulation.services.eu_figures import eu_figures

CONFIG = Path(__file__).resolve().parent.parent / "data" / "state_of_regulation.json"
PDF_TEMPLATE = "regulation/state/report_pdf.html"
BODY_TEMPLATE = "regulation/state/report_body.html"


@cache
def config() -> dict:
    return json.loads(CONFIG.read_text(encoding="utf-8"))


def _money(figures: burden.Figures) -> dict:
    return {
        "administrative_cost": f"{figures.administrative_cost:.2f}",
        "administrative_burden": f"{figures.administrative_burden:.2f}",
        "one_off": f"{figures.one_off:.2f}",
        "structural": f"{figures.structural:.2f}",
    }


def _burden_on(regulations: list[Regulation], day: datetime.date) -> dict[int, burden.Figures]:
    """Each regulation's burden by its latest in-force calculation dated on or before `day`."""
    latest: dict[int, BurdenCalculation] = {}
    public = AnonymousUser()
    for calculation in register.with_figures(
        BurdenCalculation.objects.visible_to(public)
        .filter(regulation__in=regulations, kind=BurdenCalculation.Kind.IN_FORCE, reference_date__lte=day)
        .order_by("reference_date", "pk")
    ):
        latest[calculation.regulation_id] = calculation
    return {pk: register.figures(calculation).figures for pk, calculation in latest.items()}


def figures(first_year: int, last_year: int) -> dict:
    """The report's figures, as JSON (amounts as strings with two decimals)."""
    settings = config()
    start, end = datetime.date(first_year, 1, 1), datetime.date(last_year, 12, 31)
    regulations = list(Regulation.objects.visible_to(AnonymousUser()).select_related("policy_domain"))
    in_register = [r for r in regulations if r.date <= end]
    trend_from = last_year - settings["trend_years"] + 1
    per_year = Counter(r.date.year for r in in_register if r.date.year >= trend_from)
    kinds = dict(RegulationType.choices)
    per_kind = Counter(str(kinds.get(r.kind, r.kind)) for r in in_register)
    new = [r for r in in_register if r.date >= start]

    before, after = _burden_on(in_register, start - datetime.timedelta(days=1)), _burden_on(in_register, end)
    at_start, at_end = burden.total(before.values()), burden.total(after.values())
    changed = []
    for regulation in in_register:
        old, now = before.get(regulation.pk), after.get(regulation.pk)
        if now is not None and (old is None or old != now):
            changed.append(
                [
                    regulation.title,
                    f"{old.administrative_burden:.2f}" if old else None,
                    f"{now.administrative_burden:.2f}",
                ]
            )
    per_domain = Counter()
    for regulation in in_register:
        if regulation.pk in after:
            label = regulation.policy_domain.label if regulation.policy_domain else _("No policy domain")
            per_domain[label] += after[regulation.pk].administrative_burden

    signals = FeedbackSignal.objects.filter(submitted_at__date__gte=start, submitted_at__date__lte=end)
    states = dict(signals.values_list("state").annotate(n=Count("pk")))
    rejections = dict(
        signals.filter(state=FeedbackSignal.State.REJECTED).values_list("rejection").annotate(n=Count("pk"))
    )
    themes = dict(SignalTheme.choices)
    per_theme = dict(signals.values_list("theme").annotate(n=Count("pk")))
    visible_regulations = {r.pk for r in regulations}
    groups = (
        SignalGroup.objects.filter(signals__in=signals.filter(state=FeedbackSignal.State.PUBLISHED))
        .distinct()
        .select_related("regulation")
        .order_by("regulation__title", "title")
    )
    answers = [
        [g.title, g.regulation.title if g.regulation else "", str(g.get_status_display()), g.answer]
        for g in groups
        if g.answer and (g.regulation_id is None or g.regulation_id in visible_regulations)
    ]
    eu = eu_figures(first_year, last_year, [r.pk for r in regulations])
    baseline = settings["eu_baseline"]
    return {
        "period": [first_year, last_year],
        "regulations": {
            "total": len(in_register),
            "new_in_period": len(new),
            "per_kind": sorted(per_kind.items()),
            "per_year": [[year, per_year.get(year, 0)] for year in range(trend_from, last_year + 1)],
        },
        "burden": {
            "at_start": _money(at_start),
            "at_end": _money(at_end),
            "change": _money(at_end - at_start),
            "per_domain": [[label, f"{amount:.2f}"] for label, amount in sorted(per_domain.items())],
            "changed": sorted(changed),
        },
        "gold_plating": {"count": len(eu.gold_plating), "cases": [list(case) for case in eu.gold_plating]},
        "feedback": {
            "received": sum(states.values()),
            "published": states.get(FeedbackSignal.State.PUBLISHED, 0),
            "awaiting": states.get(FeedbackSignal.State.RECEIVED, 0),
            "rejected": [[str(label), rejections.get(value, 0)] for value, label in FeedbackSignal.Rejection.choices],
            "per_theme": [[str(themes[value]), per_theme[value]] for value in SignalTheme.values if value in per_theme],
            "answered": len(answers),
            "answers": answers,
        },
        "eu": {
            "acts_followed": eu.acts_followed,
            "directives": eu.directives,
            "transposed": eu.transposed,
            "deadlines_in_period": eu.deadlines_in_period,
            "obligations": eu.obligations,
            "pages": eu.pages,
            "baseline": baseline,
        },
        "interval": {"years": settings["interval_years"], "source": settings["interval_source"]},
    }


def chart_set(data: dict) -> dict:
    return {
        "per_year": charts.bar_chart(
            [(str(year), n) for year, n in data["regulations"]["per_year"]], title=_("Regulations per year of the act")
        ),
        "per_domain": charts.bar_chart(
            [(label, Decimal(amount)) for label, amount in data["burden"]["per_domain"]],
            title=_("Administrative burden per policy domain (€ per year)"),
        ),
        "per_theme": charts.bar_chart(data["feedback"]["per_theme"], title=_("Feedback signals per theme")),
    }


def render_body(data: dict, *, number: int, made_at) -> str:
    return render_to_string(
        BODY_TEMPLATE, {"data": data, "charts": chart_set(data), "number": number, "made_at": made_at}
    )


def check_period(last_year: int) -> tuple[int, int]:
    if not 2000 <= last_year <= timezone.localdate().year:
        raise ValidationError({"last_year": _("Choose a year between 2000 and this year.")}, code="year")
    return last_year - config()["interval_years"] + 1, last_year


@transaction.atomic
def make_version(actor, last_year: int) -> StateOfRegulationVersion:
    """Make the report of the period ending with `last_year` (again): a new version, the PDF the
    next version of the report's document."""
    require(actor, "regulation.make_state_report")
    first_year, last_year = check_period(last_year)
    report, _created = StateOfRegulation.objects.get_or_create(last_year=last_year, defaults={"first_year": first_year})
    report = StateOfRegulation.objects.select_for_update().get(pk=report.pk)
    number = (report.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    made_at = timezone.now()
    data = figures(report.first_year, report.last_year)
    body = render_body(data, number=number, made_at=made_at)
    pdf = html_to_pdf(render_to_string(PDF_TEMPLATE, {"report": report, "body": body}))
    upload = SimpleUploadedFile(
        f"staat-van-de-regelgeving-{report.first_year}-{report.last_year}-v{number}.pdf", pdf,
        content_type="application/pdf",
    )  # fmt: skip
    if report.document is None:
        report.document = core_services.create_document(
            actor, title=str(report), kind=DocumentKind.REPORT, upload=upload,
            access_level=AccessLevel.INTERNAL_GOVERNMENT, released=True,
        )  # fmt: skip
        report.save(update_fields=["document"])
        document_version = 1
    else:
        document_version = core_services.add_derived_version(
            actor, report.document, upload, reason=_("Version %(n)s of the report") % {"n": number}
        ).number
    version = StateOfRegulationVersion.objects.create(
        report=report, number=number, figures=data, html=body, document_version=document_version,
        made_by=actor, made_at=made_at,
    )  # fmt: skip
    audit.record(actor, AuditAction.CREATE, version, after={"number": number, "document_version": document_version})
    return version


@transaction.atomic
def submit_to_meeting(actor, version: StateOfRegulationVersion, meeting, mandatees) -> StateOfRegulationVersion:
    """Submit the version's PDF to the meeting's agenda (a submission the secretariat accepts)."""
    require(actor, "regulation.make_state_report")
    version = (
        StateOfRegulationVersion.objects.select_for_update(of=("self",))
        .select_related("report__document")
        .get(pk=version.pk)
    )
    if version.submission_id:
        raise ValidationError(_("This version has already been submitted to a meeting."), code="submitted")
    document_version = version.report.document.versions.get(number=version.document_version)
    with document_version.file.open("rb") as handle:
        pdf = handle.read()
    report = version.report
    title = _("State of Regulation %(first)s–%(last)s (version %(n)s)") % {
        "first": report.first_year, "last": report.last_year, "n": version.number,
    }  # fmt: skip
    submission = decisions.submit(
        actor, meeting, title=title, short_title=title[:200], mandatees=mandatees, kind="note", step_kind="other",
        uploads=[SimpleUploadedFile(f"staat-van-de-regelgeving-{report.last_year}-v{version.number}.pdf", pdf,
                                    content_type="application/pdf")],
    )  # fmt: skip
    version.submission = submission
    version.save(update_fields=["submission"])
    audit.record(actor, AuditAction.UPDATE, version, after={"submission": submission.pk, "meeting": meeting.pk})
    return version
