import pytest

from chancery.strategic_goods.demo.loader import DEMO_SANCTIONS


@pytest.fixture
def control_list(db):
    """The control-list extract. The migration loads it, but a transactional test empties every
    table afterwards, so tests that need it ask for it."""
    from chancery.strategic_goods.services.control_list import load_control_list

    load_control_list()


@pytest.fixture
def demo_list(db):
    from chancery.strategic_goods.services.sanctions import load_sanctions

    return load_sanctions(DEMO_SANCTIONS, source="command")


# The licence service's team, one of its handlers, and an applicant (applications and combined).
@pytest.fixture
def team(db):
    from chancery.core.models import Entity
    from chancery.procedures.definitions.strategic_goods import TEAM

    return Entity.objects.create(code=TEAM, kind="department", name="Controle Strategische Goederen")


@pytest.fixture
def handler(team):
    from chancery.core.models import Role
    from chancery.core.testing import make_user

    return make_user("t-behandelaar", Role.CIVIL_SERVANT, team)


@pytest.fixture
def applicant(org):
    return org.users["applicant"]
