"""The statistics release calendar (B7) in public: a page and an iCalendar feed of the announced
releases of public indicators — indicator, period and moment, never a figure before its moment."""

import datetime
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from chancery.core import ical
from chancery.monitoring.models import Indicator, ScheduledRelease
from chancery.monitoring.services import observations


def unfolded(text: str) -> list[str]:
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    lines = text.replace("\r\n ", "").split("\r\n")[:-1]
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n")), "a line is not folded"
    return lines


def test_the_public_sees_the_announced_releases_of_public_indicators(client, db):
    moment = timezone.now() + datetime.timedelta(days=30)
    shown = Indicator.objects.create(
        code="partners", name="Partnerschappen, bilateraal; totaal", unit="aantal", public=True
    )
    hidden = Indicator.objects.create(code="intern", name="Interne teller", unit="aantal", public=False)
    for indicator in (shown, hidden):
        ScheduledRelease.objects.create(indicator=indicator, period="2026", release_at=moment)
    observations.record(shown, "2026", Decimal("123.456"))  # embargoed until the moment
    page = client.get(reverse("progress:calendar"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Partnerschappen, bilateraal; totaal" in text and "Interne teller" not in text
    assert "123" not in text
    assert reverse("progress:calendar") in client.get(reverse("progress:index")).content.decode()
    feed = client.get(reverse("progress:calendar_ics"))
    assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
    lines = unfolded(feed.content.decode())
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR" and "VERSION:2.0" in lines
    events = [line for line in lines if line == "BEGIN:VEVENT"]
    assert len(events) == 1
    assert f"DTSTART:{moment.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}" in lines
    assert "SUMMARY:Partnerschappen\\, bilateraal\\; totaal\\, 2026" in lines  # escaped as RFC 5545 wants
    assert "Interne teller" not in feed.content.decode() and "123" not in feed.content.decode()


def test_long_lines_are_folded_without_splitting_a_character():
    event = ical.Event(uid="x@test", start=timezone.now(), summary="é" * 100)
    text = ical.calendar("Kalender", [event])
    lines = unfolded(text)
    assert "SUMMARY:" + "é" * 100 in lines
