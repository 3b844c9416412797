"""The EU files' demo: real proposals and acts by COM and CELEX number, positions, coordination
with an escalation, Council meetings in Flanders' turns; loaded twice, made once, after the
register's demo (whose passed deadlines it marks transposed); the access registry's two renderings
agree on it for every demo account."""

from django.contrib.auth.models import AnonymousUser

from chancery.core import visibility
from chancery.core.demo.loader import load_demo as load_core
from chancery.core.models import User
from chancery.eu_files.demo.loader import load_demo
from chancery.eu_files.models import (
    Attendee,
    CoordinationMeeting,
    CoordinationOutcome,
    CouncilMeeting,
    EuAct,
    Position,
    PositionState,
)
from chancery.eu_files.services import acts
from chancery.regulation.demo.loader import load_demo as load_register


def test_the_demo_files(db):
    load_core()
    load_register()
    added = load_demo()
    assert added
    assert load_demo() == {}  # nothing twice
    nrl = EuAct.objects.get(celex="32024R1991")
    assert nrl.proposal.com_number == "COM(2022) 304" and nrl.proposal.celex == "52022PC0304"
    assert EuAct.objects.filter(kind="proposal").count() >= 5 and EuAct.objects.filter(kind="multilateral").count() == 2
    assert Position.objects.filter(state=PositionState.APPROVED).count() == 1
    assert Position.objects.filter(needs_government_decision=True, state=PositionState.DRAFT).count() == 1
    escalated = CoordinationOutcome.objects.get(escalated_to__isnull=False)
    assert escalated.escalated_to.forum == "imc" and escalated.eu_act.com_number == "COM(2022) 304"
    assert CouncilMeeting.objects.filter(flemish_turn=True, seat_taken=False).count() == 1
    assert CouncilMeeting.objects.filter(flemish_turn=True, minister__isnull=False).count() == 4
    # The register's acts with a deadline long passed are transposed, not flagged.
    secretariat = User.objects.get(username="secretariaat")
    flagged = {act.celex for act in acts.deadline_warnings(secretariat)}
    assert "32018L2001" not in flagged and "32019L0944" not in flagged
    readers = [AnonymousUser(), *User.objects.filter(is_active=True)]
    for model in (EuAct, Position, CoordinationMeeting, Attendee, CoordinationOutcome, CouncilMeeting):
        rows = list(model.objects.all())
        for reader in readers:
            by_sql = set(model.objects.visible_to(reader).values_list("pk", flat=True))
            assert by_sql == {row.pk for row in rows if visibility.evaluate(row, reader)}, (model, reader)
    assert not Position.objects.visible_to(AnonymousUser()).exists()
