"""Pages of the screening of foreign direct investments, for the service: the yearly report (page
and CSV, aggregates without business secrets), the ex officio review of a deal that was not
notified, and the Flemish assessment posted from the case page. Views are thin: rules live in
services. The notifier's form is the engine's counter (`/loket/nieuw/FDI/`)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chancery.core.authz import require
from chancery.core.views_kit import call_service, form_status
from chancery.investment_screening.application_form import ExOfficioForm
from chancery.investment_screening.forms import FlemishAssessmentForm
from chancery.investment_screening.models import Notification
from chancery.investment_screening.services import notifications, statistics
from chancery.procedures.models import Case


def _years(user) -> list[int]:
    years = {d.year for d in Notification.objects.visible_to(user).dates("recorded_at", "year")}
    return sorted(years | {timezone.localdate().year}, reverse=True)


@login_required
def index(request, year: int | None = None):
    """The yearly report and the form that opens an ex officio review."""
    require(request.user, "investment_screening.handle")
    year = year or timezone.localdate().year
    form = ExOfficioForm(request.POST or None, prefix="exofficio")
    if request.method == "POST":
        response = call_service(
            request,
            lambda: notifications.open_ex_officio(request.user, form.case_data()[notifications.DATA_KEY]),
            form=form,
            success=lambda case: _("Ex officio review %(reference)s opened.") % {"reference": case.reference},
            then=lambda case: case,
        )
        if response is not None:
            return response
    report = statistics.yearly(year, Notification.objects.visible_to(request.user))
    return render(
        request,
        "investment_screening/index.html",
        {"report": report, "years": _years(request.user), "form": form, "nav_current": "investment_screening:index"},
        status=form_status(form),
    )


@login_required
def report_csv(request, year: int):
    require(request.user, "investment_screening.handle")
    report = statistics.yearly(year, Notification.objects.visible_to(request.user))
    response = HttpResponse(statistics.as_csv(report), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="screening-investeringen-{year}.csv"'
    return response


@login_required
@require_POST
def assessment(request, reference: str):
    """Record the Flemish assessment and advice on a file (handlers who may see it)."""
    case = Case.objects.visible_to(request.user).filter(reference=reference, procedure=notifications.CODE).first()
    if case is None:
        raise Http404
    form = FlemishAssessmentForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        messages.error(request, _("Nothing was changed."))
        return redirect(case)
    data = form.cleaned_data
    try:
        notifications.record_flemish_assessment(
            request.user, case, strategic_interests=data["strategic_interests"], advice=data["advice"],
            conditions=data["conditions"],
        )  # fmt: skip
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        messages.error(request, _("Nothing was changed."))
    else:
        messages.success(request, _("The Flemish assessment and advice were recorded."))
    return redirect(case)


# --- the public report -------------------------------------------------------------------------


def _public_year(year: int) -> int:
    # A year is published once it is closed (statistics.is_closed); before, it is not there.
    if year < 2000 or not statistics.is_closed(year):
        raise Http404(_("No report for that year: a year's report is published once the year is over."))
    return year


def public_index(request):
    """The latest published year (none before the first year is over)."""
    years = statistics.public_years()
    return render(
        request,
        "investment_screening/public_report.html",
        {"report": statistics.public_report(years[0]) if years else None, "years": years,
         "minimum": statistics.MINIMUM_CELL},
    )  # fmt: skip


def public_report(request, year: int):
    year = _public_year(year)
    return render(
        request,
        "investment_screening/public_report.html",
        {"report": statistics.public_report(year), "years": statistics.public_years(),
         "minimum": statistics.MINIMUM_CELL},
    )  # fmt: skip


def public_report_csv(request, year: int):
    year = _public_year(year)
    response = HttpResponse(
        statistics.public_csv(statistics.public_report(year)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="screening-investeringen-{year}.csv"'
    return response
