"""What each public page costs in queries, against the baselines in query_counts.json
(chancery.core.testing_queries; UPDATE_QUERY_COUNTS=1 records them). Lists must not grow with rows."""

from pathlib import Path

import pytest
from django.urls import reverse

from chancery.core.testing_queries import Page, assert_no_stale_baselines, check_page
from chancery.decisions.models import Theme
from chancery.decisions.testing import decision_making
from chancery.portal.search.tantivy_index import indexer


def theme(data) -> Theme:
    return Theme.objects.order_by("pk").first()


PAGES = [
    Page("portal:decisions", lambda d: reverse("portal:decisions"), None, scales=True),
    Page("portal:meeting", lambda d: reverse("portal:meeting", args=[d["meeting"].uuid]), None),
    Page("portal:meeting:minister", lambda d: reverse("portal:meeting", args=[d["meeting"].uuid]), "minister"),
    Page("portal:decision", lambda d: reverse("portal:decision", args=[d["meeting"].uuid, d["item"].lineage]), None),
    Page("portal:document", lambda d: reverse("portal:document", args=[d["document"].uuid]), None),
    Page("portal:dossier", lambda d: reverse("portal:dossier", args=[d["dossier"].uuid]), None),
    Page("portal:minister", lambda d: reverse("portal:minister", args=[d["org"].mandatees["a"].pk]), None, scales=True),
    Page(
        "portal:minister_feed",
        lambda d: reverse("portal:minister_feed", args=[d["org"].mandatees["a"].pk]),
        None,
        scales=True,
    ),
    Page("portal:themes", lambda d: reverse("portal:themes"), None, scales=True),
    Page("portal:theme", lambda d: reverse("portal:theme", args=[theme(d).slug]), None, scales=True),
    Page("portal:theme_feed", lambda d: reverse("portal:theme_feed", args=[theme(d).slug]), None, scales=True),
    Page("search", lambda d: reverse("search") + "?q=mensenrechtenfonds", None, scales=True),
    Page("search:secretariat", lambda d: reverse("search") + "?q=mensenrechtenfonds", "secretariat", scales=True),
    Page("search_feed", lambda d: reverse("search_feed") + "?q=mensenrechtenfonds", None, scales=True),
    Page("open_data", lambda d: reverse("open_data"), None),
    Page("sitemap", lambda d: reverse("sitemap"), None, scales=True),
]


def released(org, round_: int) -> dict:
    """A round of decision-making, released, with the public search index brought up to date (as
    the worker does after each change)."""
    made = decision_making(org, round_)
    indexer.sync()
    return made


@pytest.fixture
def data(org, themes):
    users = {"secretariat": org.users["secretariat"], "minister": org.users["minister_concerned"]}
    return {**released(org, 0), "users": users, "org": org}


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_queries_of_the_page(client, data, page, query_counts):
    check_page(client, page, data, query_counts, more=lambda: released(data["org"], 1))


def test_every_baseline_is_measured():
    assert_no_stale_baselines(Path(__file__).with_name("query_counts.json"), [page.key for page in PAGES])
