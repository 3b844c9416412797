"""Two handlers award two grants at the same moment on an envelope with room for one: on
PostgreSQL, where two transactions really run side by side, the envelope's row lock serves them one
after the other; one wins, the other is refused and leaves nothing half-written. (SQLite has one
writer at a time: the database itself serialises the two.)"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from chancery.grants.models import Application, Envelope
from chancery.grants.services import programmes
from chancery.grants.testing import apply, grants_handler, open_call, programme, reviewer, to_assessed
from chancery.procedures.models import Case
from chancery.procedures.services import cases as engine

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs two concurrent transactions")


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_awards_on_the_last_room_of_an_envelope(applicant):
    grants = grants_handler()
    colleague = grants_handler("t-subsidies-2")
    fund = programme(grants)
    call = open_call(grants, fund)
    envelope = programmes.envelope_for(call)
    # Room for one grant of 45,000.00 only.
    programmes.commit(grants, envelope, envelope.planned_cents - 50_000_00, reason="eerdere toekenningen")
    first = to_assessed(grants, apply(applicant, call, title="Eerste"), [reviewer("t-jury-a")])
    second = to_assessed(grants, apply(applicant, call, title="Tweede"), [reviewer("t-jury-b")])
    barrier = threading.Barrier(2)
    outcomes = {}

    def award(case, user):
        try:
            barrier.wait(timeout=10)
            engine.fire(case, "award", user, reason="Toegekend.", expected_version=case.version)
            outcomes[case.pk] = "granted"
        except ValidationError as refused:
            outcomes[case.pk] = " ".join(refused.messages)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=award, args=(first, grants)),
        threading.Thread(target=award, args=(second, colleague)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes.values(), key=lambda v: v != "granted")[0] == "granted"
    refused = [v for v in outcomes.values() if v != "granted"]
    assert len(refused) == 1 and ("enveloppe" in refused[0] or "envelope" in refused[0])
    envelope = Envelope.objects.get(pk=envelope.pk)
    assert envelope.committed_cents == envelope.planned_cents - 5_000_00
    states = sorted(Case.objects.filter(pk__in=[first.pk, second.pk]).values_list("state", flat=True))
    assert states == ["assessed", "granted"]
    assert Application.objects.filter(awarded_cents__isnull=False).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_handlers_paying_the_same_tranche_at_the_same_moment(applicant):
    """The tranche's and the envelope's row locks: one payment is recorded, the other is refused as
    paying twice; the envelope's paid amount grows once."""
    from chancery.grants.models import Tranche, TrancheKind
    from chancery.grants.services import payments
    from chancery.grants.testing import fire, to_granted

    grants = grants_handler()
    colleague = grants_handler("t-subsidies-2")
    call = open_call(grants, programme(grants))
    case = to_granted(grants, applicant, call, [reviewer("t-jury-a")])
    fire(case, "sign_agreement", grants)
    advance = Tranche.objects.get(application__case=case, kind=TrancheKind.ADVANCE)
    barrier = threading.Barrier(2)
    outcomes = []

    def pay(user):
        try:
            barrier.wait(timeout=10)
            payments.pay(user, advance)
            outcomes.append("paid")
        except ValidationError as refused:
            outcomes.append(" ".join(refused.messages))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=pay, args=(user,)) for user in (grants, colleague)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    refused = [outcome for outcome in outcomes if outcome != "paid"]
    assert outcomes.count("paid") == 1 and len(refused) == 1
    assert "twee keer" in refused[0] or "twice" in refused[0]
    envelope = Envelope.objects.get(pk=case.grant_application.envelope_id)
    assert envelope.paid_cents == 36_000_00
