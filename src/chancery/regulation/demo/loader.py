"""Demo data of the register: some forty Flemish regulations (`data.py`: illustrative, to verify),
EU acts and transpositions, two burden calculations of regulations in force and a draft decree
with its ex-ante calculation; feedback signals in every moderation state and one State of Regulation
(`feedback.py`). Idempotent: what the demo made once is not made again."""

from __future__ import annotations

import datetime

from django.db import transaction

from chancery.core.demo.loader import seed, tally
from chancery.core.models import Mandatee, User
from chancery.decisions import services as decisions
from chancery.decisions.models import Theme
from chancery.eu_files.models import EuAct
from chancery.regulation.demo import data
from chancery.regulation.demo import feedback as feedback_demo
from chancery.regulation.services import burden, register

# When the demo's regulations came into force, as far as the demo knows (to verify, as the rest).
IN_FORCE = {
    "omgevingsvergunning": ("2017-02-23", "Inwerkingtreding van de omgevingsvergunning. " + data.DEMO_NOTE),
    "lokaal-bestuur": ("2019-01-01", "Inwerkingtreding van de meeste bepalingen. " + data.DEMO_NOTE),
}


def _day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


@transaction.atomic
def load_demo() -> dict[type, int]:
    secretariat = User.objects.filter(username="secretariaat").first()
    if secretariat is None:
        return {}
    created: list = []
    domains = {theme.label: theme for theme in Theme.objects.all()}
    regulations = {}
    for key, kind, title, day, domain in data.REGULATIONS:
        regulations[key] = seed(
            f"regulation:{key}",
            lambda kind=kind, title=title, day=day, domain=domain: register.register_regulation(
                secretariat, kind=kind, title=title, date=_day(day), policy_domain=domains.get(domain)
            ),
            created,
        )
    for key, title, day, eli, numac, domain in data.GAZETTE:
        regulations[key] = seed(
            f"regulation:{key}",
            lambda title=title, day=day, eli=eli, numac=numac, domain=domain: register.register_regulation(
                secretariat,
                kind="decree",
                title=title,
                date=_day(day),
                eli=eli,
                numac=numac,
                eli_verified=True,
                policy_domain=domains.get(domain) if domain else None,
            ),  # fmt: skip
            created,
        )
    for key, (day, note) in IN_FORCE.items():
        if regulations.get(key):
            seed(
                f"regulation-version:{key}:{day}",
                lambda key=key, day=day, note=note: register.add_version(
                    secretariat, regulations[key], valid_from=_day(day), text="", note=note
                ),
                created,
            )
    acts = {
        celex: seed(
            f"eu-act:{celex}",
            lambda celex=celex, kind=kind, title=title, deadline=deadline: EuAct.objects.create(
                celex=celex, kind=kind, title=title, transposition_deadline=_day(deadline) if deadline else None
            ),
            created,
        )
        for celex, kind, title, deadline in data.EU_ACTS
    }
    for key, links in data.TRANSPOSITIONS.items():
        for celex, items in links:
            if regulations.get(key) and acts.get(celex):
                seed(
                    f"transposition:{key}:{celex}",
                    lambda key=key, celex=celex, items=items: register.record_transposition(
                        secretariat,
                        regulations[key],
                        acts[celex],
                        assessed_on=_day("2024-06-30"),
                        gold_plating=[register.Provision(*item) for item in items],
                    ),
                    created,
                )
    for key, (title, day, calculation) in data.CALCULATIONS.items():
        if regulations.get(key):
            seed(
                f"burden:{key}",
                lambda key=key, title=title, day=day, calculation=calculation: register.record_calculation(
                    secretariat,
                    title=title,
                    reference_date=_day(day),
                    obligations=burden.read_obligations(calculation, tariffs_on=_day(day)),
                    regulation=regulations[key],
                ),
                created,
            )
    _draft(secretariat, regulations, domains, created)
    feedback_demo.load(regulations, created)
    return tally(created)


def _draft(secretariat, regulations, domains, created) -> None:
    spec = data.DRAFT
    amended = regulations.get(spec["amends"])
    minister = Mandatee.objects.order_by("precedence", "pk").first()
    if amended is None or minister is None:
        return

    def make_draft():
        dossier = decisions.create_dossier(secretariat, title=spec["dossier_title"], short_title=spec["short_title"])
        for kind, title in (
            ("principle_approval", "Principiële goedkeuring"),
            ("final_approval", "Definitieve goedkeuring"),
        ):
            decisions.add_step(secretariat, dossier, kind=kind, title=title, mandatees=[minister])
        return register.start_draft(
            secretariat, dossier, kind="decree", title=spec["title"], amends=amended,
            policy_domain=domains.get(spec["domain"]),
        )  # fmt: skip

    draft = seed("draft-regulation:vereenvoudiging-meldingen", make_draft, created)
    if draft is None:
        return
    title, day, calculation = spec["calculation"]
    seed(
        "burden:draft:vereenvoudiging-meldingen",
        lambda: register.record_calculation(
            secretariat,
            title=title,
            reference_date=_day(day),
            obligations=burden.read_obligations(calculation, tariffs_on=_day(day)),
            draft=draft,
        ),
        created,
    )
