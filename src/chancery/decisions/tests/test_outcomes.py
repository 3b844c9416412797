"""Decisions, corrections, postponement, dossier phase, closing, and the release with its embargo."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.utils import timezone

from chancery.core import services as core_services
from chancery.core.models import AccessLevel, AuditEntry, Document, ReleaseState
from chancery.core.testing import pdf_upload
from chancery.decisions import services
from chancery.decisions.models import AgendaItem, Decision, DecisionResult, ItemDocument, MeetingState, Release


def at(day, hour=10):
    return timezone.make_aware(datetime.datetime.fromisoformat(day).replace(hour=hour))


@pytest.fixture
def final_meeting(secretariat, meeting, add):
    """A meeting with a final agenda: a public note, a confidential note, an announcement."""
    add(meeting, "Oostgrens")
    add(meeting, "Vertrouwelijk dossier", access_level=AccessLevel.CONFIDENTIAL)
    add(meeting, "Mededeling", kind="announcement")
    draft = services.current_draft(meeting)
    services.approve_all_formally(secretariat, draft, expected_revision=None)
    services.approve_agenda(secretariat, draft, expected_revision=None, close=True)
    meeting.refresh_from_db()
    return meeting


def items_of(meeting):
    return {i.short_title: i for i in services.final_items(meeting)}


def decide_all(secretariat, meeting, result=DecisionResult.APPROVED):
    for item in services.final_items(meeting):
        services.record_decision(secretariat, item, result=result, text=f"Beslissing over {item.short_title}")


def test_decisions_are_recorded_once_and_corrected_by_new_versions(secretariat, final_meeting):
    item = items_of(final_meeting)["Oostgrens"]
    first = services.record_decision(secretariat, item, result=DecisionResult.APPROVED, text="Goedgekeurd.")
    with pytest.raises(ValidationError, match="correctie"):
        services.record_decision(secretariat, item, result=DecisionResult.WITHDRAWN)
    with pytest.raises(ValidationError):
        services.correct_decision(secretariat, item, result=DecisionResult.APPROVED, text="x", reason=" ")
    second = services.correct_decision(
        secretariat, item, result=DecisionResult.APPROVED, text="Goedgekeurd, met amendement.", reason="Materiële fout"
    )
    assert (first.version, second.version) == (1, 2)
    assert item.decision == second and Decision.objects.get(pk=first.pk).text == "Goedgekeurd."
    first.text = "overschreven"
    with pytest.raises(ValueError):
        first.save()
    entry = AuditEntry.objects.for_object(second).get()
    assert entry.reason == "Materiële fout" and entry.before["text"] == "Goedgekeurd."


def test_decisions_only_on_the_final_agenda(secretariat, meeting, add):
    item = add(meeting, "Nog op ontwerp")
    with pytest.raises(ValidationError, match="definitieve agenda"):
        services.record_decision(secretariat, item, result=DecisionResult.APPROVED)
    assert not Decision.objects.exists()


def test_postponing_moves_the_step_to_a_later_meeting_with_its_history(secretariat, org, final_meeting):
    later = services.create_meeting(secretariat, starts_at=at("2026-12-11"))
    earlier = services.create_meeting(secretariat, starts_at=at("2026-11-27"))
    dossier = services.create_dossier(
        secretariat, title="Wijziging van het Rampenfondsdecreet", short_title="Rampenfonds"
    )
    step = services.add_step(
        secretariat, dossier, kind="principle_approval", title="Principiële goedkeuring", mandatees=[org.mandatees["a"]]
    )
    item = items_of(final_meeting)["Oostgrens"]
    AgendaItem.objects.filter(pk=item.pk).update(step=step)
    with pytest.raises(ValidationError, match="latere zitting"):
        services.record_decision(secretariat, item, result=DecisionResult.POSTPONED, postpone_to=earlier)
    assert not Decision.objects.exists()
    services.record_decision(secretariat, item, result=DecisionResult.POSTPONED, postpone_to=later)
    moved = services.current_draft(later).current_items().get()
    assert moved.postponed_from == item and moved.step == step
    phase = services.dossier_phase(dossier, secretariat)
    assert phase.meeting == later and "op de agenda van" in phase.label


def test_dossier_phase_follows_the_decisions_and_only_what_the_reader_may_see(secretariat, org, final_meeting):
    dossier = services.create_dossier(secretariat, title="Exportcontrolebeleid", short_title="Exportcontrole")
    assert services.dossier_phase(dossier, secretariat).label == "In voorbereiding"
    step = services.add_step(
        secretariat, dossier, kind="final_approval", title="Definitieve goedkeuring", mandatees=[org.mandatees["a"]]
    )
    assert services.dossier_phase(dossier, secretariat).label == "Definitieve goedkeuring: in voorbereiding"
    item = items_of(final_meeting)["Oostgrens"]
    AgendaItem.objects.filter(pk=item.pk).update(step=step)
    decide_all(secretariat, final_meeting)
    assert "goedgekeurd op 04-12-2026" in services.dossier_phase(dossier, secretariat).label
    # Before the release the public learns nothing of the decision.
    dossier.release_state = step.release_state = ReleaseState.RELEASED
    dossier.save()
    step.save()
    assert "goedgekeurd" not in services.dossier_phase(dossier, AnonymousUser()).label


def test_a_meeting_closes_only_with_every_decision_and_then_accepts_only_corrections(secretariat, final_meeting):
    with pytest.raises(ValidationError, match="nog geen beslissing"):
        services.close_meeting(secretariat, final_meeting)
    decide_all(secretariat, final_meeting)
    services.close_meeting(secretariat, final_meeting)
    assert final_meeting.__class__.objects.get(pk=final_meeting.pk).state == MeetingState.CLOSED
    item = items_of(final_meeting)["Oostgrens"]
    correction = services.correct_decision(
        secretariat,
        item,
        result=DecisionResult.ACKNOWLEDGED,
        text="Akte genomen.",
        reason="Verkeerd resultaat genoteerd",
    )
    assert correction.version == 2


def test_releasing_a_meeting_without_decisions_is_refused(secretariat, final_meeting):
    with pytest.raises(ValidationError, match="beslissing"):
        services.plan_release(secretariat, final_meeting, "decisions")
    assert not Release.objects.exists()


def test_release_is_embargoed_until_its_moment_and_then_all_at_once(secretariat, org, final_meeting):
    decide_all(secretariat, final_meeting)
    items = items_of(final_meeting)
    for item in items.values():
        services.set_press_summary(secretariat, item, f"Kort bestek: {item.short_title}")
    document = core_services.create_document(
        secretariat, title="Nota Oostgrens", access_level=AccessLevel.PUBLIC, upload=pdf_upload()
    )
    ItemDocument.objects.create(item=items["Oostgrens"], document=document)

    decisions_at, documents_at = services.default_release_times(final_meeting)
    assert (decisions_at.hour, decisions_at.date().isoformat()) == (14, "2026-12-04")
    assert documents_at.date().isoformat() == "2026-12-07"  # the next working day after Friday
    release = services.plan_release(secretariat, final_meeting, "decisions")
    services.confirm_release(secretariat, release)
    public = AnonymousUser()
    civil_servant = org.users["civil_servant"]
    assert not AgendaItem.objects.visible_to(public).exists()
    assert not AgendaItem.objects.visible_to(civil_servant).exists()
    assert services.run_due_releases(now=decisions_at - datetime.timedelta(minutes=1)) == []
    assert not AgendaItem.objects.visible_to(public).exists()

    [done] = services.run_due_releases(now=decisions_at)
    assert done.state == ReleaseState.RELEASED and done.released_count == 2
    visible = set(AgendaItem.objects.visible_to(public).values_list("short_title", flat=True))
    assert visible == {"Oostgrens", "Mededeling"}  # the confidential item never goes public
    assert not Document.objects.visible_to(public).exists()  # documents follow a working day later
    with pytest.raises(ValidationError):
        services.set_press_summary(secretariat, items["Oostgrens"], "te laat")

    documents = services.plan_release(secretariat, final_meeting, "documents")
    services.confirm_release(secretariat, documents)
    services.release_now(secretariat, documents)
    assert list(Document.objects.visible_to(public)) == [document]
    with pytest.raises(ValidationError):
        services.release_now(secretariat, documents)
    # The worker's scheduled task for a release already performed by hand does nothing.
    from chancery.decisions.services.releases import perform_release

    assert perform_release.call(documents.pk) == ReleaseState.RELEASED


def test_a_release_that_fails_half_way_releases_nothing(secretariat, final_meeting, monkeypatch):
    decide_all(secretariat, final_meeting)
    release = services.plan_release(secretariat, final_meeting, "decisions", planned_at=timezone.now())
    services.confirm_release(secretariat, release)

    from chancery.decisions.services import releases

    def crash(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(releases.audit, "record", crash)  # fails after the items were updated
    with pytest.raises(DatabaseError):
        services.release_now(secretariat, release)
    assert not AgendaItem.objects.filter(release_state=ReleaseState.RELEASED).exists()
    assert Release.objects.get().state == ReleaseState.CONFIRMED


def test_moving_a_confirmed_release_needs_a_new_confirmation(secretariat, final_meeting):
    decide_all(secretariat, final_meeting)
    release = services.plan_release(secretariat, final_meeting, "decisions", planned_at=at("2026-12-04", 15))
    services.confirm_release(secretariat, release)
    moved = services.plan_release(secretariat, final_meeting, "decisions", planned_at=at("2026-12-04", 17))
    assert moved.state == ReleaseState.PLANNED
    assert services.run_due_releases(now=at("2026-12-05")) == []


def test_a_decision_document_is_numbered_and_released_with_the_decisions(secretariat, final_meeting):
    item = items_of(final_meeting)["Oostgrens"]
    decision = services.record_decision(
        secretariat, item, result=DecisionResult.APPROVED, text="Goedgekeurd.", upload=pdf_upload("beslissing.pdf")
    )
    assert decision.reference == "VR 2026 0412 DEC.0001"
    assert decision.document.kind == "decision" and decision.document.title.startswith(
        "Beslissing VR 2026 0412 DEC.0001"
    )
    correction = services.correct_decision(
        secretariat, item, result=DecisionResult.APPROVED, text="Bis.", reason="Tikfout"
    )
    assert correction.document == decision.document and correction.reference == decision.reference
    for other in services.final_items(final_meeting).exclude(pk=item.pk):
        services.record_decision(secretariat, other, result=DecisionResult.APPROVED)
    assert not decision.document.is_visible_to(AnonymousUser())
    release = services.plan_release(secretariat, final_meeting, "decisions")
    services.confirm_release(secretariat, release)
    services.release_now(secretariat, release)
    assert Document.objects.get(pk=decision.document.pk).is_visible_to(AnonymousUser())


def test_minutes_follow_the_meeting_and_are_corrected_with_a_reason_after_closing(secretariat, meeting, final_meeting):
    from chancery.decisions.models import Minutes

    planned = services.create_meeting(secretariat, starts_at=at("2026-12-18"))
    with pytest.raises(ValidationError, match="definitieve agenda"):
        services.attach_minutes(secretariat, planned, pdf_upload("notulen.pdf"))
    minutes = services.attach_minutes(secretariat, final_meeting, pdf_upload("notulen.pdf", "Notulen"))
    assert minutes.document.kind == "minutes" and minutes.document.access_level == "internal_council"
    decide_all(secretariat, final_meeting)
    services.close_meeting(secretariat, final_meeting)
    with pytest.raises(ValidationError):
        services.attach_minutes(secretariat, final_meeting, pdf_upload("notulen-2.pdf", "Notulen bis"))
    services.attach_minutes(
        secretariat, final_meeting, pdf_upload("notulen-2.pdf", "Notulen bis"), reason="Aanwezigen aangevuld"
    )
    assert Minutes.objects.get().document.versions.count() == 2


def test_phase_keys_say_what_the_phase_says_for_every_reader(secretariat, org, final_meeting):
    """Search counts phases with `phase_keys` (plain values, thousands of dossiers per query); the
    dossier page builds them with `phase_of`: for every reader and at every stage they agree."""
    from chancery.decisions.models import Dossier
    from chancery.decisions.services.dossiers import dossier_histories, phase_keys, phase_of
    from chancery.decisions.testing import release

    later = services.create_meeting(secretariat, starts_at=at("2026-12-11"))
    items = items_of(final_meeting)

    def dossier(name, level=AccessLevel.PUBLIC, steps=("principle_approval",), item=None):
        made, step = services.create_dossier(secretariat, title=name, short_title=name, access_level=level), None
        for kind in steps:
            step = services.add_step(secretariat, made, kind=kind, title=kind, mandatees=[org.mandatees["a"]])
        if item is not None:
            AgendaItem.objects.filter(pk=items[item].pk).update(step=step)
        return made, step

    dossier("Leeg", steps=())
    dossier("Voorbereid")
    dossier("Uitgesteld", item="Oostgrens")
    dossier("Vertrouwelijk", AccessLevel.CONFIDENTIAL, item="Vertrouwelijk dossier")
    # The last step is for the council only: others know the dossier by its first step.
    _made, last = dossier("Twee stappen", steps=("principle_approval", "final_approval"), item="Mededeling")
    ProcedureStep = type(last)
    ProcedureStep.objects.filter(pk=last.pk).update(access_level=AccessLevel.INTERNAL_COUNCIL)
    readers = [AnonymousUser(), *org.users.values()]
    seen = set()

    def agree():
        for user in readers:
            visible = Dossier.objects.visible_to(user)
            histories = dossier_histories(list(visible), user)
            expected = {pk: phase_of(history).key for pk, history in histories.items()}
            assert phase_keys(visible, user) == expected, user
            seen.update(expected.values())

    agree()
    final = items_of(final_meeting)
    services.record_decision(secretariat, final["Oostgrens"], result=DecisionResult.POSTPONED, postpone_to=later)
    services.record_decision(secretariat, final["Vertrouwelijk dossier"], result=DecisionResult.APPROVED, text="Ja.")
    services.record_decision(secretariat, final["Mededeling"], result=DecisionResult.ACKNOWLEDGED, text="Gezien.")
    agree()
    services.correct_decision(
        secretariat, final["Vertrouwelijk dossier"], result=DecisionResult.WITHDRAWN, text="Nee.", reason="Fout"
    )
    agree()
    release(secretariat, final_meeting, "decisions")
    agree()
    assert {"preparation", "principle_approval:preparation", "principle_approval:agenda"} <= seen
    assert {"principle_approval:approved", "principle_approval:withdrawn", "final_approval:acknowledged"} <= seen
