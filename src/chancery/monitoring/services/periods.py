"""Periods of indicator values, as budget reports and SDMX write them: a year (2025), a half-year
(2025-S1), a quarter (2025-Q1) or a month (2025-03). One normal form, and the day it starts."""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

PATTERNS = (
    (re.compile(r"^(\d{4})$"), lambda y: (f"{y}", datetime.date(int(y), 1, 1))),
    (re.compile(r"^(\d{4})-?S([12])$"), lambda y, s: (f"{y}-S{s}", datetime.date(int(y), 1 + 6 * (int(s) - 1), 1))),
    (re.compile(r"^(\d{4})-?Q([1-4])$"), lambda y, q: (f"{y}-Q{q}", datetime.date(int(y), 1 + 3 * (int(q) - 1), 1))),
    (re.compile(r"^(\d{4})-M?(0[1-9]|1[0-2])$"), lambda y, m: (f"{y}-{m}", datetime.date(int(y), int(m), 1))),
    (re.compile(r"^(\d{4})-(0[1-9]|1[0-2])-01$"), lambda y, m: (f"{y}-{m}", datetime.date(int(y), int(m), 1))),
)


def parse_period(text) -> tuple[str, datetime.date]:
    """(normal form, first day) of a period, or a ValidationError in the user's language."""
    value = str(text).strip().upper().replace("/", "-")
    if value.endswith(".0") and value[:-2].isdigit():  # a year read from a spreadsheet as a number
        value = value[:-2]
    for pattern, build in PATTERNS:
        match = pattern.match(value)
        if match:
            return build(*match.groups())
    raise ValidationError(
        _("“%(period)s” is not a period: write 2025, 2025-S1, 2025-Q1 or 2025-03.") % {"period": text}, code="period"
    )
