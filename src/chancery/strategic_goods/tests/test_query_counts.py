"""What the strategic-goods screens cost in queries (checking a code, screening a party, the hits
of a file), against the baselines in query_counts.json (chancery.core.testing_queries;
UPDATE_QUERY_COUNTS=1 records them). Lists must not grow with rows."""

from pathlib import Path

import pytest
from django.urls import reverse

from chancery.core.testing_queries import Page, assert_no_stale_baselines, check_page
from chancery.licensing.testing import case_files
from chancery.strategic_goods.models import ScreeningHit

INDEX = "strategic_goods:index"


def first_hit(data) -> int:
    return ScreeningHit.objects.filter(subject=data["screened"].reference).order_by("pk").first().pk


PAGES = [
    Page(INDEX, lambda d: reverse(INDEX), "handler", scales=True),
    Page(f"{INDEX}:code", lambda d: reverse(INDEX) + "?code=ML1.d", "handler"),
    Page(f"{INDEX}:screen", lambda d: reverse(INDEX) + "?name=Dmitriy+Sokolovsky&country=RU", "handler"),
    Page(
        "strategic_goods:subject",
        lambda d: reverse("strategic_goods:subject", args=[d["screened"].reference]),
        "handler",
    ),
    Page("strategic_goods:hit", lambda d: reverse("strategic_goods:hit", args=[first_hit(d)]), "handler"),
]


@pytest.fixture
def data(handler, colleague, applicant, demo_list):
    users = {"handler": handler, "colleague": colleague, "applicant": applicant}
    return {**case_files(users), "users": users}


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_queries_of_the_page(client, data, page, query_counts):
    check_page(client, page, data, query_counts, more=lambda: case_files(data["users"], 1))


def test_every_baseline_is_measured():
    assert_no_stale_baselines(Path(__file__).with_name("query_counts.json"), [page.key for page in PAGES])
