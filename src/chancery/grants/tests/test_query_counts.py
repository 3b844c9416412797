"""What the grants' pages and API lists cost in queries, against the baseline in query_counts.json
(chancery.core.testing_queries; UPDATE_QUERY_COUNTS=1 records it). They must not grow with calls
and grants."""

from pathlib import Path

import pytest
from django.urls import reverse

from chancery.core.testing_queries import Page, assert_no_stale_baselines, check_page
from chancery.grants.models import Review
from chancery.grants.testing import apply, fire, open_call, to_assessed

PAGES = [
    Page("grants:index", lambda d: reverse("grants:index"), "grants", scales=True),
    Page("grants_public:calls", lambda d: reverse("grants_public:calls"), None, scales=True),
    Page("grants_public:grants", lambda d: reverse("grants_public:grants"), None, scales=True),
    Page("grants_open_data", lambda d: reverse("grants_open_data"), None, scales=True),
    Page("api:grant-list", lambda d: "/api/v1/grants", None, scales=True),
    Page("api:call-list", lambda d: "/api/v1/calls", None, scales=True),
    # A call with its ranking, and the public page of a call (the first round's).
    Page("grants:call", lambda d: reverse("grants:call", args=[d["call"].slug]), "grants"),
    Page("grants_public:call", lambda d: reverse("grants_public:call", args=[d["call"].slug]), None),
    # A reviewer's list of reviews (one more per round) and one review.
    Page("grants:my_reviews", lambda d: reverse("grants:my_reviews"), "reviewer", scales=True),
    Page("grants:review", lambda d: reverse("grants:review", args=[d["review"].pk]), "reviewer"),
    # Statistics (capability 10) and the feed of open calls: constant whatever the applications.
    Page("grants:statistics", lambda d: reverse("grants:statistics") + "?per=land", "grants", scales=True),
    Page("grants_public:statistics", lambda d: reverse("grants_public:statistics"), None, scales=True),
    Page(
        "grants_public:statistics_csv",
        lambda d: reverse("grants_public:statistics_csv") + "?per=oproep",
        None,
        scales=True,
    ),  # fmt: skip
    Page("grants_public:feed", lambda d: reverse("grants_public:feed"), None, scales=True),
]


def a_round(users, fund, n=[0]):  # noqa: B006 - a counter across rounds
    n[0] += 1
    grants, applicant, reviewers = users["grants"], users["applicant"], users["reviewers"]
    call = open_call(grants, fund, title=f"Oproep {n[0]}")
    case = apply(applicant, call)
    to_assessed(grants, case, reviewers)
    fire(case, "award", grants, "Toegekend.")
    return call


@pytest.fixture
def data(grants, fund, applicant, reviewers):
    users = {"grants": grants, "applicant": applicant, "reviewers": reviewers, "reviewer": reviewers[0]}
    call = a_round(users, fund)
    review = Review.objects.filter(reviewer=reviewers[0], application__call=call).get()
    return {"users": users, "fund": fund, "call": call, "review": review}


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_queries_of_the_page(client, data, page, query_counts):
    check_page(client, page, data, query_counts, more=lambda: a_round(data["users"], data["fund"]))


def test_every_baseline_is_measured():
    assert_no_stale_baselines(Path(__file__).with_name("query_counts.json"), [page.key for page in PAGES])
