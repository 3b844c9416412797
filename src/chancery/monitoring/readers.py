"""Who reads monitoring's models (the access registry, core.visibility).

The board's dashboard (the administration and its external experts) reads the whole tree; the
public reads initiatives and indicators marked public. A figure (observation) whose announced
release moment is still to come is read only by its producers (`monitoring.read_unreleased_figures`):
everyone else, the board included, gets it at that moment (memorandum §1.2.1). A progress report is
read by whoever may read its document; a report still being made by those who make reports."""

from __future__ import annotations

from chancery.core import visibility
from chancery.core.authz import may
from chancery.core.visibility import Condition, Follows, follows
from chancery.monitoring.models import (
    BenchmarkValue,
    BudgetLine,
    Indicator,
    Initiative,
    Milestone,
    Observation,
    ProgressReport,
    ScheduledRelease,
    SdmxMapping,
    Target,
    VisionNote,
)
from chancery.monitoring.queries import released_observation_ids


def _board(user) -> bool:
    return may(user, "monitoring.view_dashboard")


def public_or_board(user) -> visibility.Rule:
    return visibility.EVERYTHING if _board(user) else ((Condition("public", (True,)),),)


def board_only(user) -> visibility.Rule:
    return visibility.only_if(_board(user))


def observations(user) -> visibility.Rule:
    if may(user, "monitoring.read_unreleased_figures"):
        return visibility.EVERYTHING
    released = Condition("pk", released_observation_ids())
    if _board(user):
        return ((released,),)
    return ((Follows("indicator"), released),)


def reports(user) -> visibility.Rule:
    made = ((Follows("document"),),)
    if may(user, "monitoring.make_reports"):
        return (*made, (Condition("document", (None,)),))
    return made


def register() -> None:
    visibility.register(Initiative, public_or_board)
    visibility.register(Indicator, public_or_board)
    visibility.register(BudgetLine, board_only)
    visibility.register(Milestone, board_only)
    visibility.register(VisionNote, board_only)
    visibility.register(SdmxMapping, board_only)
    visibility.register(Target, follows("indicator"))
    visibility.register(ScheduledRelease, follows("indicator"))  # the release calendar is announced
    visibility.register(BenchmarkValue, follows("indicator"))
    visibility.register(Observation, observations)
    visibility.register(ProgressReport, reports)
