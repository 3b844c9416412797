"""Demo of the grant programmes: the grants service's team and handler (`subsidies`), a reviewer
(`jurylid`, with the demo `expert`), the memorandum's four programmes with this year's envelope,
an open and a closed call on each, applications of the demo
applicant in every state (submitted, incomplete, inadmissible, under assessment, assessed, granted,
rejected), one of them a protected human-rights defender, and prize nominations.

Idempotent: each object is a DemoSeed key."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from chancery.core.demo.loader import seed, tally
from chancery.core.models import Entity, Role, User
from chancery.grants import rules
from chancery.grants.demo import decisions, payments
from chancery.grants.demo.prize import load_prize
from chancery.grants.models import Call
from chancery.grants.permissions import TEAM
from chancery.grants.services import applications, programmes
from chancery.procedures.models import PartyKind, Representation
from chancery.procedures.services import cases as engine
from chancery.procedures.services import parties, work

CALLS = {
    "oostgrens-oekraine": ("Partnerschappen voor de wederopbouw van Oekraïne 2026", 250_000,
                           ["UA", "MD", "GE"], "Vlaamse en lokale partners samen in de wederopbouw."),
    "mensenrechtenfonds": ("Steun aan mensenrechtenverdedigers 2026", 100_000, [],
                           "Bescherming en capaciteit van mensenrechtenverdedigers en hun organisaties."),
    "humanitaire-hulp": ("Humanitaire paraatheid Malawi en Mozambique 2026", 500_000, ["MW", "MZ"],
                         "Paraatheid op rampen en snelle hulp na een ramp."),
    "detacheringen-stages": ("Detacheringen bij internationale organisaties 2026", 40_000, [],
                             "Vlaamse experts en stagiairs bij multilaterale organisaties."),
}  # fmt: skip
CRITERIA = [
    {"name": "Relevantie voor de doelstellingen van de oproep", "weight": 2},
    {"name": "Kwaliteit en haalbaarheid van het plan", "weight": 2},
    {"name": "Duurzaamheid en lokale verankering", "weight": 1},
]
ORGANISATIONS = [
    ("Vrije Pers Oekraïne", "UA-38291044", "UA", "Kyiv"),
    ("Mozaika Human Rights", "LV-40008212", "LV", "Riga"),
    ("Malawi Preparedness Network", "MW-7781", "MW", "Lilongwe"),
    ("Kharkiv Rebuild Foundation", "UA-44120931", "UA", "Kharkiv"),
]
PERSON_AT_RISK = {"kind": PartyKind.PERSON, "name": "Aliaksandra Navumenka", "registration_number": "",
                  "country": "BY", "address": "", "email": ""}  # fmt: skip
# (title, programme, organisation index or None for the person at risk, country, state, budget, marks)
APPLICATIONS = [
    ("Onafhankelijke lokale radio in Charkiv", "oostgrens-oekraine", 3, "UA", "granted", ("180000.00", "20000.00"),
     (17, 15, 14)),
    ("Herstel van scholen in Irpin", "oostgrens-oekraine", 0, "UA", "assessed", ("120000.00", "30000.00"),
     (14, 13, 12)),
    ("Digitale vaardigheden voor journalisten", "oostgrens-oekraine", 0, "UA", "submitted", ("60000.00", "0"), ()),
    ("Juridische bijstand voor LGBTI+-verdedigers", "mensenrechtenfonds", 1, "LV", "granted", ("90000.00", "10000.00"),
     (18, 16, 15)),
    ("Veilige huisvesting van een verdedigster", "mensenrechtenfonds", None, "BY", "granted", ("25000.00", "0"),
     (16, 16, 14)),
    ("Documentatie van mensenrechtenschendingen", "mensenrechtenfonds", 1, "LV", "assessment", ("70000.00", "0"),
     ()),
    ("Opleiding voor waarnemers", "mensenrechtenfonds", 0, "UA", "rejected", ("50000.00", "0"), (8, 9, 10)),
    ("Voorraden voor het regenseizoen", "humanitaire-hulp", 2, "MW", "incomplete", ("300000.00", "50000.00"), ()),
    ("Vroegtijdige waarschuwing bij overstromingen", "humanitaire-hulp", 2, "MZ", "inadmissible",
     ("200000.00", "0"), ()),
]  # fmt: skip
REASONS = {
    "award": "Toegekend op voorstel van de jury, binnen de enveloppe van het programma.",
    "reject": "Niet toegekend: de drempel van 50 % wordt niet gehaald op alle criteria.",
    "request_information": "Voeg de begroting per activiteit en het jaarverslag toe.",
    "declare_inadmissible": "Niet aangevuld binnen de termijn van zeven dagen: onontvankelijk.",
}


def _user(username, role, entity, first, last, created) -> User | None:
    def make():
        from chancery.core.demo.data import DEMO_PASSWORD

        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, role=role, entity=entity, first_name=first, last_name=last)
            user.set_password(DEMO_PASSWORD)
            user.save()
        return user

    return seed(f"user:{username}", make, created)


def _team(created) -> Entity | None:
    return seed(
        f"entity:{TEAM}",
        lambda: (
            Entity.objects.filter(code=TEAM).first()
            or Entity.objects.create(
                code=TEAM,
                kind="department",
                name="Dienst Subsidies Buitenlands Beleid",
                name_en="Foreign Policy Grants Service",
            )
        ),  # fmt: skip
        created,
    )


def _call(handler, programme, year, created, *, closed=False) -> Call | None:
    title, max_eur, countries, objectives = CALLS[programme.code]
    if closed:
        title = title.replace("2026", "") + " (eerste ronde)"

    def make():
        now = timezone.now()
        opens = now - datetime.timedelta(days=90 if closed else 20)
        closes = now - datetime.timedelta(days=30) if closed else now + datetime.timedelta(days=40)
        call = programmes.create_call(
            handler, programme, year=year, title=title, objectives=objectives,
            eligible_applicants="Organisaties zonder winstoogmerk en, voor het mensenrechtenfonds, personen in gevaar.",
            eligible_costs="Personeel, activiteiten, uitrusting, reizen; geen afschrijvingen of boetes.",
            max_grant_cents=max_eur * 100, opens_at=opens.replace(hour=9, minute=0, second=0, microsecond=0),
            closes_at=closes.replace(hour=17, minute=0, second=0, microsecond=0), eligible_countries=countries,
            criteria=CRITERIA, source="command",
        )  # fmt: skip
        return programmes.publish_call(handler, call, source="command")

    return seed(f"grants:call:{title}", make, created)


def _party(index, applicant, handler):
    if index is None:
        return PERSON_AT_RISK
    name, number, country, city = ORGANISATIONS[index]
    party = {"kind": PartyKind.ORGANISATION, "name": name, "registration_number": number, "country": country,
             "address": city, "email": ""}  # fmt: skip
    company = parties.find_or_create_party(party)
    if not Representation.objects.in_force().filter(user=applicant, party=company).exists():
        parties.grant(handler, user=applicant, party=company, basis="granted")
    return party


def _fire(case, name, user):
    case.refresh_from_db()
    return engine.fire(case, name, user, reason=REASONS.get(name, ""), expected_version=case.version, source="command")


def _application(row, call, users, created):
    title, _code, index, country, state, (cost, co_financing), marks = row
    applicant, handler, jury = users["aanvrager"], users["subsidies"], users["jury"]

    def make():
        case = work.apply(
            applicant, applications.CODE, party=_party(index, applicant, handler), title=title,
            data={
                "call": call.pk, "country": country, "purpose": title + ".", "co_financing_eur": co_financing,
                "budget_lines": [{"label": "Personeel", "amount_eur": str(int(float(cost)) * 3 // 5) + ".00"},
                                 {"label": "Activiteiten", "amount_eur": str(int(float(cost)) * 2 // 5) + ".00"}],
                "protected": index is None, "declaration_on_honour": True,
            },
            documents=[], source="command",
        )  # fmt: skip
        if state in ("incomplete", "inadmissible"):
            _fire(case, "request_information", handler)
            if state == "inadmissible":
                _fire(case, "declare_inadmissible", handler)
        elif state != "submitted":
            _fire(case, "declare_admissible", handler)
            work.assign(handler, case, [handler])
            application = applications.application_of(case)
            for reviewer in jury:
                review = applications.assign_reviewer(handler, application, reviewer, source="command")
                if marks:
                    applications.declare_conflict(reviewer, review, conflict=False, source="command")
                    criteria = list(call.criteria.all())
                    applications.score(reviewer, review, {
                        c.pk: (mark, "Beoordeeld volgens de oproep.") for c, mark in zip(criteria, marks, strict=True)
                    }, source="command")  # fmt: skip
            if state in ("assessed", "granted", "rejected"):
                _fire(case, "close_assessment", handler)
            if state == "granted":
                _fire(case, "award", handler)
            elif state == "rejected":
                _fire(case, "reject", handler)
        case.refresh_from_db()
        return case

    return seed(f"grants:application:{title}", make, created)


@transaction.atomic
def load_demo() -> dict[type, int]:
    created: list = []
    team = _team(created)
    handler = _user("subsidies", Role.CIVIL_SERVANT, team, "Ines", "De Smet", created)
    jury = _user("jurylid", Role.EXPERT, None, "Youssef", "El Amrani", created)
    applicant = User.objects.filter(username="aanvrager").first()
    expert = User.objects.filter(username="expert").first()
    if handler is None or applicant is None or jury is None:
        return {}
    year = timezone.localdate().year
    year = min(max(year, rules.PLAN_FROM.year), rules.PLAN_UNTIL.year)
    calls = {}
    for plan in rules.PROGRAMMES:
        programme = seed(f"grants:programme:{plan.code}",
                         lambda p=plan: programmes.programme_from_plan(handler, p, [year], source="command"),
                         created)  # fmt: skip
        if programme is not None:
            calls[plan.code] = _call(handler, programme, year, created)
            # Each programme's first round of the year, closed (issue 15's demo: one open and one
            # closed call per programme); the seed key is the title, so a demo loaded before keeps its one.
            _call(handler, programme, year, created, closed=True)
    users = {"aanvrager": applicant, "subsidies": handler, "jury": [jury, *([expert] if expert else [])]}
    for row in APPLICATIONS:
        call = calls.get(row[1])
        if call is not None:
            _application(row, call, users, created)
    load_prize(handler, [jury, *([expert] if expert else [])], created)
    _link_monitoring(handler, created)
    decisions.load(users, year, created)  # the decision by the Government, the humanitarian fast track
    payments.load(calls, users, created, application=_application)  # payments and reports
    return tally(created)


def _link_monitoring(handler, created) -> None:
    """The programmes' envelopes as the budget of the monitoring initiatives they carry out (the
    memorandum's technical fiches, as the monitoring demo codes them)."""
    from chancery.grants.models import Programme
    from chancery.grants.services import monitoring

    for code, initiative in rules.MONITORING_INITIATIVES.items():
        programme = Programme.objects.filter(code=code).first()
        if programme is not None:
            seed(f"grants:monitoring:{code}",
                 lambda p=programme, i=initiative: monitoring.link_initiative(handler, p, i, source="command"),
                 created)  # fmt: skip
