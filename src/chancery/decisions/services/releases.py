"""Release (vrijgave) of a meeting: its decisions with the press summary, and later its public
documents. Each release happens whole, in one transaction, or not at all; before it, the
confidentiality layer keeps everything of the meeting from the public."""

from __future__ import annotations

import datetime
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from chancery.core import audit, events, metrics
from chancery.core.authz import require
from chancery.core.background import background, defer
from chancery.core.calendar import add_working_days
from chancery.core.models import AccessLevel, AuditAction, Document, ReleaseState
from chancery.decisions.events import DOCUMENTS_RELEASED, MEETING_RELEASED
from chancery.decisions.models import (
    AgendaItem,
    Decision,
    Dossier,
    ItemDocument,
    Meeting,
    MeetingState,
    ProcedureStep,
    Release,
)
from chancery.decisions.services.outcomes import final_agenda, final_items
from chancery.decisions.signals import release_performed

DECISIONS_HOUR = 14  # decisions of a Friday meeting go out in the afternoon, documents a working day later


def default_release_times(meeting: Meeting) -> tuple[datetime.datetime, datetime.datetime]:
    local = timezone.localtime(meeting.starts_at)
    decisions = local.replace(hour=DECISIONS_HOUR, minute=0, second=0, microsecond=0)
    if decisions <= local:
        decisions = local + datetime.timedelta(hours=2)
    documents_day = add_working_days(decisions.date(), 1)
    documents = decisions.replace(year=documents_day.year, month=documents_day.month, day=documents_day.day)
    return decisions, documents


class StaleRelease(ValidationError):
    """The release was planned, moved or confirmed since the editor loaded the panel."""

    def __init__(self):
        super().__init__(
            _("Someone else changed this release in the meantime. Reload the panel and make your change again."),
            code="conflict",
        )


@transaction.atomic
def plan_release(
    actor,
    meeting: Meeting,
    scope: str,
    planned_at: datetime.datetime | None = None,
    *,
    expected_revision: int | None = None,
) -> Release:
    """Plan (or move) a scope's release. `expected_revision` is the release's revision the editor
    saw (0: not planned yet; the panel always sends it, None for an address or module acting on its
    own): a stale one is refused, so a moment another secretary confirmed is never silently moved."""
    require(actor, "decisions.release")
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.state == MeetingState.PLANNED:
        raise ValidationError(_("Approve the final agenda before planning a release."), code="no_final_agenda")
    scope = Release.Scope(scope)
    if scope == Release.Scope.DECISIONS:
        undecided = final_items(meeting).filter(decisions__isnull=True).count()
        if undecided or not final_items(meeting).exists():
            raise ValidationError(
                _("A release needs a decision on every item; %(count)d items have none.") % {"count": undecided},
                code="undecided",
            )
    if planned_at is None:
        decisions_at, documents_at = default_release_times(meeting)
        planned_at = decisions_at if scope == Release.Scope.DECISIONS else documents_at
    if planned_at < meeting.starts_at:
        raise ValidationError(
            {
                "planned_at": _("A release cannot come before the meeting it releases (%(when)s).")
                % {"when": _starts(meeting)}
            },
            code="before_meeting",
        )
    release = Release.objects.select_for_update().filter(meeting=meeting, scope=scope).first()
    if expected_revision is not None and (release.revision if release else 0) != expected_revision:
        raise StaleRelease()
    if release and release.state == ReleaseState.RELEASED:
        raise ValidationError(_("This has already been released; a release cannot be planned again."), code="released")
    before = {"planned_at": audit.jsonable(release.planned_at), "state": release.state} if release else None
    if release is None:
        release = Release.objects.create(meeting=meeting, scope=scope, planned_at=planned_at)
    else:
        # A new moment must be confirmed again.
        release.planned_at, release.state = planned_at, ReleaseState.PLANNED
        release.revision += 1
        release.save(update_fields=["planned_at", "state", "revision"])
    audit.record(
        actor,
        AuditAction.UPDATE if before else AuditAction.CREATE,
        release,
        before=before,
        after={"planned_at": audit.jsonable(planned_at), "state": release.state},
    )
    return release


@transaction.atomic
def confirm_release(actor, release: Release) -> Release:
    require(actor, "decisions.release")
    release = Release.objects.select_for_update().get(pk=release.pk)
    if release.state != ReleaseState.PLANNED:
        raise ValidationError(_("Only a planned release can be confirmed."), code="state")
    release.state = ReleaseState.CONFIRMED
    release.revision += 1
    release.save(update_fields=["state", "revision"])
    audit.record(actor, AuditAction.STATE_CHANGE, release, before={"state": "planned"}, after={"state": "confirmed"})
    _schedule(release)
    return release


def _starts(meeting: Meeting) -> str:
    return formats.date_format(timezone.localtime(meeting.starts_at), "j F Y H:i")


def _schedule(release: Release) -> None:
    """Ask the worker to release at the planned moment (a backend that cannot wait leaves it to
    `chancery release_due`, which a scheduler may also run as a safety net)."""
    defer(perform_release, release.pk, when=release.planned_at, unless_it_can_wait=True)


def _public_items(meeting: Meeting):
    """The items a decisions release makes public: the public items of the final agenda."""
    return final_items(meeting).filter(access_level=AccessLevel.PUBLIC)


def _public_documents(meeting: Meeting):
    """The documents a documents release makes public: the public ones on the final agenda's items."""
    linked = ItemDocument.objects.filter(item__in=final_items(meeting)).values("document_id")
    return Document.objects.filter(pk__in=linked, access_level=AccessLevel.PUBLIC)


def _release_decisions(meeting: Meeting, now) -> int:
    """The public items of the final agenda, and with them their (public) steps and dossiers, so
    that the public sees each dossier's phase from this moment."""
    items = _public_items(meeting)
    steps = ProcedureStep.objects.filter(pk__in=items.values("step_id"), access_level=AccessLevel.PUBLIC)
    Dossier.objects.filter(pk__in=steps.values("dossier_id"), access_level=AccessLevel.PUBLIC).exclude(
        release_state=ReleaseState.RELEASED
    ).update(release_state=ReleaseState.RELEASED, released_at=now)
    steps.exclude(release_state=ReleaseState.RELEASED).update(release_state=ReleaseState.RELEASED, released_at=now)
    Document.objects.filter(
        pk__in=Decision.objects.filter(item__in=items).values("document_id"), access_level=AccessLevel.PUBLIC
    ).update(release_state=ReleaseState.RELEASED, released_at=now)
    return items.update(release_state=ReleaseState.RELEASED, released_at=now)


def _release_documents(meeting: Meeting, now) -> int:
    documents = _public_documents(meeting).exclude(release_state=ReleaseState.RELEASED)
    return documents.update(release_state=ReleaseState.RELEASED, released_at=now)


@transaction.atomic
def release_now(actor, release: Release, *, now: datetime.datetime | None = None) -> Release:
    """Release everything in scope at once. With an actor (the secretariat's "release now"), the
    planned moment is brought forward; without (the worker), only a confirmed, due release goes."""
    now = now or timezone.now()
    release = Release.objects.select_for_update().select_related("meeting").get(pk=release.pk)
    if release.state == ReleaseState.RELEASED:
        if actor is None:
            return release  # the worker's task for a release someone already performed: nothing to do
        raise ValidationError(_("This has already been released."), code="released")
    if actor is not None:
        require(actor, "decisions.release")
        if release.state != ReleaseState.CONFIRMED:
            raise ValidationError(_("Confirm the release before releasing."), code="not_confirmed")
        if now < release.meeting.starts_at:
            # Issue 14: decisions of a meeting of 18 December were released on the 7th.
            raise ValidationError(
                _("The meeting of %(when)s has not taken place yet; nothing of it can be released.")
                % {"when": _starts(release.meeting)},
                code="before_meeting",
            )
    elif release.state != ReleaseState.CONFIRMED or release.planned_at > now:
        return release  # not (or no longer) due: nothing happens
    started = time.perf_counter()
    if release.scope == Release.Scope.DECISIONS:
        count = _release_decisions(release.meeting, now)
    else:
        count = _release_documents(release.meeting, now)
    metrics.RELEASE_DURATION.labels(scope=release.scope).observe(time.perf_counter() - started)
    release.state, release.released_at, release.released_count = ReleaseState.RELEASED, now, count
    # Inside the transaction: receivers that record (the webhook outbox) commit or roll back with it.
    release_performed.send(sender=Release, release=release)
    events.emit(
        MEETING_RELEASED.code if release.scope == Release.Scope.DECISIONS else DOCUMENTS_RELEASED.code,
        release,
        {"meeting": events.api_link("api:meeting-detail", release.meeting_id), "released": count},
    )
    release.save(update_fields=["state", "released_at", "released_count"])
    audit.record(
        actor,
        AuditAction.STATE_CHANGE,
        release,
        before={"state": "confirmed"},
        after={"state": "released", "released": count},
        source=None if actor else "task",
    )
    return release


def run_due_releases(now: datetime.datetime | None = None) -> list[Release]:
    now = now or timezone.now()
    done = []
    for release in Release.objects.filter(state=ReleaseState.CONFIRMED, planned_at__lte=now):
        done.append(release_now(None, release, now=now))
    return done


@background()
def perform_release(release_id: int) -> str:
    """Run by the worker at the planned moment; a release moved or already done is left alone."""
    return release_now(None, Release.objects.get(pk=release_id)).state


# --- The release panel: what, when, a preview, one confirmation --------------------------------


@dataclass
class ReleaseOutline:
    """One scope of a meeting's release as the secretariat decides on it: what it will make public,
    when (the planned moment, else the usual one), and what stays internal."""

    scope: Release.Scope
    release: Release | None
    moment: datetime.datetime
    items: list[AgendaItem] = field(default_factory=list)  # decisions: the items that go public
    documents: list[Document] = field(default_factory=list)  # documents: the documents that go public
    withheld: int = 0  # items (decisions) or documents (documents) that are not public and stay internal
    undecided: list[AgendaItem] = field(default_factory=list)  # items without a decision: no release yet

    @property
    def released(self) -> bool:
        return self.release is not None and self.release.state == ReleaseState.RELEASED

    @property
    def confirmed(self) -> bool:
        return self.release is not None and self.release.state == ReleaseState.CONFIRMED


def release_outline(meeting: Meeting) -> list[ReleaseOutline]:
    """Per scope, what a release of the meeting would do now (read only; the secretariat's panel)."""
    releases = {release.scope: release for release in meeting.releases.all()}
    decisions_at, documents_at = default_release_times(meeting)
    agenda = final_agenda(meeting)
    on_agenda = agenda.current_items() if agenda else AgendaItem.objects.none()
    items = list(on_agenda.prefetch_related("decisions"))
    public_items = [item for item in items if item.access_level == AccessLevel.PUBLIC]
    # The same rule as _public_documents, over the agenda already read.
    links = ItemDocument.objects.filter(item__in=on_agenda).select_related("document").order_by("document__title")
    linked = {link.document_id: link.document for link in links}
    documents = [document for document in linked.values() if document.access_level == AccessLevel.PUBLIC]
    outlines = []
    for scope, usual, kwargs in (
        (
            Release.Scope.DECISIONS,
            decisions_at,
            {
                "items": public_items,
                "withheld": len(items) - len(public_items),
                "undecided": [item for item in items if item.decision is None],
            },
        ),
        (Release.Scope.DOCUMENTS, documents_at, {"documents": documents, "withheld": len(linked) - len(documents)}),
    ):
        release = releases.get(scope)
        outlines.append(ReleaseOutline(scope, release, release.planned_at if release else usual, **kwargs))
    return outlines


@transaction.atomic
def schedule_release(
    actor,
    meeting: Meeting,
    moments: dict[str, datetime.datetime | None],
    *,
    expected_revisions: dict[str, int] | None = None,
) -> list[Release]:
    """The panel's one confirmation: plan and confirm each scope at its moment (None: the usual
    one), all or nothing. Nothing becomes public before its moment: the worker performs each then.
    `expected_revisions`: each scope's release revision the panel showed (a scope absent: 0, not
    planned yet); a stale one is refused (plan_release) and, all or nothing, nothing changes."""
    if not moments:
        raise ValidationError(_("Choose what to release."), code="nothing")
    order = [scope for scope in Release.Scope.values if scope in moments]
    return [
        confirm_release(
            actor,
            plan_release(
                actor,
                meeting,
                scope,
                moments[scope],
                expected_revision=None if expected_revisions is None else expected_revisions.get(scope, 0),
            ),
        )
        for scope in order
    ]


class _Rehearsal(Exception):
    """Raised to roll a rehearsed release back."""


@contextmanager
def rehearsed_release(actor, meeting: Meeting):
    """Inside the block, the meeting's releases not yet performed are performed, in a transaction
    that is always rolled back afterwards: what the public pages read there is what the public
    will see once they are done, with no second copy of the release's rules to drift from the real
    one. Nothing of it is committed (no state, audit entry, event, task or search change), and no
    other connection sees it (read committed, and SQLite readers see only committed data); the
    caller renders inside the block and keeps nothing that reads the database lazily afterwards."""
    require(actor, "decisions.release")
    try:
        with transaction.atomic():
            now = timezone.now()
            done = set(meeting.releases.filter(state=ReleaseState.RELEASED).values_list("scope", flat=True))
            if Release.Scope.DECISIONS not in done:
                _release_decisions(meeting, now)
            if Release.Scope.DOCUMENTS not in done:
                _release_documents(meeting, now)
            yield
            raise _Rehearsal
    except _Rehearsal:
        pass
