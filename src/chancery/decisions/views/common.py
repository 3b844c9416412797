"""What the back-office screens of decision-making share: who may open them, the agenda version
asked for, the item or meeting being edited and the way back to its agenda. The form → service → message
pattern itself is `core.views_kit.call_service`."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chancery.core.authz import require
from chancery.decisions.models import Agenda, AgendaItem, Meeting, MeetingState


def internal(request) -> None:
    require(request.user, "decisions.read_back_office")


def require_manager(request) -> None:
    """The back-office acts of decision-making are the secretariat's."""
    require(request.user, "decisions.manage_agendas")


def agenda_of(meeting: Meeting, letter: str | None) -> Agenda:
    agendas = meeting.agendas.all()
    agenda = agendas.filter(letter=letter).first() if letter else agendas.order_by("-sequence").first()
    if agenda is None:
        raise Http404(_("This agenda version does not exist."))
    return agenda


def visible_items(agenda: Agenda, user):
    return (
        agenda.current_items()
        .filter(pk__in=AgendaItem.objects.visible_to(user).values("pk"))
        .prefetch_related("mandatees__person")
    )


def editing(request, uuid, letter):
    require_manager(request)
    meeting = get_object_or_404(Meeting, uuid=uuid)
    return meeting, agenda_of(meeting, letter)


def item_for_edit(request, pk) -> AgendaItem:
    require_manager(request)
    return get_object_or_404(AgendaItem.objects.select_related("agenda__meeting"), pk=pk)


def meeting_for_edit(request, uuid) -> Meeting:
    require_manager(request)
    return get_object_or_404(Meeting, uuid=uuid)


def agenda_url(agenda: Agenda) -> str:
    """Where the user returns after acting on an agenda version or one of its items."""
    return reverse("decisions:agenda_detail", kwargs={"uuid": agenda.meeting.uuid, "letter": agenda.letter})


# The meeting page in the stages of a meeting, each with its own address (to link to, and so that
# the browser's back button goes back a stage) and the forms of that stage only:
# (key, tab label, URL name).
STAGES = (
    ("preparation", gettext_lazy("Preparation"), "decisions:meeting_preparation"),
    ("meeting", gettext_lazy("The meeting"), "decisions:meeting_session"),
    ("after", gettext_lazy("After the meeting"), "decisions:meeting_after"),
)
STAGE_OF_STATE = {
    MeetingState.PLANNED: "preparation",
    MeetingState.AGENDA_APPROVED: "meeting",
    MeetingState.CLOSED: "after",
}


def default_stage(meeting: Meeting) -> str:
    """The stage the meeting is in: the one its page opens on."""
    return STAGE_OF_STATE[meeting.state]


def stage_url(meeting: Meeting, stage: str, anchor: str = "") -> str:
    name = next(url_name for key, _label, url_name in STAGES if key == stage)
    return reverse(name, kwargs={"uuid": meeting.uuid}) + (f"#{anchor}" if anchor else "")


def decisions_url(item: AgendaItem, anchor: str = "") -> str:
    """Where the user returns after acting on an item's decision, press summary or publication:
    the meeting stage while the meeting runs, the stage after it (corrections) once it is closed."""
    meeting = item.agenda.meeting
    return stage_url(meeting, "after" if meeting.state == MeetingState.CLOSED else "meeting", anchor)
