"""Business-continuity plans per organisation unit: a review a year after approval (configuration,
levels.CONTINUITY_REVIEW_MONTHS), warnings when it is due or overdue, read by the unit's people and
the coordinators."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from chancery.crisis import services
from chancery.crisis.models import ContinuityPlan


@pytest.fixture
def plans(org):
    actor = org.users["secretariat"]
    today = timezone.localdate()
    overdue = services.register_plan(actor, entity=org.entities["dept"], title="BCP departement",
                                     approved_on=today - datetime.timedelta(days=400))  # fmt: skip
    due = services.register_plan(actor, entity=org.entities["dept"], title="BCP ICT",
                                 approved_on=today - datetime.timedelta(days=100),
                                 review_due=today + datetime.timedelta(days=10))  # fmt: skip
    fine = services.register_plan(actor, entity=org.entities["cab_a"], title="BCP kabinet",
                                  approved_on=today - datetime.timedelta(days=10))  # fmt: skip
    return overdue, due, fine


def test_the_review_is_due_a_year_after_approval():
    assert services.default_review(datetime.date(2025, 3, 15)) == datetime.date(2026, 3, 15)
    assert services.default_review(datetime.date(2024, 2, 29)) == datetime.date(2025, 2, 28)


def test_review_states_and_warnings(client, plans, org):
    overdue, due, fine = plans
    assert [p.review_state() for p in plans] == ["overdue", "due", "ok"]
    secretariat = org.users["secretariat"]
    assert services.plans_to_review(secretariat) == [overdue, due]
    client.force_login(secretariat)
    page = client.get(reverse("crisis:plans")).content.decode()
    assert page.count('data-review="overdue"') == 1 and page.count('data-review="due"') == 1
    home = client.get("/").content.decode()
    assert "2 continuïteitsplannen te herzien" in home and "BCP departement" in home and "BCP kabinet" not in home


def test_a_review_moves_the_next_one(plans, org):
    overdue, *_ = plans
    today = timezone.localdate()
    services.review_plan(org.users["secretariat"], overdue, approved_on=today, version="2.0")
    overdue.refresh_from_db()
    assert (overdue.version, overdue.review_due, overdue.review_state()) == (
        "2.0",
        services.default_review(today),
        "ok",
    )
    with pytest.raises(ValidationError, match="na de vorige goedkeuring"):
        services.review_plan(
            org.users["secretariat"], overdue, approved_on=today - datetime.timedelta(days=1), version="3"
        )


def test_a_review_date_before_the_approval_is_refused(org):
    with pytest.raises(ValidationError, match="na de goedkeuring"):
        services.register_plan(org.users["secretariat"], entity=org.entities["dept"], title="X",
                               approved_on=datetime.date(2025, 1, 1), review_due=datetime.date(2024, 1, 1))  # fmt: skip
    assert not ContinuityPlan.objects.exists()


def test_each_unit_reads_its_own_plans(client, plans, org):
    _overdue, _due, fine = plans
    assert set(ContinuityPlan.objects.visible_to(org.users["civil_servant"])) == set(plans[:2])  # the department's
    assert list(ContinuityPlan.objects.visible_to(org.users["cabinet_concerned"])) == [fine]
    assert not ContinuityPlan.objects.visible_to(org.users["expert"]).exists()
    client.force_login(org.users["cabinet_other"])
    assert "BCP" not in client.get(reverse("crisis:plans")).content.decode()
    assert client.post(reverse("crisis:plan_review", args=[fine.pk]), {}).status_code == 404
    client.force_login(org.users["cabinet_concerned"])
    assert client.post(reverse("crisis:plan_review", args=[fine.pk]), {}).status_code == 403
