"""Demo data for monitoring: the memorandum's priorities, sub-themes and fiches as a programme tree,
its named budgets, plausible milestones, and demo indicator series (generated, marked as such).
Idempotent: what exists (by code) is left as it is."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from chancery.core.demo.loader import seed, tally
from chancery.core.models import Entity, User
from chancery.monitoring.demo.data import (
    AMBITIONS,
    BENCHMARKED,
    INDICATORS,
    PROGRAMMES,
    PROJECTS,
    REFERENCES,
    VISION_NOTES,
)
from chancery.monitoring.models import (
    BenchmarkValue,
    Indicator,
    Initiative,
    Milestone,
    MilestoneStatus,
    Observation,
    ProgressReport,
    ScheduledRelease,
    SdmxMapping,
    Target,
    VisionNote,
)
from chancery.monitoring.services import budgets, observations, reports
from chancery.monitoring.services.structure import create_initiative

DEMO_NOTE = "Demowaarden, gegenereerd voor de demonstratie."


def _report(secretariat, period: str) -> ProgressReport:
    """Asked for as the secretariat would: queued ("being made" on its page), its PDF made by the
    worker that `make run` starts with the server (rendering it here held up the first page)."""
    return reports.request_report(secretariat, None, period)


@transaction.atomic
def load_demo() -> dict:
    created: list = []
    secretariat = User.objects.filter(username="secretariaat").first()
    lead = Entity.objects.filter(code="dkbuza").first()
    if secretariat is None or lead is None:
        return {}
    today = timezone.localdate()
    nodes: dict[str, Initiative] = {}

    def node(code, **fields):
        existing = Initiative.objects.filter(code=code).first()
        if existing:
            return existing
        made = seed(f"initiative:{code}", lambda: create_initiative(secretariat, code=code, lead_entity=lead,
                    public=True, **fields), created)  # fmt: skip
        return made

    for position, (code, section, title, summary) in enumerate(AMBITIONS):
        nodes[code] = node(code, level="ambition", title=title, summary=summary, priority=section, position=position)
    for position, (code, ambition, section, title) in enumerate(PROGRAMMES):
        nodes[code] = node(code, level="programme", parent=nodes[ambition], title=title, priority=section,
                           summary=f"{title}: zie het memorandum, {section}.", position=position)  # fmt: skip
    rng = random.Random(2024)
    for fiche, programme, section, title, yearly in PROJECTS:
        code = f"fiche-{fiche:02d}"
        fresh = not Initiative.objects.filter(code=code).exists()
        project = nodes[code] = node(
            code, level="project", parent=nodes[programme], title=title, priority=section, position=fiche,
            summary=f"Technische fiche {fiche} van het memorandum: {title.lower()}.",
        )  # fmt: skip
        if not fresh or project is None:
            continue
        for year in (today.year - 1, today.year, today.year + 1):
            planned = Decimal(yearly or rng.choice([150_000, 250_000, 400_000]))
            share = Decimal(1) if year < today.year else Decimal(today.timetuple().tm_yday) / Decimal(365)
            if year > today.year:
                share = Decimal(0)
            spent = (planned * share * Decimal(rng.choice(["0.35", "0.8", "0.95"]))).quantize(Decimal("0.01"))
            committed = min(planned, (spent * Decimal("1.2")).quantize(Decimal("0.01")))
            budgets.set_budget(secretariat, project, year, planned=planned, committed=committed, spent=spent,
                               expected_revision=None)  # fmt: skip
        for n, (label, offset) in enumerate(
            (("Aanpak goedgekeurd", -300), ("Eerste resultaten", -40), ("Evaluatie", 200))
        ):
            due = today + datetime.timedelta(days=offset + rng.randint(-20, 20))
            state = MilestoneStatus.DONE if n == 0 or rng.random() < 0.6 else MilestoneStatus.IN_PROGRESS
            if due > today:
                state = MilestoneStatus.NOT_STARTED
            done_on = min(today, due + datetime.timedelta(days=rng.randint(-10, 15)))
            Milestone.objects.create(
                initiative=project, title=label, due=due, status=state,
                done_on=done_on if state == MilestoneStatus.DONE else None,
            )  # fmt: skip
    for code, name, unit, direction, (base_year, base), (target_year, target), fiche, step in INDICATORS:
        if Indicator.objects.filter(code=code).exists():
            continue
        indicator = Indicator.objects.create(
            code=code, name=name, unit=unit, direction=direction, baseline_value=Decimal(base),
            baseline_date=datetime.date(base_year, 1, 1), source="Departement Kanselarij en Buitenlandse Zaken",
            method=DEMO_NOTE, public=True,
        )  # fmt: skip
        created.append(indicator)
        Target.objects.create(indicator=indicator, value=Decimal(target), date=datetime.date(target_year, 1, 1))
        indicator.initiatives.add(nodes[f"fiche-{fiche:02d}"])
        local = random.Random(code)
        value = Decimal(base)
        for year in range(base_year, today.year):
            observations.record(indicator, str(year), value, source_file="demo")
            value = max(Decimal(0), value + Decimal(step) * Decimal(local.choice(["0.5", "0.9", "1.1", "1.3"])))
        # This year's figure is announced: it appears on the public pages at its moment.
        observations.record(indicator, str(today.year), value, source_file="demo")
        ScheduledRelease.objects.create(
            indicator=indicator, period=str(today.year),
            release_at=timezone.make_aware(datetime.datetime(today.year + 1, 1, 15, 10)),
        )  # fmt: skip
    for code in BENCHMARKED:
        indicator = Indicator.objects.filter(code=code).first()
        if indicator is None or SdmxMapping.objects.filter(name=f"demo-{code}").exists():
            continue
        mapping = SdmxMapping.objects.create(name=f"demo-{code}", indicator=indicator, dataflow="DEMO")
        created.append(mapping)
        local = random.Random(f"benchmark-{code}")
        for observation in Observation.objects.filter(
            indicator=indicator, is_current=True, period_start__year__lt=today.year
        ):
            for area, label in REFERENCES:
                value = observation.value * Decimal(local.choice(["0.85", "0.92", "1.0", "1.05", "1.1"]))
                BenchmarkValue.objects.create(
                    mapping=mapping, indicator=indicator, area=area, area_label=label, period=observation.period,
                    period_start=observation.period_start, value=min(value, Decimal(100)), demo=True,
                )  # fmt: skip
    for title, kind, regions, months_ago, months_ahead in VISION_NOTES:
        if VisionNote.objects.filter(title=title).exists():
            continue
        last = today - datetime.timedelta(days=30 * months_ago)
        created.append(
            VisionNote.objects.create(
                title=title,
                kind=kind,
                regions=regions,
                owner=lead,
                last_update=last,
                planned_update=max(last, today + datetime.timedelta(days=30 * months_ahead)),
            )  # fmt: skip
        )
    # A progress report the board's expert reads (experts read reports, they do not make them):
    # last year's, for the whole programme, made by the worker once the server is up.
    seed(f"report:{today.year - 1}", lambda: _report(secretariat, str(today.year - 1)), created)
    return tally(created)
