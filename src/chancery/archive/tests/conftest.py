import pytest

from chancery.archive.testing import archivist


@pytest.fixture
def archivists(db):
    return archivist("t-archivaris-1"), archivist("t-archivaris-2")
