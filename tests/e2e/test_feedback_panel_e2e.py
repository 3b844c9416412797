"""The feedback panel in Chromium: a citizen reports a problem with a rule (searching the register,
personal data in the text), a civil servant publishes it in a new group and answers, and the
public page of the regulation shows the signal without the personal data, with the answer."""

import datetime

import pytest
from playwright.sync_api import expect

from chancery.core.testing import PASSWORD
from chancery.regulation.models import FeedbackSignal
from chancery.regulation.services import register

from .conftest import log_in
from .test_shell_e2e import describe, run_axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def permit(org):
    secretariat = org.users["secretariat"]
    register.register_regulation(
        secretariat, kind="decree", title="Decreet over het lokaal bestuur", date=datetime.date(2018, 12, 22)
    )
    return register.register_regulation(
        secretariat, kind="decree", title="Decreet van 25 april 2014 betreffende de omgevingsvergunning",
        date=datetime.date(2014, 4, 25),
    )  # fmt: skip


def test_a_signal_from_submission_to_public_answer(page, browser, live_server, org, permit):
    page.goto("/regelgeving/signalen/melden/")
    page.get_by_label("Zoek de regel in het register").fill("omgevingsvergunning")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_text("1 regelgeving gevonden")).to_be_visible()
    page.get_by_label("De betrokken regelgeving").select_option(str(permit.pk))
    page.get_by_label("Soort probleem").select_option("burden")
    page.get_by_label("Beschrijf het probleem").fill(
        "Voor een veranda van 20 m² vraagt de omgevingsvergunning plannen van een architect. "
        "Mail mij op jan.peeters@example.be of bel 0475 12 34 56."
    )
    page.get_by_label("U meldt als").select_option("citizen")
    violations = run_axe(page)
    assert not violations, describe(violations)
    page.get_by_role("button", name="Verstuur het signaal").click()
    expect(page.get_by_text("Dank u. Uw signaal")).to_be_visible()
    signal = FeedbackSignal.objects.get()
    assert signal.state == "received" and signal.regulation == permit

    moderator = browser.new_context(base_url=live_server.url)
    office = moderator.new_page()
    log_in(office, "t-ambtenaar", PASSWORD)
    office.goto("/app/regelgeving/signalen/")
    office.get_by_role("link", name=signal.reference).click()
    expect(office.get_by_text("jan.peeters@example.be").first).to_be_visible()  # as sent, for the moderator
    office.get_by_label("Titel van de nieuwe groep").fill("Architect verplicht voor kleine werken")
    office.get_by_role("button", name="Publiceren", exact=True).click()
    expect(office.get_by_text("Het signaal werd gepubliceerd zonder persoonsgegevens.")).to_be_visible()
    office.get_by_role("link", name="Architect verplicht voor kleine werken").click()
    office.get_by_label("Status").select_option("answered")
    office.get_by_label("Publiek antwoord").fill("Kleine werken tot 40 m² worden meldingsplichtig.")
    office.get_by_role("button", name="Publiceer het antwoord").click()
    expect(office.get_by_text("De status en het antwoord werden gepubliceerd.")).to_be_visible()
    moderator.close()

    page.goto(f"/regelgeving/{permit.pk}/")
    page.get_by_role("link", name="Signalen uit de praktijk over deze regelgeving").click()
    expect(page.get_by_role("heading", name="Architect verplicht voor kleine werken")).to_be_visible()
    expect(page.get_by_text("Kleine werken tot 40 m² worden meldingsplichtig.")).to_be_visible()
    expect(page.get_by_text("Status: Beantwoord")).to_be_visible()
    content = page.content()
    assert "jan.peeters" not in content and "0475" not in content
    assert "[e-mailadres verwijderd]" in content and "[telefoonnummer verwijderd]" in content
    assert not page.console_errors
