"""The data protection officer answers a data subject: from the navigation to the register of
processing, an access export on screen (the person's feedback signal and account, nothing of
another person), then a pseudonymisation with the reasons the law keeps the rest; the pages pass
axe-core."""

import pytest
from playwright.sync_api import expect

from chancery.core.models import Role
from chancery.core.testing import PASSWORD, make_user
from chancery.regulation.models import FeedbackSignal
from chancery.regulation.services import feedback

from .conftest import log_in, navigate
from .test_shell_e2e import describe, run_axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def signals(db):
    for name, email in (("Anna Vermeersch", "anna@example.be"), ("Bart Claeys", "bart@example.be")):
        feedback.submit(
            text="Het formulier vraagt drie keer dezelfde gegevens; bel me op 0475 12 34 56.", theme="burden",
            reporter_kind="citizen", anonymous=False, name=name, email=email,
        )  # fmt: skip
    return make_user("t-fg", Role.DPO)


def test_the_officer_exports_and_pseudonymises(page, signals, artifacts):
    log_in(page, "t-fg", PASSWORD)
    navigate(page, "Beheer", "Privacy")
    expect(page.get_by_role("heading", name="Privacy: register van verwerkingsactiviteiten")).to_be_visible()
    assert describe(run_axe(page)) == []

    form = page.locator("#access-form")
    form.get_by_label("E-mailadres, rijksregisternummer of volledige naam").fill("anna@example.be")
    form.get_by_role("button", name="Gegevens exporteren").click()
    expect(page.get_by_role("heading", name="Inzage-export")).to_be_visible()
    expect(page.get_by_role("heading", name="Meldpunt regelgeving")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Anna Vermeersch")
    expect(page.locator("main")).not_to_contain_text("Bart")
    page.screenshot(path=str(artifacts / "privacy-export.png"), full_page=True)
    assert describe(run_axe(page)) == []

    page.get_by_role("link", name="Terug naar het register").click()
    form = page.locator("#erasure-form")
    form.get_by_label("E-mailadres, rijksregisternummer of volledige naam").fill("anna@example.be")
    form.get_by_label("Ik heb de identiteit van de persoon en het verzoek gecontroleerd", exact=False).check()
    form.get_by_role("button", name="Pseudonimiseren").click()
    expect(page.get_by_role("heading", name="Wissing (art. 17)")).to_be_visible()
    expect(page.locator("#changed")).to_contain_text("Meldpunt regelgeving")
    assert describe(run_axe(page)) == []
    assert not FeedbackSignal.objects.filter(email="anna@example.be").exists()
    assert FeedbackSignal.objects.filter(email="bart@example.be").exists()
    assert page.console_errors == []
