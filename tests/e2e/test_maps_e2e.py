"""The two maps in Chromium (chancery.core.maps): the disaster fund's public statistics and the
network page show the SVG with its shaded shapes, the table under it opens, the measure links
change the map, nothing is fetched from another host, and the pages pass axe-core."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from chancery.core.testing import PASSWORD
from chancery.disaster_fund.testing import file_claim, fund_handler, published_recognition
from chancery.foreign_network import services as network
from chancery.foreign_network.testing import network_round

from .conftest import log_in
from .test_shell_e2e import describe, run_axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def requests_elsewhere(page, live_server) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    return seen


def test_the_public_disaster_map(page, live_server, applicant, municipalities):
    recognition = published_recognition(fund_handler(), timezone.localdate() - datetime.timedelta(days=30))
    file_claim(applicant, recognition, municipality="44021")
    seen = requests_elsewhere(page, live_server)
    page.goto("/rampenfonds/")
    svg = page.locator("#municipality-map svg.map")
    expect(svg).to_be_visible()
    expect(svg.locator("path[data-category]")).to_have_count(2)
    assert svg.bounding_box()["width"] > 300
    page.get_by_text("Vlaamse gemeenten naar aantal erkende rampen als tabel").click()
    expect(page.locator(".map-table tbody tr")).to_have_count(2)
    assert describe(run_axe(page)) == []
    page.get_by_role("link", name="Schadeaanvragen").click()
    expect(page.locator("#municipality-map path[data-category]")).to_have_count(1)
    expect(page.locator('#municipality-map path[data-id="44021"] title')).to_have_text("Gent: 1 aanvraag")
    assert [url for url in seen if not url.startswith(live_server.url)] == []


def test_the_network_map(page, live_server, org):
    posts = network_round(org)["posts"]
    network.locate_post(org.users["secretariat"], posts[0], latitude=Decimal("52.23"), longitude=Decimal("21.01"))
    seen = requests_elsewhere(page, live_server)
    log_in(page, "t-ambtenaar", PASSWORD)
    page.goto("/app/netwerk/")
    svg = page.locator("#network-map svg.map")
    expect(svg).to_be_visible()
    expect(svg.locator('path[data-category="1"]')).to_have_count(4)  # PL, EE, DK, SE
    expect(svg.locator("circle")).to_have_count(1)
    europe = page.locator("#network-map-europe svg.map")
    expect(europe.locator("circle")).to_have_count(1)  # Warsaw, in the window of Europe
    expect(europe.locator('path[data-id="US"]')).to_have_count(0)  # outside it
    assert describe(run_axe(page)) == []
    assert [url for url in seen if not url.startswith(live_server.url)] == []
