"""Budgets per initiative and year. Over-commitment is refused, not just shown: committed never
exceeds planned, spent never exceeds committed (the database holds the same rule).

An initiative's budget in a year is either its own budget line or, when another app keeps it
(core.budgets: a grant programme's envelope for the initiative the programme carries out), those
figures, read there at every roll-up: such a year cannot be set here, and an own line of that year
is not counted (there is one source of truth)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from chancery.core import audit
from chancery.core import budgets as kept_elsewhere
from chancery.core.authz import require
from chancery.core.models import AuditAction
from chancery.monitoring.models import BudgetLine, Initiative
from chancery.monitoring.services.structure import subtree


class StaleBudget(ValidationError):
    def __init__(self):
        super().__init__(
            _("Someone else changed this budget in the meantime. Reload it and make your change again."),
            code="conflict",
        )


def _amount(value, field: str) -> Decimal:
    try:
        amount = Decimal(str(value).replace(" ", "").replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ValidationError({field: _("Give an amount in euro, e.g. 1250000.00.")}, code="amount") from None
    if amount < 0 or not amount.is_finite():
        raise ValidationError({field: _("An amount cannot be negative.")}, code="amount")
    return amount.quantize(Decimal("0.01"))


@transaction.atomic
def set_budget(
    actor, initiative: Initiative, year: int, *, planned, committed, spent, expected_revision: int | None
) -> BudgetLine:
    """Set one year's figures. `expected_revision` is the revision the editor saw (None for a new
    line); a stale one is refused, so two editors never overwrite each other."""
    require(actor, "monitoring.edit_initiative", initiative, _("You may not change the budget of this initiative."))
    planned, committed, spent = (
        _amount(planned, "planned"),
        _amount(committed, "committed"),
        _amount(spent, "spent"),
    )
    if committed > planned:
        raise ValidationError(
            {"committed": _("Committing %(committed)s € exceeds the planned %(planned)s €: raise the plan first.")
             % {"committed": committed, "planned": planned}},
            code="overcommitment",
        )  # fmt: skip
    if spent > committed:
        raise ValidationError(
            {"spent": _("Spending %(spent)s € exceeds the committed %(committed)s €: commit it first.")
             % {"spent": spent, "committed": committed}},
            code="overspending",
        )  # fmt: skip
    held = kept_elsewhere.figures([initiative.code], [year])
    if held:
        raise ValidationError(
            _("The budget of this initiative in %(year)s is the %(source)s: it changes there, not here.")
            % {"year": year, "source": held[0].source},
            code="kept_elsewhere",
        )
    line = BudgetLine.objects.select_for_update().filter(initiative=initiative, year=year).first()
    if line is None:
        if expected_revision not in (None, 0):
            raise StaleBudget()
        line = BudgetLine(initiative=initiative, year=year)
        before = None
    else:
        if expected_revision != line.revision:
            raise StaleBudget()
        before = audit.snapshot(line, ("planned", "committed", "spent"))
        line.revision += 1
    line.planned, line.committed, line.spent = planned, committed, spent
    line.save()
    audit.record(
        actor,
        AuditAction.UPDATE if before else AuditAction.CREATE,
        line,
        before=before,
        after=audit.snapshot(line, ("planned", "committed", "spent")),
    )
    return line


@dataclass(frozen=True)
class Budget:
    year: int
    planned: Decimal
    committed: Decimal
    spent: Decimal

    @property
    def execution(self) -> Decimal | None:
        """Spent as a share of planned (0–1), None without a plan."""
        return (self.spent / self.planned) if self.planned else None


def held(codes, years) -> dict[tuple[str, int], Budget]:
    """The figures other apps keep (core.budgets) per (initiative code, year), in one query per source."""
    found: dict[tuple[str, int], Budget] = {}
    for figures in kept_elsewhere.figures(codes, years):
        key = (figures.initiative, figures.year)
        before = found.get(key) or Budget(figures.year, Decimal(0), Decimal(0), Decimal(0))
        found[key] = Budget(figures.year, before.planned + figures.planned, before.committed + figures.committed,
                            before.spent + figures.spent)  # fmt: skip
    return found


def own_figures(nodes, year: int) -> dict[int, Budget]:
    """Each node's own figures of `year` (its budget line, or what another app keeps for it), by pk."""
    kept = held([node.code for node in nodes], [year])
    figures = ("planned", "committed", "spent")
    sums = {
        row["initiative"]: Budget(year, *(row[name] for name in figures))
        for row in BudgetLine.objects.filter(initiative__in=[node.pk for node in nodes], year=year)
        .values("initiative")
        .annotate(**{name: Sum(name) for name in figures})
    }
    result = {}
    for node in nodes:
        budget = kept.get((node.code, year)) or sums.get(node.pk)
        if budget is not None:
            result[node.pk] = budget
    return result


def _total(year: int, parts) -> Budget:
    parts = list(parts)
    return Budget(year, *(sum((getattr(p, name) for p in parts), Decimal(0)) for name in ("planned", "committed",
                                                                                           "spent")))  # fmt: skip


def rollup(initiative: Initiative, year: int) -> Budget:
    """The year's figures of the initiative and everything under it."""
    return _total(year, own_figures(subtree(initiative), year).values())


def rollups(roots, year: int, nodes) -> dict[int, Budget]:
    """`rollup` of each of `roots`, from `nodes` (every initiative, already read) and one query
    whatever the number of roots (the dashboard's core ambitions), and one per other source."""
    children: dict[int | None, list[int]] = {}
    for node in nodes:
        children.setdefault(node.parent_id, []).append(node.pk)
    own = own_figures(nodes, year)
    result = {}
    for root in roots:
        ids, frontier = [root.pk], [root.pk]
        while frontier:
            frontier = [child for pk in frontier for child in children.get(pk, [])]
            ids += frontier
        result[root.pk] = _total(year, (own[pk] for pk in ids if pk in own))
    return result


def lines_of(initiative: Initiative) -> list:
    """The initiative's own figures per year for its page: its budget lines, where another app
    keeps a year's figures (core.budgets.Figures, with their `source`) those instead."""
    kept = {figures.year: figures for figures in kept_elsewhere.figures([initiative.code])}
    own = [line for line in initiative.budget_lines.all() if line.year not in kept]
    return sorted([*own, *kept.values()], key=lambda line: line.year)
