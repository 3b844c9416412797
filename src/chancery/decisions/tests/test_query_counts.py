"""What each screen of decision-making costs in queries, against the baselines in query_counts.json
(chancery.core.testing_queries; UPDATE_QUERY_COUNTS=1 records them). Lists must not grow with rows."""

from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from chancery.core.testing_queries import Page, assert_no_stale_baselines, check_page
from chancery.decisions.testing import decision_making


def month(data) -> str:
    return f"?maand={timezone.localtime(data['meeting'].starts_at):%Y-%m}"


PAGES = [
    Page("decisions:meeting_list", lambda d: reverse("decisions:meeting_list"), scales=True),
    Page("decisions:meeting_calendar", lambda d: reverse("decisions:meeting_calendar") + month(d), scales=True),
    Page("decisions:dossier_list", lambda d: reverse("decisions:dossier_list"), scales=True),
    Page("decisions:submission_list", lambda d: reverse("decisions:submission_list"), "cabinet", scales=True),
    Page("decisions:publication_list", lambda d: reverse("decisions:publication_list"), scales=True),
    Page("decisions:items_awaiting", lambda d: reverse("decisions:items_awaiting"), scales=True),
    Page("decisions:meeting_detail", lambda d: d["meeting"].get_absolute_url()),
    Page("decisions:meeting_detail:preparing", lambda d: d["upcoming"].get_absolute_url()),
    Page("decisions:meeting_detail:minister", lambda d: d["meeting"].get_absolute_url(), "minister"),
    Page("decisions:agenda_detail", lambda d: reverse("decisions:agenda_detail", args=[d["meeting"].uuid, "A"])),
    Page("decisions:meeting_preparation", lambda d: reverse("decisions:meeting_preparation", args=[d["meeting"].uuid])),
    Page("decisions:meeting_session", lambda d: reverse("decisions:meeting_session", args=[d["meeting"].uuid])),
    Page("decisions:meeting_after", lambda d: reverse("decisions:meeting_after", args=[d["meeting"].uuid])),
    Page("decisions:meeting_after:preparing", lambda d: reverse("decisions:meeting_after", args=[d["upcoming"].uuid])),
    # The release panel's preview (a portal page rendered for the secretariat; urls.py names it).
    Page("release_preview", lambda d: reverse("release_preview", args=[d["meeting"].uuid])),
    Page("release_preview:preparing", lambda d: reverse("release_preview", args=[d["upcoming"].uuid])),
    Page("decisions:agenda_compare", lambda d: reverse("decisions:agenda_compare", args=[d["meeting"].uuid])),
    Page("decisions:dossier_detail", lambda d: reverse("decisions:dossier_detail", args=[d["dossier"].uuid])),
    Page("decisions:submission_detail", lambda d: d["submission"].get_absolute_url()),
    Page("decisions:submission_detail:cabinet", lambda d: d["submission"].get_absolute_url(), "cabinet"),
    Page("decisions:publication_detail", lambda d: d["publication"].get_absolute_url()),
]


@pytest.fixture
def data(org, themes):
    users = {
        "secretariat": org.users["secretariat"],
        "cabinet": org.users["cabinet_concerned"],
        "minister": org.users["minister_concerned"],
    }
    return {**decision_making(org), "users": users, "org": org}


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_queries_of_the_page(client, data, page, query_counts):
    check_page(client, page, data, query_counts, more=lambda: decision_making(data["org"], 1))


def test_every_baseline_is_measured():
    assert_no_stale_baselines(Path(__file__).with_name("query_counts.json"), [page.key for page in PAGES])
