"""Background work: one way to declare a task and one way to start it.

    @background()
    def make_report(report_id: int) -> str: ...      # beside the service it runs

    defer(make_report, report.pk)                     # inside the service's transaction

A task is a django-tasks task (the database queue by default; `chancery worker` runs it) that acts
through the `task` channel (core.context), so its audit entries say so. `defer` enqueues once the
transaction commits — a rolled-back change starts nothing — and, with `when`, at that moment where
the backend can wait (otherwise at once, or not at all with `unless_it_can_wait`: a scheduled
release is then left to `chancery release_due`)."""

from __future__ import annotations

import datetime
import functools

from django.db import transaction
from django_tasks import task, task_backends

from chancery.core.context import acting_through


def background(**options):
    def decorate(function):
        @functools.wraps(function)
        def in_task_channel(*args, **kwargs):
            with acting_through("task"):
                return function(*args, **kwargs)

        return task(**options)(in_task_channel)

    return decorate


def defer(work, *args, when: datetime.datetime | None = None, unless_it_can_wait: bool = False) -> None:
    def enqueue():
        can_wait = task_backends[work.backend].supports_defer
        if when is not None and can_wait:
            work.using(run_after=when).enqueue(*args)
        elif not (when is not None and unless_it_can_wait):
            work.enqueue(*args)

    transaction.on_commit(enqueue)
