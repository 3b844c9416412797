"""`chancery scm PATH --json`: the Standard Cost Model of a calculation in a JSON file,

    {"obligations": [{"name", "activities": [{"name", "time_hours", "tariff_eur_per_hour",
     "out_of_pocket_eur", "population", "frequency_per_year", "business_as_usual_share", "one_off"}]}]}

(numbers as numbers or as text), printed as `{"administrative_cost_eur",
"administrative_burden_eur", "one_off_eur", "structural_eur", "obligations": [...]}` with the same
four figures per obligation and per activity, as text with two decimals. The computation is the
burden pages' (`regulation.services.burden`): each activity rounded once to the cent (half up),
every total the sum of its parts; one-off and structural split the burden. A file that is not such
a calculation (not JSON, missing keys, a negative figure, a share outside 0–1, NaN or Infinity)
ends with exit code 2 and the reasons on standard error, each line naming the file."""

import json
import sys
from pathlib import Path

from django.core.exceptions import ValidationError

from chancery.core.management.base import ChanceryCommand
from chancery.regulation.services import burden


class Command(ChanceryCommand):
    help = "Compute the administrative cost and burden (Standard Cost Model) of a calculation in a JSON file."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument(
            "--json", action="store_true", help="Print the result as JSON (the only output format, kept explicit)."
        )

    def handle(self, *args, path, **options):
        try:
            obligations = burden.read_file(Path(path))
        except ValidationError as error:
            for message in error.messages:
                self.stderr.write(f"{path}: {message}")
            sys.exit(2)
        self.stdout.write(json.dumps(burden.compute(obligations).as_json(), ensure_ascii=False, indent=2))
