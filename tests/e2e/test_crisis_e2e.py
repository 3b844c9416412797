"""The crisis logbook on a phone (390×844): a member of the crisis cell adds an entry and then a
correction of it, which appears as a new entry pointing to the first, the first left as it was;
the page does not scroll sideways and passes axe-core."""

import pytest
from playwright.sync_api import expect

from chancery.core.testing import PASSWORD
from chancery.crisis import services
from chancery.crisis.models import LogEntry

from .conftest import log_in
from .test_shell_e2e import describe, run_axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def crisis(org):
    return services.open_crisis(
        org.users["secretariat"], title="Stroomstoring Boudewijngebouw", type="infrastructure", level="department",
        members=[org.users["civil_servant"]],
    )  # fmt: skip


def test_logbook_entry_and_correction_on_a_phone(browser, live_server, crisis, artifacts):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    log_in(page, "t-ambtenaar", PASSWORD)
    page.goto(f"/app/crisis/{crisis.pk}/")
    expect(page.get_by_role("heading", name="Logboek")).to_be_visible()

    page.get_by_label("Wat er gebeurde").fill("Stroom uitgevallen in blok B.")
    page.get_by_role("button", name="In het logboek schrijven").click()
    expect(page.get_by_text("De regel staat in het logboek.")).to_be_visible()
    entry = page.locator('[data-entry="2"]')
    expect(entry).to_contain_text("Stroom uitgevallen in blok B.")

    entry.get_by_text("Regel #2 corrigeren").click()
    entry.get_by_label("Correctie van regel #2").fill("Het gaat om blok C, niet B.")
    entry.get_by_role("button", name="Correctie toevoegen").click()
    expect(page.get_by_text("De correctie staat in het logboek")).to_be_visible()
    correction = page.locator('[data-entry="3"]')
    expect(correction).to_contain_text("Het gaat om blok C, niet B.")
    expect(correction.locator('[data-corrects="2"]')).to_have_text("Correctie van regel #2")
    first = page.locator('[data-entry="2"]')
    expect(first).to_contain_text("Stroom uitgevallen in blok B.")  # the corrected entry stays as it was
    expect(first.locator('[data-corrected-by="3"]')).to_be_visible()

    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    page.screenshot(path=str(artifacts / "crisis-logbook-phone.png"), full_page=True)
    assert describe(run_axe(page)) == []
    assert [(e.number, e.corrects_id) for e in LogEntry.objects.filter(crisis=crisis)] == [
        (1, None), (2, None), (3, LogEntry.objects.get(crisis=crisis, number=2).pk),
    ]  # fmt: skip
    context.close()


def test_register_and_continuity_plans_on_a_phone(browser, live_server, org, crisis):
    """The coordinator's register and the continuity plans (one overdue) fit a phone and pass axe-core."""
    import datetime

    services.register_plan(org.users["secretariat"], entity=org.entities["dept"], title="BCP departement",
                           approved_on=datetime.date(2020, 1, 1))  # fmt: skip
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    log_in(page, "t-secretariaat", PASSWORD)
    for path, text in (("/app/crisis/", "Stroomstoring Boudewijngebouw"), ("/app/crisis/continuiteit/", "over tijd")):
        page.goto(path)
        expect(page.get_by_text(text).first).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0, path
        assert describe(run_axe(page)) == [], path
    context.close()
