import pytest

from chancery.grants.testing import grants_handler, open_call, programme, reviewer


@pytest.fixture
def grants(db):
    return grants_handler()


@pytest.fixture
def fund(grants):
    return programme(grants)


@pytest.fixture
def call(grants, fund):
    return open_call(grants, fund)


@pytest.fixture
def reviewers(db):
    return [reviewer("t-jurylid-1"), reviewer("t-jurylid-2")]
