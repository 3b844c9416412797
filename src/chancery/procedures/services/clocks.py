"""The clocks of one case, kept in ClockPeriod rows as the case moves (called by the engine)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from chancery.procedures import clocks as arithmetic
from chancery.procedures.engine import Clock, Term
from chancery.procedures.models import Case, CaseTransition, ClockPeriod


@dataclass
class ClockStatus:
    clock: Clock
    term: Term | None
    started: bool
    running: bool
    stopped: bool
    due_on: datetime.date | None
    remaining: int | None
    # A term in hours (Term.hours): the exact moment it runs out and the whole hours left (negative
    # once overdue; at the stop, for a stopped clock). None for a term in days.
    due_at: datetime.datetime | None = None
    remaining_hours: int | None = None

    @property
    def suspended(self) -> bool:
        return self.started and not self.running and not self.stopped

    @property
    def overdue(self) -> bool:
        return self.remaining is not None and self.remaining < 0 and not self.stopped


def _periods(case: Case, clock: Clock) -> list[ClockPeriod]:
    if "clock_periods" in getattr(case, "_prefetched_objects_cache", {}):
        return [p for p in case.clock_periods.all() if p.clock == clock.code]
    return list(ClockPeriod.objects.filter(case=case, clock=clock.code).order_by("started_on", "pk"))


def move(case: Case, target: str, day: datetime.date) -> None:
    """Start, suspend, resume or stop each clock as the case enters `target` on `day`."""
    for clock in case.definition.clocks:
        periods = list(ClockPeriod.objects.filter(case=case, clock=clock.code).order_by("started_on", "pk"))
        open_period = next((p for p in periods if p.ended_on is None), None)
        stopped = any(p.stopped for p in periods)
        if stopped:
            continue
        if target in clock.runs_in:
            if open_period is None:
                ClockPeriod.objects.create(case=case, clock=clock.code, started_on=day)
        elif target in clock.suspended_in:
            if open_period is not None:
                open_period.ended_on = day
                open_period.save(update_fields=["ended_on"])
        elif periods:
            # Any other state after the clock started ends it for good (a decision, a withdrawal).
            if open_period is not None:
                open_period.ended_on, open_period.stopped = day, True
                open_period.save(update_fields=["ended_on", "stopped"])
            else:
                last = periods[-1]
                last.stopped = True
                last.save(update_fields=["stopped"])


def started_at(case: Case, clock: Clock) -> datetime.datetime:
    """The moment a clock started: the case's first step into a state where it runs (its creation
    when it runs from the initial state)."""
    step = CaseTransition.objects.filter(case=case, target__in=clock.runs_in).order_by("at", "pk").first()
    return step.at if step else case.created_at


def stopped_at(case: Case, clock: Clock) -> datetime.datetime | None:
    """The moment an hour clock stopped: the first step out of its running states after it started."""
    step = (
        CaseTransition.objects.filter(case=case, source__in=clock.runs_in)
        .exclude(target__in=clock.runs_in)
        .order_by("at", "pk")
        .first()
    )
    return step.at if step else None


def hours_between(start: datetime.datetime, end: datetime.datetime) -> int:
    """Whole hours from `start` to `end`, rounded towards the earlier moment (negative when past)."""
    return int((end - start).total_seconds() // 3600)


def status(case: Case, clock: Clock, today: datetime.date, now: datetime.datetime | None = None) -> ClockStatus:
    periods = _periods(case, clock)
    if not periods:
        return ClockStatus(clock, None, False, False, False, None, None)
    term = clock.term_for(case, periods[0].started_on)
    spans = [(p.started_on, p.ended_on) for p in periods]
    running = periods[-1].ended_on is None
    stopped = any(p.stopped for p in periods)
    due = arithmetic.due_date(spans, term.days, clock.working_days)
    end = periods[-1].ended_on if not running else today
    remaining = arithmetic.remaining_days(spans, term.days, clock.working_days, end)
    found = ClockStatus(clock, term, True, running, stopped, due, remaining)
    if term.hours is not None and now is not None:
        # An hour clock never suspends (engine.Procedure checks it): one period, from one moment.
        # Only for a reader (`now` given): inside a step its history row does not exist yet.
        found.due_at = started_at(case, clock) + datetime.timedelta(hours=term.hours)
        until = (stopped_at(case, clock) if not running else None) or now
        found.remaining_hours = hours_between(until, found.due_at)
        found.due_on = timezone.localtime(found.due_at).date()
        found.remaining = -1 if until > found.due_at else max(found.remaining, 0)
    return found


def hour_deadlines(cases, now: datetime.datetime | None = None) -> dict[int, ClockStatus]:
    """Case pk → the running hour clock of each listed case that has one (for the inbox: a term in
    hours is shown in hours). One query for the whole list, none when no procedure counts hours."""
    wanted = {}
    for case in cases:
        hourly = [c for c in case.definition.clocks if any(t.hours is not None for t in c.terms)]
        if hourly and case.due_on is not None:
            wanted[case.pk] = (case, hourly)
    if not wanted:
        return {}
    now = now or timezone.now()
    steps = CaseTransition.objects.filter(case_id__in=wanted).order_by("at", "pk").values("case_id", "target", "at")
    first_in: dict[tuple[int, str], datetime.datetime] = {}
    for step in steps:
        first_in.setdefault((step["case_id"], step["target"]), step["at"])
    found = {}
    for pk, (case, hourly) in wanted.items():
        for clock in hourly:
            if case.state not in clock.runs_in:
                continue
            moments = [first_in[(pk, state)] for state in clock.runs_in if (pk, state) in first_in]
            start = min(moments) if moments else case.created_at
            term = clock.term_for(case, timezone.localtime(start).date())
            if term.hours is None:
                continue
            due_at = start + datetime.timedelta(hours=term.hours)
            found[pk] = ClockStatus(
                clock, term, True, True, False, timezone.localtime(due_at).date(), None, due_at,
                hours_between(now, due_at),
            )  # fmt: skip
    return found


def statuses(case: Case, today: datetime.date, now: datetime.datetime | None = None) -> list[ClockStatus]:
    return [status(case, clock, today, now) for clock in case.definition.clocks]


def refresh(case: Case, today: datetime.date) -> None:
    """Recompute the case's `due_on` (nearest due date of a running clock) and, once every clock
    has stopped, whether it closed within its term."""
    found = statuses(case, today)
    running = [s.due_on for s in found if s.running and s.due_on]
    case.due_on = min(running) if running else None
    finished = [s for s in found if s.stopped]
    if finished and not case.is_open:
        case.within_term = all(s.remaining is not None and s.remaining >= 0 for s in finished)
