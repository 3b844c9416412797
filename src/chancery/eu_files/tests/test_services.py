"""The EU files' rules: an act's references and counts (bad input refused, nothing stored), the
deadline warnings at their boundaries and their configurable lead time, the obligations tracker's
totals, positions approved by a minister's office or by a decision of the Government, coordination
with its escalation, and Council seats in the rotation."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from chancery.core.models import AuditEntry
from chancery.eu_files import rules
from chancery.eu_files.models import CoordinationMeeting, CouncilMeeting, EuAct, PositionState
from chancery.eu_files.services import acts, coordination, council, positions
from chancery.eu_files.testing import decide, directive, government_meeting, proposal

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.mark.parametrize(
    "values",
    [
        {"kind": "directive", "celex": "2024/1275", "title": "x"},
        {"kind": "directive", "celex": "", "title": "x"},
        {"kind": "proposal", "com_number": "", "title": "x"},
        {"kind": "proposal", "com_number": "COM 2023/416", "title": "x"},
        {"kind": "multilateral", "title": "Pact for the Future"},
        {"kind": "directive", "celex": "32024L1275", "title": " "},
        {"kind": "directive", "celex": "32024L1275", "title": "x", "obligations": -1},
        {"kind": "directive", "celex": "32024L1275", "title": "x", "pages": -5},
        {"kind": "treaty", "celex": "32024L1275", "title": "x"},
    ],
)
def test_bad_acts_are_refused_and_nothing_stored(org, values):
    with pytest.raises(ValidationError):
        acts.register_act(org.users["civil_servant"], **values)
    assert not EuAct.objects.exists()


def test_a_celex_or_com_number_is_followed_once(org):
    clerk = org.users["civil_servant"]
    directive(clerk)
    proposal(clerk)
    with pytest.raises(ValidationError):
        directive(clerk)
    with pytest.raises(ValidationError):
        proposal(clerk, title="Opnieuw")
    assert EuAct.objects.count() == 2
    assert AuditEntry.objects.filter(action="create").count() >= 2


def test_only_the_staff_keep_the_files(org):
    for role in ("expert", "applicant", "cabinet_concerned"):
        with pytest.raises(PermissionDenied):
            directive(org.users[role])


def test_deadline_warnings_at_their_boundaries(org, settings):
    settings.CHANCERY_EU_DEADLINE_WARNING_DAYS = 30
    clerk, today = org.users["civil_servant"], TODAY()
    edge = directive(clerk, celex="32024L0001", deadline=today + datetime.timedelta(days=30))
    beyond = directive(clerk, celex="32024L0002", deadline=today + datetime.timedelta(days=31))
    passed = directive(clerk, celex="32024L0003", deadline=today - datetime.timedelta(days=1))
    today_ = directive(clerk, celex="32024L0004", deadline=today)
    done = directive(clerk, celex="32024L0005", deadline=today - datetime.timedelta(days=9), transposed_on=today)
    statuses = {act.celex: act.status for act in acts.deadline_warnings(clerk)}
    assert statuses == {edge.celex: "due", passed.celex: "overdue", today_.celex: "due"}
    assert beyond.deadline_status() == "" and done.deadline_status() == ""
    settings.CHANCERY_EU_DEADLINE_WARNING_DAYS = 31
    assert beyond.celex in {act.celex for act in acts.deadline_warnings(clerk)}
    assert rules.warning_days() == 31


def test_obligations_and_pages_per_year_of_adoption(org):
    clerk = org.users["civil_servant"]
    directive(clerk, celex="32024L0001", adopted_on=datetime.date(2024, 4, 24), obligations=61, pages=68)
    directive(clerk, celex="32024L0002", adopted_on=datetime.date(2024, 11, 27), obligations=72, pages=59)
    directive(clerk, celex="32023L0003", adopted_on=datetime.date(2023, 5, 1))
    proposal(clerk, obligations=99, pages=99, adopted_on=datetime.date(2024, 1, 1))
    assert acts.obligation_totals(clerk) == [
        {"year": 2023, "acts": 1, "obligations": 0, "pages": 0, "uncounted": 1},
        {"year": 2024, "acts": 2, "obligations": 133, "pages": 127, "uncounted": 0},
    ]


def test_a_position_approved_by_a_ministers_office(org):
    clerk, cabinet = org.users["civil_servant"], org.users["cabinet_concerned"]
    act = proposal(clerk)
    with pytest.raises(ValidationError):
        positions.record_position(clerk, act, interests=" ", text="Steun", needs_government_decision=False)
    first = positions.record_position(
        clerk, act, interests="Bodemdecreet", text="Steun", needs_government_decision=False
    )
    with pytest.raises(PermissionDenied):
        positions.approve(clerk, first)
    positions.approve(cabinet, first)
    first.refresh_from_db()
    assert first.state == PositionState.APPROVED and first.approved_by == cabinet
    second = positions.record_position(
        clerk, act, interests="Idem", text="Steun, met voorwaarden", needs_government_decision=False
    )
    assert second.version == 2 and positions.current(act, clerk) == first
    with pytest.raises(ValidationError):
        positions.approve(cabinet, first)


def test_a_position_approved_by_a_decision_of_the_government(org):
    clerk, cabinet, secretariat = org.users["civil_servant"], org.users["cabinet_concerned"], org.users["secretariat"]
    act = proposal(clerk, com="COM(2022) 304", title="Natuurherstel")
    position = positions.record_position(clerk, act, interests="Havengebied", text="Geen steun",
                                         needs_government_decision=True)  # fmt: skip
    with pytest.raises(ValidationError):
        positions.approve(cabinet, position)
    meeting = government_meeting(secretariat)
    positions.submit_to_government(cabinet, position, meeting, mandatees=[org.mandatees["a"]])
    position.refresh_from_db()
    assert position.state == PositionState.SUBMITTED and position.submission.meeting == meeting
    with pytest.raises(ValidationError):
        positions.submit_to_government(cabinet, position, meeting, mandatees=[org.mandatees["a"]])
    decide(secretariat, position.submission)
    position.refresh_from_db()
    assert position.state == PositionState.APPROVED
    assert position.approved_on == timezone.localtime(meeting.starts_at).date()
    assert positions.current(act, clerk) == position


def test_a_withdrawn_item_leaves_the_position_not_adopted(org):
    clerk, cabinet, secretariat = org.users["civil_servant"], org.users["cabinet_concerned"], org.users["secretariat"]
    position = positions.record_position(
        clerk, proposal(clerk), interests="x", text="y", needs_government_decision=True
    )
    meeting = government_meeting(secretariat)
    position = positions.submit_to_government(cabinet, position, meeting, mandatees=[org.mandatees["a"]])
    decide(secretariat, position.submission, result="withdrawn")
    position.refresh_from_db()
    assert position.state == PositionState.NOT_ADOPTED and position.approved_on is None


def test_escalation_to_the_interministerial_conference(org):
    clerk = org.users["civil_servant"]
    act, other = proposal(clerk), directive(clerk)
    dge = coordination.hold_meeting(clerk, forum="dge", held_on=datetime.date(2025, 3, 3), subject="Raad Milieu")
    coordination.add_attendee(clerk, dge, name="A. Peeters", representing="Vlaamse Regering")
    with pytest.raises(ValidationError):
        coordination.add_attendee(clerk, dge, name="A. Peeters", representing="Vlaamse Regering")
    assert dge.attendees.count() == 1
    stuck = coordination.record_outcome(clerk, dge, act, result="no_consensus", text="Geen akkoord")
    agreed = coordination.record_outcome(clerk, dge, other, result="position")
    with pytest.raises(ValidationError):
        coordination.record_outcome(clerk, dge, act, result="position")
    imc = coordination.hold_meeting(clerk, forum="imc", held_on=datetime.date(2025, 3, 10), subject="ICBB")
    early = coordination.hold_meeting(clerk, forum="imc", held_on=datetime.date(2025, 3, 1), subject="ICBB vroeg")
    other_dge = coordination.hold_meeting(clerk, forum="dge", held_on=datetime.date(2025, 3, 10), subject="DGE")
    for outcome, target in ((agreed, imc), (stuck, other_dge), (stuck, early)):
        with pytest.raises(ValidationError):
            coordination.escalate(clerk, outcome, target)
    coordination.escalate(clerk, stuck, imc)
    assert list(imc.escalations.values_list("eu_act", flat=True)) == [act.pk]
    with pytest.raises(ValidationError):
        coordination.escalate(clerk, stuck, imc)
    with pytest.raises(ValidationError):
        coordination.hold_meeting(clerk, forum="coreper", held_on=datetime.date(2025, 3, 10), subject="x")
    assert CoordinationMeeting.objects.count() == 4


def test_council_seats_follow_the_rotation(org):
    clerk, minister = org.users["civil_servant"], org.mandatees["a"]
    day = datetime.date(2026, 12, 15)  # rules.FLEMISH_TURNS: env in 2026-2
    assert rules.flemish_turn("env", day) and not rules.flemish_turn("env", datetime.date(2026, 3, 2))
    assert not rules.flemish_turn("gac", day)  # category I: federal only
    with pytest.raises(ValidationError):
        council.record_meeting(
            clerk, formation="env", held_on=datetime.date(2026, 3, 2), seat_taken=True, minister=minister
        )
    with pytest.raises(ValidationError):
        council.record_meeting(clerk, formation="env", held_on=day, seat_taken=True)
    with pytest.raises(ValidationError):
        council.record_meeting(clerk, formation="ecofin-x", held_on=day)
    assert not CouncilMeeting.objects.exists()
    taken = council.record_meeting(clerk, formation="env", held_on=day, minister=minister, seat_taken=True)
    assert taken.flemish_turn
    council.record_meeting(
        clerk, formation="eycs", held_on=datetime.date(2026, 5, 12), minister=minister, seat_taken=False
    )
    council.record_meeting(clerk, formation="gac", held_on=day)
    with pytest.raises(ValidationError):
        council.record_meeting(clerk, formation="env", held_on=day)
    [row] = council.attendance(clerk)
    assert (row["minister"], row["turns"], row["taken"], row["empty"], row["unknown"]) == (minister, 2, 1, 1, 0)


def test_a_minister_out_of_office_cannot_be_named(org):
    minister = org.mandatees["a"]
    with pytest.raises(ValidationError):
        council.record_meeting(
            org.users["civil_servant"], formation="env", held_on=minister.start - datetime.timedelta(days=400),
            minister=minister,
        )  # fmt: skip
