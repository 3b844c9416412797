"""Pages of the disaster fund: the fund's (events, recognitions, a claim's expertise and anomalies,
the anomaly register, statistics), the counter's damage report, and the public statistics. Views
are thin: the rules live in services; what a user may not see is 404."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chancery.core.authz import may
from chancery.core.once import once
from chancery.core.views_kit import call_service
from chancery.disaster_fund import forms, rules
from chancery.disaster_fund.models import Anomaly, Claim, DamageReport, DisasterEvent, EventState, Municipality
from chancery.disaster_fund.services import anomalies as anomaly_register
from chancery.disaster_fund.services import claims, recognitions, statistics
from chancery.disaster_fund.services import events as event_services
from chancery.disaster_fund.services.compensation import damage_report_deadline
from chancery.disaster_fund.services.municipalities import in_force_on
from chancery.procedures.models import Case


def _handler(request) -> None:
    if not may(request.user, "disaster_fund.handle"):
        raise Http404(_("This page is for the disaster fund."))


def _case(request, reference) -> Case:
    _handler(request)
    case = Case.objects.visible_to(request.user).filter(reference=reference, procedure="RF").first()
    if case is None or not Claim.objects.filter(case=case).exists():
        raise Http404(_("No such claim."))
    return case


def _case_url(case: Case) -> str:
    return case.get_absolute_url()


@login_required
@once
def index(request):
    _handler(request)
    form = forms.EventForm(request.POST or None)
    done = call_service(
        request,
        lambda: event_services.record_event(request.user, **form.cleaned_data),
        form=form,
        success=_("The event was recorded."),
        then=lambda event: reverse("disaster_fund:event", args=[event.pk]),
    )
    if done:
        return done
    events = DisasterEvent.objects.visible_to(request.user).select_related("recognition")
    return render(
        request,
        "disaster_fund/index.html",
        {"events": events, "form": form, "terms": rules.TERMS, "deductibles": rules.DEDUCTIBLES,
         "thresholds": rules.THRESHOLDS, "caps_pending": rules.CAPS_PENDING_SOURCE,
         "nav_current": "disaster_fund:index"},
        status=400 if request.method == "POST" else 200,
    )  # fmt: skip


@login_required
@once
def event_detail(request, pk):
    _handler(request)
    event = get_object_or_404(DisasterEvent.objects.visible_to(request.user), pk=pk)
    municipalities = in_force_on(Municipality.objects.all(), event.started_on)
    state_form = forms.EventStateForm(request.POST if "state-submit" in request.POST else None)
    recognition_form = forms.RecognitionForm(
        request.POST if "recognition-submit" in request.POST else None,
        municipalities=municipalities,
        initial={"period_start": event.started_on, "period_end": event.ended_on},
    )
    recognition = getattr(event, "recognition", None)
    rejection_form = forms.RejectionForm(
        request.POST if "rejection-submit" in request.POST else None, initial={"decided_on": timezone.localdate()}
    )
    if rejection_form.is_bound and recognition is None:
        raise Http404(_("No recognition was prepared for this event."))

    def reject():
        return recognitions.record_rejection(request.user, recognition, **rejection_form.cleaned_data)

    for form, action, message in (
        (rejection_form, reject,
         _("The Government's decision not to recognise was recorded; the damage reports are closed.")),
        (state_form, lambda: event_services.set_state(request.user, event, **state_form.cleaned_data),
         _("The event's state was changed.")),
        (recognition_form, lambda: recognitions.prepare(request.user, event, **recognition_form.cleaned_data),
         _("The recognition was prepared for the Government.")),
    ):  # fmt: skip
        if form.is_bound:
            done = call_service(request, action, form=form, success=message, then=lambda _r: request.path)
            if done:
                return done
    reports = event.reports.select_related("municipality").order_by("municipality__name", "pk")
    return render(
        request,
        "disaster_fund/event.html",
        {"event": event, "reports": reports, "recognition": recognition,
         "state_form": state_form, "recognition_form": recognition_form, "rejection_form": rejection_form,
         "open": event.state in (EventState.REPORTED, EventState.UNDER_INVESTIGATION),
         "report_deadline": damage_report_deadline(event.ended_on),
         "nav_current": "disaster_fund:index"},
        status=400 if request.method == "POST" else 200,
    )  # fmt: skip


@login_required
def anomalies(request):
    _handler(request)
    register = anomaly_register.register_by_rule(Anomaly.objects.visible_to(request.user))
    return render(
        request,
        "disaster_fund/anomalies.html",
        {"register": register, "nav_current": "disaster_fund:index"},
    )


@login_required
def anomalies_csv(request):
    _handler(request)
    rule = request.GET.get("regel") or None
    if rule and rule not in rules.ANOMALY_RULES:
        raise Http404(_("No such rule."))
    response = HttpResponse(
        anomaly_register.as_csv(Anomaly.objects.visible_to(request.user), rule), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="rampenfonds-afwijkingen-{rule or "alle"}.csv"'
    return response


@login_required
def anomalies_xlsx(request):
    _handler(request)
    response = HttpResponse(
        anomaly_register.as_xlsx(Anomaly.objects.visible_to(request.user)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="rampenfonds-afwijkingen.xlsx"'
    return response


@login_required
def statistics_view(request):
    _handler(request)
    return _statistics(request, public=False, nav_current="disaster_fund:index")


def public_statistics(request):
    return _statistics(request, public=True, minimum=statistics.MINIMUM_CELL)


def _statistics(request, **context):
    rows = statistics.per_municipality()
    measure = request.GET.get("kaart")
    measure = measure if measure in statistics.MEASURES else statistics.DEFAULT_MEASURE
    return render(
        request,
        "disaster_fund/statistics.html",
        {
            "rows": rows,
            "map": statistics.municipality_map(rows, measure),
            "measure": measure,
            "measures": statistics.MEASURES.items(),
            **context,
        },
    )


def public_statistics_csv(request):
    response = HttpResponse(statistics.as_csv(statistics.per_municipality()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="rampenfonds-statistieken.csv"'
    return response


# --- a claim's steps with their facts (forms on the case page's panel) ------------------------


def _claim_step(request, reference, form_class, service, message):
    case = _case(request, reference)
    form = form_class(request.POST)
    return call_service(
        request,
        lambda: service(request.user, case, **form.cleaned_data),
        form=form,
        success=message,
        back=_case_url(case),
    )


@login_required
@require_POST
@once
def claim_expert(request, reference):
    return _claim_step(request, reference, forms.ExpertForm, claims.assign_expert, _("The expert was assigned."))


@login_required
@require_POST
@once
def claim_report(request, reference):
    return _claim_step(request, reference, forms.ReportForm, claims.send_report, _("The expert report was sent."))


@login_required
@require_POST
@once
def claim_insurance(request, reference):
    return _claim_step(
        request, reference, forms.InsuranceForm, claims.record_insurance, _("The insurance payouts were recorded.")
    )


@login_required
@require_POST
@once
def claim_anomaly(request, reference):
    case = _case(request, reference)
    form = forms.AnomalyForm(request.POST)
    return call_service(
        request,
        lambda: anomaly_register.record(request.user, case.disaster_claim, **form.cleaned_data),
        form=form,
        success=_("The anomaly was recorded in the register."),
        back=_case_url(case),
    )


# --- the counter: a damage report ----------------------------------------------------------------


@login_required
@once
def counter_report(request):
    if not may(request.user, "disaster_fund.report_damage"):
        raise Http404(_("Log in at the counter to report damage."))
    today = timezone.localdate()
    events = (
        DisasterEvent.objects.visible_to(request.user)
        .filter(state__in=event_services.OPEN_FOR_REPORTS)
        .order_by("-started_on")
    )
    form = forms.DamageReportForm(
        request.POST or None, events=events, municipalities=in_force_on(Municipality.objects.all(), today)
    )

    def report():
        data = dict(form.cleaned_data)
        return event_services.report_damage(request.user, data.pop("event"), **data)

    def said(outcome):
        if outcome.duplicate:
            return _("You already reported damage for this event: your new report is linked to the first one.")
        return _("Your damage report was received.")

    done = call_service(request, report, form=form, success=said, then="disaster_fund_counter:report")
    if done:
        return done
    mine = DamageReport.objects.visible_to(request.user).filter(reported_by=request.user)
    return render(
        request,
        "disaster_fund/counter_report.html",
        {
            "form": form,
            "reports": mine.select_related("event", "municipality"),
            "nav_current": "disaster_fund_counter:report",
        },
        status=400 if request.method == "POST" else 200,
    )
