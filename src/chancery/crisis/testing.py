"""A round of the crisis register's data for tests and query-count baselines: a crisis with its cell,
logbook (with a correction), tasks, contacts, a situation report, lessons, and an exercise with a
finding; a continuity plan. Each round adds new rows; `more(crisis)` adds rows to one crisis."""

from __future__ import annotations

import datetime

from django.utils import timezone

from chancery.crisis import services
from chancery.crisis.models import CrisisKind


def fill(crisis, actor, round_: int = 0) -> None:
    """Rows of every kind on `crisis` (the page must cost the same however many)."""
    now = timezone.now()
    first = services.add_entry(actor, crisis, f"Melding {round_}: wateroverlast in het gebouw.")
    services.correct_entry(actor, first, f"Correctie {round_}: het gaat om de kelder.")
    services.add_task(actor, crisis, title=f"Taak {round_}", owner=actor, deadline=now + datetime.timedelta(hours=4))
    services.add_contact(actor, crisis, name=f"Contact {round_}", organisation="Brandweer", phone="+32 2 000 00 00")
    services.add_situation_report(
        actor, crisis, period_start=now - datetime.timedelta(hours=6), period_end=now, situation=f"Toestand {round_}"
    )
    services.add_lesson(actor, crisis, text=f"Les {round_}", action="Actie")
    if crisis.kind == CrisisKind.EXERCISE:
        services.add_finding(actor, crisis, text=f"Bevinding {round_}", severity="minor")


def crisis_round(org, round_: int = 0) -> dict:
    actor = org.users["secretariat"]
    crisis = services.open_crisis(
        actor, title=f"Overstroming {round_}", type="natural", level="department",
        entities=[org.entities["dept"]], members=[org.users["civil_servant"]],
    )  # fmt: skip
    fill(crisis, actor, round_)
    exercise = services.open_crisis(actor, title=f"Oefening {round_}", type="cyber", kind=CrisisKind.EXERCISE)
    fill(exercise, actor, round_)
    plan = services.register_plan(
        actor, entity=org.entities["dept"], title=f"BCP {round_}", approved_on=datetime.date(2025, 1, 15)
    )
    return {"crisis": crisis, "exercise": exercise, "plan": plan}
