"""Helpers for tests of the EU files: an act with a deadline, a proposal, a meeting of the
Government to submit to, and the decision that approves a position."""

from __future__ import annotations

import datetime

from django.utils import timezone

from chancery.decisions import services as decisions
from chancery.eu_files.services import acts


def directive(actor, *, celex="32024L1275", deadline=None, **values):
    return acts.register_act(
        actor, kind="directive", celex=celex, title=values.pop("title", "Richtlijn energieprestatie gebouwen"),
        transposition_deadline=deadline, **values,
    )  # fmt: skip


def proposal(actor, *, com="COM(2023) 416", **values):
    return acts.register_act(
        actor, kind="proposal", com_number=com, title=values.pop("title", "Bodemmonitoringswet"), **values
    )


def government_meeting(secretariat, days_ago: int = 3):
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    return decisions.create_meeting(
        secretariat, starts_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
    )


def decide(secretariat, submission, result="approved"):
    """The secretariat accepts the submission, closes the agenda and records the decision."""
    item = decisions.accept(secretariat, submission)
    meeting = submission.meeting
    draft = decisions.current_draft(meeting)
    decisions.approve_all_formally(secretariat, draft, expected_revision=None)
    decisions.approve_agenda(secretariat, draft, expected_revision=None, close=True)
    final = decisions.final_items(meeting).get(short_title=item.short_title)
    return decisions.record_decision(secretariat, final, result=result, text="Het standpunt wordt goedgekeurd.")


def files_round(org, round_: int = 0) -> dict:
    """One round of everything the EU files' pages show (query-count tests; a second round doubles
    the rows): a directive with a deadline near, a proposal with a position, a coordination meeting
    with attendees and outcomes escalated to a conference, a Council meeting in Flanders' turn."""
    from chancery.decisions.models import Theme
    from chancery.eu_files.services import coordination, council, positions

    clerk = org.users["civil_servant"]
    themes = list(Theme.objects.order_by("pk")[:2])
    act = directive(
        clerk, celex=f"3202{round_}L1275", deadline=timezone.localdate() + datetime.timedelta(days=10),
        obligations=10, pages=20, adopted_on=datetime.date(2024, 4, 24), competences=themes,
    )  # fmt: skip
    soil = proposal(clerk, com=f"COM(202{round_}) 416", competences=themes)
    position = positions.record_position(clerk, soil, interests="Bodem", text="Steun", needs_government_decision=False)
    dge = coordination.hold_meeting(clerk, forum="dge", held_on=datetime.date(2025, 3, 3 + round_), subject="DGE")
    imc = coordination.hold_meeting(clerk, forum="imc", held_on=datetime.date(2025, 3, 20 + round_), subject="ICBB")
    for name in ("A", "B"):
        coordination.add_attendee(clerk, dge, name=name, representing="Vlaamse Regering")
    stuck = coordination.record_outcome(clerk, dge, soil, result="no_consensus")
    coordination.record_outcome(clerk, dge, act, result="position")
    coordination.escalate(clerk, stuck, imc)
    council.record_meeting(
        clerk, formation="env", held_on=datetime.date(2025, 3, 17 + round_), minister=org.mandatees["a"],
        seat_taken=True, acts=[act, soil],
    )  # fmt: skip
    return {"act": act, "proposal": soil, "position": position, "meeting": dge}
