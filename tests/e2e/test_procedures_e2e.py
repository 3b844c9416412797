"""A licence application in Chromium: the applicant submits it through the counter's web form, the
handler takes it from the inbox through completeness and assessment to a decision, and the
applicant reads the decision, without the internal assessment. axe-core on each page."""

import pytest

from chancery.core import samples
from chancery.core.models import Entity, Role
from chancery.core.testing import PASSWORD, make_user
from chancery.procedures.definitions.strategic_goods import TEAM

from .conftest import log_in
from .test_shell_e2e import describe, run_axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people(db):
    team = Entity.objects.create(code=TEAM, kind="department", name="Controle Strategische Goederen")
    return {
        "applicant": make_user("t-aanvrager", Role.APPLICANT),
        "handler": make_user("t-behandelaar", Role.CIVIL_SERVANT, team),
    }


def fire(page, label, reason=""):
    form = page.locator("form", has=page.get_by_role("button", name=label, exact=True))
    if reason:
        form.locator("textarea").fill(reason)
    form.get_by_role("button", name=label, exact=True).click()
    page.wait_for_load_state()


def test_applicant_submits_and_handler_decides(page, people, tmp_path):
    certificate = tmp_path / "eindgebruikersverklaring.pdf"
    certificate.write_bytes(samples.make_pdf("End-user certificate, signed"))

    log_in(page, "t-aanvrager", PASSWORD)
    page.goto("/loket/")
    page.get_by_role("link", name="Vergunning voor strategische goederen").click()
    assert describe(run_axe(page)) == []
    page.get_by_label("Naam van de onderneming, organisatie of persoon").fill("Precisie Optiek NV")
    page.get_by_label("Registratienummer").fill("0123.456.749")
    page.get_by_label("Onderwerp van de aanvraag").fill("Uitvoer warmtebeeldcamera's naar Canada")
    page.get_by_label("Soort vergunning").select_option("individual_export")
    page.get_by_label("Soort goederen").select_option("dual_use")
    page.get_by_label("Code van de controlelijst").fill("6A003")
    page.get_by_label("Technische kenmerken en gebruik").fill("Warmtebeeldcamera's voor inspectie")
    page.get_by_label("Aantal").fill("12")
    page.get_by_label("Waarde (EUR)").fill("84000")
    page.get_by_label("Land van bestemming (ISO-code)").fill("CA")
    page.get_by_label("Geadresseerde").fill("Northern Inspection Ltd.")
    page.get_by_label("Eindgebruiker", exact=True).fill("Northern Inspection Ltd.")
    page.get_by_label("Eindgebruik", exact=True).fill("Inspectie van pijpleidingen")
    page.get_by_label("Ondertekende eindgebruikersverklaring (pdf)").set_input_files(str(certificate))
    page.get_by_role("button", name="De aanvraag indienen").click()
    page.wait_for_url("**/loket/CSG-*/")
    reference = page.url.rstrip("/").rsplit("/", 1)[-1]
    assert page.locator("#case-state").inner_text() == "Ontvangen, wordt nagekeken"
    assert describe(run_axe(page)) == []

    page.context.clear_cookies()
    log_in(page, "t-behandelaar", PASSWORD)
    page.goto("/app/zaken/?tab=unassigned")
    assert describe(run_axe(page)) == []
    page.get_by_role("link", name=reference).click()
    page.get_by_role("button", name="Deze zaak opnemen").click()
    fire(page, "Volledig verklaren en de beoordeling starten")
    assert page.locator("#case-state").inner_text() == "In beoordeling"
    page.get_by_label("Tekst van de notitie").fill("Intern: criteria 1 tot 8 nagegaan, geen bezwaar.")
    page.get_by_role("button", name="Notitie bewaren").click()
    fire(page, "Beslissing voorstellen (het departement beslist)")
    assert page.locator("#case-state").inner_text() == "Beslissing in voorbereiding (departement)"
    fire(page, "Verlenen", "De vergunning wordt verleend, geldig drie jaar.")
    assert page.locator("#case-state").inner_text() == "Verleend"
    assert describe(run_axe(page)) == []
    for path in ("/app/zaken/werklast/", "/app/zaken/statistieken/", "/"):
        page.goto(path)
        assert describe(run_axe(page)) == [], path

    page.context.clear_cookies()
    log_in(page, "t-aanvrager", PASSWORD)
    page.goto(f"/loket/{reference}/")
    assert page.locator("#case-state").inner_text() == "Verleend"
    assert page.get_by_text("De vergunning wordt verleend, geldig drie jaar.").is_visible()
    assert page.get_by_text("criteria 1 tot 8").count() == 0
    page.goto("/loket/")
    assert describe(run_axe(page)) == []
    assert page.console_errors == []
