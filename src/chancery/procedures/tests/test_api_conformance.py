"""Schemathesis against /api/v1/cases with real cases to answer with: every response matches the
OpenAPI document, for a handler's token, an applicant's token and anonymously."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from chancery.api.models import ApiToken
from chancery.api.tests.test_api_conformance import keep_connection  # noqa: F401 (fixture)
from chancery.procedures.services import cases as engine
from chancery.procedures.testing import apply_for_licence


@pytest.fixture
def cases_schema(db, keep_connection, applicant, handler):  # noqa: F811
    case = apply_for_licence(applicant)
    engine.fire(case, "request_information", handler, reason="Vraag", expected_version=case.version)
    apply_for_licence(applicant, title="Tweede")
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


def headers_for(user):
    _token, key = ApiToken.issue(user, ["read-public", "read-internal"], name="schemathesis")
    return {"Authorization": f"Bearer {key}"}


@pytest.mark.parametrize("who", ["handler", "applicant", None])
def test_cases_conform(cases_schema, request, who):
    headers = headers_for(request.getfixturevalue(who)) if who else {}
    operations = [r.ok() for r in cases_schema.get_all_operations()]
    operations = [op for op in operations if "/cases" in op.path]
    assert len(operations) == 2
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck), database=None,
                  derandomize=True)  # fmt: skip
        def check(case):
            opaque = [positive_data_acceptance] if "cursor" in (case.query or {}) else []
            case.call_and_validate(headers=headers, excluded_checks=opaque)

        check()
