"""The decision letter: a decision on a claim (and a refusal, a rectification) writes a PDF on the
case through the engine's procedures.services.letters, with the computation line by line in Dutch
amounts, the motivation and the terms; the claimant downloads it from their counter, nobody else
reads it."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from chancery.core.models import Role
from chancery.core.testing import make_user
from chancery.disaster_fund.testing import file_claim
from chancery.procedures.models import CaseDocument
from chancery.procedures.services import cases as engine
from chancery.procedures.services.cases import TransitionRefused
from chancery.procedures.services.letters import DECISION_LETTER

from .test_claims import fire, to_report


def pdf_text(document) -> str:
    with document.latest_version.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join(page.extract_text() for page in reader.pages)


def letters_of(case):
    return list(CaseDocument.objects.filter(case=case, kind=DECISION_LETTER).order_by("pk"))


def test_a_decision_writes_the_letter_with_the_lines(client, applicant, fund, recognition):
    case = to_report(file_claim(applicant, recognition), fund)
    assert letters_of(case) == []
    fire(case, "agree", applicant)
    fire(case, "decide", fund, reason="Vergoeding volgens het verslag van de expert.")
    [link] = letters_of(case)
    assert not link.internal
    text = pdf_text(link.document)
    # 10.000,00 assessed − 3.000,00 insurance − 500,00 deductible = 6.500,00, the Dutch way.
    for expected in ("€ 10.000,00", "€ -3.000,00", "€ -500,00", "€ 6.500,00", "verslag van de expert",
                     "hof van beroep", case.reference):  # fmt: skip
        assert expected in text, expected
    assert link.document.latest_version.mime_type == "application/pdf"
    # On the claimant's counter; not for another applicant.
    client.force_login(applicant)
    assert link.document.title in client.get(reverse("counter:case", args=[case.reference])).content.decode()
    assert link.document.is_visible_to(applicant)
    stranger = make_user("t-vreemde", Role.APPLICANT)
    assert not link.document.is_visible_to(stranger)


def test_a_rectification_writes_a_new_letter(applicant, fund, recognition):
    case = to_report(file_claim(applicant, recognition), fund)
    fire(case, "agree", applicant)
    fire(case, "decide", fund, reason="Beslist.")
    fire(case, "request_rectification", applicant, reason="De verzekering betaalde maar 2000 euro.")
    from chancery.disaster_fund.services import claims

    claims.record_insurance(fund, case, insurance_paid_eur="2000")
    case.refresh_from_db()
    fire(case, "rectify", fund, reason="Verzekering rechtgezet.")
    first, second = letters_of(case)
    assert "€ 6.500,00" in pdf_text(first.document) and "€ 7.500,00" in pdf_text(second.document)


def test_a_refusal_writes_a_letter_without_lines(applicant, fund, recognition):
    case = file_claim(applicant, recognition)
    fire(case, "refuse", fund, reason="Geen schade door de erkende ramp.")
    [link] = letters_of(case)
    text = pdf_text(link.document)
    assert "Geen schade door de erkende ramp" in text and "hof van beroep" in text and "€" not in text


def test_a_refused_step_writes_no_letter(applicant, fund, recognition):
    case = to_report(file_claim(applicant, recognition), fund)
    with pytest.raises(TransitionRefused):  # the report is not yet agreed
        engine.fire(case, "decide", fund, reason="Te vroeg.", expected_version=case.version)
    assert letters_of(case) == []
