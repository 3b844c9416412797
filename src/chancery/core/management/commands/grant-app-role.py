"""`chancery grant-app-role ROLE`: the grants of the application's PostgreSQL role (see
core/database_roles.py); prints them, or runs them with --execute (connected as the tables' owner)."""

from django.core.management.base import CommandError
from django.db import connection
from django.utils.translation import gettext as _

from chancery.core.database_roles import grants
from chancery.core.management.base import ChanceryCommand


class Command(ChanceryCommand):
    help = "Grant the application's PostgreSQL role what it needs (and of the audit table only SELECT, INSERT)."

    def add_arguments(self, parser):
        parser.add_argument("role")
        parser.add_argument("--execute", action="store_true", help="Run the statements instead of printing them.")

    def handle(self, *args, role, execute, **options):
        if connection.vendor != "postgresql":
            raise CommandError(_("Database roles are a PostgreSQL matter; SQLite has none."))
        statements = grants(connection, role)
        if not execute:
            self.stdout.write(";\n".join(statements) + ";")
            return
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
        self.stdout.write(_("Granted to %(role)s.") % {"role": role})
