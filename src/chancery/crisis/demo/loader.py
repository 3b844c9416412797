"""Demo data of the crisis register: one past crisis exercise (closed, with its logbook including a
correction, a situation report, findings and lessons) and one active incident (with tasks, contacts
and its cell), and business-continuity plans of the department's units, one of them overdue for
review and one due (the dates follow the day the demo is loaded). Invented for the demo.
Idempotent: what exists is left as it is."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from chancery.core.demo.loader import seed, tally
from chancery.core.models import Entity, User
from chancery.crisis import services
from chancery.crisis.models import CrisisKind, FindingSeverity, MemberRole

TZ = ZoneInfo("Europe/Brussels")


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


@transaction.atomic
def load_demo() -> dict[type, int]:
    coordinator = User.objects.filter(username="secretariaat").first()
    civil_servant = User.objects.filter(username="ambtenaar").first()
    if coordinator is None or civil_servant is None:
        return {}
    units = {e.code: e for e in Entity.objects.filter(code__startswith="dkbuza")}
    created: list = []
    seed("crisis:exercise-2026", lambda: _exercise(coordinator, civil_servant, units), created)
    seed("crisis:incident-phishing", lambda: _incident(coordinator, civil_servant, units), created)
    today = timezone.localdate()
    plans = [
        ("dkbuza", "Bedrijfscontinuïteitsplan Departement Kanselarij en Buitenlandse Zaken", "3.1",
         today - datetime.timedelta(days=400), "Afdelingshoofd Organisatie"),
        ("dkbuza-secretariaat", "Continuïteit van de Regeringsvergadering (uitwijklocatie en digitale zitting)", "2.0",
         today - datetime.timedelta(days=350), "Secretaris van de Vlaamse Regering"),
        ("dkbuza-strategische-goederen", "Continuïteit van de vergunningverlening strategische goederen", "1.2",
         today - datetime.timedelta(days=60), "Diensthoofd Controle Strategische Goederen"),
    ]  # fmt: skip
    for code, title, version, approved, owner in plans:
        if code in units:
            seed(f"crisis:plan:{code}", lambda code=code, title=title, version=version, approved=approved, owner=owner:
                 services.register_plan(coordinator, entity=units[code], title=title, version=version,
                                        approved_on=approved, owner=owner), created)  # fmt: skip
    return tally(created)


def _exercise(coordinator, civil_servant, units):
    """A past exercise: the Boudewijn building loses its power on the morning of a Government meeting."""
    day = timezone.localdate() - datetime.timedelta(days=270)  # always in the past
    exercise = services.open_crisis(
        coordinator, title="Oefening stroompanne Boudewijngebouw op een vergaderdag", type="infrastructure",
        kind=CrisisKind.EXERCISE, level="department", started_at=_at(day, 8, 30),
        description="Jaarlijkse crisisoefening: het Boudewijngebouw valt zonder stroom op de ochtend van een "
        "vergadering van de Vlaamse Regering. Getest: alarmering, uitwijklocatie, digitale zitting.",
        entities=[units[c] for c in ("dkbuza", "dkbuza-secretariaat") if c in units], members=[civil_servant],
    )  # fmt: skip
    first = services.add_entry(civil_servant, exercise, "08:35 Melding facilitair beheer: volledige stroomuitval, "
                               "noodstroom alleen voor de serverruimte.", occurred_at=_at(day, 8, 35))  # fmt: skip
    services.add_entry(coordinator, exercise, "Crisiscel bijeengeroepen in de uitwijklocatie (Herman Teirlinck).",
                       occurred_at=_at(day, 8, 50))  # fmt: skip
    services.correct_entry(civil_servant, first, "Correctie: de noodstroom valt na 20 minuten ook uit voor de "
                           "serverruimte (UPS, geen generator).")  # fmt: skip
    services.set_level(coordinator, exercise, "flemish", "De zitting van 10:00 komt in het gedrang.")
    services.add_entry(coordinator, exercise, "Regering verwittigd: zitting gaat digitaal door om 10:30.",
                       occurred_at=_at(day, 9, 40))  # fmt: skip
    services.add_situation_report(
        coordinator, exercise, period_start=_at(day, 8, 30), period_end=_at(day, 10, 0),
        situation="Boudewijngebouw zonder stroom; ICT-diensten na 20 minuten onderbroken.",
        actions="Crisiscel actief in de uitwijklocatie; digitale zitting voorbereid.",
        outlook="Herstel verwacht in de namiddag; geen externe communicatie nodig.",
    )  # fmt: skip
    services.add_finding(coordinator, exercise, text="Alarmering binnen 15 minuten: alle leden bereikt.",
                         severity=FindingSeverity.GOOD)  # fmt: skip
    services.add_finding(coordinator, exercise, text="De telefoonlijst van de crisiscel was niet actueel (twee "
                         "nummers fout).", severity=FindingSeverity.MAJOR,
                         follow_up="Telefoonlijst elk kwartaal nakijken.")  # fmt: skip
    services.add_lesson(coordinator, exercise, text="De UPS van de serverruimte dekt geen langere panne.",
                        action="Aansluiting op een mobiele generator laten voorzien.")  # fmt: skip
    services.close_crisis(coordinator, exercise, "Oefening beëindigd om 12:00; evaluatie gehouden.",
                          ended_at=_at(day, 12, 0))  # fmt: skip
    return exercise


def _incident(coordinator, civil_servant, units):
    """An active incident: a phishing campaign aimed at the department's mailboxes."""
    start = timezone.now() - datetime.timedelta(days=1, hours=3)
    incident = services.open_crisis(
        coordinator, title="Phishingcampagne gericht op mailboxen van het departement", type="cyber",
        kind=CrisisKind.INCIDENT, level="monitoring", started_at=start,
        description="Medewerkers krijgen mails die zich voordoen als de ICT-dienst en om hun wachtwoord vragen.",
        entities=[units[c] for c in ("dkbuza", "dkbuza-strategische-goederen") if c in units],
    )  # fmt: skip
    services.name_member(coordinator, incident, civil_servant, MemberRole.MEMBER)
    services.add_entry(civil_servant, incident, "Drie meldingen van verdachte mails bij de helpdesk.",
                       occurred_at=start + datetime.timedelta(minutes=10))  # fmt: skip
    services.set_level(coordinator, incident, "department", "Eén account gaf zijn wachtwoord in.")
    services.add_task(coordinator, incident, title="Gecompromitteerd account blokkeren en wachtwoord resetten",
                      owner=civil_servant, deadline=start + datetime.timedelta(hours=2))  # fmt: skip
    services.add_task(coordinator, incident, title="Waarschuwing aan alle medewerkers sturen", owner=coordinator,
                      deadline=timezone.now() + datetime.timedelta(hours=6))  # fmt: skip
    services.add_contact(coordinator, incident, name="Helpdesk Digitaal Vlaanderen", organisation="Digitaal Vlaanderen",
                         function="Security operations", email="soc@example.invalid")  # fmt: skip
    services.add_contact(coordinator, incident, name="Centrum voor Cybersecurity België (CCB)",
                         organisation="CCB", function="Incidentmelding", phone="+32 2 501 05 60")  # fmt: skip
    return incident
