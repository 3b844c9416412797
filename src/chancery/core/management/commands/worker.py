"""`chancery worker`: runs background tasks from the database queue (django-tasks-db's worker)."""

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand


class Command(DatabaseWorkerCommand):
    help = "Run background tasks (text extraction, scheduled releases, deliveries) from the database queue."
