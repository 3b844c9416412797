"""What handlers and managers read: the inbox, the workload per team, monthly statistics."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from chancery.procedures import registry
from chancery.procedures.models import Case

INBOX_TABS = ("mine", "team", "unassigned")


def by_deadline(cases):
    """Nearest deadline first; cases without a running clock after them, oldest first."""
    return cases.order_by(F("due_on").asc(nulls_last=True), "created_at", "pk")


def inbox(user, tab: str = "mine", procedure: str = ""):
    cases = Case.objects.visible_to(user).open().select_related("applicant", "team")
    if procedure:
        cases = cases.filter(procedure=procedure)
    if tab == "mine":
        cases = cases.filter(handlers=user)
    elif tab == "team":
        cases = cases.filter(team_id=user.entity_id) if user.entity_id else cases.none()
    elif tab == "unassigned":
        # NOT EXISTS (an anti-join the planner estimates well; the outer join with `IS NULL` was
        # estimated at one row and joined the applicants by a nested loop, 2 s at 100,000 cases).
        cases = cases.filter(~Exists(Case.handlers.through.objects.filter(case_id=OuterRef("pk"))))
    return by_deadline(cases.prefetch_related("handlers"))


def inbox_counts(user, today: datetime.date | None = None) -> dict[str, int]:
    """The open cases of each tab and the overdue ones the user can see (`overdue`), counted in one
    pass over the open cases (four counts took four)."""
    today = today or timezone.localdate()
    through = Case.handlers.through
    counts = (
        Case.objects.visible_to(user)
        .open()
        .aggregate(
            # IN over the assignments (hashed once), not EXISTS per open case: the per-row subplans
            # made PostgreSQL's estimate cross the JIT threshold (200 ms compiling at 1.0).
            mine=Count("pk", filter=Q(pk__in=through.objects.filter(user_id=user.pk).values("case_id"))),
            team=Count("pk", filter=Q(team_id=user.entity_id)),
            unassigned=Count("pk", filter=~Q(pk__in=through.objects.values("case_id"))),
            overdue=Count("pk", filter=Q(due_on__lt=today)),
        )
    )
    if not user.entity_id:
        counts["team"] = 0  # (team_id = None would have counted the cases without a team)
    return counts


def overdue(user, today: datetime.date | None = None):
    today = today or timezone.localdate()
    return Case.objects.visible_to(user).open().filter(due_on__lt=today)


@dataclass
class TeamLoad:
    team: object
    open: int = 0
    unassigned: int = 0
    overdue: int = 0
    due_this_week: int = 0
    handlers: list[tuple[str, int, int]] = field(default_factory=list)


def workload(user, today: datetime.date | None = None) -> list[TeamLoad]:
    """Open cases per team: how many, unassigned, overdue, due within a week, and per handler."""
    today = today or timezone.localdate()
    week = today + datetime.timedelta(days=7)
    cases = Case.objects.visible_to(user).open()
    rows = (
        cases.values("team_id", "team__name")
        .annotate(
            open=Count("pk", distinct=True),
            unassigned=Count("pk", filter=Q(handlers__isnull=True), distinct=True),
            overdue=Count("pk", filter=Q(due_on__lt=today), distinct=True),
            due_this_week=Count("pk", filter=Q(due_on__gte=today, due_on__lte=week), distinct=True),
        )
        .order_by("team__name")
    )
    # Every team's handlers in one query (not one per team).
    per_handler: dict[object, list[tuple[str, int, int]]] = {}
    for h in (
        cases.filter(handlers__isnull=False)
        .values("team_id", "handlers__username", "handlers__first_name", "handlers__last_name")
        .annotate(open=Count("pk", distinct=True), overdue=Count("pk", filter=Q(due_on__lt=today), distinct=True))
        .order_by("team_id", "handlers__username")
    ):
        name = " ".join(filter(None, [h["handlers__first_name"], h["handlers__last_name"]])) or h["handlers__username"]
        per_handler.setdefault(h["team_id"], []).append((name, h["open"], h["overdue"]))
    loads = []
    for row in rows:
        loads.append(
            TeamLoad(
                team=row["team__name"] or "—",
                open=row["open"],
                unassigned=row["unassigned"],
                overdue=row["overdue"],
                due_this_week=row["due_this_week"],
                handlers=per_handler.get(row["team_id"], []),
            )
        )
    return loads


@dataclass
class MonthFigures:
    month: datetime.date
    submitted: int = 0
    closed: int = 0
    with_clock: int = 0
    within_term: int = 0

    @property
    def compliance(self) -> float | None:
        """Share of the cases closed with a clock that closed within their term (percent)."""
        return round(100 * self.within_term / self.with_clock, 1) if self.with_clock else None


def statistics(user, procedure: str = "", months: int = 12) -> list[MonthFigures]:
    """Throughput (submitted and closed per month) and deadline compliance per month, newest first."""
    cases = Case.objects.visible_to(user)
    if procedure:
        cases = cases.filter(procedure=procedure)
    # Only the months shown are counted (not every month of every case ever filed).
    first = timezone.localdate().replace(day=1)
    for _n in range(months - 1):
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    since = timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))
    figures: dict[datetime.date, MonthFigures] = {}

    def month_of(value) -> datetime.date:
        value = value.date() if isinstance(value, datetime.datetime) else value
        return value.replace(day=1)

    for row in (
        cases.filter(submitted_at__gte=since)
        .annotate(month=TruncMonth("submitted_at"))
        .values("month")
        .annotate(n=Count("pk"))
    ):
        key = month_of(row["month"])
        figures.setdefault(key, MonthFigures(key)).submitted = row["n"]
    for row in (
        cases.filter(closed_at__gte=since)
        .annotate(month=TruncMonth("closed_at"))
        .values("month")
        .annotate(
            n=Count("pk"),
            with_clock=Count("pk", filter=Q(within_term__isnull=False)),
            within=Count("pk", filter=Q(within_term=True)),
        )
    ):
        key = month_of(row["month"])
        item = figures.setdefault(key, MonthFigures(key))
        item.closed, item.with_clock, item.within_term = row["n"], row["with_clock"], row["within"]
    return sorted(figures.values(), key=lambda f: f.month, reverse=True)[:months]


def filed_by(user):
    """The files the applicant filed themselves (of the procedures known here), newest first."""
    codes = [procedure.code for procedure in registry.all_procedures()]
    return Case.objects.filter(applicant_user=user, procedure__in=codes).order_by("-created_at", "-pk")


def applicant_summary(user) -> dict[str, int]:
    """How many files the applicant filed, and how many wait for their answer."""
    files = list(Case.objects.filter(applicant_user=user).values_list("procedure", "state"))
    waiting = 0
    for code, state in files:
        procedure = registry.find(code)
        if procedure and state in {s.code for s in procedure.states if s.waiting_for_applicant}:
            waiting += 1
    return {"files": len(files), "waiting": waiting}
