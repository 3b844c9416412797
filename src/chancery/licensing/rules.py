"""Figures and reference data of the licences, each with its source and since when it applies.

A changed figure is a new entry with its own `valid_from`, never an edit: a licence keeps the
rule in force on the day of its decision."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from chancery.core import countries
from chancery.strategic_goods.countries import EU_MEMBER_STATES

# Sources are shown to users (licence pages and PDFs): the public source only, in the words of the
# source; where this project read it (procedure-rules.md §A3) stays in this comment.
SOURCE_DUAL_USE_VALIDITY = (
    "fdfa.be, individuele vergunning / globale vergunning dual-use: 3 jaar geldig, eenmaal verlengbaar "
    "met 3 jaar voor de niet-gebruikte waarde"
)


@dataclass(frozen=True)
class Validity:
    """How long a licence of a kind of goods and form is valid, and whether (and how) it renews."""

    goods_family: str
    forms: tuple[str, ...]
    years: int
    source: str
    valid_from: datetime.date
    renewal_years: int = 0
    # False: the figure could not be checked against a source and must be verified.
    verified: bool = True


VALIDITY = (
    Validity(
        "dual_use", ("individual", "global"), 3, SOURCE_DUAL_USE_VALIDITY, datetime.date(2024, 1, 1), renewal_years=3
    ),
    # No validity term for military licences was found in the sources read (procedure-rules.md §A3
    # names none): the 3 years of the dual-use regime are applied until verified.
    Validity(
        "military",
        ("individual", "global", "combined"),
        3,
        "TE VERIFIËREN: geen bron gelezen voor de geldigheid van militaire vergunningen; de dual-use-termijn geldt",
        datetime.date(2024, 1, 1),
        verified=False,
    ),
)
DEFAULT_VALIDITY = Validity(
    "", (), 3, "TE VERIFIËREN: geen bron gelezen voor deze soort goederen; de dual-use-termijn geldt",
    datetime.date(2024, 1, 1), verified=False,
)  # fmt: skip


# The validity of a prior authorisation granted through the procedure VM. fdfa.be's FAQ asks "Hoe
# lang is een voorafgaande machtiging geldig?" but its answer could not be read (searched
# 30.11.2026): a term is applied, marked to verify, which the service may shorten by revoking.
PRIOR_AUTHORISATION_VALIDITY = Validity(
    "military", ("prior_authorisation",), 5,
    "TE VERIFIËREN: de geldigheid van een voorafgaande machtiging is in de gelezen bronnen niet gevonden",
    datetime.date(2024, 1, 1), verified=False,
)  # fmt: skip


# --- appeal against a refusal ------------------------------------------------------------------


@dataclass(frozen=True)
class Appeal:
    """Where and within what term a refused applicant appeals, as the refusal letter states it."""

    body: str
    term_days: int
    term_runs_from: str
    source: str
    valid_from: datetime.date
    # False: the figures were not read in the sources of procedure-rules §A (which names no appeal
    # against a licence decision); the letter marks them "te verifiëren".
    verified: bool = True


# The Wapenhandeldecreet organises no administrative appeal in the sources read (procedure-rules
# §A1 names the decree and its orders, no appeal; §A6 no term): what is left is the general
# annulment appeal against an administrative decision before the Council of State, 60 days from
# notification (Gecoördineerde wetten op de Raad van State of 12 January 1973, art. 14 §1; the
# term: art. 4 of the Regent's decree of 23 August 1948 on the procedure; art. 19 of the laws: the
# term runs only when the decision names the appeal, its form and term). Not read in a primary
# text here: to verify with the department's lawyers before a letter goes out.
APPEAL = Appeal(
    body="Raad van State, afdeling Bestuursrechtspraak",
    term_days=60,
    term_runs_from="de kennisgeving van deze beslissing",
    source=(
        "Gecoördineerde wetten op de Raad van State van 12 januari 1973, art. 14 §1 en 19; "
        "Besluit van de Regent van 23 augustus 1948, art. 4"
    ),
    valid_from=datetime.date(2024, 1, 1),
    verified=False,
)


def validity_for(goods_family: str, form: str, on: datetime.date) -> Validity:
    """The validity rule in force on `on` for the kind of goods and form (latest valid_from)."""
    candidates = [v for v in VALIDITY if v.goods_family == goods_family and form in v.forms and v.valid_from <= on]
    return max(candidates, key=lambda v: v.valid_from) if candidates else DEFAULT_VALIDITY


# --- general licences ------------------------------------------------------------------------

SOURCE_EU_GEA = (
    "Verordening (EU) 2021/821, art. 12, lid 1, d), en bijlage II, afdelingen A–H ("
    "EU001: enterprise.gov.ie; de andere: sbdu.entreprises.gouv.fr)"
)
SOURCE_FLEMISH_GTL = 'fdfa.be "Overbrenging militaire goederen naar EULS"'


@dataclass(frozen=True)
class GeneralLicence:
    code: str
    title: str
    section: str
    goods_family: str
    source: str
    # The only destinations it covers, where it names them (EU001); empty: see `destination_error`.
    destinations: frozenset[str] = frozenset()


# EU001 (Reg. 2021/821 Annex II section A): Australia, Canada, Iceland, Japan, New Zealand, Norway,
# Switzerland including Liechtenstein, the United Kingdom and the United States (enterprise.gov.ie,
# procedure-rules.md §A3).
EU001_DESTINATIONS = frozenset({"AU", "CA", "IS", "JP", "NZ", "NO", "CH", "LI", "GB", "US"})


GENERAL_LICENCES = (
    GeneralLicence("EU001", _("Exports to Australia, Canada, Iceland, Japan, New Zealand, Norway, Switzerland "
                              "including Liechtenstein, the United Kingdom and the United States"),
                   "A", "dual_use", SOURCE_EU_GEA, destinations=EU001_DESTINATIONS),
    GeneralLicence("EU002", _("Export of certain dual-use items to certain destinations"), "B", "dual_use",
                   SOURCE_EU_GEA),
    GeneralLicence("EU003", _("Export after repair or replacement"), "C", "dual_use", SOURCE_EU_GEA),
    GeneralLicence("EU004", _("Temporary export for an exhibition or fair"), "D", "dual_use", SOURCE_EU_GEA),
    GeneralLicence("EU005", _("Telecommunications"), "E", "dual_use", SOURCE_EU_GEA),
    GeneralLicence("EU006", _("Chemicals"), "F", "dual_use", SOURCE_EU_GEA),
    GeneralLicence("EU007", _("Intra-group export of software and technology"), "G", "dual_use", SOURCE_EU_GEA),
    GeneralLicence("EU008", _("Encryption"), "H", "dual_use", SOURCE_EU_GEA),
    # The Flemish general transfer licences have no official short code in the sources read: these
    # codes are the platform's own.
    GeneralLicence("VL-AT1", _("Transfer to the armed forces of an EU Member State"), "1", "military",
                   SOURCE_FLEMISH_GTL),
    GeneralLicence("VL-AT2", _("Transfer to certified persons"), "2", "military", SOURCE_FLEMISH_GTL),
    GeneralLicence("VL-AT3", _("Transfer for demonstration, evaluation or exhibition"), "3", "military",
                   SOURCE_FLEMISH_GTL),
    GeneralLicence("VL-AT4", _("Transfer to the original supplier for maintenance or repair, or re-transfer after "
                               "repair in Flanders"), "4", "military", SOURCE_FLEMISH_GTL),
    GeneralLicence("VL-AT5", _("Transfer within an intergovernmental cooperation programme"), "5", "military",
                   SOURCE_FLEMISH_GTL),
)  # fmt: skip
GENERAL_LICENCE_CODES = {g.code: g for g in GENERAL_LICENCES}


def general_licence(code: str) -> GeneralLicence | None:
    return GENERAL_LICENCE_CODES.get(code)


def destination_error(licence: GeneralLicence, country: str) -> str | None:
    """Why a general licence cannot cover a shipment to `country`, or None. The EU general export
    authorisations cover exports, which leave the EU (EU001 only to its ten countries); the Flemish
    general transfer licences cover transfers to another Member State (Directive 2009/43/EC)."""
    named = countries.name(country)  # the reader's words: the country's name, not its code
    if licence.destinations and country not in licence.destinations:
        listed = sorted((countries.name(code) for code in licence.destinations), key=countries.fold)
        return _("%(code)s covers exports to %(countries)s only, not to %(country)s.") % {
            "code": licence.code, "countries": ", ".join(listed), "country": named,
        }  # fmt: skip
    if licence.goods_family == "dual_use" and country in EU_MEMBER_STATES:
        return _("%(code)s covers exports out of the EU; %(country)s is a Member State.") % {
            "code": licence.code, "country": named,
        }  # fmt: skip
    if licence.goods_family == "military" and country not in EU_MEMBER_STATES - {"BE"}:
        return _("%(code)s covers transfers to another Member State of the EU, not to %(country)s.") % {
            "code": licence.code, "country": named,
        }  # fmt: skip
    return None
