"""The API answers in its caller's language: the language the user chose on the site (the language
cookie), else the first language of `Accept-Language` that we offer, else Dutch — Django's order
(`get_language_from_request`). The pages ignore `Accept-Language` (`core.middleware`: a Flemish
service is Dutch whatever the browser says), but an application that sends it asks for it.

Everything the API words follows: DRF's own messages (validation, 401, 403, 404, 429 from DRF's
catalogue), our messages and the problem titles. The committed OpenAPI document does not: it is
written in English by `make openapi` (`--lang en`), asked of no request."""

from django.urls import NoReverseMatch, reverse
from django.utils import translation


def _api_prefix() -> str | None:
    """The API's root under the active URL configuration (none in a test's own URLs without it)."""
    try:
        return reverse("api:root")
    except NoReverseMatch:
        return None


class CallerLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        prefix = _api_prefix()
        if prefix and request.path.startswith(prefix):
            translation.activate(translation.get_language_from_request(request))
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
