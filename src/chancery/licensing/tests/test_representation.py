"""Representation (issue 13) on the licence pages: registering a general licence, reporting on it
and on a licence are acts for the company, refused to whoever does not represent it, with one
message that names neither the company nor its registrations."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from chancery.licensing.models import GeneralLicenceRegistration, GeneralLicenceReport, UseReport
from chancery.licensing.services import general, licences
from chancery.licensing.testing import authorise
from chancery.procedures.models import Representation
from chancery.procedures.services import parties
from chancery.procedures.testing import PARTY

TODAY = timezone.localdate


def refusal_of(call) -> str:
    with pytest.raises(ValidationError) as refused:
        call()
    return " ".join(refused.value.messages)


def names_nothing(message: str) -> bool:
    return not any(word in message for word in ("Precisie", "0123.456.749", "0123456749", "EU001", "VL-AT1"))


def test_another_applicant_cannot_register_a_general_licence_for_a_company(applicant, other_applicant, handler):
    authorise(handler)
    general.register(applicant, party=PARTY, general_licence="EU001", first_use_on=TODAY())
    # A general transfer licence on the company's prior authorisation, and one it registered already:
    # the same refusal, which names neither the company nor its registration.
    for code in ("VL-AT1", "EU001"):
        message = refusal_of(
            lambda code=code: general.register(other_applicant, party=PARTY, general_licence=code, first_use_on=TODAY())
        )
        assert "vertegenwoordiger" in message and names_nothing(message)
    assert GeneralLicenceRegistration.objects.count() == 1


def test_the_register_page_refuses_without_naming_the_company(client, applicant, other_applicant, handler):
    authorise(handler)
    general.register(applicant, party=PARTY, general_licence="EU001", first_use_on=TODAY())
    client.force_login(other_applicant)
    response = client.post(
        reverse("licensing_counter:register"),
        {"company_name": "Mijn BV", "registration_number": PARTY["registration_number"], "general_licence": "EU001",
         "first_use_on": TODAY().isoformat()},
    )  # fmt: skip
    page = response.content.decode()
    errors = page[page.index('role="alert"') :]
    assert response.status_code == 400 and "vertegenwoordiger" in page and "Precisie" not in errors
    assert "al geregistreerd" not in page
    assert GeneralLicenceRegistration.objects.count() == 1


def test_a_revoked_representative_no_longer_reports_for_the_company(applicant, handler, granted):
    licence = granted.licence
    registration = general.register(applicant, party=PARTY, general_licence="EU001", first_use_on=TODAY())
    registration.registered_at -= datetime.timedelta(days=30)
    registration.save()
    parties.revoke(handler, Representation.objects.get(user=applicant), reason="Vertrokken.")
    assert "vertegenwoordiger" in refusal_of(
        lambda: licences.report_use(
            applicant,
            licence,
            used_on=TODAY(),
            quantity=1,
            value_eur="10.00",
            destination_country=licence.destination_country,
        )  # fmt: skip
    )
    end = TODAY() - datetime.timedelta(days=1)
    assert "vertegenwoordiger" in refusal_of(
        lambda: general.report(
            applicant, registration, period_start=end, period_end=end, shipments=1, value_eur="1.00"
        )  # fmt: skip
    )
    assert not GeneralLicenceReport.objects.exists() and not UseReport.objects.exists()
