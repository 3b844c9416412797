"""Meetings and agenda versions: numbering, formal check, approval by letter, carry-over, final
agenda, conflicts and comparison."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from chancery.core.models import AuditAction, AuditEntry
from chancery.decisions import services
from chancery.decisions.models import Agenda, AgendaItem, FormalCheck, Meeting, MeetingState, letter_for


def check(secretariat, item, value):
    draft = Agenda.objects.get(pk=item.agenda_id)
    return services.set_formal_check(secretariat, item, value, expected_revision=draft.revision)


def draft_of(meeting):
    return services.current_draft(meeting)


def test_letters():
    assert [letter_for(n) for n in (1, 2, 26, 27, 28, 52, 53)] == ["A", "B", "Z", "AA", "AB", "AZ", "BA"]


def test_meetings_are_numbered_per_year_with_a_first_draft_agenda(secretariat, meeting):
    second = services.create_meeting(secretariat, starts_at=timezone.make_aware(datetime.datetime(2026, 12, 11, 10)))
    next_year = services.create_meeting(secretariat, starts_at=timezone.make_aware(datetime.datetime(2027, 1, 8, 10)))
    assert (meeting.number, second.number, next_year.number) == (1, 2, 1)
    assert [(a.letter, a.status) for a in meeting.agendas.all()] == [("A", "draft")]
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, content_type__model="meeting").count() == 3


def test_only_the_secretariat_manages_agendas(org, meeting):
    with pytest.raises(PermissionDenied):
        services.create_meeting(org.users["minister_concerned"], starts_at=timezone.now())
    draft = draft_of(meeting)
    with pytest.raises(PermissionDenied):
        services.add_item(
            org.users["cabinet_concerned"],
            draft,
            expected_revision=draft.revision,
            title="x",
            short_title="x",
            mandatees=[org.mandatees["a"]],
        )
    assert AgendaItem.objects.count() == 0


def test_items_are_numbered_within_their_kind(meeting, add):
    n1 = add(meeting, "Nota een")
    m1 = add(meeting, "Mededeling een", kind="announcement")
    n2 = add(meeting, "Nota twee")
    assert (n1.number, n2.number, m1.number) == (1, 2, 1)
    assert [i.short_title for i in draft_of(meeting).current_items()] == ["Nota een", "Nota twee", "Mededeling een"]


def test_an_item_needs_a_minister(secretariat, meeting):
    draft = draft_of(meeting)
    with pytest.raises(ValidationError):
        services.add_item(
            secretariat, draft, expected_revision=draft.revision, title="x", short_title="x", mandatees=[]
        )
    assert AgendaItem.objects.count() == 0


def test_approval_freezes_the_version_and_carries_items_not_in_order_over(secretariat, meeting, add):
    ok_1 = add(meeting, "In orde 1")
    late = add(meeting, "Niet in orde")
    ok_2 = add(meeting, "In orde 2")
    check(secretariat, ok_1, FormalCheck.OK)
    check(secretariat, late, FormalCheck.NOT_OK)
    check(secretariat, ok_2, FormalCheck.OK)
    draft_a = draft_of(meeting)
    draft_b = services.approve_agenda(secretariat, draft_a, expected_revision=draft_a.revision)

    agenda_a = Agenda.objects.get(pk=draft_a.pk)
    assert agenda_a.status == "approved" and agenda_a.approved_by == secretariat
    assert [(i.number, i.short_title) for i in agenda_a.current_items()] == [(1, "In orde 1"), (2, "In orde 2")]
    assert draft_b.letter == "B" and draft_b.previous == agenda_a
    assert [(i.number, i.short_title) for i in draft_b.current_items()] == [
        (1, "In orde 1"),
        (2, "Niet in orde"),
        (3, "In orde 2"),
    ]
    # The carried-over item keeps its history: same lineage, previous copy in A.
    carried = draft_b.current_items().get(short_title="Niet in orde")
    assert carried.lineage == late.lineage and carried.previous_id == late.pk
    assert AgendaItem.objects.get(pk=late.pk).carried_over
    assert carried.formal_check == FormalCheck.NOT_OK
    assert list(carried.mandatees.all()) == list(late.mandatees.all())
    entry = AuditEntry.objects.filter(action=AuditAction.STATE_CHANGE, content_type__model="agenda").get()
    assert entry.after["carried_over"] == ["Niet in orde"]


def test_approving_twice_and_editing_an_approved_version_are_refused(secretariat, meeting, add):
    item = add(meeting, "Nota")
    check(secretariat, item, FormalCheck.OK)
    draft_a = draft_of(meeting)
    services.approve_agenda(secretariat, draft_a, expected_revision=None)
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError, match="is goedgekeurd"):
        services.approve_agenda(secretariat, draft_a, expected_revision=None)
    with pytest.raises(ValidationError):
        services.set_formal_check(secretariat, item, FormalCheck.NOT_OK, expected_revision=None)
    assert Agenda.objects.filter(meeting=meeting).count() == 2
    assert AgendaItem.objects.get(pk=item.pk).formal_check == FormalCheck.OK
    assert AuditEntry.objects.count() == before


def test_an_agenda_without_items_in_order_is_not_approved(secretariat, meeting, add):
    add(meeting, "Nog niet gecontroleerd")
    draft = draft_of(meeting)
    with pytest.raises(ValidationError, match="geen enkel formeel OK"):
        services.approve_agenda(secretariat, draft, expected_revision=draft.revision)
    assert Agenda.objects.get(pk=draft.pk).status == "draft"


def test_approve_and_close_makes_the_final_agenda(secretariat, meeting, add, org):
    item = add(meeting, "Nota")
    dropped = add(meeting, "Te laat")
    check(secretariat, item, FormalCheck.OK)
    draft = draft_of(meeting)
    assert services.approve_agenda(secretariat, draft, expected_revision=draft.revision, close=True) is None
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.AGENDA_APPROVED
    final = Agenda.objects.get(meeting=meeting)
    assert final.is_final and [i.short_title for i in final.current_items()] == ["Nota"]
    assert AgendaItem.objects.get(pk=dropped.pk).carried_over
    assert services.current_draft(meeting) is None
    with pytest.raises(ValidationError, match="definitief"):
        services.add_item(
            secretariat, final, expected_revision=None, title="x", short_title="x", mandatees=[org.mandatees["a"]]
        )


def test_a_stale_edit_is_a_conflict_and_changes_nothing(secretariat, meeting, add):
    item = add(meeting, "Nota")
    draft = draft_of(meeting)
    seen = draft.revision
    services.set_formal_check(secretariat, item, FormalCheck.OK, expected_revision=seen)  # first secretary
    with pytest.raises(ValidationError) as refused:  # second secretary, still looking at `seen`
        services.set_formal_check(secretariat, item, FormalCheck.NOT_OK, expected_revision=seen)
    assert refused.value.code == "conflict"
    assert "Iemand anders heeft deze agenda intussen gewijzigd" in refused.value.messages[0]
    assert AgendaItem.objects.get(pk=item.pk).formal_check == FormalCheck.OK


def test_move_an_item(secretariat, meeting, add):
    for title in ("een", "twee", "drie"):
        add(meeting, title)
    draft = draft_of(meeting)
    three = draft.current_items().get(short_title="drie")
    services.move_item(secretariat, three, to_number=1, expected_revision=draft.revision)
    assert [i.short_title for i in draft.current_items()] == ["drie", "een", "twee"]
    with pytest.raises(ValidationError):
        services.move_item(secretariat, three, to_number=9, expected_revision=None)


def test_compare_two_versions(secretariat, meeting, add, org):
    kept = add(meeting, "Blijft")
    moving = add(meeting, "Schuift")
    late = add(meeting, "Te laat")
    services.approve_all_formally(secretariat, draft_of(meeting), expected_revision=None)
    check(secretariat, late, FormalCheck.NOT_OK)
    draft_a = draft_of(meeting)
    draft_b = services.approve_agenda(secretariat, draft_a, expected_revision=None)
    new = add(meeting, "Nieuw")
    moved_copy = draft_b.current_items().get(lineage=moving.lineage)
    services.move_item(secretariat, moved_copy, to_number=1, expected_revision=None)
    kept_copy = draft_b.current_items().get(lineage=kept.lineage)
    kept_copy.title = "Blijft, met een nieuwe titel"
    kept_copy.save(update_fields=["title"])

    diff = services.compare_agendas(draft_b, Agenda.objects.get(pk=draft_a.pk))  # either order
    assert diff.older.letter == "A" and diff.newer.letter == "B"
    assert [i.short_title for i in diff.added] == ["Te laat", "Nieuw"]
    assert diff.removed == []
    assert {c.after.short_title for c in diff.moved} == {"Schuift", "Blijft"}
    assert [(c.after.short_title, c.fields) for c in diff.changed] == [("Blijft", ["title"])]
    assert new in diff.added
    assert services.compare_agendas(draft_b, draft_b).is_empty


def test_meeting_is_visible_in_the_trail(secretariat, meeting):
    assert Meeting.objects.get().state == MeetingState.PLANNED
    assert AuditEntry.objects.for_object(meeting).get().after["number"] == 1
