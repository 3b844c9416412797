"""Schemathesis against our own OpenAPI document: every operation, generated requests (valid and
invalid), with a read-internal token and anonymously. Each response must match the document
(status codes, content types, schemas), no request may cause a server error, and invalid input
must be refused. Runs in-process on the test database (real SQLite / PostgreSQL)."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from chancery.api.models import ApiToken
from chancery.core.models import AccessLevel
from chancery.decisions import services
from chancery.decisions.models import DecisionResult
from chancery.decisions.testing import release


@pytest.fixture
def keep_connection():
    """Django's WSGI handler closes the database connection after each request; inside a test
    transaction (PostgreSQL) that would end the test's own transaction. Django's test client
    suspends this the same way."""
    signals = (request_started, request_finished)
    for signal in signals:
        signal.disconnect(close_old_connections)
    yield
    for signal in signals:
        signal.connect(close_old_connections)


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
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def bearer(db, org):
    _token, key = ApiToken.issue(
        org.users["civil_servant"], ["read-public", "read-internal", "webhooks"], name="schemathesis"
    )
    return {"Authorization": f"Bearer {key}"}


def run_every_operation(schema, headers: dict, examples: int) -> int:
    """Each operation with generated requests (Hypothesis), each response validated against the
    document. (Schemathesis' own pytest plugin does not run on pytest 9 yet, hence the loop.)"""
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10  # the collections and details of every resource

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=examples,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
            derandomize=True,  # the same requests on every run: CI is not a lottery
        )
        def check(case):
            # A cursor (from a "next" link) and an ETag in If-Match are opaque tokens: a made-up one
            # is rightly refused (400, 412) although any string fits their schema. Every other
            # check applies to such requests too.
            made_up = "cursor" in (case.query or {}) or "If-Match" in (case.headers or {})
            opaque = [positive_data_acceptance] if made_up else []
            case.call_and_validate(headers=headers, excluded_checks=opaque)

        check()
    return len(operations)


def test_every_operation_conforms_with_a_token(api_schema, bearer):
    run_every_operation(api_schema, bearer, examples=15)


def test_every_operation_conforms_anonymously(api_schema):
    run_every_operation(api_schema, {}, examples=8)
