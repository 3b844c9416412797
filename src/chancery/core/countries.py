"""Countries as people name them (issue 14: the applicant's form asked for hand-typed ISO codes).

The list is django-countries' (ISO 3166-1, with its translations); a user picks a country by its
name in their language from a list they can search by typing (`core.forms.CountryField`) and the
server keeps the ISO code. Names are sorted by their letters without accents (django-countries'
own order when pyuca is absent: Ålandeilanden under A, IJsland between Ierland and India)."""

from __future__ import annotations

import functools
import re
import unicodedata

from django.utils import translation
from django_countries import countries

# The languages whose names a typed country is recognised in, besides the page's own.
KNOWN_LANGUAGES = ("nl", "en")


def fold(text: str) -> str:
    """A name as compared: without accents, case or extra spaces."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text).strip().casefold()


def choices() -> list[tuple[str, str]]:
    """(code, name) of every country, in the active language, sorted by name."""
    return [(c.code, c.name) for c in countries]


def name(code: str) -> str:
    return countries.name(code) or code


@functools.cache
def _index(language: str) -> dict[str, str]:
    with translation.override(language):
        return {fold(c.name): c.code for c in countries}


def code_for(text: str) -> str | None:
    """The ISO code of a country given by its code or its name (Dutch or English, any case or
    accents; the start of a name when only one name starts so), or None."""
    text = (text or "").strip()
    if len(text) == 2 and text.upper() in countries:
        return text.upper()
    key = fold(text)
    if not key:
        return None
    for language in dict.fromkeys((translation.get_language() or "nl", *KNOWN_LANGUAGES)):
        code = _index(language).get(key)
        if code:
            return code
    if len(key) < 3:
        return None
    for language in dict.fromkeys((translation.get_language() or "nl", *KNOWN_LANGUAGES)):
        starting = {code for folded, code in _index(language).items() if folded.startswith(key)}
        if len(starting) == 1:
            return starting.pop()
    return None
