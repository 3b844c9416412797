"""Items that leave a meeting (issue 14, A2): not formally in order at approve-and-close, postponed
or withdrawn. They go to a later meeting's draft, or wait for one, visibly and with their history;
nothing is dropped."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from chancery.core.models import AuditEntry
from chancery.decisions import services
from chancery.decisions.models import AgendaItem, DecisionResult, FormalCheck, MeetingKind


def at(day, hour=10):
    return timezone.make_aware(datetime.datetime.fromisoformat(day).replace(hour=hour))


def check(secretariat, item, value):
    return services.set_formal_check(secretariat, item, value, expected_revision=None)


@pytest.fixture
def two_versions(secretariat, meeting, add):
    """The demo's trip: an announcement marked not in order in A, still not in order in B, and
    B approved and closed as the final agenda."""
    note = add(meeting, "Nota in orde")
    announcement = add(meeting, "Mededeling niet in orde", kind="announcement")
    check(secretariat, note, FormalCheck.OK)
    check(secretariat, announcement, FormalCheck.NOT_OK)
    draft_b = services.approve_agenda(secretariat, services.current_draft(meeting), expected_revision=None)
    return note, announcement, draft_b


def test_approve_and_close_moves_items_not_in_order_to_the_next_regular_meeting(
    secretariat, meeting, add, two_versions
):
    _note, announcement, draft_b = two_versions
    special = services.create_meeting(secretariat, starts_at=at("2026-12-08"), kind=MeetingKind.SPECIAL)
    later = services.create_meeting(secretariat, starts_at=at("2026-12-18"))
    services.create_meeting(secretariat, starts_at=at("2027-01-08"))
    assert services.approve_agenda(secretariat, draft_b, expected_revision=None, close=True) is None

    moved = AgendaItem.objects.get(agenda=services.current_draft(later))
    carried = AgendaItem.objects.get(agenda=draft_b, lineage=announcement.lineage)
    assert carried.carried_over and moved.postponed_from == carried
    assert (moved.kind, moved.short_title, moved.formal_check) == ("announcement", announcement.short_title, "not_ok")
    assert list(moved.mandatees.all()) == list(announcement.mandatees.all())
    assert not services.current_draft(special).items.exists()  # a special meeting has its own items
    assert not services.items_awaiting_meeting().exists()
    # Both trails say where it went.
    assert AuditEntry.objects.for_object(carried).get().after["moved_to"] == str(later)
    assert AuditEntry.objects.for_object(moved).get().after["moved_from"] == str(meeting)


def test_without_a_next_meeting_the_item_waits_for_one_and_is_put_on_one_later(secretariat, meeting, add, two_versions):
    _note, announcement, draft_b = two_versions
    services.approve_agenda(secretariat, draft_b, expected_revision=None, close=True)
    waiting = services.items_awaiting_meeting().get()
    assert waiting.lineage == announcement.lineage and waiting.carried_over

    later = services.create_meeting(secretariat, starts_at=at("2026-12-18"))
    moved = services.move_to_meeting(secretariat, waiting, later)
    assert moved.agenda == services.current_draft(later) and moved.postponed_from == waiting
    assert not services.items_awaiting_meeting().exists()
    with pytest.raises(ValidationError, match="al verplaatst"):
        services.move_to_meeting(secretariat, waiting, later)


def test_an_item_on_the_agenda_or_decided_otherwise_does_not_move(secretariat, meeting, add, two_versions):
    note, _announcement, draft_b = two_versions
    later = services.create_meeting(secretariat, starts_at=at("2026-12-18"))
    with pytest.raises(ValidationError, match="definitieve agenda"):
        services.move_to_meeting(secretariat, draft_b.current_items().get(lineage=note.lineage), later)
    services.approve_agenda(secretariat, draft_b, expected_revision=None, close=True)
    final_note = services.final_items(meeting).get(lineage=note.lineage)
    services.record_decision(secretariat, final_note, result=DecisionResult.APPROVED)
    with pytest.raises(ValidationError, match="definitieve agenda"):
        services.move_to_meeting(secretariat, final_note, later)


def test_a_withdrawn_item_moves_to_a_later_meeting_with_its_history(secretariat, meeting, add, org):
    item = add(meeting, "Ingetrokken nota")
    check(secretariat, item, FormalCheck.OK)
    services.approve_agenda(secretariat, services.current_draft(meeting), expected_revision=None, close=True)
    final = services.final_items(meeting).get()
    services.record_decision(secretariat, final, result=DecisionResult.WITHDRAWN, text="Ingetrokken.")
    assert list(services.withdrawn_items()) == [final]
    earlier = services.create_meeting(secretariat, starts_at=at("2026-11-27"))
    with pytest.raises(ValidationError, match="latere zitting"):
        services.move_to_meeting(secretariat, final, earlier)
    later = services.create_meeting(secretariat, starts_at=at("2026-12-18"))
    moved = services.move_to_meeting(secretariat, final, later)
    assert moved.postponed_from == final and moved.formal_check == FormalCheck.NOT_YET
    assert not services.withdrawn_items().exists()


def test_withdrawn_at_once_to_a_later_meeting(secretariat, meeting, add):
    add(meeting, "Ingetrokken nota")
    services.approve_all_formally(secretariat, services.current_draft(meeting), expected_revision=None)
    services.approve_agenda(secretariat, services.current_draft(meeting), expected_revision=None, close=True)
    later = services.create_meeting(secretariat, starts_at=at("2026-12-18"))
    final = services.final_items(meeting).get()
    services.record_decision(secretariat, final, result=DecisionResult.WITHDRAWN, postpone_to=later)
    assert services.current_draft(later).current_items().get().postponed_from == final


def test_the_comparison_shows_the_item_leaving(secretariat, meeting, add, two_versions, client, org):
    _note, announcement, draft_b = two_versions
    services.approve_agenda(secretariat, draft_b, expected_revision=None, close=True)
    diff = services.compare_agendas(draft_b, meeting.agendas.get(letter="A"))
    assert not diff.is_empty
    assert [(e.item.lineage, e.awaiting) for e in diff.left] == [(announcement.lineage, True)]
    client.force_login(org.users["secretariat"])
    html = client.get(reverse("decisions:agenda_compare", args=[meeting.uuid])).content.decode()
    assert "Geen verschillen" not in html and "Mededeling niet in orde" in html and "wacht op een zitting" in html


def test_approve_and_close_names_the_moved_items_and_the_api_finds_them(secretariat, meeting, add, client, org):
    add(meeting, "Nota in orde")
    late = add(meeting, "Mededeling niet in orde", kind="announcement")
    check(secretariat, services.current_draft(meeting).current_items().get(short_title="Nota in orde"), "ok")
    check(secretariat, late, FormalCheck.NOT_OK)
    later = services.create_meeting(secretariat, starts_at=at("2026-12-18"))
    client.force_login(org.users["secretariat"])
    draft = services.current_draft(meeting)
    response = client.post(
        reverse("decisions:agenda_approve", args=[meeting.uuid, "A"]),
        {"revision": draft.revision, "close": "on"},
        follow=True,
    )
    html = response.content.decode()
    assert "Mededeling niet in orde" in html and str(later) in html
    moved = AgendaItem.objects.get(agenda__meeting=later)
    page = client.get(reverse("decisions:agenda_detail", args=[later.uuid, "A"])).content.decode()
    assert "Verplaatst van" in page and str(meeting) in page

    api = APIClient()
    api.force_login(org.users["admin"])
    left = api.get(f"/api/v1/agenda-items/{late.pk}")
    assert left.status_code == 200 and left.json()["carried_over"] is True
    assert left.json()["moved_to"].endswith(f"/api/v1/agenda-items/{moved.pk}")
    assert api.get(f"/api/v1/agenda-items/{moved.pk}").json()["moved_from"].endswith(f"/agenda-items/{late.pk}")


def test_the_awaiting_list_puts_an_item_on_a_meeting(secretariat, meeting, add, two_versions, client, org):
    _note, announcement, draft_b = two_versions
    services.approve_agenda(secretariat, draft_b, expected_revision=None, close=True)
    waiting = services.items_awaiting_meeting().get()
    later = services.create_meeting(secretariat, starts_at=at("2026-12-18"))
    client.force_login(org.users["secretariat"])
    html = client.get(reverse("decisions:items_awaiting")).content.decode()
    assert "Mededeling niet in orde" in html and "Niet formeel OK" in html
    response = client.post(reverse("decisions:item_move_to_meeting", args=[waiting.pk]), {"meeting": later.pk})
    assert response["Location"] == reverse("decisions:agenda_detail", args=[later.uuid, "A"])
    assert services.current_draft(later).current_items().get().postponed_from == waiting
    client.force_login(org.users["minister_other"])
    assert (
        client.post(reverse("decisions:item_move_to_meeting", args=[waiting.pk]), {"meeting": later.pk}).status_code
        == 403
    )
