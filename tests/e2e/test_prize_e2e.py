"""The human rights prize in Chromium: the public page of an edition (theme, jury; no nominee),
the public nomination form without login (axe-core on both pages), the nomination received as a
confidential file, and the edition page still naming no nominee."""

import datetime

import pytest
from django.core.cache import caches
from django.utils import timezone
from playwright.sync_api import expect

from chancery.core.models import Role
from chancery.core.testing import make_user
from chancery.grants.prize_models import Nomination
from chancery.grants.services import prize
from chancery.grants.testing import grants_handler

from .test_shell_e2e import describe, run_axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
NOMINEE = "Marfa Rabkova-Test"


@pytest.fixture
def edition(db):
    caches["shared"].clear()
    handler = grants_handler()
    now = timezone.now()
    edition = prize.create_edition(
        handler, year=now.year, theme="Verdedigers van de persvrijheid",
        nominations_open=now - datetime.timedelta(days=5), nominations_close=now + datetime.timedelta(days=30),
        criteria=[{"name": "Moed", "weight": 2}, {"name": "Impact", "weight": 1}],
    )  # fmt: skip
    prize.add_jury_member(handler, edition, make_user("t-jury-e2e", Role.EXPERT), public_name="Prof. An Peeters",
                          affiliation="Universiteit Gent", chair=True)  # fmt: skip
    return edition


def test_a_public_nomination_and_the_edition_page(page, edition):
    page.goto(f"/mensenrechtenprijs/{edition.year}/")
    expect(page.get_by_role("heading", name=f"Mensenrechtenprijs {edition.year}")).to_be_visible()
    expect(page.get_by_text("Verdedigers van de persvrijheid")).to_be_visible()
    expect(page.get_by_text("Prof. An Peeters")).to_be_visible()
    violations = run_axe(page)
    assert not violations, describe(violations)

    page.get_by_role("link", name="Iemand voordragen").click()
    page.get_by_label("Naam van de persoon of organisatie die u voordraagt").fill(NOMINEE)
    page.get_by_label("Land waar de kandidaat werkt").fill("BY")
    page.get_by_label("Waarom draagt u hen voor?").fill(
        "Zij documenteerde jarenlang folteringen van betogers en zit daarvoor zelf gevangen."
    )
    page.get_by_label("Uw naam").fill("Pieter Claes")
    page.get_by_label("Uw e-mailadres").fill("pieter.claes@example.be")
    expect(page.locator("input[name=website]")).to_have_value("")  # the honeypot, left empty by people
    violations = run_axe(page)
    assert not violations, describe(violations)
    page.wait_for_timeout(5500)  # a person takes longer than the minimum fill time
    page.get_by_role("button", name="Verstuur de voordracht").click()
    expect(page.get_by_text("Dank u. Uw voordracht werd ontvangen")).to_be_visible()
    nomination = Nomination.objects.get()
    assert nomination.nominee_name == NOMINEE and nomination.case.access_level == "confidential"
    assert NOMINEE not in page.content()
    assert not page.console_errors


def test_the_service_creates_an_edition_and_composes_its_jury(page, db):
    from chancery.core.testing import PASSWORD
    from chancery.grants.prize_models import Edition

    from .conftest import log_in

    handler = grants_handler()
    make_user("t-jury-e2e-2", Role.EXPERT)
    log_in(page, handler.username, PASSWORD)
    page.goto("/app/mensenrechtenprijs/")
    page.get_by_role("link", name="Nieuwe editie").click()
    expect(page.get_by_role("heading", name="Nieuwe editie van de mensenrechtenprijs")).to_be_visible()
    page.locator("#id_year").fill("2031")
    page.locator("#id_theme").fill("Persvrijheid")
    page.locator("#id_nominations_open").fill("2031-03-31T17:00")
    page.locator("#id_nominations_close").fill("2031-01-15T09:00")
    page.locator("#id_criteria").fill("Moed; 2\nImpact; veel")
    assert describe(run_axe(page)) == []
    page.get_by_role("button", name="Editie aanmaken").click()
    expect(page.locator(".errorlist").first).to_be_visible()
    expect(page.get_by_text("het gewicht is een geheel getal van 1 tot 10")).to_be_visible()
    assert not Edition.objects.exists()
    page.locator("#id_criteria").fill("Moed; 2\nImpact")
    page.get_by_role("button", name="Editie aanmaken").click()
    expect(page.get_by_text("De voordrachtperiode sluit na de opening.")).to_be_visible()
    page.locator("#id_nominations_open").fill("2031-01-15T09:00")
    page.locator("#id_nominations_close").fill("2031-03-31T17:00")
    page.get_by_role("button", name="Editie aanmaken").click()
    page.wait_for_url("**/app/mensenrechtenprijs/2031/")
    expect(page.get_by_text("De editie 2031 is aangemaakt.")).to_be_visible()

    form = page.locator("#add-jury-member")
    form.locator("#id_jury-username").fill("t-jury-e2e-2")
    form.locator("#id_jury-public_name").fill("Dr. Lies Maes")
    form.locator("#id_jury-chair").check()
    assert describe(run_axe(page)) == []
    form.get_by_role("button", name="Aan de jury toevoegen").click()
    expect(page.get_by_text("Dr. Lies Maes zetelt in de jury.")).to_be_visible()
    assert Edition.objects.get(year=2031).jury.get().chair
    assert not page.console_errors
