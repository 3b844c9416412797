"""The decision on a grant (issue 15 §4): by the competent minister (the step `award`), or by the
Flemish Government: the proposal becomes an agenda item of a meeting with its PDF, submitted by a
minister's office through decision-making, and the grant follows the Government's decision
(approved → granted, withdrawn → rejected, postponed → still before it). No grant without that
decision. The letters (agreement, positive, negative) are sealed PDFs on the case for the
applicant; the proposal to the Government never names a protected person."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from pypdf import PdfReader

from chancery.decisions import services as decisions
from chancery.decisions.models import Decision, Submission
from chancery.grants import rules
from chancery.grants.models import GovernmentProposal, ProposalState
from chancery.grants.services import government, programmes
from chancery.grants.testing import PERSON_AT_RISK, apply, fire, open_call, to_assessed
from chancery.procedures.models import CaseDocument
from chancery.procedures.services.cases import TransitionRefused
from chancery.procedures.services.letters import DECISION_LETTER


def pdf_text(document) -> str:
    with document.latest_version.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join(page.extract_text() for page in reader.pages)


def letters_of(case):
    return [link.document for link in CaseDocument.objects.filter(case=case, kind=DECISION_LETTER).order_by("pk")]


@pytest.fixture
def gov_call(grants, fund):
    return open_call(grants, fund, title="Oproep via de Regering", decided_by="government")


@pytest.fixture
def meeting(org):
    held = timezone.localdate() - datetime.timedelta(days=1)
    return decisions.create_meeting(
        org.users["secretariat"], starts_at=timezone.make_aware(datetime.datetime.combine(held, datetime.time(10)))
    )


def before_government(applicant, grants, call, reviewers, **changes):
    case = apply(applicant, call, **changes)
    to_assessed(grants, case, reviewers)
    fire(case, "propose_to_government", grants)
    return case


def on_the_agenda(org, case, meeting):
    """The minister's office submits, the secretariat accepts, the agenda is approved and final."""
    secretariat = org.users["secretariat"]
    proposal = GovernmentProposal.objects.get(application__case=case)
    government.submit_to_government(org.users["cabinet_concerned"], proposal, meeting, mandatees=[org.mandatees["a"]])
    proposal.refresh_from_db()
    item = decisions.accept(secretariat, proposal.submission)
    draft = decisions.current_draft(meeting)
    decisions.approve_all_formally(secretariat, draft, expected_revision=None)
    decisions.approve_agenda(secretariat, draft, expected_revision=None, close=True)
    return proposal, decisions.final_items(meeting).get(lineage=item.lineage)


def test_the_minister_awards_only_what_the_minister_decides(applicant, grants, gov_call, call, reviewers):
    case = apply(applicant, gov_call)
    to_assessed(grants, case, reviewers)
    with pytest.raises(TransitionRefused, match="Regering|Government"):
        fire(case, "award", grants, "Goed.")
    case.refresh_from_db()
    assert case.state == "assessed" and not letters_of(case)
    assert programmes.envelope_for(gov_call).committed_cents == 0
    other = apply(applicant, call, title="Via de minister")
    to_assessed(grants, other, reviewers)
    with pytest.raises(TransitionRefused, match="minister"):
        fire(other, "propose_to_government", grants)


def test_above_the_threshold_the_government_decides(applicant, grants, fund, reviewers):
    big = open_call(grants, fund, title="Grote oproep", max_eur=900_000)
    case = apply(applicant, big, budget_lines=[{"label": "Programma", "amount_eur": "600000.00"}],
                 co_financing_eur="0")  # fmt: skip
    threshold = rules.decision_figure("government_threshold_cents")
    assert case.grant_application.requested_cents >= threshold.value and not threshold.verified
    assert government.decided_by(case.grant_application) == government.GOVERNMENT
    small = apply(applicant, big, title="Klein")
    assert government.decided_by(small.grant_application) == government.MINISTER


def test_the_government_approves_and_the_grant_follows(org, applicant, grants, gov_call, reviewers, meeting):
    case = before_government(applicant, grants, gov_call, reviewers)
    assert case.state == "government"
    proposal, item = on_the_agenda(org, case, meeting)
    assert proposal.state == ProposalState.SUBMITTED
    assert case.reference in item.title and "45000.00 EUR" in item.title
    [document] = [d.document for d in item.item_documents.all()]
    assert "Voorstel aan de Vlaamse Regering" in pdf_text(document)
    assert programmes.envelope_for(gov_call).committed_cents == 0  # nothing before the decision
    decisions.record_decision(org.users["secretariat"], item, result="approved", text="De subsidie wordt toegekend.")
    case.refresh_from_db()
    proposal.refresh_from_db()
    application = case.grant_application
    application.refresh_from_db()
    assert case.state == "granted" and proposal.state == ProposalState.APPROVED
    assert proposal.decision == Decision.objects.get(item=item)
    assert application.awarded_cents == 45_000_00 and application.decided_on == meeting.starts_at.date()
    assert programmes.envelope_for(gov_call).committed_cents == 45_000_00
    agreement, letter = letters_of(case)
    assert "Subsidieovereenkomst" in pdf_text(agreement) and "45000.00" in pdf_text(agreement)
    text = pdf_text(letter)
    assert "toegekend" in text and "Vlaamse Regering" in text and "De subsidie wordt toegekend." in text
    assert applicant in letter.named_users.all()


def test_the_government_does_not_adopt_and_the_application_is_rejected(org, applicant, grants, gov_call, reviewers,
                                                                        meeting):  # fmt: skip
    case = before_government(applicant, grants, gov_call, reviewers)
    _proposal, item = on_the_agenda(org, case, meeting)
    decisions.record_decision(org.users["secretariat"], item, result="withdrawn", text="Niet aangenomen.",
                              motivation="Andere prioriteiten in de begroting.")  # fmt: skip
    case.refresh_from_db()
    assert case.state == "rejected"
    assert programmes.envelope_for(gov_call).committed_cents == 0
    [letter] = letters_of(case)
    text = pdf_text(letter)
    assert "afgewezen" in text and "Andere prioriteiten in de begroting." in text


def test_a_postponed_decision_leaves_it_before_the_government(org, applicant, grants, gov_call, reviewers, meeting):
    case = before_government(applicant, grants, gov_call, reviewers)
    _proposal, item = on_the_agenda(org, case, meeting)
    decisions.record_decision(org.users["secretariat"], item, result="postponed", text="Uitgesteld.")
    case.refresh_from_db()
    assert case.state == "government" and not letters_of(case)


def test_no_grant_without_the_decision(org, applicant, grants, gov_call, reviewers, meeting):
    case = before_government(applicant, grants, gov_call, reviewers)
    for step in ("follow_government_approval", "follow_government_rejection"):
        with pytest.raises(TransitionRefused):
            fire(case, step, org.users["secretariat"], "Zonder besluit.")
    case.refresh_from_db()
    assert case.state == "government" and programmes.envelope_for(gov_call).committed_cents == 0


def test_an_approval_beyond_the_envelope_is_refused_by_decision_making(org, applicant, grants, gov_call, reviewers,
                                                                        meeting):  # fmt: skip
    case = before_government(applicant, grants, gov_call, reviewers)
    _proposal, item = on_the_agenda(org, case, meeting)
    envelope = programmes.envelope_for(gov_call)
    programmes.commit(grants, envelope, envelope.remaining_cents - 1_000_00, reason="ander besluit")
    with pytest.raises(ValidationError, match="enveloppe|envelope"):
        decisions.record_decision(org.users["secretariat"], item, result="approved", text="Toegekend.")
    case.refresh_from_db()
    assert case.state == "government" and not Decision.objects.filter(item=item).exists()


def test_a_granted_decision_is_not_corrected_into_another_result(org, applicant, grants, gov_call, reviewers,
                                                                   meeting):  # fmt: skip
    case = before_government(applicant, grants, gov_call, reviewers)
    _proposal, item = on_the_agenda(org, case, meeting)
    secretariat = org.users["secretariat"]
    decisions.record_decision(secretariat, item, result="approved", text="Toegekend.")
    with pytest.raises(ValidationError, match="toegekend|given"):
        decisions.correct_decision(secretariat, item, result="withdrawn", text="Toch niet.", reason="Vergissing.")
    case.refresh_from_db()
    assert case.state == "granted" and Decision.objects.filter(item=item).count() == 1


def test_the_proposal_never_names_a_protected_person(org, applicant, grants, gov_call, reviewers, meeting):
    case = before_government(applicant, grants, gov_call, reviewers, party=PERSON_AT_RISK, protected=True,
                             purpose="Veilig huis voor Nadia in Minsk.")  # fmt: skip
    proposal, item = on_the_agenda(org, case, meeting)
    submission = Submission.objects.get(pk=proposal.submission_id)
    [document] = [d.document for d in item.item_documents.all()]
    text = pdf_text(document)
    for shown in (submission.title, submission.short_title, item.title, item.short_title, text):
        assert "Nadia" not in shown and "Karimova" not in shown and "Minsk" not in shown
    assert rules.PROTECTED_BENEFICIARY in text and rules.PROTECTED_BENEFICIARY in item.title
    assert item.access_level == "confidential"
    decisions.record_decision(org.users["secretariat"], item, result="approved", text="Toegekend.")
    case.refresh_from_db()
    # The letters are addressed to the person themselves, on their confidential file only.
    for letter in letters_of(case):
        assert letter.access_level == "confidential"


def test_the_minister_decides_with_agreement_and_letters(applicant, grants, call, reviewers):
    granted = apply(applicant, call)
    to_assessed(grants, granted, reviewers)
    fire(granted, "award", grants, "Sterk project.")
    agreement, letter = letters_of(granted)
    assert "Subsidieovereenkomst" in pdf_text(agreement)
    assert "bevoegde minister" in pdf_text(letter) and "Sterk project." in pdf_text(letter)
    rejected = apply(applicant, call, title="Zwak")
    to_assessed(grants, rejected, reviewers)
    fire(rejected, "reject", grants, "Onvoldoende onderbouwd.")
    [negative] = letters_of(rejected)
    assert "afgewezen" in pdf_text(negative) and "Onvoldoende onderbouwd." in pdf_text(negative)


def test_the_applicant_downloads_the_letters_at_the_counter(client, applicant, grants, call, reviewers):
    case = apply(applicant, call)
    to_assessed(grants, case, reviewers)
    fire(case, "award", grants, "Sterk project.")
    client.force_login(applicant)
    page = client.get(f"/loket/{case.reference}/")
    assert page.status_code == 200
    for document in letters_of(case):
        assert document.title in page.content.decode()


def test_a_ministers_office_submits_from_the_case_page(client, org, applicant, grants, gov_call, reviewers):
    case = before_government(applicant, grants, gov_call, reviewers)
    day = timezone.localdate() + datetime.timedelta(days=7)
    meeting = decisions.create_meeting(
        org.users["secretariat"], starts_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    )
    cabinet = org.users["cabinet_concerned"]
    client.force_login(cabinet)
    page = client.get(case.get_absolute_url())
    assert page.status_code == 200 and 'id="submit-proposal"' in page.content.decode()
    response = client.post(
        f"/app/subsidies/dossiers/{case.reference}/regering/",
        {"government-meeting": meeting.pk, "government-mandatees": [org.mandatees["a"].pk]},
    )
    assert response.status_code == 302
    proposal = GovernmentProposal.objects.get(application__case=case)
    assert proposal.state == ProposalState.SUBMITTED and proposal.submission.meeting == meeting
    client.force_login(applicant)  # the applicant submits nothing to the Government
    assert client.post(f"/app/subsidies/dossiers/{case.reference}/regering/", {}).status_code in (403, 404)
