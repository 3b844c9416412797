"""Everyone gets a figure at the same moment (memorandum §1.2.1), and a progress report gives the
same answer on every path: the defects of issue 12, each checked on every read path."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from chancery.api.models import ApiToken, Scope
from chancery.core.models import Role
from chancery.core.testing import make_user
from chancery.monitoring.models import Observation, ProgressReport, ScheduledRelease
from chancery.monitoring.services import observations, reports

FIGURE = Decimal("4242")


def shows_figure(html: str) -> bool:
    return bool(re.search(r"4[.\s\u202f]?242", html))


@pytest.fixture
def embargoed_figure(indicator):
    """The 2026 value is recorded; its announced release moment is three weeks away."""
    observations.record(indicator, "2025", 14)
    ScheduledRelease.objects.create(
        indicator=indicator, period="2026", release_at=timezone.now() + datetime.timedelta(days=21)
    )
    return observations.record(indicator, "2026", FIGURE)[0]


def _api_values(client, user, indicator) -> list[str]:
    _token, key = ApiToken.issue(user, [Scope.READ_INTERNAL])
    response = client.get("/api/v1/indicators", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200
    [row] = [r for r in response.json()["results"] if r["code"] == indicator.code]
    return [o["period"] for o in row["observations"]]


@pytest.mark.parametrize(
    "role, sees_it",
    [("expert", False), ("minister_concerned", False), ("cabinet_other", False), ("civil_servant", True),
     ("secretariat", True), ("admin", True)],
)  # fmt: skip
def test_only_the_producers_see_a_figure_before_its_release_moment(
    client, org, tree, indicator, embargoed_figure, role, sees_it
):
    user = org.users[role]
    assert Observation.objects.visible_to(user).filter(pk=embargoed_figure.pk).exists() == sees_it
    client.force_login(user)
    for page in (reverse("monitoring:initiative", args=[tree[2].code]), indicator.get_absolute_url()):
        response = client.get(page)
        assert response.status_code == 200
        assert shows_figure(response.content.decode()) == sees_it, (role, page)
    assert ("2026" in _api_values(client, user, indicator)) == sees_it
    # The public never does, before the moment.
    client.logout()
    assert not shows_figure(client.get(reverse("progress:detail", args=[tree[2].code])).content.decode())


def test_after_the_moment_everyone_sees_it(client, org, tree, indicator, embargoed_figure):
    ScheduledRelease.objects.filter(indicator=indicator).update(
        release_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    for user in (org.users["expert"], org.users["minister_concerned"], None):
        assert Observation.objects.visible_to(user).filter(pk=embargoed_figure.pk).exists()
    client.force_login(org.users["expert"])
    assert shows_figure(client.get(indicator.get_absolute_url()).content.decode())


def test_a_report_made_before_the_moment_leaves_the_figure_out_and_says_so(
    org, tree, indicator, embargoed_figure, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = reports.request_report(org.users["secretariat"], tree[0], str(timezone.localdate().year))
    report.refresh_from_db()
    assert report.state == "ready", report.error
    assert not shows_figure(report.html)
    assert "Nog niet vrijgegeven cijfers" in report.html and "Partnerschappen in de Oostgrens-regio 2026" in report.html


@pytest.fixture
def made_report(org, tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = reports.request_report(org.users["civil_servant"], None, "2025")
    report.refresh_from_db()
    assert report.state == "ready", report.error
    return report


def _paths(client, report) -> dict[str, int]:
    return {
        "report page": client.get(reverse("monitoring:report", args=[report.pk])).status_code,
        "pdf": client.get(reverse("monitoring:report_pdf", args=[report.pk])).status_code,
        "html": client.get(reverse("monitoring:report_html", args=[report.pk])).status_code,
        "document": client.get(report.document.get_absolute_url()).status_code,
        "download": client.get(
            reverse("document_download", args=[report.document.uuid, report.document.latest_version.number])
        ).status_code,
    }


@pytest.mark.parametrize(
    "role, reads",
    [("expert", True), ("civil_servant", True), ("minister_other", True), ("secretariat", True),
     ("applicant", False)],
)  # fmt: skip
def test_a_report_gets_one_answer_on_every_path(client, org, made_report, role, reads):
    """The board's experts read the reports: the document names them, so the core rule agrees with
    the monitoring pages (the PDF was served to experts while the document said 404)."""
    user = org.users[role]
    client.force_login(user)
    answers = _paths(client, made_report)
    if reads:
        assert set(answers.values()) == {200}, answers
        assert made_report.document.is_visible_to(user)
    else:
        assert all(status in (403, 404) for status in answers.values()), answers
        assert not made_report.document.is_visible_to(user)
        assert not ProgressReport.objects.visible_to(user).exists()


def test_an_expert_who_joins_the_board_reads_the_next_run(
    client, org, tree, made_report, django_capture_on_commit_callbacks
):
    newcomer = make_user("t-nieuwe-expert", Role.EXPERT)
    client.force_login(newcomer)
    assert client.get(reverse("monitoring:report_pdf", args=[made_report.pk])).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        reports.request_report(org.users["secretariat"], None, "2025")
    assert set(_paths(client, made_report).values()) == {200}
    # The document was released within the administration by its service, audited, not by a raw update.
    from chancery.core.models import AuditEntry

    created = AuditEntry.objects.for_object(made_report.document).filter(action="create").get()
    assert created.after["release_state"] == "released" and created.source == "task"
