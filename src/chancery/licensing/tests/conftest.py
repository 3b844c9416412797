import pytest

from chancery.core.models import Entity, Role
from chancery.core.testing import make_user
from chancery.procedures.definitions.strategic_goods import TEAM
from chancery.procedures.services import cases as engine
from chancery.procedures.services import work
from chancery.procedures.testing import apply_for_licence


@pytest.fixture
def team(db):
    return Entity.objects.create(code=TEAM, kind="department", name="Controle Strategische Goederen")


@pytest.fixture
def handler(team):
    return make_user("t-behandelaar", Role.CIVIL_SERVANT, team)


@pytest.fixture
def applicant(org):
    return org.users["applicant"]


@pytest.fixture
def other_applicant(db):
    return make_user("t-aanvrager-2", Role.APPLICANT)


def fire(case, name, user, reason=""):
    return engine.fire(case, name, user, reason=reason, expected_version=case.version)


def to_decision(case, handler):
    fire(case, "declare_complete", handler)
    work.add_note(handler, case, "Criteria 1–8 nagegaan.", internal=True)
    fire(case, "propose_department_decision", handler)
    return case


@pytest.fixture
def decide(handler):
    def run(applicant, decision="grant", reason="Verleend voor drie jaar.", **data):
        case = apply_for_licence(applicant)
        if data:
            case.data.update(data)
            case.save(update_fields=["data"])
        to_decision(case, handler)
        fire(case, decision, handler, reason=reason)
        return case

    return run


@pytest.fixture
def granted(decide, applicant):
    return decide(applicant)
