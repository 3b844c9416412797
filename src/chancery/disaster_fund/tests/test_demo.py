"""The disaster fund's demo: what the issue asks for, loaded once (a second run adds nothing)."""

from chancery.core.models import Role
from chancery.core.testing import make_user
from chancery.disaster_fund.demo.loader import load_demo
from chancery.disaster_fund.models import Anomaly, Claim, DamageReport, DisasterEvent, EventState
from chancery.procedures.models import Case


def test_the_demo(db):
    make_user("aanvrager", Role.APPLICANT)
    assert load_demo()
    recognised = DisasterEvent.objects.filter(state=EventState.RECOGNISED)
    assert sorted(recognised.values_list("phenomenon", flat=True)) == ["flood", "storm"]
    assert DisasterEvent.objects.filter(state=EventState.NOT_RECOGNISED).count() == 1
    states = set(Case.objects.filter(procedure="RF").values_list("state", flat=True))
    assert {"submitted", "file_opened", "expertise", "report_sent", "decided", "paid", "appealed"} <= states
    assert Claim.objects.filter(late=True).count() == 1
    assert Anomaly.objects.count() == 3
    assert DamageReport.objects.count() == 2 and DamageReport.objects.filter(duplicates=1).count() == 1
    counts = (Claim.objects.count(), Anomaly.objects.count(), DisasterEvent.objects.count())
    assert load_demo() == {}
    assert counts == (Claim.objects.count(), Anomaly.objects.count(), DisasterEvent.objects.count())
