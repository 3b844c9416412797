"""The EU files' pages for the administration, under /app/eu/ (thin: parse, authorise, call a
service, render): the acts followed with the obligations tracker and its deadline warnings, an
act with its positions, coordination and Council meetings; the coordination meetings; the Council
meetings with Flanders' seat."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chancery.core.authz import may, require
from chancery.core.once import once
from chancery.core.views_kit import call_service
from chancery.eu_files import rules
from chancery.eu_files.forms import (
    ActForm,
    AttendeeForm,
    CouncilForm,
    EscalateForm,
    FilterForm,
    MeetingForm,
    OutcomeForm,
    PositionForm,
    SubmitPositionForm,
    TrackingForm,
)
from chancery.eu_files.models import (
    CoordinationMeeting,
    CoordinationOutcome,
    CouncilMeeting,
    EuAct,
    Position,
    PositionState,
)
from chancery.eu_files.services import acts as act_services
from chancery.eu_files.services import coordination, council, positions


def _reader(request) -> None:
    require(request.user, "eu_files.read")


def _keeper(request) -> None:
    if not may(request.user, "eu_files.keep"):
        raise PermissionDenied(_("Only the administration keeps the EU files."))


@login_required
@once
def index(request):
    """The acts, proposals and initiatives, with their obligations, pages and deadlines; passed
    and near deadlines highlighted (lead time: rules.warning_days())."""
    _reader(request)
    keeps = may(request.user, "eu_files.keep")
    form = ActForm(request.POST or None, prefix="act") if keeps else None
    if request.method == "POST":
        if form is None:
            _keeper(request)
        data = form.cleaned_data if form.is_valid() else {}
        done = call_service(
            request,
            lambda: act_services.register_act(request.user, **{k: v for k, v in data.items()}),
            form=form,
            success=_("The act has been added to the EU files."),
        )
        if done:
            return done
    filters = FilterForm(request.GET or None)
    rows = EuAct.objects.visible_to(request.user).select_related("proposal").prefetch_related("competences")
    if filters.is_valid():
        if filters.cleaned_data["soort"]:
            rows = rows.filter(kind=filters.cleaned_data["soort"])
        if filters.cleaned_data["gevolgd"]:
            rows = rows.filter(followed=True)
    today = timezone.localdate()
    rows = list(rows.order_by("transposition_deadline", "celex", "com_number"))
    for act in rows:
        act.status = act.deadline_status(today)
    if filters.is_valid() and filters.cleaned_data["termijn"]:
        rows = [act for act in rows if act.status]
    return render(
        request,
        "eu_files/index.html",
        {
            "acts": rows,
            "filters": filters,
            "form": form,
            "warnings": act_services.deadline_warnings(request.user, today),
            "warning_days": rules.warning_days(),
            "summary": act_services.summary(request.user),
            "totals": act_services.obligation_totals(request.user),
        },
        status=400 if form is not None and form.is_bound else 200,
    )


@login_required
def act(request, pk):
    _reader(request)
    act = get_object_or_404(
        EuAct.objects.visible_to(request.user).select_related("proposal").prefetch_related("competences"), pk=pk
    )
    keeps = may(request.user, "eu_files.keep")
    approves = may(request.user, "eu_files.approve_position")
    act.status = act.deadline_status()
    position_rows = list(
        Position.objects.visible_to(request.user)
        .filter(eu_act=act)
        .select_related("approved_by", "submission__meeting")
        .order_by("-version")
    )
    drafts_to_submit = [p for p in position_rows if p.state == PositionState.DRAFT and p.needs_government_decision]
    return render(
        request,
        "eu_files/act.html",
        {
            "act": act,
            "positions": position_rows,
            "current": positions.current(act, request.user),
            "outcomes": CoordinationOutcome.objects.visible_to(request.user)
            .filter(eu_act=act)
            .select_related("meeting", "escalated_to")
            .order_by("-meeting__held_on"),
            "councils": CouncilMeeting.objects.visible_to(request.user)
            .filter(acts=act)
            .select_related("minister__person"),
            "adopted": act.adopted_acts.visible_to(request.user),
            "position_form": PositionForm(prefix="position") if keeps else None,
            "tracking_form": TrackingForm(
                prefix="tracking",
                initial={
                    f: getattr(act, f) for f in ("obligations", "pages", "transposition_deadline", "transposed_on")
                },
            )
            if keeps
            else None,
            "approves": approves,
            "submit_form": SubmitPositionForm(prefix="submit", user=request.user)
            if approves and drafts_to_submit
            else None,
            "warning_days": rules.warning_days(),
        },
    )


def _act_for_change(request, pk) -> EuAct:
    _reader(request)
    return get_object_or_404(EuAct.objects.visible_to(request.user), pk=pk)


@login_required
@require_POST
@once
def position_add(request, pk):
    act = _act_for_change(request, pk)
    form = PositionForm(request.POST, prefix="position")
    data = form.cleaned_data if form.is_valid() else {}
    return call_service(
        request,
        lambda: positions.record_position(request.user, act, **data),
        form=form,
        back=act,
        success=_("The position has been recorded."),
    )


@login_required
@require_POST
def tracking(request, pk):
    act = _act_for_change(request, pk)
    form = TrackingForm(request.POST, prefix="tracking")
    data = form.cleaned_data if form.is_valid() else {}
    return call_service(
        request,
        lambda: act_services.update_act(request.user, act, **data),
        form=form,
        back=act,
        success=_("The act's figures have been saved."),
    )


def _position(request, pk, position_pk) -> Position:
    act = _act_for_change(request, pk)
    return get_object_or_404(Position.objects.visible_to(request.user).filter(eu_act=act), pk=position_pk)


@login_required
@require_POST
def approve(request, pk, position_pk):
    position = _position(request, pk, position_pk)
    return call_service(
        request,
        lambda: positions.approve(request.user, position),
        back=position.eu_act,
        success=_("The position has been approved."),
    )


@login_required
@require_POST
@once
def submit(request, pk, position_pk):
    position = _position(request, pk, position_pk)
    form = SubmitPositionForm(request.POST, prefix="submit", user=request.user)
    data = form.cleaned_data if form.is_valid() else {}
    return call_service(
        request,
        lambda: positions.submit_to_government(request.user, position, data["meeting"], mandatees=data["mandatees"]),
        form=form,
        back=position.eu_act,
        success=_("The position has been submitted to the Government."),
    )


@login_required
@once
def meetings(request):
    _reader(request)
    keeps = may(request.user, "eu_files.keep")
    form = MeetingForm(request.POST or None, prefix="meeting") if keeps else None
    if request.method == "POST":
        if form is None:
            _keeper(request)
        data = form.cleaned_data if form.is_valid() else {}
        done = call_service(
            request,
            lambda: coordination.hold_meeting(request.user, **data),
            form=form,
            success=_("The coordination meeting has been recorded."),
        )
        if done:
            return done
    rows = (
        CoordinationMeeting.objects.visible_to(request.user)
        .prefetch_related(
            Prefetch("outcomes", queryset=CoordinationOutcome.objects.select_related("eu_act").order_by("pk"))
        )
        .order_by("-held_on", "pk")
    )
    return render(
        request,
        "eu_files/meetings.html",
        {"meetings": rows, "form": form},
        status=400 if form is not None and form.is_bound else 200,
    )


@login_required
def meeting(request, pk):
    _reader(request)
    meeting = get_object_or_404(CoordinationMeeting.objects.visible_to(request.user), pk=pk)
    keeps = may(request.user, "eu_files.keep")
    return render(
        request,
        "eu_files/meeting.html",
        {
            "meeting": meeting,
            "attendees": meeting.attendees.visible_to(request.user),
            "outcomes": meeting.outcomes.visible_to(request.user).select_related("eu_act", "escalated_to"),
            "escalations": meeting.escalations.visible_to(request.user).select_related("eu_act", "meeting"),
            "attendee_form": AttendeeForm(prefix="attendee") if keeps else None,
            "outcome_form": OutcomeForm(prefix="outcome") if keeps else None,
            "escalate_form": EscalateForm(prefix="escalate", meeting=meeting, user=request.user) if keeps else None,
        },
    )


def _meeting(request, pk) -> CoordinationMeeting:
    _reader(request)
    return get_object_or_404(CoordinationMeeting.objects.visible_to(request.user), pk=pk)


@login_required
@require_POST
@once
def attendee_add(request, pk):
    meeting = _meeting(request, pk)
    form = AttendeeForm(request.POST, prefix="attendee")
    data = form.cleaned_data if form.is_valid() else {}
    return call_service(
        request,
        lambda: coordination.add_attendee(request.user, meeting, **data),
        form=form,
        back=meeting,
        success=_("The attendee has been added."),
    )


@login_required
@require_POST
@once
def outcome_add(request, pk):
    meeting = _meeting(request, pk)
    form = OutcomeForm(request.POST, prefix="outcome")
    data = form.cleaned_data if form.is_valid() else {}
    return call_service(
        request,
        lambda: coordination.record_outcome(
            request.user, meeting, data["eu_act"], result=data["result"], text=data["text"]
        ),  # fmt: skip
        form=form,
        back=meeting,
        success=_("The outcome has been recorded."),
    )


@login_required
@require_POST
def escalate(request, pk):
    meeting = _meeting(request, pk)
    form = EscalateForm(request.POST, prefix="escalate", meeting=meeting, user=request.user)
    data = form.cleaned_data if form.is_valid() else {}
    return call_service(
        request,
        lambda: coordination.escalate(request.user, data["outcome"], data["conference"]),
        form=form,
        back=meeting,
        success=_("The act has been escalated to the interministerial conference."),
    )


@login_required
@once
def councils(request):
    """Council meetings, Flanders' turns in the rotation and whether the seat was taken; the sum
    per minister."""
    _reader(request)
    keeps = may(request.user, "eu_files.keep")
    form = CouncilForm(request.POST or None, prefix="council") if keeps else None
    if request.method == "POST":
        if form is None:
            _keeper(request)
        data = form.cleaned_data if form.is_valid() else {}
        done = call_service(
            request,
            lambda: council.record_meeting(request.user, **data),
            form=form,
            success=_("The Council meeting has been recorded."),
            then="eu_files:councils",
        )
        if done:
            return done
    rows = (
        CouncilMeeting.objects.visible_to(request.user)
        .select_related("minister__person")
        .prefetch_related(Prefetch("acts", queryset=EuAct.objects.order_by("celex", "com_number")))
    )
    return render(
        request,
        "eu_files/councils.html",
        {
            "meetings": rows,
            "attendance": council.attendance(request.user),
            "form": form,
            "formations": rules.FORMATIONS,
            "categories": rules.CATEGORIES,
            "agreement": rules.AGREEMENT,
            "rotation_source": rules.ROTATION_SOURCE,
        },
        status=400 if form is not None and form.is_bound else 200,
    )
