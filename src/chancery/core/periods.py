"""Rows that hold for a period (a mandate, a posting, a representation, a municipality): in force on
a day when it started on or before that day and has not ended before it (no end: open)."""

from __future__ import annotations

import datetime

from django.db.models import Q


def in_force(day: datetime.date, start: str = "start", end: str = "end") -> Q:
    """The condition on the fields `start` and `end` (both inclusive)."""
    return Q(**{f"{start}__lte": day}) & (Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": day}))
