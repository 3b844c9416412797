"""Events, damage reports and the recognition as a Government decision: prepared by the fund,
submitted by a minister's office, decided, published in the Belgisch Staatsblad; the publication
opens the claim window. A repeated damage report is linked, not stored twice."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from chancery.decisions import services as decisions
from chancery.decisions.models import PublicationStep
from chancery.disaster_fund.models import DamageReport, EventState, Municipality, RecognitionState
from chancery.disaster_fund.services import events, recognitions
from chancery.disaster_fund.services.compensation import claim_deadline
from chancery.disaster_fund.testing import file_claim

TODAY = timezone.localdate


@pytest.fixture
def flood(fund):
    start = TODAY() - datetime.timedelta(days=20)
    return events.record_event(
        fund, phenomenon="flood", name="Overstroming Dender", started_on=start, ended_on=start + datetime.timedelta(2)
    )


def report(user, event, reporter_id="85.07.30-033.61", municipality="41002", **changes):
    fields = dict(
        municipality=Municipality.objects.get(nis_code=municipality), reporter_kind="person",
        reporter_name="Jan Janssens", reporter_id=reporter_id, address="Kaai 1, Aalst",
        occurred_on=event.started_on, description="Kelder onder water.",
    )  # fmt: skip
    fields.update(changes)
    return events.report_damage(user, event, **fields)


def test_a_repeated_report_is_linked_not_stored_twice(org, flood):
    citizen = org.users["applicant"]
    first = report(citizen, flood)
    again = report(citizen, flood, reporter_id="85073003361", description="Nog eens gemeld.")
    assert not first.duplicate and again.duplicate and again.report.pk == first.report.pk
    assert DamageReport.objects.count() == 1 and DamageReport.objects.get().duplicates == 1
    assert DamageReport.objects.get().description == "Kelder onder water."
    report(citizen, flood, reporter_id="0123.456.749", reporter_kind="company")
    assert DamageReport.objects.count() == 2


def test_a_report_after_60_days_is_refused(org, flood):
    late = flood.ended_on + datetime.timedelta(days=61)
    with pytest.raises(ValidationError):
        report(org.users["applicant"], flood, today=late)
    report(org.users["applicant"], flood, today=flood.ended_on + datetime.timedelta(days=60))


@pytest.mark.parametrize(
    "changes", [{"reporter_id": "123"}, {"municipality": "11007"}, {"occurred_on": datetime.date(2020, 1, 1)}]
)
def test_bad_reports_store_nothing(org, flood, changes):
    if changes.get("municipality") == "11007":  # Borsbeek: merged into Antwerpen on 1 January 2025
        flood.started_on = datetime.date(2025, 6, 1)
    with pytest.raises(ValidationError):
        report(org.users["applicant"], flood, **changes)
    assert not DamageReport.objects.exists()


def test_only_an_applicant_reports_at_the_counter(org, flood):
    with pytest.raises(PermissionDenied):
        report(org.users["civil_servant"], flood)


def test_an_event_not_recognised_needs_the_findings(fund, flood):
    with pytest.raises(ValidationError):
        events.set_state(fund, flood, EventState.NOT_RECOGNISED)
    events.set_state(fund, flood, EventState.NOT_RECOGNISED, findings="Terugkeerperiode 12 jaar (VMM): onder 30 jaar.")
    flood.refresh_from_db()
    assert flood.state == EventState.NOT_RECOGNISED
    with pytest.raises(ValidationError):
        recognitions.prepare(fund, flood, period_start=flood.started_on, period_end=flood.ended_on,
                             municipalities=Municipality.objects.filter(nis_code="41002"))  # fmt: skip


def test_the_recognition_goes_through_the_government_and_its_publication_opens_the_window(org, fund, flood):
    secretariat, cabinet = org.users["secretariat"], org.users["cabinet_concerned"]
    recognition = recognitions.prepare(
        fund, flood, period_start=flood.started_on, period_end=flood.ended_on,
        municipalities=Municipality.objects.filter(nis_code__in=["41002", "41048"]),
    )  # fmt: skip
    held = TODAY() - datetime.timedelta(days=10)
    meeting = decisions.create_meeting(
        secretariat, starts_at=timezone.make_aware(datetime.datetime.combine(held, datetime.time(10, 0)))
    )
    recognitions.submit_to_government(cabinet, recognition, meeting, mandatees=[org.mandatees["a"]])
    recognition.refresh_from_db()
    assert recognition.state == RecognitionState.SUBMITTED
    item = decisions.accept(secretariat, recognition.submission)
    draft = decisions.current_draft(meeting)
    decisions.approve_all_formally(secretariat, draft, expected_revision=None)
    decisions.approve_agenda(secretariat, draft, expected_revision=None, close=True)
    item = decisions.final_items(meeting).get(short_title=item.short_title)
    decisions.record_decision(secretariat, item, result="approved", text="De ramp wordt erkend.")
    publication = decisions.start_publication(secretariat, item, regulation_type="government_decision", on=held)
    for step in (PublicationStep.PROOF_REQUESTED, PublicationStep.PROOF_RECEIVED):
        decisions.record_step(secretariat, publication, step, on=held)
    requested = PublicationStep.PUBLICATION_REQUESTED
    decisions.record_step(secretariat, publication, requested, on=held, planned_date=TODAY())
    recognition.refresh_from_db()
    assert recognition.state == RecognitionState.SUBMITTED  # planned is not published
    published = TODAY() - datetime.timedelta(days=2)
    decisions.record_step(secretariat, publication, PublicationStep.PUBLISHED, on=published, numac="2026099999")
    recognition.refresh_from_db()
    flood.refresh_from_db()
    assert recognition.state == RecognitionState.PUBLISHED and recognition.published_on == published
    assert flood.state == EventState.RECOGNISED
    case = file_claim(org.users["applicant"], recognition, municipality="41002")
    assert case.disaster_claim.recognition == recognition
    assert recognitions.open_for_claims(TODAY()) == [recognition]
    assert claim_deadline(published) >= TODAY()


def test_a_recognition_names_municipalities_of_its_time(fund, flood):
    flood.started_on = datetime.date(2024, 6, 1)
    with pytest.raises(ValidationError):  # Pajottegem exists from 1 January 2025
        recognitions.prepare(fund, flood, period_start=datetime.date(2024, 6, 1), period_end=datetime.date(2024, 6, 3),
                             municipalities=Municipality.objects.filter(nis_code="23106"))  # fmt: skip


def test_the_municipalities_shipped(db):
    assert Municipality.objects.count() == 312
    assert Municipality.objects.filter(valid_until__isnull=True).count() == 285
    assert Municipality.objects.filter(valid_from__lte=datetime.date(2024, 12, 31)).count() == 300
