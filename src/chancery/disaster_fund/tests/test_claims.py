"""Claims on the procedure RF, through the counter's service and the engine's steps: admissibility
(window, late claim, municipality), the expertise with the month to comment, the decision with
its lines recorded, rectification, appeal, payment. Nothing is stored on refusal."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from chancery.disaster_fund.models import Claim, PaymentState
from chancery.disaster_fund.services import claims
from chancery.disaster_fund.services.compensation import claim_deadline, term_end
from chancery.disaster_fund.testing import file_claim, published_recognition
from chancery.procedures.models import Case
from chancery.procedures.services import cases as engine


def fire(case, name, user, reason=""):
    return engine.fire(case, name, user, reason=reason, expected_version=case.version)


def to_report(case, fund, assessed="10000.00"):
    fire(case, "open_file", fund)
    claims.assign_expert(fund, case, expert="Expertisebureau De Rijcke")
    case.refresh_from_db()
    claims.send_report(fund, case, assessed_damage_eur=assessed)
    case.refresh_from_db()
    return case


def test_from_filing_to_payment(applicant, fund, recognition):
    case = file_claim(applicant, recognition)
    assert case.state == "submitted"
    claim = case.disaster_claim
    assert (claim.estimate_cents, claim.insurance_paid_cents) == (1_200_000, 300_000)
    assert claim.municipality.nis_code == "44021"
    to_report(case, fund)
    claim.refresh_from_db()
    assert claim.comment_deadline == term_end(timezone.localdate(), "expert_report_comment")
    fire(case, "agree", applicant)
    fire(case, "decide", fund, reason="Vergoeding volgens het verslag van de expert.")
    claim.refresh_from_db()
    # 10,000.00 assessed − 3,000.00 insurance − 500.00 deductible = 6,500.00
    assert claim.compensation_cents == 650_000 and claim.eligible
    assert [line["amount_cents"] for line in claim.lines] == [1_000_000, -300_000, -50_000, 650_000]
    assert claim.appeal_deadline == term_end(claim.decided_on, "appeal")
    fire(case, "accept_decision", applicant)
    fire(case, "order_payment", fund)
    claim.refresh_from_db()
    assert claim.payment_state == PaymentState.ORDERED
    fire(case, "mark_paid", fund)
    claim.refresh_from_db()
    assert case.state == "paid" and claim.payment_state == PaymentState.PAID and claim.paid_on


def test_a_claim_after_the_window_is_refused_with_the_late_route_offered(applicant, fund):
    published = timezone.localdate() - datetime.timedelta(days=200)
    recognition = published_recognition(fund, published)
    with pytest.raises(ValidationError) as refused:
        file_claim(applicant, recognition)
    message = " ".join(refused.value.messages)
    assert claim_deadline(published).isoformat() in message and "laattijdige aanvraag" in message
    assert not Case.objects.filter(procedure="RF").exists() and not Claim.objects.exists()


def test_a_late_claim_for_force_majeure(applicant, fund):
    recognition = published_recognition(fund, timezone.localdate() - datetime.timedelta(days=200))
    ended = timezone.localdate() - datetime.timedelta(days=10)
    with pytest.raises(ValidationError):  # the motivation is required
        file_claim(applicant, recognition, late=True, impediment_ended_on=ended.isoformat())
    case = file_claim(
        applicant, recognition, late=True, impediment_ended_on=ended.isoformat(),
        late_motivation="Opgenomen in het ziekenhuis tot tien dagen geleden.",
    )  # fmt: skip
    assert case.disaster_claim.late and case.disaster_claim.impediment_ended_on == ended


def test_a_late_claim_more_than_three_months_after_the_impediment_is_refused(applicant, fund):
    recognition = published_recognition(fund, timezone.localdate() - datetime.timedelta(days=300))
    ended = timezone.localdate() - datetime.timedelta(days=120)
    with pytest.raises(ValidationError):
        file_claim(applicant, recognition, late=True, impediment_ended_on=ended.isoformat(), late_motivation="Ziek.")
    assert not Claim.objects.exists()


def test_a_municipality_outside_the_recognition_is_refused(applicant, recognition):
    with pytest.raises(ValidationError) as refused:
        file_claim(applicant, recognition, municipality="11002")
    assert "Antwerpen" in " ".join(refused.value.messages)
    assert not Case.objects.filter(procedure="RF").exists()


def test_silence_counts_as_agreement_only_after_the_month(applicant, fund, recognition):
    case = to_report(file_claim(applicant, recognition), fund)
    with pytest.raises(ValidationError):
        fire(case, "silence", fund)
    Claim.objects.filter(case=case).update(comment_deadline=timezone.localdate() - datetime.timedelta(days=1))
    fire(case, "silence", fund)
    assert case.state == "report_agreed"


def test_comments_then_a_revised_report(applicant, fund, recognition):
    case = to_report(file_claim(applicant, recognition), fund)
    fire(case, "comment", applicant, reason="De keuken is niet meegeteld.")
    claims.send_report(fund, case, assessed_damage_eur="14000")
    case.refresh_from_db()
    assert case.state == "report_sent" and case.disaster_claim.assessed_damage_cents == 1_400_000


def test_insurable_goods_are_decided_to_zero_with_the_reason(applicant, fund, recognition):
    case = to_report(file_claim(applicant, recognition, insurable_simple_risks=True), fund)
    fire(case, "agree", applicant)
    fire(case, "decide", fund, reason="Uitgesloten.")
    claim = Claim.objects.get(case=case)
    assert claim.eligible is False and claim.compensation_cents == 0
    assert "eenvoudige risico" in claim.lines[1]["label"]


def test_rectification_and_appeal(applicant, fund, recognition):
    case = to_report(file_claim(applicant, recognition), fund)
    fire(case, "agree", applicant)
    fire(case, "decide", fund, reason="Beslist.")
    fire(case, "request_rectification", applicant, reason="De verzekering betaalde 2.000 euro, niet 3.000.")
    claims.record_insurance(fund, case, insurance_paid_eur="2000")
    fire(case, "rectify", fund, reason="Verbeterd.")
    assert Claim.objects.get(case=case).compensation_cents == 750_000
    # The appeal term runs: no payment before it lapsed (the claimant did not accept).
    with pytest.raises(ValidationError):
        fire(case, "order_payment", fund)
    fire(case, "record_appeal", fund, reason="Beroep bij het hof van beroep te Gent.")
    fire(case, "record_judgment", fund, reason="Het hof bevestigt de beslissing.")
    Claim.objects.filter(case=case).update(appeal_deadline=timezone.localdate() - datetime.timedelta(days=1))
    fire(case, "order_payment", fund)
    assert case.state == "payment_ordered"


def test_rectification_only_within_a_month(applicant, fund, recognition):
    case = to_report(file_claim(applicant, recognition), fund)
    fire(case, "agree", applicant)
    fire(case, "decide", fund, reason="Beslist.")
    Claim.objects.filter(case=case).update(decided_on=timezone.localdate() - datetime.timedelta(days=40))
    with pytest.raises(ValidationError):
        fire(case, "request_rectification", applicant, reason="Te laat.")


@pytest.mark.parametrize("amount", ["-5", "veel", "1.234"])
def test_a_bad_amount_is_refused_and_nothing_stored(applicant, recognition, amount):
    with pytest.raises(ValidationError):
        file_claim(applicant, recognition, estimate_eur=amount)
    assert not Case.objects.filter(procedure="RF").exists()


def test_the_expert_report_needs_an_amount(applicant, fund, recognition):
    case = file_claim(applicant, recognition)
    fire(case, "open_file", fund)
    claims.assign_expert(fund, case, expert="Expert")
    case.refresh_from_db()
    with pytest.raises(ValidationError):
        claims.send_report(fund, case, assessed_damage_eur="-1")
    assert Claim.objects.get(case=case).assessed_damage_cents is None
