from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import models
from django.utils.translation import gettext as _
from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from chancery.core.demo.data import DEMO_PASSWORD, USERS
from chancery.core.management.base import ChanceryCommand


def demo_loaders():
    """Each Chancery app may ship `<app>.demo.loader.load_demo()`; the core's runs first."""
    for config in apps.get_app_configs():
        if (
            config.name.startswith("chancery.")
            and find_spec(f"{config.name}.demo")
            and find_spec(f"{config.name}.demo.loader")
        ):
            yield config.label, import_module(f"{config.name}.demo.loader").load_demo


def counted(what, count: int) -> str:
    """What was added, worded for the operator ("3 zittingen", "1 persoon"): a loader counts per model
    (its verbose names) or under a plural of its own (`ngettext_lazy("%(count)d file …", …, "count")`)."""
    if isinstance(what, type) and issubclass(what, models.Model):
        name = what._meta.verbose_name if count == 1 else what._meta.verbose_name_plural
        return f"{count} {name}"
    return str(what % {"count": count})


class Command(ChanceryCommand):
    help = "Load the demo organisation, accounts and data. Running it again adds only what is missing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--run-tasks",
            action="store_true",
            help="Also run here what the demo queued (texts, search index, reports), for a demo without a worker.",
        )

    def handle(self, *args, run_tasks=False, **options):
        if settings.PRODUCTION:
            raise CommandError(_("Demo data and demo accounts are refused under production settings."))
        for label, load in demo_loaders():
            added = load()
            summary = ", ".join(counted(what, count) for what, count in added.items()) or _("nothing new")
            module = apps.get_app_config(label).verbose_name
            self.stdout.write(
                self.style.SUCCESS(_("Demo data for %(module)s ready (added: %(summary)s).")
                                   % {"module": module, "summary": summary})
            )  # fmt: skip
        if run_tasks:
            self.run_queued_tasks()
        else:
            self.report_queued_tasks()
        self.stdout.write(
            _("Demo accounts (password '%(password)s'): %(users)s")
            % {"password": DEMO_PASSWORD, "users": ", ".join(u[0] for u in USERS)}
        )

    @staticmethod
    def queued_tasks():
        """What the demo queued and is due (None on the immediate backend of the tests, which ran every
        task at its commit). Releases planned for later are not due."""
        backend = task_backends["default"]
        if not isinstance(backend, DatabaseBackend):
            return None
        return DBTaskResult.objects.ready().filter(backend_name=backend.alias)

    def report_queued_tasks(self):
        """The derived work (the text of the documents, the search index, the PDF progress report, the
        open-data files) is left to the worker that `make run` starts with the server: done here, it
        held up the first page by minutes. Until then search is answered by the database and the
        report shows as being made."""
        queued = self.queued_tasks()
        if queued is None or not (count := queued.count()):
            return
        self.stdout.write(
            _(
                "%(count)d background tasks queued (text extraction, search index, reports): the worker "
                "(chancery serve --with-worker, or chancery worker) runs them."
            )
            % {"count": count}
        )

    def run_queued_tasks(self):
        """Run here what the demo queued and is due (`--run-tasks`: a demo without a worker)."""
        queued = self.queued_tasks()
        if queued is None or not queued.exists():
            return
        self.stdout.write(
            _("Running the %(count)d background tasks the demo queued (text extraction, search)…")
            % {"count": queued.count()}
        )
        call_command("worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0)
