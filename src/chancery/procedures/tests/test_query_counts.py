"""What the handlers' pages and the applicants' counter cost in queries, against the baselines in
query_counts.json (chancery.core.testing_queries; UPDATE_QUERY_COUNTS=1 records them). Lists must
not grow with rows."""

from pathlib import Path

import pytest
from django.urls import reverse

from chancery.core import pending
from chancery.core.testing_queries import Page, assert_no_stale_baselines, check_page
from chancery.licensing.testing import case_files
from chancery.procedures import registry
from chancery.procedures.services import drafts
from chancery.procedures.testing import pdf


def case(name):
    return lambda d: reverse("procedures:case", args=[d[name].reference])


PAGES = [
    Page("procedures:inbox", lambda d: reverse("procedures:inbox"), "handler", scales=True),
    Page("procedures:inbox:team", lambda d: reverse("procedures:inbox") + "?tab=team", "handler", scales=True),
    Page(
        "procedures:inbox:unassigned",
        lambda d: reverse("procedures:inbox") + "?tab=unassigned",
        "handler",
        scales=True,
    ),
    Page("procedures:workload", lambda d: reverse("procedures:workload"), "handler", scales=True),
    Page("procedures:statistics", lambda d: reverse("procedures:statistics"), "handler", scales=True),
    Page("procedures:representations", lambda d: reverse("procedures:representations"), "handler", scales=True),
    Page("procedures:case:granted", case("granted"), "handler"),
    Page("procedures:case:waiting", case("waiting"), "handler"),
    Page("procedures:case:submitted", case("submitted"), "handler"),
    Page("counter:index", lambda d: reverse("counter:index"), "applicant", scales=True),
    Page("counter:case:granted", lambda d: reverse("counter:case", args=[d["granted"].reference]), "applicant"),
    Page("counter:case:waiting", lambda d: reverse("counter:case", args=[d["waiting"].reference]), "applicant"),
    Page("counter:draft", lambda d: reverse("counter:draft", args=[d["draft"].pk]), "applicant"),
]


@pytest.fixture
def data(handler, colleague, applicant, demo_list):
    users = {"handler": handler, "colleague": colleague, "applicant": applicant}
    kept = pending.keep(applicant, pdf())
    fields = {
        "title": ["Uitvoer naar Japan"],
        "destination_country": ["Japan"],
        "end_user_certificate-kept": [str(kept.key)],
    }
    draft = drafts.save_draft(applicant, registry.get("CSG"), fields=fields, title="Uitvoer naar Japan")
    return {**case_files(users), "users": users, "draft": draft}


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_queries_of_the_page(client, data, page, query_counts):
    check_page(client, page, data, query_counts, more=lambda: case_files(data["users"], 1))


def test_every_baseline_is_measured():
    assert_no_stale_baselines(Path(__file__).with_name("query_counts.json"), [page.key for page in PAGES])
