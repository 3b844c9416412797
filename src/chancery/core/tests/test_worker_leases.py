"""A worker killed in the middle of a task: its task is handed back to the queue and another worker
runs it (core.worker_leases, issue 20 §3)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from chancery.core import worker_leases
from chancery.core.worker_leases import Lease, alive, recover


@task()
def nap(marker: str) -> str:
    """The first run marks that it started and sleeps (to be killed); a run after that finishes."""
    path = Path(marker)
    if not path.exists():
        path.write_text(str(os.getpid()))
        time.sleep(600)
    return "uitgeslapen"


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}


def running_under(worker_id: str, marker: str) -> DBTaskResult:
    result = nap.enqueue(marker)
    row = DBTaskResult.objects.get(pk=result.id)
    row.claim(worker_id)
    return row


def test_a_lease_is_held_while_its_worker_lives(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    lease = Lease("werker-1").acquire()
    try:
        assert alive("werker-1")
        assert not alive("werker-2")  # never started
    finally:
        lease.release()
    assert not alive("werker-1")


def test_only_the_tasks_of_workers_without_a_lease_go_back_to_the_queue(db, settings, tmp_path, database_queue):
    settings.VAR_DIR = tmp_path
    lease = Lease("levend").acquire()
    try:
        dead = running_under("gestopt", str(tmp_path / "a"))
        living = running_under("levend", str(tmp_path / "b"))
        own = running_under("ikzelf", str(tmp_path / "c"))
        assert recover("ikzelf") == [str(dead.pk)]
        states = dict(DBTaskResult.objects.values_list("pk", "status"))
        assert states[dead.pk] == TaskResultStatus.READY
        assert states[living.pk] == states[own.pk] == TaskResultStatus.RUNNING
        assert recover("ikzelf") == []  # once
    finally:
        lease.release()


def _worker(database_url: str, worker_id: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_ENV": "test",
        "CHANCERY_TASK_BACKEND": "django_tasks_db.DatabaseBackend",
        "CHANCERY_WORKER_RECOVERY_SECONDS": "0.5",
    }
    command = [sys.executable, "-m", "chancery.manage", "worker", "--interval", "0.2", "--no-startup-delay",
               "--no-reload", "--worker-id", worker_id]  # fmt: skip
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)  # noqa: S603 - our own interpreter and arguments


def wait_until(condition, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.django_db(transaction=True)
def test_a_task_of_a_killed_worker_is_run_by_another(tmp_path, database_queue):
    if connection.vendor != "postgresql":
        pytest.skip("worker processes share the test database on PostgreSQL (SQLite's test database is in memory)")
    db = connection.settings_dict
    auth = f"{db['USER']}:{db['PASSWORD']}@" if db.get("PASSWORD") else f"{db['USER']}@"
    url = f"postgres://{auth}{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    marker = tmp_path / "begonnen"
    first = _worker(url, "eerste")
    second = None
    try:
        result = nap.enqueue(str(marker))
        assert wait_until(marker.exists), "the first worker did not start the task"
        row = DBTaskResult.objects.get(pk=result.id)
        assert row.status == TaskResultStatus.RUNNING and row.worker_ids == ["eerste"]
        first.send_signal(signal.SIGKILL)  # mid-task, without warning
        first.wait(timeout=30)
        second = _worker(url, "tweede")
        assert wait_until(lambda: DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.SUCCESSFUL), (
            "the task was not run again"
        )
        row = DBTaskResult.objects.get(pk=result.id)
        assert row.worker_ids == ["eerste", "tweede"] and row.return_value == "uitgeslapen"
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.terminate()
                process.wait(timeout=30)


def test_the_recovery_round_runs_on_its_own_and_stops(settings, db, tmp_path, monkeypatch):
    rounds = []
    monkeypatch.setattr(worker_leases, "recover", lambda own: rounds.append(own) or [])
    settings.CHANCERY_WORKER_RECOVERY_SECONDS = 0.05
    recovery = worker_leases.Recovery("ikzelf")
    recovery.start()
    assert wait_until(lambda: len(rounds) >= 2, seconds=10)
    recovery.stopping.set()
    recovery.join(timeout=10)
    assert not recovery.is_alive() and set(rounds) == {"ikzelf"}
