from django.utils.translation import gettext as _

from chancery.core.management.base import ChanceryCommand
from chancery.decisions.services import run_due_releases


class Command(ChanceryCommand):
    help = "Release every confirmed release whose moment has come (a safety net beside the worker)."

    def handle(self, *args, **options):
        for release in run_due_releases():
            self.stdout.write(
                _("%(release)s: %(count)d released") % {"release": release, "count": release.released_count}
            )
