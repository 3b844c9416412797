"""Importing indicator tables (CSV, XLSX): round trips, revisions kept, a dry run that changes
nothing, and a clear error for every kind of bad row — a file with errors changes nothing."""

import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from chancery.monitoring.models import Indicator, Observation

GOOD = "indicator;period;value;unit\npartnerschappen;2024;10;aantal\npartnerschappen;2025;14,5;aantal\n"


def run(path, *options) -> tuple[int, dict]:
    import io

    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import-indicators", str(path), *options, stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return code, json.loads(out.getvalue())


def test_dry_run_then_import_then_revision(tmp_path, indicator):
    table = tmp_path / "bbt.csv"
    table.write_text(GOOD, encoding="utf-8")
    code, report = run(table, "--dry-run")
    assert code == 0 and report["observations"] == 2 and report["series"] == 1 and report["errors"] == []
    assert report["changes"] == {"new": 2, "revised": 0, "unchanged": 0}
    assert not Observation.objects.exists()  # a dry run changes nothing
    assert run(table)[0] == 0
    assert [(o.period, o.value) for o in Observation.objects.all()] == [("2024", 10), ("2025", Decimal("14.5"))]
    # The same file again changes nothing; a corrected value becomes revision 2, the old one stays.
    assert run(table)[1]["changes"] == {"new": 0, "revised": 0, "unchanged": 2}
    table.write_text(GOOD.replace("14,5;aantal", "15;aantal;Correctie na audit").replace(
        "value;unit", "value;unit;reason"), encoding="utf-8")  # fmt: skip
    assert run(table)[1]["changes"] == {"new": 0, "revised": 1, "unchanged": 1}
    old, new = Observation.objects.filter(period="2025").order_by("revision")
    assert (old.value, old.is_current, new.value, new.is_current) == (Decimal("14.5"), False, 15, True)
    assert new.reason == "Correctie na audit" and new.revision == 2


def test_xlsx_round_trip(tmp_path, indicator):
    book = Workbook()
    sheet = book.active
    sheet.append(["Indicator", "Periode", "Waarde", "Eenheid"])
    sheet.append(["partnerschappen", "2025-Q1", 12, "aantal"])
    sheet.append(["partnerschappen", 2026, 18.25, "Aantal"])
    book.save(tmp_path / "bbt.xlsx")
    code, report = run(tmp_path / "bbt.xlsx")
    assert code == 0 and report["observations"] == 2
    assert [(o.period, o.value) for o in Observation.objects.all()] == [("2025-Q1", 12), ("2026", Decimal("18.25"))]


@pytest.mark.parametrize(
    "line, column, words",
    [
        ("onbekend;2025;3;aantal", "indicator", "Onbekende indicator"),
        ("partnerschappen;2025;3;euro", "unit", "eenheid"),
        ("partnerschappen;2025;veel;aantal", "value", "geen getal"),
        ("partnerschappen;volgend jaar;3;aantal", "period", "geen periode"),
        ("partnerschappen;2024;11;aantal", "period", "twee keer"),
    ],
)
def test_every_bad_row_is_reported_and_nothing_changes(tmp_path, indicator, line, column, words):
    table = tmp_path / "bbt.csv"
    table.write_text(GOOD + line + "\n", encoding="utf-8")
    for options in (["--dry-run"], []):
        code, report = run(table, *options)
        assert code == 2
        [error] = report["errors"]
        assert error["row"] == 4 and error["column"] == column and words in error["message"]
    assert not Observation.objects.exists()


def test_a_file_without_the_columns_is_refused(tmp_path, indicator):
    table = tmp_path / "bbt.csv"
    table.write_text("a,b\n1,2\n", encoding="utf-8")
    code, report = run(table)
    assert code == 2 and "indicator" in report["errors"][0]["message"]
    assert Indicator.objects.get().observations.count() == 0
