"""make bench [SCALE=0.01] [DB=postgres|sqlite]: build (or reuse) a generated archive and measure what
issue 7 asks, through the full Django request path, each figure next to a baseline measured in the
same run. Writes bench/results/latest.json and prints a table (bench/README.md explains each figure).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import resource
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

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
    parser.add_argument("--database", default="", help="PostgreSQL database (default chancery_bench_<scale>)")
    parser.add_argument(
        "--first-run",
        action=argparse.BooleanOptionalAction,
        default=os.environ.get("FIRST_RUN", "1") != "0",
        help="also time `make run` in a fresh clone (bench/first_run.py, several minutes; on by default)",
    )
    args = parser.parse_args()
    if args.db == "postgres":
        name = args.database or f"chancery_bench_{str(args.scale).replace('.', '_')}"
        os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{name}"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{ROOT / 'var' / f'bench-{args.scale}.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chancery.settings")
    os.environ["DJANGO_ENV"] = "development"
    os.environ.setdefault("CHANCERY_API_RATE_ANONYMOUS", "1000000/min")
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT / "bench"))
    if args.db == "postgres":
        _create_database(name)

    import django

    django.setup()
    import first_run
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from chancery.core.management.commands.generate import load_generator
    from chancery.core.models import User
    from chancery.decisions.models import AgendaItem, Decision
    from chancery.portal.queries import decision_path
    from chancery.portal.search.tantivy_index import indexer, schema

    call_command("migrate", verbosity=0)
    # The generator's report is kept beside the results, so that a rerun on the same archive has it.
    generated_file = RESULTS / f"generated-{args.db}-{args.scale}.json"
    if not AgendaItem.objects.exists():
        generated = load_generator().generate(args.scale).as_dict()
        RESULTS.mkdir(parents=True, exist_ok=True)
        generated_file.write_text(json.dumps(generated, indent=2) + "\n", encoding="utf-8")
    generated = json.loads(generated_file.read_text()) if generated_file.exists() else None
    # An archive made before the monitoring tree (one initiative only) gets the tree of issue 21.
    from generate_monitoring import generate_monitoring, present

    monitoring_generated = None
    if not present():
        monitoring_generated = generate_monitoring(args.scale)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    # An archive generated before the procedures' files existed gets them now (bench/generate_cases.py).
    import generate_cases

    if not generate_cases.has_cases():
        made = generate_cases.generate_cases(args.scale)
        if generated:
            generated["cases"] = made
            generated["rows"] += made["rows"]
            generated["seconds"] = round(generated["seconds"] + made["seconds"], 1)
            generated["rows_per_s"] = round(generated["rows"] / generated["seconds"])
            generated_file.write_text(json.dumps(generated, indent=2) + "\n", encoding="utf-8")
    if not schema.available():
        indexer.rebuild()  # an archive generated on another machine, or before the index existed
    indexer.sync()

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
    # The same queries by a logged-in reader (a civil servant): answered by the same index through
    # their own rule, with the theme and phase facets from what they may know of the dossiers.
    reader, _created = User.objects.get_or_create(username="bench-ambtenaar", defaults={"role": "civil_servant"})
    internal = Client()
    internal.force_login(reader)
    timings = [timed(internal, "/zoeken", data={"q": q})[0] for q in queries]
    figures["search_internal_p50_ms"] = percentile(timings, 0.5)
    figures["search_internal_p95_ms"] = percentile(timings, 0.95)

    # The reference engine: Tantivy alone over the same public entries, same queries, top 20 + count.
    from bench_reference import build, measure

    from chancery.portal.search.service import visible_entries

    started = time.perf_counter()
    reference = build(visible_entries(None).values_list("pk", "title_index", "body_index").iterator(chunk_size=5000))
    baselines["reference_build_s"] = round(time.perf_counter() - started, 1)
    reference_timings = measure(reference, queries)
    figures["search_reference_p95_ms"] = percentile(reference_timings, 0.95)
    baselines["search_reference_p50_ms"] = percentile(reference_timings, 0.5)
    figures["search_overhead_ratio"] = round(
        figures["search_p95_ms"] / max(figures["search_reference_p95_ms"], 0.001), 1
    )

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
    # The dashboard (whole and filtered) and the public progress pages, with their query counts.
    from monitoring import measure as measure_monitoring

    monitoring = measure_monitoring()
    monitoring_queries = monitoring.pop("monitoring_queries")
    figures.update(monitoring)

    # The procedures' inbox, counter list, statistics and workload over the generated cases.
    from cases import measure_cases

    case_figures, case_details = measure_cases()
    figures.update(case_figures)

    figures["release_s"], release_checks = measure_release(args.scale)
    # Everything measured above, asked again of the real server before its load test, so that the
    # web workers' memory afterwards covers the whole run.
    replay = [f"/zoeken?q={quote(q)}" for q in queries] + [decision_path(item) for item in items]
    replay += [f"/api/v1/decisions/{pk}" for pk in decisions] + ["/app/monitoring/"] * 5
    throughput = measure_throughput(replay, client.cookies.get("sessionid"), str(schema.directory().resolve()))
    figures["api_rps"], figures["api_rps_baseline"] = throughput["api"]["rps"], throughput["baseline"]["rps"]
    # A web worker after the run: the largest gunicorn worker, having served every kind of request
    # above and the load test. (The bench process itself also generated the archive and built the
    # reference index: its peak is reported apart.)
    memory = throughput["server_memory"]
    figures["worker_rss_mb"] = memory["peak_without_index_mb"]
    baselines["worker_rss_total_mb"] = memory["peak_mb"]
    baselines["worker_index_mapped_mb"] = memory["index_mapped_mb"]
    baselines["bench_process_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    figures["generate_rows_per_s"] = generated["rows_per_s"] if generated else None
    # `make run` in a fresh clone of this commit, to its first page (its own SQLite demo, not the
    # archive measured above); the phases and their CPU seconds beside it.
    first = first_run.first_run(echo=False) if args.first_run else None
    figures["first_run_s"] = first["first_run_s"] if first else None
    result = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": f"{platform.node()} {platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}",
        "db": f"{connection.vendor} {connection.pg_version if connection.vendor == 'postgresql' else ''}".strip(),
        "scale": args.scale,
        "figures": figures,
        "baselines": baselines,
        "queries_per_detail_each": counts,
        "monitoring_queries": monitoring_queries,
        "monitoring_generated": monitoring_generated,
        "generated": generated,
        "release": release_checks,
        "cases": case_details,
        "throughput": throughput,
        "first_run": first,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    text = json.dumps(result, indent=2) + "\n"
    (RESULTS / "latest.json").write_text(text, encoding="utf-8")
    (RESULTS / f"{args.db}-{args.scale}.json").write_text(text, encoding="utf-8")
    width = max(len(k) for k in figures)
    for key, value in {**figures, **baselines}.items():
        print(f"{key:<{width + 8}} {value if value is not None else '—'}")
    return 0


def measure_release(scale: float, item_count: int = 80, docs_per: int = 10) -> tuple[float, dict]:
    """A new embargoed meeting of 80 items and 800 documents: a release that fails at its last step
    changes nothing; then its decisions and documents are released and the index brought up to date
    (search included), timed. Returns (seconds, checks)."""
    from django.contrib.auth.models import AnonymousUser
    from django.db.models import Max, Q

    from chancery.core.management.commands.generate import load_generator
    from chancery.core.models import Document, User
    from chancery.decisions import services
    from chancery.decisions.models import AgendaItem, ItemDocument, Meeting
    from chancery.decisions.signals import release_performed
    from chancery.portal.models import SearchEntry
    from chancery.portal.search.service import Filters, search
    from chancery.portal.search.tantivy_index import indexer

    before = Meeting.objects.aggregate(last=Max("pk"))["last"] or 0
    load_generator().generate(scale, seed=7, meetings=1, items_per=item_count, docs_per=docs_per, embargoed_only=True,
                              with_monitoring=False)  # fmt: skip
    meeting = Meeting.objects.filter(pk__gt=before).get()
    items = AgendaItem.objects.filter(agenda__meeting=meeting)
    secretariat = User.objects.filter(role="secretariat").first()
    documents = Document.objects.filter(pk__in=ItemDocument.objects.filter(item__in=items).values("document_id"))
    releases = []
    for scope in ("decisions", "documents"):
        planned = services.plan_release(secretariat, meeting, scope)
        releases.append(services.confirm_release(secretariat, planned))

    def fail(**kwargs):
        raise RuntimeError("the last step of the release fails")

    release_performed.connect(fail, dispatch_uid="bench-fail")
    try:
        services.release_now(secretariat, releases[0])
    except RuntimeError:
        pass
    finally:
        release_performed.disconnect(dispatch_uid="bench-fail")
    nothing_on_failure = (
        not items.filter(release_state="released").exists() and not documents.filter(release_state="released").exists()
    )

    started = time.perf_counter()
    for release in releases:
        services.release_now(secretariat, release)
    indexer.sync()
    seconds = round(time.perf_counter() - started, 3)
    public_items = items.filter(access_level="public").count()
    # Every released entry of the meeting is found by the public (all the generated texts share "de").
    found = search(AnonymousUser(), "de OR het OR van", filters=Filters(meeting=meeting.pk)).total
    expected = SearchEntry.objects.filter(meeting=meeting).filter(
        Q(document__isnull=True, item__access_level="public")
        | Q(document__access_level="public", document__release_state="released")
    )
    checks = {
        "items": items.count(),
        "documents": documents.count(),
        "released_items": items.filter(release_state="released").count(),
        "released_documents": documents.filter(release_state="released").count(),
        "public_items": public_items,
        "found_by_public_search": found,
        "public_found_expected": expected.count(),
        "nothing_released_when_it_fails": nothing_on_failure,
    }
    return seconds, checks


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def measure_throughput(replay: list[str], session: object, index_dir: str = "", seconds: float = 10.0) -> dict:
    """API list requests/s with 8 concurrent clients (a separate process on loopback) against
    gunicorn serving the platform as `chancery serve` does, next to a minimal Django view returning
    the same 50 rows (bench/server.py) on the same server. First the `replay` paths are asked once
    (with the logged-in `session` cookie), so that the workers' memory covers a whole run."""
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'src'}", "DJANGO_ENV": "development",
           "DJANGO_DEBUG": "0"}  # fmt: skip
    server = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", "gunicorn", "bench.server:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--threads", "4", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        for _attempt in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)

        def load(path):
            results = []
            for duration in (2, seconds):  # a warm-up, then the measurement
                out = subprocess.run(  # noqa: S603 - our own interpreter and arguments
                    [sys.executable, str(ROOT / "bench" / "load.py"), base + path, "--clients", "8",
                     "--seconds", str(duration)],
                    capture_output=True, text=True, check=True,
                )  # fmt: skip
                results.append(json.loads(out.stdout))
            return results[-1]

        cookie = {"Cookie": f"sessionid={session.value}"} if session else {}
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        failed = []
        for path in replay:
            # Logged in only where the page needs it: the public pages are measured as the public
            # sees them.
            connection.request("GET", path, headers=cookie if path.startswith("/app/") else {})
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                failed.append((path, response.status))
        connection.close()
        if failed:
            raise RuntimeError(f"the server refused: {failed[:5]}")
        result = {"api": load("/api/v1/decisions"), "baseline": load("/bench/baseline"), "replayed": len(replay)}
        result["ratio"] = round(result["api"]["rps"] / max(result["baseline"]["rps"], 0.1), 2)
        result["server_memory"] = _children_rss_mb(server.pid, index_dir)
        return result
    finally:
        server.terminate()
        server.wait(timeout=30)


def _children_rss_mb(pid: int, index_dir: str = "") -> dict:
    """Memory of the server's worker processes (Linux /proc), the largest of each figure:
    - `peak_mb`: peak resident set (VmHWM), everything included;
    - `index_mapped_mb`: the part of the resident set that is the search index's memory-mapped files
      (the sum of `Rss` over the mappings under `index_dir` in /proc/<pid>/smaps). Those pages are the
      kernel's page cache, shared by every worker and every process that maps the same files, and
      dropped under memory pressure; they are reported apart, as issue 21 allows;
    - `peak_without_index_mb`: the peak less those mapped index pages (the worker's own memory);
    - `private_mb`: anonymous memory (RssAnon) now: the heap, what no other process shares."""
    workers = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
        if fields.get("PPid", "").strip() != str(pid):
            continue
        mapped = 0
        if index_dir:
            current = ""
            try:
                lines = (status.parent / "smaps").read_text().splitlines()
            except OSError:
                lines = []
            for line in lines:
                head = line.split(maxsplit=5)
                if len(head) >= 5 and "-" in head[0] and not head[0].endswith(":"):
                    current = head[5] if len(head) == 6 else ""
                elif line.startswith("Rss:") and current.startswith(index_dir):
                    mapped += int(line.split()[1])
        peak = int(fields.get("VmHWM", "0 kB").split()[0])
        private = int(fields.get("RssAnon", "0 kB").split()[0])
        workers.append((peak, mapped, peak - mapped, private))

    def largest(n):
        return round(max((w[n] for w in workers), default=0) / 1024, 1)

    return {"peak_mb": largest(0), "index_mapped_mb": largest(1), "peak_without_index_mb": largest(2),
            "private_mb": largest(3), "workers": len(workers)}  # fmt: skip


def _create_database(name: str) -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


if __name__ == "__main__":
    sys.exit(main())
