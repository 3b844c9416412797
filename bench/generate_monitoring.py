"""The monitoring of a recovery plan at scale (issue 21), for the benchmarks.

At scale 1.0 the size of Flanders' recovery plan (Vlaamse Veerkracht): 7 core ambitions, 36
programmes, 181 projects, 1,753 milestones (done, dropped, in progress, to start; due dates spread
over the plan's years, so some open ones are late), and 500 indicators with twenty years of values,
five reference regions each, targets, and the release calendar of their latest figure (one in ten
still announced, so the embargo has something to hold back). The indicators hang across the tree:
each on a project, some also on its programme, a few on the core ambition. Every initiative has
budget lines for the plan's years (planned ≥ committed ≥ spent, as the database requires). The
ambitions are public, most programmes and projects under a public parent too, four indicators in
five: the public progress pages have something to show. Smaller scales shrink the tree (never
below two ambitions, so a filter has something to leave out).

`generate_monitoring(scale, seed)` runs on its own against an archive made before the tree existed
(bench/run.py calls it when `present()` says the tree is missing), and as part of `generate`.
Bulk inserts, one transaction.
"""

from __future__ import annotations

import datetime
import random
import time
from collections import Counter
from decimal import Decimal

PREFIX = "hp"  # herstelplan: the codes of the generated tree
AMBITIONS, PROGRAMMES, PROJECTS, MILESTONES, INDICATORS = 7, 36, 181, 1753, 500
YEARS = 20
REGIONS = [
    ("NL", "Nederland"),
    ("DK", "Denemarken"),
    ("FI", "Finland"),
    ("AT", "Oostenrijk"),
    ("DE-BW", "Baden-Württemberg"),
]
AMBITION_TITLES = [
    "Een veerkrachtige economie", "Klimaat en duurzaamheid", "Digitale transformatie", "Mobiliteit",
    "Arbeidsmarkt en opleiding", "Zorg en welzijn", "Overheid en bestuurskracht", "Wonen en ruimte",
]  # fmt: skip
TOPICS = [
    "renovatie", "laadpalen", "fietsinfrastructuur", "opleiding", "innovatie", "waterbeheer", "zorgpersoneel",
    "digitale vaardigheden", "breedband", "circulaire economie", "energie-efficiëntie", "onderzoek", "export",
    "kinderopvang", "ontharding", "openbaar vervoer", "cyberveiligheid", "datadeling", "hernieuwbare energie",
]  # fmt: skip
MILESTONE_TITLES = [
    "Aanpak goedgekeurd", "Oproep gelanceerd", "Selectie afgerond", "Contracten getekend", "Eerste resultaten",
    "Tussentijdse evaluatie", "Uitrol voltooid", "Eindrapport", "Wetgeving aangenomen", "Pilot gestart",
]  # fmt: skip
UNITS = ["procent", "aantal", "euro", "ton CO2", "km"]


def sizes(scale: float) -> dict[str, int]:
    """The tree at this scale: every level at least as large as the one above it."""
    ambitions = max(2, round(AMBITIONS * scale))
    programmes = max(ambitions, round(PROGRAMMES * scale))
    projects = max(programmes, round(PROJECTS * scale))
    return {
        "ambitions": ambitions,
        "programmes": programmes,
        "projects": projects,
        "milestones": max(projects, round(MILESTONES * scale)),
        "indicators": max(2, round(INDICATORS * scale)),
    }


def present() -> bool:
    """Whether the generated tree is there (an archive made before it has one initiative only)."""
    from chancery.monitoring.models import Initiative

    return Initiative.objects.filter(level="programme", code__startswith=f"{PREFIX}-").exists()


def _spread(children: int, parents: list, rng: random.Random) -> list:
    """A parent for each child: every parent one at least, the rest at random."""
    picked = [parents[n % len(parents)] for n in range(min(children, len(parents)))]
    picked += [rng.choice(parents) for _ in range(children - len(picked))]
    return picked


def _entities():
    from chancery.core.models import Entity

    entities = list(Entity.objects.filter(kind__in=["department", "agency"])[:20])
    if len(entities) < 5:
        entities += Entity.objects.bulk_create(
            [Entity(code=f"bench-entiteit-{n}", kind="agency", name=f"Agentschap {n} (bench)") for n in range(8)],
            ignore_conflicts=True,
        )
        entities = list(Entity.objects.filter(kind__in=["department", "agency"])[:20])
    return entities


def generate_monitoring(scale: float, seed: int = 2026, counts: Counter | None = None) -> dict:
    """Generate the tree into the configured database; return its report (rows per model, rate)."""
    from django.db import transaction
    from django.utils import timezone

    from chancery.monitoring.models import (
        BenchmarkValue,
        BudgetLine,
        Indicator,
        Initiative,
        Milestone,
        Observation,
        ScheduledRelease,
        SdmxMapping,
        Target,
    )

    started = time.monotonic()
    counts = Counter() if counts is None else counts
    before = sum(counts.values())
    rng = random.Random(seed)
    size = sizes(scale)
    today = timezone.localdate()
    year = today.year
    now = timezone.now()

    def bulk(model, rows, batch=5000):
        created = model.objects.bulk_create(rows, batch_size=batch)
        counts[model._meta.label] += len(created)
        return created

    with transaction.atomic():
        entities = _entities()

        def initiative(level, code, title, parent, priority, public, position):
            return Initiative(level=level, code=code, title=title, parent=parent, priority=priority,
                              summary=f"{title}: wat de regering doet en hoe het vordert (gegenereerd).",
                              lead_entity=rng.choice(entities), public=public, position=position)  # fmt: skip

        ambitions = bulk(Initiative, [
            initiative("ambition", f"{PREFIX}-{a + 1}", AMBITION_TITLES[a % len(AMBITION_TITLES)], None,
                       f"§{a + 1}", True, a + 1)
            for a in range(size["ambitions"])
        ])  # fmt: skip
        programmes, numbering = [], Counter()
        for parent in sorted(_spread(size["programmes"], ambitions, rng), key=lambda p: p.position):
            numbering[parent.pk] += 1
            n = numbering[parent.pk]
            programmes.append(initiative("programme", f"{parent.code}-{n}", f"Programma {rng.choice(TOPICS)}", parent,
                                         f"{parent.priority}.{n}", rng.random() < 0.9, n))  # fmt: skip
        programmes = bulk(Initiative, programmes)
        projects = []
        for parent in sorted(_spread(size["projects"], programmes, rng), key=lambda p: p.code):
            numbering[parent.pk] += 1
            n = numbering[parent.pk]
            projects.append(initiative("project", f"{parent.code}-{n}", f"Project {rng.choice(TOPICS)} {n}", parent,
                                       parent.priority, parent.public and rng.random() < 0.8, n))  # fmt: skip
        projects = bulk(Initiative, projects)

        # Milestones on the projects, due over the plan's years (three back, three ahead).
        first_day, span = datetime.date(year - 3, 1, 1), 6 * 365
        milestones = []
        for project in _spread(size["milestones"], projects, rng):
            due = first_day + datetime.timedelta(days=rng.randrange(span))
            draw = rng.random()
            # Most past milestones done, some dropped, a few still open (late: at risk, or off track
            # after 90 days); of those to come some done early, many under way.
            if due < today - datetime.timedelta(days=90):
                status = "done" if draw < 0.87 else "dropped" if draw < 0.95 else "in_progress"
            elif due < today:
                status = "done" if draw < 0.7 else "in_progress"
            else:
                status = "done" if draw < 0.1 else "in_progress" if draw < 0.5 else "not_started"
            done_on = min(today, due + datetime.timedelta(days=rng.randint(-30, 60))) if status == "done" else None
            milestones.append(Milestone(initiative=project, title=rng.choice(MILESTONE_TITLES), due=due, status=status,
                                        done_on=done_on, drop_reason="Opgenomen in een ander project." if status ==
                                        "dropped" else ""))  # fmt: skip
        bulk(Milestone, milestones)

        # Budgets: every initiative, the plan's years (two back, this one, next), spending behind plans.
        lines = []
        for node in ambitions + programmes + projects:
            scale_of = {"ambition": 20, "programme": 5, "project": 1}[node.level]
            for y in range(year - 2, year + 2):
                planned = Decimal(rng.randint(200, 5000) * 1000 * scale_of)
                committed = (planned * Decimal(rng.randint(70, 100)) / 100).quantize(Decimal(1)) if y <= year else 0
                # This year's spending mostly on pace; one initiative in seven lagging (at risk).
                lagging = rng.random() < 0.15
                share = 95 if y < year else rng.randint(5, 40) if lagging else rng.randint(60, 98) if y == year else 0
                spent = (committed * Decimal(share) / 100).quantize(Decimal(1))
                lines.append(BudgetLine(initiative=node, year=y, planned=planned, committed=committed, spent=spent))
        bulk(BudgetLine, lines)

        # Indicators with twenty years of values, across the tree.
        indicators = bulk(Indicator, [
            Indicator(code=f"{PREFIX}-ind-{n}", name=f"Indicator {rng.choice(TOPICS)} {n}", unit=rng.choice(UNITS),
                      public=rng.random() < 0.8, direction="up", baseline_value=Decimal(50),
                      baseline_date=datetime.date(year - YEARS, 1, 1), source="Statistiek Vlaanderen (gegenereerd)")
            for n in range(size["indicators"])
        ])  # fmt: skip
        by_pk = {node.pk: node for node in ambitions + programmes}
        link = Indicator.initiatives.through
        links = []
        for indicator, project in zip(indicators, _spread(len(indicators), projects, rng), strict=True):
            links.append(link(indicator_id=indicator.pk, initiative_id=project.pk))
            if rng.random() < 0.3:
                links.append(link(indicator_id=indicator.pk, initiative_id=project.parent_id))
                if rng.random() < 0.3:
                    links.append(link(indicator_id=indicator.pk, initiative_id=by_pk[project.parent_id].parent_id))
        bulk(link, links)
        mappings = bulk(SdmxMapping, [SdmxMapping(name=f"{i.code}-ref", indicator=i) for i in indicators])
        observations, benchmarks, releases, targets = [], [], [], []
        for indicator, mapping in zip(indicators, mappings, strict=True):
            value = Decimal(50)
            for y in range(year - YEARS, year):
                value += Decimal(rng.randint(-10, 25)) / 10
                start = datetime.date(y, 1, 1)
                observations.append(Observation(indicator=indicator, period=str(y), period_start=start, value=value))
                for area, label in REGIONS:
                    benchmarks.append(BenchmarkValue(mapping=mapping, indicator=indicator, area=area, area_label=label,
                                                     period=str(y), period_start=start,
                                                     value=value + Decimal(rng.randint(-80, 80)) / 10))  # fmt: skip
            # The target three years ahead on the indicator's own path, more or less ambitious, so
            # that most are on track, some behind (at risk), a few far behind; half with an earlier one.
            pace = (value - 50) * Decimal(YEARS + 4) / Decimal(YEARS) if value > 55 else Decimal(20)
            ambition = Decimal(rng.choice([85, 95, 100, 105, 110, 120, 130, 150, 170])) / 100
            if rng.random() < 0.5:
                targets.append(Target(indicator=indicator, value=(50 + pace * Decimal("0.4")).quantize(Decimal(1)),
                                      date=datetime.date(year - 8, 12, 31)))  # fmt: skip
            targets.append(Target(indicator=indicator, value=(50 + pace * ambition).quantize(Decimal(1)),
                                  date=datetime.date(year + 3, 12, 31)))  # fmt: skip
            # The latest figure's announced release: one in ten still to come.
            days = rng.randint(5, 60) * (1 if rng.random() < 0.1 else -1)
            releases.append(ScheduledRelease(indicator=indicator, period=str(year - 1),
                                             release_at=now + datetime.timedelta(days=days)))  # fmt: skip
        bulk(Target, targets)
        bulk(Observation, observations)
        bulk(BenchmarkValue, benchmarks)
        bulk(ScheduledRelease, releases)
    seconds = time.monotonic() - started
    rows = sum(counts.values()) - before
    return {"rows": rows, "seconds": round(seconds, 2), "rows_per_s": round(rows / seconds) if seconds else None,
            "sizes": size, "counts": dict(counts)}  # fmt: skip
