"""chancery verify-signatures FILE.pdf [--json]: the verdict Chancery gives on a PDF's signatures
(signing.verify_pdf: pyHanko's bottom line, PAdES level, time stamp, what was changed after
signing). Exit code 0 when every signature is valid, 1 when one is not, 3 when there is none."""

import json
import sys
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from chancery.core import signing
from chancery.core.management.base import ChanceryCommand


class Command(ChanceryCommand):
    help = "Verify the signatures of a PDF file."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--json", action="store_true", dest="as_json", help="One JSON object per signature.")

    def handle(self, *args, path, as_json: bool = False, **options):
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise CommandError(
                _("Cannot read %(path)s: %(reason)s") % {"path": path, "reason": exc.strerror or exc}
            ) from exc
        try:
            checks = signing.verify_pdf(data)
        except signing.UnreadablePdf as exc:
            raise CommandError(
                _("%(path)s: not a readable PDF (%(reason)s).") % {"path": path, "reason": exc}, returncode=2
            ) from exc
        if as_json:
            self.stdout.write(json.dumps([c.as_dict() for c in checks], ensure_ascii=False, indent=2))
        else:
            for check in checks:
                self.stdout.write(_line(check))
        if not checks:
            self.stderr.write(_("No signature."))
        sys.exit({"none": 3, "valid": 0, "invalid": 1}[signing.signature_summary(checks)])


def _line(check) -> str:
    verdict = _("VALID") if check.valid else (_("CHANGED AFTER SIGNING") if check.changed else _("INVALID"))
    when = check.signed_at.isoformat() if check.signed_at else "?"
    level = check.level or _("not PAdES")
    text = f"{check.field}: {check.signer}, {level}, {when}: {verdict}"
    if check.changes:
        text += " — " + "; ".join(check.changes)
    return text
