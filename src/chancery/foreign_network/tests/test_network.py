"""The network: the minimum staffing rule, costs, the dashboard flag and /api/v1/posts."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from rest_framework.test import APIClient

from chancery.api.models import ApiToken
from chancery.core.models import AuditEntry
from chancery.foreign_network import services
from chancery.foreign_network.models import Post, PostCost, StaffRole


def by_city(posts):
    return {p.city: p for p in posts}


def test_minimum_staffing_rule(network):
    warschau, kopenhagen = network
    posts = by_city(services.with_staffing(Post.objects.all()))
    assert posts["Warschau"].meets_minimum_staffing
    assert not posts["Kopenhagen"].meets_minimum_staffing
    assert posts["Kopenhagen"].missing_roles == [StaffRole.DEPUTY]  # the deputy's posting has ended
    # on a day the old deputy was still there, Kopenhagen met the rule
    then = by_city(services.with_staffing(Post.objects.all(), on=datetime.date(2024, 9, 1) - datetime.timedelta(1)))
    assert then["Kopenhagen"].missing_roles == [StaffRole.REPRESENTATIVE, StaffRole.LOCAL_EMPLOYEE]
    assert [p.city for p in services.below_minimum()] == ["Kopenhagen"]


def test_the_posting_that_starts_and_ends_today_counts(network, org):
    _warschau, kopenhagen = network
    today = datetime.date.today()
    services.assign(
        org.users["secretariat"], person="G", role=StaffRole.DEPUTY, post=kopenhagen, start=today, end=today
    )
    assert services.below_minimum(on=today) == []
    assert [p.city for p in services.below_minimum(on=today + datetime.timedelta(1))] == ["Kopenhagen"]


def test_a_posting_ends_after_it_starts(network, org):
    warschau, _ = network
    with pytest.raises(ValidationError):
        services.assign(org.users["secretariat"], person="X", role=StaffRole.DEPUTY, post=warschau,
                        start=datetime.date(2025, 1, 2), end=datetime.date(2025, 1, 1))  # fmt: skip


def test_only_the_staff_keep_the_register(network, org):
    warschau, _ = network
    for role in ("minister_concerned", "expert", "applicant"):
        with pytest.raises(PermissionDenied):
            services.assign(org.users[role], person="X", role=StaffRole.DEPUTY, post=warschau,
                            start=datetime.date(2025, 1, 1))  # fmt: skip


def test_costs_in_cents_per_post_and_year(network, org):
    warschau, kopenhagen = network
    secretariat = org.users["secretariat"]
    services.set_cost(secretariat, warschau, 2022, staff_cents=35_000_000, operating_cents=15_000_000)
    services.set_cost(secretariat, kopenhagen, 2022, staff_cents=30_000_000, operating_cents=18_000_000)
    services.set_cost(secretariat, kopenhagen, 2022, staff_cents=33_600_000, operating_cents=14_400_000)  # corrected
    assert PostCost.objects.filter(post=kopenhagen).count() == 1
    [year] = services.costs_by_year(secretariat)
    assert (year["year"], str(year["total"])) == (2022, "980000")
    assert AuditEntry.objects.filter(content_type__model="postcost").count() == 3
    with pytest.raises(ValidationError):
        services.set_cost(secretariat, warschau, 2023, staff_cents=-1, operating_cents=0)
    assert services.costs_by_year(org.users["expert"]) == []  # costs are the administration's


def test_api_posts(network, org):
    api = APIClient()
    answer = api.get("/api/v1/posts").json()["results"]
    assert [(p["city"], p["countries"], p["meets_minimum_staffing"]) for p in answer] == [
        ("Kopenhagen", ["DK", "FI", "NO", "SE"], False),
        ("Warschau", ["EE", "LT", "LV", "PL"], True),
    ]
    assert answer[0]["missing_roles"] == ["deputy"]
    assert answer[0]["organisations"] == ["Noordse Raad"]
    assert all(p["staff"] == [] for p in answer)  # the public reads the posts, not who works there

    _token, key = ApiToken.issue(org.users["civil_servant"], ["read-public", "read-internal"])
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    answer = api.get("/api/v1/posts").json()["results"]
    assert [s["name"] for s in answer[1]["staff"]] == ["Bart Adjunct", "Celina Lokaal", "Anna Vertegenwoordiger"]
    assert {s["role"] for s in answer[1]["staff"]} == {"representative", "deputy", "local_employee"}
    assert [s["name"] for s in answer[0]["staff"]] == ["Eva Lokaal", "Dirk Vertegenwoordiger"]  # not the one who left
    detail = api.get(f"/api/v1/posts/{answer[1]['id']}").json()
    assert detail["city"] == "Warschau" and detail["meets_minimum_staffing"] is True


def test_home_page_flags_posts_below_the_minimum(network, client, org):
    client.force_login(org.users["civil_servant"])
    page = client.get("/").content.decode()
    assert "1 post heeft minder dan de minimale bezetting" in page
    assert 'href="/app/netwerk/posten/kopenhagen/">Kopenhagen</a>' in page
    client.force_login(org.users["expert"])
    assert "Kopenhagen" not in client.get("/").content.decode()


def test_network_pages(network, client, org):
    client.force_login(org.users["civil_servant"])
    page = client.get("/app/netwerk/").content.decode()
    assert "Warschau" in page and "Kopenhagen" in page and "data-below-minimum" in page
    assert "Celina Lokaal" in client.get("/app/netwerk/posten/warschau/").content.decode()
    client.force_login(org.users["expert"])
    assert client.get("/app/netwerk/").status_code == 403
    assert client.get("/app/netwerk/posten/warschau/").status_code == 403


def test_the_network_page_maps_the_served_countries_and_the_posts(network, client, org):
    import re
    from decimal import Decimal

    from defusedxml import ElementTree as ET

    from chancery.core.tests.test_maps import SVG, no_external_reference

    warschau, kopenhagen = network
    services.locate_post(org.users["secretariat"], warschau, latitude=Decimal("52.23"), longitude=Decimal("21.01"))
    geneve = services.register_post(
        org.users["secretariat"], code="geneve", city="Genève", country="CH", countries=[], organisations=["WGO"]
    )
    services.locate_post(org.users["secretariat"], geneve, latitude=Decimal("46.2"), longitude=Decimal("6.14"))
    client.force_login(org.users["civil_servant"])
    page = client.get("/app/netwerk/").content.decode()
    svg_text = re.search(r"<svg [^>]*class=\"map\".*?</svg>", page, re.S).group(0)
    assert no_external_reference(svg_text)
    svg = ET.fromstring(svg_text)
    shaded = {p.get("data-id"): (p.get("data-category"), p.find(f"{SVG}title").text) for p in svg.iter(f"{SVG}path")}
    served = {code for code, (category, _) in shaded.items() if category == "1"}
    assert served == {"PL", "EE", "LV", "LT", "DK", "SE", "NO", "FI"}
    assert shaded["CH"][0] == "2"  # Genève: a post, no country served
    assert shaded["EE"][1] == "Estland: bediend vanuit Warschau"
    assert shaded["BE"][0] is None and "AQ" not in shaded
    assert all(title for _, title in shaded.values())
    # the posts with a location are marked (Kopenhagen has none yet)
    assert [c.find(f"{SVG}title").text for c in svg.iter(f"{SVG}circle")] == [
        "Genève: WGO",
        "Warschau: Estland, Litouwen, Letland, Polen",  # the field keeps codes sorted
    ]
    assert 'data-id="EE"' in page.split("</svg>", 1)[1]  # the table under the map


def test_a_post_location_is_checked_and_audited(network, org):
    from decimal import Decimal

    warschau, _ = network
    with pytest.raises(ValidationError):
        services.locate_post(org.users["secretariat"], warschau, latitude=Decimal("91"), longitude=Decimal("0"))
    warschau.refresh_from_db()
    assert warschau.latitude is None
    with pytest.raises(PermissionDenied):
        services.locate_post(org.users["expert"], warschau, latitude=Decimal("52"), longitude=Decimal("21"))
    services.locate_post(org.users["secretariat"], warschau, latitude=Decimal("52.23"), longitude=Decimal("21.01"))
    assert AuditEntry.objects.filter(object_id=str(warschau.pk), action="update").exists()
