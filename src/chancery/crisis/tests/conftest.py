import pytest

from chancery.crisis import services


@pytest.fixture
def crisis(org):
    """An active crisis opened by the secretariat with the civil servant in its cell."""
    return services.open_crisis(
        org.users["secretariat"], title="Stroomstoring Boudewijngebouw", type="infrastructure", level="department",
        entities=[org.entities["dept"]], members=[org.users["civil_servant"]],
    )  # fmt: skip
