"""chancery enrol-signer USERNAME --certificate CERT.pem --key KEY.pem --by ADMIN [--passphrase-file FILE]:
enrol a user as a signer with the certificate and encrypted private key their authority issued
(the same checks and audit entry as the admin: signing.enrol). The signer's passphrase, only to
check the key, is asked on the terminal or read from the first line of --passphrase-file. Exit
code 2 with the reasons when the enrolment is refused; nothing is stored then."""

import getpass
import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from chancery.core import signing
from chancery.core.management.base import ChanceryCommand
from chancery.core.models import User


class Command(ChanceryCommand):
    help = "Enrol a user as a signer with their certificate and encrypted private key (PEM files)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--certificate", required=True, help="The signer's certificate (PEM).")
        parser.add_argument("--key", required=True, help="The signer's private key, encrypted (PEM, PKCS#8).")
        parser.add_argument("--by", required=True, dest="administrator", help="The administrator who enrols.")
        parser.add_argument("--passphrase-file", default="", help="A file whose first line is the passphrase.")

    def handle(self, *args, username, certificate, key, administrator, passphrase_file, **options):
        user = User.objects.filter(username=username).first()
        actor = User.objects.filter(username=administrator, is_active=True).first()
        if user is None or actor is None:
            raise CommandError(_("No user “%(username)s”.") % {"username": username if user is None else administrator})
        try:
            certificate_pem, key_pem = Path(certificate).read_text(), Path(key).read_text()
            if passphrase_file:
                passphrase = Path(passphrase_file).read_text().splitlines()[0]
            else:
                passphrase = getpass.getpass(_("Passphrase of %(username)s: ") % {"username": username})
        except OSError as exc:
            raise CommandError(
                _("Cannot read %(path)s: %(reason)s") % {"path": exc.filename, "reason": exc.strerror or exc}
            ) from exc
        except IndexError as exc:  # an empty passphrase file
            raise CommandError(
                _("%(path)s is empty: its first line is the passphrase.") % {"path": passphrase_file}
            ) from exc
        try:
            signing.enrol(actor, user, certificate_pem, key_pem, passphrase)
        except ValidationError as exc:
            for message in exc.messages:
                self.stderr.write(message)
            sys.exit(2)
        self.stdout.write(_("%(username)s is enrolled as a signer.") % {"username": username})
