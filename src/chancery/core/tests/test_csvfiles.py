"""No CSV the system writes starts a formula in a spreadsheet (OWASP's CSV injection guidance), and
every CSV is written through the one helper that sees to it."""

import io
import re
from decimal import Decimal
from pathlib import Path

import pytest

from chancery.core import csvfiles


@pytest.mark.parametrize(
    "value, written",
    [
        ('=HYPERLINK("https://evil.example","klik")', '\'=HYPERLINK("https://evil.example","klik")'),
        ("+32 2 553 11 11", "'+32 2 553 11 11"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Oostgrens = grens", "Oostgrens = grens"),  # only the first character matters
        ("-3.5", "-3.5"),  # a number stays a number
        ("+2", "+2"),
        ("-1e-3", "-1e-3"),
        (-3.5, -3.5),
        (Decimal("-12.50"), Decimal("-12.50")),
        (-7, -7),
        (None, None),
        ("", ""),
    ],
)
def test_cells_that_would_start_a_formula_are_neutralised(value, written):
    assert csvfiles.safe_cell(value) == written


def test_the_writers_neutralise_every_cell_and_keep_quoting():
    out = io.StringIO()
    csvfiles.writer(out, lineterminator="\n").writerows([["=1+1", -3.5, "a,b"]])
    dict_out = io.StringIO()
    writer = csvfiles.DictWriter(dict_out, fieldnames=["title", "value"], lineterminator="\n")
    writer.writeheader()
    writer.writerows([{"title": "@x", "value": "-4"}])
    assert out.getvalue() == '\'=1+1,-3.5,"a,b"\n'
    assert dict_out.getvalue() == "title,value\n'@x,-4\n"


def test_every_csv_is_written_through_the_helper():
    """A new CSV writer elsewhere would write cells unescaped: it must use core.csvfiles."""
    package = Path(csvfiles.__file__).resolve().parent.parent
    writers = re.compile(r"\bcsv\.(writer|DictWriter)\(")
    offenders = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if "tests" not in path.parts and path != Path(csvfiles.__file__).resolve()
        if writers.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
