"""The board's dashboard and a public progress page in Chromium: filtering, drilling down to the
evidence, the read-only expert, charts without JavaScript with their text alternative, and axe-core
without violations."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from chancery.core.testing import PASSWORD
from chancery.monitoring.models import Indicator, Milestone, Target
from chancery.monitoring.services import budgets, observations
from chancery.monitoring.services.structure import create_initiative

from .conftest import log_in
from .test_shell_e2e import describe, run_axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def programme_tree(org):
    secretariat, dept = org.users["secretariat"], org.entities["dept"]

    def make(level, code, title, summary, parent=None):
        return create_initiative(secretariat, level=level, code=code, title=title, summary=summary, parent=parent,
                                 lead_entity=dept, public=True)  # fmt: skip

    ambition = make("ambition", "p4", "Thematische en geografische focus", "Vlaanderen kiest waar het op inzet.")
    programme = make("programme", "p4-2", "Oostgrens-programma", "Partnerschappen aan de Oostgrens.", ambition)
    late = make("project", "fiche-14", "Oproep Oekraïne", "Een oproep voor partnerschappen.", programme)
    budgets.set_budget(secretariat, late, timezone.localdate().year, planned=5_000_000, committed=2_000_000,
                       spent=1_500_000, expected_revision=None)  # fmt: skip
    Milestone.objects.create(
        initiative=late, title="Partners gekozen", due=timezone.localdate() - datetime.timedelta(days=30)
    )
    indicator = Indicator.objects.create(
        code="partners", name="Partnerschappen", unit="aantal", baseline_value=Decimal(4),
        baseline_date=datetime.date(2024, 1, 1), public=True,
    )  # fmt: skip
    Target.objects.create(indicator=indicator, value=Decimal(40), date=datetime.date(2029, 1, 1))
    indicator.initiatives.add(late)
    for year, value in ((2024, 4), (2025, 11)):
        observations.record(indicator, str(year), value)
    return ambition


def test_expert_filters_the_dashboard_and_drills_down(page, org, programme_tree):
    log_in(page, "t-expert", PASSWORD)
    page.goto("/app/monitoring/")
    expect(page.get_by_role("heading", name="Opvolging van de kernambities")).to_be_visible()
    page.get_by_label("Status").select_option("at_risk")
    page.get_by_role("button", name="Filteren").click()
    page.wait_for_url("**status=at_risk**")
    page.get_by_role("link", name="fiche-14 Oproep Oekraïne").click()
    expect(page.get_by_text("Mijlpaal “Partners gekozen” is 30 dagen te laat.")).to_be_visible()
    assert page.locator("svg.chart").count() >= 2  # budget bar and indicator chart
    expect(page.get_by_text("De begroting van een jaar vastleggen")).to_have_count(0)  # experts only read
    assert describe(run_axe(page)) == []
    assert page.console_errors == []


def test_public_progress_page_works_without_javascript(browser, live_server, programme_tree):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/voortgang/")
    page.get_by_role("link", name="Thematische en geografische focus").click()
    page.get_by_role("link", name="Oostgrens-programma").click()
    page.get_by_role("link", name="Oproep Oekraïne").click()
    chart = page.get_by_role("img", name="Partnerschappen (aantal): waarden en streefwaarde")
    expect(chart).to_be_visible()
    page.get_by_text("De cijfers (tekstalternatief voor de grafiek)").click()
    expect(page.get_by_role("cell", name="11")).to_be_visible()
    context.close()


def test_public_progress_pages_have_no_accessibility_violations(page, programme_tree):
    for path in ("/voortgang/", "/voortgang/p4/", "/voortgang/fiche-14/"):
        page.goto(path)
        assert describe(run_axe(page)) == [], path


def test_back_office_monitoring_pages_have_no_accessibility_violations(page, org, programme_tree):
    log_in(page, "t-secretariaat", PASSWORD)
    for path in (
        "/app/monitoring/",
        "/app/monitoring/fiche-14/",
        "/app/monitoring/indicatoren/partners/",
        "/app/monitoring/rapporten/",
        "/app/monitoring/visienotas/",
    ):
        page.goto(path)
        assert describe(run_axe(page)) == [], path
    assert page.console_errors == []
