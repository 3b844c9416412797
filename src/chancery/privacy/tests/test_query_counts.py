"""What the privacy pages cost in queries, against the baselines in query_counts.json
(chancery.core.testing_queries; UPDATE_QUERY_COUNTS=1 records them). The register does not grow
with the requests handled; an export or an erasure costs the same whoever else is known."""

from pathlib import Path

import pytest
from django.urls import reverse

from chancery.core.testing_queries import Page, assert_no_stale_baselines, check_page
from chancery.privacy.services import subjects

PAGES = [
    Page("privacy:index", lambda d: reverse("privacy:index"), "dpo", scales=True),
    Page("privacy_public:statement", lambda d: reverse("privacy_public:statement"), None),
]
POSTED = ["privacy:access", "privacy:erase"]


@pytest.fixture
def data(world):
    subjects.subject_access(world.dpo, world.bart.email)
    return {"users": {"dpo": world.dpo}, "world": world}


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_queries_of_the_page(client, data, page, query_counts):
    world = data["world"]
    check_page(client, page, data, query_counts, more=lambda: subjects.subject_access(world.dpo, world.anna.email))


@pytest.mark.parametrize("key", POSTED)
def test_queries_of_a_request(client, data, key, query_counts):
    """One person's export or erasure, with another person known in every module beside them."""
    world = data["world"]
    client.force_login(world.dpo)
    form = {"query": world.anna.email, "format": "html", "confirm": "on"}
    with query_counts(key):
        response = client.post(reverse(key), form)
    assert response.status_code == 200


def test_every_baseline_is_measured():
    assert_no_stale_baselines(Path(__file__).with_name("query_counts.json"), [p.key for p in PAGES] + POSTED)
