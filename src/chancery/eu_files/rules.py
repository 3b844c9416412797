"""Figures and lists the EU files follow, each with its source (nothing here is typed in a view).

The Belgian representation in the Council of the EU rests on the cooperation agreement of
8 March 1994 (samenwerkingsakkoord over de vertegenwoordiging van het Koninkrijk België in de
Ministerraad van de Europese Unie, BS 17 November 1994, amended in 2003): each Council formation
falls in one of four categories, and where the communities and regions speak for Belgium they
take the seat in turn, per semester (one presidency), by the rotation schedule annexed to it.
`verified=False` marks what the pages show "te verifiëren": the categories below are taken from
secondary descriptions of the agreement, the rotation from no published schedule."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

AGREEMENT = (
    "Samenwerkingsakkoord van 8 maart 1994 met betrekking tot de vertegenwoordiging van het Koninkrijk "
    "België in de Ministerraad van de Europese Unie (BS 17 november 1994), gewijzigd op 13 februari 2003"
)


@dataclass(frozen=True)
class Formation:
    code: str
    name: str
    category: str  # I–IV of the agreement
    source: str
    verified: bool = False


# I: only the federal government; II: federal seat, a community or region as assessor;
# III: a community or region holds the seat, the federal government as assessor;
# IV: only the communities and regions, in turn.
CATEGORIES = {
    "I": _("I — federal only"),
    "II": _("II — federal seat, regional assessor"),
    "III": _("III — regional seat, federal assessor"),
    "IV": _("IV — regional seat only"),
}

FORMATIONS = [
    Formation("gac", "Raad Algemene Zaken", "I", AGREEMENT),
    Formation("fac", "Raad Buitenlandse Zaken", "I", AGREEMENT),
    Formation("ecofin", "Raad Economische en Financiële Zaken", "I", AGREEMENT),
    Formation("jha", "Raad Justitie en Binnenlandse Zaken", "I", AGREEMENT),
    Formation("epsco", "Raad Werkgelegenheid, Sociaal Beleid, Volksgezondheid en Consumentenzaken", "II", AGREEMENT),
    Formation("tte-energy", "Raad Vervoer, Telecommunicatie en Energie (energie)", "II", AGREEMENT),
    Formation("tte-transport", "Raad Vervoer, Telecommunicatie en Energie (vervoer)", "II", AGREEMENT),
    Formation("env", "Raad Milieu", "II", AGREEMENT),
    Formation("agrifish", "Raad Landbouw en Visserij", "II", AGREEMENT),
    Formation("compet", "Raad Concurrentievermogen (industrie, onderzoek)", "III", AGREEMENT),
    Formation("eycs", "Raad Onderwijs, Jeugdzaken, Cultuur en Sport", "IV", AGREEMENT),
]
FORMATION_CHOICES = [(f.code, f.name) for f in FORMATIONS]
BY_CODE = {f.code: f for f in FORMATIONS}

# The semesters in which Flanders holds Belgium's seat (III, IV) or is its assessor (II), per
# formation: an illustrative excerpt of the rotation schedule, to verify against the schedule
# the DGE circulates (no published copy was at hand). Keys: formation → {"2026-1", "2026-2", …}.
ROTATION_SOURCE = "TE VERIFIËREN: rotatieschema in bijlage bij het samenwerkingsakkoord van 8 maart 1994"
FLEMISH_TURNS = {
    "env": {"2025-1", "2026-2", "2028-1"},
    "tte-energy": {"2025-2", "2027-1"},
    "agrifish": {"2025-1", "2025-2", "2026-1", "2026-2", "2027-1", "2027-2"},
    "compet": {"2026-1", "2027-2"},
    "eycs": {"2025-2", "2026-1", "2027-2"},
    "epsco": {"2026-1"},
}


def semester(day: datetime.date) -> str:
    """The presidency semester of a day: "2026-1" (January–June) or "2026-2"."""
    return f"{day.year}-{1 if day.month <= 6 else 2}"


def flemish_turn(formation: str, day: datetime.date) -> bool:
    """Does Flanders speak for Belgium (seat or assessor) at this formation on this day?"""
    return BY_CODE[formation].category != "I" and semester(day) in FLEMISH_TURNS.get(formation, set())


def warning_days() -> int:
    """Days before a transposition deadline that the pages warn (setting
    CHANCERY_EU_DEADLINE_WARNING_DAYS; a house rule, not law)."""
    return settings.CHANCERY_EU_DEADLINE_WARNING_DAYS
