"""`chancery worker`: runs background tasks from the database queue (django-tasks-db's worker).

Besides the queues it is given (`--queue-name`, "default" unless told), it takes the tasks that must
run on this machine from its own queue ("node-<CHANCERY_SEARCH_NODE>", `core.background.machine_queue`):
every machine that serves search keeps its own index, and only a worker on that machine can write it."""

from django.core.management import CommandError
from django.utils.translation import gettext as _
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from chancery.core.background import machine_queue


class Command(DatabaseWorkerCommand):
    help = "Run background tasks (text extraction, scheduled releases, deliveries) from the database queue."

    def handle(self, *args, queue_name: str, **options):
        queues = queue_name.split(",")
        if "*" in queues:
            # Every queue includes the other machines' own queues: their tasks are not this one's to run.
            raise CommandError(_("Name the queues to run (for example default): '*' would run other machines' tasks."))
        if machine_queue() not in queues:
            queues.append(machine_queue())
        return super().handle(*args, queue_name=",".join(queues), **options)
