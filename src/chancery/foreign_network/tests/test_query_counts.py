"""What the network's and the location framework's pages cost in queries, against the baselines in
query_counts.json (chancery.core.testing_queries; UPDATE_QUERY_COUNTS=1 records them). Lists must
not grow with rows."""

from pathlib import Path

import pytest
from django.urls import reverse

from chancery.core.testing_queries import Page, assert_no_stale_baselines, check_page
from chancery.foreign_network.testing import network_round

PAGES = [
    Page("foreign_network:posts", lambda d: reverse("foreign_network:posts"), scales=True),
    Page("foreign_network:post", lambda d: reverse("foreign_network:post", args=[d["posts"][0].code])),
    Page("foreign_network:assessments", lambda d: reverse("foreign_network:assessments"), scales=True),
    Page("foreign_network:assessment", lambda d: reverse("foreign_network:assessment", args=[d["assessment"].pk])),
]


@pytest.fixture
def data(org):
    return {**network_round(org), "users": {"secretariat": org.users["secretariat"]}, "org": org}


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_queries_of_the_page(client, data, page, query_counts):
    check_page(client, page, data, query_counts, more=lambda: network_round(data["org"], 1))


def test_every_baseline_is_measured():
    assert_no_stale_baselines(Path(__file__).with_name("query_counts.json"), [page.key for page in PAGES])
