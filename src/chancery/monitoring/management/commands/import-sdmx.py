"""chancery import-sdmx PATH [--dry-run] [--mapping NAME] [--structure FILE]: reference values from
an SDMX message (SDMX-ML, SDMX-JSON, SDMX-CSV) as OECD and Eurostat publish it. Prints one JSON
object; exit 0 when the file is valid, 2 with a message per problem when it is not (then nothing is
changed). Without --mapping it only reports what the message holds."""

import json
import sys
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from chancery.core.management.base import ChanceryCommand
from chancery.monitoring.models import SdmxMapping
from chancery.monitoring.services.benchmarks import import_sdmx


class Command(ChanceryCommand):
    help = "Import benchmark values from an SDMX file through a stored mapping."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--dry-run", action="store_true", help="Check and report; change nothing.")
        parser.add_argument("--mapping", help="The name of the SDMX mapping to apply.")
        parser.add_argument("--structure", help="The structure (DSD) file, when it is not beside the data.")

    def handle(self, *args, path, dry_run, mapping, structure, **options):
        source = Path(path)
        if not source.is_file():
            raise CommandError(_("%(path)s: no such file") % {"path": path}, returncode=2)
        chosen = None
        if mapping:
            chosen = SdmxMapping.objects.select_related("indicator").filter(name=mapping).first()
            if chosen is None:
                known = ", ".join(SdmxMapping.objects.values_list("name", flat=True)) or "-"
                raise CommandError(
                    _("There is no SDMX mapping “%(mapping)s” (known: %(known)s).")
                    % {"mapping": mapping, "known": known},
                    returncode=2,
                )
        report = import_sdmx(
            source, mapping=chosen, dry_run=dry_run, structure=Path(structure) if structure else None
        ).as_dict()
        self.stdout.write(json.dumps(report, ensure_ascii=False))
        if report["errors"]:
            for error in report["errors"]:
                where = _(", observation %(number)s") % {"number": error["observation"]} if error["observation"] else ""
                self.stderr.write(f"{source.name}{where}: {error['message']}")
            sys.exit(2)
