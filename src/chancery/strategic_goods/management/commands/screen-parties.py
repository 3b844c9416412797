"""chancery screen-parties PATH [--subject KEY]: screen the parties of a CSV file (columns name,country) against the
loaded sanctions list and the EU arms embargoes. Prints a JSON list with one object per party that
has at least one hit: {"name", "country", "matches": [{"listed_name", "score", "list_id"}]}.
With --subject the hits are also recorded for that subject, for a handler's review. Exit code 2
with a message when the file cannot be read or lacks the columns."""

import json
import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from chancery.core.management.base import ChanceryCommand
from chancery.strategic_goods.services.parties import read_parties, screen_all
from chancery.strategic_goods.services.review import screen_parties
from chancery.strategic_goods.services.sanctions import current_list


class Command(ChanceryCommand):
    help = "Screen the parties of a CSV file (name,country) against the sanctions list and arms embargoes."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument(
            "--subject",
            default="",
            help="Also record the hits for this subject (e.g. licence:42), to be reviewed by a handler.",
        )

    def handle(self, *args, path, subject="", **options):
        try:
            parties = read_parties(Path(path))
        except ValidationError as exc:
            for message in exc.messages:
                self.stderr.write(message)
            sys.exit(2)
        if current_list() is None:
            self.stderr.write(_("No sanctions list has been loaded; only countries under arms embargo are screened."))
        result = screen_all(parties)
        if subject.strip():
            screen_parties(subject, parties, source="command")
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
