"""`chancery licence_report <year> [--output FILE]`: the yearly figures of licences granted and
refused per country of destination and category, as CSV (the public report's file)."""

from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from chancery.core.management.base import ChanceryCommand
from chancery.licensing.services import statistics


class Command(ChanceryCommand):
    help = "Write the yearly report of strategic-goods licences (granted and refused per country and category) as CSV."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("--output", help="File to write; standard output when absent.")

    def handle(self, *args, year, output=None, **options):
        if not statistics.is_closed(year):
            raise CommandError(_("The report of %(year)d is published once the year is over.") % {"year": year})
        content = statistics.as_csv(year)
        if output:
            Path(output).write_text(content, encoding="utf-8")
            rows = len(content.splitlines()) - 1
            self.stdout.write(
                ngettext("%(file)s: %(count)d row", "%(file)s: %(count)d rows", rows) % {"file": output, "count": rows}
            )
        else:
            self.stdout.write(content, ending="")
