"""chancery disaster-compensation PATH --json: the compensation of one disaster-fund claim, computed
by the same rules and figures as the case pages (disaster_fund.services.compensation).

PATH holds one JSON object:
    {"publication_date": "YYYY-MM-DD", "claimant": "private" | "public_domain",
     "damage_eur": "12000.00", "insurance_paid_eur": "3000.00", "insurable_simple_risks": false}
Amounts are text (or JSON numbers, read exactly) in euro with at most two decimals, never negative.
It prints {"eligible", "compensation_eur", "claim_deadline", "late_claim_deadline",
"lines": [{"label", "amount_eur"}]}: the lines before the last add up to the last (the compensation).
An insurance payout above the damage is computed to zero with a line saying so (eligible stays true:
the goods are covered, there is nothing left to compensate). Invalid input: the reasons on stderr,
exit code 2. PATH "-" reads standard input."""

import json
import sys
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from chancery.core.management.base import ChanceryCommand
from chancery.disaster_fund import rules
from chancery.disaster_fund.services.compensation import assess_claim, parse_date

MAX_BYTES = 64 * 1024


def _no_constant(name):
    raise ValueError(name)


class Command(ChanceryCommand):
    help = "Compute the disaster-fund compensation of one claim (JSON file) line by line."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument(
            "--json",
            action="store_true",
            help="Print the outcome as JSON (the only output form, kept for the interface).",
        )

    def refuse(self, *messages):
        for message in messages:
            self.stderr.write(message)
        sys.exit(2)

    def handle(self, *args, path, **options):
        try:
            raw = sys.stdin.buffer.read(MAX_BYTES + 1) if path == "-" else Path(path).read_bytes()
        except OSError as exc:
            self.refuse(_("Cannot read %(path)s: %(reason)s") % {"path": path, "reason": exc.strerror or exc})
        if len(raw) > MAX_BYTES:
            self.refuse(_("The file is too large for one claim."))
        try:
            # Amounts are read as Decimal, never as binary fractions; NaN and Infinity are not amounts.
            data = json.loads(raw.decode("utf-8"), parse_float=Decimal, parse_constant=_no_constant)
        except (UnicodeDecodeError, ValueError) as exc:
            self.refuse(_("The file is not valid JSON: %(reason)s") % {"reason": exc})
        try:
            outcome = assess_claim(data)
        except ValidationError as exc:
            self.refuse(*exc.messages)
        publication = parse_date(data["publication_date"], "publication_date")
        if publication < rules.DECREE_IN_FORCE:
            self.stderr.write(
                _(
                    "Note: published before the decree took effect (1 January 2020); "
                    "its rules are applied for reference."
                )
            )
        self.stdout.write(json.dumps(outcome, ensure_ascii=False, indent=2))
