"""Background work: one way to declare a task and one way to start it.

    @background()
    def make_report(report_id: int) -> str: ...      # beside the service it runs

    defer(make_report, report.pk)                     # inside the service's transaction

A task is a django-tasks task (the database queue by default; `chancery worker` runs it) that acts
through the `task` channel (core.context), so its audit entries say so. `defer` enqueues once the
transaction commits — a rolled-back change starts nothing — and, with `when`, at that moment where
the backend can wait (otherwise at once, or not at all with `unless_it_can_wait`: a scheduled
release is then left to `chancery release_due`). A task declared with `coalesce=True` (a rebuild of a
whole) waits in the queue at most once: the demo queued 81 open-data rebuilds of 5 s each."""

from __future__ import annotations

import datetime
import functools

from django.conf import settings
from django.db import transaction
from django_tasks import TaskResultStatus, task, task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from chancery.core.context import acting_through, request_id, within_request

# The request that queued a task travels with it as this keyword argument (taken off before the
# function is called), so that the task's log lines carry the request's id (core.logs).
REQUEST_ID_ARGUMENT = "chancery_request_id"


def origin() -> dict[str, str]:
    """The keyword arguments to queue a task with: the id of the request queuing it, if any."""
    identifier = request_id()
    return {REQUEST_ID_ARGUMENT: identifier} if identifier else {}


# The tasks declared with `coalesce=True`, by their path: a rebuild of the whole of something (the
# open-data files, the search index) that one run after the last change does for every change.
COALESCED: set[str] = set()


def background(*, coalesce: bool = False, **options):
    """Declare a task. `coalesce`: a task without arguments that redoes a whole (a rebuild); at most
    one of it waits in the queue at a time (see `enqueue`)."""

    def decorate(function):
        @functools.wraps(function)
        def in_task_channel(*args, **kwargs):
            origin = kwargs.pop(REQUEST_ID_ARGUMENT, None) or ""
            with acting_through("task"), within_request(origin):
                return function(*args, **kwargs)

        work = task(**options)(in_task_channel)
        if coalesce:
            COALESCED.add(work.module_path)
        return work

    return decorate


def machine_queue(node: str | None = None) -> str:
    """The queue of the tasks that must run on one machine (`node`, this one by default): those that
    write what each machine keeps for itself, as its search index. `chancery worker` takes this
    machine's besides the queues it is given."""
    return f"node-{node or settings.CHANCERY_SEARCH_NODE}"


def waiting(work) -> bool:
    """Whether the queue holds a run of this task that has not started yet (a database queue; the
    immediate backend of the tests holds none)."""
    backend = task_backends[work.backend]
    if not isinstance(backend, DatabaseBackend):
        return False
    return DBTaskResult.objects.filter(
        backend_name=backend.alias,
        task_path=work.module_path,
        queue_name=work.queue_name,
        status=TaskResultStatus.READY,
    ).exists()


def enqueue(work, *args) -> None:
    """Put a task in the queue now (after a commit: `defer` calls it then). A coalesced task is not
    queued again while a run of it is waiting: that run has not started, so it reads what this commit
    wrote. One that is running may have read the data before it: then another is queued. (Two commits
    at the same moment may each queue one: harmless, the second finds nothing left to do.)"""
    if work.module_path in COALESCED:
        if args:
            raise ValueError(f"{work.module_path} is coalesced: it takes no arguments")
        if waiting(work):
            return
    work.enqueue(*args, **origin())


def defer(work, *args, when: datetime.datetime | None = None, unless_it_can_wait: bool = False) -> None:
    def on_commit():
        can_wait = task_backends[work.backend].supports_defer
        if when is not None and can_wait:
            work.using(run_after=when).enqueue(*args, **origin())
        elif not (when is not None and unless_it_can_wait):
            enqueue(work, *args)

    transaction.on_commit(on_commit)
