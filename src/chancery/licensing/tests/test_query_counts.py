"""What the licence screens of the service, the holder's counter and the public report cost in
queries, against the baselines in query_counts.json (chancery.core.testing_queries;
UPDATE_QUERY_COUNTS=1 records them). Lists must not grow with rows."""

from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from chancery.core.testing_queries import Page, assert_no_stale_baselines, check_page
from chancery.licensing.models import Licence
from chancery.licensing.testing import case_files
from chancery.procedures.models import CaseTransition


def last_year(data) -> int:
    return timezone.localdate().year - 1


def close_the_year() -> None:
    """This year's decisions moved to last year, which the public report shows (closed years only)."""
    year = timezone.localdate().year
    for licence in Licence.objects.filter(decided_on__year=year):
        Licence.objects.filter(pk=licence.pk).update(decided_on=licence.decided_on.replace(year=year - 1))
    for step in CaseTransition.objects.filter(target="refused", at__year=year):
        CaseTransition.objects.filter(pk=step.pk).update(at=step.at.replace(year=year - 1))


PAGES = [
    Page("licensing:index", lambda d: reverse("licensing:index"), "handler", scales=True),
    Page("licensing:registrations", lambda d: reverse("licensing:registrations"), "handler", scales=True),
    Page("licensing:authorisations", lambda d: reverse("licensing:authorisations"), "handler", scales=True),
    Page("licensing:statistics", lambda d: reverse("licensing:statistics"), "handler", scales=True),
    Page("licensing:licence", lambda d: reverse("licensing:licence", args=[d["licence"].number]), "handler"),
    Page(
        "licensing:registration",
        lambda d: reverse("licensing:registration", args=[d["registration"].pk]),
        "handler",
    ),
    Page("licensing_counter:index", lambda d: reverse("licensing_counter:index"), "applicant", scales=True),
    Page(
        "licensing_counter:licence",
        lambda d: reverse("licensing_counter:licence", args=[d["licence"].number]),
        "applicant",
    ),
    Page(
        "licensing_counter:registration",
        lambda d: reverse("licensing_counter:registration", args=[d["registration"].pk]),
        "applicant",
    ),
    Page("licensing_public:index", lambda d: reverse("licensing_public:index"), None, scales=True),
    Page(
        "licensing_public:report",
        lambda d: reverse("licensing_public:report", args=[last_year(d)]),
        None,
        scales=True,
    ),
]


@pytest.fixture
def data(handler, colleague, applicant, demo_list):
    users = {"handler": handler, "colleague": colleague, "applicant": applicant}
    return {**case_files(users), "users": users}


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_queries_of_the_page(client, data, page, query_counts):
    if page.key.startswith("licensing_public:"):
        close_the_year()

        def more():
            case_files(data["users"], 1)
            close_the_year()
    else:

        def more():
            case_files(data["users"], 1)

    check_page(client, page, data, query_counts, more=more)


def test_every_baseline_is_measured():
    assert_no_stale_baselines(Path(__file__).with_name("query_counts.json"), [page.key for page in PAGES])
