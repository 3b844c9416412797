"""First run: `make run` in a fresh clone, from start to the first page served (issue 21, `first_run_s`).

    python bench/first_run.py [--keep] [--json FILE]

Clones this repository's HEAD (committed work only) into a temporary folder, runs `make run PORT=<free>`
there with a clean environment (no PYTHONPATH, DATABASE_URL or CHANCERY_* of the caller: the clone's
own .venv, node_modules and SQLite database), and polls GET / until it answers 200 (redirects followed:
the portal's home page). The phases come from make's output, each timestamped when its line arrives:
make echoes every command before it runs it, so a phase lasts from its command's line to the next
phase's. "Warm cache" means pip finds its wheels locally (this workplace: /opt/wheels and the local
indexes in pip.conf) and npm its tarballs in ~/.npm, as after an earlier install.

It then waits (up to --worker-wait seconds, not counted in first_run_s) for the worker to finish what
the demo queued, and reports how long that took after the page was served (`worker_done_s`)."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# A phase starts at the first output line containing its marker (make's echo of the command).
PHASES = [
    ("venv", "-m venv .venv"),
    ("pip", "pip install"),
    ("npm", "npm ci"),
    ("migrate", "chancery migrate"),
    ("collectstatic", "chancery collectstatic"),
    ("demo", "chancery demo"),
    ("reindex", "chancery reindex"),
    ("serve", "chancery serve"),
]

# make runs each command through this shell (SHELL=… on make's command line, passed to the sub-makes
# too), which prints the command's wall-clock and CPU seconds when it ends: the CPU seconds are the
# figure to compare on a shared machine, where the wall clock depends on the neighbours' load.
TIMED_SHELL = """#!/bin/bash
command="${2:0:100}"
TIMEFORMAT="[first-run cpu] %R %U %S ${command//%/%%}"
time /bin/sh "$@"
"""
CPU_MARK = "[first-run cpu] "

# The caller's settings must not leak into the clone (they would point it at another tree or database).
CLEARED = ("PYTHONPATH", "DATABASE_URL", "DJANGO_ENV", "DJANGO_SETTINGS_MODULE", "VIRTUAL_ENV", "PORT")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - our own local server
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def clean_environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in CLEARED and not k.startswith("CHANCERY_")}
    env["PYTHONUNBUFFERED"] = "1"
    return env


def phase_table(lines: list[tuple[float, str]], served: float) -> dict[str, float]:
    starts: list[tuple[str, float]] = []
    seen = set()
    for at, line in lines:
        for name, marker in PHASES:
            if name not in seen and marker in line:
                seen.add(name)
                starts.append((name, at))
    starts.sort(key=lambda pair: pair[1])
    table = {}
    for index, (name, at) in enumerate(starts):
        end = starts[index + 1][1] if index + 1 < len(starts) else served
        table[name] = round(end - at, 1)
    if starts:
        table["before_first_phase"] = round(starts[0][1], 1)
    return table


def cpu_table(lines: list[tuple[float, str]]) -> dict[str, float]:
    """CPU seconds (user + system, the command and what it waited for) per phase, from the timed shell."""
    table: dict[str, float] = {}
    for _at, line in lines:
        if not line.startswith(CPU_MARK):
            continue
        _real, user, system, command = line[len(CPU_MARK) :].split(" ", 3)
        for name, marker in PHASES:
            if marker in command:
                table[name] = round(table.get(name, 0) + float(user) + float(system), 1)
                break
    return table


def queued_tasks(clone: Path) -> int | None:
    """Tasks of the demo still waiting in the clone's SQLite queue (None if unreadable)."""
    database = clone / "var" / "chancery.sqlite3"
    if not database.exists():
        return None
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5) as connection:
            row = connection.execute(
                "SELECT count(*) FROM django_tasks_database_dbtaskresult"
                " WHERE status IN ('READY', 'RUNNING')"
                " AND (run_after <= datetime('now') OR run_after >= '9999')"  # 'max': no time set
            ).fetchone()
        return row[0]
    except sqlite3.Error:
        return None


def first_run(keep: bool = False, timeout: float = 2400, worker_wait: float = 300, echo: bool = True) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="chancery-first-run-"))
    clone = folder / "chancery"
    git, make = shutil.which("git"), shutil.which("make")
    subprocess.run([git, "clone", "--quiet", str(ROOT), str(clone)], check=True)  # noqa: S603
    commit = subprocess.run(  # noqa: S603
        [git, "-C", str(clone), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    shell = folder / "timed-sh"
    shell.write_text(TIMED_SHELL, encoding="utf-8")
    shell.chmod(0o755)
    port = free_port()
    lines: list[tuple[float, str]] = []
    started = time.monotonic()
    process = subprocess.Popen(  # noqa: S603
        [make, "run", f"PORT={port}", f"SHELL={shell}"],
        cwd=clone,
        env=clean_environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        bufsize=1,
        start_new_session=True,
    )

    def read():
        for line in process.stdout:
            lines.append((time.monotonic() - started, line.rstrip()))
            if echo:
                print(f"[{lines[-1][0]:7.1f}] {line.rstrip()}", flush=True)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    url = f"http://127.0.0.1:{port}/"
    served = None
    try:
        while time.monotonic() - started < timeout:
            if process.poll() is not None:
                break
            if answers(url):
                served = time.monotonic() - started
                break
            time.sleep(0.5)
        result = {"commit": commit, "first_run_s": round(served, 1) if served else None, "port": port}
        if served is None:
            result["error"] = f"no page served (make exited {process.poll()})"
        else:
            result["queued_at_first_page"] = queued_tasks(clone)
            waited = time.monotonic()
            while time.monotonic() - waited < worker_wait and process.poll() is None:
                if queued_tasks(clone) == 0:
                    result["worker_done_s"] = round(time.monotonic() - waited, 1)
                    break
                time.sleep(1)
        result["phases_s"] = phase_table(lines, served or (time.monotonic() - started))
        result["phases_cpu_s"] = cpu_table(lines)
        result["load_average"] = [round(load, 1) for load in os.getloadavg()]
        return result
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        reader.join(timeout=5)
        if keep:
            print(f"clone kept in {clone}", file=sys.stderr)
        else:
            shutil.rmtree(folder, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the clone (to look at its var/)")
    parser.add_argument("--quiet", action="store_true", help="do not echo make's output")
    parser.add_argument("--worker-wait", type=float, default=300)
    parser.add_argument("--json", type=Path, help="also write the result to this file")
    args = parser.parse_args()
    result = first_run(keep=args.keep, worker_wait=args.worker_wait, echo=not args.quiet)
    text = json.dumps(result, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0 if result.get("first_run_s") else 1


if __name__ == "__main__":
    sys.exit(main())
