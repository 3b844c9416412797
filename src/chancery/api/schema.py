"""The OpenAPI document: its generator, the description of our tokens and of our errors.

The document is committed (`api/openapi.yaml`, written by `make openapi`) and a test compares it
with the code, so a change of the public contract shows as a diff in review."""

import contextlib
import types
from pathlib import Path

from django.apps import apps
from django.db import connection, models
from django.db.backends.base.operations import BaseDatabaseOperations
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.generators import SchemaGenerator as SpectacularGenerator

OPENAPI_FILE = Path(__file__).with_name("openapi.yaml")
OPENAPI_LANGUAGE = "en"  # the committed document; `?lang=nl` serves the same contract in Dutch


def _forget_integer_validators() -> None:
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.IntegerField):
                field.__dict__.pop("validators", None)  # a cached_property, read again on next use


@contextlib.contextmanager
def portable_integer_ranges():
    """Django gives integer fields the limits of the database in use: 64 bits for every kind on
    SQLite, 16 or 32 bits on PostgreSQL. While the document is generated, the fields have the
    limits every supported database keeps (Django's defaults, PostgreSQL's), so the document is
    the same whichever database runs it; afterwards they have their own again."""
    ops = connection.ops
    ops.integer_field_range = types.MethodType(BaseDatabaseOperations.integer_field_range, ops)
    _forget_integer_validators()
    try:
        yield
    finally:
        del ops.integer_field_range
        _forget_integer_validators()


class SchemaGenerator(SpectacularGenerator):
    """drf-spectacular's generator, the same document on SQLite and PostgreSQL."""

    def get_schema(self, request=None, public=False):
        with portable_integer_ranges():
            return super().get_schema(request=request, public=public)


class BearerTokenScheme(OpenApiAuthenticationExtension):
    """Describes the API tokens in the OpenAPI document."""

    target_class = "chancery.api.authentication.BearerTokenAuthentication"
    name = "bearerToken"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "`chancery token USERNAME --scope …`"}


PROBLEM = {
    "type": "object",
    "description": "RFC 9457 problem details, in the caller's language when known.",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
    },
    "additionalProperties": True,
}
ERRORS = {
    "400": "The request is not valid (a parameter, a cursor).",
    "401": "The token is unknown, expired or revoked.",
    "403": "The token's scopes do not allow this.",
    "406": "The requested format is not offered.",
    "429": "Too many requests: wait as long as Retry-After says.",
}


def problem_responses(result, generator, request, public):
    """Every operation can answer with these errors, as problem+json; say so in the document, so
    that clients (and schemathesis) know every status they can get."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM
    for path, operations in result.get("paths", {}).items():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            errors = dict(ERRORS)
            if "{" in path:
                errors["404"] = "There is no such object, or the caller may not see it."
            if "If-Match" in {parameter.get("name") for parameter in operation.get("parameters", [])}:
                errors["412"] = "The object changed since the ETag sent in If-Match."
                errors["428"] = "If-Match is missing."
            for status, description in errors.items():
                responses.setdefault(
                    status,
                    {
                        "description": description,
                        "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
                    },
                )
    return result
