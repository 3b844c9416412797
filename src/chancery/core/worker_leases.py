"""A worker that dies in the middle of a task (killed, out of memory, its machine gone) leaves the task
marked running in the database queue, and django-tasks-db never looks at it again. Each `chancery
worker` therefore holds a *lease* for as long as its process lives, and every worker now and then
hands the running tasks of workers without a lease back to the queue, where another one takes them.

The lease is a lock the operating system or the database lets go of when its holder dies, so no
heartbeat and no clock: on PostgreSQL a session advisory lock on a connection of its own (workers on
several machines share the database), on SQLite an exclusive `flock` on a file in the installation's
folder (SQLite is one machine). A task handed back runs again from its start: tasks are written to
be run again (extraction, indexing, rebuilds and releases check what is already done)."""

from __future__ import annotations

import fcntl
import hashlib
import logging
import threading
from pathlib import Path

from django.conf import settings
from django.db import connection, connections
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


def _key(worker_id: str) -> int:
    """The advisory lock's key of a worker: 64 bits of its id's hash, as PostgreSQL's bigint."""
    return int.from_bytes(hashlib.sha256(f"chancery-worker:{worker_id}".encode()).digest()[:8], "big", signed=True)


def _lease_file(worker_id: str) -> Path:
    folder = Path(settings.VAR_DIR) / "workers"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{hashlib.sha256(worker_id.encode()).hexdigest()[:32]}.lease"


class Lease:
    """Held by a live worker: `acquire` when it starts, let go of when it stops or dies."""

    def __init__(self, worker_id: str):
        self.worker_id = worker_id
        self._holder = None

    def acquire(self) -> Lease:
        if connection.vendor == "postgresql":
            import psycopg

            # A connection of its own: Django closes and reopens its connections between tasks, and a
            # session lock ends with the session.
            params = connection.get_connection_params()
            self._holder = psycopg.connect(**params, autocommit=True)
            self._holder.execute("SELECT pg_advisory_lock(%s)", [_key(self.worker_id)])
        else:
            holder = open(_lease_file(self.worker_id), "a+")  # noqa: SIM115 - held open for the worker's life
            fcntl.flock(holder, fcntl.LOCK_EX)
            self._holder = holder
        return self

    def release(self) -> None:
        if self._holder is not None:
            if connection.vendor == "postgresql":
                # Let go at once: the server ends a closed session a moment later, not on the spot.
                self._holder.execute("SELECT pg_advisory_unlock(%s)", [_key(self.worker_id)])
            self._holder.close()  # ends the session, or closes the file: the lock goes with it
            self._holder = None


def alive(worker_id: str) -> bool:
    """Whether a worker holds its lease (checked from another session or file handle than its own)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [_key(worker_id)])
            free = cursor.fetchone()[0]
            if free:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [_key(worker_id)])
        return not free
    path = _lease_file(worker_id)
    if not path.exists():
        return False
    with open(path, "a+") as probe:
        try:
            fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(probe, fcntl.LOCK_UN)
    path.unlink(missing_ok=True)
    return False


def recover(own_worker_id: str | None = None) -> list[str]:
    """Hand the tasks left running by dead workers back to the queue; returns their ids. A task is
    handed back only if it is still running under the same worker when it is updated."""
    handed_back = []
    for task in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).only("id", "worker_ids", "task_path"):
        last = task.worker_ids[-1] if task.worker_ids else None
        if last is None or last == own_worker_id or alive(last):
            continue
        updated = DBTaskResult.objects.filter(
            pk=task.pk, status=TaskResultStatus.RUNNING, worker_ids=task.worker_ids
        ).update(status=TaskResultStatus.READY, started_at=None)
        if updated:
            logger.warning("Task %s (%s) of worker %s, which stopped, is queued again", task.pk, task.task_path, last)
            handed_back.append(str(task.pk))
    return handed_back


class Recovery(threading.Thread):
    """Within a worker process: looks for abandoned tasks every CHANCERY_WORKER_RECOVERY_SECONDS, on
    its own database connection (a thread has its own)."""

    def __init__(self, worker_id: str):
        super().__init__(name="chancery-worker-recovery", daemon=True)
        self.worker_id = worker_id
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.wait(settings.CHANCERY_WORKER_RECOVERY_SECONDS):
            try:
                recover(self.worker_id)
            except Exception:  # noqa: BLE001 - a failed round is logged and tried again next time
                logger.exception("Looking for tasks of stopped workers failed")
            finally:
                connections.close_all()
