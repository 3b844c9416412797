"""Demo of the decision on grants and the humanitarian fast track (issue 15, §4 and §7): a call of
the Eastern border programme decided by the Government, with one application before the
Government (its proposal submitted by the demo cabinet for the next planned meeting, waiting for
the secretariat) and, on the humanitarian programme, Red Cross Flanders' emergency fund with one
allocation decided and one request whose 48-hour clock runs.

Idempotent: each object is a DemoSeed key. The enterprise number of the partner is fictitious
(a valid check digit, not the organisation's real number)."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from chancery.core.demo.loader import seed
from chancery.core.models import Mandatee, User
from chancery.decisions.models import Meeting, MeetingState
from chancery.grants import fast_track
from chancery.grants.models import GovernmentProposal, Programme
from chancery.grants.services import applications, government, programmes
from chancery.procedures.models import PartyKind, Representation
from chancery.procedures.services import cases as engine
from chancery.procedures.services import parties, work

GOVERNMENT_CALL = "Strategische partnerschappen Oekraïne 2026 (beslissing door de Vlaamse Regering)"
BASE = 4_105_419  # fictitious; the check digits make it a valid Belgian enterprise number
RED_CROSS = {"kind": PartyKind.ORGANISATION, "name": "Rode Kruis-Vlaanderen (noodfonds)", "country": "BE",
             "address": "Motstraat 40, 2800 Mechelen", "email": ""}  # fmt: skip
EMERGENCIES = [
    ("Noodfonds: aardbeving in Marokko", "MA", "Noodonderdak en drinkwater in de provincie Al Haouz.", "150000",
     "allocated"),
    ("Noodfonds: overstromingen in Mozambique", "MZ", "Drinkwater en noodkits voor 3 000 gezinnen in Sofala.",
     "120000", "requested"),
]  # fmt: skip


def _be_number() -> str:
    digits = f"{BASE:08d}"
    check = 97 - int(digits) % 97
    full = f"{digits}{check:02d}"
    return f"{full[:4]}.{full[4:7]}.{full[7:]}"


def _fire(case, name, user, reason=""):
    case.refresh_from_db()
    return engine.fire(case, name, user, reason=reason, expected_version=case.version, source="command")


def _government_case(users, call, created):
    applicant, handler, jury = users["aanvrager"], users["subsidies"], users["jury"]
    cabinet = User.objects.filter(username="kabinet").first()

    def make():
        party = {"kind": PartyKind.ORGANISATION, "name": "Kharkiv Rebuild Foundation",
                 "registration_number": "UA-44120931", "country": "UA", "address": "Kharkiv", "email": ""}  # fmt: skip
        company = parties.find_or_create_party(party)
        if not Representation.objects.in_force().filter(user=applicant, party=company).exists():
            parties.grant(handler, user=applicant, party=company, basis="granted")
        case = work.apply(
            applicant, applications.CODE, party=party, title="Wederopbouw van het warmtenet van Charkiv",
            data={"call": call.pk, "country": "UA", "purpose": "Herstel van het warmtenet van Charkiv.",
                  "co_financing_eur": "100000.00", "declaration_on_honour": True, "protected": False,
                  "budget_lines": [{"label": "Uitrusting", "amount_eur": "500000.00"},
                                   {"label": "Personeel", "amount_eur": "200000.00"}]},
            documents=[], source="command",
        )  # fmt: skip
        _fire(case, "declare_admissible", handler)
        application = applications.application_of(case)
        for reviewer in jury:
            review = applications.assign_reviewer(handler, application, reviewer, source="command")
            applications.declare_conflict(reviewer, review, conflict=False, source="command")
            marks = {c.pk: (16, "Beoordeeld volgens de oproep.") for c in call.criteria.all()}
            applications.score(reviewer, review, marks, source="command")
        _fire(case, "close_assessment", handler)
        _fire(case, "propose_to_government", handler)
        meeting = (
            Meeting.objects.filter(state=MeetingState.PLANNED, starts_at__gte=timezone.now())
            .order_by("starts_at")
            .first()
        )
        mandatees = list(Mandatee.objects.represented_by(cabinet)) if cabinet else []
        if meeting is not None and mandatees:
            proposal = GovernmentProposal.objects.get(application=application)
            try:  # the demo's meetings may have moved on: the proposal then waits for the cabinet
                with transaction.atomic():
                    government.submit_to_government(cabinet, proposal, meeting, mandatees=mandatees[:1])
            except (ValidationError, PermissionDenied):
                pass
        case.refresh_from_db()
        return case

    return seed("grants:government:Wederopbouw van het warmtenet van Charkiv", make, created)


def _emergency(row, users, created):
    title, country, purpose, amount, state = row
    applicant, handler = users["aanvrager"], users["subsidies"]

    def make():
        party = {**RED_CROSS, "registration_number": _be_number()}
        company = parties.find_or_create_party(party)
        if not Representation.objects.in_force().filter(user=applicant, party=company).exists():
            parties.grant(handler, user=applicant, party=company, basis="granted")
        case = work.apply(
            applicant, fast_track.CODE, party=party, title=title,
            data={"emergency": title.removeprefix("Noodfonds: "), "country": country, "purpose": purpose,
                  "amount_eur": amount},
            documents=[], source="command",
        )  # fmt: skip
        if state == "allocated":
            _fire(case, "allocate", handler, "Vrijgegeven volgens de samenwerkingsovereenkomst met het noodfonds.")
        case.refresh_from_db()
        return case

    return seed(f"grants:fast-track:{title}", make, created)


def load(users: dict, year: int, created: list) -> None:
    """Called by the grants' demo loader once its programmes, calls and users exist."""
    handler = users["subsidies"]
    programme = Programme.objects.filter(code="oostgrens-oekraine").first()
    if programme is None:
        return

    def make_call():
        now = timezone.now()
        call = programmes.create_call(
            handler, programme, year=year, title=GOVERNMENT_CALL, decided_by="government",
            objectives="Grote partnerschappen voor de wederopbouw van kritieke infrastructuur.",
            eligible_applicants="Organisaties zonder winstoogmerk met een lokale partner.",
            eligible_costs="Uitrusting, personeel, activiteiten.", max_grant_cents=750_000_00,
            opens_at=(now - datetime.timedelta(days=20)).replace(hour=9, minute=0, second=0, microsecond=0),
            closes_at=(now + datetime.timedelta(days=40)).replace(hour=17, minute=0, second=0, microsecond=0),
            eligible_countries=["UA"], criteria=[{"name": "Relevantie", "weight": 1}, {"name": "Haalbaarheid",
                                                                                        "weight": 1}],
            source="command",
        )  # fmt: skip
        return programmes.publish_call(handler, call, source="command")

    call = seed(f"grants:call:{GOVERNMENT_CALL}", make_call, created)
    if call is not None:
        _government_case(users, call, created)
    for row in EMERGENCIES:
        _emergency(row, users, created)
