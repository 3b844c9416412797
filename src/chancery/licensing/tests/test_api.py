"""`/api/v1/licences`: the holder sees their own, handlers theirs, others and anonymous nothing;
every response matches the OpenAPI document (schemathesis)."""

import pytest

from chancery.api.models import ApiToken
from chancery.api.testing import openapi_schema, run_operations
from chancery.licensing.models import Licence


def headers_for(user):
    _token, key = ApiToken.issue(user, ["read-public", "read-internal"], name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_licences_with_the_readers_eyes(client, granted, applicant, other_applicant, handler):
    licence = Licence.objects.get(case=granted)
    mine = client.get("/api/v1/licences", **headers_for(applicant)).json()
    assert [row["number"] for row in mine["results"]] == [licence.number]
    assert mine["results"][0]["remaining_value_eur"] == "84000.00"
    assert client.get("/api/v1/licences", **headers_for(handler)).json()["results"][0]["number"] == licence.number
    assert client.get("/api/v1/licences", **headers_for(other_applicant)).json()["results"] == []
    assert client.get(f"/api/v1/licences/{licence.pk}", **headers_for(other_applicant)).status_code == 404
    anonymous = client.get("/api/v1/licences")
    assert anonymous.status_code in (401, 403) or anonymous.json()["results"] == []


@pytest.fixture
def licences_schema(db, keep_connection, decide, applicant):
    decide(applicant)
    decide(applicant, goods_family="military", control_list_code="ML10")
    return openapi_schema()


@pytest.mark.parametrize("who", ["handler", "applicant", None])
def test_licences_conform(licences_schema, request, who):
    headers = {}
    if who:
        _token, key = ApiToken.issue(request.getfixturevalue(who), ["read-public", "read-internal"], name="s")
        headers = {"Authorization": f"Bearer {key}"}
    assert len(run_operations(licences_schema, headers, 10, path="/licences")) == 2
