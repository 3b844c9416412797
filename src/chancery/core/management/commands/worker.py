"""`chancery worker`: runs background tasks from the database queue (django-tasks-db's worker).

Besides the queues it is given (`--queue-name`, "default" unless told), it takes the tasks that must
run on this machine from its own queue ("node-<CHANCERY_SEARCH_NODE>", `core.background.machine_queue`):
every machine that serves search keeps its own index, and only a worker on that machine can write it.

It holds a lease while it lives and hands the tasks of workers that died mid-task back to the queue
(core.worker_leases)."""

from django.conf import settings
from django.core.management import CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from chancery.core.background import machine_queue
from chancery.core.worker_leases import Lease, Recovery


class Command(DatabaseWorkerCommand):
    help = "Run background tasks (text extraction, scheduled releases, deliveries) from the database queue."

    def handle(self, *args, queue_name: str, **options):
        queues = queue_name.split(",")
        if "*" in queues:
            # Every queue includes the other machines' own queues: their tasks are not this one's to run.
            # Said in the operator's language, as every command's (not a ChanceryCommand: the tasks it
            # runs choose their own language and channel).
            with translation.override(settings.LANGUAGE_CODE):
                message = _("Name the queues to run (for example default): '*' would run other machines' tasks.")
            raise CommandError(message)
        if machine_queue() not in queues:
            queues.append(machine_queue())
        worker_id = options["worker_id"]
        lease = Lease(worker_id).acquire()
        recovery = Recovery(worker_id)
        recovery.start()
        try:
            return super().handle(*args, queue_name=",".join(queues), **options)
        finally:
            recovery.stopping.set()
            lease.release()
