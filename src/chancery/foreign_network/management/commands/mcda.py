"""chancery mcda PATH [--json]: rank options on weighted criteria (the location framework's
comparison, the same code as its pages: chancery.foreign_network.mcda).

Input: {"criteria": [{"key", "weight"}], "options": [{"key", "scores": {<criterion>: <number>}}]}.
Output with --json: {"ranking": [{"option", "score"}], "sensitivity": [{"criterion", "flip_at_weight"}]}
— the weighted-sum ranking (weights normalised to sum 1; best first, equal scores in key order) and
for each criterion the normalised weight nearest to its current one at which the first place changes
(null when none in [0, 1] does). Numbers are JSON numbers rounded half-even to 9 decimals from the
exact values. Without --json the same as a small table. Invalid input: the reason on stderr, exit 2."""

import json
import sys
from pathlib import Path

from django.utils.translation import gettext as _

from chancery.core.management.base import ChanceryCommand
from chancery.foreign_network import mcda


class Command(ChanceryCommand):
    help = "Rank options on weighted criteria (weighted sum) and show the weight at which the first place changes."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("path", help="a JSON file with criteria and options ('-' reads standard input)")
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args, path, **options):
        try:
            text = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
        except OSError as exc:
            self._refuse(f"{path}: {exc.strerror or exc}")
        try:
            problem = mcda.parse(text)
        except mcda.McdaError as exc:
            self._refuse(exc.translated(_))
        result = mcda.report(problem)
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        for place, row in enumerate(result["ranking"], 1):
            self.stdout.write(f"{place:>3}. {row['option']}  {row['score']}")
        for row in result["sensitivity"]:
            flip = "-" if row["flip_at_weight"] is None else row["flip_at_weight"]
            self.stdout.write(
                "     "
                + _("%(criterion)s: first place changes at weight %(weight)s")
                % {"criterion": row["criterion"], "weight": flip}
            )

    def _refuse(self, reason: str):
        self.stderr.write(f"mcda: {reason}")
        sys.exit(2)
