"""The EU arms embargoes (`data/arms_embargoes.json`) and how a country hit reads. Plain data: the
screening (`services/matching.py`) finds the hits and the hit model (`models.ScreeningHit`) words
them for its reader, so neither imports the other.

A hit is worded in the reader's language: the country by its name in that language
(django-countries' catalogue) and the measure as the Official Journal cites it in that language
(`basis` in English, `basis_nl` in Dutch: "Besluit 2014/512/GBVB van de Raad", where English has
"Council Decision 2014/512/CFSP"). The legal reference itself is never translated by us.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from chancery.core import countries

EMBARGO_FILE = Path(__file__).resolve().parent / "data" / "arms_embargoes.json"
LIST_ID_PREFIX = "ARMS-EMBARGO-"
EMBARGO_SCOPES = {
    "full": gettext_lazy("full"),
    "partial": gettext_lazy("partial"),
    "political": gettext_lazy("political commitment"),
    "targeted": gettext_lazy("listed persons only"),
}


@cache
def arms_embargoes() -> dict[str, dict]:
    data = json.loads(EMBARGO_FILE.read_text(encoding="utf-8"))
    return {country["iso2"]: country for country in data["countries"]}


def list_id(iso2: str) -> str:
    return f"{LIST_ID_PREFIX}{iso2}"


def basis(entry: dict) -> str:
    """The measure as cited in the active language; English (the file's `basis`) otherwise."""
    language = (get_language() or "en").split("-")[0]
    return entry.get(f"basis_{language}") or entry["basis"]


def country_name(entry: dict) -> str:
    return str(countries.name(entry["iso2"])) or entry["name"]


def describe(entry: dict) -> str:
    """A country hit in the active language ("Rusland — wapenembargo (volledig; Besluit 2014/512/GBVB van de Raad)")."""
    return _("%(country)s — arms embargo (%(scope)s; %(basis)s)") % {
        "country": country_name(entry),
        "scope": EMBARGO_SCOPES[entry["scope"]],
        "basis": basis(entry),
    }


def describe_list_id(identifier: str) -> str | None:
    """The wording of a country hit's list id (`ARMS-EMBARGO-RU`) in the active language; None for
    another list id or for a country no longer in the file (its recorded wording stands)."""
    if not identifier.startswith(LIST_ID_PREFIX):
        return None
    entry = arms_embargoes().get(identifier.removeprefix(LIST_ID_PREFIX))
    return describe(entry) if entry else None
