"""The applicant's form in Chromium (issue 14): countries chosen by typing their Dutch name from the
list the page offers, a validation error that keeps the attached certificate, a saved draft
resumed from the counter, and the submission that turns it into a case. axe-core on each page."""

import pytest
from playwright.sync_api import expect

from chancery.core import samples
from chancery.core.models import Entity, Role
from chancery.core.testing import PASSWORD, make_user
from chancery.procedures.models import ApplicationDraft, Case
from chancery.procedures.testing import represent
from chancery.strategic_goods.procedure import TEAM
from chancery.strategic_goods.services.control_list import load_control_list

from .conftest import log_in
from .test_shell_e2e import describe, run_axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def applicant(db):
    team = Entity.objects.create(code=TEAM, kind="department", name="Controle Strategische Goederen")
    load_control_list()  # a transactional test empties the reference data the migrations load
    applicant = make_user("t-aanvrager", Role.APPLICANT)
    represent(applicant, make_user("t-behandelaar", Role.CIVIL_SERVANT, team))
    return applicant


def choose_country(page, label, name):
    """Type the country's name, as a user does in the list the field offers."""
    field = page.get_by_label(label, exact=True)
    field.fill("")
    field.press_sequentially(name)


def test_applicant_chooses_countries_keeps_the_file_saves_a_draft_and_submits(page, applicant, tmp_path):
    certificate = tmp_path / "eindgebruikersverklaring.pdf"
    certificate.write_bytes(samples.make_pdf("End-user certificate, signed"))

    log_in(page, "t-aanvrager", PASSWORD)
    page.goto("/loket/")
    page.get_by_role("link", name="Vergunning voor strategische goederen").click()
    # The countries are offered by their Dutch names; the party's country shows as one.
    expect(page.locator('datalist#country-names option[value="Japan"]')).to_have_count(1)
    expect(page.get_by_label("Land", exact=True)).to_have_value("België")
    assert describe(run_axe(page)) == []

    page.get_by_label("Naam van de onderneming, organisatie of persoon").fill("Precisie Optiek NV")
    page.get_by_label("Registratienummer").fill("0123.456.749")
    page.get_by_label("Onderwerp van de aanvraag").fill("Uitvoer warmtebeeldcamera's naar Japan")
    page.get_by_label("Soort aanvraag").select_option("dual_use_export")
    page.get_by_label("Vorm van de vergunning").select_option("individual")
    page.get_by_label("Soort goederen").select_option("dual_use")
    page.get_by_label("Geadresseerde", exact=True).fill("Nippon Inspection KK")
    choose_country(page, "Land van de geadresseerde", "Japan")
    page.get_by_label("Eindgebruiker", exact=True).fill("Nippon Inspection KK")
    choose_country(page, "Land van de eindgebruiker", "Japan")
    page.get_by_label("Eindgebruik", exact=True).fill("Inspectie van pijpleidingen")
    choose_country(page, "Land van bestemming", "Japan")
    choose_country(page, "Doorvoerlanden (niet verplicht)", "Duitsland")
    # A fourth transit country: the button adds an input, labelled like the others.
    page.get_by_role("button", name="Nog een land toevoegen").click()
    page.get_by_label("Doorvoerlanden (4)").press_sequentially("Verenigde Staten van Amerika")
    page.locator("#id_goods-0-description").fill("Warmtebeeldcamera's voor inspectie")
    page.locator("#id_goods-0-control_list_code").fill("5A992")  # a US classification: refused
    page.locator("#id_goods-0-quantity").fill("12")
    page.locator("#id_goods-0-value_eur").fill("84000")
    page.get_by_label("Ondertekende eindgebruikersverklaring (pdf)").set_input_files(str(certificate))
    page.get_by_role("button", name="De aanvraag indienen").click()
    page.wait_for_load_state()

    # Shown again with the error: the certificate is still attached, the countries as chosen.
    expect(page.get_by_text("is een Amerikaanse exportclassificatie")).to_be_visible()
    expect(page.get_by_text("Al bijgevoegd: eindgebruikersverklaring.pdf")).to_be_visible()
    expect(page.get_by_label("Land van bestemming", exact=True)).to_have_value("Japan")
    expect(page.get_by_label("Doorvoerlanden (2)")).to_have_value("Verenigde Staten van Amerika")
    assert not Case.objects.exists()
    assert describe(run_axe(page)) == []

    # Saved as a draft as it stands, with the error still in it.
    page.get_by_role("button", name="Opslaan als ontwerp").click()
    page.wait_for_url("**/loket/#draft-*")
    expect(page.get_by_text("Uw ontwerp is bewaard.")).to_be_visible()
    drafts = page.locator("ul.drafts")
    expect(drafts.get_by_role("link", name="Uitvoer warmtebeeldcamera's naar Japan")).to_be_visible()
    assert describe(run_axe(page)) == []
    drafts.get_by_role("link", name="Uitvoer warmtebeeldcamera's naar Japan").click()

    # Resumed: what was filled in and the file, without the errors; corrected and submitted.
    expect(page.get_by_text("Al bijgevoegd: eindgebruikersverklaring.pdf")).to_be_visible()
    expect(page.get_by_label("Land van de geadresseerde", exact=True)).to_have_value("Japan")
    expect(page.locator(".errorlist")).to_have_count(0)
    assert describe(run_axe(page)) == []
    page.locator("#id_goods-0-control_list_code").fill("6A003")
    page.get_by_role("button", name="De aanvraag indienen").click()
    page.wait_for_url("**/loket/CSG-*/")
    expect(page.get_by_text("Uw aanvraag is ingediend")).to_be_visible()

    case = Case.objects.get()
    application = case.strategic_application
    assert application.destination_country == "JP" and application.transit_countries == ["DE", "US"]
    assert case.documents.get().document.versions.get().original_filename == "eindgebruikersverklaring.pdf"
    assert not ApplicationDraft.objects.exists()
    page.goto("/loket/")
    expect(page.get_by_text("U hebt geen ontwerpen.")).to_be_visible()
    assert page.console_errors == []
