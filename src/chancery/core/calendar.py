"""Working days in Belgium, for deadlines and release dates.

Belgian public holidays come from the `holidays` package (statutory holidays, Royal Decree of
18 April 1974). The Flemish administration is also closed on 11 July, the Day of the Flemish
Community (decree of 7 November 1990), which the package does not include for Belgium as a whole.
"""

from __future__ import annotations

import datetime
from functools import lru_cache

import holidays

FLEMISH_COMMUNITY_DAY = (7, 11)


@lru_cache(maxsize=64)
def _holidays(year: int) -> frozenset[datetime.date]:
    days = set(holidays.Belgium(years=year).keys())
    days.add(datetime.date(year, *FLEMISH_COMMUNITY_DAY))
    return frozenset(days)


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def add_working_days(day: datetime.date, count: int) -> datetime.date:
    """The date `count` working days after `day` (count ≥ 1)."""
    while count > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day
