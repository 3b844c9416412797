"""What the disaster fund's pages cost in queries, against the baselines in query_counts.json
(chancery.core.testing_queries; UPDATE_QUERY_COUNTS=1 records them). Lists must not grow with rows."""

from pathlib import Path

import pytest
from django.urls import reverse

from chancery.core.testing_queries import Page, assert_no_stale_baselines, check_page
from chancery.disaster_fund.testing import fund_round

PAGES = [
    Page("disaster_fund:index", lambda d: reverse("disaster_fund:index"), "fund", scales=True),
    Page("disaster_fund:event", lambda d: reverse("disaster_fund:event", args=[d["event"].pk]), "fund"),
    Page("disaster_fund:anomalies", lambda d: reverse("disaster_fund:anomalies"), "fund", scales=True),
    Page("disaster_fund:anomalies_csv", lambda d: reverse("disaster_fund:anomalies_csv"), "fund", scales=True),
    Page("disaster_fund:anomalies_xlsx", lambda d: reverse("disaster_fund:anomalies_xlsx"), "fund", scales=True),
    Page("disaster_fund:statistics", lambda d: reverse("disaster_fund:statistics"), "fund", scales=True),
    Page("disaster_fund_counter:report", lambda d: reverse("disaster_fund_counter:report"), "applicant", scales=True),
    Page("disaster_fund_public:statistics", lambda d: reverse("disaster_fund_public:statistics"), None, scales=True),
    Page(
        "disaster_fund_public:statistics_csv",
        lambda d: reverse("disaster_fund_public:statistics_csv"),
        None,
        scales=True,
    ),
]


@pytest.fixture
def data(fund, applicant):
    users = {"fund": fund, "applicant": applicant}
    return {**fund_round(fund, applicant), "users": users}


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_queries_of_the_page(client, data, page, query_counts):
    check_page(
        client, page, data, query_counts, more=lambda: fund_round(data["users"]["fund"], data["users"]["applicant"], 1)
    )


def test_every_baseline_is_measured():
    assert_no_stale_baselines(Path(__file__).with_name("query_counts.json"), [page.key for page in PAGES])
