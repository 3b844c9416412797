"""chancery archive-export CASE_OR_FILTER DIR: the archive package of closed files
(chancery.archive.services.packages).

CASE_OR_FILTER is a closed file's reference (CSG-2024-0001), `all` (every closed file), or filters
separated by commas: procedure=CSG, closed-before=2025-01-01, closed-after=2020-01-01. DIR is a new
or empty folder, or a file name ending in .zip. The command acts as the archive's system account
(an export is audited per file). Prints one line per file and the manifest's name; input that
does not hold ends with exit code 2 and the reason on stderr, nothing written."""

import sys

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from chancery.core.management.base import ChanceryCommand

ACCOUNT = ("archive-export", "Archiefexport")


class Command(ChanceryCommand):
    help = (
        "Export closed files to an archive package (metadata as JSON and XML, documents as uploaded and as "
        "PDF/A, SHA-256 manifest). CASE_OR_FILTER: a reference, 'all', or procedure=CODE, closed-before=DATE, "
        "closed-after=DATE separated by commas; DIR: a new or empty folder, or a .zip file. Exit code 2 with the "
        "reason on stderr for input that does not hold."
    )

    def add_arguments(self, parser):
        parser.add_argument("selection", metavar="CASE_OR_FILTER")
        parser.add_argument("target", metavar="DIR")

    def handle(self, *args, selection, target, **options):
        from chancery.archive.services import packages
        from chancery.core.models import User

        try:
            cases = packages.select(selection)
            account, _made = User.objects.system_account(*ACCOUNT)
            summary = packages.export(account, cases, target)
        except ValidationError as exc:
            for message in exc.messages:
                self.stderr.write(message)
            sys.exit(2)
        for reference in summary["files"]:
            self.stdout.write(reference)
        self.stdout.write(_("%(count)d files written to %(target)s; checksums in %(manifest)s.") % {
            "count": summary["entries"], "target": summary["target"], "manifest": packages.MANIFEST,
        })  # fmt: skip
