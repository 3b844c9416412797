"""A grant in Chromium from the call's publication to the final payment (issue 15, capabilities 5
and 6): the grants service publishes the call, the applicant files at the counter, the reviews are
taken through the services, the service awards the grant, records the signed agreement (the 80 %
advance ordered) and its payment, asks for the final report; the beneficiary submits it at the
counter with a cost statement per budget line (a negative amount first: refused, nothing stored);
the service accepts it and pays the balance. axe-core on each page."""

import pytest
from playwright.sync_api import expect

from chancery.core.models import Role
from chancery.core.testing import PASSWORD, make_user
from chancery.grants.models import Envelope, Report, Tranche
from chancery.grants.testing import grants_handler, open_call, programme, reviewer, to_assessed
from chancery.procedures.models import Case
from chancery.procedures.testing import represent

from .conftest import log_in
from .test_shell_e2e import describe, run_axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def draft_call(db):
    handler = grants_handler("t-subsidies")
    applicant = make_user("t-aanvrager", Role.APPLICANT)
    represent(applicant, handler)
    call = open_call(handler, programme(handler, "oostgrens-oekraine"), title="Partnerschappen Oekraïne",
                     publish=False)  # fmt: skip
    return handler, call


def fire_on_page(page, label, reason=""):
    form = page.locator("form", has=page.get_by_role("button", name=label, exact=True))
    if reason:
        form.locator("textarea").fill(reason)
    form.get_by_role("button", name=label, exact=True).click()
    page.wait_for_load_state()


def test_a_grant_from_the_call_to_the_final_payment(page, draft_call):
    handler, call = draft_call
    log_in(page, "t-subsidies", PASSWORD)
    page.goto(f"/app/subsidies/oproepen/{call.slug}/")
    page.get_by_role("button", name="De oproep publiceren").click()
    page.wait_for_load_state()
    call.refresh_from_db()
    assert call.state == "published"
    assert describe(run_axe(page)) == []

    # The applicant files at the counter.
    page.context.clear_cookies()
    log_in(page, "t-aanvrager", PASSWORD)
    page.goto("/loket/nieuw/SUB/")
    page.get_by_label("Naam van de onderneming, organisatie of persoon").fill("Precisie Optiek NV")
    page.get_by_label("Registratienummer").fill("0123.456.749")
    page.get_by_label("Onderwerp van de aanvraag").fill("Vrije pers in Charkiv")
    page.get_by_label("Oproep").select_option(str(call.pk))
    field = page.get_by_label("Land van het project", exact=True)
    field.fill("")
    field.press_sequentially("Oekraïne")
    page.get_by_label("Doel van het project").fill("Opleiding en juridische bijstand voor journalisten.")
    page.get_by_label("Begrotingstabel").fill("Opleiding; 30000\nJuridische bijstand; 20000")
    page.get_by_label("Cofinanciering door u of anderen (EUR)").fill("5000")
    page.get_by_label("Ik verklaar op erewoord", exact=False).check()
    page.get_by_role("button", name="De aanvraag indienen").click()
    page.wait_for_load_state()
    case = Case.objects.get(procedure="SUB")
    assert case.state == "submitted"

    # Admissibility, reviews and ranking through the services (their own tests cover the pages).
    to_assessed(handler, case, [reviewer("t-jurylid-1"), reviewer("t-jurylid-2")])

    # The service awards, records the agreement and pays the advance, then asks for the report.
    page.context.clear_cookies()
    log_in(page, "t-subsidies", PASSWORD)
    page.goto(f"/app/zaken/{case.reference}/")
    fire_on_page(page, "De subsidie toekennen", "Toegekend op voorstel van de jury.")
    fire_on_page(page, "De ondertekende subsidieovereenkomst registreren")
    expect(page.locator("#tranches")).to_contain_text("36000.00")
    expect(page.locator("#tranches")).to_contain_text("9000.00")
    assert describe(run_axe(page)) == []
    fire_on_page(page, "De betaling van het voorschot registreren")
    expect(page.locator("#tranches")).to_contain_text("Uitbetaald")
    fire_on_page(page, "Het eindverslag opvragen", "Het project is afgelopen.")
    expect(page.locator("#case-state")).to_have_text("Eindverslag verwacht")

    # The beneficiary reports at the counter: a negative amount is refused, nothing stored.
    page.context.clear_cookies()
    log_in(page, "t-aanvrager", PASSWORD)
    page.goto(f"/loket/{case.reference}/")
    panel = page.locator("#grant-payments")
    panel.get_by_label("Inhoudelijk verslag").fill("Twintig journalisten opgeleid, twaalf zaken bijgestaan.")
    panel.get_by_label("Uitgegeven aan “Opleiding”", exact=False).fill("-30000")
    panel.get_by_label("Uitgegeven aan “Juridische bijstand”", exact=False).fill("15000")
    panel.get_by_role("button", name="Het verslag indienen").click()
    page.wait_for_load_state()
    expect(page.get_by_text("mag niet negatief zijn")).to_be_visible()
    assert not Report.objects.exists()
    panel.get_by_label("Inhoudelijk verslag").fill("Twintig journalisten opgeleid, twaalf zaken bijgestaan.")
    panel.get_by_label("Uitgegeven aan “Opleiding”", exact=False).fill("30000")
    panel.get_by_label("Uitgegeven aan “Juridische bijstand”", exact=False).fill("15000")
    assert describe(run_axe(page)) == []
    panel.get_by_role("button", name="Het verslag indienen").click()
    page.wait_for_load_state()
    expect(page.locator("#case-state")).to_have_text("Eindverslag ontvangen, wordt beoordeeld")
    expect(page.locator("#grant-payments table.report")).to_contain_text("45000.00")

    # The service accepts the whole grant and pays the balance.
    page.context.clear_cookies()
    log_in(page, "t-subsidies", PASSWORD)
    page.goto(f"/app/zaken/{case.reference}/")
    panel = page.locator("#grant-payments")
    panel.get_by_label("Aanvaard van de subsidie (EUR)").fill("45000")
    panel.get_by_role("button", name="De beoordeling registreren").click()
    page.wait_for_load_state()
    expect(page.locator("#case-state")).to_have_text("Afgerekend, saldo opgedragen")
    fire_on_page(page, "De betaling van het saldo registreren")
    expect(page.locator("#case-state")).to_have_text("Afgerekend en betaald")
    assert describe(run_axe(page)) == []
    assert [t.state for t in Tranche.objects.filter(application__case=case)] == ["paid", "paid"]
    envelope = Envelope.objects.get(programme__code="oostgrens-oekraine")
    assert envelope.paid_cents == envelope.committed_cents == 45_000_00
    assert page.console_errors == []
