"""Demo files of the screening of foreign direct investments (procedure FDI): eight invented
notifications in several states, filed by the demo applicant (`aanvrager`, who represents the target
companies) and handled by the demo civil servant (`ambtenaar`); one ex officio review. Companies,
investors and figures are invented. Idempotent: each file is a DemoSeed key; a rerun adds nothing."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from chancery.core.demo.loader import seed, tally
from chancery.core.models import User
from chancery.investment_screening.services import notifications
from chancery.procedures.models import PartyKind, Representation
from chancery.procedures.services import cases as engine
from chancery.procedures.services import parties, work

# name, enterprise number, city
TARGETS = [
    ("Kempisch Netbeheer NV", "0403.019.261", "Geel"),
    ("Schelde Cyber Defence BV", "0404.000.149", "Antwerpen"),
    ("Leie Biotech NV", "0405.000.239", "Gent"),
    ("Ardenne Médias SA", "0406.000.329", "Namur"),
]
# The facts of each file (invented), then its path through the procedure.
FILES = [
    ("notified", 3, 0, {"investor_name": "Dragon Grid Holdings Ltd.", "investor_country": "HK",
     "owners": [{"name": "Li Wei", "country": "CN"}], "regions": ["VLG"], "sectors": ["energy"],
     "turnover_eur": "240000000", "voting_rights_before": "0", "voting_rights_after": "12"}),
    ("verification", 12, 1, {"investor_name": "Atlantic Secure Capital BV", "investor_country": "NL",
     "owners": [{"name": "John Miller", "country": "US"}], "regions": ["VLG", "BRU"],
     "sectors": ["cybersecurity", "defence"], "turnover_eur": "130000000", "voting_rights_before": "8",
     "voting_rights_after": "26"}),
    ("verification_information_requested", 20, 2, {"investor_name": "Nordic Life Ventures AS",
     "investor_country": "NO", "owners": [], "regions": ["VLG"], "sectors": ["biotech"],
     "turnover_eur": "40000000", "voting_rights_before": "0", "voting_rights_after": "30"}),
    ("screening", 40, 0, {"investor_name": "Gulf Energy Partners LLC", "investor_country": "AE",
     "owners": [{"name": "Omar Al Farsi", "country": "AE"}], "regions": ["VLG", "WAL"],
     "sectors": ["energy", "critical_infrastructure"], "turnover_eur": "410000000", "voting_rights_before": "0",
     "voting_rights_after": "49", "control_acquired": True}),
    ("cleared", 120, 3, {"investor_name": "Alpine Media Holding AG", "investor_country": "CH", "owners": [],
     "regions": ["WAL"], "sectors": ["media"], "turnover_eur": "25000000", "voting_rights_before": "10",
     "voting_rights_after": "25"}),
    ("approved_with_conditions", 200, 1, {"investor_name": "Pacific Semiconductor Corp.", "investor_country": "US",
     "owners": [], "regions": ["VLG"], "sectors": ["cybersecurity", "critical_technologies"],
     "turnover_eur": "150000000", "voting_rights_before": "0", "voting_rights_after": "60",
     "control_acquired": True}),
    ("prohibited", 260, 0, {"investor_name": "Eastern Power Investment JSC", "investor_country": "RU",
     "owners": [{"name": "Igor Petrov", "country": "RU"}], "regions": ["VLG"], "sectors": ["energy"],
     "turnover_eur": "240000000", "voting_rights_before": "0", "voting_rights_after": "20"}),
]  # fmt: skip
BASE = {
    "investor_kind": "undertaking",
    "control_acquired": False,
    "deal_value_eur": "85000000",
    "business_secrets": "Verzegelde prijsformule en earn-out (verzonnen voor de demo).",
}
REASONS = {
    "request_information": "Bezorg de aandeelhoudersstructuur tot de uiteindelijke begunstigden.",
    "clear": "Geen impact op de veiligheid of de openbare orde: vrijgegeven na de verificatie.",
    "start_screening": "Mogelijke impact op de bevoorradingszekerheid: screening nodig.",
    "approve_with_conditions": "Goedgekeurd door de bevoegde ministers met corrigerende maatregelen.",
    "prohibit": "Verboden door de bevoegde ministers: bedreiging voor de bevoorradingszekerheid.",
}
PATHS = {
    "notified": [],
    "verification": ["declare_complete"],
    "verification_information_requested": ["declare_complete", "request_information"],
    "screening": ["declare_complete", "start_screening", "assessment"],
    "cleared": ["declare_complete", "clear"],
    "approved_with_conditions": ["declare_complete", "start_screening", "assessment", "approve_with_conditions"],
    "prohibited": ["declare_complete", "start_screening", "assessment", "prohibit"],
}


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def _target(index: int):
    name, number, city = TARGETS[index]
    return parties.find_or_create_party({
        "kind": PartyKind.ORGANISATION, "name": name, "registration_number": number, "country": "BE",
        "address": f"Kaai {index + 1}, {city}", "email": "",
    })  # fmt: skip


def _make_file(path: str, days_ago: int, target: int, facts: dict, users):
    applicant, handler = users["aanvrager"], users["ambtenaar"]
    party = _target(target)
    start = timezone.localdate() - datetime.timedelta(days=days_ago)
    if not Representation.objects.in_force().filter(user=applicant, party=party).exists():
        parties.grant(handler, user=applicant, party=party, basis="granted")
    raw = {
        **BASE, **facts, "target_name": party.name, "target_enterprise_number": party.registration_number,
        "signing_date": (start - datetime.timedelta(days=7)).isoformat(),
        "planned_closing": (start + datetime.timedelta(days=90)).isoformat(),
    }  # fmt: skip
    title = f"Investering van {raw['investor_name']} in {party.name}"
    case = engine.create_case(
        applicant, notifications.CODE, title=title, applicant=party, applicant_user=applicant,
        data={notifications.DATA_KEY: raw}, now=_at(start), source="command",
    )  # fmt: skip
    engine.fire(case, "submit", applicant, now=_at(start), source="command")
    work.assign(handler, case, [handler])
    day = start
    for step in PATHS[path]:
        day += datetime.timedelta(days=3 if step == "declare_complete" else 12)
        if step == "assessment":
            notifications.record_flemish_assessment(
                handler, case,
                strategic_interests="Verwerving in een Vlaamse onderneming met een rol in de bevoorrading; "
                "afhankelijkheid van één leverancier buiten de EU nagegaan.",
                advice="objection" if path == "prohibited" else "conditions",
                conditions="" if path == "prohibited" else "Geen toegang van de investeerder tot gevoelige netdata.",
                source="command",
            )  # fmt: skip
            continue
        engine.fire(case, step, handler, reason=REASONS.get(step, ""), expected_version=case.version,
                    now=_at(min(day, timezone.localdate())), source="command")  # fmt: skip
    return case


@transaction.atomic
def load_demo() -> dict[type, int]:
    users = {u.username: u for u in User.objects.filter(username__in=["aanvrager", "ambtenaar"])}
    if len(users) < 2 or users["ambtenaar"].entity is None:
        return {}
    created: list = []
    for number, (path, days_ago, target, facts) in enumerate(FILES):
        seed(
            f"case:FDI:{number}",
            lambda path=path, days_ago=days_ago, target=target, facts=facts: _make_file(
                path, days_ago, target, facts, users
            ),
            created,
        )
    # A deal in Flanders that was never notified, closed a year ago: the service reviews it ex officio.
    seed(
        "case:FDI:ex-officio",
        lambda: notifications.open_ex_officio(
            users["ambtenaar"],
            {
                **BASE,
                **FILES[3][3],
                "investor_name": "Silk Road Logistics Ltd.",
                "investor_country": "CN",
                "owners": [],
                "target_name": TARGETS[0][0],
                "target_enterprise_number": TARGETS[0][1],
                "signing_date": (timezone.localdate() - datetime.timedelta(days=420)).isoformat(),
                "closed_on": (timezone.localdate() - datetime.timedelta(days=365)).isoformat(),
            },  # fmt: skip
            source="command",
        ),
        created,
    )
    return tally(created)
