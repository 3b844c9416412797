from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from chancery.api.models import ApiToken, Scope
from chancery.core.management.base import ChanceryCommand
from chancery.core.models import User


class Command(ChanceryCommand):
    help = "Create an API token for a user and print it (once: only its hash is kept)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--scope", action="append", choices=Scope.values, dest="scopes")
        parser.add_argument("--name", default="")

    def handle(self, *args, username, scopes, name, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(_("No active user “%(username)s”.") % {"username": username})
        token, key = ApiToken.issue(user, scopes or [Scope.READ_PUBLIC], name)
        self.stdout.write(key)
