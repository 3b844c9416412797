"""Demo files of the licence procedure (CSG, run by the licensing demo before its own): a few dozen
strategic-goods licence applications of the demo
applicant (`aanvrager`) in every state, handled by the demo civil servant (`ambtenaar`) and, for
the minister's decisions, the Minister-President's cabinet (`kabinet`). Dates are spread over the
past months so that the inbox has deadlines (some overdue) and the statistics have figures.
Idempotent: each case is a DemoSeed key; a rerun adds nothing."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from chancery.core import samples
from chancery.core.background import background, defer
from chancery.core.demo.loader import seed
from chancery.core.models import DemoSeed, User
from chancery.core.testing import upload
from chancery.procedures.models import PartyKind, RepresentationBasis
from chancery.procedures.services import cases as engine
from chancery.procedures.services import parties, work
from chancery.strategic_goods.countries import EU_MEMBER_STATES
from chancery.strategic_goods.procedure import END_USER_CERTIFICATE
from chancery.strategic_goods.services import assessment


def enterprise_number(base: int) -> str:
    """A valid Belgian enterprise number from a base below 20,000,000 (eight digits starting with 0 or
    1, then the check digits 97 - base mod 97)."""
    digits = f"{base:08d}{97 - base % 97:02d}"
    return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"


COMPANIES = [
    ("Precisie Optiek NV", 412_345_6, "Antwerpen"),
    ("Vlaamse Sensortechniek BV", 654_321_0, "Gent"),
    ("Noordzee Marine Systems NV", 470_707_0, "Oostende"),
    ("Kempen Aerospace BV", 712_398_7, "Geel"),
    ("Scheldt Chemicals NV", 431_020_0, "Zwijndrecht"),
]
GOODS = [
    ("Warmtebeeldcamera's voor industriële inspectie", "6A003", "dual_use", "CA"),
    ("Versleutelingsmodules voor netwerkapparatuur", "5A002", "dual_use", "JP"),
    ("Onderdelen voor sonarsystemen", "6A001", "dual_use", "NO"),
    ("Ontwikkelingssoftware voor gasturbinemotoren", "9D001", "dual_use", "US"),
    ("Precursoren voor industriële coatings", "1C350", "dual_use", "IN"),
    ("Nachtzichtkijkers voor de politie", "ML15", "military", "CH"),
    ("Reserveonderdelen voor pantservoertuigen", "ML6", "military", "FR"),
]

DEMO_LISTED_END_USER = "Dmitriy Ivanovich Sokolovsky"
_ASSESS = ["submit", "declare_complete", "assess", "propose_department_decision"]
_MINISTER = ["submit", "declare_complete", "assess", "refer_to_minister"]
PATHS = {
    "draft": [],
    "submitted": ["submit"],
    "incomplete": ["submit", "request_information"],
    "information_requested": ["submit", "declare_complete", "request_information"],
    "under_assessment": ["submit", "declare_complete"],
    "awaiting_advice": ["submit", "declare_complete", "request_advice"],
    "after_advice": ["submit", "declare_complete", "request_advice", "advice", "advice_received"],
    "answered": ["submit", "declare_complete", "request_information", "answer"],
    "decision_department": _ASSESS,
    "decision_minister": _MINISTER,
    "granted": [*_ASSESS, "grant"],
    "granted_with_conditions": [*_MINISTER, "grant_with_conditions"],
    "refused": [*_ASSESS, "refuse"],
    "refused_by_minister": [*_MINISTER, "refuse"],
    "inadmissible": ["submit", "declare_inadmissible"],
    "withdrawn": ["submit", "withdraw"],
    "expired": [*_ASSESS, "grant", "expire"],
    "revoked": [*_MINISTER, "grant", "revoke"],
}
REASONS = {
    "request_information": "Bezorg de volledige technische fiche en de verklaring over het eindgebruik.",
    "declare_inadmissible": "Makelaardij valt onder de federale bevoegdheid (FOD Economie).",
    "grant": "De vergunning wordt verleend, geldig drie jaar.",
    "grant_with_conditions": "Verleend onder voorwaarde van een rapportering na elke levering.",
    "refuse": "Geweigerd: duidelijk risico op omleiding naar een niet-toegelaten eindgebruiker (criterium 7).",
    "expire": "De geldigheidsduur is verstreken.",
    "revoke": "Ingetrokken na een wijziging van het sanctieregime voor het land van bestemming.",
    "back_to_assessment": "Bijkomend advies nodig.",
}
# (path, days ago the application was made, days between steps, assigned to the demo handler)
PLAN = [
    ("draft", 3, 1, False),
    ("submitted", 2, 1, False),
    ("submitted", 5, 1, True),
    ("submitted", 1, 1, False),
    ("incomplete", 12, 3, True),
    ("incomplete", 30, 5, True),
    ("information_requested", 35, 6, True),
    ("under_assessment", 20, 2, True),
    ("under_assessment", 70, 3, True),  # overdue
    ("under_assessment", 45, 2, False),  # overdue, unassigned
    ("under_assessment", 8, 2, True),
    ("awaiting_advice", 40, 5, True),
    ("after_advice", 60, 6, True),
    ("answered", 25, 4, True),
    ("decision_department", 38, 8, True),
    ("decision_minister", 50, 10, True),
    ("decision_minister", 100, 15, True),  # overdue at the minister's level too
    ("granted", 300, 10, True),
    ("granted", 240, 12, True),
    ("granted", 200, 20, True),  # decided late
    ("granted", 150, 8, True),
    ("granted", 90, 6, True),
    ("granted_with_conditions", 280, 15, True),
    ("granted_with_conditions", 130, 12, True),
    ("refused", 260, 9, True),
    ("refused", 110, 18, True),  # decided late
    ("refused_by_minister", 220, 20, True),
    ("inadmissible", 180, 4, True),
    ("inadmissible", 40, 3, True),
    ("withdrawn", 160, 5, False),
    ("expired", 330, 8, True),
    ("revoked", 320, 10, True),
    ("granted", 60, 7, True),
]


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


def _make_case(
    number, path, days_ago, gap, assigned, users, *, applicant=None, company=None, goods=None, line=None
) -> object:
    handler, cabinet = users["ambtenaar"], users["kabinet"]
    archive = applicant is not None
    applicant = applicant or users["aanvrager"]
    name, base, city = company or COMPANIES[number % len(COMPANIES)]
    title, code, family, country = goods or GOODS[number % len(GOODS)]
    party = parties.find_or_create_party(
        {
            "kind": PartyKind.ORGANISATION, "name": name, "registration_number": enterprise_number(base),
            "country": "BE", "address": f"Industrieweg {number + 1}, {city}", "email": "",
        }
    )  # fmt: skip
    start = timezone.localdate() - datetime.timedelta(days=days_ago)
    represent(applicant, party, handler, start)
    # One submitted file names an end user of the (invented) demo sanctions list, so that the demo
    # shows a screening hit awaiting review when that list is loaded.
    listed = path == "submitted" and number % 2 == 0 and not archive
    end_user = DEMO_LISTED_END_USER if listed else f"End User {country}"
    quantity, value = line or (5 + number, f"{(number + 2) * 12500}.00")
    # The application as the applicant's form records it (strategic_goods Application and GoodsLine).
    data = {
        "application": {
            "kind": "dual_use_export" if family == "dual_use" else "transfer" if country in EU_MEMBER_STATES
            else "export",
            "licence_form": "individual", "goods_family": family,
            "consignee_name": f"Importer {country} Ltd.", "consignee_country": country,
            "end_user_name": end_user, "end_user_country": country,
            "end_use": "Civiel gebruik in de industrie", "destination_country": country, "transit_countries": [],
            "goods_lines": [
                {"description": title, "control_list_code": code, "quantity": quantity, "value_eur": value},
            ],
        }
    }  # fmt: skip
    if family == "military":
        _prior_authorisation(party, handler, start)
    case = engine.create_case(
        applicant, "CSG", title=title, applicant=party, applicant_user=applicant, data=data, now=_at(start),
        source="command",
    )  # fmt: skip
    # Every file but the first "submitted" ones carries its signed end-user certificate.
    if archive or not (path == "submitted" and number % 2 == 1):
        work.add_document(
            applicant, case, kind=END_USER_CERTIFICATE, title="Eindgebruikersverklaring",
            upload=upload("eindgebruikersverklaring.pdf", samples.make_pdf(f"End-user certificate {case.reference}")),
            source="command",
        )  # fmt: skip
    if assigned and path != "draft":
        work.assign(handler, case, [handler])
    day = start
    minister_level = False
    for step in PATHS[path]:
        now = _at(day)
        if step == "assess":
            work.add_note(handler, case, "Beoordeling: criteria 1 tot 8 nagegaan.", source="command")
            # A refused file was found negative on criterion 2 (human rights), the others without concern.
            refused = path.startswith("refused")
            for criterion in range(1, 9):
                negative = refused and criterion == 2
                assessment.record_finding(
                    handler, case, criterion, "negative" if negative else "no_concern",
                    "Risico op gebruik voor interne repressie." if negative else "Geen bezwaar.", source="command",
                )  # fmt: skip
        elif step == "advice":
            work.add_document(
                handler, case, kind="external_advice", title="Advies FOD Buitenlandse Zaken", internal=True,
                upload=upload("advies.pdf", samples.make_pdf("Advies: geen bezwaar")), source="command",
            )  # fmt: skip
        elif step == "answer":
            work.answer_request(
                applicant, case, message="Hierbij de gevraagde technische fiche.", now=now, source="command"
            )
        else:
            actor = applicant if step in ("submit", "withdraw") else handler
            if step in ("grant", "grant_with_conditions", "refuse"):
                # Four eyes: who proposed the decision does not take it.
                actor = cabinet if minister_level else users["collega"]
            if step == "refer_to_minister":
                minister_level = True
            engine.fire(case, step, actor, reason=REASONS.get(step, ""), now=now, source="command")
        day += datetime.timedelta(days=gap)
    return case


def represent(applicant, party, handler, start: datetime.date) -> None:
    """The demo applicant files for a company it represents (parties.acting_party), as registered by
    the service: the first demo company on an extract of the enterprise register, the others on the
    service's own knowledge. Once per applicant and company."""
    if party.representations.filter(user=applicant, revoked_at__isnull=True).exists():
        return
    on_extract = party.name == COMPANIES[0][0]
    parties.grant(
        handler, user=applicant, party=party, valid_from=start - datetime.timedelta(days=365),
        basis=RepresentationBasis.REGISTER_EXTRACT if on_extract else RepresentationBasis.GRANTED,
        extract=upload("uittreksel-kbo.pdf", samples.make_pdf(f"Uittreksel KBO {party.registration_number}"))
        if on_extract else None, source="command",
    )  # fmt: skip


def _colleague(handler):
    """The demo's second civil servant of the service (a demo account of the core's; made here, without
    a password, when the core's demo did not run)."""
    from chancery.core.models import Role

    colleague = User.objects.filter(username="collega").first()
    if colleague is None:
        colleague = User(username="collega", role=Role.CIVIL_SERVANT, entity=handler.entity, first_name="Jonas",
                         last_name="Peeters")  # fmt: skip
        colleague.set_unusable_password()
        colleague.save()
    return colleague


def _prior_authorisation(party, handler, start: datetime.date) -> None:
    """Military goods are filed with a prior authorisation or certificate (fdfa.be node/2743): the
    demo companies that file them hold one, valid from before their first file until two years on."""
    from chancery.licensing.services import prior

    if prior.has_prior_authorisation(party, timezone.localdate()):
        return
    number = f"VM-DEMO-{party.registration_number}"
    prior.record(
        handler, party=party, kind="certified_person" if party.name.startswith("Kempen") else "prior_authorisation",
        number=number, valid_from=start - datetime.timedelta(days=365),
        valid_until=timezone.localdate() + datetime.timedelta(days=2 * 365),
    )  # fmt: skip


# The service's archive beside the demo applicant's own files: two years of applications from
# fictitious companies (each with its own applicant account), in the proportions a licensing
# service sees — most decided, some refused or withdrawn, a share still open.
ARCHIVE_SIZE = 200
ARCHIVE_PATHS = (
    ["granted"] * 50 + ["granted_with_conditions"] * 8 + ["refused"] * 6 + ["refused_by_minister"] * 2
    + ["withdrawn"] * 4 + ["inadmissible"] * 3 + ["expired"] * 4 + ["revoked"] * 1 + ["submitted"] * 5
    + ["under_assessment"] * 8 + ["incomplete"] * 3 + ["awaiting_advice"] * 2 + ["decision_department"] * 3
    + ["decision_minister"] * 1
)  # fmt: skip
ARCHIVE_PLACES = [
    "Antwerpen",
    "Gent",
    "Brugge",
    "Leuven",
    "Hasselt",
    "Mechelen",
    "Kortrijk",
    "Aalst",
    "Genk",
    "Turnhout",
]
ARCHIVE_NAMES = [
    f"{place} {kind}"
    for place in ("Schelde", "Kempen", "Leie", "Dender", "Westhoek", "Haspengouw", "Waasland", "Demer")
    for kind in ("Precisietechniek NV", "Optronics BV", "Aerospace NV", "Chemie BV")
]
ARCHIVE_DESTINATIONS = ["CA", "JP", "NO", "US", "IN", "CH", "AU", "KR", "BR", "SG", "MX", "ZA", "NZ", "IL", "TR"]


def _archive_applicants() -> list:
    """A fictitious company and its applicant account per name (no password: they do not log in)."""
    from chancery.core.models import Role

    applicants = []
    for n, name in enumerate(ARCHIVE_NAMES):
        username = f"aanvrager-{n + 1:02d}"
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, role=Role.APPLICANT, first_name="Exportverantwoordelijke",
                        last_name=name.split()[0])  # fmt: skip
            user.set_unusable_password()
            user.save()
        applicants.append((user, (name, 2_000_000 + 7919 * n, ARCHIVE_PLACES[n % len(ARCHIVE_PLACES)])))
    return applicants


def _archive(users, created: list) -> None:
    import random

    rng = random.Random(2026)
    applicants = _archive_applicants()
    for n in range(ARCHIVE_SIZE):
        path = rng.choice(ARCHIVE_PATHS)
        closed = path not in ("submitted", "under_assessment", "incomplete", "awaiting_advice") and not path.startswith(
            "decision"
        )
        days_ago = rng.randint(120, 720) if closed else rng.randint(2, 90)
        gap = rng.randint(2, 12)
        user, company = rng.choice(applicants)
        title, code, family, _country = GOODS[rng.randrange(len(GOODS))]
        goods = (title, code, family, rng.choice(ARCHIVE_DESTINATIONS))
        line = (rng.randint(1, 60), f"{rng.randint(4, 400) * 2500}.00")  # 10,000 to 1,000,000 EUR
        # Each file in a transaction of its own: the worker makes the archive while the server answers
        # (on SQLite one writer at a time: a page that writes waits for one file, not the archive).
        with transaction.atomic():
            seed(
                f"case:CSG:archive:{n}",
                lambda n=n, path=path, days_ago=days_ago, gap=gap, user=user, company=company, goods=goods, line=line: (
                    _make_case(
                        1000 + n,
                        path,
                        days_ago,
                        gap,
                        rng_assigned(n),
                        users,
                        applicant=user,
                        company=company,
                        goods=goods,
                        line=line,
                    )
                ),
                created,
            )


def rng_assigned(n: int) -> bool:
    return n % 5 != 0  # a fifth of the files waits unassigned until someone takes it


def _users() -> dict[str, User] | None:
    users = {u.username: u for u in User.objects.filter(username__in=["aanvrager", "ambtenaar", "kabinet"])}
    if len(users) < 3 or users["ambtenaar"].entity is None:
        return None
    users["collega"] = _colleague(users["ambtenaar"])
    return users


def archive_missing() -> int:
    """How many files of the archive have not been made yet."""
    return ARCHIVE_SIZE - DemoSeed.objects.filter(key__startswith="case:CSG:archive:").count()


@background(coalesce=True)
def make_archive() -> int:
    """The service's archive, made by the worker once the server is up: its 200 files issue licences
    and refusals, each letter a PDF rendered and sealed (PAdES with a time stamp), most of the demo's
    time when `chancery demo` made them before the first page."""
    users = _users()
    if users is None:
        return 0
    created: list = []
    _archive(users, created)
    return len(created)


@transaction.atomic
def load_demo() -> dict[str, int]:
    """The demo applicant's own files; the archive is queued for the worker (`make_archive`)."""
    users = _users()
    if users is None:
        return {}
    created: list = []
    for number, (path, days_ago, gap, assigned) in enumerate(PLAN):
        seed(
            f"case:CSG:{number}",
            lambda number=number, path=path, days_ago=days_ago, gap=gap, assigned=assigned: _make_case(
                number, path, days_ago, gap, assigned, users
            ),
            created,
        )
    added = {"cases": len(created)} if created else {}
    if missing := archive_missing():
        defer(make_archive)
        added["archive queued"] = missing
    return added
