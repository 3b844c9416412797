"""`chancery backup DIR`: a consistent backup of the database and every stored file, with a
manifest of checksums and counts (chancery.operations.backups). Exit 2 when refused."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

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
            raise CommandError(_("The backup failed: %(reason)s") % {"reason": failure}, returncode=1) from failure
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            _(
                "Backup written to %(folder)s: %(engine)s database (%(tables)d tables, %(rows)d rows, "
                "%(entries)d audit entries), %(files)d files."
            )
            % {
                "folder": folder,
                "engine": manifest["database"]["engine"],
                "tables": len(manifest["tables"]),
                "rows": rows,
                "entries": manifest["audit"]["entries"],
                "files": len(manifest["files"]),
            }
        )
