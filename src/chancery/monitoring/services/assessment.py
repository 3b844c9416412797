"""The status of every initiative, computed from the database by the rules in `status`, bottom-up
(projects, then programmes, then ambitions), in a fixed number of queries."""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import OuterRef, Subquery
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


def indicator_fact(
    name: str, baseline, baseline_date, targets: list[tuple[Decimal, datetime.date]], latest, today: datetime.date
) -> IndicatorFact | None:
    """The facts the rules need from an indicator's baseline, its targets (value, date) by date and
    its latest current value (value, date) or None; None for an indicator without baseline or target."""
    if baseline is None or baseline_date is None or not targets:
        return None
    reference = latest[1] if latest else today
    # The next target after the latest value; when all lie before it, the last one.
    target = next((t for t in targets if t[1] >= reference), targets[-1])
    return IndicatorFact(
        name=name,
        baseline=baseline,
        baseline_date=baseline_date,
        target=target[0],
        target_date=target[1],
        value=latest[0] if latest else None,
        value_date=latest[1] if latest else None,
    )


def assess_all(
    today: datetime.date | None = None,
    initiatives=None,
    *,
    reader,
    released_only: bool = False,
    reasons: bool = True,
) -> dict[int, Assessment]:
    """Statuses of the given initiatives (all by default; a queryset or a list already read), from
    the indicators and figures `reader` may read (core.visibility): for the public only public
    indicators and released figures, for the board no figure before its announced moment; so a
    status (and its reasons) never gives away what the reader may not see. `released_only` leaves
    out unreleased figures whoever reads (a report read by others than its maker); `reasons=False`
    gives the statuses without their reasons (a table of statuses).

    What the rules need is read as plain values, each fact once: an indicator on several
    initiatives is read and judged once, and of its figures only the latest (at the scale of a
    recovery plan, model instances of every milestone and of each indicator per initiative cost
    more than the queries)."""
    today = today or timezone.localdate()
    nodes = list(initiatives if initiatives is not None else Initiative.objects.all())
    ids = [node.pk for node in nodes]
    milestones: dict[int, list[MilestoneFact]] = defaultdict(list)
    rows = Milestone.objects.filter(initiative__in=ids).order_by("due", "pk")
    for initiative_id, title, due, status in rows.values_list("initiative_id", "title", "due", "status"):
        milestones[initiative_id].append(
            MilestoneFact(
                title,
                due,
                open=status not in (MilestoneStatus.DONE, MilestoneStatus.DROPPED),
                counts=status != MilestoneStatus.DROPPED,
            )
        )
    facts = _indicator_facts(ids, today, reader, released_only)
    kept = held([node.code for node in nodes], [today.year])
    # A budget another app keeps (a grant programme's envelope) is the initiative's, not its own line.
    own = {
        initiative_id: BudgetFact(year, planned, spent)
        for initiative_id, year, planned, spent in BudgetLine.objects.filter(initiative__in=ids, year=today.year)
        .order_by()
        .values_list("initiative_id", "year", "planned", "spent")
    }
    children: dict[int | None, list[Initiative]] = {}
    for node in nodes:
        children.setdefault(node.parent_id, []).append(node)
    results: dict[int, Assessment] = {}
    order = {Level.PROJECT: 0, Level.PROGRAMME: 1, Level.AMBITION: 2}
    for node in sorted(nodes, key=lambda n: order[Level(n.level)]):
        figures = kept.get((node.code, today.year))
        evidence = Evidence(
            milestones=milestones.get(node.pk, []),
            indicators=facts.get(node.pk, []),
            budget=BudgetFact(figures.year, figures.planned, figures.spent) if figures else own.get(node.pk),
        )
        parts = [(child.title, results[child.pk]) for child in children.get(node.pk, []) if child.pk in results]
        results[node.pk] = combine(own_status(evidence, today, reasons=reasons), parts, reasons=reasons)
    return results


def _indicator_facts(ids: list[int], today: datetime.date, reader, released_only: bool) -> dict[int, list]:
    """{initiative: [IndicatorFact, …]} (by indicator code) of the indicators `reader` may read."""
    observations = Observation.objects.visible_to(reader).filter(is_current=True)
    if released_only:
        observations = observations.exclude(embargoed())
    # A status needs each indicator's latest value only: one index step per indicator, not twenty years.
    latest = observations.filter(indicator=OuterRef("pk")).order_by("-period_start")
    link = Indicator.initiatives.through
    on: dict[int, list[int]] = defaultdict(list)
    for initiative_id, indicator_id in link.objects.filter(initiative__in=ids).values_list(
        "initiative_id", "indicator_id"
    ):
        on[indicator_id].append(initiative_id)
    indicators = list(
        Indicator.objects.visible_to(reader)
        .filter(pk__in=list(on))
        .annotate(
            latest_value=Subquery(latest.values("value")[:1]),
            latest_start=Subquery(latest.values("period_start")[:1]),
        )
        .order_by("code")
        .values_list("pk", "name", "baseline_value", "baseline_date", "latest_value", "latest_start")
    )
    targets: dict[int, list] = defaultdict(list)
    rows = Target.objects.filter(indicator__in=[row[0] for row in indicators]).order_by("date")
    for indicator_id, value, date in rows.values_list("indicator_id", "value", "date"):
        targets[indicator_id].append((value, date))
    facts: dict[int, list] = defaultdict(list)
    for pk, name, baseline, baseline_date, value, start in indicators:
        latest_value = (value, start) if start is not None else None
        fact = indicator_fact(name, baseline, baseline_date, targets.get(pk, []), latest_value, today)
        if fact is not None:
            for initiative_id in on[pk]:
                facts[initiative_id].append(fact)
    return facts
