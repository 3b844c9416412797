"""The base of Chancery's commands: what a command changes is done through the `command` channel
(core.context), whether it runs from the shell or through `call_command`."""

from django.core.management.base import BaseCommand

from chancery.core.context import acting_through


class ChanceryCommand(BaseCommand):
    def execute(self, *args, **options):
        with acting_through("command"):
            return super().execute(*args, **options)
