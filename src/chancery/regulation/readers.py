"""Who reads the register's models (the access registry, core.visibility).

The register is public: a regulation entered by hand (from the Gazette or the Codex) is read by
everyone; one produced by a dossier of decision-making is read by whoever may see that dossier, so
a final approval still under embargo does not show in the register before its release. What hangs
off a regulation follows it; a draft and its ex-ante calculation follow the draft's dossier;
EU acts are `eu_files`' (public reference data there)."""

from __future__ import annotations

from chancery.core import visibility
from chancery.core.permissions import STAFF, has_role, in_administration
from chancery.core.visibility import EVERYTHING, Condition, Follows, follows, only_if
from chancery.regulation.models import (
    AdministrativeActivity,
    BurdenCalculation,
    DraftRegulation,
    FeedbackSignal,
    GoldPlatingItem,
    InformationObligation,
    Regulation,
    RegulationVersion,
    SignalEvidence,
    SignalGroup,
    StateOfRegulation,
    StateOfRegulationVersion,
    Transposition,
)


def regulations(user) -> visibility.Rule:
    return ((Condition("dossier", (None,)),), (Follows("dossier"),))


def calculations(user) -> visibility.Rule:
    # A calculation of a regulation in force follows the regulation; one made ex ante on a draft
    # follows the draft (also once the approved draft's regulation is registered).
    return ((Condition("draft", (None,)), Follows("regulation")), (Follows("draft"),))


def signals(user) -> visibility.Rule:
    # The moderators read every signal (with what it says as sent and who sent it); everyone else
    # the published ones, whose pages show only the masked text, on a regulation they may read.
    if has_role(user, STAFF):
        return EVERYTHING
    published = Condition("state", (FeedbackSignal.State.PUBLISHED,))
    return ((published, Condition("regulation", (None,))), (published, Follows("regulation")))


def signal_groups(user) -> visibility.Rule:
    # A group is made when its first signal is published: public as its regulation is.
    if has_role(user, STAFF):
        return EVERYTHING
    return ((Condition("regulation", (None,)),), (Follows("regulation"),))


def evidence(user) -> visibility.Rule:
    # Evidence may carry personal data: the moderators only.
    return only_if(has_role(user, STAFF))


def state_reports(user) -> visibility.Rule:
    # The State of Regulation is the administration's until the Government has it on an agenda
    # (the submitted PDF then follows the agenda's own rules).
    return only_if(in_administration(user))


def register() -> None:
    visibility.register(Regulation, regulations)
    visibility.register(RegulationVersion, follows("regulation"))
    visibility.register(Transposition, follows("regulation"))
    visibility.register(GoldPlatingItem, follows("transposition"))
    visibility.register(DraftRegulation, follows("dossier"))
    visibility.register(BurdenCalculation, calculations)
    visibility.register(InformationObligation, follows("calculation"))
    visibility.register(AdministrativeActivity, follows("obligation"))
    visibility.register(SignalGroup, signal_groups)
    visibility.register(FeedbackSignal, signals)
    visibility.register(SignalEvidence, evidence)
    visibility.register(StateOfRegulation, state_reports)
    visibility.register(StateOfRegulationVersion, follows("report"))
