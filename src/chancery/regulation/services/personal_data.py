"""Personal data in the feedback panel's texts: detected and masked before anything is published.

What a citizen or a company writes may carry e-mail addresses, phone numbers, Belgian national
register numbers (rijksregisternummers: YY.MM.DD-NNN.CC, also spaced, dotted, dashed or run
together) and IBANs. `mask` replaces each with a placeholder that says what was removed; it errs
on the side of masking (a number shaped like a national register number is masked whatever its
check digits), because a published text is never unmasked. Only the masked text is ever shown on
the public pages; the text as sent stays with the moderators."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

# Separators people put between groups of digits: spaces (also non-breaking), dots, dashes, slashes.
_SEP = r"[ \u00a0.\-/]{0,3}"

EMAIL = re.compile(
    r"[\w.+\-]+\s?(?:@|[\[(]\s?at\s?[\])]|\(a\))\s?[\w\-]+(?:\s?(?:\.|[\[(]\s?dot\s?[\])])\s?[\w\-]+)+", re.IGNORECASE
)
# IBAN: country code, check digits and 11 to 30 letters or digits, grouped by four or run together.
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ \u00a0.\-]?[A-Z0-9]{1,4}){3,8}\b")
IBAN_BE = re.compile(r"\bbe\d{2}(?:[ \u00a0.\-]?\d{4}){3}\b", re.IGNORECASE)
# National register number: 11 digits as 2-2-2-3-2, with or without separators.
NATIONAL_NUMBER = re.compile(rf"(?<![\d+])\d{{2}}{_SEP}\d{{2}}{_SEP}\d{{2}}{_SEP}\d{{3}}{_SEP}\d{{2}}(?!\d)")
# Phone numbers: Belgian (0 and 8 or 9 digits, or +32 / 0032), and other international numbers.
PHONE = re.compile(
    rf"(?<![\w+])(?:(?:\+|00)[ \u00a0]?\d{{2,3}}{_SEP}(?:\(0\){_SEP})?\d(?:{_SEP}\d){{6,10}}"
    rf"|\(?0\d\)?(?:{_SEP}\d){{7,8}})(?![ \u00a0.\-/]?\d)"
)


@dataclass(frozen=True)
class Masked:
    text: str
    found: tuple[str, ...]  # the kinds found, in a fixed order: email, iban, national_number, phone


KINDS = ("email", "iban", "national_number", "phone")


def _placeholders() -> dict[str, str]:
    return {
        "email": _("[e-mail address removed]"),
        "iban": _("[bank account removed]"),
        "national_number": _("[national register number removed]"),
        "phone": _("[phone number removed]"),
    }


def mask(text: str) -> Masked:
    """The text with every personal datum replaced by a placeholder, and the kinds found."""
    placeholders = _placeholders()
    found = []
    for kind, patterns in (
        ("email", (EMAIL,)),
        ("iban", (IBAN, IBAN_BE)),
        ("national_number", (NATIONAL_NUMBER,)),
        ("phone", (PHONE,)),
    ):
        for pattern in patterns:
            text, count = pattern.subn(placeholders[kind], text)
            if count and kind not in found:
                found.append(kind)
    return Masked(text=text, found=tuple(k for k in KINDS if k in found))


def contains_personal_data(text: str) -> bool:
    return bool(mask(text).found)
