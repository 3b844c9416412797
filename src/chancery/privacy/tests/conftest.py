"""Two persons, Anna and Bart, each known to every module that holds personal data: an account,
a licence application, a damage report and a disaster-fund claim, a grant application and a prize
nomination, a feedback signal. What is found of one must never bring anything of the other."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from chancery.core.models import Role, User
from chancery.core.testing import make_user
from chancery.disaster_fund.models import DamageReport, Municipality
from chancery.disaster_fund.services import events
from chancery.disaster_fund.testing import claim_data, fund_handler, published_recognition
from chancery.grants.services import prize
from chancery.grants.testing import apply as apply_for_grant
from chancery.grants.testing import grants_handler, open_call, programme
from chancery.grants.tests.test_prize import make_edition, nomination_data
from chancery.procedures.services import work
from chancery.procedures.testing import apply_for_licence
from chancery.regulation.models import FeedbackSignal
from chancery.regulation.services import feedback


@dataclass
class Person:
    user: User
    name: str
    email: str
    national_number: str
    # Strings of this person that must not show up in another person's export.
    traces: tuple[str, ...]


def _person(username, first, last, email, number, street) -> Person:
    user = make_user(username, Role.APPLICANT)
    user.first_name, user.last_name, user.email = first, last, email
    user.save()
    return Person(user, f"{first} {last}", email, number, (first + " " + last, email, street, number))


def _party(person: Person, street: str) -> dict:
    return {"kind": "person", "name": person.name, "registration_number": "", "country": "BE",
            "address": street, "email": person.email}  # fmt: skip


def _known_everywhere(person: Person, street: str, flood, recognition, call, edition) -> None:
    party = _party(person, street)
    apply_for_licence(person.user, party=party, title="Uitvoer jachtgeweer")
    events.report_damage(
        person.user, flood, municipality=Municipality.objects.get(nis_code="41002"), reporter_kind="person",
        reporter_name=person.name, reporter_id=person.national_number, address=street,
        occurred_on=flood.started_on, description="Kelder onder water.",
    )  # fmt: skip
    work.apply(person.user, "RF", party=party, title="Waterschade woning", data=claim_data(recognition), documents=[])
    apply_for_grant(person.user, call, party=party, title="Vrije pers")
    # A nomination comes through the public form: its nominator named by name and e-mail.
    prize.nominate(edition, nomination_data(nominator_name=person.name, nominator_email=person.email,
                                            nominee_name=f"Kandidaat van {person.name}"))  # fmt: skip
    feedback.submit(
        text="De aanvraag vraagt drie keer dezelfde gegevens. Bel me op 0475 12 34 56.",
        theme=FeedbackSignal._meta.get_field("theme").choices[0][0], reporter_kind="citizen",
        anonymous=False, name=person.name, email=person.email,
    )  # fmt: skip


@dataclass
class World:
    anna: Person
    bart: Person
    dpo: User
    fund: User
    flood: object


@pytest.fixture
def world(org) -> World:
    fund = fund_handler()
    recognition = published_recognition(fund, timezone.localdate() - datetime.timedelta(days=30))
    start = timezone.localdate() - datetime.timedelta(days=20)
    flood = events.record_event(fund, phenomenon="flood", name="Overstroming Dender", started_on=start,
                                ended_on=start + datetime.timedelta(2))  # fmt: skip
    handler = grants_handler()
    call = open_call(handler, programme(handler))
    edition = make_edition(handler)
    anna = _person("t-anna", "Anna", "Vermeersch", "anna@example.be", "85073003361", "Dorpsstraat 1, 9000 Gent")
    bart = _person("t-bart", "Bart", "Claeys", "bart@example.be", "90021512345", "Kerkstraat 9, 9300 Aalst")
    _known_everywhere(anna, "Dorpsstraat 1, 9000 Gent", flood, recognition, call, edition)
    _known_everywhere(bart, "Kerkstraat 9, 9300 Aalst", flood, recognition, call, edition)
    assert DamageReport.objects.count() == 2
    return World(anna, bart, make_user("t-fg", Role.DPO), fund, flood)
