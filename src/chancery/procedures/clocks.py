"""Deadline arithmetic, kept pure (dates in, dates out) so that it can be checked exhaustively.

A clock is a list of running periods `(start, end)`; `end` is None while it runs. The day a
period starts is not counted, its last day is (the usual way a term is counted: a term of 1 day
started on Monday falls due on Tuesday). While the clock is suspended no day counts, whatever
its kind. With working days, only Belgian working days count (weekends, Belgian public holidays
and the Day of the Flemish Community do not, `chancery.core.calendar`).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from chancery.core.calendar import add_working_days, is_working_day

Period = tuple[datetime.date, datetime.date | None]
ONE_DAY = datetime.timedelta(days=1)


def add_days(day: datetime.date, count: int, working: bool) -> datetime.date:
    if count <= 0:
        return day
    return add_working_days(day, count) if working else day + datetime.timedelta(days=count)


def counted_days(start: datetime.date, end: datetime.date, working: bool) -> int:
    """The days that count in (start, end]."""
    if end <= start:
        return 0
    if not working:
        return (end - start).days
    count, day = 0, start
    while day < end:
        day += ONE_DAY
        if is_working_day(day):
            count += 1
    return count


def due_date(periods: Sequence[Period], term: int, working: bool) -> datetime.date | None:
    """The day the term runs out, or None while it is suspended with days left (or never started)."""
    remaining = term
    for start, end in periods:
        if end is None:
            return add_days(start, remaining, working)
        used = counted_days(start, end, working)
        if used >= remaining:
            return add_days(start, remaining, working)
        remaining -= used
    return None


def used_days(periods: Sequence[Period], working: bool, today: datetime.date) -> int:
    total = 0
    for start, end in periods:
        total += counted_days(start, end if end is not None else today, working)
    return total


def remaining_days(periods: Sequence[Period], term: int, working: bool, today: datetime.date) -> int:
    """Days left on `today` (negative once overdue)."""
    return term - used_days(periods, working, today)
