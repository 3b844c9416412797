# The public side is tested on meetings built as decision-making builds them.
from chancery.decisions.tests.conftest import add, meeting, secretariat  # noqa: F401
