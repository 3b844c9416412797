"""Helpers for tests of the register: a draft regulation's dossier with its final approval on the
final agenda of a past meeting, and a small calculation."""

from __future__ import annotations

import datetime

from django.utils import timezone

from chancery.decisions import services
from chancery.regulation.services import burden


def final_approval(org, *, title="Ontwerpdecreet over de bestuurlijke vereenvoudiging", access_level="public"):
    """A dossier with a final-approval step on the final agenda of a meeting held last week.
    Returns (dossier, item)."""
    secretariat, minister = org.users["secretariat"], org.mandatees["a"]
    dossier = services.create_dossier(secretariat, title=title, short_title=title[:60], access_level=access_level)
    step = services.add_step(secretariat, dossier, kind="final_approval", title="Definitief", mandatees=[minister])
    day = timezone.localdate() - datetime.timedelta(days=7)
    meeting = services.create_meeting(
        secretariat, starts_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
    )
    services.put_step_on_agenda(secretariat, step, meeting)
    draft = services.current_draft(meeting)
    services.approve_all_formally(secretariat, draft, expected_revision=None)
    services.approve_agenda(secretariat, draft, expected_revision=None, close=True)
    return dossier, services.final_items(meeting).get()


def obligations(population="1200", bau="0.25") -> list[burden.Obligation]:
    """One obligation, one yearly activity: 2.5 h × 54 × population; burden × (1 − bau)."""
    return burden.read_obligations(
        {
            "obligations": [
                {
                    "name": "Jaarlijkse aangifte",
                    "activities": [
                        {
                            "name": "Formulier invullen",
                            "time_hours": "2.5",
                            "tariff_eur_per_hour": "54",
                            "out_of_pocket_eur": "0",
                            "population": population,
                            "frequency_per_year": "1",
                            "business_as_usual_share": bau,
                            "one_off": False,
                        }
                    ],
                }
            ]
        }
    )
