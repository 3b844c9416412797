"""Pages of the licences: the holder's at the counter, the handlers' in the application, and the
public yearly report. Views are thin: rules live in services."""

from __future__ import annotations

import datetime

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chancery.core.authz import require
from chancery.core.once import once
from chancery.core.views_kit import call_service, form_status
from chancery.licensing import rules
from chancery.licensing.forms import (
    GeneralReportForm,
    PriorAuthorisationForm,
    RegistrationForm,
    RenewalForm,
    UseReportForm,
)
from chancery.licensing.models import PriorAuthorisation
from chancery.licensing.services import general, licences, prior, statistics
from chancery.procedures.services.parties import find_or_create_party


def _licence(request, number: str):
    licence = licences.visible_licences(request.user).filter(number=number).first()
    if licence is None:
        raise Http404(_("No such licence."))
    return licence


def _require_handler(request) -> None:
    require(request.user, "licensing.handle")


def _licence_context(licence) -> dict:
    return {
        "licence": licence,
        "reports": licence.use_reports.select_related("reported_by").order_by("used_on", "pk"),
        "used_value": licence.used_value(),
        "remaining_value": licence.remaining_value(),
        "remaining_quantity": licence.remaining_quantity(),
    }


# --- the holder, at the counter ----------------------------------------------------------------


@login_required
def counter_licences(request):
    rows = licences.visible_licences(request.user).filter(case__applicant_user=request.user)
    registrations = general.visible_registrations(request.user).filter(registered_by=request.user)
    return render(
        request,
        "licensing/counter_index.html",
        {"licences": rows, "registrations": registrations, "nav_current": "licensing_counter:index"},
    )


@login_required
@once
def counter_licence(request, number):
    licence = _licence(request, number)
    if licence.case.applicant_user_id != request.user.pk:
        raise Http404(_("No such licence."))
    form = UseReportForm(request.POST or None, initial={"destination_country": licence.destination_country})
    done = call_service(
        request,
        lambda: licences.report_use(request.user, licence, **form.cleaned_data),
        form=form,
        success=_("Your use report was recorded."),
        then=reverse("licensing_counter:licence", args=[licence.number]),
    )
    if done:
        return done
    return render(
        request,
        "licensing/counter_licence.html",
        {**_licence_context(licence), "form": form, "nav_current": "licensing_counter:index"},
        status=form_status(form),
    )


@login_required
@once
def counter_register(request):
    form = RegistrationForm(request.POST or None)
    done = call_service(
        request,
        lambda: general.register(
            request.user,
            party=form.party(),
            general_licence=form.cleaned_data["general_licence"],
            first_use_on=form.cleaned_data["first_use_on"],
        ),  # fmt: skip
        form=form,
        success=_("The registration was recorded."),
        then=lambda registration: reverse("licensing_counter:registration", args=[registration.pk]),
    )
    if done:
        return done
    return render(
        request,
        "licensing/counter_register.html",
        {"form": form, "general_licences": rules.GENERAL_LICENCES, "nav_current": "licensing_counter:index"},
        status=form_status(form),
    )


@login_required
@once
def counter_registration(request, pk):
    registration = general.visible_registrations(request.user).filter(pk=pk, registered_by=request.user).first()
    if registration is None:
        raise Http404(_("No such registration."))
    form = GeneralReportForm(request.POST or None)
    done = call_service(
        request,
        lambda: general.report(request.user, registration, **form.cleaned_data),
        form=form,
        success=_("Your report was recorded."),
        then=reverse("licensing_counter:registration", args=[registration.pk]),
    )
    if done:
        return done
    return render(
        request,
        "licensing/registration.html",
        {"registration": registration, "reports": registration.reports.all(), "form": form, "counter": True,
         "nav_current": "licensing_counter:index"},
        status=form_status(form),
    )  # fmt: skip


# --- the handlers ----------------------------------------------------------------------------


@login_required
def index(request):
    _require_handler(request)
    return render(
        request,
        "licensing/index.html",
        {"licences": licences.visible_licences(request.user)[:200], "nav_current": "licensing:index"},
    )


@login_required
def licence_detail(request, number):
    _require_handler(request)
    licence = _licence(request, number)
    return render(
        request,
        "licensing/licence.html",
        {**_licence_context(licence), "renewal_form": RenewalForm(), "nav_current": "licensing:index"},
    )


@login_required
@require_POST
def licence_renew(request, number):
    _require_handler(request)
    licence = _licence(request, number)
    form = RenewalForm(request.POST)
    form.is_valid()  # the reason is optional: an unreadable one is left out, the renewal goes on
    return call_service(
        request,
        lambda: licences.renew(request.user, licence, reason=form.cleaned_data.get("reason", "")),
        success=_("The licence was renewed."),
        back=reverse("licensing:licence", args=[licence.number]),
    )


@login_required
def registrations(request):
    _require_handler(request)
    return render(
        request,
        "licensing/registrations.html",
        {"registrations": general.visible_registrations(request.user).annotate(report_count=Count("reports")),
         "general_licences": rules.GENERAL_LICENCES, "nav_current": "licensing:index"},
    )  # fmt: skip


@login_required
def registration_detail(request, pk):
    _require_handler(request)
    registration = general.visible_registrations(request.user).filter(pk=pk).first()
    if registration is None:
        raise Http404(_("No such registration."))
    return render(
        request,
        "licensing/registration.html",
        {"registration": registration, "reports": registration.reports.all(), "nav_current": "licensing:index"},
    )


@login_required
@once
def authorisations(request):
    _require_handler(request)
    form = PriorAuthorisationForm(request.POST or None)

    def record():
        party = find_or_create_party(form.party())
        data = form.cleaned_data
        return prior.record(request.user, party=party, kind=data["kind"], number=data["number"],
                            valid_from=data["valid_from"], valid_until=data["valid_until"])  # fmt: skip

    done = call_service(
        request, record, form=form, success=_("The authorisation was recorded."), then="licensing:authorisations"
    )
    if done:
        return done
    today = datetime.date.today()
    return render(
        request,
        "licensing/authorisations.html",
        {"rows": PriorAuthorisation.objects.select_related("party", "case"), "form": form, "today": today,
         "nav_current": "licensing:index"},
        status=form_status(form),
    )  # fmt: skip


@login_required
def statistics_view(request, year=None):
    _require_handler(request)
    years = statistics.years()
    year = year or (years[0] if years else datetime.date.today().year)
    rows = statistics.yearly(year)
    return render(
        request,
        "licensing/statistics.html",
        {"year": year, "years": years, "rows": rows, "total": statistics.totals(rows), "public": False,
         "closed": statistics.is_closed(year), "nav_current": "licensing:index"},
    )  # fmt: skip


# --- the public report -------------------------------------------------------------------------


def _public_year(year: int) -> int:
    # A year is published once it is closed (statistics.is_closed); before, it is not there.
    if year < 2000 or not statistics.is_closed(year):
        raise Http404(_("No report for that year: a year's report is published once the year is over."))
    return year


def public_index(request):
    return render(
        request,
        "licensing/public_index.html",
        {"years": statistics.public_years(), "minimum": statistics.MINIMUM_CELL},
    )


def public_report(request, year):
    year = _public_year(year)
    rows, total = statistics.public_report(year)
    return render(
        request,
        "licensing/statistics.html",
        {"year": year, "years": statistics.public_years(), "rows": rows, "total": total, "public": True,
         "minimum": statistics.MINIMUM_CELL},
    )  # fmt: skip


def public_report_csv(request, year):
    year = _public_year(year)
    response = HttpResponse(statistics.as_csv(year), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="strategische-goederen-{year}.csv"'
    return response
