"""On track, at risk or off track: computed, never typed, by these rules (shown with their reasons).

Own evidence of an initiative, on a given day:
- Milestones (dropped ones do not count): an open milestone more than 90 days past due → off
  track; an open milestone past due → at risk.
- Indicators with a baseline and a target: progress expected by the date of the latest value is the
  share of time elapsed from baseline to the next target; progress made is the share of the way
  from baseline to target value covered. Behind by more than 25 percentage points → off track; by
  more than 10 → at risk. A target date that passed without reaching the target → off track.
- Budget of the year: after the first quarter, spending below half of what the elapsed share of the
  year would suggest → at risk (money not spent is work not done).
Children (programmes of an ambition, projects of a programme): any child off track or at risk puts
the parent at least at risk; more than a third of the assessed children off track puts it off track.
The result is the worse of the two. Nothing to judge gives "no assessment yet", never "on track".
"""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

LATE_OFF_TRACK_DAYS = 90
GAP_OFF_TRACK = Decimal("0.25")
GAP_AT_RISK = Decimal("0.10")


class Status(enum.IntEnum):
    UNKNOWN = 0
    ON_TRACK = 1
    AT_RISK = 2
    OFF_TRACK = 3

    @property
    def label(self) -> str:
        return str(LABELS[self])

    @property
    def css(self) -> str:
        return self.name.lower().replace("_", "-")


LABELS = {
    Status.UNKNOWN: gettext_lazy("No assessment yet"),
    Status.ON_TRACK: gettext_lazy("On track"),
    Status.AT_RISK: gettext_lazy("At risk"),
    Status.OFF_TRACK: gettext_lazy("Off track"),
}


@dataclass(frozen=True)
class MilestoneFact:
    title: str
    due: datetime.date
    open: bool  # not done, not dropped
    counts: bool = True  # False when dropped


@dataclass(frozen=True)
class IndicatorFact:
    name: str
    baseline: Decimal
    baseline_date: datetime.date
    target: Decimal
    target_date: datetime.date
    value: Decimal | None  # latest value, None when there is none yet
    value_date: datetime.date | None


@dataclass(frozen=True)
class BudgetFact:
    year: int
    planned: Decimal
    spent: Decimal


@dataclass
class Evidence:
    milestones: list[MilestoneFact] = field(default_factory=list)
    indicators: list[IndicatorFact] = field(default_factory=list)
    budget: BudgetFact | None = None


@dataclass(frozen=True)
class Assessment:
    status: Status
    reasons: tuple[str, ...]


def _worse(current: Status, new: Status) -> Status:
    return max(current, new)


def own_status(evidence: Evidence, today: datetime.date, *, reasons: bool = True) -> Assessment:
    """The status from the initiative's own evidence; `reasons=False` leaves the reasons out (a few
    thousand translated sentences at the scale of a recovery plan, for a table that shows none)."""
    status, judged, written = Status.UNKNOWN, False, []
    for milestone in evidence.milestones:
        if not milestone.counts:
            continue
        judged = True
        late = (today - milestone.due).days if milestone.open else 0
        if late > LATE_OFF_TRACK_DAYS:
            status = _worse(status, Status.OFF_TRACK)
            if reasons:
                written.append(
                    _("Milestone “%(title)s” is %(days)d days late.") % {"title": milestone.title, "days": late}
                )
        elif late > 0:
            status = _worse(status, Status.AT_RISK)
            if reasons:
                written.append(
                    _("Milestone “%(title)s” is %(days)d days late.") % {"title": milestone.title, "days": late}
                )
    for indicator in evidence.indicators:
        if indicator.value is None or indicator.target == indicator.baseline:
            continue
        judged = True
        made = (indicator.value - indicator.baseline) / (indicator.target - indicator.baseline)
        if indicator.target_date < today and made < 1:
            status = _worse(status, Status.OFF_TRACK)
            if reasons:
                written.append(_("“%(name)s” missed its target of %(date)s.") % {"name": indicator.name,
                    "date": indicator.target_date.strftime("%d-%m-%Y")})  # fmt: skip
            continue
        span = (indicator.target_date - indicator.baseline_date).days
        elapsed = (indicator.value_date - indicator.baseline_date).days if indicator.value_date else 0
        expected = min(Decimal(1), max(Decimal(0), Decimal(elapsed) / Decimal(span))) if span > 0 else Decimal(1)
        gap = expected - made
        if gap > GAP_AT_RISK:
            status = _worse(status, Status.OFF_TRACK if gap > GAP_OFF_TRACK else Status.AT_RISK)
            if reasons:
                written.append(_("“%(name)s” is %(gap)d percentage points behind its path to the target.")
                    % {"name": indicator.name, "gap": int(gap * 100)})  # fmt: skip
    budget = evidence.budget
    if budget and budget.planned > 0 and budget.year == today.year:
        judged = True
        elapsed = Decimal(today.timetuple().tm_yday) / Decimal(365)
        if elapsed > Decimal("0.25") and budget.spent / budget.planned < elapsed / 2:
            status = _worse(status, Status.AT_RISK)
            if reasons:
                written.append(_("Only %(share)d%% of this year's budget is spent.")
                    % {"share": int(budget.spent * 100 / budget.planned)})  # fmt: skip
    if judged and status == Status.UNKNOWN:
        status = Status.ON_TRACK
    return Assessment(status, tuple(written))


def combine(own: Assessment, children: list[tuple[str, Assessment]], *, reasons: bool = True) -> Assessment:
    """The initiative's status from its own evidence and its children's statuses."""
    status, written = own.status, list(own.reasons)
    assessed = [(name, child) for name, child in children if child.status != Status.UNKNOWN]
    off = [name for name, child in assessed if child.status == Status.OFF_TRACK]
    risky = [name for name, child in assessed if child.status == Status.AT_RISK]
    if assessed and len(off) * 3 > len(assessed):
        status = _worse(status, Status.OFF_TRACK)
        if reasons:
            written.append(_("%(n)d of %(total)d parts are off track.") % {"n": len(off), "total": len(assessed)})
    elif off or risky:
        status = _worse(status, Status.AT_RISK)
        if reasons:
            written.append(_("At risk or off track: %(names)s.") % {"names": ", ".join(off + risky)})
    elif assessed and status == Status.UNKNOWN:
        status = Status.ON_TRACK
    return Assessment(status, tuple(written))
