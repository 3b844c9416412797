"""The combined licence: the export of defence-related products to several end users, each with
its own end use (fdfa.be). Every end user is screened; the licence issued says combined."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from chancery.licensing.models import Licence
from chancery.licensing.testing import authorise
from chancery.procedures.services import cases as engine
from chancery.procedures.testing import application_data, apply_for_licence, assess, propose
from chancery.strategic_goods.models import Application, FurtherEndUser
from chancery.strategic_goods.services import review_hit, unreviewed_hits
from chancery.strategic_goods.tests.test_applications import LISTED, form_fields, line, nothing_stored

MILITARY = {"kind": "export", "goods_family": "military", "destination_country": "CA",
            "goods_lines": line(control_list_code="ML6")}  # fmt: skip
FURTHER = [
    {"name": "Canadian Army Logistics", "country": "CA", "end_use": "Onderhoud van voertuigen"},
    {"name": LISTED, "country": "CA", "end_use": "Opleiding"},
]


def fire(case, name, user, reason="Reden"):
    return engine.fire(case, name, user, reason=reason, expected_version=case.version)


def test_a_combined_licence_names_and_screens_every_end_user(demo_list, applicant, handler):
    authorise(handler)
    case = apply_for_licence(
        applicant, data=application_data(licence_form="combined", further_end_users=FURTHER, **MILITARY)
    )
    users = list(FurtherEndUser.objects.filter(application__case=case).values_list("position", "name", "end_use"))
    assert users == [(2, "Canadian Army Logistics", "Onderhoud van voertuigen"), (3, LISTED, "Opleiding")]
    # The listed further end user is a hit like any party: reviewed before the file is complete.
    hits = list(unreviewed_hits(case.reference))
    assert [hit.party_name for hit in hits if hit.party_name == LISTED]
    for hit in hits:
        review_hit(hit, handler, "false_positive", "Andere persoon, andere geboortedatum.")
    fire(case, "declare_complete", handler)
    assess(case, handler)
    propose(case, handler)
    fire(case, "grant", handler, reason="Verleend.")
    assert Licence.objects.get(case=case).form == "combined"


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"licence_form": "combined", **MILITARY}, "voeg de verdere eindgebruikers toe"),
        ({"licence_form": "combined", "further_end_users": FURTHER}, "uitvoer van defensiegerelateerde producten"),
        ({"further_end_users": FURTHER, **MILITARY}, "Meerdere eindgebruikers vragen een gecombineerde vergunning"),
        ({"licence_form": "combined", "further_end_users": [{"name": "X", "country": "ZZ", "end_use": "Y"}],
          **MILITARY}, "Eindgebruiker 2"),
        ({"licence_form": "combined", "further_end_users": [{"name": "X", "country": "CA", "end_use": ""}],
          **MILITARY}, "Eindgebruiker 2: geef de naam en het eindgebruik"),
    ],
)  # fmt: skip
def test_what_a_combined_licence_needs_is_checked(applicant, handler, changes, message):
    authorise(handler)
    with pytest.raises(ValidationError) as refused:
        apply_for_licence(applicant, data=application_data(**changes))
    assert message in " ".join(refused.value.messages)
    assert nothing_stored()


def test_the_web_form_files_further_end_users(client, applicant, handler):
    authorise(handler)
    client.force_login(applicant)

    def fields(**rows):  # a fresh upload each time: a posted file is read once
        data = form_fields(kind="export", goods_family="military", licence_form="combined", destination_country="CA")
        data.update({"goods-TOTAL_FORMS": "1", "goods-0-control_list_code": "ML6",
                     "endusers-TOTAL_FORMS": "2", "endusers-INITIAL_FORMS": "0", "endusers-MIN_NUM_FORMS": "0",
                     "endusers-MAX_NUM_FORMS": "50", **rows})  # fmt: skip
        return data

    response = client.post(reverse("counter:apply", args=["CSG"]), fields())
    assert response.status_code == 400 and "voeg de verdere eindgebruikers toe" in response.content.decode()
    assert nothing_stored()
    row = {"endusers-0-name": "Canadian Army Logistics", "endusers-0-country": "ca", "endusers-0-end_use": "Onderhoud"}
    response = client.post(reverse("counter:apply", args=["CSG"]), fields(**row))
    assert response.status_code == 302
    application = Application.objects.get()
    assert list(application.further_end_users.values_list("name", "country")) == [("Canadian Army Logistics", "CA")]
    page = client.get(reverse("counter:case", args=[application.case.reference])).content.decode()
    assert "Eindgebruiker 2" in page and "Canadian Army Logistics (CA)" in page
