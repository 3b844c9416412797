"""The location framework in Chromium: a civil servant sets the weights of an assessment and sees
the ranking and the first place change; the page passes axe-core."""

import pytest
from playwright.sync_api import expect

from chancery.core.testing import PASSWORD
from chancery.foreign_network.testing import network_round

from .conftest import log_in
from .test_shell_e2e import describe, run_axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def assessment(org):
    """Rabat first with the weights 1, 2, 3; Dakar best on the first criterion (testing.network_round)."""
    assessment = network_round(org)["assessment"]
    return assessment, [c.name for c in assessment.criteria.order_by("key")]


def first_of(page, ranking: str) -> str:
    return page.locator(f'table[data-ranking="{ranking}"] tbody tr').first.locator("td").nth(1).inner_text()


def test_weights_set_in_the_browser_change_the_ranking(page, org, assessment):
    assessment, criteria = assessment
    log_in(page, "t-ambtenaar", PASSWORD)
    page.goto(f"/app/netwerk/afwegingen/{assessment.pk}/")
    expect(page.get_by_role("heading", name=assessment.title)).to_be_visible()
    expect(page.get_by_role("heading", name="Rangschikking")).to_be_visible()
    assert first_of(page, "weighted") == "Rabat 0"
    expect(page.locator("table[data-sensitivity] tbody tr")).to_have_count(len(criteria))
    # All the weight on the first criterion, where Dakar is best: Dakar takes the first place.
    for n, name in enumerate(criteria):
        page.get_by_label(name, exact=True).fill("1" if n == 0 else "0")
    page.get_by_role("button", name="Gewichten instellen").click()
    expect(page.get_by_text("De gewichten werden ingesteld.")).to_be_visible()
    assert first_of(page, "weighted") == "Dakar 0"
    # All weights zero: refused in Dutch, the ranking stays.
    for name in criteria:
        page.get_by_label(name, exact=True).fill("0")
    page.get_by_role("button", name="Gewichten instellen").click()
    expect(page.get_by_text("Minstens één gewicht moet groter zijn dan nul.")).to_be_visible()
    assert first_of(page, "weighted") == "Dakar 0"
    violations = run_axe(page)
    assert not violations, describe(violations)
