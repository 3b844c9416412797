"""Demo of the privacy module: the data protection officer's account (`privacy`), who keeps the
register of processing and answers data subjects' requests at /app/privacy/, and one request
answered: the access export of the demo applicant (`aanvrager`, Astrid Mertens, found in the
other apps' data). The register itself is what the apps declare.

Idempotent: the account is a DemoSeed key."""

from __future__ import annotations

from chancery.core.demo.data import DEMO_PASSWORD
from chancery.core.demo.loader import seed, tally
from chancery.core.models import Role, User
from chancery.privacy.models import SubjectRequest
from chancery.privacy.services import subjects


def _officer() -> User:
    user = User.objects.filter(username="privacy").first()
    if user is None:
        user = User(username="privacy", role=Role.DPO, first_name="Sofie", last_name="Wouters")
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def load_demo() -> dict[type, int]:
    created: list = []
    officer = seed("user:privacy", _officer, created)
    applicant = User.objects.filter(username="aanvrager").first()
    if officer is not None and applicant is not None:
        seed(
            "privacy:request:aanvrager",
            lambda: SubjectRequest.objects.get(
                pk=subjects.subject_access(officer, applicant.get_full_name())["request"]
            ),
            created,
        )
    return tally(created)
