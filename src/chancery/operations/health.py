"""What a load balancer and an operator ask of a running node: is the process up (`live`), and can
it serve (`ready`): the database answers, the file store takes a write, the search index keeps up,
the task queue is worked off. Only counts and ages: no names, no content (no personal data).

Limits (seconds, settings): `CHANCERY_READY_MAX_TASK_AGE` (the oldest task due but not started),
`CHANCERY_READY_MAX_SEARCH_LAG` (how long changes have waited for the search index); 0 turns a
check off. The search index is derived data: a node without one answers from the database (exact,
slower), so a missing index is reported, not a reason to take the node out."""

from __future__ import annotations

import datetime
import time
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection
from django.db.models import Min
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from chancery.portal.models import StaleSearchEntry
from chancery.portal.search.tantivy_index import schema

# The probe's folder in the document store: outside `documents/` and `renditions/`, never a blob.
PROBE_FOLDER = "health"


def _seconds(since: datetime.datetime | None, now: datetime.datetime) -> float | None:
    return None if since is None else round(max((now - since).total_seconds(), 0.0), 1)


def database() -> dict:
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True, "milliseconds": round((time.perf_counter() - started) * 1000, 1)}


def storage() -> dict:
    """Write a small file to the document store and remove it."""
    store = storages["documents"]
    name = store.save(f"{PROBE_FOLDER}/probe-{uuid.uuid4().hex}", ContentFile(b"ok"))
    store.delete(name)
    return {"ok": True}


def task_queue(now: datetime.datetime | None = None) -> dict:
    """Tasks due and not started: how many, and how long the oldest has waited since it was due."""
    now = now or timezone.now()
    ready = DBTaskResult.objects.ready()
    undated = ready.filter(run_after=get_date_max()).aggregate(oldest=Min("enqueued_at"))["oldest"]
    dated = ready.exclude(run_after=get_date_max()).aggregate(oldest=Min("run_after"))["oldest"]
    due = [moment for moment in (undated, dated) if moment is not None]
    return {"pending": ready.count(), "oldest_seconds": _seconds(min(due), now) if due else 0.0}


def search_index(now: datetime.datetime | None = None) -> dict:
    """This node's index: whether it is built, when it last committed, how many entries wait for it,
    and the lag: how long changes may have waited (since its last commit, while any wait)."""
    now = now or timezone.now()
    meta = schema.directory() / "meta.json"
    committed = datetime.datetime.fromtimestamp(meta.stat().st_mtime, tz=datetime.UTC) if meta.exists() else None
    stale = StaleSearchEntry.objects.filter(node=settings.CHANCERY_SEARCH_NODE).count()
    age = _seconds(committed, now)
    return {
        "available": schema.available(),
        "age_seconds": age,
        "stale_entries": stale,
        "lag_seconds": 0.0 if not stale else age,
    }


def live() -> dict:
    return {"status": "ok"}


def ready() -> tuple[bool, dict]:
    """Every check, and the reasons the node is not ready (empty when it is)."""
    checks, reasons = {}, []
    for name, check in (("database", database), ("storage", storage)):
        try:
            checks[name] = check()
        except Exception as exc:  # noqa: BLE001 - any failure is the answer, by its kind only
            checks[name] = {"ok": False, "error": type(exc).__name__}
            reasons.append(f"{name}: {type(exc).__name__}")
    if checks["database"]["ok"]:
        now = timezone.now()
        checks["tasks"] = task_queue(now)
        checks["search"] = search_index(now)
        task_limit = settings.CHANCERY_READY_MAX_TASK_AGE
        if task_limit and checks["tasks"]["oldest_seconds"] > task_limit:
            reasons.append(f"tasks: the oldest pending task has waited {checks['tasks']['oldest_seconds']:.0f} s")
        lag, lag_limit = checks["search"]["lag_seconds"], settings.CHANCERY_READY_MAX_SEARCH_LAG
        if lag_limit and lag is not None and lag > lag_limit:
            reasons.append(f"search: changes have waited {lag:.0f} s for the search index")
    return not reasons, {"status": "ok" if not reasons else "unavailable", "reasons": reasons, "checks": checks}
