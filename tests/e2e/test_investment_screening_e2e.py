"""An FDI notification's threshold check at the counter, in Chromium: a notification whose voting
rights fall is refused with the reason and stores nothing; corrected, it is filed and the counter's
file shows the check explained (notifiable, the levels reached anew as sentences, the Flemish link
separately) and that the deal may not close yet. axe-core on each page."""

import pytest
from playwright.sync_api import expect

from chancery.core.models import Role
from chancery.core.testing import PASSWORD, make_user
from chancery.investment_screening.models import Notification
from chancery.procedures.models import Case
from chancery.procedures.testing import PARTY, represent

from .conftest import log_in
from .test_shell_e2e import describe, run_axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def notifier(db):
    """An applicant who represents the tests' company (the notifying investor's Belgian arm)."""
    from chancery.core.models import Entity
    from chancery.investment_screening.procedure import TEAM

    team = Entity.objects.create(code=TEAM, kind="department", name="Controle Strategische Goederen")
    user = make_user("t-melder", Role.APPLICANT)
    represent(user, make_user("t-behandelaar", Role.CIVIL_SERVANT, team))
    return user


def fill(page, **changes):
    values = {
        # Countries by name (issue 14): the investor's from the page's list, the owner's in its line.
        "investor_name": "Dragon Grid Holdings Ltd.", "investor_country": "Hongkong", "owners": "Li Wei; China",
        "target_name": "Netbeheer Vlaanderen NV", "target_enterprise_number": "0203.040.596",
        "turnover_eur": "240.000.000", "voting_rights_before": "5", "voting_rights_after": "35",
        "deal_value_eur": "310.000.000", "signing_date": "2026-02-16",
    }  # fmt: skip
    values.update(changes)
    for name, value in values.items():
        page.locator(f"[name={name}]").fill(value)


def test_the_threshold_check_at_the_counter(page, notifier):
    log_in(page, "t-melder", PASSWORD)
    page.goto("/loket/nieuw/FDI/")
    assert describe(run_axe(page)) == []
    page.locator("input[name=party_kind][value=organisation]").check()
    page.get_by_label("Naam van de onderneming, organisatie of persoon").fill(PARTY["name"])
    page.get_by_label("Registratienummer").fill(PARTY["registration_number"])
    page.locator("select[name=investor_kind]").select_option("undertaking")
    page.locator("input[name=regions][value=VLG]").check()
    page.locator("input[name=sectors][value=energy]").check()
    page.locator("input[name=control_acquired]").check()
    fill(page, voting_rights_before="35", voting_rights_after="5")  # after below before
    page.get_by_role("button", name="De aanvraag indienen").click()
    expect(page.locator(".errorlist, .field-error, [role=alert]").first).to_be_visible()
    assert not Notification.objects.exists() and not Case.objects.filter(procedure="FDI").exists()

    fill(page)
    page.get_by_role("button", name="De aanvraag indienen").click()
    page.wait_for_load_state()
    case = Case.objects.get(procedure="FDI")
    assert page.url.endswith(f"/loket/{case.reference}/")
    # Energy with a turnover above €100 million: 10 % and 25 % reached anew, and control.
    reasons = page.locator("#threshold-reasons")
    expect(reasons).to_contain_text("10")
    expect(reasons).to_contain_text("25")
    expect(page.locator("#flemish-link")).to_be_visible()
    expect(page.locator("#may-close")).to_contain_text("Nee")
    notification = Notification.objects.get(case=case)
    assert notification.levels_reached and notification.investor_country == "HK"
    assert [owner.country for owner in notification.owners.all()] == ["CN"]
    assert describe(run_axe(page)) == []
    assert page.console_errors == []
