"""`/api/v1/fdi-notifications`: confidential, for the screening service only. The service's handler
and the secretariat read the notifications; the notifier, other administration, another applicant,
a read-public token and anonymous callers get nothing (an empty list, 404). No business secret and
no beneficial owner's name in any response; every response matches the OpenAPI document."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from chancery.api.models import ApiToken
from chancery.api.testing import openapi_schema, run_operations
from chancery.investment_screening import api
from chancery.investment_screening.models import BUSINESS_SECRETS
from chancery.investment_screening.testing import NOTIFICATION, notify

SECRETS = ["Earn-out", "310000000", "240000000", "2026-06-30", "Li Wei"]
ENTITLED = {"handler": True, "secretariat": True, "admin": True, "notifier": False, "civil_servant": False,
            "minister_concerned": False, "cabinet_concerned": False, "other_applicant": False}  # fmt: skip


def client_of(user, scopes=("read-public", "read-internal")):
    client = APIClient()
    if user is not None:
        _token, key = ApiToken.issue(user, list(scopes), name="test")
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


@pytest.fixture
def users(org, handler, applicant, other_applicant):
    return {**org.users, "handler": handler, "notifier": applicant, "other_applicant": other_applicant}


def test_no_business_secret_is_a_field():
    assert not set(api.FIELDS) & set(BUSINESS_SECRETS) and "owners" not in api.FIELDS


@pytest.mark.parametrize("who", list(ENTITLED))
def test_only_the_service_reads_the_notifications(users, applicant, who):
    case = notify(applicant)
    client = client_of(users[who])
    listing = client.get(reverse("api:fdinotification-list"))
    detail = client.get(reverse("api:fdinotification-detail", args=[case.fdi_notification.pk]))
    body = listing.content.decode() + detail.content.decode()
    assert listing.status_code == 200
    if ENTITLED[who]:
        [row] = listing.json()["results"]
        assert row["case"] == case.reference and row["investor_country"] == "HK"
        assert row["ubo_countries"] == ["CN"] and row["sectors"] == NOTIFICATION["sectors"]
        assert row["notifiable"] is True and row["flemish_link"] is True and row["may_close"] is False
        assert detail.status_code == 200 and detail.json()["case"] == case.reference
    else:
        assert listing.json()["results"] == [] and detail.status_code == 404
        assert case.reference not in body and "Dragon Grid" not in body
    for secret in SECRETS:
        assert secret not in body, secret


def test_a_read_public_token_and_anonymous_get_nothing(users, applicant):
    case = notify(applicant)
    for client in (client_of(users["handler"], scopes=("read-public",)), client_of(None)):
        listing = client.get(reverse("api:fdinotification-list"))
        assert listing.status_code in (401, 403) or listing.json()["results"] == []
        assert client.get(reverse("api:fdinotification-detail", args=[case.fdi_notification.pk])).status_code in (
            401, 403, 404,
        )  # fmt: skip


def test_filters(users, applicant):
    notify(applicant)
    notify(applicant, investor_country="US", owners=[], sectors=["media"])
    client = client_of(users["handler"])
    url = reverse("api:fdinotification-list")
    assert [r["investor_country"] for r in client.get(url, {"sector": "media"}).json()["results"]] == ["US"]
    assert [r["investor_country"] for r in client.get(url, {"investor_country": "HK"}).json()["results"]] == ["HK"]


@pytest.fixture
def fdi_schema(db, keep_connection, applicant):
    notify(applicant)
    return openapi_schema()


@pytest.mark.parametrize("who", ["handler", "applicant", None])
def test_the_notifications_conform(fdi_schema, request, who):
    headers = {}
    if who:
        _token, key = ApiToken.issue(request.getfixturevalue(who), ["read-public", "read-internal"], name="s")
        headers = {"Authorization": f"Bearer {key}"}
    assert len(run_operations(fdi_schema, headers, 10, path="/fdi-notifications")) == 2
