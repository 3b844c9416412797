"""Attendance at a meeting: defaults (Minister-President in the chair, all members present, the
previous meeting's secretary), recorded exceptions, refusals that change nothing, and the page."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from chancery.core.models import AuditEntry, Mandatee, Person
from chancery.decisions import services
from chancery.decisions.models import DecisionResult, Meeting


def test_defaults_are_the_minister_president_and_everyone_present(meeting, org):
    current = services.attendance(meeting)
    assert current.chair == org.mandatees["a"]  # first in protocol order
    assert set(current.present) == set(Mandatee.objects.active_on(datetime.date(2026, 12, 4)))
    assert current.excused == [] and current.secretary is None and not current.recorded


def test_recorded_exceptions_and_the_secretary_carries_over(secretariat, meeting, org):
    secretary = Person.objects.create(first_name="Sara", last_name="Secretaris")
    result = services.record_attendance(
        secretariat, meeting, chair=org.mandatees["b"], secretary=secretary, excused=[org.mandatees["a"]]
    )
    assert result.chair == org.mandatees["b"] and org.mandatees["a"] not in result.present
    assert result.excused == [org.mandatees["a"]] and result.recorded
    entry = AuditEntry.objects.filter(object_id=str(meeting.pk)).latest("pk")
    assert entry.after["excused"] == [org.mandatees["a"].pk]
    later = services.create_meeting(secretariat, starts_at=timezone.make_aware(datetime.datetime(2026, 12, 11, 10)))
    assert services.attendance(later).secretary == secretary  # remembered, not retyped every week
    assert services.attendance(later).chair == org.mandatees["a"]  # exceptions do not carry over


@pytest.mark.parametrize("case", ["excused_chair", "stranger", "not_secretariat"])
def test_refusals_change_nothing(case, secretariat, meeting, org):
    before = (meeting.chair_id, list(meeting.excused.all()))
    outsider = Mandatee.objects.create(
        person=Person.objects.create(first_name="Oud", last_name="Minister"),
        title="Vlaams minister",
        portfolio="—",
        start=datetime.date(2019, 1, 1),
        end=datetime.date(2020, 1, 1),
    )
    arguments = {
        "excused_chair": (secretariat, org.mandatees["a"], [org.mandatees["a"]], ValidationError),
        "stranger": (secretariat, None, [outsider], ValidationError),
        "not_secretariat": (org.users["minister_concerned"], None, [], PermissionDenied),
    }[case]
    actor, chair, excused, error = arguments
    with pytest.raises(error):
        services.record_attendance(actor, meeting, chair=chair, secretary=None, excused=excused)
    meeting = Meeting.objects.get(pk=meeting.pk)
    assert (meeting.chair_id, list(meeting.excused.all())) == before


def test_closed_meeting_needs_a_reason(secretariat, meeting, add):
    add(meeting, "Punt")
    draft = services.current_draft(meeting)
    services.approve_all_formally(secretariat, draft, expected_revision=None)
    services.approve_agenda(secretariat, draft, expected_revision=None, close=True)
    for item in services.final_items(meeting):
        services.record_decision(secretariat, item, result=DecisionResult.APPROVED, text="Goedgekeurd")
    services.close_meeting(secretariat, meeting)
    with pytest.raises(ValidationError):
        services.record_attendance(secretariat, meeting, chair=None, secretary=None, excused=[])
    services.record_attendance(secretariat, meeting, chair=None, secretary=None, excused=[], reason="Typfout")
    assert AuditEntry.objects.filter(object_id=str(meeting.pk), reason="Typfout").exists()


def test_attendance_page(client, secretariat, meeting, org, add):
    add(meeting, "Punt")
    draft = services.current_draft(meeting)
    services.approve_all_formally(secretariat, draft, expected_revision=None)
    services.approve_agenda(secretariat, draft, expected_revision=None, close=True)  # shown once final
    client.force_login(secretariat)
    url = reverse("decisions:meeting_attendance", args=[meeting.uuid])
    page = client.get(url)
    assert page.status_code == 200 and "Afwezig" not in page.content.decode()
    bad = client.post(url, {"chair": org.mandatees["a"].pk, "excused": [org.mandatees["a"].pk], "revision": 1})
    assert bad.status_code == 400 and "De voorzitter kan niet verontschuldigd zijn." in bad.content.decode()
    done = client.post(url, {"chair": org.mandatees["a"].pk, "excused": [org.mandatees["b"].pk], "revision": 1})
    assert done.status_code == 302
    detail = client.get(reverse("decisions:meeting_detail", args=[meeting.uuid])).content.decode()
    assert "Verontschuldigd" in detail and str(org.mandatees["b"].person) in detail
    client.force_login(org.users["minister_concerned"])
    assert client.get(url).status_code == 403
