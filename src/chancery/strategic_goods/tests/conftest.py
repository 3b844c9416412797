import pytest


@pytest.fixture
def control_list(db):
    """The control-list extract. The migration loads it, but a transactional test empties every
    table afterwards, so tests that need it ask for it."""
    from chancery.strategic_goods.services.control_list import load_control_list

    load_control_list()
