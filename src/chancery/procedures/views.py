"""Pages of the procedure engine: the handlers' inbox, case pages, workload and statistics
(/app/zaken/), and the applicants' counter (/loket/). Thin: the rules live in services, who sees
a case in `Case.objects.visible_to`. What a user may not see answers 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import F
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chancery.core import services as core_services
from chancery.core.authz import may, require
from chancery.core.once import once
from chancery.core.views_kit import call_service, page_number
from chancery.procedures import masking, registry
from chancery.procedures.forms import (
    AnswerForm,
    ApplicantMessageForm,
    CaseDocumentForm,
    NoteForm,
    RepresentationForm,
    RevocationForm,
    TransitionForm,
)
from chancery.procedures.models import Case, Representation
from chancery.procedures.permissions import who_takes
from chancery.procedures.services import cases as engine
from chancery.procedures.services import clocks, drafts, parties, queries, work

COUNTER_PAGE = 50
INBOX_PAGE = 50


def _internal(request) -> None:
    require(request.user, "procedures.handle_cases", message=_("Case handling is for the administration."))


def _visible_case(request, reference: str) -> Case:
    case = (
        Case.objects.visible_to(request.user)
        .select_related("applicant", "team", "applicant_user")
        .filter(reference=reference)
        .first()
    )
    if case is None or registry.find(case.procedure) is None:
        raise Http404(_("No such case."))
    return case


def _own_case(request, reference: str) -> Case:
    """The applicant's counter shows only the files they filed themselves."""
    case = Case.objects.filter(reference=reference, applicant_user=request.user).select_related("applicant").first()
    if case is None or registry.find(case.procedure) is None:
        raise Http404(_("No such case."))
    return case


def _data_rows(case: Case) -> list[tuple[str, object]]:
    """The procedure's data with the labels its form gives them, in the form's order; a choice
    shows its label, not its code (a value set by a step, not a field, is worded by the form's
    `DATA_VALUES`)."""
    form_class = case.definition.form_class()
    labels = getattr(form_class, "DATA_LABELS", None) if form_class else None
    if not labels:
        return list(case.data.items())
    fields = form_class.base_fields
    values = getattr(form_class, "DATA_VALUES", {})
    rows = []
    for key in labels:
        if key not in case.data:
            continue
        value = case.data[key]
        choices = dict(getattr(fields.get(key), "choices", None) or values.get(key, {}))
        if isinstance(value, list):  # a multiple choice: each value by its label
            rows.append((labels[key], ", ".join(str(choices.get(v, v)) for v in value)))
        else:
            rows.append((labels[key], choices.get(value, value)))
    return rows


def _history(case: Case):
    """Each step with the label of its transition and its target state."""
    procedure = case.definition
    rows = []
    for step in case.history.select_related("actor").order_by("at", "pk"):
        transition = procedure.transition(step.name, step.source)
        rows.append((step, transition.label if transition else step.name, procedure.state(step.target)))
    return rows


def _download(request, case: Case, pk: int, *, internal_allowed: bool):
    link = case.documents.select_related("document").filter(pk=pk).first()
    if link is None or (link.internal and not internal_allowed):
        raise Http404(_("No such document."))
    version = link.document.latest_version
    if version is None:
        raise Http404(_("No such document."))
    core_services.record_download(request.user, version)
    response = FileResponse(
        version.file.open("rb"), as_attachment=True, filename=version.original_filename, content_type=version.mime_type
    )
    response["Cache-Control"] = "private, no-store"
    return response


# --- handlers ---------------------------------------------------------------------------------


@login_required
def inbox(request):
    _internal(request)
    tab = request.GET.get("tab", "mine")
    if tab not in queries.INBOX_TABS:
        tab = "mine"
    procedure = request.GET.get("procedure", "")
    today = timezone.localdate()
    # A page of the nearest deadlines; one row more than shown says whether a next page exists.
    try:
        number = max(1, int(page_number(request) or 1))
    except ValueError:
        number = 1
    start = (number - 1) * INBOX_PAGE
    cases = list(
        queries.inbox(request.user, tab, procedure if registry.find(procedure) else "")[start : start + INBOX_PAGE + 1]
    )
    has_next, cases = len(cases) > INBOX_PAGE, cases[:INBOX_PAGE]
    counts = queries.inbox_counts(request.user, today)
    # A term in hours (a 48-hour emergency decision) is shown in hours, not as a day.
    in_hours = clocks.hour_deadlines(cases)
    for case in cases:
        case.hour_clock = in_hours.get(case.pk)
    return render(
        request,
        "procedures/inbox.html",
        {
            "tab": tab,
            "tabs": [
                ("mine", _("Assigned to me")),
                ("team", _("My team")),
                ("unassigned", _("Unassigned")),
            ],
            "counts": {tab: counts[tab] for tab in queries.INBOX_TABS},
            "cases": cases,
            "page_number": number,
            "has_next": has_next,
            "today": today,
            "overdue_count": counts["overdue"],
            "procedures": registry.all_procedures(),
            "procedure": procedure,
            "nav_current": "procedures:inbox",
        },
    )


@login_required
def workload(request):
    _internal(request)
    return render(
        request,
        "procedures/workload.html",
        {"loads": queries.workload(request.user), "nav_current": "procedures:inbox"},
    )


@login_required
def statistics(request):
    _internal(request)
    procedure = request.GET.get("procedure", "")
    procedure = procedure if registry.find(procedure) else ""
    return render(
        request,
        "procedures/statistics.html",
        {
            "months": queries.statistics(request.user, procedure),
            "procedures": registry.all_procedures(),
            "procedure": procedure,
            "nav_current": "procedures:inbox",
        },
    )


def _waiting(case: Case, history, transitions) -> dict | None:
    """When this user can take no step: what the case waits for, since when (the step that brought
    it into its state, with the question asked), and who takes the steps that remain."""
    if transitions or case.state_info.closed:
        return None
    entered = history[-1][0] if history else None
    others = case.definition.transitions_from(case.state)
    return {
        "since": entered.at if entered else case.created_at,
        "asked": entered.reason if entered and entered.reason_to_applicant else "",
        "for_applicant": case.state_info.waiting_for_applicant,
        "steps": [(t.label, who_takes(t)) for t in others],
    }


def _case_context(request, case: Case, **extra) -> dict:
    today = timezone.localdate()
    procedure = case.definition
    transitions = engine.available_transitions(request.user, case)
    history = _history(case)
    return {
        "case": case,
        "procedure": procedure,
        "state": procedure.state(case.state),
        "data_rows": _data_rows(case),
        "history": history,
        "waiting": _waiting(case, history, transitions),
        "notes": work.notes_for(request.user, case),
        "documents": work.documents_for(request.user, case),
        "clocks": clocks.statuses(case, today, timezone.now()),
        "transitions": [(t, engine.why_not(request.user, case, t)) for t in transitions],
        "handlers": list(case.handlers.all()),
        "is_handler": case.handlers.filter(pk=request.user.pk).exists(),
        "today": today,
        "note_form": extra.pop("note_form", None) or NoteForm(),
        "document_form": extra.pop("document_form", None) or CaseDocumentForm(procedure=procedure),
        "nav_current": "procedures:inbox",
        **extra,
    }


@login_required
def case_detail(request, reference):
    _internal(request)
    case = _visible_case(request, reference)
    return render(request, "procedures/case.html", _case_context(request, case))


@login_required
@require_POST
def case_fire(request, reference):
    case = _visible_case(request, reference)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The form was incomplete; nothing was changed."))
        return redirect(case.get_absolute_url() if may(request.user, "procedures.handle_cases") else _counter_url(case))
    try:
        engine.fire(
            case,
            form.cleaned_data["transition"],
            request.user,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        messages.error(request, _("Nothing was changed."))
    else:
        messages.success(request, _("Done: the case is now “%(state)s”.") % {"state": case.state_info.label})
    return redirect(case.get_absolute_url() if may(request.user, "procedures.handle_cases") else _counter_url(case))


@login_required
@require_POST
def case_take(request, reference):
    _internal(request)
    case = _visible_case(request, reference)
    return call_service(
        request, lambda: work.take(request.user, case), success=_("You now handle this case."), back=case
    )


@login_required
@require_POST
@once
def case_note(request, reference):
    _internal(request)
    case = _visible_case(request, reference)
    form = NoteForm(request.POST)
    done = call_service(
        request,
        lambda: work.add_note(request.user, case, form.cleaned_data["text"], internal=form.cleaned_data["internal"]),
        form=form,
        field="text",
        success=_("Note saved."),
        then=case,
    )
    if done:
        return done
    return render(request, "procedures/case.html", _case_context(request, case, note_form=form), status=400)


@login_required
@require_POST
@once
def case_document(request, reference):
    _internal(request)
    case = _visible_case(request, reference)
    form = CaseDocumentForm(request.POST, request.FILES, procedure=case.definition)

    def add():
        data = form.cleaned_data
        return work.add_document(
            request.user, case, upload=data["file"], kind=data["kind"], title=data["title"],
            internal=data.get("internal", False),
        )  # fmt: skip

    done = call_service(request, add, form=form, field="file", success=_("Document added."), then=case)
    if done:
        return done
    return render(request, "procedures/case.html", _case_context(request, case, document_form=form), status=400)


@login_required
def case_download(request, reference, pk):
    _internal(request)
    case = _visible_case(request, reference)
    return _download(request, case, pk, internal_allowed=True)


# --- who may act for an organisation -----------------------------------------------------------


@login_required
def representations(request):
    """The service registers and ends who may act for an organisation at the counter."""
    require(request.user, "procedures.manage_representations")
    form = RepresentationForm(request.POST or None, request.FILES or None)

    def grant():
        data = form.cleaned_data
        return parties.grant(
            request.user, user=data["username"], party=form.party(), basis=data["basis"],
            valid_from=data["valid_from"], valid_until=data["valid_until"], extract=data.get("extract"),
            reason=data["reason"],
        )  # fmt: skip

    done = call_service(
        request,
        grant,
        form=form,
        success=lambda r: (
            _("%(user)s now represents %(party)s.") % {"user": r.user.display_name, "party": r.party.name}
        ),
        then="procedures:representations",
    )
    if done:
        return done
    rows = (
        Representation.objects.visible_to(request.user)
        .select_related("user", "party", "granted_by", "revoked_by", "extract")
        .order_by(F("revoked_at").asc(nulls_first=True), "party__name", "pk")  # those in force first
    )
    return render(
        request,
        "procedures/representations.html",
        {
            "rows": rows,
            "form": form,
            "revocation_form": RevocationForm(),
            "today": timezone.localdate(),
            "nav_current": "procedures:inbox",
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def representation_revoke(request, pk):
    require(request.user, "procedures.manage_representations")
    representation = Representation.objects.visible_to(request.user).filter(pk=pk).first()
    if representation is None:
        raise Http404(_("No such representation."))
    form = RevocationForm(request.POST)
    return call_service(
        request,
        lambda: parties.revoke(request.user, representation, reason=form.cleaned_data["reason"]),
        form=form,
        success=_("The representation was revoked."),
        back="procedures:representations",
    )


# --- the applicant's counter ------------------------------------------------------------------


def _counter_url(case: Case) -> str:
    return reverse("counter:case", args=[case.reference])


@login_required
def counter_index(request):
    require(request.user, "procedures.apply")
    # A company's representative may have filed hundreds of files: a page at a time, newest first.
    page = Paginator(queries.filed_by(request.user), COUNTER_PAGE).get_page(page_number(request))
    rows = [(case, masking.shown_state(case.definition, case.state, internal=False)) for case in page.object_list]
    procedures = [p for p in registry.all_procedures() if p.application_form]
    names = {p.code: p.name for p in procedures}
    return render(
        request,
        "procedures/counter_index.html",
        {
            "rows": rows,
            "page": page,
            "drafts": [(draft, names.get(draft.procedure)) for draft in drafts.drafts_of(request.user)],
            "procedures": procedures,
            "represented": parties.represented_by(request.user),
            "nav_current": "counter:index",
        },
    )


@login_required
@once
def counter_apply(request, procedure):
    definition = registry.find(procedure)
    if definition is None or definition.form_class() is None:
        raise Http404(_("No such procedure."))
    return _application_page(request, definition, None)


@login_required
@once
def counter_draft(request, pk):
    """A saved draft, resumed: the form as it was saved, to complete, save again or submit."""
    draft = drafts.find(request.user, pk)
    definition = registry.find(draft.procedure) if draft else None
    if definition is None or definition.form_class() is None:
        raise Http404(_("No such draft."))
    return _application_page(request, definition, draft)


def _application_page(request, definition, draft):
    form_class = definition.form_class()
    if request.method != "POST":
        if draft is None:
            form = form_class(user=request.user)
        else:
            form = form_class(drafts.form_data(draft), user=request.user)
            form.show_as_saved()
        return _application_form(request, definition, form, draft)
    form = form_class(request.POST, request.FILES, user=request.user)
    if request.POST.get("action") == "draft":
        return _save_draft(request, definition, form, draft)
    done = call_service(
        request,
        lambda: work.apply(
            request.user,
            definition,
            party=form.party(),
            title=form.case_title(),
            data=form.case_data(),
            documents=form.case_documents(),
            draft=draft,
        ),
        form=form,
        success=lambda case: (
            _("Your application was submitted with reference %(reference)s.") % {"reference": case.reference}
        ),
        then=_counter_url,
    )
    if done:
        return done
    # Shown again with its errors: the files that passed their inspection stay attached.
    form.keep_files()
    return _application_form(request, definition, form, draft, status=400)


def _save_draft(request, definition, form, draft):
    """ "Opslaan als ontwerp": the form as it stands, without its checks; only the files are
    inspected (a refused file is not kept, and the applicant is told)."""
    form.is_valid()
    form.keep_files()
    try:
        saved = drafts.save_draft(
            request.user, definition, fields=form.draft_fields(), title=form.data.get("title", ""), draft=draft
        )
    except ValidationError as exc:
        form.add_error(None, exc)
        return _application_form(request, definition, form, draft, status=400)
    for refusal in form.rejected_files():
        messages.warning(request, _("Not kept with the draft: %(refusal)s") % {"refusal": refusal})
    messages.success(request, _("Your draft was saved. You find it under “Drafts” to complete and submit it later."))
    return redirect(reverse("counter:index") + f"#draft-{saved.pk}")


def _application_form(request, definition, form, draft, status=200):
    return render(
        request,
        "procedures/counter_apply.html",
        {"form": form, "procedure": definition, "draft": draft, "nav_current": "counter:index"},
        status=status,
    )


@login_required
@require_POST
def counter_draft_delete(request, pk):
    draft = drafts.find(request.user, pk)
    if draft is None:
        raise Http404(_("No such draft."))
    return call_service(
        request,
        lambda: drafts.delete_draft(request.user, draft),
        success=_("The draft was deleted."),
        back=reverse("counter:index"),
    )


def _counter_context(request, case: Case, **extra) -> dict:
    procedure = case.definition
    state = masking.shown_state(procedure, case.state, internal=False)
    return {
        "case": case,
        "procedure": procedure,
        "state": state,
        "data_rows": _data_rows(case),
        "history": masking.shown_history(procedure, case.history.order_by("at", "pk"), internal=False),
        "notes": work.notes_for(request.user, case),
        "documents": work.documents_for(request.user, case),
        "may_answer": state.waiting_for_applicant and bool(procedure.answer_transition),
        "answer_form": extra.pop("answer_form", None)
        or AnswerForm(procedure=procedure, initial={"version": case.version}),
        "message_form": extra.pop("message_form", None) or ApplicantMessageForm(),
        "transitions": [
            t for t in engine.available_transitions(request.user, case) if t.name != procedure.answer_transition
        ],
        "nav_current": "counter:index",
        **extra,
    }


@login_required
def counter_case(request, reference):
    case = _own_case(request, reference)
    return render(request, "procedures/counter_case.html", _counter_context(request, case))


@login_required
@require_POST
@once
def counter_answer(request, reference):
    case = _own_case(request, reference)
    if not case.state_info.waiting_for_applicant:
        # Sent twice (a double click, a reload): the first answer was received and the case moved
        # on; say so instead of a page refusing a form that is no longer shown.
        answered = case.history.filter(name=case.definition.answer_transition).order_by("-at", "-pk").first()
        messages.info(
            request,
            _("Your answer was already received on %(when)s; nothing more was sent.")
            % {"when": formats.date_format(timezone.localtime(answered.at), "j F Y H:i")}
            if answered
            else _("No answer is asked of you on this case now; nothing was sent."),
        )
        return redirect(_counter_url(case))
    form = AnswerForm(request.POST, request.FILES, procedure=case.definition)

    def answer():
        data = form.cleaned_data
        return work.answer_request(
            request.user, case, message=data["message"], upload=data.get("file"), kind=data.get("kind", ""),
            expected_version=data["version"],
        )  # fmt: skip

    done = call_service(
        request, answer, form=form, field="message", success=_("Your answer was sent."), then=_counter_url(case)
    )
    if done:
        return done
    return render(
        request, "procedures/counter_case.html", _counter_context(request, case, answer_form=form), status=400
    )


@login_required
@require_POST
@once
def counter_message(request, reference):
    case = _own_case(request, reference)
    form = ApplicantMessageForm(request.POST)
    done = call_service(
        request,
        lambda: work.add_note(request.user, case, form.cleaned_data["message"], internal=False),
        form=form,
        field="message",
        success=_("Your message was sent."),
        then=_counter_url(case),
    )
    if done:
        return done
    return render(
        request, "procedures/counter_case.html", _counter_context(request, case, message_form=form), status=400
    )


@login_required
def counter_download(request, reference, pk):
    case = _own_case(request, reference)
    return _download(request, case, pk, internal_allowed=False)
