"""The status of every initiative, computed from the database by the rules in `status`, bottom-up
(projects, then programmes, then ambitions), in a fixed number of queries."""

from __future__ import annotations

import datetime

from django.db.models import OuterRef, Prefetch, Subquery
from django.utils import timezone

from chancery.monitoring.models import (
    BudgetLine,
    Indicator,
    Initiative,
    Level,
    Milestone,
    MilestoneStatus,
    Observation,
    Target,
)
from chancery.monitoring.queries import embargoed
from chancery.monitoring.services.budgets import held
from chancery.monitoring.services.status import (
    Assessment,
    BudgetFact,
    Evidence,
    IndicatorFact,
    MilestoneFact,
    combine,
    own_status,
)


def indicator_fact(indicator: Indicator, today: datetime.date, observations=None) -> IndicatorFact | None:
    """The facts the rules need, or None for an indicator without baseline or target."""
    if indicator.baseline_value is None or indicator.baseline_date is None:
        return None
    targets = list(indicator.targets.all())
    if not targets:
        return None
    current = [o for o in (observations if observations is not None else indicator.observations.all()) if o.is_current]
    latest = max(current, key=lambda o: o.period_start, default=None)
    reference = latest.period_start if latest else today
    # The next target after the latest value; when all lie before it, the last one.
    target = next((t for t in targets if t.date >= reference), targets[-1])
    return IndicatorFact(
        name=indicator.name,
        baseline=indicator.baseline_value,
        baseline_date=indicator.baseline_date,
        target=target.value,
        target_date=target.date,
        value=latest.value if latest else None,
        value_date=latest.period_start if latest else None,
    )


def assess_all(
    today: datetime.date | None = None, initiatives=None, *, reader, released_only: bool = False
) -> dict[int, Assessment]:
    """Statuses of the given initiatives (all by default), from the indicators and figures `reader`
    may read (core.visibility): for the public only public indicators and released figures, for the
    board no figure before its announced moment; so a status (and its reasons) never gives away
    what the reader may not see. `released_only` leaves out unreleased figures whoever reads (a
    report read by others than its maker)."""
    today = today or timezone.localdate()
    observations = Observation.objects.visible_to(reader).filter(is_current=True)
    if released_only:
        observations = observations.exclude(embargoed())
    # A status needs each indicator's latest value only: load that one, not twenty years of them.
    latest = observations.filter(indicator=OuterRef("indicator")).order_by("-period_start").values("period_start")[:1]
    observations = observations.filter(period_start=Subquery(latest))
    nodes = list(
        (initiatives if initiatives is not None else Initiative.objects.all()).prefetch_related(
            Prefetch("milestones", queryset=Milestone.objects.all()),
            Prefetch(
                "indicators",
                queryset=(Indicator.objects.visible_to(reader)).prefetch_related(
                    Prefetch("targets", queryset=Target.objects.order_by("date")),
                    Prefetch("observations", queryset=observations),
                ),
            ),
            Prefetch("budget_lines", queryset=BudgetLine.objects.filter(year=today.year)),
        )
    )
    # A budget another app keeps (a grant programme's envelope) is the initiative's, not its own line.
    kept = held([node.code for node in nodes], [today.year])
    children: dict[int | None, list[Initiative]] = {}
    for node in nodes:
        children.setdefault(node.parent_id, []).append(node)
    results: dict[int, Assessment] = {}
    order = {Level.PROJECT: 0, Level.PROGRAMME: 1, Level.AMBITION: 2}
    for node in sorted(nodes, key=lambda n: order[Level(n.level)]):
        evidence = Evidence(
            milestones=[
                MilestoneFact(
                    m.title,
                    m.due,
                    open=m.status not in (MilestoneStatus.DONE, MilestoneStatus.DROPPED),
                    counts=m.status != MilestoneStatus.DROPPED,
                )
                for m in node.milestones.all()
            ],
            indicators=[fact for i in node.indicators.all() if (fact := indicator_fact(i, today)) is not None],
            budget=_budget_fact(node, kept.get((node.code, today.year))),
        )
        parts = [(child.title, results[child.pk]) for child in children.get(node.pk, []) if child.pk in results]
        results[node.pk] = combine(own_status(evidence, today), parts)
    return results


def _budget_fact(node: Initiative, kept) -> BudgetFact | None:
    """The year's budget: what another app keeps for the initiative, else its own (prefetched) line."""
    if kept is not None:
        return BudgetFact(kept.year, kept.planned, kept.spent)
    return next((BudgetFact(line.year, line.planned, line.spent) for line in node.budget_lines.all()), None)
