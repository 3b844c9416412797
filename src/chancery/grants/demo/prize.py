"""Demo of the human rights prize: last year's edition decided (a laureate who consented to be
named, one nomination not chosen) and this year's edition open for nominations, with nominations
received, admissible, inadmissible, shortlisted (the jury scoring) and scored, a deliberation
note; the jury is the demo's `jurylid` and `expert`. Idempotent (DemoSeed keys)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from chancery.core.demo.loader import seed
from chancery.grants.prize_models import Edition
from chancery.grants.services import prize
from chancery.procedures.services import cases as engine

CRITERIA = [
    {"name": "Moed en persoonlijk risico", "weight": 2},
    {"name": "Impact op de mensenrechtensituatie", "weight": 2},
    {"name": "Voorbeeldfunctie en duurzaamheid", "weight": 1},
]
MOTIVATION = (
    "Documenteert al jaren onder grote druk schendingen van de mensenrechten en biedt slachtoffers "
    "juridische bijstand, ook na bedreigingen en een reisverbod."
)
# (year offset, nominee, country, consents, steps, marks)
NOMINATIONS = [
    (-1, "Verdediger van inheemse landrechten", "BR", True, ["declare_admissible", "shortlist", "close_scoring",
                                                            "award_prize"], (18, 17, 16)),
    (-1, "Collectief van onderzoeksjournalisten", "RS", False, ["declare_admissible", "shortlist", "close_scoring",
                                                               "not_choose"], (12, 13, 11)),
    (0, "Mensenrechtencentrum in ballingschap", "BY", False, [], None),
    (0, "Journaliste uit Tbilisi", "GE", True, ["declare_admissible"], None),
    (0, "Reclamebureau zonder mensenrechtenwerk", "BE", False, ["declare_inadmissible"], None),
    (0, "Advocate van politieke gevangenen", "AZ", False, ["declare_admissible", "shortlist"], None),
    (0, "Vrouwenrechtenorganisatie in Kaboel", "AF", False, ["declare_admissible", "shortlist", "close_scoring"],
     (16, 18, 15)),
]  # fmt: skip
REASONS = {
    "declare_inadmissible": "Geen band met de verdediging van de mensenrechten.",
    "award_prize": "De jury kende de prijs unaniem toe.",
    "not_choose": "Niet gekozen na de deliberatie.",
}


def _edition(handler, year: int, jury, created) -> Edition | None:
    def make():
        tz = timezone.get_current_timezone()
        edition = prize.create_edition(
            handler, year=year,
            theme="Verdedigers van de persvrijheid" if year % 2 else "Mensenrechtenverdedigers in gevaar",
            description="De jaarlijkse mensenrechtenprijs van de Vlaamse Regering (memorandum §6.1.2).",
            nominations_open=datetime.datetime(year, 1, 15, 9, 0, tzinfo=tz),
            nominations_close=datetime.datetime(year, 12, 31, 17, 0, tzinfo=tz), criteria=CRITERIA,
        )  # fmt: skip
        for n, user in enumerate(jury):
            prize.add_jury_member(handler, edition, user, public_name=user.display_name,
                                  affiliation="Onafhankelijk expert", chair=n == 0)  # fmt: skip
        return edition

    return seed(f"grants:prize-edition:{year}", make, created)


def _nomination(handler, edition: Edition, row, created):
    _offset, nominee, country, consents, steps, marks = row

    def make():
        at = max(edition.nominations_open + datetime.timedelta(days=30), timezone.now() - datetime.timedelta(days=1))
        at = min(at, edition.nominations_close - datetime.timedelta(hours=1))
        nomination = prize.nominate(edition, {
            "nominee_name": nominee, "nominee_country": country, "motivation": MOTIVATION,
            "nominator_name": "Pieter Claes", "nominator_email": "pieter.claes@example.be",
            "consents_to_publication": consents,
        }, at=at)  # fmt: skip
        case = nomination.case
        for step in steps:
            if step == "close_scoring" and marks:
                for review in nomination.reviews.select_related("member__user"):
                    member = review.member.user
                    prize.declare_conflict(member, review, conflict=False)
                    criteria = list(edition.criteria.all())
                    prize.score(member, review, {c.pk: (m, "Overtuigend dossier.") for c, m in zip(criteria, marks,
                                                                                             strict=True)})  # fmt: skip
            case.refresh_from_db()
            engine.fire(case, step, handler, reason=REASONS.get(step, ""), expected_version=case.version,
                        source="command")  # fmt: skip
        return nomination

    return seed(f"grants:prize-nomination:{edition.year}:{nominee}", make, created)


def load_prize(handler, jury, created) -> None:
    year = timezone.localdate().year
    editions = {offset: _edition(handler, year + offset, jury, created) for offset in (-1, 0)}
    for row in NOMINATIONS:
        if editions[row[0]] is not None:
            _nomination(handler, editions[row[0]], row, created)
    current = editions[0]
    if current is not None:
        seed(f"grants:prize-note:{current.year}",
             lambda: prize.add_note(handler, current, "De jury bespreekt de shortlist op haar volgende vergadering; "
                                    "de veiligheid van de genomineerden gaat voor."), created)  # fmt: skip
