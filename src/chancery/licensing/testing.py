"""Test helpers of the licensing app (imported by tests only)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from chancery.licensing.models import PriorAuthorisation
from chancery.procedures.services.work import find_or_create_party
from chancery.procedures.testing import PARTY


def authorise(recorded_by, party: dict | None = None, *, number: str = "VM-TEST-001") -> PriorAuthorisation:
    """A prior authorisation, valid for a year around today, for the tests' company (or `party`):
    what a company needs before it may file an application for military goods. Idempotent."""
    today = timezone.localdate()
    row, _created = PriorAuthorisation.objects.get_or_create(
        number=number,
        defaults={
            "party": find_or_create_party(party or PARTY), "kind": "prior_authorisation", "recorded_by": recorded_by,
            "valid_from": today - datetime.timedelta(days=180), "valid_until": today + datetime.timedelta(days=180),
        },
    )  # fmt: skip
    return row
