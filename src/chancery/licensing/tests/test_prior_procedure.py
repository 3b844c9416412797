"""The application for a prior authorisation (procedure VM): the company applies at the counter,
the service investigates (advice of prosecutor, State Security, federal police; ICP evaluation),
a grant records the authorisation that CSG's submission then finds, a revocation ends it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from chancery.core.models import AuditEntry
from chancery.licensing.models import PriorAuthorisation
from chancery.licensing.procedure import ICP_QUESTIONNAIRE
from chancery.licensing.tests.conftest import application, fire
from chancery.procedures.models import Case
from chancery.procedures.services import work
from chancery.procedures.services.cases import TransitionRefused
from chancery.procedures.testing import PARTY, apply_for_licence, pdf

MILITARY = application(goods_family="military", control_list_code="ML10")


def apply_for_authorisation(applicant, *, icp=True):
    documents = [(ICP_QUESTIONNAIRE, pdf("icp.pdf", "ICP questionnaire"), "ICP")] if icp else []
    return work.apply(
        applicant, "VM", party=PARTY, title="Voorafgaande machtiging", documents=documents,
        data={"activities": ["export", "transfer"], "description": "Onderdelen voor pantservoertuigen"},
    )  # fmt: skip


def refused(case, name, user, reason="Reden"):
    version = case.version
    with pytest.raises((TransitionRefused, ValidationError)):
        fire(case, name, user, reason=reason)
    case.refresh_from_db()
    assert case.version == version
    return case


def test_a_granted_application_lets_the_company_file_military_goods(client, applicant, handler, team):
    with pytest.raises(ValidationError):
        apply_for_licence(applicant, data=MILITARY)
    case = apply_for_authorisation(applicant)
    assert case.reference.startswith("VM-") and case.state == "submitted" and case.due_on is None
    fire(case, "declare_complete", handler)
    assert case.state == "investigation" and case.due_on == timezone.localdate() + datetime.timedelta(days=42)
    # No grant before the morality investigation's advice is on file; the applicant never decides.
    refused(case, "grant", handler, reason="Betrouwbaar")
    refused(case, "grant", applicant, reason="Betrouwbaar")
    fire(case, "request_advice", handler)
    assert case.due_on is None  # the clock waits for the advice
    refused(case, "advice_received", handler)
    work.add_document(handler, case, upload=pdf("advies.pdf", "Geen bezwaar"), kind="external_advice",
                      title="Advies Veiligheid van de Staat", internal=True)  # fmt: skip
    fire(case, "advice_received", handler)
    fire(case, "grant", handler, reason="Moraliteit en ICP in orde.")
    authorisation = PriorAuthorisation.objects.get(case=case)
    today = timezone.localdate()
    assert authorisation.number == case.reference and authorisation.party_id == case.applicant_id
    assert authorisation.valid_from == today and authorisation.valid_until == today.replace(
        year=today.year + 5
    ) - datetime.timedelta(days=1)
    assert authorisation.validity_verified is False  # the term is configuration to verify
    assert AuditEntry.objects.filter(content_type__model="priorauthorisation", action="create").exists()
    military = apply_for_licence(applicant, data=MILITARY)
    assert military.state == "submitted"
    # Both files name the authorisation, for the service and for the company.
    for user, url in ((handler, "procedures:case"), (applicant, "counter:case")):
        client.force_login(user)
        for file in (case, military):
            page = client.get(reverse(url, args=[file.reference])).content.decode()
            assert 'id="prior-authorisation"' in page and authorisation.number in page
    # Revoked: it ends the day before, and the next military application is refused again.
    fire(case, "revoke", handler, reason="Veroordeling van een bestuurder.")
    authorisation.refresh_from_db()
    assert authorisation.valid_until == today - datetime.timedelta(days=1)
    with pytest.raises(ValidationError):
        apply_for_licence(applicant, data=MILITARY)
    client.force_login(handler)
    page = client.get(reverse("procedures:case", args=[military.reference])).content.decode()
    assert "vervallen" in page


def test_an_application_without_the_icp_questionnaire_is_not_investigated(applicant, handler, team):
    case = apply_for_authorisation(applicant, icp=False)
    refused(case, "declare_complete", handler)
    fire(case, "request_information", handler, reason="Bezorg de vragenlijst over uw ICP.")
    assert case.state == "incomplete"
    work.answer_request(applicant, case, message="Hierbij de vragenlijst.", upload=pdf("icp.pdf", "ICP"),
                        kind=ICP_QUESTIONNAIRE)  # fmt: skip
    case.refresh_from_db()
    fire(case, "declare_complete", handler)
    fire(case, "refuse", handler, reason="Geen werkend intern controlesysteem.")
    assert case.state == "refused" and not PriorAuthorisation.objects.exists()


def test_the_company_applies_at_the_counter(client, applicant, handler, team):
    client.force_login(applicant)
    assert "Voorafgaande machtiging voor militaire goederen" in client.get(reverse("counter:index")).content.decode()
    fields = {
        "party_kind": "organisation", "party_name": PARTY["name"], "registration_number": "0123456749",
        "country": "BE", "title": "Voorafgaande machtiging", "activities": ["export", "general_transfer_licence"],
        "description": "Wij maken onderdelen voor pantservoertuigen.",
    }  # fmt: skip
    response = client.post(reverse("counter:apply", args=["VM"]), fields)
    assert response.status_code == 400 and not Case.objects.exists()  # the questionnaire is required
    response = client.post(reverse("counter:apply", args=["VM"]), {**fields, "icp_questionnaire": pdf("icp.pdf")})
    case = Case.objects.get(procedure="VM")
    assert response.status_code == 302 and case.data["activities"] == ["export", "general_transfer_licence"]
    page = client.get(reverse("counter:case", args=[case.reference])).content.decode()
    assert "Definitieve uitvoer buiten de EU, Gebruik van een algemene overbrengingsvergunning" in page
    # The service finds it in its inbox and on its case page, with the questionnaire.
    client.force_login(handler)
    assert case.reference in client.get(reverse("procedures:inbox") + "?tab=team").content.decode()
    page = client.get(reverse("procedures:case", args=[case.reference])).content.decode()
    assert "Volledig verklaren en het onderzoek starten" in page and "Vragenlijst ICP" in page
