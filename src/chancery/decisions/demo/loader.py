"""Demo decision-making: a year of Friday meetings of the Government with dossiers drawn from the
memorandum's themes, agendas in several versions, decisions, press summaries and releases, and
one upcoming meeting still in preparation. Loaded once (core.demo.loader.seed)."""

from __future__ import annotations

import datetime
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from chancery.core import samples
from chancery.core import services as core_services
from chancery.core.calendar import is_working_day
from chancery.core.demo.loader import seed, tally
from chancery.core.models import AccessLevel, Mandatee, Person, User
from chancery.decisions import services
from chancery.decisions.models import DecisionResult, FormalCheck, ItemDocument, Meeting, Theme

# Dossiers from the memorandum (section in brackets) and the minister (by protocol order) who carries them.
DOSSIERS = [
    (
        "Oostgrensprogramma: oproep en partnerschappen in de Oostgrens-regio en Oekraïne",
        "Oostgrensprogramma",
        1,
        "§4.2",
    ),
    ("Vlaams mensenrechtenfonds: jaarlijkse oproep", "Mensenrechtenfonds", 1, "§6.1.1"),
    ("Humanitaire hulp: noodhulpenveloppe", "Humanitaire hulp", 1, "§6.3"),
    ("Wijziging van het decreet betreffende het Vlaams Rampenfonds", "Rampenfondsdecreet", 6, "§7.3"),
    (
        "Exportcontrole: controle op de in-, uit- en doorvoer van strategische goederen",
        "Strategische goederen",
        1,
        "§3.2",
    ),
    ("Screening van buitenlandse directe investeringen met een Vlaamse link", "Investeringsscreening", 1, "§3.1.3"),
    ("Opening van een diplomatieke vertegenwoordiging in Marokko", "Vertegenwoordiging Marokko", 1, "§5.1"),
    ("Vlaamse Afrikavisie", "Afrikavisie", 1, "§4.7"),
    ("Regeldrukinstrument: standaardkostenmodel", "Regeldrukinstrument", 6, "§2.1"),
    ("Staat van de Regelgeving 2026", "Staat van de Regelgeving", 6, "§2.1"),
    ("Monitoring van de kernambities: mijlpalen en indicatoren", "Monitoring kernambities", 4, "§1.2"),
    ("Vlaamse visie op economische veiligheid", "Economische veiligheid", 1, "§3.1"),
    ("Detachering van beleidsambtenaren naar de Europese instellingen", "Detacheringen EU", 1, "§5.5"),
    ("Vlaamse prijs voor de mensenrechten", "Mensenrechtenprijs", 1, "§6.1.2"),
    ("Crisisbeheer en veerkracht van de Vlaamse overheid", "Crisisveerkracht", 6, "§3.4"),
    ("Samenwerkingsakkoord vertegenwoordiging in de Raad van de EU", "Samenwerkingsakkoord EU-Raad", 1, "§5.6"),
    ("Afwegingskader voor nieuwe diplomatieke posten", "Afwegingskader posten", 1, "§5.2"),
    ("Begrotingsaanpassing 2026", "Begrotingsaanpassing", 4, "§1.1"),
    ("Vlaams Energie- en Klimaatplan: actualisering", "Energie- en Klimaatplan", 9, "§1.1"),
    ("Onderwijsdoelen en leerachterstanden: actieplan", "Actieplan onderwijs", 2, "§1.1"),
]
# The policy fields (themes) of each demo dossier, by short title.
DOSSIER_THEMES = {
    "Oostgrensprogramma": ["Buitenlands beleid", "Ontwikkelingssamenwerking"],
    "Mensenrechtenfonds": ["Buitenlands beleid"],
    "Humanitaire hulp": ["Ontwikkelingssamenwerking"],
    "Rampenfondsdecreet": ["Rampenschade"],
    "Strategische goederen": ["Internationaal ondernemen", "Economie"],
    "Investeringsscreening": ["Economie", "Internationaal ondernemen"],
    "Vertegenwoordiging Marokko": ["Buitenlands beleid"],
    "Afrikavisie": ["Buitenlands beleid", "Ontwikkelingssamenwerking"],
    "Regeldrukinstrument": ["Ondersteuning Vlaamse Regering"],
    "Staat van de Regelgeving": ["Ondersteuning Vlaamse Regering"],
    "Monitoring kernambities": ["Ondersteuning Vlaamse Regering"],
    "Economische veiligheid": ["Economie"],
    "Detacheringen EU": ["Buitenlands beleid"],
    "Mensenrechtenprijs": ["Buitenlands beleid"],
    "Crisisveerkracht": ["Interne dienstverlening Vlaamse overheid"],
    "Samenwerkingsakkoord EU-Raad": ["Buitenlands beleid"],
    "Afwegingskader posten": ["Buitenlands beleid"],
    "Begrotingsaanpassing": ["Budgettair beleid"],
    "Energie- en Klimaatplan": ["Klimaat", "Energie"],
    "Actieplan onderwijs": ["Kleuter en leerplichtonderwijs"],
}
STEP_CHAIN = ["principle_approval", "council_of_state", "final_approval"]
INSTRUMENTS = ["Conceptnota", "Ontwerp van besluit", "Subsidiebesluit", "Jaarrapport", "Ontwerp van decreet"]
ANNOUNCEMENTS = [
    "Verslag van de Europese Raad",
    "Stand van zaken van de Vlaamse vertegenwoordiging bij de Europese Unie",
    "Jaarverslag van de diplomatieke vertegenwoordigingen",
    "Overzicht van de vergunningen voor strategische goederen, vorig kwartaal",
    "Bezoek van een buitenlandse delegatie aan de minister-president",
]


def _fridays(today: datetime.date, count: int) -> list[datetime.date]:
    days, day = [], today - datetime.timedelta(days=(today.weekday() - 4) % 7 or 7)
    while len(days) < count:
        if is_working_day(day):
            days.append(day)
        day -= datetime.timedelta(days=7)
    return sorted(days)


def _meeting(secretariat, day: datetime.date, created) -> Meeting | None:
    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
    return seed(f"meeting:{day.isoformat()}", lambda: services.create_meeting(secretariat, starts_at=starts), created)


def _fill(secretariat, meeting, rng, steps, ministers, with_late_item: bool) -> None:
    """Put dossier steps and announcements on the draft agenda; one late item makes a version B."""
    for step in steps:
        services.put_step_on_agenda(secretariat, step, meeting)
    for title in rng.sample(ANNOUNCEMENTS, rng.randint(1, 2)):
        draft = services.current_draft(meeting)
        services.add_item(
            secretariat, draft, expected_revision=None, kind="announcement", title=title, short_title=title,
            mandatees=[ministers[0]],
        )  # fmt: skip
    draft = services.current_draft(meeting)
    services.approve_all_formally(secretariat, draft, expected_revision=None)
    if with_late_item:
        late = services.add_item(
            secretariat, draft, expected_revision=None, title="Nota die te laat werd ingediend",
            short_title="Laattijdige nota", mandatees=[rng.choice(ministers)],
        )  # fmt: skip
        services.set_formal_check(secretariat, late, FormalCheck.NOT_OK, expected_revision=None)
        draft = services.approve_agenda(secretariat, draft, expected_revision=None)
        services.set_formal_check(
            secretariat, draft.current_items().get(lineage=late.lineage), FormalCheck.OK, expected_revision=None
        )


def _decide(secretariat, meeting, rng, next_meeting, writer, signed: bool) -> bool:
    """Decide every item; with `signed`, the first approved note gets a signed decision document.
    Returns whether a document was signed."""
    did_sign = False
    for item in services.final_items(meeting).select_related("step__dossier"):
        if item.kind == "announcement":
            result = DecisionResult.ACKNOWLEDGED
        else:
            result = DecisionResult.POSTPONED if (next_meeting and rng.random() < 0.06) else DecisionResult.APPROVED
        text = {
            DecisionResult.APPROVED: f"De Vlaamse Regering hecht haar goedkeuring aan: {item.title.lower()}.",
            DecisionResult.ACKNOWLEDGED: "De Vlaamse Regering neemt akte van de mededeling.",
            DecisionResult.POSTPONED: "De behandeling wordt uitgesteld naar een volgende vergadering.",
        }[result]
        with_document = signed and not did_sign and item.kind == "note" and result == DecisionResult.APPROVED
        upload = None
        if with_document:
            upload = SimpleUploadedFile(
                "beslissing.pdf", samples.make_pdf(f"{item.title}\n\n{text}", title="Beslissing")
            )
        decision = services.record_decision(
            secretariat,
            item,
            result=result,
            text=text,
            motivation=f"Gelet op de nota aan de Vlaamse Regering over {item.short_title}."
            if item.kind == "note"
            else f"De Vlaamse Regering wordt ingelicht over {item.short_title}.",
            upload=upload,
            postpone_to=next_meeting if result == DecisionResult.POSTPONED else None,
        )
        if with_document:
            _sign(secretariat, decision)
            did_sign = True  # one signed decision per meeting is enough for the demo
        services.set_press_summary(secretariat, item, f"De Vlaamse Regering besprak {item.short_title}. {text}")
        if item.kind == "note" and rng.random() < 0.5:
            content = f"Nota aan de Vlaamse Regering\n{item.title}\n\nVoorstel van beslissing\n{text}"
            pdf = SimpleUploadedFile("nota.pdf", samples.make_pdf(content, title=item.short_title))
            document = core_services.create_document(
                writer, title=f"Nota: {item.short_title}", kind="note", access_level=AccessLevel.PUBLIC, upload=pdf,
                source="command",
            )  # fmt: skip
            ItemDocument.objects.create(item=item, document=document)
    return did_sign


def _sign(secretariat, decision) -> None:
    """The decision document is signed by the Minister-President, then the secretary."""
    from chancery.core import signing
    from chancery.core.demo.data import DEMO_PASSWORD

    minister = User.objects.filter(username="minister", signing_credential__isnull=False).first()
    if minister is None or not hasattr(secretariat, "signing_credential"):
        return
    flow = signing.start_flow(secretariat, decision.document, [minister, secretariat])
    for request in flow.requests.order_by("order"):
        signing.sign(request.signer, request, DEMO_PASSWORD)


def _publish(secretariat, meeting, stage: int) -> None:
    """A publication in the Belgian Official Gazette of the meeting's first approved note, taken
    `stage` steps along (dated after the meeting, never in the future)."""
    from chancery.decisions.models import PublicationStep as S

    item = services.final_items(meeting).filter(kind="note", decisions__result=DecisionResult.APPROVED).first()
    if item is None:
        return
    start = timezone.localtime(meeting.starts_at).date() + datetime.timedelta(days=3)
    today = timezone.localdate()
    publication = services.start_publication(
        secretariat, item, regulation_type="government_decision", urgent=stage == 2, on=start
    )
    steps = [
        (S.TRANSLATION_REQUESTED, 0, {}),
        (S.TRANSLATION_RECEIVED, 8, {}),
        (S.PROOF_REQUESTED, 9, {}),
        (S.PROOF_RECEIVED, 13, {}),
        (S.PUBLICATION_REQUESTED, 14, {"planned_date": start + datetime.timedelta(days=24)}),
        (S.PUBLISHED, 24, {"numac": f"{start.year}0{publication.pk:05d}"}),
    ]
    for step, offset, extra in steps[:stage]:
        on = start + datetime.timedelta(days=offset)
        if on > today:
            break
        publication = services.record_step(secretariat, publication, step, on=on, **extra)


def _submissions(meeting, ministers) -> None:
    cabinet = User.objects.filter(username="kabinet").first()
    secretariat = User.objects.filter(username="secretariaat").first()
    if cabinet is None or secretariat is None:
        return
    pdf = SimpleUploadedFile("nota.pdf", samples.make_pdf("Nota aan de Vlaamse Regering", title="Nota"))
    services.submit(
        cabinet, meeting, title="Oproep 2027 van het Vlaams mensenrechtenfonds", short_title="Mensenrechtenfonds 2027",
        mandatees=[ministers[0]], uploads=[pdf],
    )  # fmt: skip
    sent_back = services.submit(
        cabinet, meeting, title="Jaarverslag van de diplomatieke vertegenwoordigingen",
        short_title="Jaarverslag posten", mandatees=[ministers[0]], kind="announcement", step_kind="announcement",
    )  # fmt: skip
    services.send_back(secretariat, sent_back, remarks="Voeg het advies van de Inspectie van Financiën toe.")


def _release(secretariat, meeting) -> None:
    for scope in ("decisions", "documents"):
        release = services.plan_release(secretariat, meeting, scope)
        services.confirm_release(secretariat, release)
        services.release_now(secretariat, release)


@transaction.atomic
def load_demo(meetings: int = 40) -> dict:
    created: list = []
    secretariat = User.objects.filter(username="secretariaat").first()
    writer = User.objects.filter(username="kabinet").first() or secretariat
    ministers = list(Mandatee.objects.active_on().order_by("precedence"))
    if secretariat is None or not ministers:
        return {}
    rng = random.Random(2026)
    today = timezone.localdate()
    days = _fridays(today, meetings)
    # Each dossier starts at some meeting and comes back for its next step three meetings later.
    schedule: dict[int, list] = {}
    for title, short, precedence, section in DOSSIERS:
        minister = ministers[min(precedence, len(ministers)) - 1]
        # Its own random stream per theme: the same dossiers on every run, whatever exists already.
        local = random.Random(short)
        for instrument in local.sample(INSTRUMENTS, 3):
            key = f"{instrument} {short[0].lower()}{short[1:]}"
            dossier = seed(
                f"dossier:{key}",
                lambda t=f"{instrument}: {title}", s=key: services.create_dossier(secretariat, title=t, short_title=s),
                created,
            )
            if dossier is None or dossier.steps.exists():
                continue
            if dossier in created:
                services.set_themes(secretariat, dossier, Theme.objects.filter(label__in=DOSSIER_THEMES.get(short, [])))
            start = local.randrange(len(days) + 1)
            for n, kind in enumerate(STEP_CHAIN[: local.randint(1, 3)]):
                step = services.add_step(
                    secretariat, dossier, kind=kind, title=f"{dossier.title} ({section})", mandatees=[minister]
                )
                slot = start + 3 * n
                if slot <= len(days):  # later steps are still in preparation
                    schedule.setdefault(slot, []).append(step)

    upcoming_day = today + datetime.timedelta(days=(4 - today.weekday()) % 7 or 7)
    to_sign = 4
    # A fictitious secretary of the Government keeps the minutes of every demo meeting.
    secretary = seed(
        "person:secretary", lambda: Person.objects.create(first_name="Mieke", last_name="Lambrechts"), created
    )
    all_days = [*days, upcoming_day]
    made = {day: _meeting(secretariat, day, created) for day in all_days}
    for index, day in enumerate(days):
        meeting = made[day]
        if meeting is None or meeting not in created:
            continue  # existed before this run, or removed by a user: leave it as it is
        next_meeting = made.get(all_days[index + 1])
        _fill(secretariat, meeting, rng, schedule.get(index, []), ministers, with_late_item=index % 5 == 2)
        draft = services.current_draft(meeting)
        services.approve_agenda(secretariat, draft, expected_revision=None, close=True)
        # Now and then a member is excused (never the Minister-President, who chairs).
        excused = [ministers[1 + index % (len(ministers) - 1)]] if len(ministers) > 1 and index % 6 == 3 else []
        services.record_attendance(secretariat, meeting, chair=None, secretary=secretary, excused=excused)
        # Recent meetings carry a signed decision document (four of them).
        later = next_meeting if next_meeting in created else None
        if _decide(secretariat, meeting, rng, later, writer, signed=to_sign > 0 and index >= len(days) - 12):
            to_sign -= 1
        services.close_meeting(secretariat, meeting)
        _release(secretariat, meeting)
        if index >= len(days) - 10 and index % 2 == 0:
            _publish(secretariat, meeting, stage=(index % 7))
    upcoming = made[upcoming_day]
    if upcoming is not None and upcoming in created:
        # The next meeting is still in preparation, its agenda at version B.
        _fill(secretariat, upcoming, rng, schedule.get(len(days), []), ministers, with_late_item=True)
        _submissions(upcoming, ministers)
    return tally(created)
