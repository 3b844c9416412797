"""The monitoring figures of `make bench` (issue 21), through the full request path (test client):

- `dashboard_p95_ms`: /app/monitoring/ as the secretariat, the whole tree;
- `dashboard_filtered_p95_ms`: the same page filtered by one core ambition, and by a status;
- `public_progress_p95_ms`: /voortgang/ and a core ambition's public page, as the public;
and the SQL queries of each page (`monitoring_queries`), which must not grow with the tree.

bench/run.py calls `measure()`; on its own, against a database of monitoring only:

    python bench/monitoring.py --database NAME --scale 1.0   # migrates, generates the tree if missing
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))], 1)


def _timed(client, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"{url}: {response.status_code}")
    return elapsed


def pages() -> dict[str, list[str]]:
    """The URLs of each figure, on the generated tree (bench/generate_monitoring.py)."""
    from chancery.monitoring.models import Initiative

    ambition = (
        Initiative.objects.filter(level="ambition", public=True, code__startswith="hp-").order_by("position").first()
        or Initiative.objects.filter(level="ambition", public=True).order_by("position").first()
    )
    return {
        "dashboard_p95_ms": ["/app/monitoring/"],
        "dashboard_filtered_p95_ms": [f"/app/monitoring/?ambitie={ambition.code}", "/app/monitoring/?status=off_track"],
        "public_progress_p95_ms": ["/voortgang/", f"/voortgang/{ambition.code}/"],
    }


def measure(rounds: int = 10) -> dict:
    """{figure: p95 ms, …, "monitoring_queries": {url: queries}} after one warm-up request per page."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from chancery.core.models import Role, User

    staff = User.objects.filter(role__in=[Role.SECRETARIAT, Role.ADMIN], is_active=True).first()
    if staff is None:
        staff = User.objects.create_user("bench-secretariaat", role=Role.SECRETARIAT)
    secretariat, public = Client(), Client()
    secretariat.force_login(staff)
    result, counts = {}, {}
    for figure, urls in pages().items():
        client = public if figure.startswith("public") else secretariat
        timings = []
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                _timed(client, url)  # warm-up, and its queries
            counts[url] = len(captured.captured_queries)
            timings += [_timed(client, url) for _ in range(rounds)]
        result[figure] = _p95(timings)
    result["monitoring_queries"] = counts
    return result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", required=True, help="PostgreSQL database (created if missing)")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{args.database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chancery.settings")
    os.environ["DJANGO_ENV"] = "development"
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT / "bench"))
    import django
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [args.database]).fetchone():
            conn.execute(f'CREATE DATABASE "{args.database}"')
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from generate_monitoring import generate_monitoring, present

    call_command("migrate", verbosity=0)
    generated = None
    if not present():
        generated = generate_monitoring(args.scale)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(json.dumps({"generated": generated, **measure(args.rounds)}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
