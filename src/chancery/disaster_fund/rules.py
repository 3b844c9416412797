"""Figures of the Flemish disaster fund (Vlaams Rampenfonds): terms, deductibles and the rules that
are not yet verified, each with its source and since when it applies.

The legal frame: the decree of 5 April 2019 (BS 23 April 2019), in force on 1 January 2020, and the
implementing order of the Flemish Government of 30 October 2020 (BS 9 November 2020). A changed
figure is a new entry with its own `valid_from`, never an edit: a claim keeps the rule in force on
the day the recognition was published. Amounts are whole cents (int); percentages are Decimal.

Sources are shown to users (the case page, the compensation lines): the public source only, in the
words of the source. Where this project read them (procedure-rules.md §B, with their confidence
[H]/[M]/[L]) stays in these comments. A figure read only in a secondary source or not found at all
([L]) has `verified=False` and the pages mark it "te verifiëren", as the licensing pages do.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

DECREE_IN_FORCE = datetime.date(2020, 1, 1)

SOURCE_DECREE = "Decreet van 5 april 2019 betreffende de tegemoetkoming voor schade aan private goederen en " \
    "openbare domeingoederen, veroorzaakt door natuurrampen (BS 23 april 2019)"  # fmt: skip
SOURCE_ORDER = "Besluit van de Vlaamse Regering van 30 oktober 2020 (BS 9 november 2020)"
SOURCE_DEADLINES = "vlaanderen.be, Vlaams Rampenfonds: aanvraagperiode en vergoedingsprocedure"
SOURCE_CONDITIONS = "vlaanderen.be, Vlaams Rampenfonds: voorwaarden"
SOURCE_REPORT = "overheid.vlaanderen.be, Vlaams Rampenfonds: informatie voor gemeentebesturen (schademelding)"
SOURCE_CROPS = "vlaanderen.be, Vlaams Rampenfonds: overgangsperiode landbouwteelten"


@dataclass(frozen=True)
class Term:
    """A term of the procedure: `months` (or `days`) counted from a starting event."""

    key: str
    months: int
    days: int
    source: str
    valid_from: datetime.date
    verified: bool = True


# procedure-rules §B4 [H]: claim window "until the last day of the 3rd month after the month of
# publication" (published 23/12/2020 → 31/03/2021); late claim up to 1 year after publication,
# filed within 3 months after the impediment ended; expert report: 1 month to approve or comment,
# silence = approval; rectification and appeal (Hof van Beroep) within 1 month. §B2 [H]: a damage
# report within 60 days of the event.
TERMS = (
    Term("damage_report", 0, 60, SOURCE_REPORT, DECREE_IN_FORCE),
    Term("claim_window", 3, 0, SOURCE_DEADLINES, DECREE_IN_FORCE),
    Term("late_claim", 12, 0, SOURCE_DEADLINES, DECREE_IN_FORCE),
    Term("late_claim_after_impediment", 3, 0, SOURCE_DEADLINES, DECREE_IN_FORCE),
    Term("expert_report_comment", 1, 0, SOURCE_DEADLINES, DECREE_IN_FORCE),
    Term("rectification", 1, 0, SOURCE_DEADLINES, DECREE_IN_FORCE),
    Term("appeal", 1, 0, SOURCE_DEADLINES, DECREE_IN_FORCE),
)


@dataclass(frozen=True)
class Deductible:
    """The deductible (vrijstelling) per kind of claimant, in cents."""

    claimant: str
    cents: int
    source: str
    valid_from: datetime.date
    verified: bool = True


# procedure-rules §B5 [H, vlaanderen.be voorwaarden]: €500 private goods, €12,500 public domain.
DEDUCTIBLES = (
    Deductible("private", 500_00, SOURCE_CONDITIONS, DECREE_IN_FORCE),
    Deductible("public_domain", 12_500_00, SOURCE_CONDITIONS, DECREE_IN_FORCE),
)
CLAIMANTS = ("private", "public_domain")


@dataclass(frozen=True)
class Exclusion:
    """Goods the decree excludes, with the reason shown to the claimant."""

    key: str
    source: str
    valid_from: datetime.date
    verified: bool = True


# procedure-rules §B3 [M, a municipality's summary of the decree; confirmed in practice by
# vlaanderen.be voorwaarden, H]: private goods insurable under a fire "simple risks" policy
# (Insurance Act art. 123–132; Royal Decree 24 December 1992) are excluded.
EXCLUSIONS = (
    Exclusion(
        "insurable_simple_risks",
        SOURCE_CONDITIONS + "; Wet van 4 april 2014 betreffende de verzekeringen, art. 123–132",
        DECREE_IN_FORCE,
    ),
)


@dataclass(frozen=True)
class Cap:
    """Room for the degressive percentages and caps of the implementing order (chapter 6, sections
    2–3) for private goods: not found in the sources read (procedure-rules §B5 [L]). None applies
    until one is verified and entered here with its source: a claim is then computed without it."""

    claimant: str
    above_cents: int
    percentage: Decimal
    source: str
    valid_from: datetime.date
    verified: bool = False


CAPS: tuple[Cap, ...] = ()
CAPS_PENDING_SOURCE = "TE VERIFIËREN: " + SOURCE_ORDER + ", hoofdstuk 6, afdeling 2–3 (percentages en plafonds)"


@dataclass(frozen=True)
class CropShare:
    """Uninsured crops (not floods): the share of the damage compensated per year, by the share of
    the crop area with a recognised broad weather insurance. Below the minimum insured share,
    nothing is compensated."""

    insured_share_from: Decimal  # percent of the crop area (verzamelaanvraag), inclusive
    insured_share_to: Decimal | None  # exclusive; None: no upper bound
    year: int
    percentage: Decimal
    source: str
    verified: bool


# procedure-rules §B5: ≥ 25 % of the crop area insured, uninsured crops get a decreasing share:
# > 50 % insured 80/64/48/32/16 % (2020–2024), 25–50 % insured 40/32/24/16/8 %, 0 % from 2025
# [H vlaanderen.be overgangsperiode; M the table of a municipality (lanaken.be)]. The boundary at
# exactly 50 % is not stated: it is put in the lower band and marked to verify.
CROP_MIN_INSURED_SHARE = Decimal("25")
CROP_SHARES = tuple(
    CropShare(Decimal(low), Decimal(high) if high else None, year, Decimal(pct), SOURCE_CROPS, verified=False)
    for low, high, row in (("50.01", None, (80, 64, 48, 32, 16)), ("25", "50.01", (40, 32, 24, 16, 8)))
    for year, pct in zip(range(2020, 2025), row, strict=True)
)
CROP_SHARE_FROM_2025 = Decimal("0")


# Thresholds of the recognition (procedure-rules §B2). Scientific: flood and drought return period
# ≥ 30 years [H]; heavy rain > 30 mm/h or > 65 mm/24 h and gusts ≥ 120 km/h are the old criteria,
# applied in 2020 to 2019 events [H], their post-2020 value not found [L]. The financial criterion
# exists (order ch. 2 section 2) but its amount was not found [L]: the historic federal values are
# shown for orientation only.
@dataclass(frozen=True)
class Threshold:
    key: str
    phenomenon: str
    value: Decimal
    unit: str
    source: str
    valid_from: datetime.date
    verified: bool


THRESHOLDS = (
    Threshold("return_period", "flood", Decimal("30"), "jaar", "BVR 21 december 2021 (overstroming juli 2021)",
              DECREE_IN_FORCE, True),
    Threshold("return_period", "drought", Decimal("30"), "jaar", "lv.vlaanderen.be, droogte 2020",
              DECREE_IN_FORCE, True),
    Threshold("rain_per_hour", "rain", Decimal("30"), "mm/u",
              "TE VERIFIËREN: oud criterium (overgangsbepaling art. 31)", DECREE_IN_FORCE, False),
    Threshold("rain_per_day", "rain", Decimal("65"), "mm/24u",
              "TE VERIFIËREN: oud criterium (overgangsbepaling art. 31)", DECREE_IN_FORCE, False),
    Threshold("gusts", "storm", Decimal("120"), "km/u",
              "TE VERIFIËREN: oud criterium (overgangsbepaling art. 31)", DECREE_IN_FORCE, False),
    Threshold("total_damage", "", Decimal("1250000"), "EUR",
              "TE VERIFIËREN: historisch federaal criterium, ter oriëntatie; " + SOURCE_ORDER + ", hoofdstuk 2",
              DECREE_IN_FORCE, False),
    Threshold("average_per_file", "", Decimal("5000"), "EUR",
              "TE VERIFIËREN: historisch federaal criterium, ter oriëntatie; " + SOURCE_ORDER + ", hoofdstuk 2",
              DECREE_IN_FORCE, False),
)  # fmt: skip


def _in_force(entries, on: datetime.date):
    """The entry in force on `on`: the latest `valid_from` not after it; before the earliest, the
    earliest (the decree's rules are applied to a recognition published before it took effect, for
    reference; the command says so)."""
    applicable = [e for e in entries if e.valid_from <= on]
    return max(applicable, key=lambda e: e.valid_from) if applicable else min(entries, key=lambda e: e.valid_from)


def term(key: str, on: datetime.date) -> Term:
    return _in_force([t for t in TERMS if t.key == key], on)


def deductible(claimant: str, on: datetime.date) -> Deductible:
    return _in_force([d for d in DEDUCTIBLES if d.claimant == claimant], on)


def exclusion(key: str, on: datetime.date) -> Exclusion:
    return _in_force([e for e in EXCLUSIONS if e.key == key], on)


# The rules a handler may name when marking an outcome as unreasonable (the anomaly register, as
# the memorandum §7.3 asks: "ambiguities and anomalies" of the decree to map and fix).
ANOMALY_RULES = {
    "deductible": "Vrijstelling (€500 private goederen, €12.500 openbaar domein)",
    "insurable_simple_risks": "Uitsluiting van goederen verzekerbaar met een brandverzekering eenvoudige risico's",
    "insurance_deduction": "Aftrek van de uitkeringen van verzekeringen",
    "claim_window": "Aanvraagtermijn (tot de laatste dag van de derde maand na de bekendmaking)",
    "late_claim": "Laattijdige aanvraag (overmacht, één jaar na de bekendmaking)",
    "municipalities": "Afbakening van de erkende gemeenten",
    "caps": "Percentages en plafonds voor private goederen (uitvoeringsbesluit, te verifiëren)",
    "crops": "Regels voor landbouwteelten (verzekerd aandeel, afnemende percentages)",
    "other": "Andere regel",
}
