"""What decision-making lets whom do (core.authz). The back-office acts on meetings, agendas,
decisions, releases and publications are the secretariat's (Kaleidos); ministers and their cabinets
submit proposals, prepare dossiers and add documents to their own items while the agenda is open."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from chancery.core.authz import declare
from chancery.core.models import Mandatee
from chancery.core.permissions import (
    COUNCIL,
    SECRETARIAT,
    has_role,
    in_administration,
    in_council,
    in_secretariat,
    only,
)
from chancery.decisions.models import AgendaItem, MeetingState

SECRETARIAT_ONLY = _("Only the secretariat manages meetings and agendas.")


def is_open_for_documents(item: AgendaItem) -> bool:
    """Documents on an item change freely until its agenda is approved."""
    return item.agenda.is_draft and item.agenda.meeting.state == MeetingState.PLANNED


def meeting_closed(item: AgendaItem) -> bool:
    """A closed meeting is read-only: its items take no new documents (corrections go elsewhere)."""
    return item.agenda.meeting.state == MeetingState.CLOSED


def _attach_document(user, item) -> bool:
    """Documents on an item: the secretariat until the meeting closes; the submitting ministers and
    their cabinets while the agenda is an open draft."""
    if item is None or meeting_closed(item):
        return False
    if in_secretariat(user):
        return True
    if not in_council(user) or not is_open_for_documents(item):
        return False
    mine = Mandatee.objects.represented_by(user).values_list("pk", flat=True)
    return item.mandatees.filter(pk__in=mine).exists()


def submits_for_own_minister(user) -> bool:
    """A minister or cabinet submits only with their own minister among the submitters."""
    return in_council(user)


declare("decisions.read_back_office", in_administration, _("Meetings are for the administration."))
for verb in (
    "manage_agendas",  # meetings, items, formal checks, order
    "approve_agenda",
    "record_decision",  # decisions, corrections, press summaries
    "keep_minutes",  # minutes and attendance
    "close_meeting",
    "handle_submissions",  # send back, accept onto the draft
    "release",
):
    declare(f"decisions.{verb}", in_secretariat, SECRETARIAT_ONLY)
declare("decisions.handle_publications", in_secretariat, _("Publications are handled by the secretariat."))
declare("decisions.submit", only(COUNCIL | SECRETARIAT), _("Only ministers and their cabinets submit proposals."))
declare(
    "decisions.prepare_dossiers",
    lambda user, obj=None: has_role(user, SECRETARIAT | COUNCIL),
    _("Only the secretariat, ministers and their cabinets prepare dossiers."),
)
declare("decisions.attach_document", _attach_document, _("You may not add documents to this item."))
