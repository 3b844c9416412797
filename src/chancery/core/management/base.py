"""The base of Chancery's commands: what a command changes is done through the `command` channel
(core.context), whether it runs from the shell or through `call_command`; what it says to the
operator is in the configured language (LANGUAGE_CODE, Dutch), whatever was active before (a command
has no user whose language it could take). Machine-readable output (JSON keys, CSV, SQL) is not
translated."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation

from chancery.core.context import acting_through


class ChanceryCommand(BaseCommand):
    def execute(self, *args, **options):
        with acting_through("command"), translation.override(settings.LANGUAGE_CODE):
            return super().execute(*args, **options)
