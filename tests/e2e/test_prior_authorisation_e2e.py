"""The prior authorisation in Chromium: a company that wants to export military goods is told it
needs one, applies for it at the counter with its ICP questionnaire, the service investigates
(asks the advice, files it as an internal document) and grants it, and the company's application
for military goods is then accepted. axe-core on the new pages."""

import pytest
from playwright.sync_api import expect

from chancery.core import samples
from chancery.core.models import Entity, Role
from chancery.core.testing import PASSWORD, make_user
from chancery.strategic_goods.procedure import TEAM
from chancery.strategic_goods.services.control_list import load_control_list

from .conftest import log_in
from .test_procedures_e2e import fire
from .test_shell_e2e import describe, run_axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
COMPANY = ("Kust Optronics NV", "0123.456.749")


@pytest.fixture
def people(db):
    team = Entity.objects.create(code=TEAM, kind="department", name="Controle Strategische Goederen")
    load_control_list()  # a transactional test empties what the migrations loaded
    return {
        "applicant": make_user("t-aanvrager", Role.APPLICANT),
        "handler": make_user("t-behandelaar", Role.CIVIL_SERVANT, team),
    }


def apply_for_military_goods(page, certificate):
    page.goto("/loket/nieuw/CSG/")
    page.get_by_label("Naam van de onderneming, organisatie of persoon").fill(COMPANY[0])
    page.get_by_label("Registratienummer").fill(COMPANY[1])
    page.get_by_label("Onderwerp van de aanvraag").fill("Onderdelen voor pantservoertuigen naar Frankrijk")
    page.get_by_label("Soort aanvraag").select_option("transfer")
    page.get_by_label("Soort goederen").select_option("military")
    for label, value in (("Geadresseerde", "Armée de Terre"), ("Eindgebruiker", "Armée de Terre"),
                         ("Eindgebruik", "Onderhoud van voertuigen")):  # fmt: skip
        page.get_by_label(label, exact=True).fill(value)
    for label in ("Land van de geadresseerde", "Land van de eindgebruiker", "Land van bestemming"):
        page.get_by_label(label, exact=True).fill("Frankrijk")
    page.locator("#id_goods-0-description").fill("Reserveonderdelen")
    page.locator("#id_goods-0-control_list_code").fill("ML6")
    page.locator("#id_goods-0-quantity").fill("4")
    page.locator("#id_goods-0-value_eur").fill("25000")
    page.get_by_label("Ondertekende eindgebruikersverklaring (pdf)").set_input_files(str(certificate))
    page.get_by_role("button", name="De aanvraag indienen").click()
    page.wait_for_load_state()


def test_a_company_gets_its_prior_authorisation_and_files_military_goods(page, people, tmp_path):
    certificate = tmp_path / "eindgebruikersverklaring.pdf"
    certificate.write_bytes(samples.make_pdf("End-user certificate, signed"))
    questionnaire = tmp_path / "vragenlijst-icp.pdf"
    questionnaire.write_bytes(samples.make_pdf("Vragenlijst ICP"))
    advice = tmp_path / "advies.pdf"
    advice.write_bytes(samples.make_pdf("Advies Veiligheid van de Staat: geen bezwaar"))

    # Without a representation the applicant files for no company, and is told so without a name.
    log_in(page, "t-aanvrager", PASSWORD)
    apply_for_military_goods(page, certificate)
    expect(page.get_by_text("U bent niet geregistreerd als vertegenwoordiger van deze organisatie")).to_be_visible()

    # The service registers the representation on the company's extract of the enterprise register.
    extract = tmp_path / "uittreksel-kbo.pdf"
    extract.write_bytes(samples.make_pdf("Uittreksel KBO: zaakvoerder t-aanvrager"))
    page.context.clear_cookies()
    log_in(page, "t-behandelaar", PASSWORD)
    page.goto("/app/zaken/")
    page.get_by_role("link", name="Vertegenwoordigingen").click()
    page.get_by_label("Gebruikersnaam van de vertegenwoordiger").fill("t-aanvrager")
    page.get_by_label("Onderneming of organisatie").fill(COMPANY[0])
    page.get_by_label("Registratienummer").fill(COMPANY[1])
    page.get_by_label("Aangetoond met een uittreksel uit de Kruispuntbank van Ondernemingen (KBO)").check()
    page.get_by_label("Uittreksel uit de Kruispuntbank van Ondernemingen (KBO)", exact=True).set_input_files(
        str(extract)
    )
    page.get_by_role("button", name="Registreren", exact=True).click()
    page.wait_for_load_state()
    expect(page.get_by_text("vertegenwoordigt nu Kust Optronics NV")).to_be_visible()
    assert describe(run_axe(page)) == []

    page.context.clear_cookies()
    log_in(page, "t-aanvrager", PASSWORD)
    page.goto("/loket/")
    expect(page.locator("#represented")).to_contain_text(COMPANY[0])
    apply_for_military_goods(page, certificate)
    expect(page.get_by_text("Vraag eerst een voorafgaande machtiging aan via uw loket")).to_be_visible()

    page.goto("/loket/")
    page.get_by_role("link", name="Voorafgaande machtiging voor militaire goederen").click()
    assert describe(run_axe(page)) == []
    page.get_by_label("Naam van de onderneming, organisatie of persoon").fill(COMPANY[0])
    page.get_by_label("Registratienummer").fill(COMPANY[1])
    page.get_by_label("Onderwerp van de aanvraag").fill("Voorafgaande machtiging")
    page.get_by_label("Overbrenging naar een andere EU-lidstaat").check()
    page.get_by_label("Uw activiteiten met defensiegerelateerde producten").fill("Wij maken onderdelen.")
    page.get_by_label("Vragenlijst over uw bedrijfsintern controlesysteem (ICP)").set_input_files(str(questionnaire))
    page.get_by_role("button", name="De aanvraag indienen").click()
    page.wait_for_url("**/loket/VM-*/")
    reference = page.url.rstrip("/").rsplit("/", 1)[-1]
    expect(page.locator("#case-state")).to_have_text("Ontvangen, wordt nagekeken")

    page.context.clear_cookies()
    log_in(page, "t-behandelaar", PASSWORD)
    page.goto(f"/app/zaken/{reference}/")
    page.get_by_role("button", name="Deze zaak opnemen").click()
    fire(page, "Volledig verklaren en het onderzoek starten")
    expect(page.locator("#case-state")).to_have_text("Moraliteitsonderzoek en beoordeling van het ICP")
    fire(page, "Advies vragen aan parket, Veiligheid van de Staat en federale politie")
    page.get_by_text("Stuk toevoegen").click()
    page.get_by_label("Soort stuk").select_option("external_advice")
    page.get_by_label("Bestand").set_input_files(str(advice))
    page.get_by_label("Intern (nooit zichtbaar voor de aanvrager)").check()
    page.get_by_role("button", name="Toevoegen", exact=True).click()
    page.wait_for_load_state()
    fire(page, "Advies ontvangen")
    fire(page, "Verlenen", "Moraliteit en ICP in orde.")
    expect(page.locator("#case-state")).to_have_text("Verleend")
    assert describe(run_axe(page)) == []
    page.goto("/app/vergunningen/machtigingen/")
    expect(page.get_by_role("link", name=reference)).to_be_visible()

    page.context.clear_cookies()
    log_in(page, "t-aanvrager", PASSWORD)
    apply_for_military_goods(page, certificate)
    page.wait_for_url("**/loket/CSG-*/")
    expect(page.locator("#case-state")).to_have_text("Ontvangen, wordt nagekeken")
    assert page.console_errors == []
