"""The `chancery` command: Django's manage.py, installed as a console script."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chancery.settings")
    from django.core.management import execute_from_command_line

    from chancery.core.context import set_channel

    # What the command does is done through the `command` channel (the audit trail says so); the
    # web server it may start and the tasks its worker runs set their own.
    set_channel("command")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
