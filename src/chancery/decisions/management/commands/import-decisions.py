"""chancery import-decisions PATH [--format auto|ori|rdfa|eli] [--dry-run]: a government's history
from other systems' publications (issue 22). PATH is a file or a folder of files. Prints one JSON
report {"meetings", "items", "decisions", "documents", "errors": [{"record", "reason"}], "skipped"};
exit 0 when every record was read and imported (or already there), 2 when some record or file was
refused (the others are imported all the same; a refused record leaves nothing behind) or PATH does
not exist. With --dry-run it checks and counts and writes nothing."""

import json
import sys
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from chancery.core.management.base import ChanceryCommand
from chancery.decisions.importing.service import FORMATS, import_decisions


class Command(ChanceryCommand):
    help = "Import historical decisions: Open Raadsinformatie JSON, LBLOD HTML with RDFa, ELI N-Triples/Turtle."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument(
            "--format", choices=FORMATS, default="auto", help="The format of the files (auto: by name and content)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Check and report; change nothing.")

    def handle(self, *args, path, format, dry_run, **options):
        source = Path(path)
        if not source.exists():
            raise CommandError(_("%(path)s: no such file or folder") % {"path": path}, returncode=2)
        report = import_decisions(source, format=format, dry_run=dry_run).as_dict()
        self.stdout.write(json.dumps(report, ensure_ascii=False))
        if report["errors"]:
            for error in report["errors"]:
                self.stderr.write(f"{error['record']}: {error['reason']}")
            sys.exit(2)
