"""The meeting page, in the three stages of a meeting, each at its own address with the forms of
that stage only: preparation (the agenda versions, documents, formal check, order, approval),
the meeting (decisions, press summaries, attendance, minutes, closing) and after the meeting (the
release panel, the Official Gazette, corrections). The meeting's own address opens the stage its
state is in. The forms post to their own views (agendas, outcomes, documents, publications,
releases), which come back to the stage they belong to."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from chancery.core.authz import may
from chancery.core.models import Document, DocumentKind
from chancery.decisions import services
from chancery.decisions.forms import ItemForm
from chancery.decisions.models import (
    Decision,
    DecisionResult,
    FormalCheck,
    ItemDocument,
    Meeting,
    MeetingState,
    Minutes,
    RegulationType,
)
from chancery.decisions.views.common import STAGES, agenda_of, default_stage, internal, visible_items


def _stage_context(request, meeting: Meeting, stage: str) -> dict:
    return {
        "meeting": meeting,
        "stage": stage,
        "stages": [(key, label, url_name, key == stage) for key, label, url_name in STAGES],
        "current_stage": default_stage(meeting),
        "manager": may(request.user, "decisions.manage_agendas"),
    }


def _meeting(request, uuid) -> Meeting:
    internal(request)
    return get_object_or_404(Meeting, uuid=uuid)


@login_required
def meeting_detail(request, uuid):
    """The meeting's address: the stage its state is in."""
    meeting = _meeting(request, uuid)
    return STAGE_VIEWS[default_stage(meeting)](request, meeting)


@login_required
def meeting_preparation(request, uuid, letter=None):
    return _preparation(request, _meeting(request, uuid), letter)


@login_required
def meeting_session(request, uuid):
    return _session(request, _meeting(request, uuid))


@login_required
def meeting_after(request, uuid):
    return _after(request, _meeting(request, uuid))


def preparation_context(request, meeting: Meeting, letter: str | None, item_form=None) -> dict:
    agenda = agenda_of(meeting, letter)
    context = _stage_context(request, meeting, "preparation")
    can_edit = context["manager"] and agenda.is_draft and meeting.state == MeetingState.PLANNED
    documents = Document.objects.visible_to(request.user)
    items = list(
        visible_items(agenda, request.user)
        .prefetch_related(
            Prefetch(
                "item_documents",
                queryset=ItemDocument.objects.filter(document__in=documents).select_related("document"),
                to_attr="visible_documents",
            ),
        )
        .select_related("agenda__meeting", "postponed_from__agenda__meeting")
    )
    return {
        **context,
        "agenda": agenda,
        "agendas": meeting.agendas.all(),
        "items": items,
        "can_edit": can_edit,
        # Said before "all formally in order" is pressed: the sweep leaves these as they are.
        "not_in_order": [item for item in items if item.formal_check == FormalCheck.NOT_OK],
        "item_form": item_form or (ItemForm(initial={"revision": agenda.revision}) if can_edit else None),
        "attachable": services.attachable_items(request.user, items),
        "can_submit": may(request.user, "decisions.submit") and meeting.state == MeetingState.PLANNED,
        "document_kinds": DocumentKind.choices,
    }


def _preparation(request, meeting: Meeting, letter: str | None = None):
    return render(request, "decisions/meeting/preparation.html", preparation_context(request, meeting, letter))


def _decided_items(request, meeting: Meeting):
    """The items of the final agenda the reader may see, with their decisions (None: no final agenda)."""
    agenda = services.final_agenda(meeting)
    if agenda is None:
        return None, []
    items = list(
        visible_items(agenda, request.user)
        .prefetch_related(Prefetch("decisions", queryset=Decision.objects.select_related("document")))
        .select_related("press_summary", "agenda__meeting")
    )
    return agenda, items


def _minutes(request, meeting: Meeting):
    return Minutes.objects.visible_to(request.user).filter(meeting=meeting).select_related("document").first()


def _minutes_revision(meeting: Meeting, minutes: Minutes | None, form_shown: bool) -> int | None:
    """The revision the minutes form carries (services.attach_minutes): from the minutes already
    read when the reader sees them, else asked (minutes the reader may not see still count)."""
    if not form_shown:
        return None
    return minutes.document.version_count if minutes else services.minutes_revision(meeting)


def _session(request, meeting: Meeting):
    context = _stage_context(request, meeting, "meeting")
    manager = context["manager"]
    agenda, items = _decided_items(request, meeting)
    running = meeting.state == MeetingState.AGENDA_APPROVED
    minutes = _minutes(request, meeting)
    return render(
        request,
        "decisions/meeting/session.html",
        {
            **context,
            "agenda": agenda,
            "items": items,
            # Decisions are recorded while the meeting runs; once closed, corrections are made after it.
            "can_decide": manager and agenda is not None and running,
            "can_close": manager and running,
            "minutes": minutes,
            "can_store_minutes": manager and running,
            "minutes_revision": _minutes_revision(meeting, minutes, manager and running),
            "attendance": services.attendance(meeting),
            "can_record_attendance": manager and meeting.state != MeetingState.CLOSED,
            "decision_results": DecisionResult.choices,
        },
    )


def _after(request, meeting: Meeting):
    context = _stage_context(request, meeting, "after")
    manager = context["manager"]
    agenda, items = _decided_items(request, meeting)
    closed = meeting.state == MeetingState.CLOSED
    can_release = manager and agenda is not None and may(request.user, "decisions.release")
    outlines = services.release_outline(meeting) if can_release else []
    minutes = _minutes(request, meeting)
    return render(
        request,
        "decisions/meeting/after.html",
        {
            **context,
            "agenda": agenda,
            "items": items,
            "can_correct": manager and agenda is not None,
            "can_publish": manager and agenda is not None,
            "closed": closed,
            "minutes": minutes,
            "can_correct_minutes": manager and closed,
            "minutes_revision": _minutes_revision(meeting, minutes, manager and closed),
            "attendance": services.attendance(meeting),
            "can_correct_attendance": manager and closed,
            "can_release": can_release,
            "outlines": outlines,
            "release_pending": any(not outline.released for outline in outlines),
            "decision_results": DecisionResult.choices,
            "regulation_types": RegulationType.choices,
        },
    )


STAGE_VIEWS = {
    "preparation": _preparation,
    "meeting": _session,
    "after": _after,
}
