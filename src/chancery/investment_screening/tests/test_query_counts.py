"""What the screening's report page costs in queries, against the baseline in query_counts.json
(chancery.core.testing_queries; UPDATE_QUERY_COUNTS=1 records it). It must not grow with filings."""

import datetime
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from chancery.core.testing_queries import Page, assert_no_stale_baselines, check_page
from chancery.investment_screening.models import Notification
from chancery.investment_screening.services import notifications
from chancery.investment_screening.testing import notify
from chancery.procedures.services import cases as engine

LAST_YEAR = timezone.localdate().year - 1
PAGES = [
    Page("investment_screening:index", lambda d: reverse("investment_screening:index"), "handler", scales=True),
    Page("investment_screening_public:index", lambda d: reverse("investment_screening_public:index"), None),
    Page(
        "investment_screening_public:report",
        lambda d: reverse("investment_screening_public:report", args=[LAST_YEAR]),
        None,
    ),
]


def files(users) -> None:
    """A filing in each stage: notified, cleared, in screening with its Flemish advice."""
    applicant, handler = users["applicant"], users["handler"]
    notify(applicant)
    cleared = notify(applicant, regions=["WAL"], sectors=["media"])
    for step, reason in (("declare_complete", ""), ("clear", "Vrijgegeven.")):
        engine.fire(cleared, step, handler, reason=reason, expected_version=cleared.version)
    screened = notify(applicant, investor_country="US", owners=[])
    for step, reason in (("declare_complete", ""), ("start_screening", "Screening.")):
        engine.fire(screened, step, handler, reason=reason, expected_version=screened.version)
    notifications.record_flemish_assessment(handler, screened, strategic_interests="Energie.", advice="conditions",
                                            conditions="Geen toegang tot netdata.")  # fmt: skip


@pytest.fixture
def data(handler, applicant):
    users = {"handler": handler, "applicant": applicant}
    files(users)
    # A closed year for the public report: the first round was recorded last year.
    Notification.objects.update(recorded_at=timezone.make_aware(datetime.datetime(LAST_YEAR, 6, 1, 12)))
    files(users)
    return {"users": users}


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_queries_of_the_page(client, data, page, query_counts):
    check_page(client, page, data, query_counts, more=lambda: files(data["users"]))


def test_every_baseline_is_measured():
    assert_no_stale_baselines(Path(__file__).with_name("query_counts.json"), [page.key for page in PAGES])
