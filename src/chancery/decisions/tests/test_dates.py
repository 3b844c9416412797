"""Dates that cannot be (issue 14): nothing that follows a meeting — its decisions, their release,
its minutes, its closing — happens before the meeting, whatever the day the secretariat tries."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import formats, timezone

from chancery.core.testing import pdf_upload
from chancery.decisions import services
from chancery.decisions.models import Decision, DecisionResult, Minutes, Release


@pytest.fixture
def coming(secretariat, add):
    """A meeting eleven days from now whose final agenda is approved (as the demo's of 18 December
    was on the 7th)."""
    day = timezone.localdate() + datetime.timedelta(days=11)
    meeting = services.create_meeting(
        secretariat, starts_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
    )
    add(meeting, "Oostgrens")
    services.approve_all_formally(secretariat, services.current_draft(meeting), expected_revision=None)
    services.approve_agenda(secretariat, services.current_draft(meeting), expected_revision=None, close=True)
    meeting.refresh_from_db()
    return meeting


def held_on(meeting) -> str:
    return formats.date_format(timezone.localtime(meeting.starts_at).date(), "j F Y")


def test_decisions_are_not_recorded_before_the_meeting(secretariat, coming, client, org):
    item = services.final_items(coming).get()
    with pytest.raises(ValidationError, match=f"vanaf de dag van de zitting, {held_on(coming)}"):
        services.record_decision(secretariat, item, result=DecisionResult.APPROVED, text="De Regering keurde vandaag")
    client.force_login(org.users["secretariat"])
    response = client.post(reverse("decisions:item_decide", args=[item.pk]), {"result": "approved"}, follow=True)
    assert held_on(coming) in response.content.decode()
    assert not Decision.objects.exists()


def test_closing_and_minutes_wait_for_the_meeting(secretariat, coming):
    with pytest.raises(ValidationError, match="plaatsgevonden"):
        services.close_meeting(secretariat, coming)
    with pytest.raises(ValidationError, match="Notulen"):
        services.attach_minutes(secretariat, coming, pdf_upload())
    assert not Minutes.objects.exists()


def test_a_release_does_not_come_before_the_meeting(secretariat, coming, monkeypatch):
    meeting_day = timezone.localtime(coming.starts_at).date()
    monkeypatch.setattr(timezone, "localdate", lambda: meeting_day)  # the day of the meeting: decide
    for item in services.final_items(coming):
        services.record_decision(secretariat, item, result=DecisionResult.APPROVED, text="Goedgekeurd.")
    with pytest.raises(ValidationError) as refused:
        services.plan_release(secretariat, coming, "decisions", coming.starts_at - datetime.timedelta(days=1))
    assert "planned_at" in refused.value.message_dict
    release = services.plan_release(secretariat, coming, "decisions")
    assert release.planned_at >= coming.starts_at
    services.confirm_release(secretariat, release)
    with pytest.raises(ValidationError, match="nog niet plaatsgevonden"):
        services.release_now(secretariat, release, now=coming.starts_at - datetime.timedelta(days=11))
    assert Release.objects.get().state == "confirmed"
    assert services.release_now(secretariat, release, now=coming.starts_at + datetime.timedelta(hours=4)).state == (
        "released"
    )
