from chancery.decisions.tests.conftest import add, meeting, secretariat  # noqa: F401
