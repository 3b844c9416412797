"""The grants listen to decision-making and to the engine, inside their transactions: a decision
of the Government on an item holding a grant proposal is followed by the grant
(services.government.follow_decision); a grant or a rejection writes its letters on the case
(services.letters.write_decision_letters), as an allocation or a refusal on the humanitarian fast
track writes its letter to the partner (services.letters.write_fast_track_letter)."""

from __future__ import annotations

from chancery.decisions.events import DECISION_CORRECTED, DECISION_RECORDED
from chancery.grants.fast_track import CODE as FAST_TRACK_CODE
from chancery.grants.services import government, letters
from chancery.grants.services.applications import CODE


def on_domain_event(sender, *, type, subject, data, **kwargs) -> None:  # noqa: A002 - the signal's argument
    if type in (DECISION_RECORDED.code, DECISION_CORRECTED.code):
        government.follow_decision(subject)


def on_case_transitioned(sender, case, step, actor, **kwargs) -> None:
    if case.procedure == CODE and step.name in letters.GRANT_STEPS | letters.REJECTION_STEPS:
        letters.write_decision_letters(case, actor=step.actor, decided_at=step.at, motivation=step.reason,
                                       step=step.name)  # fmt: skip
    elif case.procedure == FAST_TRACK_CODE and step.name in letters.FAST_TRACK_STEPS:
        letters.write_fast_track_letter(case, actor=step.actor, decided_at=step.at, motivation=step.reason,
                                        step=step.name)  # fmt: skip
