"""make bench [SCALE=0.01] [DB=postgres|sqlite]: build (or reuse) a generated archive and measure what
issue 7 asks, through the full Django request path, each figure next to a baseline measured in the
same run. Writes bench/results/latest.json and prints a table.

Figures not measured yet are written as null, with the reason under "pending": the search
reference engine (Tantivy), API throughput under concurrent load, and the release of a large meeting.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
QUERIES = ROOT / "bench" / "queries.txt"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return round(ordered[index], 2)


def timed(client, url: str, **extra) -> tuple[float, int]:
    started = time.perf_counter()
    response = client.get(url, **extra)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"{url}: {response.status_code}")
    return elapsed, len(response.content)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=float(os.environ.get("SCALE", "0.01")))
    parser.add_argument("--db", default=os.environ.get("DB", "postgres"), choices=["postgres", "sqlite"])
    args = parser.parse_args()
    if args.db == "postgres":
        name = f"chancery_bench_{str(args.scale).replace('.', '_')}"
        os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{name}"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{ROOT / 'var' / f'bench-{args.scale}.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chancery.settings")
    os.environ["DJANGO_ENV"] = "development"
    os.environ.setdefault("CHANCERY_API_RATE_ANONYMOUS", "1000000/min")
    sys.path.insert(0, str(ROOT / "src"))
    if args.db == "postgres":
        _create_database(name)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from chancery.core.models import User
    from chancery.decisions.models import AgendaItem, Decision
    from chancery.portal.queries import decision_path

    call_command("migrate", verbosity=0)
    generated = None
    if not AgendaItem.objects.exists():
        from chancery.core.management.commands.generate import load_generator

        generated = load_generator().generate(args.scale).as_dict()

    client = Client()
    figures, baselines = {}, {}
    queries = [q for q in QUERIES.read_text(encoding="utf-8").splitlines() if q and not q.startswith("#")]
    # Baseline: the same request path with an empty search page (no query).
    baseline = [timed(client, "/zoeken")[0] for _ in range(30)]
    baselines["empty_search_page_p95_ms"] = percentile(baseline, 0.95)
    search = [timed(client, "/zoeken", data={"q": q})[0] for q in queries]
    figures["search_p50_ms"], figures["search_p95_ms"] = percentile(search, 0.5), percentile(search, 0.95)
    deep = [timed(client, "/zoeken", data={"q": "regering", "pagina": 500})[0] for _ in range(10)]
    figures["deep_page_p95_ms"] = percentile(deep, 0.95)

    items = list(
        AgendaItem.objects.filter(access_level="public", release_state="released", agenda__is_final=True)
        .select_related("agenda__meeting")
        .order_by("?")[:40]
    )
    detail = [timed(client, decision_path(item))[0] for item in items]
    figures["detail_p95_ms"] = percentile(detail, 0.95)
    counts = []
    for item in items[:5]:
        with CaptureQueriesContext(connection) as captured:
            client.get(decision_path(item))
        counts.append(len(captured.captured_queries))
    figures["queries_per_detail"] = max(counts)
    decisions = list(Decision.objects.filter(item__in=items).values_list("pk", flat=True))
    api = [timed(client, f"/api/v1/decisions/{pk}")[0] for pk in decisions]
    figures["api_detail_p95_ms"] = percentile(api, 0.95)

    staff = User.objects.filter(role__in=["secretariat", "admin"]).first()
    client.force_login(staff)
    dashboard = [timed(client, "/app/monitoring/")[0] for _ in range(10)]
    figures["dashboard_p95_ms"] = percentile(dashboard, 0.95)

    figures["worker_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    figures["generate_rows_per_s"] = generated["rows_per_s"] if generated else None
    for pending in ("search_reference_p95_ms", "search_overhead_ratio", "api_rps", "api_rps_baseline", "release_s"):
        figures[pending] = None
    result = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": f"{platform.node()} {platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}",
        "db": f"{connection.vendor} {connection.pg_version if connection.vendor == 'postgresql' else ''}".strip(),
        "scale": args.scale,
        "figures": figures,
        "baselines": baselines,
        "queries_per_detail_each": counts,
        "generated": generated,
        "pending": "search reference engine (Tantivy), API throughput with 8 concurrent clients, release of a "
        "large meeting: not measured yet (issue 7)",
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    width = max(len(k) for k in figures)
    for key, value in {**figures, **baselines}.items():
        print(f"{key:<{width + 8}} {value if value is not None else '—'}")
    return 0


def _create_database(name: str) -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


if __name__ == "__main__":
    sys.exit(main())
