"""What the monitoring pages show. The public side sees only initiatives marked public and, of
indicators marked public, only the figures whose announced release moment has come."""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef
from django.utils import timezone

from chancery.monitoring.charts import Point
from chancery.monitoring.models import Initiative, Observation, ScheduledRelease


def embargoed(now: datetime.datetime | None = None):
    """Observations whose period has an announced release still to come."""
    now = now or timezone.now()
    return Exists(
        ScheduledRelease.objects.filter(indicator=OuterRef("indicator"), period=OuterRef("period"), release_at__gt=now)
    )


def released_observations(now: datetime.datetime | None = None):
    return Observation.objects.filter(is_current=True).exclude(embargoed(now))


def public_initiatives():
    return Initiative.objects.filter(public=True)


def points(observations) -> list[Point]:
    return [Point(o.period_start, o.value, o.period) for o in sorted(observations, key=lambda o: o.period_start)]


def target_points(indicator) -> list[Point]:
    return [Point(t.date, t.value, str(t.date.year)) for t in indicator.targets.all()]
