"""What the monitoring dashboard, its screens and the public progress pages cost in queries, against
the baselines in query_counts.json (chancery.core.testing_queries; UPDATE_QUERY_COUNTS=1 records
them). Lists must not grow with rows."""

from pathlib import Path

import pytest
from django.urls import reverse

from chancery.core.testing_queries import Page, assert_no_stale_baselines, check_page
from chancery.monitoring.services import reports
from chancery.monitoring.testing import programme_tree


def ready_report(data):
    """The report made (HTML and PDF, as the worker does): only for the pages that show it."""
    report = data["report"]
    reports.generate(report.pk)
    return report.pk


PAGES = [
    Page("monitoring:dashboard", lambda d: reverse("monitoring:dashboard"), scales=True),
    Page("monitoring:dashboard:expert", lambda d: reverse("monitoring:dashboard"), "expert", scales=True),
    Page("monitoring:reports", lambda d: reverse("monitoring:reports"), scales=True),
    Page("monitoring:vision_notes", lambda d: reverse("monitoring:vision_notes"), scales=True),
    Page("monitoring:report", lambda d: reverse("monitoring:report", args=[ready_report(d)])),
    Page("monitoring:report_html", lambda d: reverse("monitoring:report_html", args=[ready_report(d)])),
    Page("monitoring:initiative:ambition", lambda d: reverse("monitoring:initiative", args=[d["ambition"].code])),
    Page("monitoring:initiative:programme", lambda d: reverse("monitoring:initiative", args=[d["programmes"][0].code])),
    Page("monitoring:initiative:project", lambda d: reverse("monitoring:initiative", args=[d["projects"][0].code])),
    Page("monitoring:indicator", lambda d: reverse("monitoring:indicator", args=[d["indicators"][0].code])),
    Page("progress:index", lambda d: reverse("progress:index"), None, scales=True),
    Page("progress:detail", lambda d: reverse("progress:detail", args=[d["programmes"][0].code]), None),
    Page("progress:calendar", lambda d: reverse("progress:calendar"), None, scales=True),
    Page("progress:calendar_ics", lambda d: reverse("progress:calendar_ics"), None, scales=True),
]


@pytest.fixture
def data(org):
    users = {"secretariat": org.users["secretariat"], "expert": org.users["expert"]}
    return {**programme_tree(org), "users": users, "org": org}


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_queries_of_the_page(client, data, page, query_counts):
    check_page(client, page, data, query_counts, more=lambda: programme_tree(data["org"], 1))


def test_every_baseline_is_measured():
    assert_no_stale_baselines(Path(__file__).with_name("query_counts.json"), [page.key for page in PAGES])
