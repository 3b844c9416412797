"""A recognition the Government does not adopt: the event is not recognised, its damage reports
are closed with the Government's reason, which the reporters read on their counter page; no claim
window opens. Bad input stores nothing. The fund closing an event itself closes the reports too."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from chancery.core.models import Role
from chancery.core.testing import make_user
from chancery.decisions import services as decisions
from chancery.disaster_fund.models import DamageReport, EventState, Municipality, Recognition, RecognitionState
from chancery.disaster_fund.services import events, recognitions

from .test_recognitions import report

TODAY = timezone.localdate
REASON = "De schade blijft onder de financiële drempel (VMM: terugkeerperiode 12 jaar)."


@pytest.fixture
def storm(fund):
    start = TODAY() - datetime.timedelta(days=20)
    return events.record_event(
        fund, phenomenon="storm", name="Storm Ciara", started_on=start, ended_on=start + datetime.timedelta(1)
    )


@pytest.fixture
def submitted(org, fund, storm):
    recognition = recognitions.prepare(
        fund, storm, period_start=storm.started_on, period_end=storm.ended_on,
        municipalities=Municipality.objects.filter(nis_code__in=["41002"]),
    )  # fmt: skip
    held = TODAY() + datetime.timedelta(days=3)
    meeting = decisions.create_meeting(
        org.users["secretariat"], starts_at=timezone.make_aware(datetime.datetime.combine(held, datetime.time(10)))
    )
    recognitions.submit_to_government(
        org.users["cabinet_concerned"], recognition, meeting, mandatees=[org.mandatees["a"]]
    )
    recognition.refresh_from_db()
    return recognition


def test_the_government_does_not_recognise(client, org, fund, storm, submitted):
    citizen = org.users["applicant"]
    report(citizen, storm)
    report(citizen, storm, reporter_id="0123.456.749", reporter_kind="company")
    assert submitted.state == RecognitionState.SUBMITTED
    recognitions.record_rejection(fund, submitted, reason=REASON)
    submitted.refresh_from_db()
    storm.refresh_from_db()
    assert submitted.state == RecognitionState.REJECTED and submitted.rejected_on == TODAY()
    assert storm.state == EventState.NOT_RECOGNISED and storm.findings == REASON
    assert set(DamageReport.objects.values_list("closed_on", "closing_reason")) == {(TODAY(), REASON)}
    assert recognitions.open_for_claims(TODAY()) == []
    # The reporter reads it on the counter page.
    client.force_login(citizen)
    page = client.get(reverse("disaster_fund_counter:report")).content.decode()
    assert "niet erkend" in page and REASON in page
    # No second decision.
    with pytest.raises(ValidationError):
        recognitions.record_rejection(fund, submitted, reason="Nog eens.")
    # Another citizen's counter page does not show it (the reports are the reporter's own).
    client.force_login(make_user("t-buur", Role.APPLICANT))
    assert REASON not in client.get(reverse("disaster_fund_counter:report")).content.decode()


@pytest.mark.parametrize(
    "changes",
    # Tomorrow as the test runs, not as it was collected (a run that passes midnight in Brussels).
    [lambda: {"reason": "  "}, lambda: {"decided_on": TODAY() + datetime.timedelta(days=1)}],
    ids=["blank reason", "tomorrow"],
)
def test_bad_rejections_store_nothing(org, fund, storm, submitted, changes):
    changes = changes()
    report(org.users["applicant"], storm)
    with pytest.raises(ValidationError):
        recognitions.record_rejection(fund, submitted, **{"reason": REASON, **changes})
    assert Recognition.objects.get().state == RecognitionState.SUBMITTED
    assert not DamageReport.objects.filter(closed_on__isnull=False).exists()


def test_a_prepared_recognition_is_not_yet_before_the_government(fund, storm):
    prepared = recognitions.prepare(
        fund, storm, period_start=storm.started_on, period_end=storm.ended_on,
        municipalities=Municipality.objects.filter(nis_code__in=["41002"]),
    )  # fmt: skip
    with pytest.raises(ValidationError):
        recognitions.record_rejection(fund, prepared, reason=REASON)


def test_only_the_fund_records_it(org, submitted):
    with pytest.raises(PermissionDenied):
        recognitions.record_rejection(org.users["applicant"], submitted, reason=REASON)


def test_on_the_event_page(client, org, fund, storm, submitted):
    report(org.users["applicant"], storm)
    client.force_login(fund)
    url = reverse("disaster_fund:event", args=[storm.pk])
    assert 'id="rejection"' in client.get(url).content.decode()
    response = client.post(url, {"rejection-submit": "1", "reason": "", "decided_on": TODAY().isoformat()})
    assert response.status_code == 400 and Recognition.objects.get().state == RecognitionState.SUBMITTED
    response = client.post(url, {"rejection-submit": "1", "reason": REASON, "decided_on": TODAY().isoformat()})
    assert response.status_code == 302 and Recognition.objects.get().state == RecognitionState.REJECTED
    page = client.get(url).content.decode()
    assert 'id="rejection"' not in page and REASON in page


def test_the_fund_closing_an_event_closes_its_reports(org, fund, storm):
    report(org.users["applicant"], storm)
    events.set_state(fund, storm, EventState.NOT_RECOGNISED, findings=REASON)
    assert DamageReport.objects.get().closing_reason == REASON
