"""`/api/v1/licences`: the holder sees their own, handlers theirs, others and anonymous nothing;
every response matches the OpenAPI document (schemathesis)."""

import pytest
from django.utils import timezone

from chancery.api.models import ApiToken
from chancery.api.testing import openapi_schema, run_operations
from chancery.licensing.models import Licence
from chancery.licensing.services import licences


def headers_for(user):
    _token, key = ApiToken.issue(user, ["read-public", "read-internal"], name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_licences_with_the_readers_eyes(client, granted, applicant, other_applicant, handler):
    licence = Licence.objects.get(case=granted)
    mine = client.get("/api/v1/licences", **headers_for(applicant)).json()
    assert [row["number"] for row in mine["results"]] == [licence.number]
    assert mine["results"][0]["remaining_value_eur"] == "84000.00"
    # What is used comes off, in the list (summed in its query) as on the licence's own page.
    for value in ("14000.00", "500.50"):
        licences.report_use(applicant, licence, used_on=timezone.localdate(), quantity=1, value_eur=value,
                            destination_country="CA")  # fmt: skip
    headers = headers_for(applicant)
    assert client.get("/api/v1/licences", **headers).json()["results"][0]["remaining_value_eur"] == "69499.50"
    assert client.get(f"/api/v1/licences/{licence.pk}", **headers).json()["remaining_value_eur"] == "69499.50"
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
