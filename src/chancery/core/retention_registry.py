"""Retention: how long each kind of record is kept, declared by the app that owns it.

One extension point, filled like the access registry and the permission vocabulary: each app's
`retention.py` declares its series (`register(Series(...))`), and its `AppConfig.ready()` imports
it. A series is one kind of record with its retention periods (each with its legal source, since
when it applies, and whether this project could verify the figure: "te verifiëren" where not),
the records that are closed and so may one day be destroyed, the date their retention starts, and
whether a record is public history (kept permanently, whatever the period says).

The archive (`chancery.archive`) reads the registry: it proposes destruction lists, which an
archivist approves, and carries them out. This module decides nothing about who may destroy.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import models


@dataclass(frozen=True)
class Period:
    """`years` after the record's closing date, or `years=None`: kept permanently (bewaren)."""

    years: int | None
    source: str
    valid_from: datetime.date
    verified: bool = True

    @property
    def permanent(self) -> bool:
        return self.years is None


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same calendar day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class Series:
    """One kind of record and how long it is kept.

    `closed`: a function giving the queryset of the records that are closed (only these are ever
    proposed for destruction); `closed_on(record)`: the day its retention starts; `identifier`:
    what names it without its content (a reference, a UUID), for the destruction list and the
    audit trail; `public_history(record)`: True for what the public has seen as a decision (kept
    permanently); `destroy(record)`: removes the record and returns the names of the stored files
    it held (the archive removes a file from storage once no row refers to it any more)."""

    key: str
    label: Any
    model: str
    periods: tuple[Period, ...]
    closed: Callable[[], models.QuerySet]
    closed_on: Callable[[Any], datetime.date | None]
    identifier: Callable[[Any], str]
    destroy: Callable[[Any], list[str]]
    public_history: Callable[[Any], bool] = field(default=lambda record: False)

    def period_on(self, day: datetime.date) -> Period | None:
        """The period in force on `day` (a record keeps the period of its closing day)."""
        valid = [p for p in self.periods if p.valid_from <= day]
        return max(valid, key=lambda p: p.valid_from) if valid else None

    def period_for(self, closed: datetime.date) -> Period:
        """The period of a record closed on `closed`: the one in force that day; for a record
        closed before the first period applied, the first period (it is destroyed under it)."""
        return self.period_on(closed) or min(self.periods, key=lambda p: p.valid_from)

    def expires_on(self, record) -> datetime.date | None:
        """The last day of the record's retention; None while open or kept permanently."""
        closed = self.closed_on(record)
        if closed is None:
            return None
        period = self.period_for(closed)
        if period.permanent:
            return None
        return add_years(closed, period.years)

    def due(self, record, today: datetime.date) -> bool:
        """Past its retention: from the day after the last day, never for public history."""
        expires = self.expires_on(record)
        return expires is not None and today > expires and not self.public_history(record)

    def records_due(self, today: datetime.date) -> Iterable:
        for record in self.closed():
            if self.due(record, today):
                yield record


_series: dict[str, Series] = {}


def register(series: Series) -> Series:
    if not series.periods:
        raise ImproperlyConfigured(f"The retention series {series.key!r} has no period.")
    existing = _series.get(series.key)
    if existing is not None and existing is not series:
        raise ImproperlyConfigured(f"The retention series {series.key!r} is declared twice.")
    _series[series.key] = series
    return series


def series(key: str) -> Series:
    try:
        return _series[key]
    except KeyError:
        raise ImproperlyConfigured(f"No retention series {key!r} is declared.") from None


def all_series() -> list[Series]:
    return sorted(_series.values(), key=lambda s: s.key)
