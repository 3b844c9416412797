"""Helpers for tests of the register: a draft regulation's dossier with its final approval on the
final agenda of a past meeting, and a small calculation."""

from __future__ import annotations

import datetime

from django.utils import timezone

from chancery.decisions import services
from chancery.regulation.services import burden


def final_approval(org, *, title="Ontwerpdecreet over de bestuurlijke vereenvoudiging", access_level="public"):
    """A dossier with a final-approval step on the final agenda of a meeting held last week.
    Returns (dossier, item)."""
    secretariat, minister = org.users["secretariat"], org.mandatees["a"]
    dossier = services.create_dossier(secretariat, title=title, short_title=title[:60], access_level=access_level)
    step = services.add_step(secretariat, dossier, kind="final_approval", title="Definitief", mandatees=[minister])
    day = timezone.localdate() - datetime.timedelta(days=7)
    meeting = services.create_meeting(
        secretariat, starts_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
    )
    services.put_step_on_agenda(secretariat, step, meeting)
    draft = services.current_draft(meeting)
    services.approve_all_formally(secretariat, draft, expected_revision=None)
    services.approve_agenda(secretariat, draft, expected_revision=None, close=True)
    return dossier, services.final_items(meeting).get()


def obligations(population="1200", bau="0.25") -> list[burden.Obligation]:
    """One obligation, one yearly activity: 2.5 h × 54 × population; burden × (1 − bau)."""
    return burden.read_obligations(
        {
            "obligations": [
                {
                    "name": "Jaarlijkse aangifte",
                    "activities": [
                        {
                            "name": "Formulier invullen",
                            "time_hours": "2.5",
                            "tariff_eur_per_hour": "54",
                            "out_of_pocket_eur": "0",
                            "population": population,
                            "frequency_per_year": "1",
                            "business_as_usual_share": bau,
                            "one_off": False,
                        }
                    ],
                }
            ]
        }
    )


def register_round(org, round_: int = 0) -> dict:
    """One round of everything the register's pages show (query-count tests; a second round
    doubles the rows): a regulation with two versions, a transposition with gold-plating and a
    burden calculation; another regulation; a draft amending the first, with its ex-ante
    calculation."""
    from chancery.decisions.models import Theme
    from chancery.eu_files.models import EuAct
    from chancery.regulation.services import register

    secretariat = org.users["secretariat"]
    theme = Theme.objects.order_by("pk")[round_]
    regulation = register.register_regulation(
        secretariat,
        kind="decree",
        title=f"Decreet {round_} betreffende de omgevingsvergunning",
        date=datetime.date(2014, 4, 25 - round_),
        eli=f"http://www.ejustice.just.fgov.be/eli/decreet/2014/04/{25 - round_:02d}/201403500{round_}",
        policy_domain=theme,
    )
    for day in (datetime.date(2017, 2, 23), datetime.date(2021, 1, 1)):
        register.add_version(secretariat, regulation, valid_from=day, text=f"Tekst vanaf {day}")
    act = EuAct.objects.create(celex=f"3201{round_}L0092", kind="directive", title=f"Richtlijn {round_}")
    register.record_transposition(
        secretariat, regulation, act, gold_plating=[register.Provision("art. 5", "Meer", "Eén vergunning")]
    )
    calculation = register.record_calculation(
        secretariat, title=f"Meting {round_}", reference_date=datetime.date(2024, 1, 1), obligations=obligations(),
        regulation=regulation,
    )  # fmt: skip
    register.register_regulation(
        secretariat, kind="government_decision", title=f"Besluit {round_}", date=datetime.date(2012, 2, 17)
    )
    dossier = services.create_dossier(secretariat, title=f"Wijziging {round_}", short_title=f"Wijziging {round_}")
    draft = register.start_draft(secretariat, dossier, kind="decree", title=f"Wijziging {round_}", amends=regulation)
    ex_ante = register.record_calculation(
        secretariat, title=f"Ex ante {round_}", reference_date=datetime.date(2026, 1, 1),
        obligations=obligations(population="800"), draft=draft,
    )  # fmt: skip
    return {"regulation": regulation, "calculation": calculation, "draft": draft, "ex_ante": ex_ante}


def feedback_round(org, regulation, round_: int = 0) -> dict:
    """One round of what the feedback panel's pages show: two published signals in a group with its
    answer, one awaiting moderation with evidence, one refused; and a State of Regulation version
    (its figures and HTML, without making the PDF)."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from chancery.regulation.models import SignalEvidence, StateOfRegulation, StateOfRegulationVersion
    from chancery.regulation.services import feedback, state

    moderator = org.users["civil_servant"]
    text = f"Ronde {round_}: het formulier van de omgevingsvergunning vraagt elk jaar hetzelfde opnieuw."
    group = feedback.publish(
        moderator, feedback.submit(text=text, theme="burden", reporter_kind="company", regulation=regulation),
        title=f"Formulier {round_}",
    ).group  # fmt: skip
    second = feedback.submit(
        text=text + " Ook bij ons.", theme="burden", reporter_kind="citizen", regulation=regulation
    )
    feedback.publish(moderator, second, group=group)
    feedback.answer(moderator, group, status="answered", text=f"Antwoord {round_}")
    waiting = feedback.submit(
        text=text + " Bel 0475 12 34 56.", theme="digital", reporter_kind="citizen", regulation=regulation
    )
    evidence = SignalEvidence(signal=waiting, filename="brief.pdf", mime_type="application/pdf", size=3, sha256="0")
    evidence.file.save(f"feedback/test-{round_}", ContentFile(b"pdf"), save=True)
    feedback.reject(
        moderator, feedback.submit(text=f"Ronde {round_}: goedkope horloges te koop hier!", theme="other",
                                   reporter_kind="citizen"),
        reason="spam", note="Reclame",
    )  # fmt: skip
    year = 2020 + round_
    report = StateOfRegulation.objects.create(first_year=year - 1, last_year=year)
    figures = state.figures(year - 1, year)
    version = StateOfRegulationVersion.objects.create(
        report=report, number=1, figures=figures, html=state.render_body(figures, number=1, made_at=timezone.now()),
        document_version=1, made_by=moderator,
    )  # fmt: skip
    return {"group": group, "waiting": waiting, "state_version": version}
