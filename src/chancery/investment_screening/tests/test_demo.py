"""The demo's files of the screening: loaded on the demo organisation, in several states, once."""

from chancery.core.demo.loader import load_demo as load_core
from chancery.investment_screening.demo.loader import load_demo
from chancery.investment_screening.models import FlemishAssessment, Notification
from chancery.procedures.models import Case


def test_the_demo_holds_notifications_in_several_states(db):
    load_core()
    assert load_demo() == {Case: 8}
    states = set(Case.objects.filter(procedure="FDI").values_list("state", flat=True))
    assert {"notified", "verification", "screening", "cleared", "approved_with_conditions", "prohibited"} <= states
    assert Notification.objects.filter(ex_officio=True).count() == 1
    assert FlemishAssessment.objects.count() == 3
    assert set(Case.objects.filter(procedure="FDI").values_list("access_level", flat=True)) == {"confidential"}
    assert load_demo() == {}
