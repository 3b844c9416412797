"""Who reads the register's models (the access registry, core.visibility).

The register is public: a regulation entered by hand (from the Gazette or the Codex) is read by
everyone; one produced by a dossier of decision-making is read by whoever may see that dossier, so
a final approval still under embargo does not show in the register before its release. What hangs
off a regulation follows it; a draft and its ex-ante calculation follow the draft's dossier;
EU acts are `eu_files`' (public reference data there)."""

from __future__ import annotations

from chancery.core import visibility
from chancery.core.visibility import Condition, Follows, follows
from chancery.regulation.models import (
    AdministrativeActivity,
    BurdenCalculation,
    DraftRegulation,
    GoldPlatingItem,
    InformationObligation,
    Regulation,
    RegulationVersion,
    Transposition,
)


def regulations(user) -> visibility.Rule:
    return ((Condition("dossier", (None,)),), (Follows("dossier"),))


def calculations(user) -> visibility.Rule:
    # A calculation of a regulation in force follows the regulation; one made ex ante on a draft
    # follows the draft (also once the approved draft's regulation is registered).
    return ((Condition("draft", (None,)), Follows("regulation")), (Follows("draft"),))


def register() -> None:
    visibility.register(Regulation, regulations)
    visibility.register(RegulationVersion, follows("regulation"))
    visibility.register(Transposition, follows("regulation"))
    visibility.register(GoldPlatingItem, follows("transposition"))
    visibility.register(DraftRegulation, follows("dossier"))
    visibility.register(BurdenCalculation, calculations)
    visibility.register(InformationObligation, follows("calculation"))
    visibility.register(AdministrativeActivity, follows("obligation"))
