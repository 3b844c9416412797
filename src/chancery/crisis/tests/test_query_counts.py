"""What the crisis register's pages cost in queries, against the baselines in query_counts.json
(chancery.core.testing_queries; UPDATE_QUERY_COUNTS=1 records them). The crisis page loads in one
request with the same number of queries however much its logbook, tasks, contacts, reports, lessons
and findings hold."""

from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from chancery.core.testing_queries import Page, assert_no_stale_baselines, check_page, forget_cached_lookups
from chancery.crisis.testing import crisis_round, fill

PAGES = [
    Page("crisis:crises", lambda d: reverse("crisis:crises"), scales=True),
    Page("crisis:crisis", lambda d: reverse("crisis:crisis", args=[d["crisis"].pk]), reader="civil_servant"),
    Page("crisis:crisis:exercise", lambda d: reverse("crisis:crisis", args=[d["exercise"].pk])),
    Page("crisis:crisis_create", lambda d: reverse("crisis:crisis_create")),
    Page("crisis:report", lambda d: reverse("crisis:report", args=[d["crisis"].pk, 1]), reader="civil_servant"),
    Page("crisis:report_pdf", lambda d: reverse("crisis:report_pdf", args=[d["crisis"].pk, 1])),
    Page("crisis:report_xml", lambda d: reverse("crisis:report_xml", args=[d["crisis"].pk, 1])),
    Page("crisis:plans", lambda d: reverse("crisis:plans"), scales=True),
]


@pytest.fixture
def data(org):
    return {**crisis_round(org), "users": org.users, "org": org}


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_queries_of_the_page(client, data, page, query_counts):
    check_page(client, page, data, query_counts, more=lambda: crisis_round(data["org"], 1))


@pytest.mark.parametrize("key", ["crisis", "exercise"])
def test_the_crisis_page_does_not_grow_with_its_rows(client, data, key):
    crisis, user = data[key], data["users"]["secretariat"]
    client.force_login(user)
    url = reverse("crisis:crisis", args=[crisis.pk])

    def count():
        forget_cached_lookups()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    before = count()
    for round_ in range(1, 4):
        fill(crisis, user, round_)
    assert count() == before


def test_every_baseline_is_measured():
    assert_no_stale_baselines(Path(__file__).with_name("query_counts.json"), [page.key for page in PAGES])
