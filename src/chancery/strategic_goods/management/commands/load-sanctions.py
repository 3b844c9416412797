"""chancery load-sanctions PATH [--dry-run]: replace the sanctions list by the EU consolidated financial-sanctions
list in the Commission's XML export (Financial Sanctions Database). The file is checked first
(official XML Schema when CHANCERY_SANCTIONS_SCHEMA names it, and our own checks); a file that does
not conform is refused with exit code 2 and what is wrong and where, and the old list stays."""

import sys
from pathlib import Path

from django.utils.translation import gettext as _

from chancery.core.management.base import ChanceryCommand
from chancery.strategic_goods.sanctions_xml import SanctionsFileError, check_file
from chancery.strategic_goods.services.sanctions import load_sanctions


class Command(ChanceryCommand):
    help = "Load the EU consolidated sanctions list from its XML export (replaces the list in use)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--dry-run", action="store_true", help="Check the file; change nothing.")

    def handle(self, *args, path, dry_run=False, **options):
        source = Path(path)
        if not source.is_file():
            self.stderr.write(_("%(path)s: no such file; the sanctions list is unchanged.") % {"path": path})
            sys.exit(2)
        try:
            if dry_run:
                export = check_file(source)
                self.stdout.write(
                    _("%(file)s conforms: %(count)s entries (generated %(date)s); nothing was loaded (dry run).")
                    % {"file": source.name, "count": len(export.entities), "date": export.generation_date.isoformat()}
                )
                return
            loaded = load_sanctions(source, source="command")
        except SanctionsFileError as exc:
            self.stderr.write(
                _("%(file)s is not a valid EU sanctions export; the sanctions list is unchanged:")
                % {"file": source.name}
            )
            for error in exc.errors:
                self.stderr.write(f"  {source.name}, {error}")
            sys.exit(2)
        self.stdout.write(
            _("%(count)s entries loaded from %(file)s (generated %(date)s).")
            % {"count": loaded.entity_count, "file": loaded.source_name, "date": loaded.generation_date.isoformat()}
        )
