"""Payments in tranches and reports after the award (procedure SUB from `granted` on, procedure-rules
§D3 steps 6–7): every step and guard on the engine, the tranche arithmetic (property-based: the
tranches always add up to the grant, in cents), the envelope's paid amount growing only through
`payments.pay`, partial acceptance releasing the commitment, recovery orders, and bad input refused
in Dutch with nothing changed."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chancery.core.events import domain_event
from chancery.core.models import AuditEntry
from chancery.grants.models import (
    Envelope,
    RecoveryOrder,
    Report,
    ReportKind,
    ReportState,
    Tranche,
    TrancheKind,
    TrancheState,
)
from chancery.grants.procedure import GRANT_APPLICATION
from chancery.grants.services import payments, reports
from chancery.grants.testing import fire, open_call, report, to_granted, to_report_due
from chancery.procedures.models import Case, ClockPeriod
from chancery.procedures.services.cases import TransitionRefused, guard_failures


@pytest.fixture
def granted(applicant, grants, call, reviewers):
    return to_granted(grants, applicant, call, reviewers)


@pytest.fixture
def events():
    seen = []

    def receive(sender, type, subject, data, **kwargs):
        seen.append((type, data))

    domain_event.connect(receive, dispatch_uid="test-grant-payments")
    yield seen
    domain_event.disconnect(dispatch_uid="test-grant-payments")


def envelope_of(case) -> Envelope:
    return Envelope.objects.get(pk=case.grant_application.envelope_id)


def amounts(case):
    return [(t.kind, t.amount_cents, t.state) for t in Tranche.objects.filter(application__case=case)]


def step(name):
    return next(t for t in GRANT_APPLICATION.transitions if t.name == name)


def snapshot(case):
    """What a refusal must leave untouched."""
    case.refresh_from_db()
    envelope = envelope_of(case)
    return (
        case.state, case.version, envelope.committed_cents, envelope.paid_cents, amounts(case),
        list(Report.objects.filter(application__case=case).values_list("state", "accepted_cents")),
        RecoveryOrder.objects.count(), AuditEntry.objects.count(),
    )  # fmt: skip


# --- the whole way --------------------------------------------------------------------------------


def test_from_the_agreement_to_the_final_payment(applicant, grants, granted, events):
    case = granted
    fire(case, "sign_agreement", grants)
    assert case.state == "agreement_signed"
    assert amounts(case) == [("advance", 36_000_00, "ordered"), ("balance", 9_000_00, "planned")]
    assert Tranche.objects.get(application__case=case, number=1).instruction == f"{case.reference}-T1"
    fire(case, "pay_advance", grants)
    assert case.state == "advance_paid" and envelope_of(case).paid_cents == 36_000_00
    assert amounts(case)[0][2] == "paid"
    assert ("grants.tranche_paid", {"reference": case.reference, "instruction": f"{case.reference}-T1",
                                    "amount_eur": "36000.00"}) in events  # fmt: skip
    fire(case, "request_final_report", grants)
    case.refresh_from_db()
    assert case.state == "report_due" and case.due_on is not None
    assert ClockPeriod.objects.filter(case=case, clock="final_report", ended_on__isnull=True).exists()

    final = report(applicant, case)
    case.refresh_from_db()
    assert case.state == "report_submitted" and final.spent_cents == 45_000_00
    assert [line["spent_cents"] for line in final.cost_lines] == [30_000_00, 15_000_00]
    assert ClockPeriod.objects.get(case=case, clock="final_report").stopped

    reports.assess_final(grants, case, accepted_cents=45_000_00, note="")
    assert case.state == "settled"
    assert amounts(case)[1] == ("balance", 9_000_00, "ordered")
    final.refresh_from_db()
    assert final.state == ReportState.ACCEPTED
    fire(case, "pay_balance", grants)
    assert case.state == "paid_out"
    envelope = envelope_of(case)
    assert envelope.paid_cents == envelope.committed_cents == 45_000_00
    assert {code for code, _data in events} >= {"grants.report_submitted", "grants.report_decided",
                                                "grants.tranche_paid"}  # fmt: skip


def test_the_advance_share_is_the_calls(applicant, grants, fund, reviewers):
    call = open_call(grants, fund, title="Oproep 90/10", advance_share=Decimal("0.90"))
    case = to_granted(grants, applicant, call, reviewers)
    fire(case, "sign_agreement", grants)
    assert amounts(case) == [("advance", 40_500_00, "ordered"), ("balance", 4_500_00, "planned")]


@pytest.mark.parametrize("share", ["1.00", "0", "-0.2", "0.805", "tachtig"])
def test_a_call_with_an_impossible_advance_is_refused(grants, fund, share):
    with pytest.raises(ValidationError, match="aandeel|share"):
        open_call(grants, fund, title="Fout voorschot", advance_share=share)


def test_partial_acceptance_reduces_the_balance_and_releases_the_commitment(applicant, grants, granted, events):
    case = to_report_due(grants, granted)
    report(applicant, case, spent=("30000.00", "10000.00"))
    reports.assess_final(grants, case, accepted_cents=40_000_00, note="Juridische bijstand deels niet bewezen.")
    assert case.state == "settled"
    assert amounts(case)[1] == ("balance", 4_000_00, "ordered")
    assert envelope_of(case).committed_cents == 40_000_00
    assert Report.objects.get(application__case=case).state == ReportState.PARTIALLY_ACCEPTED
    fire(case, "pay_balance", grants)
    envelope = envelope_of(case)
    assert (envelope.committed_cents, envelope.paid_cents) == (40_000_00, 40_000_00)


def test_accepting_exactly_what_was_paid_cancels_the_balance(applicant, grants, granted):
    case = to_report_due(grants, granted)
    report(applicant, case, spent=("30000.00", "6000.00"))
    reports.assess_final(grants, case, accepted_cents=36_000_00, note="Enkel het voorschot is verantwoord.")
    assert amounts(case)[1] == ("balance", 0, "cancelled")
    fire(case, "pay_balance", grants)
    assert case.state == "paid_out" and envelope_of(case).paid_cents == 36_000_00


def test_accepting_less_than_was_paid_orders_a_recovery(applicant, grants, granted, events):
    case = to_report_due(grants, granted)
    report(applicant, case, spent=("20000.00", "10000.00"))
    reports.assess_final(grants, case, accepted_cents=30_000_00, note="Een derde van de kosten niet bewezen.")
    assert case.state == "recovery"
    order = RecoveryOrder.objects.get(application__case=case)
    assert order.amount_cents == 6_000_00 and order.reason == "Een derde van de kosten niet bewezen."
    assert amounts(case)[1] == ("balance", 9_000_00, "cancelled")
    assert envelope_of(case).committed_cents == 36_000_00  # the unpaid 9 000 released
    assert ("grants.recovery_ordered", {"reference": case.reference, "amount_eur": "6000.00"}) in events
    fire(case, "record_repayment", grants)
    assert case.state == "recovered"
    envelope = envelope_of(case)
    assert (envelope.committed_cents, envelope.paid_cents) == (30_000_00, 30_000_00)
    order.refresh_from_db()
    assert order.repaid_on is not None


def test_a_refused_report_recovers_the_advance(applicant, grants, granted):
    case = to_report_due(grants, granted)
    final = report(applicant, case)
    reports.assess_final(grants, case, accepted_cents=0, note="Geen bewijsstukken: het verslag wordt geweigerd.")
    final.refresh_from_db()
    assert case.state == "recovery" and final.state == ReportState.REFUSED and final.accepted_cents == 0
    assert RecoveryOrder.objects.get(application__case=case).amount_cents == 36_000_00


@pytest.mark.parametrize("state", ["advance_paid", "report_due"])
def test_a_purpose_not_respected_recovers_what_was_paid(grants, granted, state):
    case = granted
    for name in ("sign_agreement", "pay_advance", *(["request_final_report"] if state == "report_due" else [])):
        fire(case, name, grants)
    with pytest.raises(ValidationError):
        fire(case, "order_recovery", grants)  # a recovery needs its reason
    fire(case, "order_recovery", grants, "Het doel werd niet nageleefd: de middelen gingen naar andere activiteiten.")
    order = RecoveryOrder.objects.get(application__case=case)
    assert case.state == "recovery" and order.amount_cents == 36_000_00 and order.reason.startswith("Het doel")
    assert AuditEntry.objects.filter(content_type__model="recoveryorder", object_id=str(order.pk)).exists()


# --- guards and roles -----------------------------------------------------------------------------


def test_the_guards_say_why_not(applicant, grants, granted):
    case = granted
    assert guard_failures(case, step("pay_advance")) == ["Het voorschot is niet opgedragen (of al betaald)."]
    assert guard_failures(case, step("order_recovery"))  # nothing paid, nothing to recover
    assert guard_failures(case, step("record_repayment"))
    fire(case, "sign_agreement", grants)
    assert guard_failures(case, step("pay_advance")) == []
    assert guard_failures(case, step("pay_balance"))  # the balance is only planned
    fire(case, "pay_advance", grants)
    assert guard_failures(case, step("pay_advance"))  # paid: not twice
    fire(case, "request_final_report", grants)
    with pytest.raises(TransitionRefused, match="eindverslag"):
        fire(case, "submit_report", applicant)  # no report on file
    report(applicant, case)
    for name in ("accept_report", "accept_report_partially"):
        with pytest.raises(TransitionRefused, match="beoordeling"):
            fire(case, name, grants, "Zonder beoordeling.")
    assert case.state == "report_submitted"


def test_only_the_service_takes_the_payment_steps(applicant, other_applicant, grants, granted):
    with pytest.raises(TransitionRefused):
        fire(granted, "sign_agreement", applicant)
    fire(granted, "sign_agreement", grants)
    with pytest.raises(TransitionRefused):
        fire(granted, "pay_advance", applicant)
    fire(granted, "pay_advance", grants)
    fire(granted, "request_final_report", grants)
    with pytest.raises(PermissionDenied):
        report(other_applicant, granted)
    with pytest.raises(PermissionDenied):
        reports.assess_final(applicant, granted, accepted_cents=1, note="")


# --- bad input: refused in Dutch, nothing changed -------------------------------------------------


@pytest.mark.parametrize(
    ("spent", "message"),
    [
        (("-100.00", "15000.00"), "mag niet negatief zijn"),
        (("dertig", "15000.00"), "geen bedrag"),
        (("30000.00",), "elke lijn"),
    ],
)
def test_a_bad_cost_statement_is_refused(applicant, grants, granted, spent, message):
    case = to_report_due(grants, granted)
    before = snapshot(case)
    with pytest.raises(ValidationError, match=message):
        report(applicant, case, spent=spent)
    assert snapshot(case) == before


def test_a_report_without_content_is_refused(applicant, grants, granted):
    case = to_report_due(grants, granted)
    before = snapshot(case)
    with pytest.raises(ValidationError, match="inhoudelijk"):
        report(applicant, case, narrative="  ")
    assert snapshot(case) == before


def test_a_report_on_a_file_not_in_that_state_is_refused(applicant, grants, granted):
    case = granted
    before = snapshot(case)
    for kind in ("final", "interim"):
        with pytest.raises(ValidationError, match="verslag"):
            report(applicant, case, kind=kind)
    assert snapshot(case) == before
    for name in ("sign_agreement", "pay_advance"):
        fire(case, name, grants)
    before = snapshot(case)
    with pytest.raises(ValidationError, match="eindverslag"):
        report(applicant, case, kind="final")  # not yet asked for
    assert snapshot(case) == before


def test_paying_twice_is_refused(grants, granted):
    fire(granted, "sign_agreement", grants)
    fire(granted, "pay_advance", grants)
    advance = Tranche.objects.get(application__case=granted, kind=TrancheKind.ADVANCE)
    before = snapshot(granted)
    with pytest.raises(ValidationError, match="niet twee keer"):
        payments.pay(grants, advance)
    with pytest.raises(TransitionRefused):
        fire(granted, "pay_advance", grants)
    assert snapshot(granted) == before
    balance = Tranche.objects.get(application__case=granted, kind=TrancheKind.BALANCE)
    with pytest.raises(ValidationError, match="niet opgedragen"):
        payments.pay(grants, balance)  # planned, not ordered
    with pytest.raises(ValidationError, match="al gepland"):
        payments.plan(grants, granted.grant_application)
    assert snapshot(granted) == before


@pytest.mark.parametrize(
    ("accepted", "note", "message"),
    [
        (-1, "", "negatief"),
        (45_000_01, "", "subsidie"),
        (44_000_00, "", "reden"),  # a reduction needs its motivation
    ],
)
def test_a_bad_assessment_is_refused(applicant, grants, granted, accepted, note, message):
    case = to_report_due(grants, granted)
    report(applicant, case)
    before = snapshot(case)
    with pytest.raises(ValidationError, match=message):
        reports.assess_final(grants, case, accepted_cents=accepted, note=note)
    assert snapshot(case) == before


def test_no_more_is_accepted_than_was_spent(applicant, grants, granted):
    case = to_report_due(grants, granted)
    report(applicant, case, spent=("30000.00", "10000.00"))
    before = snapshot(case)
    with pytest.raises(ValidationError, match="uitgegeven"):
        reports.assess_final(grants, case, accepted_cents=45_000_00, note="")
    assert snapshot(case) == before


# --- interim reports ------------------------------------------------------------------------------


def test_interim_reports_are_accepted_or_refused_with_a_reason(applicant, grants, granted, events):
    case = granted
    fire(case, "sign_agreement", grants)
    fire(case, "pay_advance", grants)
    interim = report(applicant, case, kind="interim", spent=("10000.00", "5000.00"), narrative="Halfweg.")
    case.refresh_from_db()
    assert case.state == "advance_paid" and interim.kind == ReportKind.INTERIM
    with pytest.raises(ValidationError, match="reden"):
        reports.review_interim(grants, interim, accept=False, note="")
    reports.review_interim(grants, interim, accept=True)
    interim.refresh_from_db()
    assert interim.state == ReportState.ACCEPTED
    with pytest.raises(ValidationError, match="al beoordeeld"):
        reports.review_interim(grants, interim, accept=False, note="Toch niet.")
    second = report(applicant, case, kind="interim", spent=("0", "0"), narrative="Niets gebeurd.")
    reports.review_interim(grants, second, accept=False, note="Geen activiteiten: het doel wordt niet nageleefd.")
    second.refresh_from_db()
    assert second.state == ReportState.REFUSED
    assert ("grants.report_decided", {"reference": case.reference, "kind": "interim", "state": "refused"}) in events


def test_reports_and_payments_follow_the_file(applicant, other_applicant, grants, granted):
    fire(granted, "sign_agreement", grants)
    fire(granted, "pay_advance", grants)
    report(applicant, granted, kind="interim")
    for model in (Tranche, Report):
        assert model.objects.visible_to(applicant).filter(application__case=granted).exists()
        assert not model.objects.visible_to(other_applicant).exists()
        assert not model.objects.visible_to(None).exists()
        assert model.objects.visible_to(grants).filter(application__case=granted).exists()


# --- the arithmetic, property-based ---------------------------------------------------------------

AMOUNTS = st.integers(min_value=0, max_value=10**13)


@st.composite
def shares(draw):
    """Between one and six positive shares adding up to exactly 1 (in ten-thousandths)."""
    cuts = sorted(set(draw(st.lists(st.integers(min_value=1, max_value=9_999), max_size=5))))
    points = [0, *cuts, 10_000]
    return [Decimal(b - a) / Decimal(10_000) for a, b in zip(points, points[1:], strict=False)]


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(amount=AMOUNTS, parts=shares())
def test_the_tranches_add_up_to_the_grant_for_any_amount_and_shares(amount, parts):
    tranches = payments.split(amount, parts)
    assert sum(tranches) == amount and len(tranches) == len(parts)
    assert all(t >= 0 and isinstance(t, int) for t in tranches)
    for tranche, share in zip(tranches[:-1], parts[:-1], strict=True):
        assert amount * share - 1 < tranche <= amount * share  # rounded down, less than a cent
    assert amount * parts[-1] <= tranches[-1] < amount * parts[-1] + len(parts)  # the remainder


@settings(deadline=None)
@given(amount=st.integers(min_value=1, max_value=10**13), advance=st.integers(min_value=1, max_value=99))
def test_the_default_two_tranches_add_up_for_any_advance_share(amount, advance):
    share = Decimal(advance) / 100
    first, last = payments.split(amount, [share, 1 - share])
    assert first + last == amount and first == int(amount * share)


@pytest.mark.parametrize(
    ("amount", "parts"),
    [(-1, ["1"]), (100, []), (100, ["0.5", "0.4"]), (100, ["1.2", "-0.2"]), (1.5, ["1"]), (True, ["1"])],
)
def test_impossible_tranches_are_refused(amount, parts):
    with pytest.raises(ValidationError):
        payments.split(amount, [Decimal(p) for p in parts])


def test_an_odd_grant_loses_no_cent(applicant, grants, call, reviewers):
    case = to_granted(grants, applicant, call, reviewers,
                      budget_lines=[{"label": "Alles", "amount_eur": "333.33"}], co_financing_eur="0")  # fmt: skip
    fire(case, "sign_agreement", grants)
    assert [amount for _kind, amount, _state in amounts(case)] == [266_66, 66_67]
    assert Case.objects.get(pk=case.pk).state == "agreement_signed"
    assert TrancheState.ORDERED == amounts(case)[0][2]


def test_the_payments_of_a_protected_grant_are_hidden_from_everyone_outside_the_service(org, grants, call,
                                                                                         reviewers):  # fmt: skip
    """The access matrix over the new models: a protected person's tranches, reports and recovery
    order are read by the grants service and the beneficiary, by no other role of the organisation
    (the secretariat and administrators see all)."""
    from chancery.core.models import Role
    from chancery.core.testing import make_user
    from chancery.grants.testing import PERSON_AT_RISK

    defender = make_user("t-verdediger", Role.APPLICANT)
    case = to_granted(grants, defender, call, reviewers, party=PERSON_AT_RISK, protected=True, country="BY")
    fire(case, "sign_agreement", grants)
    fire(case, "pay_advance", grants)
    report(defender, case, kind="interim")
    fire(case, "order_recovery", grants, "Het doel werd niet nageleefd.")
    models = (Tranche, Report, RecoveryOrder)
    for role, user in org.users.items():
        if role in ("admin", "secretariat"):
            continue
        for model in models:
            assert not model.objects.visible_to(user).filter(application__case=case).exists(), (role, model)
    for user in (grants, defender):
        for model in models:
            assert model.objects.visible_to(user).filter(application__case=case).exists(), model


def test_the_payments_panel_costs_the_same_queries_with_more_reports(client, applicant, grants, granted):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fire(granted, "sign_agreement", grants)
    fire(granted, "pay_advance", grants)
    report(applicant, granted, kind="interim")
    client.force_login(grants)
    url = f"/app/zaken/{granted.reference}/"
    with CaptureQueriesContext(connection) as one:
        page = client.get(url)
    assert page.status_code == 200 and f"{granted.reference}-T1" in page.content.decode()
    report(applicant, granted, kind="interim")
    report(applicant, granted, kind="interim")
    with CaptureQueriesContext(connection) as three:
        page = client.get(url)
    assert "Betalingen en verslagen" in page.content.decode()
    assert len(three) == len(one)


def test_the_pages_forms_reach_the_services(client, applicant, other_applicant, grants, granted):
    """The counter's report form, the interim review and the final assessment, through their views;
    an outsider gets 404 and changes nothing."""
    fire(granted, "sign_agreement", grants)
    fire(granted, "pay_advance", grants)
    counter = f"/loket/subsidies/{granted.reference}/verslag/"
    form = {"report-kind": "interim", "report-narrative": "Halfweg.", "report-spent_0": "100", "report-spent_1": "50"}
    client.force_login(other_applicant)
    assert client.post(counter, form).status_code == 404
    client.force_login(applicant)
    assert client.post(counter, {**form, "report-spent_0": "-1"}).status_code == 302
    assert not Report.objects.exists()
    assert client.post(counter, form).status_code == 302
    interim = Report.objects.get()
    assert interim.spent_cents == 150_00
    client.force_login(grants)
    review = f"/app/subsidies/dossiers/{granted.reference}/verslagen/{interim.pk}/"
    client.post(review, {f"interim-{interim.pk}-decision": "accept", f"interim-{interim.pk}-note": ""})
    interim.refresh_from_db()
    assert interim.state == ReportState.ACCEPTED
    fire(granted, "request_final_report", grants)
    client.force_login(applicant)
    client.post(counter, {**form, "report-kind": "final", "report-spent_0": "30000", "report-spent_1": "15000"})
    granted.refresh_from_db()
    assert granted.state == "report_submitted"
    assess = f"/app/subsidies/dossiers/{granted.reference}/eindverslag/"
    assert client.post(assess, {"assessment-accepted_eur": "45000"}).status_code == 403
    client.force_login(grants)
    client.post(assess, {"assessment-accepted_eur": "45000", "assessment-note": ""})
    granted.refresh_from_db()
    assert granted.state == "settled"
