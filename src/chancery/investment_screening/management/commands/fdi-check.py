"""chancery fdi-check PATH [--json]: the threshold check of one notification of a foreign direct
investment, read as JSON:

    {"investor": {"country": "CN", "ubo_countries": ["CN"]},
     "target": {"regions": ["VLG"], "sectors": ["energy"], "turnover_eur": "150000000"},
     "voting_rights_before": "0", "voting_rights_after": "12", "control_acquired": false}

(`signing_date` "YYYY-MM-DD" may be added). With --json it prints
{"notifiable", "flemish_link", "levels_reached", "reasons"}; `levels_reached` holds "10", "25" and
"control" (rules.LEVELS), in that order; otherwise the reasons as lines. The same service as the
counter's form and the case page (services/thresholds.py). A file that cannot be read or a
notification that does not hold ends with exit code 2 and the reasons on stderr, one a line, each
starting with the path; nothing on stdout."""

import json
import sys
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from chancery.core.management.base import ChanceryCommand
from chancery.investment_screening.services.thresholds import assess, deal_from_json


def _no_constants(name):
    # NaN and Infinity are JavaScript, not JSON numbers: a figure written so is refused.
    raise ValueError(name)


class Command(ChanceryCommand):
    help = (
        "Check a notification of a foreign direct investment (JSON) against the screening thresholds. With --json: "
        '{"notifiable", "flemish_link", "levels_reached", "reasons"}, levels_reached holding "10", "25" and '
        '"control"; exit code 2 with the reasons on stderr for input that does not hold.'
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--json", action="store_true", dest="as_json", help="Print the result as JSON.")

    def refuse(self, path: str, messages) -> None:
        for message in messages:
            self.stderr.write(f"{path}: {message}")
        sys.exit(2)

    def handle(self, *args, path, as_json=False, **options):
        try:
            text = Path(path).read_bytes().decode("utf-8-sig")
        except FileNotFoundError:
            self.refuse(path, [_("The file does not exist.")])
        except (OSError, UnicodeDecodeError):
            self.refuse(path, [_("The file cannot be read as UTF-8 text.")])
        try:
            data = json.loads(text, parse_float=Decimal, parse_constant=_no_constants)
        except ValueError:
            self.refuse(path, [_("The file is not valid JSON.")])
        try:
            deal = deal_from_json(data)
        except ValidationError as error:
            self.refuse(path, error.messages)
        result = assess(deal)
        if as_json:
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        else:
            for reason in result.reasons:
                self.stdout.write(reason)
            self.stdout.write(result.flemish_reason)
