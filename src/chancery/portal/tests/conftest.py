import datetime

import pytest
from django.utils import timezone

from chancery.decisions import services


@pytest.fixture
def secretariat(org):
    return org.users["secretariat"]


@pytest.fixture
def meeting(secretariat):
    return services.create_meeting(secretariat, starts_at=timezone.make_aware(datetime.datetime(2026, 12, 4, 10, 0)))


@pytest.fixture
def add(secretariat, org):
    """Add an item to a meeting's current draft, as the secretariat."""

    def add_item(meeting, short_title, kind="note", minister="a", **extra):
        draft = services.current_draft(meeting)
        return services.add_item(
            secretariat,
            draft,
            expected_revision=draft.revision,
            title=f"{short_title} — volledige titel",
            short_title=short_title,
            kind=kind,
            mandatees=[org.mandatees[minister]],
            **extra,
        )

    return add_item
