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

    def handle(self, *args, **options):
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
        self.run_queued_tasks()
        self.stdout.write(
            _("Demo accounts (password '%(password)s'): %(users)s")
            % {"password": DEMO_PASSWORD, "users": ", ".join(u[0] for u in USERS)}
        )

    def run_queued_tasks(self):
        """Run here what the demo queued and is due (the text of its documents, the search index, the
        open-data files), so that the demo is complete and searchable when the command ends, not
        minutes after the worker started. Releases planned for later stay in the queue."""
        backend = task_backends["default"]
        if not isinstance(backend, DatabaseBackend):
            return  # the immediate backend (tests) ran every task at its commit
        queued = DBTaskResult.objects.ready().filter(backend_name=backend.alias)
        if not queued.exists():
            return
        self.stdout.write(
            _("Running the %(count)d background tasks the demo queued (text extraction, search)…")
            % {"count": queued.count()}
        )
        call_command("worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0)
