"""`chancery backup DIR`: a consistent backup of the database and every stored file, with a
manifest of checksums and counts (chancery.operations.backups). Exit 2 when refused."""

from django.core.management.base import CommandError

from chancery.core.management.base import ChanceryCommand
from chancery.operations import backups


class Command(ChanceryCommand):
    help = "Back up the database and every stored file into DIR (a new or empty folder)."

    def add_arguments(self, parser):
        parser.add_argument("folder", metavar="DIR")

    def handle(self, *args, folder, **options):
        try:
            manifest = backups.backup(folder)
        except backups.Refused as refusal:
            raise CommandError(str(refusal), returncode=2) from refusal
        except backups.Failed as failure:
            raise CommandError(f"The backup failed: {failure}", returncode=1) from failure
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"Backup written to {folder}: {manifest['database']['engine']} database "
            f"({len(manifest['tables'])} tables, {rows} rows, {manifest['audit']['entries']} audit entries), "
            f"{len(manifest['files'])} files."
        )
