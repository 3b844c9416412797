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


# --- the human rights prize: the service's and the jury's pages, the public edition -----------------
PRIZE_PAGES = [
    Page("prize:index", lambda d: reverse("prize:index"), "grants", scales=True),
    Page("prize:edition", lambda d: reverse("prize:edition", args=[d["edition"].year]), "grants", scales=True),
    Page("prize:review", lambda d: reverse("prize:review", args=[d["review"].pk]), "juror"),
    Page("prize_public:edition", lambda d: reverse("prize_public:edition", args=[d["edition"].year]), None),
    Page("prize_public:nominate", lambda d: reverse("prize_public:nominate", args=[d["edition"].year]), None),
]


def a_nomination(grants, edition, n=[0]):  # noqa: B006 - a counter across rounds
    """A nomination shortlisted (a review per jury member) with a deliberation note."""
    from chancery.grants.services import prize
    from chancery.grants.tests.test_prize import nomination_data

    n[0] += 1
    nomination = prize.nominate(edition, nomination_data(nominee_name=f"Kandidaat {n[0]}"))
    fire(nomination.case, "declare_admissible", grants)
    fire(nomination.case, "shortlist", grants)
    prize.add_note(grants, edition, f"Notitie {n[0]}")
    return nomination


@pytest.fixture
def prize_data(grants, reviewers):
    from chancery.grants.prize_models import JuryReview
    from chancery.grants.tests.test_prize import make_edition

    edition = make_edition(grants, jury=reviewers)
    nomination = a_nomination(grants, edition)
    review = JuryReview.objects.filter(nomination=nomination, member__user=reviewers[0]).get()
    return {"users": {"grants": grants, "juror": reviewers[0]}, "edition": edition, "review": review}


@pytest.mark.parametrize("page", PRIZE_PAGES, ids=str)
def test_queries_of_the_prize_page(client, prize_data, page, query_counts):
    check_page(client, page, prize_data, query_counts, more=lambda: a_nomination(prize_data["users"]["grants"],
                                                                                 prize_data["edition"]))  # fmt: skip


def test_every_baseline_is_measured():
    assert_no_stale_baselines(
        Path(__file__).with_name("query_counts.json"), [page.key for page in [*PAGES, *PRIZE_PAGES]]
    )
