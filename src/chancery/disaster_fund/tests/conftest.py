import datetime

import pytest
from django.utils import timezone

from chancery.disaster_fund.testing import fund_handler, published_recognition


@pytest.fixture
def fund(db):
    return fund_handler()


@pytest.fixture
def recognition(fund):
    """Published a month ago: the claim window is open."""
    return published_recognition(fund, timezone.localdate() - datetime.timedelta(days=30))
