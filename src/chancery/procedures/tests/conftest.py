import datetime

import pytest

from chancery.core.models import Role
from chancery.procedures import registry
from chancery.procedures.engine import APPLICANT, Clock, Guard, Procedure, State, Term, Transition
from chancery.procedures.testing import apply_for_licence
from chancery.strategic_goods.procedure import TEAM


@pytest.fixture
def submitted(applicant, handler):
    return apply_for_licence(applicant)


# --- a second procedure, declared only here: a two-step grant claim -------------------------------


def within_ceiling(case):
    return None if int(case.data.get("amount", 0)) <= 5000 else "Het bedrag ligt boven het plafond van 5000 euro."


GRANT_CLAIM = Procedure(
    code="TGC",
    name="Testsubsidie",
    initial="claimed",
    states=(
        State("claimed", "Aangevraagd"),
        State("approved", "Goedgekeurd", final=True),
        State("rejected", "Afgewezen", final=True),
    ),
    transitions=(
        Transition(
            "approve",
            "Goedkeuren",
            "claimed",
            "approved",
            {Role.CIVIL_SERVANT},
            guards=(Guard("within_ceiling", "Binnen het plafond", within_ceiling),),
        ),  # fmt: skip
        Transition("reject", "Afwijzen", "claimed", "rejected", {Role.CIVIL_SERVANT}, reason_required=True),
        Transition("withdraw", "Intrekken", "claimed", "rejected", {APPLICANT}),
    ),
    clocks=(
        Clock(
            "payment_term",
            "Betalingstermijn",
            terms=(Term(10, "test", datetime.date(2020, 1, 1)),),
            runs_in={"claimed"},
            working_days=True,
        ),  # fmt: skip
    ),
    team=TEAM,
)


@pytest.fixture
def grant_claim(db):
    registry.register(GRANT_CLAIM)
    yield GRANT_CLAIM
    registry.unregister(GRANT_CLAIM.code)
