"""Helpers for tests (and the demo) of the grant programmes: the grants service's team and handler,
a programme with its envelope, an open call with criteria, an application filed at the counter and
taken through its reviews."""

from __future__ import annotations

import datetime

from django.utils import timezone

from chancery.core.models import Entity, Role, User
from chancery.core.testing import make_user
from chancery.grants import rules
from chancery.grants.models import Call, Programme
from chancery.grants.permissions import TEAM
from chancery.grants.services import applications, programmes
from chancery.procedures.services import cases as engine
from chancery.procedures.services import work

PERSON_AT_RISK = {
    "kind": "person", "name": "Nadia Karimova", "registration_number": "", "country": "BY", "address": "",
    "email": "",
}  # fmt: skip
BUDGET = [
    {"label": "Opleiding van 20 journalisten", "amount_eur": "30000.00"},
    {"label": "Juridische bijstand", "amount_eur": "20000.00"},
]
CRITERIA = [
    {"name": "Relevantie voor de doelstellingen", "weight": 2},
    {"name": "Kwaliteit en haalbaarheid", "weight": 1},
    {"name": "Duurzaamheid", "weight": 1},
]


def grants_handler(username: str = "t-subsidies") -> User:
    team = Entity.objects.filter(code=TEAM).first() or Entity.objects.create(
        code=TEAM, kind="department", name="Dienst Subsidies Buitenlands Beleid"
    )
    return User.objects.filter(username=username).first() or make_user(username, Role.CIVIL_SERVANT, team)


def reviewer(username: str) -> User:
    return User.objects.filter(username=username).first() or make_user(username, Role.EXPERT)


def programme(handler, code: str = "mensenrechtenfonds", year: int | None = None) -> Programme:
    year = year or timezone.localdate().year
    return programmes.programme_from_plan(handler, rules.PROGRAMMES_BY_CODE[code], [year])


def open_call(handler, prog: Programme, *, title: str = "Oproep mensenrechtenverdedigers", max_eur: int = 100_000,
              opens_at=None, closes_at=None, publish: bool = True, **changes) -> Call:  # fmt: skip
    now = timezone.now()
    call = programmes.create_call(
        handler, prog, year=changes.pop("year", timezone.localdate().year), title=title,
        objectives="Steun aan mensenrechtenverdedigers in gevaar.",
        eligible_applicants="Organisaties en personen die mensenrechten verdedigen.",
        eligible_costs="Personeel, opleiding, juridische bijstand, veiligheid.", max_grant_cents=max_eur * 100,
        opens_at=opens_at or now - datetime.timedelta(days=10),
        closes_at=closes_at or now + datetime.timedelta(days=20),
        criteria=changes.pop("criteria", CRITERIA), **changes,
    )  # fmt: skip
    return programmes.publish_call(handler, call) if publish else call


def application_data(call: Call, **changes) -> dict:
    return {
        "call": call.pk, "country": "UA", "purpose": "Bescherming en opleiding van onafhankelijke journalisten.",
        "budget_lines": BUDGET, "co_financing_eur": "5000.00", "protected": False, "declaration_on_honour": True,
        **changes,
    }  # fmt: skip


def apply(applicant, call: Call, *, party: dict | None = None, title: str = "Vrije pers", **changes):
    from chancery.procedures.testing import PARTY

    return work.apply(applicant, applications.CODE, party=party or PARTY, title=title,
                      data=application_data(call, **changes), documents=[])  # fmt: skip


def fire(case, name, user, reason=""):
    case.refresh_from_db()
    return engine.fire(case, name, user, reason=reason, expected_version=case.version)


def review(handler, case, user, marks: tuple[int, ...]):
    """`user` reviews the application: no conflict, the given score on each criterion (in order)."""
    application = applications.application_of(case)
    review = applications.assign_reviewer(handler, application, user)
    applications.declare_conflict(user, review, conflict=False)
    criteria = list(application.call.criteria.all())
    applications.score(user, review, {c.pk: (mark, "Gemotiveerd.") for c, mark in zip(criteria, marks, strict=True)})
    return review


def to_assessed(handler, case, reviewers, marks=(16, 14, 12)):
    fire(case, "declare_admissible", handler)
    for user in reviewers:
        review(handler, case, user, marks)
    fire(case, "close_assessment", handler)
    case.refresh_from_db()
    return case


# --- payments and reports (issue 15, capabilities 5 and 6) ---------------------------------------


def to_granted(handler, applicant, call, reviewers, **changes):
    """An application filed, reviewed and awarded (45 000.00 EUR with the default budget)."""
    case = apply(applicant, call, **changes)
    to_assessed(handler, case, reviewers)
    fire(case, "award", handler, "Toegekend binnen de enveloppe.")
    case.refresh_from_db()
    return case


def to_report_due(handler, case):
    """The agreement signed, the advance paid, the final report asked for."""
    for step in ("sign_agreement", "pay_advance", "request_final_report"):
        fire(case, step, handler)
    case.refresh_from_db()
    return case


def report(applicant, case, spent=("30000.00", "15000.00"), kind="final", narrative="Alle activiteiten uitgevoerd."):
    from chancery.grants.services import reports

    case.refresh_from_db()
    return reports.submit(applicant, case, kind=kind, spent=list(spent), narrative=narrative)
