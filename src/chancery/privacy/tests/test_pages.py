"""The privacy pages: the register and the requests for the data protection officer (404 to
anyone else), the public privacy statement, the exports (HTML, JSON, PDF) and the erasure page."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from chancery.core.testing import form_markup_problems
from chancery.privacy.models import SubjectRequest
from chancery.regulation.models import FeedbackSignal


def _client(client, user):
    client.force_login(user)
    return client


def test_the_privacy_statement_is_public_and_built_from_the_register(client, db):
    response = client.get("/privacy/")
    assert response.status_code == 200
    page = response.content.decode()
    for name in ("Gebruikersaccounts", "Het loket: aanvragers", "Vergunningen voor strategische goederen",
                 "Rampenfonds: schademeldingen en aanvragen", "Meldpunt regelgeving"):  # fmt: skip
        assert name in page, name
    assert "Archiefdecreet" in page or "Bewaartermijn" in page
    # The public statement does not show where in the database the data are held.
    assert "Waar de gegevens bewaard worden" not in page


def test_the_register_and_requests_are_for_the_data_protection_officer(client, world, org):
    for user in (org.users["civil_servant"], org.users["secretariat"], world.anna.user):
        client.logout()
        _client(client, user)
        assert client.get(reverse("privacy:index")).status_code == 404
        assert client.post(reverse("privacy:access"), {"query": world.anna.email}).status_code == 404
    assert not SubjectRequest.objects.exists()
    client.logout()
    _client(client, world.dpo)
    response = client.get(reverse("privacy:index"))
    assert response.status_code == 200 and response["Cache-Control"].startswith("max-age=0")
    page = response.content.decode()
    assert "Waar de gegevens bewaard worden" in page and 'id="access-form"' in page
    assert not form_markup_problems(page)


def test_the_export_as_html_json_and_pdf(client, world):
    _client(client, world.dpo)
    page = client.post(reverse("privacy:access"), {"query": world.anna.email, "format": "html"})
    assert page.status_code == 200
    html = page.content.decode()
    assert world.anna.email in html and world.anna.national_number in html
    assert world.bart.email not in html and world.bart.name not in html
    as_json = client.post(reverse("privacy:access"), {"query": world.anna.email, "format": "json"})
    assert as_json["Content-Type"].startswith("application/json")
    assert "attachment" in as_json["Content-Disposition"]
    export = json.loads(as_json.content)
    assert {a["code"] for a in export["activities"]} >= {"core.accounts", "regulation.feedback"}
    assert world.bart.email not in as_json.content.decode()
    pdf = client.post(reverse("privacy:access"), {"query": world.anna.email, "format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert SubjectRequest.objects.count() == 3
    # The identifier never travels in an address.
    assert client.get(reverse("privacy:access")).status_code == 405


def test_a_bad_identifier_is_refused_in_dutch(client, world):
    _client(client, world.dpo)
    response = client.post(reverse("privacy:access"), {"query": "123"})
    assert response.status_code == 400
    assert "11 cijfers" in response.content.decode()
    assert not SubjectRequest.objects.exists()


def test_erasure_page_shows_what_was_pseudonymised_and_why_the_rest_is_kept(client, world):
    _client(client, world.dpo)
    refused = client.post(reverse("privacy:erase"), {"query": world.anna.email})
    assert refused.status_code == 400  # the confirmation is required
    response = client.post(reverse("privacy:erase"), {"query": world.anna.email, "confirm": "on"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Archiefdecreet" in page and "Wapenhandeldecreet" in page
    assert world.anna.email not in page
    assert not FeedbackSignal.objects.filter(email=world.anna.email).exists()
    assert FeedbackSignal.objects.filter(email=world.bart.email).exists()


@pytest.mark.parametrize("path", ["/app/privacy/", "/privacy/"])
def test_the_pages_answer_for_the_administrator(client, org, path):
    _client(client, org.users["admin"])
    assert client.get(path).status_code == 200
