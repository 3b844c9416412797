"""Budget figures that another app keeps for a monitoring initiative (registered in its
AppConfig.ready()): a grant programme's yearly envelope is the budget of the initiative it carries
out. Monitoring reads them here beside its own budget lines, in its roll-ups, its statuses and its
pages, without importing that app, and the figures are read where they are kept on every read: no
copy that could drift.

    budgets.register("grants", provider)

A provider takes initiative codes and optionally years and returns the `Figures` it holds for
them, in euro, in one query whatever their number."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Figures:
    """One initiative's budget in one year as another app keeps it: planned, committed, spent."""

    initiative: str  # the initiative's code
    year: int
    planned: Decimal
    committed: Decimal
    spent: Decimal
    source: str  # what keeps it, in words (e.g. "Envelope Mensenrechtenfonds 2026")


Provider = Callable[[list[str], list[int] | None], Iterable[Figures]]

_providers: dict[str, Provider] = {}


def register(key: str, provider: Provider) -> None:
    existing = _providers.get(key)
    if existing is not None and existing is not provider:
        raise ValueError(f"The budget source {key!r} is registered twice.")
    _providers[key] = provider


def figures(codes: Iterable[str], years: Iterable[int] | None = None) -> list[Figures]:
    """What every source holds for these initiatives (in these years; every year when None)."""
    codes = sorted(set(codes))
    if not codes:
        return []
    years = None if years is None else sorted(set(years))
    return [found for provider in _providers.values() for found in provider(codes, years)]
