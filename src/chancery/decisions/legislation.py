"""The kinds of act a decision may be published as, as the linked data and the register name them:
the Vlaamse Codex concept (concept scheme AardWetgeving) and the type segment of the Belgian ELI
(ejustice.just.fgov.be/eli/{type}/{yyyy}/{mm}/{dd}/{numac}; EUR-Lex ELI register, Belgium: the
Dutch types are wet, decreet, ordonnantie and besluit). Plain data: the portal's linked data and
the register of regulations read it."""

from __future__ import annotations

import datetime

from chancery.decisions.models.publications import RegulationType

LEGISLATION = {
    RegulationType.DECREE: ("https://data.vlaanderen.be/id/concept/AardWetgeving/Decreet", "Decreet", "decreet"),
    RegulationType.GOVERNMENT_DECISION: (
        "https://data.vlaanderen.be/id/concept/AardWetgeving/BesluitVanDeVlaamseRegering",
        "Besluit van de Vlaamse Regering",
        "besluit",
    ),
    RegulationType.MINISTERIAL_DECISION: (
        "https://data.vlaanderen.be/id/concept/AardWetgeving/MinisterieelBesluit",
        "Ministerieel besluit",
        "besluit",
    ),
}
ELI_BASE = "http://www.ejustice.just.fgov.be/eli"


def belgian_eli(kind: str, day: datetime.date, numac: str) -> str:
    """The Belgian ELI of an act of `kind` dated `day` with the Gazette's NUMAC."""
    _uri, _label, eli_type = LEGISLATION[RegulationType(kind)]
    return f"{ELI_BASE}/{eli_type}/{day:%Y/%m/%d}/{numac}"
