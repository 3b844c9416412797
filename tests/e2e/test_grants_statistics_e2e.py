"""The grants' statistics in Chromium: the public page per programme with its charts beside the
table, switched to per country (the protected person's application counted apart, small cells as
"< 3"), the CSV link following the choice; the service's page for the grants handler. axe-core on
each page, and no sideways scrolling on a phone."""

import pytest
from playwright.sync_api import expect

from chancery.core.testing import PASSWORD
from chancery.grants.testing import (
    PERSON_AT_RISK,
    apply,
    fire,
    grants_handler,
    open_call,
    programme,
    reviewer,
    to_assessed,
)

from .conftest import log_in
from .test_shell_e2e import describe, run_axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def filed(applicant):
    from chancery.core.models import Role
    from chancery.core.testing import make_user

    handler = grants_handler()
    call = open_call(handler, programme(handler))
    jury = [reviewer("t-jurylid-1")]
    for n in range(3):
        case = apply(applicant, call, title=f"Project {n}")
        to_assessed(handler, case, jury)
        fire(case, "award" if n else "reject", handler, "Beslist.")
    defender = make_user("t-verdediger", Role.APPLICANT)
    apply(defender, call, party=PERSON_AT_RISK, protected=True, country="BY", purpose="Veilige huisvesting.")
    return call


def test_the_statistics_pages(page, filed):
    page.goto("/oproepen/statistieken/")
    table = page.locator("#statistics")
    expect(table).to_contain_text("Mensenrechtenfonds")
    expect(page.locator("svg.chart").first).to_be_visible()
    assert describe(run_axe(page)) == []

    page.get_by_label("Per", exact=True).select_option("land")
    page.get_by_role("button", name="Tonen").click()
    page.wait_for_load_state()
    expect(table).to_contain_text("Oekraïne")
    expect(table).to_contain_text("beschermde begunstigden")
    expect(table).to_contain_text("< 3")
    expect(table).not_to_contain_text("Belarus")
    expect(page.locator('a[href^="/oproepen/statistieken.csv?per=land"]')).to_be_visible()
    assert describe(run_axe(page)) == []
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0

    log_in(page, "t-subsidies", PASSWORD)
    page.goto("/app/subsidies/statistieken/?per=oproep")
    expect(page.locator("#statistics")).to_contain_text(filed.title)
    assert describe(run_axe(page)) == []
