"""Strategic goods in Chromium: a handler checks a code, screens a party and reviews a hit that
holds a file back; the pages pass axe-core. (Transactional: the reference data is loaded here.)"""

import pytest
from playwright.sync_api import expect

from chancery.core.testing import PASSWORD
from chancery.strategic_goods.demo.loader import DEMO_SUBJECT, load_demo
from chancery.strategic_goods.models import ScreeningHit
from chancery.strategic_goods.services import unreviewed_hits

from .conftest import log_in, navigate
from .test_shell_e2e import describe, run_axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_handler_checks_a_code_screens_and_reviews(page, org):
    load_demo()
    log_in(page, "t-ambtenaar", PASSWORD)
    navigate(page, "Procedures", "Strategische goederen")
    page.get_by_label("Code van de controlelijst", exact=True).fill("5a992")
    page.get_by_role("button", name="Nagaan").click()
    expect(page.get_by_text("is een Amerikaanse exportclassificatie")).to_be_visible()
    assert describe(run_axe(page)) == []
    page.get_by_label("Code van de controlelijst", exact=True).fill("ml1.d")
    page.get_by_role("button", name="Nagaan").click()
    expect(page.get_by_text("Sound suppressors or moderators;")).to_be_visible()

    page.get_by_label("Naam van de partij", exact=True).fill("Sokolovsky, Dmitri")
    page.locator("#id_land").fill("RU")  # ?naam=…&land=…
    page.get_by_role("button", name="Screenen").click()
    expect(page.get_by_role("cell", name="EU-FSD-900001")).to_be_visible()

    page.get_by_role("link", name=DEMO_SUBJECT).click()
    assert describe(run_axe(page)) == []
    hit = ScreeningHit.objects.get(subject=DEMO_SUBJECT, list_id="EU-FSD-900015")
    page.locator(f'a[href$="/treffers/{hit.pk}/"]').click()
    page.get_by_label("Vals positief", exact=True).check()
    page.get_by_label("Motivering", exact=True).fill("Andere vennootschap: ander handelsregisternummer.")
    assert describe(run_axe(page)) == []
    page.get_by_role("button", name="Beoordeling vastleggen").click()
    expect(page.get_by_text("De beoordeling van de treffer is vastgelegd.")).to_be_visible()
    assert not unreviewed_hits(DEMO_SUBJECT).filter(pk=hit.pk).exists()
    assert page.console_errors == []
