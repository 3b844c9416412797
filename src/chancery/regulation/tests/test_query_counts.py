"""What the register's pages cost in queries, against the baselines in query_counts.json
(chancery.core.testing_queries; UPDATE_QUERY_COUNTS=1 records them). Lists must not grow with rows."""

from pathlib import Path

import pytest
from django.urls import reverse

from chancery.core.testing_queries import Page, assert_no_stale_baselines, check_page
from chancery.regulation.testing import feedback_round, register_round

PAGES = [
    Page("regulation:index", lambda d: reverse("regulation:index"), None, scales=True),
    Page("regulation:burden", lambda d: reverse("regulation:burden"), None, scales=True),
    Page("regulation:detail", lambda d: d["regulation"].get_absolute_url(), None),
    Page("regulation:eli", lambda d: reverse("regulation:eli", args=[d["regulation"].eli_path]), None),
    Page("regulation:calculation", lambda d: d["calculation"].get_absolute_url(), None),
    Page("regulation:calculation:ex_ante", lambda d: d["ex_ante"].get_absolute_url(), "secretariat"),
    Page("regulation_office:index", lambda d: reverse("regulation_office:index"), "secretariat", scales=True),
    Page("regulation_office:draft", lambda d: reverse("regulation_office:draft", args=[d["draft"].pk]), "secretariat"),
    Page("regulation:signals", lambda d: reverse("regulation:signals"), None, scales=True),
    Page(
        "regulation:regulation_signals",
        lambda d: reverse("regulation:regulation_signals", args=[d["regulation"].pk]),
        None,
        scales=True,
    ),
    Page("regulation:report_signal", lambda d: reverse("regulation:report_signal"), None, scales=True),
    Page(
        "regulation_office:moderation", lambda d: reverse("regulation_office:moderation"), "civil_servant", scales=True
    ),
    Page(
        "regulation_office:signal",
        lambda d: reverse("regulation_office:signal", args=[d["waiting"].pk]),
        "civil_servant",
    ),
    Page(
        "regulation_office:group", lambda d: reverse("regulation_office:group", args=[d["group"].pk]), "civil_servant"
    ),
    Page("regulation_office:states", lambda d: reverse("regulation_office:states"), "civil_servant", scales=True),
    Page(
        "regulation_office:state_version",
        lambda d: reverse("regulation_office:state_version", args=[d["state_version"].pk]),
        "secretariat",
    ),
]


def _round(org, round_=0) -> dict:
    data = register_round(org, round_)
    return {**data, **feedback_round(org, data["regulation"], round_)}


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_queries_of_the_page(client, org, page, query_counts):
    data = {**_round(org), "users": org.users}
    check_page(client, page, data, query_counts, more=lambda: _round(org, 1))


def test_every_baseline_is_measured():
    assert_no_stale_baselines(Path(__file__).with_name("query_counts.json"), [page.key for page in PAGES])
