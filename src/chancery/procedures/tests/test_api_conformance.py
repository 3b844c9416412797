"""Schemathesis against /api/v1/cases with real cases to answer with: every response matches the
OpenAPI document, for a handler's token, an applicant's token and anonymously."""

import pytest

from chancery.api.models import ApiToken
from chancery.api.testing import openapi_schema, run_operations
from chancery.procedures.services import cases as engine
from chancery.procedures.testing import apply_for_licence


@pytest.fixture
def cases_schema(db, keep_connection, applicant, handler):
    case = apply_for_licence(applicant)
    engine.fire(case, "request_information", handler, reason="Vraag", expected_version=case.version)
    apply_for_licence(applicant, title="Tweede")
    return openapi_schema()


def headers_for(user):
    _token, key = ApiToken.issue(user, ["read-public", "read-internal"], name="schemathesis")
    return {"Authorization": f"Bearer {key}"}


@pytest.mark.parametrize("who", ["handler", "applicant", None])
def test_cases_conform(cases_schema, request, who):
    headers = headers_for(request.getfixturevalue(who)) if who else {}
    assert len(run_operations(cases_schema, headers, 10, path="/cases")) == 2
