"""Demo of the archive: two archivists (`archivaris`, `archivaris2`), so that one proposes a
destruction list and the other approves it (four eyes), and a legal hold on the first closed file.
The demo's files closed recently: nothing is past its retention yet, and the archive's page says so
when a list is asked for.

Idempotent: each account is a DemoSeed key."""

from __future__ import annotations

from chancery.archive.services import holds
from chancery.core.demo.loader import seed, tally
from chancery.core.models import Role, User
from chancery.procedures.models import Case

ARCHIVISTS = [("archivaris", "Arne", "Claes"), ("archivaris2", "Lotte", "Peeters")]


def _archivist(username: str, first: str, last: str, created: list) -> User | None:
    def make():
        from chancery.core.demo.data import DEMO_PASSWORD

        user = User(username=username, role=Role.ARCHIVIST, first_name=first, last_name=last)
        user.set_password(DEMO_PASSWORD)
        user.save()
        return user

    return seed(f"archive:user:{username}", make, created)


def load_demo() -> dict[type, int]:
    created: list = []
    for username, first, last in ARCHIVISTS:
        if not User.objects.filter(username=username).exists():
            _archivist(username, first, last, created)
    archivist = User.objects.filter(username=ARCHIVISTS[0][0]).first()
    closed = Case.objects.filter(closed_at__isnull=False).order_by("closed_at", "reference").first()
    if archivist is not None and closed is not None:
        reason = "Beroep bij de Raad van State tegen de beslissing: bewaren tot het arrest er is."
        seed("archive:hold:first-closed", lambda: holds.place(archivist, closed.reference, reason), created)
    return tally(created)
