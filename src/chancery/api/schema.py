from drf_spectacular.extensions import OpenApiAuthenticationExtension


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
