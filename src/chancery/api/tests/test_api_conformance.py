"""Schemathesis against our own OpenAPI document: every operation, generated requests (valid and
invalid), with a read-internal token and anonymously. Each response must match the document
(status codes, content types, schemas), no request may cause a server error, and invalid input
must be refused. Runs in-process on the test database (real SQLite / PostgreSQL)."""

import pytest

from chancery.api.models import ApiToken
from chancery.api.testing import openapi_schema, run_operations
from chancery.core.models import AccessLevel
from chancery.decisions import services
from chancery.decisions.models import DecisionResult
from chancery.decisions.testing import release


@pytest.fixture
def api_schema(db, keep_connection, secretariat, meeting, add):
    # Data to answer with: a released meeting with a public and a confidential item.
    add(meeting, "Oostgrensprogramma")
    add(meeting, "Geheim punt", access_level=AccessLevel.CONFIDENTIAL)
    draft = services.current_draft(meeting)
    services.approve_all_formally(secretariat, draft, expected_revision=None)
    services.approve_agenda(secretariat, draft, expected_revision=None, close=True)
    for item in services.final_items(meeting):
        services.record_decision(secretariat, item, result=DecisionResult.APPROVED, text="Goedgekeurd")
    release(secretariat, meeting)
    return openapi_schema()


@pytest.fixture
def bearer(db, org):
    _token, key = ApiToken.issue(
        org.users["civil_servant"], ["read-public", "read-internal", "webhooks"], name="schemathesis"
    )
    return {"Authorization": f"Bearer {key}"}


def run_every_operation(schema, headers: dict, examples: int) -> int:
    paths = run_operations(schema, headers, examples)
    assert len(paths) >= 10  # the collections and details of every resource
    return len(paths)


def test_every_operation_conforms_with_a_token(api_schema, bearer):
    run_every_operation(api_schema, bearer, examples=15)


def test_every_operation_conforms_anonymously(api_schema):
    run_every_operation(api_schema, {}, examples=8)
