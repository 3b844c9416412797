"""chancery subject-access QUERY [--json]: everything the platform holds of one person (GDPR art.
15), found by e-mail address, national register number or full name across the modules, as the
register of processing declares (chancery.privacy.services.subjects). The request is recorded and
audited (its counts, not its content). --json prints the export as JSON; without it, a readable
summary per processing activity. An invalid identifier: the reason on stderr, exit code 2."""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext as _

from chancery.core.management.base import ChanceryCommand
from chancery.privacy.services import subjects


class Command(ChanceryCommand):
    help = "Export everything held of one person (e-mail address, national register number or full name)."

    def add_arguments(self, parser):
        parser.add_argument("query", metavar="QUERY")
        parser.add_argument("--json", action="store_true", help="Print the export as JSON.")

    def handle(self, *args, query, **options):
        try:
            export = subjects.subject_access(None, query)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages), returncode=2) from exc
        if options["json"]:
            self.stdout.write(json.dumps(export, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2))
            return
        self.stdout.write(_("Request %(number)s, pseudonym %(pseudonym)s.") % {
            "number": export["request"], "pseudonym": export["pseudonym"]
        })  # fmt: skip
        if not export["activities"]:
            self.stdout.write(_("No personal data of this person were found."))
        for activity in export["activities"]:
            self.stdout.write(f"\n{activity['name']} ({activity['code']})")
            for record in activity["records"]:
                self.stdout.write(f"  {record['model_label']} {record['reference']} ({record['subject']})")
                for name, value in record["data"].items():
                    self.stdout.write(f"    {record['labels'][name]}: {'—' if value is None else value}")
                if record["kept"]:
                    self.stdout.write(f"    {_('Kept by law')}: {record['kept']}")
