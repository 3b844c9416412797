"""Errors as application/problem+json (RFC 9457), in the caller's language (`api.middleware`)."""

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, ngettext
from rest_framework import status
from rest_framework.exceptions import APIException, NotFound, Throttled
from rest_framework.views import exception_handler

# DRF's own messages of its errors, kept in our catalogue so that our Dutch wins over DRF's (Django
# prefers LOCALE_PATHS): DRF's says "Je" where the service says "u", and calls a throttled request
# "verstikt". DRF's field messages ("A valid integer is required.") come from its catalogue.
DRF_MESSAGES = [
    gettext_noop("A server error occurred."),
    gettext_noop("Invalid input."),
    gettext_noop("Malformed request."),
    gettext_noop("Incorrect authentication credentials."),
    gettext_noop("Authentication credentials were not provided."),
    gettext_noop("You do not have permission to perform this action."),
    gettext_noop("Not found."),
    gettext_noop('Method "{method}" not allowed.'),
    gettext_noop("Could not satisfy the request Accept header."),
    gettext_noop('Unsupported media type "{media_type}" in request.'),
    gettext_noop("Request was throttled."),
]

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
    428: gettext_lazy("Precondition required"),
    429: gettext_lazy("Too many requests"),
}


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = gettext_lazy("This was changed in the meantime: read it again and make your change on that.")


class PreconditionRequired(APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = gettext_lazy("Send If-Match with the ETag of the version you change.")


def problem_details(exc, context):
    if isinstance(exc, Http404):
        # Django's "No Meeting matches the given query." is English and names our model: DRF's words.
        exc = NotFound()
    response = exception_handler(exc, context)
    if response is None:
        return None
    detail = response.data
    body = {
        "type": "about:blank",
        "title": str(TITLES.get(response.status_code, _("Error"))),
        "status": response.status_code,
    }
    if isinstance(exc, Throttled) and exc.wait is not None:
        # DRF words the wait before translating it, so its sentence stays English: ours.
        body["detail"] = ngettext(
            "Too many requests: try again in %(wait)d second.",
            "Too many requests: try again in %(wait)d seconds.",
            exc.wait,
        ) % {"wait": exc.wait}
    elif isinstance(detail, dict) and set(detail) == {"detail"}:
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
