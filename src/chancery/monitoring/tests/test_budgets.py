"""Budgets: over-commitment and overspending are refused and change nothing, stale edits are
refused, roll-ups add the subtree, and the database holds the rule too."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from chancery.monitoring.models import BudgetLine, Initiative
from chancery.monitoring.services import budgets


def test_set_and_roll_up(tree, org):
    ambition, programme, project = tree
    secretariat = org.users["secretariat"]
    budgets.set_budget(secretariat, programme, 2026, planned=5_000_000, committed=3_000_000, spent=1_000_000,
                       expected_revision=None)  # fmt: skip
    budgets.set_budget(
        secretariat, project, 2026, planned="250000,50", committed="100000", spent=0, expected_revision=None
    )
    total = budgets.rollup(ambition, 2026)
    assert total.planned == Decimal("5250000.50") and total.committed == Decimal(3_100_000)
    assert total.spent == Decimal(1_000_000) and round(total.execution, 3) == Decimal("0.190")
    assert budgets.rollup(project, 2026).planned == Decimal("250000.50")
    assert budgets.rollup(ambition, 2025).execution is None
    # The dashboard's roll-ups of many roots at once say the same.
    nodes = list(Initiative.objects.all())
    for year in (2025, 2026):
        assert budgets.rollups([ambition, project], year, nodes) == {
            ambition.pk: budgets.rollup(ambition, year),
            project.pk: budgets.rollup(project, year),
        }


@pytest.mark.parametrize(
    "figures, field",
    [
        ({"planned": 100, "committed": 150, "spent": 0}, "committed"),
        ({"planned": 100, "committed": 50, "spent": 60}, "spent"),
        ({"planned": -1, "committed": 0, "spent": 0}, "planned"),
        ({"planned": "veel", "committed": 0, "spent": 0}, "planned"),
    ],
)
def test_refusals_change_nothing(tree, org, figures, field):
    project = tree[2]
    secretariat = org.users["secretariat"]
    budgets.set_budget(secretariat, project, 2026, planned=100, committed=10, spent=5, expected_revision=None)
    with pytest.raises(ValidationError) as refusal:
        budgets.set_budget(secretariat, project, 2026, expected_revision=1, **figures)
    assert field in refusal.value.message_dict
    line = BudgetLine.objects.get(initiative=project, year=2026)
    assert (line.planned, line.committed, line.spent, line.revision) == (100, 10, 5, 1)


def test_overcommitment_message_is_dutch(tree, org):
    with pytest.raises(ValidationError) as refusal:
        budgets.set_budget(org.users["secretariat"], tree[2], 2026, planned=100, committed=150, spent=0,
                           expected_revision=None)  # fmt: skip
    assert "overschrijdt" in refusal.value.message_dict["committed"][0]


def test_stale_edit_is_refused(tree, org):
    project, secretariat = tree[2], org.users["secretariat"]
    budgets.set_budget(secretariat, project, 2026, planned=100, committed=10, spent=0, expected_revision=None)
    budgets.set_budget(secretariat, project, 2026, planned=200, committed=10, spent=0, expected_revision=1)
    with pytest.raises(ValidationError):
        budgets.set_budget(secretariat, project, 2026, planned=300, committed=10, spent=0, expected_revision=1)
    assert BudgetLine.objects.get(initiative=project).planned == 200


def test_who_may_change_budgets(tree, org):
    project = tree[2]
    for role in ("expert", "applicant", "minister_concerned"):
        with pytest.raises(PermissionDenied):
            budgets.set_budget(org.users[role], project, 2026, planned=1, committed=0, spent=0, expected_revision=None)
    # A civil servant of the lead entity may.
    budgets.set_budget(
        org.users["civil_servant"], project, 2026, planned=1, committed=0, spent=0, expected_revision=None
    )
    assert BudgetLine.objects.filter(initiative=project).exists()


def test_the_database_refuses_overcommitment_too(tree):
    with pytest.raises(IntegrityError), transaction.atomic():
        BudgetLine.objects.create(initiative=tree[2], year=2026, planned=10, committed=20, spent=0)
