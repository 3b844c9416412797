"""The monitoring roll-up (issue 15, capability 1): a programme's envelopes are the budget of the
monitoring initiative it carries out, read from the envelope on every roll-up (core.budgets), so a
grant's commitment shows in monitoring at once; that year's budget cannot be set in monitoring,
and an own line of that year is not counted beside it."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from chancery.core.models import AuditEntry
from chancery.grants.models import Envelope, Programme
from chancery.grants.services import monitoring
from chancery.grants.testing import apply, fire, to_assessed
from chancery.monitoring.models import BudgetLine, Initiative
from chancery.monitoring.services import budgets
from chancery.monitoring.services.assessment import assess_all
from chancery.monitoring.services.structure import create_initiative


@pytest.fixture
def initiative(org):
    secretariat, dept = org.users["secretariat"], org.entities["dept"]
    ambition = create_initiative(
        secretariat, level="ambition", code="ka6", title="Vlaanderen en de mensenrechten",
        summary="Mensenrechten wereldwijd.", lead_entity=dept, public=True, priority="§6",
    )  # fmt: skip
    programme = create_initiative(
        secretariat, level="programme", parent=ambition, code="p6-1", title="Mensenrechten",
        summary="Mensenrechten.", lead_entity=dept, public=True, priority="§6.1",
    )  # fmt: skip
    project = create_initiative(
        secretariat, level="project", parent=programme, code="fiche-27", title="Mensenrechtenfonds",
        summary="Het fonds.", lead_entity=dept, public=True, priority="§6.1.1",
    )  # fmt: skip
    return ambition, project


def test_a_commitment_shows_in_monitoring(client, applicant, grants, fund, call, reviewers, initiative, org):
    ambition, project = initiative
    year = timezone.localdate().year
    monitoring.link_initiative(grants, fund, "fiche-27")
    assert AuditEntry.objects.filter(object_id=str(fund.pk), after__monitoring_initiative="fiche-27").exists()
    before = budgets.rollup(ambition, year)
    assert before.planned == Decimal("1000000.00") and before.committed == 0
    case = apply(applicant, call)
    to_assessed(grants, case, reviewers[:1])
    fire(case, "award", grants, "Toegekend.")
    committed = Envelope.objects.get(programme=fund, year=year).committed_cents
    assert committed > 0
    # Read from the envelope: no copy was written into monitoring.
    assert not BudgetLine.objects.filter(initiative=project).exists()
    for node in (ambition, project):
        assert budgets.rollup(node, year).committed == Decimal(committed) / 100
    nodes = list(Initiative.objects.all())
    assert budgets.rollups([ambition], year, nodes)[ambition.pk] == budgets.rollup(ambition, year)
    # The initiative's page shows the envelope as its budget, with where it comes from.
    client.force_login(org.users["secretariat"])
    page = client.get(reverse("monitoring:initiative", args=[project.code])).content.decode()
    assert "Mensenrechtenfonds" in page and "1.000.000,00" in page


def test_the_year_kept_by_the_envelope_cannot_be_set_in_monitoring(grants, fund, initiative, org):
    ambition, project = initiative
    year = timezone.localdate().year
    secretariat = org.users["secretariat"]
    # An own line set before the link: once linked it no longer counts (one source of truth).
    budgets.set_budget(secretariat, project, year, planned=5, committed=5, spent=5, expected_revision=None)

    def budget_reasons():
        status = assess_all(timezone.localdate(), Initiative.objects.all(), reader=secretariat)[project.pk]
        return [reason for reason in status.reasons if "%" in reason]

    assert budget_reasons() == []
    monitoring.link_initiative(grants, fund, "fiche-27")
    assert budgets.rollup(ambition, year).planned == Decimal("1000000.00")
    if timezone.localdate().timetuple().tm_yday > 0.25 * 366:
        # The status reads the envelope too: nothing of it is paid yet.
        assert budget_reasons()
    with pytest.raises(ValidationError) as refused:
        budgets.set_budget(secretariat, project, year, planned=9, committed=0, spent=0, expected_revision=2)
    assert "envelop" in str(refused.value)
    assert BudgetLine.objects.get(initiative=project, year=year).planned == 5
    # Another year, without an envelope, is monitoring's own.
    budgets.set_budget(secretariat, project, 2023, planned=7, committed=0, spent=0, expected_revision=None)
    assert budgets.rollup(ambition, 2023).planned == 7


def test_linking_is_checked_and_for_the_service(grants, fund, applicant, initiative):
    with pytest.raises(PermissionDenied):
        monitoring.link_initiative(applicant, fund, "fiche-27")
    with pytest.raises(ValidationError):
        monitoring.link_initiative(grants, fund, "fiche 27; drop")
    monitoring.link_initiative(grants, fund, "fiche-27")
    other = Programme.objects.create(code="ander", name="Ander", source="test")
    with pytest.raises(ValidationError):
        monitoring.link_initiative(grants, other, "fiche-27")
    assert Programme.objects.get(pk=other.pk).monitoring_initiative == ""
    monitoring.link_initiative(grants, fund, "")
    assert budgets.rollup(initiative[0], timezone.localdate().year).planned == 0


def test_the_demo_links_the_memorandums_programmes(db):
    from chancery.core.models import Role
    from chancery.core.testing import make_user
    from chancery.grants.demo.loader import load_demo
    from chancery.grants.rules import MONITORING_INITIATIVES

    make_user("aanvrager", Role.APPLICANT)
    load_demo()
    linked = dict(Programme.objects.exclude(monitoring_initiative="").values_list("code", "monitoring_initiative"))
    assert linked == MONITORING_INITIATIVES
