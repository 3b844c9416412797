"""Query counts do not grow with the number of cases (inbox, case list of the applicant, API), and
the OpenAPI document describes /api/v1/cases with its filters."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from chancery.api.models import ApiToken
from chancery.procedures.services import cases as engine
from chancery.procedures.services import work
from chancery.procedures.testing import apply_for_licence


def queries_for(client, url, **params):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured)


def add_cases(applicant, handler, n):
    for i in range(n):
        case = apply_for_licence(applicant, title=f"Aanvraag {i}")
        work.take(handler, case)
        engine.fire(case, "declare_complete", handler, expected_version=case.version)


def test_pages_and_api_do_not_grow_with_the_cases(client, applicant, handler):
    api = APIClient()
    _token, key = ApiToken.issue(handler, ["read-public", "read-internal"], name="count")
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    client.force_login(handler)
    add_cases(applicant, handler, 2)
    few = (
        queries_for(client, reverse("procedures:inbox")),
        queries_for(client, reverse("procedures:inbox"), tab="team"),
        queries_for(api, reverse("api:case-list")),
    )
    add_cases(applicant, handler, 5)
    many = (
        queries_for(client, reverse("procedures:inbox")),
        queries_for(client, reverse("procedures:inbox"), tab="team"),
        queries_for(api, reverse("api:case-list")),
    )
    assert many == few


def test_openapi_describes_cases(db):
    schema = APIClient().get(reverse("api:openapi")).json()
    listing = schema["paths"]["/api/v1/cases"]["get"]
    assert {"procedure", "state", "cursor"} <= {p["name"] for p in listing["parameters"]}
    assert "/api/v1/cases/{id}" in schema["paths"]
