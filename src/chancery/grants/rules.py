"""Figures of the grant programmes, each with its source and since when it applies
(procedure-rules.md §D, MISSION D4/D5). A changed figure is a new entry with its own `valid_from`,
never an edit. Amounts are whole cents (int); fractions are Decimal.

The envelopes are the memorandum's plans for 2024–2029, not found in other public sources
(procedure-rules §D1: "treat them as configuration"); the call lifecycle figures (pass marks,
tranches, the window to complete a file) are Flemish practice (§D3, VLAIO and Polsslag [H]),
defaults a call may override.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

MEMORANDUM = "Beleidsnota / memorandum Kanselarij en Buitenlandse Zaken 2024–2029"
SOURCE_LIFECYCLE = "procedure-rules §D3: VLAIO (living labs) en Polsslag (binnenland.vlaanderen.be), gangbare praktijk"
SOURCE_LEGAL = "Wet van 16 mei 2003 (algemene bepalingen begrotingen), art. 11 en 13; Vlaamse Codex Overheidsfinanciën"
PLAN_FROM = datetime.date(2024, 1, 1)
# The human rights prize (memorandum §6.1.2): the thresholds of its public form are an operational
# choice of the service (a person fills in a nomination in more than a few seconds; a handful an
# hour from one address is plenty), as the feedback panel's hourly limit.
SOURCE_PRIZE_FORM = "Keuze van de dienst (spambescherming van het publieke voordrachtformulier, memorandum §6.1.2)"
PLAN_UNTIL = datetime.date(2029, 12, 31)


@dataclass(frozen=True)
class ProgrammePlan:
    """A programme of the memorandum with its yearly envelope."""

    code: str
    name: str
    yearly_cents: int
    section: str
    source: str
    valid_from: datetime.date
    valid_until: datetime.date
    # Persons at risk may apply (their identity is protected: confidential by default).
    protects_persons: bool = False


PROGRAMMES = (
    ProgrammePlan("oostgrens-oekraine", "Oostgrens en Oekraïne: partnerschappen", 5_000_000_00, "§4.2", MEMORANDUM,
                  PLAN_FROM, PLAN_UNTIL),
    ProgrammePlan("mensenrechtenfonds", "Mensenrechtenfonds", 1_000_000_00, "§6.1.1", MEMORANDUM, PLAN_FROM,
                  PLAN_UNTIL, protects_persons=True),
    ProgrammePlan("humanitaire-hulp", "Humanitaire hulp (met Rode Kruis Vlaanderen)", 5_000_000_00, "§6.3",
                  MEMORANDUM, PLAN_FROM, PLAN_UNTIL),
    # §5.5 names secondments and traineeships without a figure: an envelope of 0 until the budget
    # decree gives one (a commitment is then refused, never silently allowed).
    ProgrammePlan("detacheringen-stages", "Detacheringen en stages", 0, "§5.5", MEMORANDUM, PLAN_FROM, PLAN_UNTIL),
)  # fmt: skip
PROGRAMMES_BY_CODE = {plan.code: plan for plan in PROGRAMMES}


@dataclass(frozen=True)
class Figure:
    key: str
    value: Decimal | int
    source: str
    valid_from: datetime.date


# §D3 step 4 [H]: pass = ≥ 50 % per criterion and ≥ 50 % total; each criterion scored e.g. /20.
# §D3 step 3 [H]: a short window to complete (e.g. max 1 week), else inadmissible.
# §D3 step 6 [H]: advance 80 %, balance 20 % after the final report (variants 90/10).
FIGURES = (
    Figure("pass_mark_criterion", Decimal("0.50"), SOURCE_LIFECYCLE, PLAN_FROM),
    Figure("pass_mark_total", Decimal("0.50"), SOURCE_LIFECYCLE, PLAN_FROM),
    Figure("max_score", 20, SOURCE_LIFECYCLE, PLAN_FROM),
    Figure("completion_days", 7, SOURCE_LIFECYCLE, PLAN_FROM),
    Figure("advance_share", Decimal("0.80"), SOURCE_LIFECYCLE, PLAN_FROM),
    # --- the human rights prize's public nomination form (spam protection, no captcha service) ---
    Figure("prize_min_fill_seconds", 5, SOURCE_PRIZE_FORM, PLAN_FROM),
    Figure("prize_nominations_per_hour", 5, SOURCE_PRIZE_FORM, PLAN_FROM),
)


def figure(key: str, on: datetime.date | None = None):
    """The figure `key` in force on `on` (today's when None): the latest `valid_from` not after it."""
    on = on or datetime.date.today()
    candidates = [f for f in FIGURES if f.key == key and f.valid_from <= on] or [f for f in FIGURES if f.key == key]
    if not candidates:
        raise KeyError(key)
    return max(candidates, key=lambda f: f.valid_from).value


def source_of(key: str) -> str:
    return next(f.source for f in FIGURES if f.key == key)


# The name shown for a protected beneficiary (a person at risk) in every output above the file's level.
PROTECTED_BENEFICIARY = "beschermde begunstigde"


# --- public statistics (issue 15, capability 10) --------------------------------------------------
# The small-cell rule of the licences' public report (licensing.services.statistics.MINIMUM_CELL),
# common statistical disclosure control: a count of 1 or 2 is published as "< 3" and its amounts,
# rate and lead time are withheld, since one or two applications in a cell point at an applicant.
SOURCE_DISCLOSURE = (
    "Statistische geheimhoudingscontrole (drempel van drie waarnemingen per cel), zoals het publieke "
    "rapport over vergunningen strategische goederen"
)
FIGURES += (Figure("minimum_cell", 3, SOURCE_DISCLOSURE, PLAN_FROM),)


# --- the monitoring roll-up (issue 15, capability 1) -----------------------------------------------
# The memorandum's technical fiche each programme carries out, as the monitoring module codes its
# projects ("fiche-NN"): the programme's envelopes are that initiative's budget there.
MONITORING_INITIATIVES = {
    "oostgrens-oekraine": "fiche-14",  # §4.2 Oostgrens-programma
    "mensenrechtenfonds": "fiche-27",  # §6.1.1 Mensenrechtenfonds
    "humanitaire-hulp": "fiche-29",  # §6.3 Humanitaire bijstand
}
# --- who decides a grant, the humanitarian fast track (issue 15, capabilities 4 and 7) -----------

# §D3 step 5 [H VLAIO, Polsslag]: the proposal goes to the minister "or the Flemish Government".
# Per call the service chooses (`Call.decided_by`); above an amount the Government decides in any
# case. The threshold is the department's working figure, not found in a public source (§D2:
# "thresholds L"): marked to verify, as the disaster fund marks its unverified figures.
SOURCE_DECISION = "procedure-rules §D3 stap 5 (VLAIO, Polsslag): voorstel aan de minister of de Vlaamse Regering"
SOURCE_THRESHOLD = (
    "TE VERIFIËREN: werkdrempel van het departement; Vlaamse Codex Overheidsfinanciën en BVCO (procedure-rules §D2: "
    "drempels niet gevonden)"
)
# §D1 [M, Belga; hbvl.be]: Red Cross Flanders' emergency fund from 2026, €0.5M a year, 2–4
# interventions, funds released in 8–48 hours under a cooperation agreement.
SOURCE_FAST_TRACK = (
    "procedure-rules §D1: noodfonds Rode Kruis Vlaanderen vanaf 2026, € 0,5 mln per jaar, vrijgave binnen 8–48 uur "
    "(Belga; hbvl.be)"
)
FAST_TRACK_FROM = datetime.date(2026, 1, 1)


@dataclass(frozen=True)
class DecisionFigure:
    key: str
    value: int
    source: str
    valid_from: datetime.date
    verified: bool = True


DECISION_FIGURES = (
    # A grant of at least this amount (whole cents) is decided by the Government, whatever the call says.
    DecisionFigure("government_threshold_cents", 500_000_00, SOURCE_THRESHOLD, PLAN_FROM, verified=False),
    # The humanitarian fast track: decided within 48 hours of the request, at most €0.5M a year.
    DecisionFigure("fast_track_hours", 48, SOURCE_FAST_TRACK, FAST_TRACK_FROM),
    DecisionFigure("fast_track_yearly_cents", 500_000_00, SOURCE_FAST_TRACK, FAST_TRACK_FROM),
)
# The programme whose envelope the fast track commits (§6.3, with Red Cross Flanders).
FAST_TRACK_PROGRAMME = "humanitaire-hulp"


def decision_figure(key: str, on: datetime.date | None = None) -> DecisionFigure:
    """The decision figure `key` in force on `on` (today's when None)."""
    on = on or datetime.date.today()
    entries = [f for f in DECISION_FIGURES if f.key == key]
    if not entries:
        raise KeyError(key)
    in_force = [f for f in entries if f.valid_from <= on] or [min(entries, key=lambda f: f.valid_from)]
    return max(in_force, key=lambda f: f.valid_from)


# --- payments and reports (issue 15, capabilities 5 and 6) ---------------------------------------
# The final report is due within this many days once the service asks for it (the clock `report`
# on the case). procedure-rules §D3 step 7 names the final report but gives no term: a default of
# Chancery's, to be replaced by the grant agreement's term when the service has one.
SOURCE_REPORT_TERM = "Chancery-standaard (procedure-rules §D3 stap 7 noemt het eindverslag zonder termijn)"
FIGURES = (*FIGURES, Figure("final_report_days", 60, SOURCE_REPORT_TERM, PLAN_FROM))
