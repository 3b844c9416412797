"""What the monitoring pages show. The public side sees only initiatives marked public and, of
indicators marked public, only the figures whose announced release moment has come."""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from chancery.monitoring.charts import Point
from chancery.monitoring.models import Initiative, Observation, ScheduledRelease


def embargoed(now: datetime.datetime | None = None):
    """Observations whose period has an announced release still to come."""
    now = now or timezone.now()
    return Exists(
        ScheduledRelease.objects.filter(indicator=OuterRef("indicator"), period=OuterRef("period"), release_at__gt=now)
    )


def released_observation_ids(now: datetime.datetime | None = None):
    """Every figure whose announced release moment has come (or that has none), as a subquery."""
    return Observation.objects.exclude(embargoed(now)).values("pk")


def released_observations():
    """The current figures everyone may read: of public indicators, released (core.visibility)."""
    return Observation.objects.visible_to(None).filter(is_current=True)


def public_initiatives():
    return Initiative.objects.visible_to(None)


def public_subtree(node: Initiative):
    """The public initiatives of `node`'s tree (itself, its programmes, their projects), in one query."""
    return public_initiatives().filter(Q(pk=node.pk) | Q(parent=node) | Q(parent__parent=node))


def points(observations) -> list[Point]:
    return [Point(o.period_start, o.value, o.period) for o in sorted(observations, key=lambda o: o.period_start)]


def target_points(indicator) -> list[Point]:
    return [Point(t.date, t.value, str(t.date.year)) for t in indicator.targets.all()]


def release_calendar(user):
    """The announced releases of the statistics the reader may see (the public: public indicators),
    by moment: indicator, period and moment only, never a figure."""
    since = timezone.now() - datetime.timedelta(days=CALENDAR_PAST_DAYS)
    return (
        ScheduledRelease.objects.visible_to(user)
        .filter(release_at__gte=since)
        .select_related("indicator")
        .order_by("release_at", "pk")
    )


# The calendar keeps a year of past releases, so a subscriber sees what was published lately.
CALENDAR_PAST_DAYS = 365
