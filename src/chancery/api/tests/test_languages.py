"""The API's errors speak the caller's language: Dutch for `Accept-Language: nl` (and by default),
English for `en`; the language a user chose on the site (the cookie) wins over the header, as in
Django. Each kind of error: validation (DRF's fields, our own checks), 401, 403, 404 (an object, an
address), 405, 429 — title and detail. The committed OpenAPI document stays English
(test_openapi_document)."""

import pytest
from django.conf import settings
from django.core.cache import caches
from rest_framework.test import APIClient

from chancery.api.models import ApiToken
from chancery.api.throttling import PerClientThrottle

LANGUAGES = {"nl": "nl", "en": "en", "en-GB,en;q=0.9": "en", "fr-BE,nl;q=0.8": "nl", "fr": "nl", None: "nl"}


def ask(client, method, path, language, **extra):
    if language is not None:
        extra["HTTP_ACCEPT_LANGUAGE"] = language
    response = getattr(client, method)(path, **extra)
    assert response["Content-Type"] == "application/problem+json", response.content
    return response.status_code, response.json()


@pytest.fixture
def webhook_client(org):
    _token, key = ApiToken.issue(org.users["secretariat"], ["read-public", "webhooks"])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


# (how to cause it, expected status, Dutch and English: title and a piece of the detail)
ERRORS = {
    "unknown object": (lambda c: ("get", "/api/v1/meetings/999999", {}), 404,
                       ("Niet gevonden", "Niet gevonden."), ("Not found", "Not found.")),
    "unknown address": (lambda c: ("get", "/api/v1/no-such-collection", {}), 404,
                        ("Niet gevonden", "Niet gevonden."), ("Not found", "Not found.")),
    "our own check": (lambda c: ("get", "/api/v1/meetings", {"data": {"page_size": "0"}}), 400,
                      ("Ongeldige vraag", "ongeldige velden"), ("Bad request", "invalid fields")),
    "a bad token": (lambda c: ("get", "/api/v1/meetings", {"HTTP_AUTHORIZATION": "Bearer chy_wrong"}), 401,
                    ("Niet aangemeld", "API-token is niet geldig"), ("Not authenticated", "API token is not valid")),
    "no token": (lambda c: ("get", "/api/v1/webhooks", {}), 401,
                 ("Niet aangemeld", "aanmeldgegevens"), ("Not authenticated", "credentials were not provided")),
    "a method not allowed": (lambda c: ("post", "/api/v1/meetings", {}), 405,
                             ("Methode niet toegestaan", "niet toegestaan"), ("Method not allowed", "not allowed")),
}  # fmt: skip


@pytest.mark.parametrize("kind", ERRORS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_errors_follow_accept_language(db, kind, language):
    cause, status, dutch, english = ERRORS[kind]
    method, path, extra = cause(None)
    extra = dict(extra)
    data = extra.pop("data", None)
    got_status, body = ask(APIClient(), method, path, language, **({"data": data} if data else {}), **extra)
    title, detail = dutch if LANGUAGES[language] == "nl" else english
    assert got_status == status and body["status"] == status
    assert body["title"] == title and detail in body["detail"], body
    if LANGUAGES[language] == "en":
        assert not any(word in body["detail"] for word in ("niet", "Niet", "ongeldig")), body


@pytest.mark.parametrize("language, words", [("nl", ["verplicht", "geldige"]), ("en", ["required", "valid"])])
def test_field_errors_and_permission_refusals(webhook_client, org, language, words):
    status, body = ask(webhook_client, "post", "/api/v1/webhooks", language, data={"target": "ftp://x"}, format="json")
    assert status == 400 and set(body["errors"]) == {"target", "event_types"}
    assert words[0] in str(body["errors"]["event_types"]) and words[1] in str(body["errors"]["target"]), body
    # 403: a token without the webhooks scope.
    _token, key = ApiToken.issue(org.users["secretariat"], ["read-public"])
    reader = APIClient()
    reader.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    status, body = ask(reader, "get", "/api/v1/webhooks", language)
    assert status == 403
    expected = ("Niet toegestaan", "API-token") if language == "nl" else ("Not allowed", "API token")
    assert body["title"] == expected[0] and expected[1] in body["detail"], body


@pytest.mark.parametrize(
    "language, title, detail",
    [("nl", "Te veel vragen", "probeer het opnieuw over"), ("en", "Too many requests", "try again in")],
)
def test_rate_limit_in_the_callers_language(db, language, title, detail):
    cache = caches["shared"]
    cache.clear()
    rates = PerClientThrottle.THROTTLE_RATES
    PerClientThrottle.THROTTLE_RATES = {**rates, "anonymous": "1/min"}
    try:
        client = APIClient()
        assert client.get("/api/v1/meetings").status_code == 200
        status, body = ask(client, "get", "/api/v1/meetings", language)
    finally:
        PerClientThrottle.THROTTLE_RATES = rates
        cache.clear()
    assert status == 429 and body["title"] == title and detail in body["detail"], body
    assert "throttled" not in body["detail"] and "verstikt" not in body["detail"]
    assert 0 < body["retry_after"] <= 60


def test_the_language_chosen_on_the_site_wins_over_the_header(db):
    client = APIClient()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    status, body = ask(client, "get", "/api/v1/meetings/999999", "nl")
    assert status == 404 and body["detail"] == "Not found."
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    assert ask(client, "get", "/api/v1/meetings/999999", "en")[1]["detail"] == "Niet gevonden."


def test_pages_still_ignore_the_header(client, db):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="nl"' in page
