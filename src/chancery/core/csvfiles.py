"""Every CSV file the system writes goes through here, so that none of them runs a formula when
opened in a spreadsheet (CSV or formula injection; OWASP's guidance).

A text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a formula by
Excel, LibreOffice and Google Sheets (`=HYPERLINK(…)` in a submission's title would become a live
link in the public open-data file). Such a cell gets a leading apostrophe: spreadsheets show the text
as written, and a program reading the CSV sees the apostrophe and can strip it. Numbers stay numbers:
an int, float or Decimal, or a text that is a plain number (`-3.5`, `+2`, `1e-3`), is written as it
is. Quoting (the csv module's, for commas, quotes and newlines) is unchanged.
"""

from __future__ import annotations

import csv
import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def safe_cell(value):
    """The value as it may go into a CSV cell."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


class _Writer:
    def __init__(self, out, **fmtparams):
        self._writer = csv.writer(out, **fmtparams)

    @property
    def dialect(self):
        return self._writer.dialect

    def writerow(self, row):
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def writer(out, **fmtparams) -> _Writer:
    """csv.writer whose cells cannot start a formula."""
    return _Writer(out, **fmtparams)


class DictWriter(csv.DictWriter):
    """csv.DictWriter whose cells cannot start a formula (the header is ours)."""

    def writerow(self, rowdict):
        return super().writerow({key: safe_cell(value) for key, value in rowdict.items()})

    def writerows(self, rowdicts):
        for rowdict in rowdicts:
            self.writerow(rowdict)
