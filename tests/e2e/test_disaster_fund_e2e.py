"""A disaster claim in Chromium, from the counter's form to the handler's decision: the claimant
files the claim on the public form (a municipality outside the recognition first: refused, nothing
stored), the fund opens the file, names the expert and sends the report, the claimant agrees, the
handler decides; the compensation is shown line by line in Dutch amounts and the claimant downloads
the decision letter (PDF) from their file. axe-core on each page."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from chancery.core.models import Role
from chancery.core.testing import PASSWORD, make_user
from chancery.disaster_fund.testing import fund_handler, published_recognition
from chancery.procedures.models import Case

from .conftest import log_in
from .test_shell_e2e import describe, run_axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def recognised(municipalities):
    fund = fund_handler()
    make_user("t-burger", Role.APPLICANT)
    return published_recognition(fund, timezone.localdate() - datetime.timedelta(days=30))


def test_a_claim_from_the_counter_to_the_payment(page, recognised):
    log_in(page, "t-burger", PASSWORD)
    page.goto("/loket/nieuw/RF/")
    assert describe(run_axe(page)) == []
    page.locator("input[name=party_kind][value=person]").check()
    page.get_by_label("Naam van de onderneming, organisatie of persoon").fill("An Peeters")
    page.get_by_label("Onderwerp van de aanvraag").fill("Waterschade woning")
    page.get_by_label("Erkende ramp").select_option(str(recognised.pk))
    page.get_by_label("Gemeente waar de schade zich voordeed").select_option("11002")  # Antwerpen: not recognised
    page.locator("input[name=capacity][value=owner]").check()
    page.get_by_label("Beschadigde goederen").select_option("building")
    page.locator("input[name=insurable_simple_risks][value=no]").check()
    page.get_by_label("Beschrijving van de schade").fill("Kelder en gelijkvloers onder water.")
    page.get_by_label("Raming van de schade (EUR)").fill("12000")
    page.get_by_label("Ontvangen uitkeringen van verzekeringen (EUR)").fill("3000")
    page.get_by_role("button", name="De aanvraag indienen").click()
    expect(page.get_by_text("niet bij de gemeenten van deze erkenning")).to_be_visible()
    assert not Case.objects.filter(procedure="RF").exists()
    page.get_by_label("Gemeente waar de schade zich voordeed").select_option("44021")  # Gent
    page.get_by_role("button", name="De aanvraag indienen").click()
    page.wait_for_load_state()
    case = Case.objects.get(procedure="RF")
    expect(page.locator("#compensation-lines")).to_contain_text("€ 8.500,00")
    assert describe(run_axe(page)) == []

    # The fund: open the file, name the expert, send the report.
    page.context.clear_cookies()
    log_in(page, "t-rampenfonds", PASSWORD)
    page.goto(f"/app/zaken/{case.reference}/")
    page.get_by_role("button", name="Het dossier openen", exact=True).click()
    page.wait_for_load_state()
    panel = page.locator("#disaster-claim")
    panel.get_by_label("Expert").fill("Expertisebureau De Rijcke")
    panel.get_by_role("button", name="De expert aanstellen").click()
    page.wait_for_load_state()
    panel.get_by_label("Schade vastgesteld door de expert (EUR)").fill("10000")
    panel.get_by_role("button", name="Het expertiseverslag versturen").click()
    page.wait_for_load_state()
    expect(page.locator("#comment-clock")).to_be_visible()
    assert describe(run_axe(page)) == []

    # The claimant agrees with the report.
    page.context.clear_cookies()
    log_in(page, "t-burger", PASSWORD)
    page.goto(f"/loket/{case.reference}/")
    page.get_by_role("button", name="Akkoord gaan met het expertiseverslag").click()
    page.wait_for_load_state()

    # The handler decides; the lines are recorded with the decision.
    page.context.clear_cookies()
    log_in(page, "t-rampenfonds", PASSWORD)
    page.goto(f"/app/zaken/{case.reference}/")
    decide = page.locator("form", has=page.get_by_role("button", name="Beslissen met de berekende vergoeding"))
    decide.locator("textarea").fill("Vergoeding volgens het verslag van de expert.")
    decide.get_by_role("button", name="Beslissen met de berekende vergoeding").click()
    page.wait_for_load_state()
    expect(page.locator("#case-state")).to_have_text("Beslist")
    # 10.000,00 − 3.000,00 − 500,00 = 6.500,00
    expect(page.locator("#compensation-lines")).to_contain_text("€ 6.500,00")
    assert describe(run_axe(page)) == []

    # The claimant downloads the decision letter from their file.
    page.context.clear_cookies()
    log_in(page, "t-burger", PASSWORD)
    page.goto(f"/loket/{case.reference}/")
    expect(page.locator("#compensation-lines")).to_contain_text("€ 6.500,00")
    with page.expect_download() as info:
        page.get_by_role("link", name=f"Beslissing over aanvraag {case.reference}").click()
    assert info.value.suggested_filename.startswith(f"beslissing-{case.reference}")
    assert open(info.value.path(), "rb").read(4) == b"%PDF"
    assert describe(run_axe(page)) == []
    # ...and accepts it: the payment may be ordered at once (no need to wait for the appeal term).
    page.get_by_role("button", name="De beslissing aanvaarden").click()
    page.wait_for_load_state()
    expect(page.locator("body")).to_contain_text("Beslissing aanvaard door de aanvrager")

    # The fund orders the payment and records it.
    page.context.clear_cookies()
    log_in(page, "t-rampenfonds", PASSWORD)
    page.goto(f"/app/zaken/{case.reference}/")
    page.get_by_role("button", name="De betaling opdragen", exact=True).click()
    page.wait_for_load_state()
    page.get_by_role("button", name="De betaling registreren", exact=True).click()
    page.wait_for_load_state()
    expect(page.locator("#case-state")).to_have_text("Uitbetaald")
    case.refresh_from_db()
    assert case.state == "paid" and case.disaster_claim.payment_state == "paid"
    assert describe(run_axe(page)) == []
    assert page.console_errors == []
