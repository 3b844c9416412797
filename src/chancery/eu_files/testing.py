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
