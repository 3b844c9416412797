"""A licence in Chromium: the handler grants a prepared application, the applicant downloads the
licence PDF from their file and reports a use against it (its country by name, from the page's list);
the public yearly report of a closed year. axe-core on each page."""

import datetime

import pytest
from playwright.sync_api import expect

from chancery.core.models import Entity, Role
from chancery.core.testing import PASSWORD, make_user
from chancery.licensing.models import Licence
from chancery.procedures.services import cases as engine
from chancery.procedures.testing import apply_for_licence, assess, propose, represent
from chancery.strategic_goods.procedure import TEAM
from chancery.strategic_goods.services.control_list import load_control_list

from .conftest import log_in
from .test_shell_e2e import describe, run_axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def prepared(db):
    # A transactional test empties the reference data the migrations load: the control list again.
    load_control_list()
    team = Entity.objects.create(code=TEAM, kind="department", name="Controle Strategische Goederen")
    applicant = make_user("t-aanvrager", Role.APPLICANT)
    handler = make_user("t-behandelaar", Role.CIVIL_SERVANT, team)
    represent(applicant, handler)
    case = apply_for_licence(applicant)
    engine.fire(case, "declare_complete", handler, expected_version=case.version)
    assess(case, handler)  # an internal note and the eight criteria
    propose(case, handler)  # by a colleague: the handler decides (four eyes)
    return case


def test_handler_grants_applicant_downloads_licence_and_reports_use(page, prepared):
    log_in(page, "t-behandelaar", PASSWORD)
    page.goto(f"/app/zaken/{prepared.reference}/")
    form = page.locator("form", has=page.get_by_role("button", name="Verlenen", exact=True))
    form.locator("textarea").fill("De vergunning wordt verleend, geldig drie jaar.")
    form.get_by_role("button", name="Verlenen", exact=True).click()
    page.wait_for_load_state()
    expect(page.locator("#case-state")).to_have_text("Verleend")
    number = Licence.objects.get(case=prepared).number
    page.goto("/app/vergunningen/")
    assert describe(run_axe(page)) == []
    page.get_by_role("link", name=number).click()
    expect(page.locator("#licence-number")).to_have_text(number)
    assert describe(run_axe(page)) == []

    page.context.clear_cookies()
    log_in(page, "t-aanvrager", PASSWORD)
    page.goto(f"/loket/{prepared.reference}/")
    with page.expect_download() as info:
        page.get_by_role("link", name=f"Vergunning {number}").click()
    assert info.value.suggested_filename == f"vergunning-{number}.pdf"
    assert open(info.value.path(), "rb").read(4) == b"%PDF"

    page.goto("/loket/vergunningen/")
    assert describe(run_axe(page)) == []
    page.get_by_role("link", name=number).click()
    assert describe(run_axe(page)) == []
    page.get_by_label("Datum van gebruik").fill(datetime.date.today().isoformat())
    page.get_by_label("Aantal").fill("2")
    page.get_by_label("Waarde (EUR)").fill("90000")
    # The country by its name, from the page's list of names (issue 14): the licence's, shown as "Canada".
    country = page.get_by_label("Land van bestemming")
    expect(country).to_have_value("Canada")
    expect(country).to_have_attribute("list", "country-names")
    assert page.locator("datalist#country-names option[value='Japan']").count() == 1
    country.fill("Japan")
    page.get_by_role("button", name="Het gebruik melden").click()
    expect(page.get_by_text("Deze vergunning geldt alleen voor Canada.")).to_be_visible()
    expect(page.get_by_label("Land van bestemming")).to_have_value("Japan")  # as sent, to correct
    page.get_by_label("Land van bestemming").fill("canada")
    page.get_by_role("button", name="Het gebruik melden").click()
    expect(page.get_by_text("Dit gaat verder dan de vergunning")).to_be_visible()
    assert describe(run_axe(page)) == []
    page.get_by_label("Waarde (EUR)").fill("14000")
    page.get_by_role("button", name="Het gebruik melden").click()
    page.wait_for_load_state()
    expect(page.locator("#remaining-value")).to_have_text("€ 70.000,00")

    # The public report shows a year once it has closed (single decisions of a running year would be
    # told apart): this year's answers "not found", last year's is published.
    year = datetime.date.today().year
    assert page.request.get(f"/strategische-goederen/rapport/{year}/").status == 404
    page.goto(f"/strategische-goederen/rapport/{year - 1}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(str(year - 1))
    assert describe(run_axe(page)) == []
    assert page.console_errors == []
