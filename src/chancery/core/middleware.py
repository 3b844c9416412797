"""Language: Dutch unless the user chose English with the switch (a cookie); no caching of what
was made for someone signed in.

The browser's Accept-Language is deliberately not used for pages: a Flemish government service is
Dutch by default, whatever the browser's setting. (The API honours Accept-Language: `api.middleware`.)
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import add_never_cache_headers


class ChosenLanguageMiddleware(LocaleMiddleware):
    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        try:
            language = translation.get_supported_language_variant(chosen) if chosen else settings.LANGUAGE_CODE
        except LookupError:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class PrivateAnswersMiddleware:
    """An answer made for someone signed in (a session or an API token) is stored by no browser cache
    or proxy (`Cache-Control: no-store`, with Django's never-cache headers): it may hold what only
    they may see, and a shared computer's back button or a caching proxy would show it to the next
    person. Anonymous answers are left as they are (what the public portal shows anyway), and so is
    an answer its view marked `public` (a public document's file)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = (user is not None and user.is_authenticated) or "HTTP_AUTHORIZATION" in request.META
        if signed_in and "public" not in response.get("Cache-Control", ""):
            add_never_cache_headers(response)
        return response
