"""The map of the municipalities on the statistics pages (chancery.core.maps over the statistics):
the recognised municipalities shaded, the claims and reports counted, merged municipalities
counted for the one they merged into, nothing loaded from elsewhere."""

import datetime
import re

from defusedxml import ElementTree as ET
from django.urls import reverse

from chancery.core.tests.test_maps import SVG, no_external_reference
from chancery.disaster_fund.services import statistics
from chancery.disaster_fund.testing import file_claim


def the_svg(page: str):
    return ET.fromstring(re.search(r"<svg [^>]*class=\"map\".*?</svg>", page, re.S).group(0))


def shaded(svg) -> dict[str, str]:
    return {p.get("data-id"): p.find(f"{SVG}title").text for p in svg.iter(f"{SVG}path") if p.get("data-category")}


def test_the_public_page_shades_the_recognised_municipalities(client, applicant, recognition):
    for _ in range(3):
        file_claim(applicant, recognition, municipality="44021")
    page = client.get(reverse("disaster_fund_public:statistics")).content.decode()
    svg = the_svg(page)
    assert len(list(svg.iter(f"{SVG}path"))) == 285  # the Flemish municipalities of today (2025 division)
    assert shaded(svg) == {"44021": "Gent: erkend: Overstroming", "44083": "Deinze: erkend: Overstroming"}
    assert no_external_reference(re.search(r"<svg .*?</svg>", page, re.S).group(0))
    assert "Gent" in page and 'data-id="44021"' in page  # the table under the map

    svg = the_svg(client.get(reverse("disaster_fund_public:statistics"), {"kaart": "aanvragen"}).content.decode())
    assert shaded(svg) == {"44021": "Gent: 3 aanvragen"}
    svg = the_svg(client.get(reverse("disaster_fund_public:statistics"), {"kaart": "meldingen"}).content.decode())
    assert shaded(svg) == {}
    # an unknown measure falls back to the recognised municipalities
    response = client.get(reverse("disaster_fund_public:statistics"), {"kaart": "<script>"})
    assert response.status_code == 200 and set(shaded(the_svg(response.content.decode()))) == {"44021", "44083"}


def test_the_fund_statistics_page_has_the_map(client, fund, recognition):
    client.force_login(fund)
    svg = the_svg(client.get(reverse("disaster_fund:statistics")).content.decode())
    assert set(shaded(svg)) == {"44021", "44083"}


def test_a_merged_municipality_counts_for_the_one_it_merged_into(db):
    rows = [
        statistics.Row("Storm", "Borsbeek", "11007", recognised=True, claims=2),
        statistics.Row("Storm", "Antwerpen", "11002", recognised=True, claims=1),
        statistics.Row("Hagel", "Borsbeek", "11007", recognised=True),
    ]
    today = statistics.municipality_map(rows, "aanvragen", day=datetime.date(2026, 1, 1))
    assert [(r.id, r.name, r.detail) for r in today.rows] == [
        ("11002", "Antwerpen", "3 aanvragen (met inbegrip van het vroegere Borsbeek)")
    ]
    recognised = statistics.municipality_map(rows, "erkend", day=datetime.date(2026, 1, 1))
    assert [(r.id, r.category.label) for r in recognised.rows] == [("11002", "2")]  # two disasters
    then = statistics.municipality_map(rows, "aanvragen", day=datetime.date(2024, 6, 1))
    assert {r.id: r.detail for r in then.rows} == {"11007": "2 aanvragen", "11002": "1 aanvraag"}
    assert len(list(ET.fromstring(str(then.svg)).iter(f"{SVG}path"))) == 300  # the 2019–2024 division
