"""Test helpers of the API (imported by tests only): schemathesis against our own OpenAPI document,
in-process on the test database (real SQLite / PostgreSQL)."""

from __future__ import annotations

import contextlib

import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance


@contextlib.contextmanager
def connection_kept():
    """Django's WSGI handler closes the database connection after each request; inside a test
    transaction (PostgreSQL) that would end the test's own transaction. Django's test client
    suspends this the same way."""
    signals = (request_started, request_finished)
    for signal in signals:
        signal.disconnect(close_old_connections)
    try:
        yield
    finally:
        for signal in signals:
            signal.connect(close_old_connections)


def openapi_schema():
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


def run_operations(schema, headers: dict, examples: int, *, path: str = "") -> list[str]:
    """Each operation (those whose path contains `path`) with generated requests (Hypothesis), each
    response validated against the document; returns the paths run. (Schemathesis' own pytest
    plugin does not run on pytest 9 yet, hence the loop.)"""
    operations = [result.ok() for result in schema.get_all_operations()]
    operations = [operation for operation in operations if path in operation.path]

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
    return [operation.path for operation in operations]
