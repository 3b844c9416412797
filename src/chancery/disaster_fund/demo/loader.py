"""Demo of the disaster fund: its team and handler (`rampenfonds`), two recognised disasters (a
flood in East Flanders whose claim window is open, a storm in West Flanders whose window has
closed), one event not recognised (hail), damage reports (one repeated), claims of the demo
applicant in every stage (filed, file opened, expertise, report sent, decided, accepted and paid,
excluded as insurable, appealed), a late claim for force majeure on the storm, and anomalies.

The Government's decision and its publication belong to decision-making: the demo records the
recognitions as their publication leaves them (date and NUMAC), without a meeting of its own, so
the decision-making demo keeps its meetings. Idempotent: each object is a DemoSeed key."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from chancery.core.demo.loader import seed, tally
from chancery.core.models import Entity, Role, User
from chancery.disaster_fund.models import DisasterEvent, EventState, Municipality, Recognition, RecognitionState
from chancery.disaster_fund.permissions import TEAM
from chancery.disaster_fund.services import anomalies, claims, events, recognitions
from chancery.disaster_fund.testing import PERSON, claim_data
from chancery.procedures.services import cases as engine
from chancery.procedures.services import work

FLOOD = ("Overstroming Dender en Leie", "flood", ("44021", "44083", "41002", "41018", "41048"))
STORM = ("Storm Eunice aan de kust", "storm", ("35013", "35011", "38014", "31005"))


def _team_and_handler(created) -> User | None:
    team = seed(
        f"entity:{TEAM}",
        lambda: (
            Entity.objects.filter(code=TEAM).first()
            or Entity.objects.create(
                code=TEAM, kind="department", name="Vlaams Rampenfonds", name_en="Flemish Disaster Fund"
            )
        ),
        created,
    )

    def make():
        from chancery.core.demo.data import DEMO_PASSWORD

        user = User.objects.filter(username="rampenfonds").first()
        if user is None:
            user = User(
                username="rampenfonds", role=Role.CIVIL_SERVANT, entity=team, first_name="Lotte", last_name="Vermeulen"
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
        return user

    return seed("user:rampenfonds", make, created)


def _recognised(handler, name, phenomenon, nis_codes, published_on, created) -> Recognition | None:
    def make():
        start = published_on - datetime.timedelta(days=110)
        event = events.record_event(
            handler, phenomenon=phenomenon, name=name, started_on=start, ended_on=start + datetime.timedelta(days=2)
        )
        recognition = recognitions.prepare(
            handler, event, period_start=event.started_on, period_end=event.ended_on,
            municipalities=Municipality.objects.filter(nis_code__in=nis_codes),
        )  # fmt: skip
        Recognition.objects.filter(pk=recognition.pk).update(
            state=RecognitionState.PUBLISHED, published_on=published_on, numac=f"{published_on.year}0{event.pk:05d}"
        )
        DisasterEvent.objects.filter(pk=event.pk).update(state=EventState.RECOGNISED)
        recognition.refresh_from_db()
        return recognition

    return seed(f"disaster_fund:recognition:{name}", make, created)


def _fire(case, name, user, reason=""):
    return engine.fire(case, name, user, reason=reason, expected_version=case.version, source="command")


def _claim(applicant, handler, recognition, key, stage, created, **changes):
    """A claim of the demo applicant, taken to `stage`."""

    # The expert assesses nine tenths of the estimate (whole euros).
    assessed = str(int(changes.get("estimate_eur", "12000.00").split(".")[0]) * 9 // 10)

    def make():
        case = work.apply(
            applicant, "RF", party={**PERSON, "name": "Astrid Mertens"}, title=key,
            data=claim_data(recognition, **changes), documents=[], source="command",
        )  # fmt: skip
        steps = [
            ("file_opened", lambda: _fire(case, "open_file", handler)),
            ("expertise", lambda: claims.assign_expert(handler, case, expert="Expertisebureau De Rijcke")),
            ("report_sent", lambda: claims.send_report(handler, case, assessed_damage_eur=assessed)),
            ("report_agreed", lambda: _fire(case, "agree", applicant)),
            ("decided", lambda: _fire(case, "decide", handler, "Vergoeding volgens het expertiseverslag.")),
            ("decision_accepted", lambda: _fire(case, "accept_decision", applicant)),
            ("payment_ordered", lambda: _fire(case, "order_payment", handler)),
            ("paid", lambda: _fire(case, "mark_paid", handler)),
        ]  # fmt: skip
        until = "decided" if stage == "appealed" else stage
        for state, step in steps:
            if until == "submitted":
                break
            case.refresh_from_db()
            step()
            if state == until:
                break
        if stage == "appealed":
            case.refresh_from_db()
            _fire(case, "record_appeal", handler, "Beroep ingesteld bij het hof van beroep te Gent.")
        case.refresh_from_db()
        return case

    return seed(f"disaster_fund:claim:{key}", make, created)


@transaction.atomic
def load_demo() -> dict[type, int]:
    created: list = []
    handler = _team_and_handler(created)
    applicant = User.objects.filter(username="aanvrager").first()
    if handler is None or applicant is None:
        return {}
    today = timezone.localdate()
    flood = _recognised(handler, *FLOOD, today - datetime.timedelta(days=40), created)
    storm = _recognised(handler, *STORM, today - datetime.timedelta(days=200), created)

    def hail():
        start = today - datetime.timedelta(days=30)
        event = events.record_event(handler, phenomenon="hail", name="Hagelbui Kempen", started_on=start,
                                    ended_on=start)  # fmt: skip
        return events.set_state(
            handler, event, EventState.NOT_RECOGNISED,
            findings="Geen KMI-meting boven de drempel; totale schade onder het financiële criterium.",
        )  # fmt: skip

    seed("disaster_fund:event:Hagelbui Kempen", hail, created)

    def reports():
        start = today - datetime.timedelta(days=20)
        event = events.record_event(handler, phenomenon="storm", name="Windhoos Limburg", started_on=start,
                                    ended_on=start)  # fmt: skip
        for name, nis, ident in (("Astrid Mertens", "71016", "90010112345"), ("Bakkerij Claes BV", "71072",
                                 "0203040596"), ("Astrid Mertens", "71016", "90.01.01-123.45")):  # fmt: skip
            events.report_damage(
                applicant, event, municipality=Municipality.objects.get(nis_code=nis),
                reporter_kind="company" if "BV" in name else "person", reporter_name=name, reporter_id=ident,
                address="Marktplein 3", occurred_on=start, description="Dak beschadigd door de windhoos.",
            )  # fmt: skip
        return event

    seed("disaster_fund:event:Windhoos Limburg", reports, created)
    if flood is not None:
        stages = ("submitted", "file_opened", "expertise", "report_sent", "decided", "paid")
        for n, stage in enumerate(stages):
            _claim(applicant, handler, flood, f"Waterschade woning {n + 1}", stage, created,
                   municipality=FLOOD[2][n % 3], estimate_eur=f"{8000 + 2500 * n}.00")  # fmt: skip
        excluded = _claim(applicant, handler, flood, "Waterschade inboedel (verzekerbaar)", "decided", created,
                          goods_kind="contents", insurable_simple_risks=True)  # fmt: skip
        appealed = _claim(applicant, handler, flood, "Schade aan landbouwloods", "appealed", created,
                          goods_kind="agricultural", estimate_eur="48000.00", insurance_paid_eur="0")  # fmt: skip
        small = _claim(applicant, handler, flood, "Kleine schade tuinhuis", "decided", created,
                       estimate_eur="650.00", insurance_paid_eur="0")  # fmt: skip
        for case, rule, facts, proposal in (
            (small, "deductible", "Vastgestelde schade € 585: na de vrijstelling van € 500 blijft € 85.",
             "De vrijstelling verlagen voor gezinnen met een leefloon."),
            (excluded, "insurable_simple_risks", "Huurder zonder brandverzekering: inboedel uitgesloten.",
             "Een uitzondering voor huurders in financiële nood onderzoeken."),
            (appealed, "crops", "Teelten op minder dan 25 % verzekerd areaal; het decreet laat geen ruimte.",
             "De drempel van 25 % herzien voor kleine bedrijven."),
        ):  # fmt: skip
            if case is not None:
                seed(f"disaster_fund:anomaly:{case.reference}:{rule}",
                     lambda c=case, r=rule, f=facts, p=proposal: anomalies.record(
                         handler, c.disaster_claim, rule=r, facts=f, proposal=p),
                     created)  # fmt: skip
    if storm is not None:
        ended = today - datetime.timedelta(days=20)
        _claim(applicant, handler, storm, "Stormschade dak (laattijdig)", "file_opened", created,
               municipality="35013", late=True, impediment_ended_on=ended.isoformat(),
               late_motivation="Opgenomen in het ziekenhuis na de storm; pas sinds kort thuis.")  # fmt: skip
    return tally(created)
