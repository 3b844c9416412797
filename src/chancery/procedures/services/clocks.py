"""The clocks of one case, kept in ClockPeriod rows as the case moves (called by the engine)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from chancery.procedures import clocks as arithmetic
from chancery.procedures.engine import Clock, Term
from chancery.procedures.models import Case, ClockPeriod


@dataclass
class ClockStatus:
    clock: Clock
    term: Term | None
    started: bool
    running: bool
    stopped: bool
    due_on: datetime.date | None
    remaining: int | None

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


def status(case: Case, clock: Clock, today: datetime.date) -> ClockStatus:
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
    return ClockStatus(clock, term, True, running, stopped, due, remaining)


def statuses(case: Case, today: datetime.date) -> list[ClockStatus]:
    return [status(case, clock, today) for clock in case.definition.clocks]


def refresh(case: Case, today: datetime.date) -> None:
    """Recompute the case's `due_on` (nearest due date of a running clock) and, once every clock
    has stopped, whether it closed within its term."""
    found = statuses(case, today)
    running = [s.due_on for s in found if s.running and s.due_on]
    case.due_on = min(running) if running else None
    finished = [s for s in found if s.stopped]
    if finished and not case.is_open:
        case.within_term = all(s.remaining is not None and s.remaining >= 0 for s in finished)
