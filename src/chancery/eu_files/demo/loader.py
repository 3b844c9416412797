"""Demo data of the EU files (`data.py`): real acts and Commission proposals by their COM and
CELEX numbers, with illustrative counts, positions, coordination meetings (one escalated to the
interministerial conference) and Council meetings in Flanders' turns. Runs after the register's
loader (INSTALLED_APPS order), whose acts with a passed deadline it marks transposed. Idempotent."""

from __future__ import annotations

import datetime

from django.db import transaction

from chancery.core.demo.loader import seed, tally
from chancery.core.models import Mandatee, User
from chancery.decisions.models import Theme
from chancery.eu_files.demo import data
from chancery.eu_files.models import CoordinationOutcome, EuAct
from chancery.eu_files.services import acts, coordination, council, positions


def _day(text):
    return datetime.date.fromisoformat(text) if text else None


def _key(celex, com, key):
    return f"eu-act:{celex or com or key}"


@transaction.atomic
def load_demo() -> dict[type, int]:
    secretariat = User.objects.filter(username="secretariaat").first()
    if secretariat is None:
        return {}
    cabinet = User.objects.filter(username="kabinet").first() or secretariat
    created: list = []
    themes = {theme.label: theme for theme in Theme.objects.all()}
    found: dict[str, EuAct | None] = {}
    for row in data.ACTS:
        key, kind, celex, com, title, organisation, proposal, adopted, deadline, obligations, pages, domains = row[:12]
        category, source = row[12:]
        found[key] = seed(
            _key(celex, com, key),
            lambda kind=kind, celex=celex, com=com, title=title, organisation=organisation, proposal=proposal,
            adopted=adopted, deadline=deadline, obligations=obligations, pages=pages, domains=domains,
            category=category, source=source: acts.register_act(
                secretariat, kind=kind, celex=celex, com_number=com, title=title, organisation=organisation,
                proposal=found.get(proposal), followed=True, adopted_on=_day(adopted),
                transposition_deadline=_day(deadline), obligations=obligations, pages=pages, category=category,
                source=source, competences=[themes[d] for d in domains if d in themes],
            ),
            created,
        )  # fmt: skip
    for celex, (day, note) in data.TRANSPOSED.items():
        act = EuAct.objects.filter(celex=celex, transposed_on__isnull=True).first()
        if act is not None and not act.source:
            acts.update_act(secretariat, act, transposed_on=_day(day), source=note)
    for key, (interests, text, government, approved) in data.POSITIONS.items():
        if found.get(key) is None:
            continue
        position = seed(
            f"eu-position:{key}",
            lambda key=key, interests=interests, text=text, government=government: positions.record_position(
                secretariat, found[key], interests=interests, text=text, needs_government_decision=government
            ),
            created,
        )
        if approved and position is not None and position.state == "draft":
            positions.approve(cabinet, position)
    meetings = []
    for i, (forum, day, subject, attendees, outcomes) in enumerate(data.MEETINGS):
        meeting = seed(
            f"eu-meeting:{i}",
            lambda forum=forum, day=day, subject=subject: coordination.hold_meeting(
                secretariat, forum=forum, held_on=_day(day), subject=subject
            ),
            created,
        )
        meetings.append(meeting)
        if meeting is None or meeting.attendees.exists():
            continue
        for name, representing in attendees:
            created.append(coordination.add_attendee(secretariat, meeting, name=name, representing=representing))
        for key, result, text in outcomes:
            if found.get(key):
                created.append(coordination.record_outcome(secretariat, meeting, found[key], result=result, text=text))
    source, key, target = data.ESCALATION
    if meetings[source] and meetings[target] and found.get(key):
        outcome = CoordinationOutcome.objects.filter(meeting=meetings[source], eu_act=found[key]).first()
        if outcome is not None and outcome.escalated_to_id is None:
            coordination.escalate(secretariat, outcome, meetings[target])
    for formation, day, minister, taken, keys in data.COUNCILS:
        held = _day(day)
        ministers = list(Mandatee.objects.active_on(held).order_by("precedence", "pk"))
        named = ministers[minister] if minister is not None and minister < len(ministers) else None
        seed(
            f"eu-council:{formation}:{day}",
            lambda formation=formation, held=held, named=named, taken=taken, keys=keys: council.record_meeting(
                secretariat, formation=formation, held_on=held, minister=named,
                seat_taken=taken if named is not None else None, acts=[found[k] for k in keys if found.get(k)],
                notes=data.DEMO_NOTE,
            ),
            created,
        )  # fmt: skip
    return tally(created)
