"""Errors as application/problem+json (RFC 9457), in the caller's language when it is known."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import status
from rest_framework.views import exception_handler

TITLES = {
    400: gettext_lazy("Bad request"),
    401: gettext_lazy("Not authenticated"),
    403: gettext_lazy("Not allowed"),
    404: gettext_lazy("Not found"),
    405: gettext_lazy("Method not allowed"),
    406: gettext_lazy("Not acceptable"),
    409: gettext_lazy("Conflict"),
    412: gettext_lazy("Precondition failed"),
    415: gettext_lazy("Unsupported media type"),
    429: gettext_lazy("Too many requests"),
}


def problem_details(exc, context):
    response = exception_handler(exc, context)
    if response is None:
        return None
    detail = response.data
    body = {
        "type": "about:blank",
        "title": str(TITLES.get(response.status_code, _("Error"))),
        "status": response.status_code,
    }
    if isinstance(detail, dict) and set(detail) == {"detail"}:
        body["detail"] = str(detail["detail"])
    elif detail:
        body["detail"] = _("The request has invalid fields.")
        body["errors"] = detail
    request = context.get("request")
    if request is not None:
        body["instance"] = request.get_full_path()
    response.data = body
    response.content_type = "application/problem+json"
    if response.status_code == status.HTTP_429_TOO_MANY_REQUESTS and getattr(exc, "wait", None):
        body["retry_after"] = int(exc.wait)
    return response
