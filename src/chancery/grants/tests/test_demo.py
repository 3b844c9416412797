"""The grants' demo: the memorandum's four programmes with their envelopes, an open call on each,
applications in every state with one protected defender; loaded once (a second run adds nothing)."""

from django.utils import timezone

from chancery.core.models import Role
from chancery.core.testing import make_user
from chancery.grants.demo.loader import load_demo
from chancery.grants.models import Application, Call, Edition, Envelope, Programme, RecoveryOrder, Report, Tranche
from chancery.grants.services import programmes
from chancery.procedures.models import Case


def test_the_demo(db):
    make_user("aanvrager", Role.APPLICANT)
    make_user("expert", Role.EXPERT)
    assert load_demo()
    assert Programme.objects.count() == 4
    planned = dict(Envelope.objects.values_list("programme__code", "planned_cents"))
    assert planned["mensenrechtenfonds"] == 1_000_000_00 and planned["humanitaire-hulp"] == 5_000_000_00
    # The four programmes' open and closed calls, and a call the Government decides.
    assert programmes.open_calls().count() == 5 and Call.objects.count() == 9
    now = timezone.now()
    for programme in Programme.objects.all():
        calls = Call.objects.filter(programme=programme, state="published").exclude(decided_by="government")
        assert calls.filter(opens_at__lte=now, closes_at__gt=now).count() == 1, programme.code
        assert calls.filter(closes_at__lte=now).count() == 1, programme.code
    states = set(Case.objects.filter(procedure="SUB").values_list("state", flat=True))
    assert {"submitted", "incomplete", "inadmissible", "assessment", "assessed", "granted", "rejected"} <= states
    # Payments and reports: a grant in every state after the award.
    assert {"agreement_signed", "advance_paid", "report_due", "report_submitted", "settled", "paid_out", "recovery",
            "recovered"} <= states  # fmt: skip
    assert Tranche.objects.filter(state="paid").exists() and Report.objects.filter(kind="interim").exists()
    assert RecoveryOrder.objects.filter(repaid_on__isnull=False).exists()
    ukraine = Envelope.objects.get(programme__code="oostgrens-oekraine")
    assert 0 < ukraine.paid_cents <= ukraine.committed_cents
    nominations = set(Case.objects.filter(procedure="MRP").values_list("state", flat=True))
    assert nominations == {"received", "admissible", "inadmissible", "shortlisted", "scored", "laureate", "not_chosen"}
    assert Edition.objects.count() == 2 and Edition.objects.exclude(laureate=None).count() == 1
    protected = Application.objects.get(protected=True)
    assert protected.case.access_level == "confidential" and protected.awarded_cents
    committed = Envelope.objects.get(programme__code="mensenrechtenfonds").committed_cents
    assert committed == 80_000_00 + 25_000_00
    assert Call.objects.filter(decided_by="government").count() == 1
    assert Case.objects.filter(procedure="SUB", state="government").count() == 1
    emergencies = dict(Case.objects.filter(procedure="SUBH").values_list("state", "emergency_allocation__year"))
    assert set(emergencies) == {"allocated", "requested"}
    assert Envelope.objects.get(programme__code="humanitaire-hulp").committed_cents >= 150_000_00
    counts = (Application.objects.count(), Call.objects.count(), Case.objects.count())
    assert load_demo() == {}
    assert counts == (Application.objects.count(), Call.objects.count(), Case.objects.count())
