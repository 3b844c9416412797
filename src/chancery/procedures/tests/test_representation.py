"""Who may act for an organisation at the counter (issue 13): a representation registered by the
service, checked by every filing for an organisation, refused with one message that names nobody."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from chancery.core.models import AuditEntry, Document
from chancery.licensing.testing import authorise
from chancery.procedures.models import Case, Party, Representation
from chancery.procedures.services import cases as engine
from chancery.procedures.services import parties, work
from chancery.procedures.testing import OTHER_PARTY, PARTY, application_data, apply_for_licence, pdf
from chancery.procedures.tests.test_pages import form_fields
from chancery.strategic_goods.models import Application

TODAY = timezone.localdate
MILITARY = application_data(
    goods_family="military",
    kind="export",
    goods_lines=[{"description": "Onderdelen", "control_list_code": "ML10", "quantity": 1, "value_eur": "10.00"}],
)


def refusal_of(call) -> str:
    with pytest.raises(ValidationError) as refused:
        call()
    return " ".join(refused.value.messages)


def names_nothing(message: str) -> bool:
    return not any(word in message for word in ("Precisie", "0123.456.749", "0123456749", "EU001", "VL-AT1"))


def test_another_applicant_cannot_file_for_a_company_relying_on_its_prior_authorisation(
    applicant, other_applicant, handler, team
):
    """The probe: a second applicant filed a military export under another company's enterprise
    number and a name of their own, relying on that company's prior authorisation."""
    authorise(handler)  # Precisie Optiek NV holds a prior authorisation
    message = refusal_of(lambda: apply_for_licence(other_applicant, data=MILITARY, party={**PARTY, "name": "Mijn BV"}))
    assert "vertegenwoordiger" in message and names_nothing(message)
    assert not Case.objects.exists() and not Application.objects.exists()
    # The same words for a company nobody knows: the refusal does not tell whether it exists.
    unknown = {**PARTY, "registration_number": "0304.050.656", "name": "Onbestaand NV"}
    assert refusal_of(lambda: apply_for_licence(other_applicant, party=unknown)) == message
    assert not Party.objects.filter(registration_number="0304.050.656").exists()
    # Its own company, it files for.
    assert apply_for_licence(other_applicant, party=OTHER_PARTY).applicant.name == OTHER_PARTY["name"]
    # The company's own representative files the military export.
    assert apply_for_licence(applicant, data=MILITARY).state == "submitted"


def test_the_counter_form_refuses_without_naming_the_company(client, applicant, other_applicant, handler, team):
    authorise(handler)
    client.force_login(other_applicant)
    response = client.post(reverse("counter:apply", args=["CSG"]), form_fields(party_name="Mijn BV"))
    page = response.content.decode()
    assert response.status_code == 400 and "vertegenwoordiger" in page and not Case.objects.exists()
    assert "Precisie" not in page


def test_the_service_grants_and_revokes_with_an_audit_trail(applicant, other_applicant, handler, org):
    # Only the service (its civil servants, the secretariat) registers representations.
    for outsider in (applicant, org.users["civil_servant"], org.users["cabinet_concerned"]):
        with pytest.raises(PermissionDenied):
            parties.grant(outsider, user=other_applicant, party=PARTY, basis="granted")
    with pytest.raises(ValidationError):  # on the extract: the extract is needed
        parties.grant(handler, user=other_applicant, party=PARTY, basis="register_extract")
    with pytest.raises(ValidationError):  # a civil servant does not represent a company at the counter
        parties.grant(handler, user=org.users["civil_servant"], party=PARTY, basis="granted")
    representation = parties.grant(
        handler, user=other_applicant, party=PARTY, basis="register_extract", extract=pdf("kbo.pdf", "Uittreksel"),
        valid_until=TODAY() + datetime.timedelta(days=30), reason="Zaakvoerder volgens het KBO.",
    )  # fmt: skip
    assert representation.extract.latest_version.original_filename == "kbo.pdf"
    assert Document.objects.visible_to(handler).filter(pk=representation.extract_id).exists()
    entry = AuditEntry.objects.get(object_id=str(representation.pk), action="create")
    assert entry.actor == handler and entry.after["basis"] == "register_extract"
    with pytest.raises(ValidationError):  # once at a time
        parties.grant(handler, user=other_applicant, party=PARTY, basis="granted")
    assert apply_for_licence(other_applicant).applicant.registration_number == PARTY["registration_number"]

    with pytest.raises(ValidationError):
        parties.revoke(handler, representation, reason="")
    parties.revoke(handler, representation, reason="Niet langer in dienst.")
    assert AuditEntry.objects.filter(object_id=str(representation.pk), action="update").get().reason == (
        "Niet langer in dienst."
    )
    assert "vertegenwoordiger" in refusal_of(lambda: apply_for_licence(other_applicant))
    # Never deleted: the revoked one stays, and a new one may follow.
    assert Representation.objects.filter(user=other_applicant, party__registration_number="0123.456.749").count() == 1
    parties.grant(handler, user=other_applicant, party=PARTY, basis="granted")


def test_a_representation_counts_only_within_its_validity(other_applicant, handler, team):
    representation = parties.grant(
        handler, user=other_applicant, party=PARTY, basis="granted",
        valid_from=TODAY() + datetime.timedelta(days=1),
    )  # fmt: skip
    assert "vertegenwoordiger" in refusal_of(lambda: apply_for_licence(other_applicant))
    Representation.objects.filter(pk=representation.pk).update(
        valid_from=TODAY() - datetime.timedelta(days=10), valid_until=TODAY() - datetime.timedelta(days=1)
    )
    assert "vertegenwoordiger" in refusal_of(lambda: apply_for_licence(other_applicant))


def test_a_revoked_representative_no_longer_acts_on_the_company_s_files(applicant, handler, team):
    case = apply_for_licence(applicant)
    parties.revoke(handler, Representation.objects.get(user=applicant), reason="Vertrokken.")
    assert "vertegenwoordiger" in refusal_of(lambda: work.add_note(applicant, case, "Nog een vraag.", internal=False))
    assert "vertegenwoordiger" in refusal_of(
        lambda: engine.fire(case, "withdraw", applicant, expected_version=case.version)
    )
    assert Case.objects.get(pk=case.pk).state == "submitted" and not case.notes.exists()
    # A natural person acts for themselves.
    person = {"kind": "person", "name": "Astrid Mertens", "registration_number": "", "country": "BE"}
    assert apply_for_licence(applicant, party=person).applicant.kind == "person"


def test_the_service_page_grants_and_revokes_and_the_applicant_sees_it(client, handler, other_applicant, applicant):
    client.force_login(applicant)
    assert client.get(reverse("procedures:representations")).status_code == 403
    index = client.get(reverse("counter:index")).content.decode()
    assert "Precisie Optiek NV" in index and "Andere Onderneming BV" not in index

    client.force_login(handler)
    page = client.get(reverse("procedures:representations"))
    assert page.status_code == 200 and "Precisie Optiek NV" in page.content.decode()
    assert re.search(
        r'<input type="text" name="country" value="België"[^>]*list="country-names"', page.content.decode()
    )
    # The country by its name from the page's list (issue 14), not an ISO code to type.
    fields = {"username": "t-aanvrager-2", "company_name": "Precisie Optiek NV", "registration_number": "0123456749",
              "country": "belgië", "basis": "register_extract"}  # fmt: skip
    response = client.post(reverse("procedures:representations"), fields)  # the extract is missing
    assert (
        response.status_code == 400
        and not Representation.objects.filter(user=other_applicant, party__name=PARTY["name"]).exists()
    )
    response = client.post(reverse("procedures:representations"), {**fields, "extract": pdf("kbo.pdf")})
    assert response.status_code == 302
    made = Representation.objects.get(user=other_applicant, party__name=PARTY["name"])
    assert made.basis == "register_extract" and made.granted_by == handler and made.party.country == "BE"

    client.force_login(other_applicant)
    assert "Precisie Optiek NV" in client.get(reverse("counter:index")).content.decode()

    client.force_login(handler)
    revoke = reverse("procedures:representation_revoke", args=[made.pk])
    client.post(revoke, {"reason": ""})
    made.refresh_from_db()
    assert made.revoked_at is None
    client.post(revoke, {"reason": "Mandaat beëindigd."})
    made.refresh_from_db()
    assert made.revoked_at is not None and made.revoked_by == handler

    client.force_login(other_applicant)
    assert "Precisie Optiek NV" not in client.get(reverse("counter:index")).content.decode()


def test_who_reads_representations(applicant, other_applicant, handler, org):
    assert set(Representation.objects.visible_to(applicant).values_list("user", flat=True)) == {applicant.pk}
    assert Representation.objects.visible_to(handler).count() == 2
    assert not Representation.objects.visible_to(org.users["civil_servant"]).exists()
    # The organisations one represents are among the parties one reads.
    assert Party.objects.visible_to(other_applicant).filter(name=OTHER_PARTY["name"]).exists()
    assert not Party.objects.visible_to(other_applicant).filter(name=PARTY["name"]).exists()
