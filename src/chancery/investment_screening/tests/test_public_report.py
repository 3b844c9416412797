"""The public yearly report (page and CSV): a closed year only, figures only (no company, no file,
no business secret), a count under 3 shown as "< 3", a lone withheld cell of a table that adds up
to the year's filings taking the next smallest with it, a lead time only over 3 decisions."""

import datetime

from django.urls import reverse
from django.utils import timezone

from chancery.investment_screening.models import Notification
from chancery.investment_screening.services import statistics
from chancery.investment_screening.testing import notify
from chancery.procedures.services import cases as engine

LAST_YEAR = timezone.localdate().year - 1


def to_last_year(*cases):
    moved = timezone.make_aware(datetime.datetime(LAST_YEAR, 6, 1, 12))
    Notification.objects.filter(case__in=cases).update(recorded_at=moved)


def test_the_suppression_table():
    cells = [("US", 7), ("CN", 4), ("HK", 1)]
    # One withheld cell of a table adding up to the total: the next smallest goes too.
    assert statistics._table(cells, adds_up=True) == [("US", 7), ("CN", "—"), ("HK", "< 3")]
    assert statistics._table(cells, adds_up=False) == [("US", 7), ("CN", 4), ("HK", "< 3")]
    # Two withheld cells hide each other; 3 is shown (at the threshold), 2 is not (just below).
    assert statistics._table([("US", 3), ("CN", 2), ("HK", 1)], adds_up=True) == [
        ("US", 3), ("CN", "< 3"), ("HK", "< 3"),
    ]  # fmt: skip
    assert statistics._shown(0) == 0 and statistics._shown(3) == 3 and statistics._shown(2) == "< 3"


def test_the_report_of_a_closed_year(client, applicant, handler):
    cases = [notify(applicant, investor_country="US", owners=[], sectors=["media"]) for _ in range(4)]
    cases.append(notify(applicant))  # HK, energy: one filing of its country
    for case in cases[:3]:
        engine.fire(case, "declare_complete", handler, expected_version=case.version)
        case.refresh_from_db()
        engine.fire(case, "clear", handler, reason="Vrijgegeven.", expected_version=case.version)
    to_last_year(*cases)
    report = statistics.public_report(LAST_YEAR)
    assert report.filings == 5 and report.by_country == [("US", "—"), ("HK", "< 3")]
    assert {key: count for key, _label, count in report.by_outcome} == {"cleared": "—", "open": "< 3"}
    assert [lead.outcome for lead in report.lead_times] == ["cleared"]  # three decisions: published
    page = client.get(reverse("investment_screening_public:report", args=[LAST_YEAR]))
    csv = client.get(reverse("investment_screening_public:csv", args=[LAST_YEAR]))
    assert page.status_code == 200 and csv.status_code == 200
    for body in (page.content.decode(), csv.content.decode()):
        for secret in ("Dragon Grid", "Andere Onderneming", "Li Wei", "Earn-out", "310", "240", cases[0].reference):
            assert secret not in body, secret
        assert "&lt; 3" in body or "< 3" in body
    latest = client.get(reverse("investment_screening_public:index")).content.decode()
    assert f"investeringen {LAST_YEAR}" in latest and "&lt; 3" in latest


def test_the_running_year_is_not_published(client, applicant):
    notify(applicant)
    year = timezone.localdate().year
    assert client.get(reverse("investment_screening_public:report", args=[year])).status_code == 404
    assert client.get(reverse("investment_screening_public:csv", args=[year])).status_code == 404
    assert client.get(reverse("investment_screening_public:index")).status_code == 200
