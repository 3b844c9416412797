"""Every command that reads a file the operator hands it (indicator tables, SDMX messages, the EU
sanctions export, a list of parties) ends a hostile, truncated, empty or wrong file with its
documented message and exit code 2, never a traceback, and changes nothing (issue 13)."""

import io
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from chancery.core import samples
from chancery.core.testing import external_data

SANCTIONS = Path(__file__).resolve().parents[2] / "strategic_goods" / "data" / "demo-sanctions.xml"
SDMX_JSON = external_data("sdmx", "sdmx-test-data", "ECB_EXR", "flat.json")
SDMX_XML = external_data("sdmx", "sdmx-test-data", "ECB_EXR", "ng-flat.xml")

BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n<lolz>&lol3;</lolz>\n'
)


def xlsx_bytes(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def half(data: bytes) -> bytes:
    return data[: len(data) // 2]


# What each command is given: (file name, content); None for a path that does not exist.
BAD = {
    "empty": lambda suffix: b"",
    "binary": lambda suffix: bytes(range(256)) * 8,
    "nul": lambda suffix: b"indicator,period,value\x00\nx,2024,1\n",
    "latin-1": lambda suffix: "naam;land\nSoci\u00e9t\u00e9 G\u00e9n\u00e9rale;FR\n".encode("latin-1"),
    "pdf": lambda suffix: samples.make_pdf("Geen tabel"),
    "docx": lambda suffix: samples.make_docx("Geen tabel"),
    "truncated": lambda suffix: {
        ".xlsx": lambda: half(xlsx_bytes([["indicator", "period", "value"], ["x", "2024", 1]])),
        ".json": lambda: half(SDMX_JSON.read_bytes()),
        ".xml": lambda: half(SANCTIONS.read_bytes()),
        ".csv": lambda: b"indicator;period;value\npartners",
    }[suffix](),
    "truncated-sdmx-xml": lambda suffix: half(SDMX_XML.read_bytes()),
    "entities": lambda suffix: BILLION_LAUGHS,
    "json-not-sdmx": lambda suffix: b'{"data": [1, 2, 3]}',
    "json-list": lambda suffix: b"[[[[[[[]]]]]]]",
    "missing": lambda suffix: None,
}

CASES = [
    ("import-indicators", ".csv", ["empty", "binary", "nul", "latin-1", "truncated", "missing"]),
    ("import-indicators", ".xlsx", ["empty", "binary", "pdf", "docx", "truncated"]),
    ("import-sdmx", ".json", ["empty", "binary", "truncated", "json-not-sdmx", "json-list", "pdf", "missing"]),
    ("import-sdmx", ".xml", ["empty", "binary", "truncated-sdmx-xml", "entities", "docx"]),
    ("import-sdmx", ".csv", ["empty", "binary", "nul", "latin-1", "truncated"]),
    ("load-sanctions", ".xml", ["empty", "binary", "truncated", "entities", "pdf", "missing"]),
    ("screen-parties", ".csv", ["empty", "binary", "nul", "latin-1", "pdf", "missing"]),
    ("scm", ".json", ["empty", "binary", "nul", "truncated", "json-not-sdmx", "json-list", "pdf", "missing"]),
    ("fdi-check", ".json", ["empty", "binary", "nul", "pdf", "truncated", "json-not-sdmx", "json-list", "missing"]),
    (
        "import-decisions",
        ".json",
        ["empty", "binary", "nul", "pdf", "truncated", "json-not-sdmx", "json-list", "missing"],
    ),
    ("import-decisions", ".html", ["empty", "binary", "nul", "latin-1", "pdf", "entities", "missing"]),
    ("import-decisions", ".nt", ["empty", "binary", "nul", "latin-1", "pdf", "entities", "docx"]),
    ("import-decisions", ".ttl", ["empty", "binary", "truncated-sdmx-xml", "pdf"]),
]


def run_cli(command, *args) -> int:
    """As `chancery …` runs it (BaseCommand.run_from_argv): a CommandError is printed and becomes
    its exit code, anything else is a traceback. (run_from_argv itself closes the database
    connections, which would end the test's transaction on PostgreSQL.)"""
    try:
        call_command(command, *args)
    except CommandError as error:
        sys.stderr.write(f"CommandError: {error}\n")
        return error.returncode
    except SystemExit as exit_:
        return exit_.code
    return 0


def database_state():
    from chancery.decisions.models import ImportedRecord, Meeting
    from chancery.monitoring.models import BenchmarkValue, Observation
    from chancery.strategic_goods.models import SanctionsList, ScreeningHit

    return (
        Observation.objects.count(),
        BenchmarkValue.objects.count(),
        SanctionsList.objects.count(),
        ScreeningHit.objects.count(),
        Meeting.objects.count(),
        ImportedRecord.objects.count(),
    )


@pytest.mark.parametrize(
    ("command", "suffix", "bad"),
    [(command, suffix, bad) for command, suffix, bads in CASES for bad in bads],
)
def test_a_bad_file_ends_with_a_message_and_exit_2(db, tmp_path, capsys, command, suffix, bad):
    content = BAD[bad](suffix)
    path = tmp_path / f"invoer{suffix}"
    if content is not None:
        path.write_bytes(content)
    before = database_state()
    code = run_cli(command, str(path))
    out, err = capsys.readouterr()
    assert code == 2, f"{command} {bad}{suffix}: exit {code}\n{err}"
    assert "Traceback" not in err
    message = err.strip().splitlines()
    assert message, "no message"
    assert path.name in message[0] or str(path) in message[0], message[0]
    assert database_state() == before


def test_an_unknown_mapping_ends_with_exit_2(db, capsys):
    assert run_cli("import-sdmx", str(SDMX_JSON), "--mapping", "onbekend") == 2
    assert "onbekend" in capsys.readouterr().err
