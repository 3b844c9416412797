"""Demo of the privacy module: the data protection officer's account (`privacy`), who keeps the
register of processing and answers data subjects' requests at /app/privacy/. The register itself is
what the apps declare; the demo's persons are the other apps' (`aanvrager` is found everywhere).

Idempotent: the account is a DemoSeed key."""

from __future__ import annotations

from chancery.core.demo.data import DEMO_PASSWORD
from chancery.core.demo.loader import seed, tally
from chancery.core.models import Role, User


def _officer() -> User:
    user = User.objects.filter(username="privacy").first()
    if user is None:
        user = User(username="privacy", role=Role.DPO, first_name="Sofie", last_name="Wouters")
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def load_demo() -> dict[type, int]:
    created: list = []
    seed("user:privacy", _officer, created)
    return tally(created)
