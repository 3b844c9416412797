"""Budgets per initiative and year. Over-commitment is refused, not just shown: committed never
exceeds planned, spent never exceeds committed (the database holds the same rule)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from chancery.core import audit
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


def rollup(initiative: Initiative, year: int) -> Budget:
    """The year's figures of the initiative and everything under it."""
    ids = [node.pk for node in subtree(initiative)]
    totals = BudgetLine.objects.filter(initiative__in=ids, year=year).aggregate(
        planned=Sum("planned"), committed=Sum("committed"), spent=Sum("spent")
    )
    return Budget(year, *(totals[name] or Decimal(0) for name in ("planned", "committed", "spent")))


def rollups(roots, year: int, nodes) -> dict[int, Budget]:
    """`rollup` of each of `roots`, from `nodes` (every initiative, already read) and one query
    whatever the number of roots (the dashboard's core ambitions)."""
    children: dict[int | None, list[int]] = {}
    for node in nodes:
        children.setdefault(node.parent_id, []).append(node.pk)
    figures = ("planned", "committed", "spent")
    sums = {
        row["initiative"]: row
        for row in BudgetLine.objects.filter(initiative__in=[node.pk for node in nodes], year=year)
        .values("initiative")
        .annotate(**{name: Sum(name) for name in figures})
    }
    result = {}
    for root in roots:
        ids, frontier = [root.pk], [root.pk]
        while frontier:
            frontier = [child for pk in frontier for child in children.get(pk, [])]
            ids += frontier
        rows = [sums[pk] for pk in ids if pk in sums]
        result[root.pk] = Budget(year, *(sum((row[name] for row in rows), Decimal(0)) for name in figures))
    return result
