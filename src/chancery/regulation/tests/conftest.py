import pytest
from django.core.cache import caches


@pytest.fixture(autouse=True)
def _limits_counted_afresh():
    """The feedback panel counts signals per address in the shared cache: each test from zero."""
    caches["shared"].clear()
    yield
    caches["shared"].clear()
