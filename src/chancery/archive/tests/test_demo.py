"""The archive's demo: two archivists (one proposes, the other approves), made once."""

from chancery.archive.demo.loader import load_demo
from chancery.core.models import Role, User


def test_the_demo_makes_two_archivists_once(db):
    assert sum(load_demo().values()) == 2  # no closed file, no hold
    assert load_demo() == {}
    assert set(User.objects.filter(role=Role.ARCHIVIST).values_list("username", flat=True)) == {
        "archivaris", "archivaris2"
    }  # fmt: skip
