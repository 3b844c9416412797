"""Helpers for tests (and the demo) of the disaster fund: the fund's team and handler, a published
recognition, a claim filed at the counter and taken to a state."""

from __future__ import annotations

import datetime

from chancery.core.models import Entity, Role, User
from chancery.core.testing import make_user
from chancery.disaster_fund.models import DisasterEvent, Municipality, Recognition, RecognitionState
from chancery.disaster_fund.permissions import TEAM
from chancery.disaster_fund.services import events, recognitions
from chancery.procedures.services import work

PERSON = {
    "kind": "person",
    "name": "An Peeters",
    "registration_number": "",
    "country": "BE",
    "address": "Dorpsstraat 1, 9000 Gent",
    "email": "",
}
CLAIM = {
    "capacity": "owner",
    "goods_kind": "building",
    "insurable_simple_risks": False,
    "description": "Kelder en gelijkvloers onder water; vloeren en pleisterwerk beschadigd.",
    "estimate_eur": "12000.00",
    "insurance_paid_eur": "3000.00",
    "late": False,
    "impediment_ended_on": None,
    "late_motivation": "",
}


def fund_handler(username: str = "t-rampenfonds") -> User:
    team = Entity.objects.filter(code=TEAM).first() or Entity.objects.create(
        code=TEAM, kind="department", name="Vlaams Rampenfonds"
    )
    return User.objects.filter(username=username).first() or make_user(username, Role.CIVIL_SERVANT, team)


def published_recognition(
    handler, published_on: datetime.date, *, nis_codes=("44021", "44083"), phenomenon="flood", name="Overstroming"
) -> Recognition:
    """An event recognised for `nis_codes`, as the Government's decision and its publication leave
    it (test_recognitions runs that flow through the decision-making module)."""
    start = published_on - datetime.timedelta(days=120)
    event = events.record_event(
        handler, phenomenon=phenomenon, name=name, started_on=start, ended_on=start + datetime.timedelta(days=3)
    )
    recognition = recognitions.prepare(
        handler,
        event,
        period_start=event.started_on,
        period_end=event.ended_on,
        municipalities=Municipality.objects.filter(nis_code__in=nis_codes),
    )
    Recognition.objects.filter(pk=recognition.pk).update(
        state=RecognitionState.PUBLISHED, published_on=published_on, numac="2024000001"
    )
    DisasterEvent.objects.filter(pk=event.pk).update(state="recognised")
    recognition.refresh_from_db()
    return recognition


def claim_data(recognition: Recognition, municipality: str = "44021", **changes) -> dict:
    return {**CLAIM, "recognition": recognition.pk, "municipality": municipality, **changes}


def file_claim(applicant, recognition: Recognition, *, documents=(), **changes):
    return work.apply(
        applicant,
        "RF",
        party=PERSON,
        title="Waterschade woning",
        data=claim_data(recognition, **changes),
        documents=list(documents),
    )


def fund_round(fund, applicant, round_: int = 0) -> dict:
    """One round of the fund's work (the query-count tests; a second round doubles the rows): a
    recognised disaster with two claims, one decided with an anomaly, and a damage report on an
    event still open for reports."""
    from django.utils import timezone

    from chancery.disaster_fund.services import anomalies, claims
    from chancery.procedures.services import cases as engine

    today = timezone.localdate()
    recognition = published_recognition(fund, today - datetime.timedelta(days=30), name=f"Overstroming {round_}")
    first = file_claim(applicant, recognition)
    file_claim(applicant, recognition, municipality="44083")
    engine.fire(first, "open_file", fund, expected_version=first.version)
    claims.assign_expert(fund, first, expert="Expert")
    first.refresh_from_db()
    claims.send_report(fund, first, assessed_damage_eur="9000")
    first.refresh_from_db()
    engine.fire(first, "agree", applicant, expected_version=first.version)
    engine.fire(first, "decide", fund, reason="Beslist.", expected_version=first.version)
    anomalies.record(fund, first.disaster_claim, rule="deductible", facts="Feiten.", proposal="Voorstel.")
    event = events.record_event(fund, phenomenon="hail", name=f"Hagel {round_}", started_on=today, ended_on=today)
    events.report_damage(
        applicant, event, municipality=Municipality.objects.get(nis_code="71016"), reporter_kind="person",
        reporter_name="Jan", reporter_id=f"8501010{round_:04d}", address="Markt 1", occurred_on=today,
        description="Ruiten.",
    )  # fmt: skip
    return {"recognition": recognition, "event": event}
