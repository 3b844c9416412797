"""Test helpers of monitoring (imported by tests only)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from chancery.monitoring.models import Indicator, Milestone, MilestoneStatus, ScheduledRelease, Target
from chancery.monitoring.services import budgets, observations, reports, visions
from chancery.monitoring.services.structure import create_initiative


def programme_tree(org, round_: int = 0) -> dict:
    """One round of the programme with a bit of everything the screens show (for the query-count
    tests; a second round doubles the rows): a public core ambition with two programmes of two
    projects each, every project with last and this year's budget and three milestones (done, late,
    to come), an indicator per programme with baseline, target, four yearly values and this year's
    figure announced, a vision note and a progress report requested. Dates follow today, so every
    day gives the same picture."""
    secretariat, dept = org.users["secretariat"], org.entities["dept"]
    today = timezone.localdate()
    ambition = create_initiative(
        secretariat, level="ambition", code=f"ka{round_}", title=f"Kernambitie {round_}", lead_entity=dept,
        summary="Vlaanderen werkt samen met zijn buren.", public=True, priority="§4", position=round_,
    )  # fmt: skip
    made = {"ambition": ambition, "programmes": [], "projects": [], "indicators": []}
    for p in range(2):
        programme = create_initiative(
            secretariat, level="programme", parent=ambition, code=f"ka{round_}-p{p}", title=f"Programma {round_}.{p}",
            summary="Partnerschappen in de regio.", lead_entity=dept, public=True, priority=f"§4.{p + 1}",
        )  # fmt: skip
        made["programmes"].append(programme)
        for q in range(2):
            project = create_initiative(
                secretariat, level="project", parent=programme, code=f"ka{round_}-p{p}-{q}", lead_entity=dept,
                title=f"Project {round_}.{p}.{q}", summary="Een oproep voor projecten.", public=True,
            )  # fmt: skip
            made["projects"].append(project)
            for year, spent in ((today.year - 1, 90_000), (today.year, 40_000)):
                budgets.set_budget(
                    secretariat, project, year, planned=Decimal(100_000), committed=Decimal(spent + 5_000),
                    spent=Decimal(spent), expected_revision=None,
                )  # fmt: skip
            for title, days, status in (
                ("Aanpak goedgekeurd", -300, MilestoneStatus.DONE),
                ("Eerste resultaten", -40, MilestoneStatus.IN_PROGRESS),
                ("Evaluatie", 200, MilestoneStatus.NOT_STARTED),
            ):
                due = today + datetime.timedelta(days=days)
                done_on = due if status == MilestoneStatus.DONE else None
                Milestone.objects.create(initiative=project, title=title, due=due, status=status, done_on=done_on)
        indicator = Indicator.objects.create(
            code=f"indicator-{round_}-{p}", name=f"Partnerschappen {round_}.{p}", unit="aantal",
            baseline_value=Decimal(10), baseline_date=datetime.date(today.year - 5, 1, 1),
            source="Departement Kanselarij en Buitenlandse Zaken", public=True,
        )  # fmt: skip
        Target.objects.create(indicator=indicator, value=Decimal(30), date=datetime.date(today.year + 2, 1, 1))
        indicator.initiatives.add(programme)
        for years_ago in range(4, 0, -1):
            observations.record(indicator, str(today.year - years_ago), Decimal(10 + 3 * (4 - years_ago)))
        observations.record(indicator, str(today.year), Decimal(25))
        ScheduledRelease.objects.create(
            indicator=indicator, period=str(today.year),
            release_at=timezone.make_aware(datetime.datetime(today.year + 1, 1, 15, 10)),
        )  # fmt: skip
        made["indicators"].append(indicator)
    visions.register(
        secretariat, title=f"Visienota {round_}", kind="geographic", owner=dept, regions="Oekraïne",
        last_update=today - datetime.timedelta(days=400), planned_update=today - datetime.timedelta(days=30),
    )  # fmt: skip
    made["report"] = reports.request_report(secretariat, ambition, str(today.year - 1))
    return made
