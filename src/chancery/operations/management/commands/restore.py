"""`chancery restore DIR`: restore a backup made by `chancery backup` into an empty installation,
after checking every checksum; rebuild the search index and the open-data files; report the
counts (chancery.operations.backups). Exit 2 with the reason when refused: nothing was changed."""

from django.core.management.base import CommandError
from django.db import connection
from django.utils.translation import gettext as _

from chancery.core.management.base import ChanceryCommand
from chancery.operations import backups


class Command(ChanceryCommand):
    help = "Restore the backup in DIR into this installation, which must be empty."

    def add_arguments(self, parser):
        parser.add_argument("folder", metavar="DIR")

    def handle(self, *args, folder, **options):
        try:
            report = backups.restore(folder)
        except backups.Refused as refusal:
            raise CommandError(str(refusal), returncode=2) from refusal
        except backups.Failed as failure:
            raise CommandError(_("The restore failed: %(reason)s") % {"reason": failure}, returncode=1) from failure
        self.stdout.write(
            _(
                "Restored the backup of %(created_at)s (Chancery %(version)s): %(tables)d tables, %(rows)d rows, "
                "%(entries)d audit entries (trail unchanged), %(files)d files (%(written)d written)."
            )
            % {
                "created_at": report["created_at"],
                "version": report["chancery_version"],
                "tables": report["tables"],
                "rows": report["rows"],
                "entries": report["audit_entries"],
                "files": report["files"],
                "written": report["files_written"],
            }
        )
        self.stdout.write(
            _("Rebuilt: search index (%(entries)d entries, %(waiting)d left to the worker), open data (%(open_data)s).")
            % {
                "entries": report["search_entries"],
                "waiting": report["search_entries_waiting"],
                "open_data": ", ".join(f"{name}: {rows}" for name, rows in report["open_data"].items()),
            }
        )
        if connection.vendor == "postgresql":
            # Ownership and grants are not restored (see chancery.operations.backups).
            self.stdout.write(
                _("Grant the application's role its rights: %(command)s")
                % {"command": "chancery grant-app-role ROLE --execute"}
            )
