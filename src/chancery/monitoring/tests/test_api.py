"""/api/v1/ambitions, /programmes and /indicators: what the public may see, with computed status;
released figures only for outsiders; everything for the administration."""

import datetime

from django.utils import timezone
from rest_framework.test import APIClient

from chancery.api.models import ApiToken
from chancery.monitoring.models import ScheduledRelease
from chancery.monitoring.services import observations
from chancery.monitoring.services.structure import create_initiative


def test_monitoring_collections(tree, indicator, org):
    create_initiative(
        org.users["secretariat"], level="programme", parent=tree[0], code="ka1-intern", title="Intern programma",
        summary="Niet openbaar.", lead_entity=org.entities["dept"],
    )  # fmt: skip
    observations.record(indicator, "2024", 10)
    observations.record(indicator, "2025", 99)
    ScheduledRelease.objects.create(
        indicator=indicator, period="2025", release_at=timezone.now() + datetime.timedelta(days=1)
    )
    api = APIClient()
    [ambition] = api.get("/api/v1/ambitions").json()["results"]
    assert ambition["code"] == "ka1" and ambition["status"] in ("unknown", "on_track", "at_risk", "off_track")
    assert ambition["permalink"].endswith("/voortgang/ka1/")
    assert [p["code"] for p in api.get("/api/v1/programmes").json()["results"]] == ["ka1-oostgrens"]
    [public] = api.get("/api/v1/indicators").json()["results"]
    assert [o["period"] for o in public["observations"]] == ["2024"]  # 2025 is announced for tomorrow

    _token, key = ApiToken.issue(org.users["civil_servant"], ["read-public", "read-internal"])
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert {p["code"] for p in api.get("/api/v1/programmes").json()["results"]} == {"ka1-oostgrens", "ka1-intern"}
    [internal] = api.get("/api/v1/indicators").json()["results"]
    assert [o["period"] for o in internal["observations"]] == ["2024", "2025"]
