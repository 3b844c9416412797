"""What the applicant is shown of their file: one masking for the counter's pages and the API.

The administration sees the case as it is. The applicant sees each state as its procedure declares
it for them (`State.code_for_applicant`, `State.label_for_applicant`: awaiting external advice
reads "under assessment", the level of a pending decision is not told), a step of the history only
when it changes what they are shown (asking or receiving advice is invisible), a step's name only
for their own steps and those addressed to them (a question, a decision), and only the reasons
addressed to them. Deadlines are not shown to them: a clock stops while advice is awaited, so a
due date that disappears would tell what the state hides."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from chancery.procedures.engine import APPLICANT, Procedure


@dataclass(frozen=True)
class ShownState:
    code: str
    label: str
    waiting_for_applicant: bool


@dataclass(frozen=True)
class ShownStep:
    transition: str  # empty for a step of the administration that is not addressed to the applicant
    source: str
    target: str
    target_label: str
    at: datetime.datetime
    reason: str


def shown_state(procedure: Procedure, code: str, *, internal: bool) -> ShownState:
    state = procedure.state(code)
    if internal:
        return ShownState(state.code, state.label, state.waiting_for_applicant)
    return ShownState(state.code_for_applicant, state.label_for_applicant, state.waiting_for_applicant)


def shown_history(procedure: Procedure, steps: Iterable, *, internal: bool) -> list[ShownStep]:
    """The case's history (CaseTransition rows, in order) as the reader is shown it."""
    shown = []
    for step in steps:
        transition = procedure.transition(step.name, step.source)
        source = shown_state(procedure, step.source, internal=internal)
        target = shown_state(procedure, step.target, internal=internal)
        if internal:
            shown.append(ShownStep(step.name, source.code, target.code, target.label, step.at, step.reason))
            continue
        if source.code == target.code:
            continue  # a move inside what the applicant is shown as one state
        addressed = transition is not None and (APPLICANT in transition.roles or transition.reason_to_applicant)
        shown.append(
            ShownStep(
                step.name if addressed else "",
                source.code,
                target.code,
                target.label,
                step.at,
                step.reason if step.reason_to_applicant else "",
            )
        )
    return shown


def states_shown_as(procedure: Procedure, code: str) -> list[str]:
    """The states of the procedure an applicant is shown as `code` (to filter by what they see)."""
    return [state.code for state in procedure.states if state.code_for_applicant == code]
