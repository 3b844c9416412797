"""The yearly figures: filings per sector (once in each), investor country and outcome, and the lead
time from notification to decision."""

import datetime

from django.utils import timezone

from chancery.investment_screening.services import notifications, statistics
from chancery.investment_screening.testing import notify
from chancery.procedures.models import CaseTransition
from chancery.procedures.services import cases as engine


def fire(case, step, user, reason, days):
    later = timezone.now() + datetime.timedelta(days=days)
    engine.fire(case, step, user, reason=reason, expected_version=case.version, now=later)


def test_filings_outcomes_and_lead_times(applicant, handler):
    cleared = notify(applicant, regions=["WAL"], sectors=["media"])
    fire(cleared, "declare_complete", handler, "", 2)
    fire(cleared, "clear", handler, "Vrijgegeven.", 9)
    screened = notify(applicant, investor_country="US", owners=[])
    fire(screened, "declare_complete", handler, "", 0)
    fire(screened, "start_screening", handler, "Screening.", 0)
    notifications.record_flemish_assessment(handler, screened, strategic_interests="Energie.", advice="objection")
    notify(applicant, investor_country="US", owners=[], sectors=["other"])
    year = timezone.localtime(screened.created_at).year
    report = statistics.yearly(year)
    assert report.filings == 3
    assert report.notifiable == 2  # the third is outside the sectors
    assert dict((key, count) for key, _label, count in report.by_sector) == {
        "energy": 1, "critical_infrastructure": 1, "media": 1, "other": 1,
    }  # fmt: skip
    assert report.by_country == [("US", 2), ("HK", 1)]
    assert {key: count for key, _label, count in report.by_outcome} == {"cleared": 1, "open": 2}
    assert report.flemish_link == 2
    # In calendar days from the notification to the step that decided the file.
    history = {step.target: timezone.localtime(step.at).date() for step in CaseTransition.objects.filter(case=cleared)}
    days = (history["cleared"] - history["notified"]).days
    assert 9 <= days <= 10
    assert [(lead.outcome, lead.count, lead.median_days, lead.longest_days) for lead in report.lead_times] == [
        ("cleared", 1, days, days)
    ]
    csv = statistics.as_csv(report)
    assert csv.splitlines()[0] == "year,section,key,label,value"
    assert f"{year},outcome,cleared," in csv
