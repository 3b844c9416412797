"""What the back-office screens of decision-making share: who may open them, the agenda version
asked for, the item or meeting being edited and the way back to its agenda."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from chancery.core.authz import require
from chancery.decisions.models import Agenda, AgendaItem, Meeting


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


def back_to(item: AgendaItem):
    return redirect("decisions:agenda_detail", uuid=item.agenda.meeting.uuid, letter=item.agenda.letter)


def refusal(request, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


def perform(request, action, success=None) -> None:
    """One service call for a POST: its refusal, or `success` (a text, or a function of the result),
    becomes the message on the page the user returns to."""
    try:
        result = action()
    except ValidationError as exc:
        refusal(request, exc)
        return
    if success:
        messages.success(request, success(result) if callable(success) else success)
