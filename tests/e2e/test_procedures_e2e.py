"""A licence application in Chromium: the applicant submits it through the counter's web form with
two goods lines, the handler takes it from the inbox, reviews the screening hits of the end user,
declares it complete, records the findings on the eight criteria and decides, and the applicant
reads the decision, without the internal assessment or the hits. axe-core on each page."""

import pytest
from playwright.sync_api import expect

from chancery.core import samples
from chancery.core.models import Entity, Role
from chancery.core.testing import PASSWORD, make_user
from chancery.procedures.testing import represent
from chancery.strategic_goods.demo.loader import DEMO_SANCTIONS
from chancery.strategic_goods.models import ScreeningHit
from chancery.strategic_goods.procedure import TEAM
from chancery.strategic_goods.services.control_list import load_control_list
from chancery.strategic_goods.services.sanctions import load_sanctions

from .conftest import log_in
from .test_shell_e2e import describe, run_axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people(db):
    team = Entity.objects.create(code=TEAM, kind="department", name="Controle Strategische Goederen")
    # A transactional test empties the reference data the migrations load: the control list and
    # the (demo) sanctions list are loaded here.
    load_control_list()
    load_sanctions(DEMO_SANCTIONS, source="command")
    people = {
        "applicant": make_user("t-aanvrager", Role.APPLICANT),
        "handler": make_user("t-behandelaar", Role.CIVIL_SERVANT, team),
        "colleague": make_user("t-collega", Role.CIVIL_SERVANT, team),
    }
    represent(people["applicant"], people["handler"])  # the applicant acts for Precisie Optiek NV
    return people


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
    page.get_by_label("Soort aanvraag").select_option("dual_use_export")
    page.get_by_label("Vorm van de vergunning").select_option("individual")
    page.get_by_label("Soort goederen").select_option("dual_use")
    page.get_by_label("Geadresseerde", exact=True).fill("Northern Inspection Ltd.")
    page.get_by_label("Land van de geadresseerde", exact=True).fill("Canada")
    page.get_by_label("Eindgebruiker", exact=True).fill("Dmitriy Ivanovich Sokolovsky")
    page.get_by_label("Land van de eindgebruiker", exact=True).fill("Canada")
    page.get_by_label("Eindgebruik", exact=True).fill("Inspectie van pijpleidingen")
    page.get_by_label("Land van bestemming", exact=True).fill("Canada")
    page.get_by_label("Doorvoerlanden (niet verplicht)", exact=True).fill("Duitsland")
    for number, (description, code, quantity, value) in enumerate(
        [("Warmtebeeldcamera's voor inspectie", "6A003", "12", "84000"), ("Koelsystemen", "6A002", "4", "1200")]
    ):
        page.locator(f"#id_goods-{number}-description").fill(description)
        page.locator(f"#id_goods-{number}-control_list_code").fill(code)
        page.locator(f"#id_goods-{number}-quantity").fill(quantity)
        page.locator(f"#id_goods-{number}-value_eur").fill(value)
    page.get_by_label("Ondertekende eindgebruikersverklaring (pdf)").set_input_files(str(certificate))
    page.get_by_role("button", name="De aanvraag indienen").click()
    page.wait_for_url("**/loket/CSG-*/")
    reference = page.url.rstrip("/").rsplit("/", 1)[-1]
    expect(page.locator("#case-state")).to_have_text("Ontvangen, wordt nagekeken")
    expect(page.locator("#goods-lines tbody tr")).to_have_count(2)
    assert describe(run_axe(page)) == []

    page.context.clear_cookies()
    log_in(page, "t-behandelaar", PASSWORD)
    page.goto("/app/zaken/?tab=unassigned")
    assert describe(run_axe(page)) == []
    page.get_by_role("link", name=reference).click()
    page.get_by_role("button", name="Deze zaak opnemen").click()
    # The end user's name is on the sanctions list: not complete until the hit is reviewed.
    fire(page, "Volledig verklaren en de beoordeling starten")
    expect(page.locator("#case-state")).to_have_text("Ingediend")
    expect(page.get_by_text("Er is niets gewijzigd.")).to_be_visible()
    hits = list(ScreeningHit.objects.filter(subject=reference, decision="").values_list("pk", flat=True))
    assert hits
    for pk in hits:
        page.locator(f'a[href="/app/strategische-goederen/treffers/{pk}/"]').click()
        page.get_by_label("Vals positief").check()
        page.get_by_label("Motivering").fill("Andere persoon: geboortedatum en nationaliteit verschillen.")
        page.get_by_role("button", name="Beoordeling vastleggen").click()
        page.wait_for_load_state()
        assert describe(run_axe(page)) == []
        page.goto(f"/app/zaken/{reference}/")
    fire(page, "Volledig verklaren en de beoordeling starten")
    expect(page.locator("#case-state")).to_have_text("In beoordeling")
    page.get_by_label("Tekst van de notitie").fill("Intern: criteria 1 tot 8 nagegaan, geen bezwaar.")
    page.get_by_role("button", name="Notitie bewaren").click()
    for number in range(1, 9):
        form = page.locator("#finding-form")
        form.get_by_label("Criterium").select_option(str(number))
        form.get_by_label("Bevinding").select_option("no_concern")
        form.get_by_label("Motivering").fill(f"Criterium {number}: geen bezwaar na onderzoek.")
        form.get_by_role("button", name="Bevinding vastleggen").click()
        page.wait_for_load_state()
    expect(page.locator("#criteria-findings").get_by_text("Geen bezwaar", exact=True)).to_have_count(8)
    assert describe(run_axe(page)) == []
    fire(page, "Beslissing voorstellen (het departement beslist)")
    expect(page.locator("#case-state")).to_have_text("Beslissing in voorbereiding (departement)")
    # Four eyes: who proposed does not decide; the page says why, and refuses.
    grant = page.locator("form", has=page.get_by_role("button", name="Verlenen", exact=True))
    expect(grant.get_by_text("vraagt een tweede persoon")).to_be_visible()
    fire(page, "Verlenen", "De vergunning wordt verleend, geldig drie jaar.")
    expect(page.locator("#case-state")).to_have_text("Beslissing in voorbereiding (departement)")
    page.context.clear_cookies()
    log_in(page, "t-collega", PASSWORD)
    page.goto(f"/app/zaken/{reference}/")
    fire(page, "Verlenen", "De vergunning wordt verleend, geldig drie jaar.")
    expect(page.locator("#case-state")).to_have_text("Verleend")
    assert describe(run_axe(page)) == []
    for path in ("/app/zaken/werklast/", "/app/zaken/statistieken/", "/"):
        page.goto(path)
        assert describe(run_axe(page)) == [], path

    page.context.clear_cookies()
    log_in(page, "t-aanvrager", PASSWORD)
    page.goto(f"/loket/{reference}/")
    expect(page.locator("#case-state")).to_have_text("Verleend")
    expect(page.get_by_text("De vergunning wordt verleend, geldig drie jaar.")).to_be_visible()
    expect(page.get_by_text("criteria 1 tot 8")).to_have_count(0)
    expect(page.get_by_text("geen bezwaar na onderzoek")).to_have_count(0)
    expect(page.locator("#criteria-findings")).to_have_count(0)
    expect(page.locator("#screening")).to_have_count(0)
    expect(page.locator("#goods-lines tbody tr")).to_have_count(2)
    page.goto("/loket/")
    assert describe(run_axe(page)) == []
    assert page.console_errors == []
