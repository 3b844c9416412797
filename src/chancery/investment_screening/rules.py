"""Figures of the screening of foreign direct investments, each with its source and since when it
applies (a plain module: the models, the form, the command and the procedure all read it).

The mechanism is the interfederal cooperation agreement of 30 November 2022 (the federal state and
all federated entities, implementing Regulation (EU) 2019/452), for deals signed from 1 July 2023.
Where this project read each figure is procedure-rules.md §C (with the confidence given there); the
`source` strings are shown to users, so they cite the public source in Dutch, never our files.

A changed figure is a new entry with its own `valid_from`, never an edit: a notification is judged
by the rules in force on its signing date.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from chancery.strategic_goods.countries import EU_MEMBER_STATES

AGREEMENT = (
    "Samenwerkingsakkoord van 30 november 2022 tot invoering van een mechanisme voor de screening van "
    "buitenlandse directe investeringen"
)
# The agreement applies to deals signed from this day (procedure-rules §C "Legal basis", H).
APPLIES_FROM = datetime.date(2023, 7, 1)


@dataclass(frozen=True)
class Figure:
    """One figure of the rules: its value, where it comes from, since when it applies."""

    value: Decimal
    source: str
    valid_from: datetime.date
    # False: read in secondary sources (law firms' and UNCTAD's summaries, §C), not in the text of
    # the agreement itself; to verify with the department's lawyers.
    verified: bool = True


# §C "10 % voting rights" (M: BDO, Legal500, seeds.law): the five sectors below and a turnover above
# €100 million in the financial year before the acquisition.
LEVEL_10 = Figure(
    Decimal("10"), AGREEMENT + " (10 % van de stemrechten in defensie, energie, cyberbeveiliging, elektronische "
    "communicatie en digitale infrastructuur)", APPLIES_FROM, verified=False,
)  # fmt: skip
TURNOVER_LEVEL_10 = Figure(
    Decimal("100000000"),
    AGREEMENT + " (jaaromzet van meer dan 100 miljoen euro in het boekjaar vóór de verwerving)",
    APPLIES_FROM,
    verified=False,
)
# §C "25 % voting rights" (M: UNCTAD investment policy monitor, news.belgium.be): any sector of the
# mechanism. A separate biotech turnover threshold ("> €25 M") is reported with low confidence
# (§C, L) and is not applied: the issue states the 25 % level for every sector of the mechanism.
LEVEL_25 = Figure(
    Decimal("25"), AGREEMENT + " (25 % van de stemrechten in elke sector van het mechanisme)", APPLIES_FROM,
    verified=False,
)  # fmt: skip
# §C "Control" (M: Linklaters): acquiring control is a trigger of its own; each new level of
# influence needs a new filing.
CONTROL_SOURCE = AGREEMENT + " (verwerving van controle; elke nieuwe drempel is een nieuwe melding)"
# §C "Foreign investor" (M: BDO, CELIS): residing or seated outside the EU, or an undertaking with
# an ultimate beneficial owner outside the EU; EFTA states are outside the EU and so caught.
FOREIGN_INVESTOR_SOURCE = AGREEMENT + " (buitenlandse investeerder)"

# The levels of `levels_reached` (the command's output and the stored result): stable strings.
LEVEL_10_KEY = "10"
LEVEL_25_KEY = "25"
CONTROL_KEY = "control"
LEVELS = (LEVEL_10_KEY, LEVEL_25_KEY, CONTROL_KEY)


@dataclass(frozen=True)
class Sector:
    key: str
    label: str
    # Caught at 10 % (with the turnover): defence incl. dual use, energy, cybersecurity, electronic
    # communications, digital infrastructure.
    level_10: bool
    # Within the mechanism at all (25 % and control); `other` is not.
    in_mechanism: bool = True


SECTORS = (
    Sector("defence", _("Defence"), level_10=True),
    Sector("dual_use", _("Dual-use goods"), level_10=True),
    Sector("energy", _("Energy"), level_10=True),
    Sector("cybersecurity", _("Cybersecurity"), level_10=True),
    Sector("electronic_communications", _("Electronic communications"), level_10=True),
    Sector("digital_infrastructure", _("Digital infrastructure"), level_10=True),
    Sector("critical_infrastructure", _("Critical infrastructure"), level_10=False),
    Sector("critical_technologies", _("Critical technologies"), level_10=False),
    Sector("critical_inputs", _("Supply of critical inputs"), level_10=False),
    Sector("sensitive_data", _("Access to sensitive information and personal data"), level_10=False),
    Sector("private_security", _("Private security"), level_10=False),
    Sector("media", _("Freedom and pluralism of the media"), level_10=False),
    Sector("biotech", _("Strategic biotechnology"), level_10=False),
    Sector("other", _("Another sector (outside the mechanism)"), level_10=False, in_mechanism=False),
)
SECTORS_BY_KEY = {sector.key: sector for sector in SECTORS}
SECTOR_CHOICES = [(sector.key, sector.label) for sector in SECTORS]

# The regions where a target is established or active; the Flemish link is VLG (the memorandum
# §3.1.3: Flanders screens what has a territorial link with Flanders).
FLANDERS = "VLG"
REGIONS = (
    (FLANDERS, _("Flemish Region")),
    ("BRU", _("Brussels-Capital Region")),
    ("WAL", _("Walloon Region")),
)
REGION_CODES = frozenset(code for code, _label in REGIONS)


def is_outside_eu(country: str) -> bool:
    """Outside the European Union (EFTA states included: they are not Member States)."""
    return country not in EU_MEMBER_STATES


# --- the procedure's terms (procedure-rules §C "Phase 1", "Phase 2", "Ex officio") ----------------
VERIFICATION_DAYS = 30
SCREENING_DAYS = 28
SOURCE_VERIFICATION = AGREEMENT + " (verificatiefase: 30 dagen)"
SOURCE_SCREENING = AGREEMENT + " (screeningsfase: 28 dagen; de termijn loopt niet tijdens een vraag om informatie)"
# Non-notified deals may be reviewed ex officio up to two years after their closing.
EX_OFFICIO_YEARS = 2
SOURCE_EX_OFFICIO = AGREEMENT + " (ambtshalve screening tot 2 jaar na de voltooiing van een niet-gemelde investering)"
