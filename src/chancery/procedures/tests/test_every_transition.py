"""Every transition of the strategic-goods procedure, fired on a fresh case reached along the
shortest way from the initial state: each lands in its target, is in the history with its actor
and reason, and in the audit trail. No transition is left out, and every state is reachable."""

from collections import deque

import pytest

from chancery.core.models import AuditEntry, Role
from chancery.procedures.engine import APPLICANT
from chancery.procedures.models import Party
from chancery.procedures.services import cases as engine
from chancery.procedures.services import work
from chancery.procedures.testing import DATA, assess, pdf, second_person
from chancery.strategic_goods.procedure import END_USER_CERTIFICATE, STRATEGIC_GOODS


def shortest_ways(procedure):
    """For each state, the transitions that reach it first from the initial state."""
    ways = {procedure.initial: []}
    queue = deque([procedure.initial])
    while queue:
        state = queue.popleft()
        for transition in procedure.transitions_from(state):
            if transition.target not in ways:
                ways[transition.target] = [*ways[state], transition]
                queue.append(transition.target)
    return ways


WAYS = shortest_ways(STRATEGIC_GOODS)


def test_every_state_is_reachable():
    assert set(WAYS) == {state.code for state in STRATEGIC_GOODS.states}


def prepare(case, transition, people):
    """Make the transition's guards hold, as a user would."""
    for guard in transition.guards:
        if guard.code == "assessment_recorded":
            assess(case, people["handler"])
        elif guard.code == "advice_received":
            work.add_document(people["handler"], case, upload=pdf("advies.pdf"), kind="external_advice", internal=True)
        elif guard.code == "applicant_answered":
            work.add_note(people["applicant"], case, "Hierbij ons antwoord.", internal=False)


def actor(transition, people):
    if APPLICANT in transition.roles:
        return people["applicant"]
    if Role.CIVIL_SERVANT in transition.roles:
        # Four eyes: a colleague proposes what the handler decides.
        return people["proposer"] if transition.name == "propose_department_decision" else people["handler"]
    return people["cabinet"]


@pytest.mark.parametrize(
    "transition", STRATEGIC_GOODS.transitions, ids=[f"{t.name}:{t.source}" for t in STRATEGIC_GOODS.transitions]
)
def test_transition(transition, applicant, handler, org):
    people = {
        "applicant": applicant,
        "handler": handler,
        "proposer": second_person(handler),
        "cabinet": org.users["cabinet_concerned"],
    }
    party = Party.objects.create(kind="person", name="Jan Peeters", country="BE")
    case = engine.create_case(
        applicant, STRATEGIC_GOODS, title="Aanvraag", applicant=party, applicant_user=applicant, data=dict(DATA)
    )
    work.add_document(applicant, case, upload=pdf(), kind=END_USER_CERTIFICATE)
    for step in [*WAYS[transition.source], transition]:
        prepare(case, step, people)
        audit_before = AuditEntry.objects.filter(action="state_change").count()
        who = actor(step, people)
        engine.fire(case, step.name, who, reason=f"Reden voor {step.name}", expected_version=case.version)
        assert case.state == step.target
        last = case.history.order_by("-pk").first()
        assert (last.name, last.source, last.target, last.actor, last.reason) == (
            step.name, step.source, step.target, who, f"Reden voor {step.name}",
        )  # fmt: skip
        assert AuditEntry.objects.filter(action="state_change").count() == audit_before + 1
    state = STRATEGIC_GOODS.state(transition.target)
    assert (case.closed_at is not None) == state.closed
