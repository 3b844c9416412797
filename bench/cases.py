"""The procedures' pages at scale (issue 21): `measure_cases()` for bench/run.py.

`inbox_p95_ms`: a handler's inbox (`/app/zaken/`, the tabs mine / team / unassigned, nearest
deadline first, the first page) and the counter list (`/loket/`) of the representative of the
company with 500 files (bench/generate_cases.py), each asked `ROUNDS` times through the test client
after a warm-up; the p95 over all of them. `queries_per_inbox`: the most SQL queries one of these
pages takes; `queries_constant` says whether each page takes as many for a small list (the counter
of the applicant's account with the fewest files; the licence cases (CSG) in the inbox of the
team's handler with the fewest) as for the large one. `case_stats_p95_ms`: the monthly statistics
(`statistieken/`) and the workload (`werklast/`) as the handler and as the secretariat (who sees every team).
"""

from __future__ import annotations

import time

from django.db import connection
from django.db.models import Count, Q
from django.test import Client
from django.test.utils import CaptureQueriesContext

ROUNDS = 30
WARM_UP = 2


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(len(ordered) * share))], 1)


def _timed(client: Client, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"{url}: HTTP {response.status_code}")
    return elapsed


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured.captured_queries)


def _page(client: Client, url: str, rounds: int) -> dict:
    for _n in range(WARM_UP):
        _timed(client, url)
    timings = [_timed(client, url) for _n in range(rounds)]
    return {"timings": timings, "p50_ms": _percentile(timings, 0.5), "p95_ms": _percentile(timings, 0.95),
            "queries": _queries(client, url)}  # fmt: skip


def measure_cases(rounds: int = ROUNDS) -> tuple[dict, dict]:
    """(figures, details): the figures for latest.json, the per-page timings and query counts."""
    from generate_cases import COMPANY, HANDLER, REPRESENTATIVE

    from chancery.core.models import User
    from chancery.procedures.models import Case

    handler = User.objects.get(username=HANDLER)
    representative = User.objects.get(username=REPRESENTATIVE)
    secretariat = User.objects.filter(role="secretariat").first()
    small_applicant = (
        User.objects.filter(username__startswith="bench-aanvrager-", filed_cases__isnull=False)
        .annotate(n=Count("filed_cases"))
        .order_by("n", "pk")
        .first()
    )
    # The handler of the same team with the fewest open licence cases: the same page, a shorter list.
    light_handler = (
        User.objects.filter(entity=handler.entity, username__startswith="bench-behandelaar-")
        .annotate(n=Count("handled_cases", filter=Q(handled_cases__in=Case.objects.open().filter(procedure="CSG"))))
        .order_by("n", "pk")
        .first()
    )
    clients = {}
    for name, user in (("handler", handler), ("representative", representative), ("secretariat", secretariat),
                       ("small_applicant", small_applicant), ("light_handler", light_handler)):  # fmt: skip
        if user is not None:
            clients[name] = Client()
            clients[name].force_login(user)
    inbox_pages = {
        "mine": (clients["handler"], "/app/zaken/?tab=mine"),
        "team": (clients["handler"], "/app/zaken/?tab=team"),
        "unassigned": (clients["handler"], "/app/zaken/?tab=unassigned"),
        "counter_500": (clients["representative"], "/loket/"),
    }
    stats_pages = {
        "statistics_handler": (clients["handler"], "/app/zaken/statistieken/"),
        "workload_handler": (clients["handler"], "/app/zaken/werklast/"),
        "statistics_secretariat": (clients["secretariat"], "/app/zaken/statistieken/"),
        "workload_secretariat": (clients["secretariat"], "/app/zaken/werklast/"),
    }
    details = {"company": COMPANY, "company_files": Case.objects.filter(applicant__name=COMPANY).count(),
               "cases": Case.objects.count(), "pages": {}}  # fmt: skip
    inbox_timings, stats_timings = [], []
    for name, (client, url) in {**inbox_pages, **stats_pages}.items():
        page = _page(client, url, rounds)
        (inbox_timings if name in inbox_pages else stats_timings).extend(page.pop("timings"))
        details["pages"][name] = {"url": url, **page}
    # The same pages with a short list: the query count must not grow with the list.
    small = {}
    if "small_applicant" in clients:
        small["counter"] = (_queries(clients["small_applicant"], "/loket/"),
                            Case.objects.filter(applicant_user=small_applicant).count())  # fmt: skip
    mine_csg = "/app/zaken/?tab=mine&procedure=CSG"
    small["mine_csg"] = (_queries(clients["light_handler"], mine_csg), light_handler.n)
    mine_cases = Case.objects.open().filter(procedure="CSG", handlers=handler).count()
    details["mine_csg_handler"] = {"queries": _queries(clients["handler"], mine_csg), "cases": mine_cases}
    details["small_lists"] = {k: {"queries": q, "cases": n} for k, (q, n) in small.items()}
    figures = {
        "inbox_p95_ms": _percentile(inbox_timings, 0.95),
        "queries_per_inbox": max(details["pages"][name]["queries"] for name in inbox_pages),
        "case_stats_p95_ms": _percentile(stats_timings, 0.95),
    }
    details["queries_constant"] = (
        small.get("counter", (None,))[0] == details["pages"]["counter_500"]["queries"]
        and small["mine_csg"][0] == details["mine_csg_handler"]["queries"]
    )
    return figures, details
