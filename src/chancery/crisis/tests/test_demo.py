"""The demo: one past exercise and one incident, continuity plans; loading twice adds nothing."""

import pytest

from chancery.core.demo.loader import load_demo as load_core
from chancery.crisis.demo.loader import load_demo
from chancery.crisis.models import ContinuityPlan, Crisis, CrisisKind, CrisisStatus, LogEntry


@pytest.mark.django_db
def test_demo_loads_once():
    load_core()
    counts = load_demo()
    assert counts == {Crisis: 2, ContinuityPlan: 3}
    exercise = Crisis.objects.get(kind=CrisisKind.EXERCISE)
    assert exercise.status == CrisisStatus.CLOSED and exercise.ended_at < exercise.started_at.replace(hour=23)
    assert exercise.findings.count() == 2 and exercise.situation_reports.count() == 1
    assert LogEntry.objects.filter(crisis=exercise, corrects__isnull=False).count() == 1
    incident = Crisis.objects.get(kind=CrisisKind.INCIDENT)
    assert incident.status == CrisisStatus.ACTIVE and incident.tasks.count() == 2
    entries = LogEntry.objects.count()
    assert load_demo() == {}
    assert Crisis.objects.count() == 2 and LogEntry.objects.count() == entries and ContinuityPlan.objects.count() == 3
