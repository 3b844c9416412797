"""chancery import-indicators PATH [--dry-run]: indicator values from a budget-report table
(CSV or XLSX, one row per indicator per period: indicator, period, value, and optionally unit and
reason). Prints one JSON object; exit 0 when the file is valid, 2 (with a message per bad row)
when it is not, and then nothing is changed."""

import json
import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from chancery.core.management.base import ChanceryCommand
from chancery.monitoring.services.observations import import_rows, read_rows


class Command(ChanceryCommand):
    help = "Import indicator values from a CSV or XLSX table (one row per indicator per period)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--dry-run", action="store_true", help="Check and report; change nothing.")

    def handle(self, *args, path, dry_run, **options):
        source = Path(path)
        if not source.is_file():
            raise CommandError(_("%(path)s: no such file") % {"path": path}, returncode=2)
        try:
            rows = read_rows(source)
        except ValidationError as exc:
            report = {"observations": 0, "series": 0, "errors": [{"row": 1, "column": "", "message": m}
                      for m in exc.messages], "dry_run": dry_run}  # fmt: skip
        else:
            report = import_rows(rows, dry_run=dry_run, source_file=source.name).as_dict()
        self.stdout.write(json.dumps(report, ensure_ascii=False))
        if report["errors"]:
            for error in report["errors"]:
                self.stderr.write(
                    _("%(file)s, row %(row)s (%(column)s): %(message)s")
                    % {"file": source.name, "row": error["row"], "column": error["column"], "message": error["message"]}
                )
            sys.exit(2)
