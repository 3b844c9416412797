"""What the EU files' pages cost in queries, against the baselines in query_counts.json
(chancery.core.testing_queries; UPDATE_QUERY_COUNTS=1 records them). Lists must not grow with rows."""

from pathlib import Path

import pytest
from django.urls import reverse

from chancery.core.testing_queries import Page, assert_no_stale_baselines, check_page
from chancery.eu_files.testing import files_round

PAGES = [
    Page("eu_files:index", lambda d: reverse("eu_files:index"), scales=True),
    Page("eu_files:act", lambda d: reverse("eu_files:act", args=[d["proposal"].pk])),
    Page("eu_files:meetings", lambda d: reverse("eu_files:meetings"), scales=True),
    Page("eu_files:meeting", lambda d: reverse("eu_files:meeting", args=[d["meeting"].pk])),
    Page("eu_files:councils", lambda d: reverse("eu_files:councils"), scales=True),
]


@pytest.fixture
def data(org):
    return {**files_round(org), "users": {"secretariat": org.users["secretariat"]}, "org": org}


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_queries_of_the_page(client, data, page, query_counts):
    check_page(client, page, data, query_counts, more=lambda: files_round(data["org"], 1))


def test_every_baseline_is_measured():
    assert_no_stale_baselines(Path(__file__).with_name("query_counts.json"), [page.key for page in PAGES])
