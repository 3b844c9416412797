"""Demo data of the feedback panel and the State of Regulation: signals in every moderation state
(awaiting moderation, published and grouped, answered, taken up, refused as spam, personal data
and off-topic) and one State of Regulation of the last two years, made from the demo register.
Invented signals, dated over the period; idempotent through `seed`."""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from chancery.core.demo.loader import seed
from chancery.core.models import User
from chancery.core.samples import make_pdf
from chancery.regulation.models import FeedbackSignal
from chancery.regulation.services import feedback, state

# (key, regulation key, theme, reporter, days ago, text, moderation)
# moderation: ("publish", group key, group title) | ("join", group key) | ("reject", reason, note) | None
SIGNALS = [
    ("veranda", "omgevingsvergunning", "burden", "citizen", 400,
     "Voor een kleine veranda achter mijn woning moest ik een volledige omgevingsvergunning aanvragen met "
     "plannen van een architect. Bel mij gerust op 0475 12 34 56 voor meer uitleg.",
     ("publish", "kleine-werken", "Vergunningsplicht voor kleine werken")),
    ("tuinhuis", "omgevingsvergunning", "burden", "citizen", 380,
     "Ook voor een tuinhuis van iets meer dan 40 m² is een omgevingsvergunning met architect nodig; de "
     "kosten staan niet in verhouding tot het werk.",
     ("join", "kleine-werken")),
    ("dubbele-gegevens", "omgevingsvergunning", "digital", "company", 300,
     "Bij de aanvraag van een omgevingsvergunning moeten we gegevens invullen die de overheid al heeft "
     "(KBO, kadaster). Graag vooraf ingevuld.",
     ("publish", "vooraf-invullen", "Gegevens die de overheid al heeft opnieuw opvragen")),
    ("energiepremie", "energiedecreet", "unclear", "citizen", 200,
     "De voorwaarden van de energiepremie voor dakisolatie zijn onduidelijk: welke datum telt, de factuur of de "
     "uitvoering?",
     ("publish", "premie-datum", "Welke datum telt voor de energiepremie")),
    ("kinderopvang-attest", "kinderopvang", "disproportionate", "organisation", 120,
     "Kleine opvanginitiatieven moeten elk jaar hetzelfde attest brandveiligheid voorleggen, ook als er niets "
     "veranderde.",
     ("publish", "attest-brand", "Jaarlijks attest brandveiligheid in de kinderopvang")),
    ("wachtend-1", "wooncode", "outdated", "citizen", 10,
     "De regels over de conformiteitsattesten verwijzen nog naar een formulier dat niet meer bestaat. Mijn "
     "rijksregisternummer is 85.07.30-033.28 als u het dossier wil opzoeken.",
     None),
    ("wachtend-2", None, "burden", "company", 5,
     "Als bakkerij moeten we voor de afvalstoffen een register bijhouden dat bijna hetzelfde vraagt als de "
     "jaarlijkse milieuaangifte (materialendecreet).",
     None),
    ("spam", None, "other", "citizen", 90,
     "Goedkope horloges en zonnebrillen, beste prijzen, bestel nu op onze webwinkel!!!",
     ("reject", "spam", "Reclame, geen signaal over een regel.")),
    ("eigen-dossier", "codex-fiscaliteit", "other", "citizen", 60,
     "Mijn aanslag onroerende voorheffing van 2024 klopt niet, rekening BE68 5390 0754 7034, graag terugstorten "
     "aan mij, Jan Peeters, jan.peeters@example.be.",
     ("reject", "personal_data", "Gaat over één persoonlijk dossier; doorgestuurd naar de Vlaamse Belastingdienst.")),
    ("buiten-onderwerp", None, "other", "citizen", 45,
     "Waarom rijdt de bus in onze straat sinds maart niet meer na acht uur 's avonds?",
     ("reject", "off_topic", "Geen vraag over een regel; doorgestuurd naar De Lijn.")),
]  # fmt: skip

# Evidence sent with a signal (read by the moderators only).
EVIDENCE = {
    "wachtend-2": (
        "afvalregister-en-milieuaangifte.pdf",
        "Afvalstoffenregister en integrale milieuaangifte: de velden naast elkaar.",
    ),
}

ANSWERS = {
    "kleine-werken": ("answered", "Het Omgevingsvergunningenbesluit wordt herzien: kleine werken tot 40 m² worden "
                      "meldingsplichtig in plaats van vergunningsplichtig (ontwerp in voorbereiding)."),
    "vooraf-invullen": ("taken_up", "Vanaf de volgende versie van het Omgevingsloket worden gegevens uit de KBO en het "
                        "kadaster vooraf ingevuld (het principe van de eenmalige gegevensopvraging)."),
    "premie-datum": ("answered", "De datum van de eindfactuur telt. De toelichting bij de premie wordt aangepast."),
}  # fmt: skip


def load(regulations: dict, created: list) -> None:
    moderator = (
        User.objects.filter(username="ambtenaar").first() or User.objects.filter(username="secretariaat").first()
    )
    if moderator is None:
        return
    groups = {}
    now = timezone.now()
    candidates = [r for r in regulations.values() if r is not None]
    for key, regulation_key, theme, reporter, days, text, moderation in SIGNALS:

        def make(key=key, regulation_key=regulation_key, theme=theme, reporter=reporter, days=days, text=text):
            evidence = []
            if key in EVIDENCE:
                name, content = EVIDENCE[key]
                evidence.append(SimpleUploadedFile(name, make_pdf(content), content_type="application/pdf"))
            signal = feedback.submit(
                text=text, theme=theme, reporter_kind=reporter, regulation=regulations.get(regulation_key),
                candidates=candidates, evidence=evidence,
            )  # fmt: skip
            FeedbackSignal.objects.filter(pk=signal.pk).update(submitted_at=now - datetime.timedelta(days=days))
            signal.refresh_from_db()
            return signal

        signal = seed(f"feedback-signal:{key}", make, created)
        if signal is None:
            continue
        if moderation and signal.state == FeedbackSignal.State.RECEIVED:
            if moderation[0] == "publish":
                signal = feedback.publish(moderator, signal, title=moderation[2])
            elif moderation[0] == "join":
                signal = feedback.publish(moderator, signal, group=groups[moderation[1]])
            else:
                feedback.reject(moderator, signal, reason=moderation[1], note=moderation[2])
        if moderation and moderation[0] == "publish" and signal.group is not None:
            groups[moderation[1]] = signal.group
    for key, (status, text) in ANSWERS.items():
        group = groups.get(key)
        if group is not None and not group.answer:
            feedback.answer(moderator, group, status=status, text=text)
    last_year = timezone.localdate().year
    seed(f"state-of-regulation:{last_year}", lambda: state.make_version(moderator, last_year), created)
