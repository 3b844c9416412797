"""Decisions on the items of a final agenda, their corrections, the press summary, closing."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from chancery.core import audit, events
from chancery.core import services as core_services
from chancery.core.authz import require
from chancery.core.models import AuditAction, Document
from chancery.decisions.events import DECISION_CORRECTED, DECISION_RECORDED, MEETING_CLOSED
from chancery.decisions.models import (
    Agenda,
    AgendaItem,
    Decision,
    DecisionResult,
    Meeting,
    MeetingState,
    Minutes,
    PressSummary,
    Release,
)
from chancery.decisions.services.agendas import MOVABLE_RESULTS, put_on_later_meeting
from chancery.decisions.services.documents import next_number
from chancery.decisions.signals import decision_corrected

DECISION_AUDIT_FIELDS = ("version", "result", "text", "motivation", "document", "reason")

# What other apps require before a decision is recorded or corrected (regulation: a draft decree's
# final approval needs its ex-ante burden calculation), filled in their AppConfig.ready(), so that
# decision-making imports none of them. A check is called with the item and the result and raises
# a ValidationError to refuse; nothing is stored then.
_decision_checks: list[Callable[[AgendaItem, str], None]] = []


def register_decision_check(check: Callable[[AgendaItem, str], None]) -> None:
    if check not in _decision_checks:
        _decision_checks.append(check)


def _check_decision(item: AgendaItem, result: str) -> None:
    for check in _decision_checks:
        check(item, result)


def final_agenda(meeting: Meeting) -> Agenda | None:
    return meeting.agendas.filter(is_final=True).first()


def final_items(meeting: Meeting):
    agenda = final_agenda(meeting)
    return agenda.current_items() if agenda else AgendaItem.objects.none()


class StaleDecision(ValidationError):
    """The decision was recorded or corrected since the editor loaded it."""

    def __init__(self):
        super().__init__(
            _("Someone else changed this decision in the meantime. Reload it and make your change again."),
            code="conflict",
        )


class StalePressSummary(ValidationError):
    """The press summary changed since the editor loaded it."""

    def __init__(self):
        super().__init__(
            _("Someone else changed this press summary in the meantime. Reload it and make your change again."),
            code="conflict",
        )


class StaleMinutes(ValidationError):
    """A version of the minutes was stored since the editor loaded the meeting."""

    def __init__(self):
        super().__init__(
            _("Someone else stored a version of the minutes in the meantime. Reload them and store yours again."),
            code="conflict",
        )


def _on_final_agenda(item: AgendaItem) -> AgendaItem:
    item = AgendaItem.objects.select_related("agenda__meeting").get(pk=item.pk)
    if not item.agenda.is_final or item.carried_over:
        raise ValidationError(_("Decisions are recorded on the items of the final agenda."), code="not_final")
    return item


@transaction.atomic
def record_decision(
    actor,
    item: AgendaItem,
    *,
    result: str,
    text: str = "",
    motivation: str = "",
    document=None,
    upload=None,
    postpone_to: Meeting | None = None,
) -> Decision:
    """The Government's decision on an item. A postponed or withdrawn item can go at once onto the
    draft agenda of a later meeting; it keeps its history through `postponed_from` and its
    procedure step (later: `move_to_meeting`)."""
    require(actor, "decisions.record_decision")
    item = _on_final_agenda(item)
    meeting = Meeting.objects.select_for_update().get(pk=item.agenda.meeting_id)
    if meeting.state == MeetingState.CLOSED:
        raise ValidationError(_("The meeting is closed: record a correction with a reason instead."), code="closed")
    not_yet_held(meeting, _("Decisions are recorded from the day of the meeting, %(date)s."))
    if item.decisions.exists():
        raise ValidationError(
            _("A decision on this item is already recorded: record a correction with a reason."), code="exists"
        )
    DecisionResult(result)  # an unknown result is a programming error, not user input
    _check_decision(item, result)
    reference = ""
    if upload is not None:
        document, reference = _decision_document(actor, item, upload)
    decision = Decision.objects.create(
        item=item,
        result=result,
        text=text.strip(),
        motivation=motivation.strip(),
        document=document,
        reference=reference,
        decided_by=actor,
    )
    audit.record(actor, AuditAction.CREATE, decision, after=audit.snapshot(decision, DECISION_AUDIT_FIELDS))
    events.emit(
        DECISION_RECORDED.code,
        decision,
        {"decision": events.api_link("api:decision-detail", decision.pk), "result": decision.result},
    )
    if result in MOVABLE_RESULTS and postpone_to is not None:
        put_on_later_meeting(actor, item, postpone_to, result)
    return decision


def meeting_day(meeting: Meeting):
    """The meeting's date where it is held (the project's time zone, Europe/Brussels)."""
    return timezone.localtime(meeting.starts_at).date()


def not_yet_held(meeting: Meeting, message: str) -> None:
    """Refuse what can only follow a meeting while its day has not come (issue 14: decisions of a
    meeting of 18 December were recorded on the 7th). `message` names the date."""
    if timezone.localdate() < meeting_day(meeting):
        raise ValidationError(
            message % {"date": formats.date_format(meeting_day(meeting), "j F Y")}, code="before_meeting"
        )


def _decision_document(actor, item: AgendaItem, upload):
    """The decision document: stored with the item's level, numbered VR YYYY DDMM DEC.nnnn."""
    day = timezone.localtime(item.agenda.meeting.starts_at)
    reference = f"VR {day:%Y} {day:%d%m} DEC.{next_number(day.year, 'DEC'):04d}"
    document = core_services.create_document(
        actor,
        title=_("Decision %(reference)s: %(title)s") % {"reference": reference, "title": item.short_title},
        kind="decision",
        upload=upload,
        access_level=item.access_level,
        concerned_mandatees=item.mandatees.all(),
    )
    return document, reference


@transaction.atomic
def correct_decision(
    actor,
    item: AgendaItem,
    *,
    result: str,
    text: str,
    reason: str,
    motivation: str | None = None,
    document=None,
    expected_revision: int | None = None,
) -> Decision:
    """A new version of the decision, with its reason; also on a closed meeting (the audited way
    to change what a closed meeting holds). `expected_revision` is the version of the decision the
    editor saw (0: none yet; the form always sends it, None only for a module acting on its own): a
    stale one is refused, so a correction never silently replaces one the editor did not see."""
    require(actor, "decisions.record_decision")
    item = _on_final_agenda(item)
    Meeting.objects.select_for_update().get(pk=item.agenda.meeting_id)
    current = item.decisions.order_by("-version").first()
    # Before the reason: a form opened before the first decision was recorded lacks the reason field.
    if expected_revision is not None and (current.version if current else 0) != expected_revision:
        raise StaleDecision()
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason for the correction.")}, code="reason")
    if current is None:
        raise ValidationError(_("There is no decision to correct yet."), code="no_decision")
    DecisionResult(result)
    _check_decision(item, result)
    corrected = Decision.objects.create(
        item=item,
        version=current.version + 1,
        result=result,
        text=text.strip(),
        # Left out, the motivation stays as it was: a correction of the result does not erase it.
        motivation=current.motivation if motivation is None else motivation.strip(),
        document=document if document is not None else current.document,
        reference=current.reference,
        reason=reason.strip(),
        decided_by=actor,
    )
    audit.record(
        actor,
        AuditAction.UPDATE,
        corrected,
        before=audit.snapshot(current, DECISION_AUDIT_FIELDS),
        after=audit.snapshot(corrected, DECISION_AUDIT_FIELDS),
        reason=reason.strip(),
    )
    decision_corrected.send(sender=Decision, decision=corrected)
    events.emit(
        DECISION_CORRECTED.code,
        corrected,
        {"decision": events.api_link("api:decision-detail", corrected.pk), "version": corrected.version},
    )
    return corrected


@transaction.atomic
def close_meeting(actor, meeting: Meeting) -> Meeting:
    """Close a meeting whose final agenda has a decision on every item; it is read-only after."""
    require(actor, "decisions.close_meeting")
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.state != MeetingState.AGENDA_APPROVED:
        raise ValidationError(_("Only a meeting with a final agenda can be closed."), code="state")
    not_yet_held(meeting, _("A meeting is closed once it has taken place, from %(date)s."))
    undecided = final_items(meeting).filter(decisions__isnull=True).count()
    if undecided:
        raise ValidationError(
            _("%(count)d items have no decision yet; the meeting cannot be closed.") % {"count": undecided},
            code="undecided",
        )
    meeting.state = MeetingState.CLOSED
    meeting.save(update_fields=["state"])
    audit.record(
        actor, AuditAction.STATE_CHANGE, meeting, before={"state": "agenda_approved"}, after={"state": "closed"}
    )
    events.emit(MEETING_CLOSED.code, meeting, {"meeting": events.api_link("api:meeting-detail", meeting.pk)})
    return meeting


@transaction.atomic
def set_press_summary(actor, item: AgendaItem, text: str, *, expected_revision: int | None = None) -> PressSummary:
    """Write or rewrite an item's press summary. `expected_revision` is the revision the editor saw
    (0: none written yet; the form always sends it): a stale one is refused, so one secretary's
    text never silently replaces another's."""
    require(actor, "decisions.record_decision")
    item = _on_final_agenda(item)
    Meeting.objects.select_for_update().get(pk=item.agenda.meeting_id)
    summary = PressSummary.objects.filter(item=item).first()
    if expected_revision is not None and (summary.revision if summary else 0) != expected_revision:
        raise StalePressSummary()
    if Release.objects.filter(
        meeting_id=item.agenda.meeting_id, scope=Release.Scope.DECISIONS, state="released"
    ).exists():
        raise ValidationError(
            _("The press summary was released with the decisions; it can no longer change."), code="released"
        )
    if not text.strip():
        raise ValidationError({"text": _("Write the press summary.")}, code="empty")
    before = {"text": summary.text} if summary else None
    if summary:
        summary.text = text.strip()
        summary.revision += 1
        summary.save()
    else:
        summary = PressSummary.objects.create(item=item, text=text.strip())
    audit.record(
        actor,
        AuditAction.UPDATE if before else AuditAction.CREATE,
        summary,
        before=before,
        after={"text": summary.text},
    )
    return summary


@transaction.atomic
def attach_minutes(actor, meeting: Meeting, upload, *, reason: str = "", expected_revision: int | None = None):
    """The minutes of a meeting: the first upload makes the document, later ones new versions. On a
    closed meeting a new version is a correction and needs its reason. `expected_revision` is the
    number of versions the editor saw (0: no minutes yet; the form always sends it): a stale one is
    refused, so nobody's version silently becomes the one in force over a version they never saw."""
    require(actor, "decisions.keep_minutes")
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if expected_revision is not None and _minutes_revision(meeting) != expected_revision:
        raise StaleMinutes()
    if meeting.state == MeetingState.PLANNED:
        raise ValidationError(_("Minutes follow the meeting: approve its final agenda first."), code="state")
    not_yet_held(meeting, _("Minutes follow the meeting: they can be stored from %(date)s."))
    if meeting.state == MeetingState.CLOSED and not reason.strip():
        raise ValidationError(
            {"reason": _("The meeting is closed: give the reason for the correction.")}, code="reason"
        )
    existing = Minutes.objects.filter(meeting=meeting).select_related("document").first()
    if existing:
        core_services.add_derived_version(actor, existing.document, upload, reason=reason.strip())
        return existing
    document = core_services.create_document(
        actor,
        title=_("Minutes of %(meeting)s") % {"meeting": meeting},
        kind="minutes",
        upload=upload,
        access_level="internal_council",
    )
    minutes = Minutes.objects.create(meeting=meeting, document=document)
    audit.record(actor, AuditAction.CREATE, minutes, after={"document": document.pk}, reason=reason.strip())
    return minutes


def minutes_revision(meeting: Meeting) -> int:
    """The revision of a meeting's minutes that an upload form carries: its number of versions."""
    return Minutes.objects.filter(meeting=meeting).values_list("document__version_count", flat=True).first() or 0


def _minutes_revision(meeting: Meeting) -> int:
    # The document row is locked too: a version can also be added from the document's own page.
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is None:
        return 0
    return Document.objects.select_for_update().values_list("version_count", flat=True).get(pk=minutes.document_id)
