"""Procedure files (zaken) at scale for the benchmarks: `generate_cases(scale, seed)`.

At scale 1.0: 100,000 cases of every registered procedure (licences, investment screening, grants,
the disaster fund …) in all their states, each with the history the engine would have written
(one `CaseTransition` per step, the applicant's steps by the applicant's account, the others by a
handler of the team), its deadline clocks (`ClockPeriod` rows, `due_on` and `within_term` computed
with the engine's own arithmetic), its team and handlers (one or two of twelve per team, a fifth
unassigned), and one company (`COMPANY`) whose representative filed `COMPANY_FILES` of them (the
counter list the bench measures). Smaller scales shrink the number of cases, not the company's
files (at most half the cases). Every state of every procedure is reached by at least one case (the
shortest walk to it), the rest walk the procedure at random. Open cases moved in the last weeks
(their clocks run around today, some overdue); closed ones over the last three years.

Called by bench/generate.py after the archive, and by bench/run.py on an archive generated
without cases (`has_cases()`). Bulk inserts, a batch of cases per transaction.
"""

from __future__ import annotations

import datetime
import random
import time
from collections import Counter, deque

from django.db import connection, transaction
from django.utils import timezone

CASES = 100_000
COMPANY = "Bench Grootbedrijf NV"
COMPANY_FILES = 500
HANDLERS_PER_TEAM = 12
PARTIES = 2_000
APPLICANT_ACCOUNTS = 50
BATCH = 5_000
# The measured handler, team and representative (bench/cases.py logs in as them).
HANDLER = "bench-behandelaar-1"
REPRESENTATIVE = "bench-aanvrager"
# How often each procedure comes (the others: 1).
MIX = {"CSG": 30, "SUB": 25, "RF": 15, "VM": 10, "FDI": 5, "SUBH": 5, "MRP": 5}
STOP_OPEN = 0.06  # chance a walk stops in a state still being handled
GO_ON_DECIDED = 0.5  # chance a walk goes on after a decision (a granted licence expires …)
SUBJECTS = [
    "Uitvoer van warmtebeeldcamera's", "Doorvoer van onderdelen", "Projectsubsidie innovatie",
    "Schade aan woning na overstroming", "Overname van een technologiebedrijf", "Werkingssubsidie vereniging",
    "Uitvoer van dual-use software", "Herstel van landbouwschade", "Prijs voor duurzaam ontwerp",
    "Noodhulp na storm", "Investering in halfgeleiders", "Uitvoer van nachtkijkers",
]  # fmt: skip


def kbo(n: int) -> str:
    """A valid Belgian enterprise number built from n (97 minus the first eight digits modulo 97)."""
    first = f"0{(4_000_000 + n) % 10_000_000:07d}"
    check = 97 - int(first) % 97
    digits = f"{first}{check:02d}"
    return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"


def has_cases() -> bool:
    from chancery.procedures.models import Case

    return Case.objects.filter(applicant__name=COMPANY).exists()


def _paths(procedure) -> dict[str, list]:
    """The shortest walk (list of transitions) from the initial state to each reachable state."""
    paths = {procedure.initial: []}
    queue = deque([procedure.initial])
    while queue:
        state = queue.popleft()
        for t in procedure.transitions_from(state):
            if t.target not in paths:
                paths[t.target] = [*paths[state], t]
                queue.append(t.target)
    return paths


def _walk(procedure, rng: random.Random) -> list:
    """Steps taken from the initial state at random: mostly forward, a withdrawal now and then."""
    state, steps = procedure.initial, []
    for _n in range(14):
        info = procedure.state(state)
        if info.final:
            break
        if info.closed and rng.random() > GO_ON_DECIDED:
            break
        if not info.closed and steps and rng.random() < STOP_OPEN:
            break
        options = procedure.transitions_from(state)
        if not options:
            break
        weights = [0.08 if t.name == "withdraw" else 1.0 for t in options]
        step = rng.choices(options, weights=weights)[0]
        steps.append(step)
        state = step.target
    return steps


class _Clocks:
    """The engine's clock keeping (services.clocks.move / refresh), in memory for one case."""

    def __init__(self, procedure):
        self.procedure = procedure
        self.periods = {c.code: [] for c in procedure.clocks}  # [started_on, ended_on, stopped]

    def move(self, target: str, day: datetime.date) -> None:
        for clock in self.procedure.clocks:
            periods = self.periods[clock.code]
            if any(p[2] for p in periods):
                continue
            open_period = next((p for p in periods if p[1] is None), None)
            if target in clock.runs_in:
                if open_period is None:
                    periods.append([day, None, False])
            elif target in clock.suspended_in:
                if open_period is not None:
                    open_period[1] = day
            elif periods:
                if open_period is not None:
                    open_period[1], open_period[2] = day, True
                else:
                    periods[-1][2] = True

    def refresh(self, case, today: datetime.date, is_open: bool) -> None:
        from chancery.procedures import clocks as arithmetic

        running, finished = [], []
        for clock in self.procedure.clocks:
            periods = self.periods[clock.code]
            if not periods:
                continue
            term = clock.term_for(case, periods[0][0])
            spans = [(p[0], p[1]) for p in periods]
            if periods[-1][1] is None:
                due = arithmetic.due_date(spans, term.days, clock.working_days)
                if due:
                    running.append(due)
            elif any(p[2] for p in periods):
                end = periods[-1][1]
                finished.append(arithmetic.remaining_days(spans, term.days, clock.working_days, end) >= 0)
        case.due_on = min(running) if running else None
        if finished and not is_open:
            case.within_term = all(finished)


def _organisation():
    """Teams (the procedures' entities), their handlers, applicants' accounts, parties and the company."""
    from chancery.core.models import Entity, Role, User
    from chancery.procedures import registry
    from chancery.procedures.models import Party, Representation

    teams = {}
    for code in sorted({p.team for p in registry.all_procedures() if p.team}):
        entity = Entity.objects.filter(code=code).first() or Entity.objects.create(
            code=code, kind="department", name=f"Team {code}"
        )
        teams[code] = entity
    handlers: dict[int, list] = {}
    number = 0
    for entity in teams.values():
        for _n in range(HANDLERS_PER_TEAM):
            number += 1
            user, _created = User.objects.get_or_create(
                username=f"bench-behandelaar-{number}",
                defaults={"role": Role.CIVIL_SERVANT, "entity": entity, "first_name": "Behandelaar",
                          "last_name": str(number)},
            )  # fmt: skip
            handlers.setdefault(entity.pk, []).append(user)
    accounts = [
        User.objects.get_or_create(username=f"bench-aanvrager-{n}", defaults={"role": Role.APPLICANT})[0]
        for n in range(APPLICANT_ACCOUNTS)
    ]
    representative, _created = User.objects.get_or_create(username=REPRESENTATIVE, defaults={"role": Role.APPLICANT})
    granter = User.objects.filter(role__in=[Role.SECRETARIAT, Role.ADMIN]).first() or User.objects.create_user(
        "bench-secretariaat", role=Role.SECRETARIAT
    )
    company = Party.objects.filter(name=COMPANY).first() or Party.objects.create(
        kind="organisation", name=COMPANY, registration_number=kbo(0), address="Kaai 1, 2000 Antwerpen"
    )
    if not Representation.objects.filter(user=representative, party=company).exists():
        Representation.objects.create(user=representative, party=company, basis="granted",
                                      valid_from=datetime.date(2020, 1, 1), granted_by=granter)  # fmt: skip
    existing = Party.objects.filter(name__startswith="Bench onderneming ").count()
    Party.objects.bulk_create(
        [Party(kind="organisation", name=f"Bench onderneming {n}", registration_number=kbo(n))
         for n in range(existing + 1, PARTIES + 1)]
    )  # fmt: skip
    parties = list(Party.objects.filter(name__startswith="Bench onderneming ").values_list("pk", flat=True))
    return teams, handlers, accounts, representative, company, parties


def generate_cases(scale: float, seed: int = 2026, counts: Counter | None = None) -> dict:
    """`CASES × scale` cases (at least 100) in the configured database; returns a report like the
    generator's (rows, seconds, rows_per_s, counts). `counts` (the generator's) is added to."""
    from chancery.core.models import User
    from chancery.procedures import registry
    from chancery.procedures.models import Case, CaseCounter, CaseTransition, ClockPeriod, Party

    started = time.monotonic()
    own = Counter()
    rng = random.Random(seed + 21)
    teams, handlers, accounts, representative, company, parties = _organisation()
    procedures = registry.all_procedures()
    weights = [MIX.get(p.code, 1) for p in procedures]
    total = max(100, round(CASES * scale))
    company_files = min(COMPANY_FILES, total // 2)
    # Each state of each procedure first (its shortest walk), then random walks.
    planned = [(p, path) for p in procedures for path in _paths(p).values()]
    planned += [(p, None) for p in rng.choices(procedures, weights=weights, k=total - len(planned))]
    rng.shuffle(planned)
    counters = {(c.procedure, c.year): c.last for c in CaseCounter.objects.all()}
    now = timezone.now()
    today = timezone.localdate()
    company_left = company_files
    through = Case.handlers.through
    for batch_start in range(0, len(planned), BATCH):
        cases, walks = [], []
        for procedure, path in planned[batch_start : batch_start + BATCH]:
            steps = path if path is not None else _walk(procedure, rng)
            end_state = procedure.state(steps[-1].target if steps else procedure.initial)
            # Open cases moved lately (clocks around today); closed ones over three years.
            last = now - datetime.timedelta(
                days=rng.uniform(0, 40 if not end_state.closed else 3 * 365), hours=rng.uniform(0, 8)
            )
            moments = [last] if steps else []
            for _step in steps[1:]:
                moments.append(moments[-1] - datetime.timedelta(days=rng.uniform(1, 14), hours=rng.uniform(0, 8)))
            moments.reverse()
            created = (moments[0] if steps else last) - datetime.timedelta(hours=rng.uniform(1, 72))
            year = timezone.localtime(created).year
            counters[(procedure.code, year)] = seq = counters.get((procedure.code, year), 0) + 1
            team = teams.get(procedure.team)
            if company_left > 0 and rng.random() < 2.5 * company_files / total:
                company_left -= 1
                applicant, applicant_user = company.pk, representative.pk
            else:
                applicant = rng.choice(parties)
                applicant_user = rng.choice(accounts).pk if rng.random() < 0.3 else None
            case = Case(
                reference=f"{procedure.code}-{year}-{seq:04d}", procedure=procedure.code, state=end_state.code,
                title=f"{rng.choice(SUBJECTS)} ({seq})", applicant_id=applicant, applicant_user_id=applicant_user,
                team=team, access_level=procedure.access_level, created_at=created, version=1 + len(steps),
                data={"bench": 1},
            )  # fmt: skip
            if procedure.code == "CSG":
                minister = any(t.target == "decision_minister" for t in steps)
                case.data["decision_level"] = "minister" if minister else "department"
            team_handlers = handlers.get(team.pk, []) if team else []
            assigned = []
            if team_handlers and rng.random() < 0.8:
                assigned = rng.sample(team_handlers, 2 if rng.random() < 0.3 else 1)
            clocks = _Clocks(procedure)
            clocks.move(procedure.initial, timezone.localtime(created).date())
            history = []
            for step, at in zip(steps, moments, strict=True):
                if step.source == procedure.initial and case.submitted_at is None:
                    case.submitted_at = at
                if procedure.state(step.target).closed and case.closed_at is None:
                    case.closed_at = at
                clocks.move(step.target, timezone.localtime(at).date())
                if "applicant" in step.roles and applicant_user:
                    actor = applicant_user
                else:
                    actor = (assigned[0] if assigned else rng.choice(team_handlers)).pk if team_handlers else None
                history.append(CaseTransition(
                    name=step.name, source=step.source, target=step.target, actor_id=actor, at=at,
                    reason="Gegenereerd." if step.reason_required else "",
                    reason_to_applicant=step.reason_to_applicant,
                ))  # fmt: skip
            clocks.refresh(case, today, not end_state.closed)
            cases.append(case)
            walks.append((history, clocks, assigned))
        with transaction.atomic():
            cases = Case.objects.bulk_create(cases, batch_size=2000)
            own["procedures.Case"] += len(cases)
            rows, periods, links = [], [], []
            for case, (history, clocks, assigned) in zip(cases, walks, strict=True):
                for step in history:
                    step.case_id = case.pk
                    rows.append(step)
                for code, spans in clocks.periods.items():
                    for start, end, stopped in spans:
                        periods.append(ClockPeriod(case_id=case.pk, clock=code, started_on=start, ended_on=end,
                                                   stopped=stopped))  # fmt: skip
                links.extend(through(case_id=case.pk, user_id=user.pk) for user in assigned)
            for model, objects in ((CaseTransition, rows), (ClockPeriod, periods), (through, links)):
                model.objects.bulk_create(objects, batch_size=5000)
                own[model._meta.label] += len(objects)
    # The yearly reference counters continue after the generated numbers.
    with transaction.atomic():
        for (code, year), last in counters.items():
            CaseCounter.objects.update_or_create(procedure=code, year=year, defaults={"last": last})
    # Planner statistics for what was just loaded (without them the parties, 100 rows as far as
    # PostgreSQL knew, were joined by a nested loop: 2 s for the unassigned inbox at 1.0).
    with connection.cursor() as cursor:
        for model in (Case, CaseTransition, ClockPeriod, through, Party, User):
            cursor.execute(f"ANALYZE {model._meta.db_table}")
    if counts is not None:
        counts.update(own)
    seconds = time.monotonic() - started
    rows = sum(own.values())
    return {"rows": rows, "seconds": round(seconds, 1), "rows_per_s": round(rows / seconds) if seconds else None,
            "counts": dict(own)}  # fmt: skip
