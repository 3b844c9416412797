"""Back-office screens of decision-making: thin views over decisions.services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chancery.core import visibility
from chancery.core.authz import may, require
from chancery.core.forms import add_service_errors
from chancery.core.models import Document, DocumentKind
from chancery.decisions import services
from chancery.decisions.forms import (
    ApproveForm,
    AttachForm,
    AttendanceForm,
    DecisionForm,
    FormalCheckForm,
    ItemForm,
    MeetingForm,
    MoveForm,
    PressSummaryForm,
    PublicationStartForm,
    PublicationStepForm,
    ReleasePlanForm,
    ResubmitForm,
    RevisionForm,
    SendBackForm,
    SubmissionForm,
    ThemesForm,
)
from chancery.decisions.models import (
    Agenda,
    AgendaItem,
    Decision,
    DecisionResult,
    Dossier,
    ItemDocument,
    Meeting,
    MeetingState,
    Minutes,
    Publication,
    PublicationStep,
    RegulationType,
    Release,
    Submission,
    SubmissionState,
)


def _internal(request) -> None:
    require(request.user, "decisions.read_back_office")


def _agenda(meeting: Meeting, letter: str | None) -> Agenda:
    agendas = meeting.agendas.all()
    agenda = agendas.filter(letter=letter).first() if letter else agendas.order_by("-sequence").first()
    if agenda is None:
        raise Http404(_("This agenda version does not exist."))
    return agenda


def _visible_items(agenda: Agenda, user):
    return (
        agenda.current_items()
        .filter(pk__in=AgendaItem.objects.visible_to(user).values("pk"))
        .prefetch_related("mandatees__person")
    )


@login_required
def meeting_list(request):
    _internal(request)
    # Only the items the reader may see are counted (the list must not tell more than the agenda).
    counted = Q(agendas__is_final=True, agendas__items__carried_over=False) & visibility.q(
        AgendaItem, request.user, "agendas__items__"
    )
    meetings = (
        Meeting.objects.visible_to(request.user)
        .annotate(versions=Count("agendas", distinct=True), item_count=Count("agendas__items", filter=counted))
        .order_by("-starts_at")
    )
    page = Paginator(meetings, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "decisions/meeting_list.html",
        {"page": page, "can_manage": may(request.user, "decisions.manage_agendas")},
    )


@login_required
def meeting_create(request):
    _require_manager(request)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.create_meeting(request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Meeting %(meeting)s has been created.") % {"meeting": meeting})
            return redirect(meeting)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "decisions/form.html", {"form": form, "title": _("New meeting")}, status=status)


@login_required
def meeting_detail(request, uuid, letter=None):
    _internal(request)
    meeting = get_object_or_404(Meeting, uuid=uuid)
    agenda = _agenda(meeting, letter)
    manager = may(request.user, "decisions.manage_agendas")
    can_edit = manager and agenda.is_draft and meeting.state == MeetingState.PLANNED
    documents = Document.objects.visible_to(request.user)
    items = list(
        _visible_items(agenda, request.user)
        .prefetch_related(
            Prefetch("decisions", queryset=Decision.objects.select_related("document")),
            Prefetch(
                "item_documents",
                queryset=ItemDocument.objects.filter(document__in=documents).select_related("document"),
                to_attr="visible_documents",
            ),
        )
        .select_related("press_summary", "agenda__meeting")
    )
    return render(
        request,
        "decisions/meeting_detail.html",
        {
            "meeting": meeting,
            "agenda": agenda,
            "agendas": meeting.agendas.all(),
            "items": items,
            "can_edit": can_edit,
            # Decisions are taken on the final agenda; corrections stay possible after closing.
            "can_decide": manager and agenda.is_final,
            "can_close": manager and meeting.state == MeetingState.AGENDA_APPROVED,
            "minutes": Minutes.objects.visible_to(request.user)
            .filter(meeting=meeting)
            .select_related("document")
            .first(),
            "attendance": services.attendance(meeting),
            "can_record_attendance": manager,
            "releases": meeting.releases.all() if agenda.is_final else [],
            "release_scopes": Release.Scope.choices,
            "decision_results": DecisionResult.choices,
            "regulation_types": RegulationType.choices,
            "can_release": manager and agenda.is_final,
            "item_form": ItemForm(initial={"revision": agenda.revision}) if can_edit else None,
            "attachable": services.attachable_items(request.user, items),
            "can_submit": may(request.user, "decisions.submit") and meeting.state == MeetingState.PLANNED,
            "document_kinds": DocumentKind.choices,
        },
    )


def _require_manager(request) -> None:
    """The back-office acts of decision-making are the secretariat's."""
    require(request.user, "decisions.manage_agendas")


def _editing(request, uuid, letter):
    _require_manager(request)
    meeting = get_object_or_404(Meeting, uuid=uuid)
    return meeting, _agenda(meeting, letter)


def _refusal(request, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


def _perform(request, action, success=None) -> None:
    """One service call for a POST: its refusal, or `success` (a text, or a function of the result),
    becomes the message on the page the user returns to."""
    try:
        result = action()
    except ValidationError as exc:
        _refusal(request, exc)
        return
    if success:
        messages.success(request, success(result) if callable(success) else success)


@login_required
@require_POST
def item_add(request, uuid, letter):
    meeting, agenda = _editing(request, uuid, letter)
    form = ItemForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.add_item(
                request.user,
                agenda,
                expected_revision=data["revision"],
                kind=data["kind"],
                title=data["title"],
                short_title=data["short_title"],
                mandatees=data["mandatees"],
                access_level=data["access_level"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The item has been added."))
            return redirect("decisions:agenda_detail", uuid=meeting.uuid, letter=agenda.letter)
    return render(
        request,
        "decisions/meeting_detail.html",
        {
            "meeting": meeting,
            "agenda": agenda,
            "agendas": meeting.agendas.all(),
            "items": _visible_items(agenda, request.user),
            "can_edit": True,
            "item_form": form,
        },
        status=400,
    )


def _item_for_edit(request, pk) -> AgendaItem:
    _require_manager(request)
    return get_object_or_404(AgendaItem.objects.select_related("agenda__meeting"), pk=pk)


def _back_to(item: AgendaItem):
    return redirect("decisions:agenda_detail", uuid=item.agenda.meeting.uuid, letter=item.agenda.letter)


@login_required
@require_POST
def item_formal_check(request, pk):
    item = _item_for_edit(request, pk)
    form = FormalCheckForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid formal check."))
        return _back_to(item)
    data = form.cleaned_data
    _perform(
        request,
        lambda: services.set_formal_check(request.user, item, data["check"], expected_revision=data["revision"]),
    )
    return _back_to(item)


@login_required
@require_POST
def item_move(request, pk):
    item = _item_for_edit(request, pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid position."))
        return _back_to(item)
    data = form.cleaned_data
    _perform(
        request,
        lambda: services.move_item(request.user, item, to_number=data["to_number"], expected_revision=data["revision"]),
    )
    return _back_to(item)


@login_required
@require_POST
def agenda_all_formal(request, uuid, letter):
    meeting, agenda = _editing(request, uuid, letter)
    form = RevisionForm(request.POST)
    if form.is_valid():
        _perform(
            request,
            lambda: services.approve_all_formally(
                request.user, agenda, expected_revision=form.cleaned_data["revision"]
            ),
            lambda count: _("%(count)d items marked formally in order.") % {"count": count},
        )
    return redirect("decisions:agenda_detail", uuid=meeting.uuid, letter=agenda.letter)


@login_required
@require_POST
def agenda_approve(request, uuid, letter):
    meeting, agenda = _editing(request, uuid, letter)
    form = ApproveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The approval could not be read; reload the page."))
        return redirect("decisions:agenda_detail", uuid=meeting.uuid, letter=agenda.letter)
    try:
        draft = services.approve_agenda(
            request.user, agenda, expected_revision=form.cleaned_data["revision"], close=form.cleaned_data["close"]
        )
    except ValidationError as exc:
        _refusal(request, exc)
        return redirect("decisions:agenda_detail", uuid=meeting.uuid, letter=agenda.letter)
    if draft is None:
        messages.success(request, _("Agenda %(letter)s is approved as the final agenda.") % {"letter": agenda.letter})
        return redirect("decisions:agenda_detail", uuid=meeting.uuid, letter=agenda.letter)
    messages.success(
        request,
        _("Agenda %(letter)s is approved; draft %(next)s has been started.")
        % {"letter": agenda.letter, "next": draft.letter},
    )
    return redirect("decisions:agenda_detail", uuid=meeting.uuid, letter=draft.letter)


@login_required
def agenda_compare(request, uuid):
    _internal(request)
    meeting = get_object_or_404(Meeting, uuid=uuid)
    agendas = list(meeting.agendas.all())
    if len(agendas) < 2:
        messages.info(request, _("This meeting has only one agenda version."))
        return redirect(meeting)
    first = _agenda(meeting, request.GET.get("from") or agendas[-2].letter)
    second = _agenda(meeting, request.GET.get("to") or agendas[-1].letter)
    comparison = services.compare_agendas(first, second)
    # Items the reader may not see are left out of the comparison entirely.
    visible = set(
        AgendaItem.objects.visible_to(request.user).filter(agenda__meeting=meeting).values_list("pk", flat=True)
    )
    comparison.added = [i for i in comparison.added if i.pk in visible]
    comparison.removed = [i for i in comparison.removed if i.pk in visible]
    comparison.moved = [c for c in comparison.moved if c.after.pk in visible]
    comparison.changed = [c for c in comparison.changed if c.after.pk in visible]
    return render(
        request, "decisions/agenda_compare.html", {"meeting": meeting, "agendas": agendas, "comparison": comparison}
    )


# --- Decisions, closing and release ------------------------------------------------------------


def _meeting_for_edit(request, uuid) -> Meeting:
    _require_manager(request)
    return get_object_or_404(Meeting, uuid=uuid)


@login_required
@require_POST
def item_decide(request, pk):
    """Record the decision on an item, or (when one exists) a correction with its reason."""
    item = _item_for_edit(request, pk)
    form = DecisionForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a result."))
        return _back_to(item)
    data = form.cleaned_data
    try:
        if item.decisions.exists():
            services.correct_decision(
                request.user,
                item,
                result=data["result"],
                text=data["text"],
                motivation=data["motivation"],
                reason=data["reason"],
            )
            messages.success(request, _("The correction has been recorded."))
        else:
            services.record_decision(
                request.user,
                item,
                result=data["result"],
                text=data["text"],
                motivation=data["motivation"],
                upload=data.get("document"),
            )
            messages.success(request, _("The decision has been recorded."))
    except ValidationError as exc:
        _refusal(request, exc)
    return _back_to(item)


@login_required
@require_POST
def item_press_summary(request, pk):
    item = _item_for_edit(request, pk)
    form = PressSummaryForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the press summary."))
        return _back_to(item)
    _perform(
        request,
        lambda: services.set_press_summary(request.user, item, form.cleaned_data["text"]),
        _("The press summary has been saved."),
    )
    return _back_to(item)


@login_required
@require_POST
def meeting_close(request, uuid):
    meeting = _meeting_for_edit(request, uuid)
    _perform(request, lambda: services.close_meeting(request.user, meeting), _("The meeting is closed."))
    return redirect(meeting)


@login_required
@require_POST
def release_plan(request, uuid):
    meeting = _meeting_for_edit(request, uuid)
    form = ReleasePlanForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a valid moment for the release."))
        return redirect(meeting)
    _perform(
        request,
        lambda: services.plan_release(
            request.user, meeting, form.cleaned_data["scope"], form.cleaned_data["planned_at"]
        ),
        lambda release: _("Release planned: %(release)s.") % {"release": release},
    )
    return redirect(meeting)


def _release_for_edit(request, pk) -> Release:
    _require_manager(request)
    return get_object_or_404(Release.objects.select_related("meeting"), pk=pk)


@login_required
@require_POST
def release_confirm(request, pk):
    release = _release_for_edit(request, pk)
    _perform(
        request,
        lambda: services.confirm_release(request.user, release),
        _("The release is confirmed and will happen at the planned moment."),
    )
    return redirect(release.meeting)


@login_required
@require_POST
def release_now(request, pk):
    release = _release_for_edit(request, pk)
    _perform(
        request,
        lambda: services.release_now(request.user, release),
        lambda done: _("Released: %(count)d items made public.") % {"count": done.released_count},
    )
    return redirect(release.meeting)


# --- Dossiers -----------------------------------------------------------------------------------


@login_required
def dossier_list(request):
    _internal(request)
    dossiers = Dossier.objects.visible_to(request.user).order_by("short_title")
    query = request.GET.get("q", "").strip()
    if query:
        dossiers = dossiers.filter(Q(title__icontains=query) | Q(short_title__icontains=query))
    page = Paginator(dossiers, 25).get_page(request.GET.get("page"))
    histories = services.dossier_histories(page.object_list, request.user)
    rows = [(dossier, services.phase_of(histories[dossier.pk])) for dossier in page.object_list]
    return render(request, "decisions/dossier_list.html", {"page": page, "rows": rows, "query": query})


@login_required
def dossier_detail(request, uuid):
    _internal(request)
    dossier = get_object_or_404(Dossier.objects.visible_to(request.user), uuid=uuid)
    history = services.dossier_histories([dossier], request.user)[dossier.pk]
    may_classify = may(request.user, "decisions.prepare_dossiers")
    form = ThemesForm(request.POST or None, initial={"themes": dossier.themes.all()}) if may_classify else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(_("Only the secretariat, ministers and their cabinets prepare dossiers."))
        if form.is_valid():
            services.set_themes(request.user, dossier, form.cleaned_data["themes"])
            messages.success(request, _("The themes have been saved."))
            return redirect(dossier)
    return render(
        request,
        "decisions/dossier_detail.html",
        {
            "dossier": dossier,
            "history": history,
            "phase": services.phase_of(history),
            "themes": dossier.themes.all(),
            "themes_form": form,
        },
        status=400 if form is not None and form.errors else 200,
    )


@login_required
@require_POST
def item_attach(request, pk):
    item = get_object_or_404(AgendaItem.objects.visible_to(request.user).select_related("agenda__meeting"), pk=pk)
    form = AttachForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return _back_to(item)
    try:
        link = services.attach_document(
            request.user,
            item,
            title=form.cleaned_data["title"],
            kind=form.cleaned_data["kind"],
            upload=form.cleaned_data["file"],
        )
    except ValidationError as exc:
        _refusal(request, exc)
    else:
        messages.success(request, _("Document %(reference)s has been added.") % {"reference": link.reference})
    return _back_to(item)


# --- Submissions ----------------------------------------------------------------------------------


@login_required
def submission_list(request):
    require(request.user, "decisions.submit")
    submissions = (
        Submission.objects.visible_to(request.user).select_related("meeting", "submitted_by").order_by("-submitted_at")
    )
    waiting = request.GET.get("state") != "all"
    if waiting:
        submissions = submissions.exclude(state=SubmissionState.ACCEPTED)
    page = Paginator(submissions, 25).get_page(request.GET.get("page"))
    return render(request, "decisions/submission_list.html", {"page": page, "waiting": waiting})


@login_required
def submission_create(request, uuid):
    meeting = get_object_or_404(Meeting, uuid=uuid)
    require(request.user, "decisions.submit")
    form = SubmissionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            submission = services.submit(
                request.user,
                meeting,
                kind=data["kind"],
                title=data["title"],
                short_title=data["short_title"],
                mandatees=data["mandatees"],
                step_kind=data["step_kind"],
                item_access_level=data["item_access_level"],
                uploads=data["files"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc, "files")
        else:
            messages.success(request, _("Your proposal has been submitted to the secretariat."))
            return redirect(submission)
    status = 400 if form.is_bound and form.errors else 200
    title = _("Submit a proposal for %(meeting)s") % {"meeting": meeting}
    return render(request, "decisions/form.html", {"form": form, "title": title, "multipart": True}, status=status)


@login_required
def submission_detail(request, uuid):
    submission = get_object_or_404(
        Submission.objects.visible_to(request.user).select_related("meeting", "submitted_by", "item__agenda"), uuid=uuid
    )
    manager = may(request.user, "decisions.manage_agendas")
    waiting = submission.state in (SubmissionState.SUBMITTED, SubmissionState.RESUBMITTED)
    resubmit_form = send_back_form = None
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "accept" and manager:
                services.accept(request.user, submission)
                messages.success(request, _("The proposal is on the draft agenda."))
                return redirect(submission)
            if action == "send_back" and manager:
                send_back_form = SendBackForm(request.POST)
                if send_back_form.is_valid():
                    services.send_back(request.user, submission, remarks=send_back_form.cleaned_data["remarks"])
                    messages.success(request, _("The proposal has been sent back to the cabinet."))
                    return redirect(submission)
            if action == "resubmit":
                resubmit_form = ResubmitForm(request.POST, request.FILES)
                if resubmit_form.is_valid():
                    data = resubmit_form.cleaned_data
                    services.resubmit(
                        request.user,
                        submission,
                        title=data["title"],
                        short_title=data["short_title"],
                        uploads=data["files"],
                    )
                    messages.success(request, _("Your proposal has been submitted again."))
                    return redirect(submission)
        except ValidationError as exc:
            _refusal(request, exc)
            return redirect(submission)
    can_resubmit = submission.state == SubmissionState.SENT_BACK and may(request.user, "decisions.submit")
    if can_resubmit and resubmit_form is None:
        resubmit_form = ResubmitForm(initial={"title": submission.title, "short_title": submission.short_title})
    return render(
        request,
        "decisions/submission_detail.html",
        {
            "submission": submission,
            "documents": Document.objects.visible_to(request.user).filter(pk__in=submission.documents.values("pk")),
            "can_decide": manager and waiting,
            "send_back_form": send_back_form or (SendBackForm() if manager and waiting else None),
            "resubmit_form": resubmit_form if can_resubmit else None,
        },
        status=400 if request.method == "POST" else 200,
    )


# --- Publications in the Belgian Official Gazette -----------------------------------------------


def _publications_manager(request) -> None:
    require(request.user, "decisions.handle_publications")


@login_required
def publication_list(request):
    _publications_manager(request)
    publications = Publication.objects.select_related("decision_item__agenda__meeting").prefetch_related("events")
    step = request.GET.get("step", "")
    if step in PublicationStep.values:
        publications = publications.filter(step=step)
    elif step != "all":
        publications = publications.exclude(step__in=[PublicationStep.PUBLISHED, PublicationStep.CANCELLED])
    if request.GET.get("urgent"):
        publications = publications.filter(urgent=True)
    today = timezone.localdate()
    rows = [(p, services.deadlines(p, list(p.events.all()))) for p in publications[:500]]
    rows = [(p, d, any(x.overdue(today) for x in d) and p.step != PublicationStep.CANCELLED) for p, d in rows]
    if request.GET.get("late"):
        rows = [row for row in rows if row[2]]
    return render(
        request,
        "decisions/publication_list.html",
        {"rows": rows, "steps": PublicationStep.choices, "step": step, "late": bool(request.GET.get("late")),
         "urgent": bool(request.GET.get("urgent"))},
    )  # fmt: skip


@login_required
@require_POST
def publication_start(request, pk):
    _publications_manager(request)
    item = _item_for_edit(request, pk)
    form = PublicationStartForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the publication request."))
        return _back_to(item)
    try:
        publication = services.start_publication(request.user, item, **form.cleaned_data)
    except ValidationError as exc:
        _refusal(request, exc)
        return _back_to(item)
    messages.success(request, _("Publication %(number)s has been started.") % {"number": publication.number})
    return redirect(publication)


@login_required
def publication_detail(request, uuid):
    _publications_manager(request)
    publication = get_object_or_404(Publication.objects.select_related("decision_item__agenda__meeting"), uuid=uuid)
    allowed = services.NEXT_STEPS[PublicationStep(publication.step)]
    form = PublicationStepForm(request.POST or None, allowed=allowed, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.record_step(request.user, publication, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The step has been recorded."))
            return redirect(publication)
    events = list(publication.events.select_related("recorded_by"))
    return render(
        request,
        "decisions/publication_detail.html",
        {
            "publication": publication,
            "events": events,
            "deadlines": services.deadlines(publication, events),
            "today": timezone.localdate(),
            "form": form if allowed else None,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_POST
def meeting_minutes(request, uuid):
    meeting = _meeting_for_edit(request, uuid)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose the file with the minutes."))
        return redirect(meeting)
    _perform(
        request,
        lambda: services.attach_minutes(request.user, meeting, upload, reason=request.POST.get("reason", "")),
        _("The minutes have been stored."),
    )
    return redirect(meeting)


@login_required
def meeting_attendance(request, uuid):
    """Record who chaired, who kept the minutes and which members were excused."""
    meeting = _meeting_for_edit(request, uuid)
    members = services.attendance_members(meeting)
    current = services.attendance(meeting)
    form = AttendanceForm(
        request.POST or None,
        members=members,
        initial={"chair": current.chair, "secretary": current.secretary, "excused": current.excused},
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_attendance(
                request.user,
                meeting,
                chair=data["chair"],
                secretary=data["secretary"],
                excused=data["excused"],
                reason=data["reason"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The attendance has been recorded."))
            return redirect(meeting.get_absolute_url() + "#attendance")
    return render(
        request,
        "decisions/form.html",
        {"form": form, "title": _("Attendance at %(meeting)s") % {"meeting": meeting}},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def meeting_calendar(request):
    """The meetings of one month, as a calendar (weeks from Monday)."""
    import calendar as calendar_module
    import datetime

    _internal(request)
    today = timezone.localdate()
    try:
        year, month = (int(part) for part in request.GET.get("maand", f"{today:%Y-%m}").split("-"))
        first = datetime.date(year, month, 1)
    except ValueError:
        first = today.replace(day=1)
    weeks = calendar_module.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    meetings = Meeting.objects.filter(starts_at__date__gte=weeks[0][0], starts_at__date__lte=weeks[-1][-1])
    by_day: dict = {}
    for meeting in meetings:
        by_day.setdefault(timezone.localtime(meeting.starts_at).date(), []).append(meeting)
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return render(
        request,
        "decisions/meeting_calendar.html",
        {
            "month": first,
            "weeks": [[(day, by_day.get(day, []), day.month == first.month) for day in week] for week in weeks],
            "previous": previous,
            "following": following,
            "today": today,
        },
    )
