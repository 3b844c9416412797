"""`/api/v1/licences`: the holder sees their own, handlers theirs, others and anonymous nothing;
every response matches the OpenAPI document (schemathesis)."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from chancery.api.models import ApiToken
from chancery.api.tests.test_api_conformance import keep_connection  # noqa: F401 (fixture)
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
def licences_schema(db, keep_connection, decide, applicant):  # noqa: F811
    decide(applicant)
    decide(applicant, goods_family="military", control_list_code="ML10")
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.mark.parametrize("who", ["handler", "applicant", None])
def test_licences_conform(licences_schema, request, who):
    headers = {}
    if who:
        _token, key = ApiToken.issue(request.getfixturevalue(who), ["read-public", "read-internal"], name="s")
        headers = {"Authorization": f"Bearer {key}"}
    operations = [r.ok() for r in licences_schema.get_all_operations()]
    operations = [op for op in operations if "/licences" in op.path]
    assert len(operations) == 2
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck), database=None,
                  derandomize=True)  # fmt: skip
        def check(case):
            opaque = [positive_data_acceptance] if "cursor" in (case.query or {}) else []
            case.call_and_validate(headers=headers, excluded_checks=opaque)

        check()
