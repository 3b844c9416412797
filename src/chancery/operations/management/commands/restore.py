"""`chancery restore DIR`: restore a backup made by `chancery backup` into an empty installation,
after checking every checksum; rebuild the search index and the open-data files; report the
counts (chancery.operations.backups). Exit 2 with the reason when refused: nothing was changed."""

from django.core.management.base import CommandError
from django.db import connection

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
            raise CommandError(f"The restore failed: {failure}", returncode=1) from failure
        self.stdout.write(
            f"Restored the backup of {report['created_at']} (Chancery {report['chancery_version']}): "
            f"{report['tables']} tables, {report['rows']} rows, {report['audit_entries']} audit entries "
            f"(trail unchanged), {report['files']} files ({report['files_written']} written)."
        )
        self.stdout.write(
            f"Rebuilt: search index ({report['search_entries']} entries, {report['search_entries_waiting']} left "
            "to the worker), "
            "open data (" + ", ".join(f"{name}: {rows}" for name, rows in report["open_data"].items()) + ")."
        )
        if connection.vendor == "postgresql":
            # Ownership and grants are not restored (see chancery.operations.backups).
            self.stdout.write("Grant the application's role its rights: chancery grant-app-role ROLE --execute")
