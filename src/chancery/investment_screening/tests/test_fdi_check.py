"""`chancery fdi-check PATH --json`: the interface outside checks rely on (issue 17). Its keys,
its level strings, the same answer as the service, and exit code 2 with the reasons on stderr and
nothing on stdout for a notification that does not hold."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from chancery.investment_screening.services.thresholds import assess, deal_from_json

NOTIFICATION = {
    "investor": {"country": "NL", "ubo_countries": ["NL", "CN"]},
    "target": {"regions": ["BRU", "VLG"], "sectors": ["energy", "media"], "turnover_eur": "150000000"},
    "voting_rights_before": "5",
    "voting_rights_after": "30",
    "control_acquired": True,
}


def run(path, *options) -> tuple[int, str, str]:
    """As the shell runs `chancery fdi-check` (exit code, stdout, stderr), within the test's process."""
    import io

    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("fdi-check", str(path), *options, stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue(), err.getvalue()


def write(tmp_path: Path, data, name="melding.json") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_the_json_answer_has_the_pinned_keys_and_level_strings(tmp_path):
    code, out, err = run(write(tmp_path, NOTIFICATION), "--json")
    assert (code, err) == (0, "")
    answer = json.loads(out)
    assert set(answer) == {"notifiable", "flemish_link", "levels_reached", "reasons"}
    assert answer["notifiable"] is True
    assert answer["flemish_link"] is True
    assert answer["levels_reached"] == ["10", "25", "control"]
    assert all(isinstance(reason, str) and reason for reason in answer["reasons"])
    # The same service as the form and the case page.
    assert answer == assess(deal_from_json(NOTIFICATION)).as_json()


@pytest.mark.parametrize(
    ("change", "notifiable", "flemish", "levels"),
    [
        ({}, True, True, ["10", "25", "control"]),
        ({"investor": {"country": "DE", "ubo_countries": ["FR"]}}, False, True, []),
        ({"investor": {"country": "CH"}}, True, True, ["10", "25", "control"]),
        ({"voting_rights_before": "30", "voting_rights_after": "30", "control_acquired": False}, False, True, []),
        ({"target": {"regions": ["WAL"], "sectors": ["other"], "turnover_eur": "1"}}, False, False, []),
        ({"target": {"regions": ["BRU"], "sectors": ["biotech"], "turnover_eur": 0}}, True, False, ["25", "control"]),
        ({"voting_rights_after": 10, "control_acquired": False}, True, True, ["10"]),
        ({"voting_rights_after": 9.99, "control_acquired": False}, False, True, []),
    ],
)
def test_answers(tmp_path, change, notifiable, flemish, levels):
    code, out, _err = run(write(tmp_path, {**NOTIFICATION, **change}), "--json")
    assert code == 0
    answer = json.loads(out)
    assert (answer["notifiable"], answer["flemish_link"], answer["levels_reached"]) == (notifiable, flemish, levels)


BAD = [
    ("percentage above 100", {"voting_rights_after": "101"}, "voting_rights_after"),
    ("negative percentage", {"voting_rights_before": "-0.5"}, "voting_rights_before"),
    ("after below before", {"voting_rights_before": "40", "voting_rights_after": "30"}, "40"),
    ("turnover not a number", {"target": {**NOTIFICATION["target"], "turnover_eur": "veel"}}, "turnover_eur"),
    ("unknown sector", {"target": {**NOTIFICATION["target"], "sectors": ["toerisme"]}}, "toerisme"),
    ("unknown region", {"target": {**NOTIFICATION["target"], "regions": ["NRW"]}}, "NRW"),
    ("bad country code", {"investor": {"country": "CHN"}}, "CHN"),
    ("bad owner country", {"investor": {"country": "NL", "ubo_countries": ["Q1"]}}, "Q1"),
    ("control not a boolean", {"control_acquired": "ja"}, "control_acquired"),
]


@pytest.mark.parametrize(("name", "change", "named"), BAD, ids=[b[0] for b in BAD])
def test_invalid_input_exits_2_with_the_reason_on_stderr_only(tmp_path, name, change, named):
    path = write(tmp_path, {**NOTIFICATION, **change})
    code, out, err = run(path, "--json")
    assert code == 2
    assert out == ""
    assert named in err
    assert "Traceback" not in err
    assert all(line.startswith(f"{path}: ") for line in err.strip().splitlines())


@pytest.mark.parametrize("content", ["", "{", "[1, 2]", '"tekst"', '{"voting_rights_after": NaN}', "\x00\x01", None])
def test_an_unreadable_file_exits_2(tmp_path, content):
    path = tmp_path / "melding.json"
    if content is not None:
        path.write_text(content)
    code, out, err = run(path, "--json")
    assert code == 2
    assert out == ""
    assert err.strip().startswith(str(path))


def test_without_json_the_reasons_are_printed_as_lines(tmp_path):
    code, out, _err = run(write(tmp_path, NOTIFICATION))
    assert code == 0
    assert len(out.strip().splitlines()) == len(assess(deal_from_json(NOTIFICATION)).reasons) + 1


def test_the_installed_command_answers_in_dutch_and_exits_2(tmp_path):
    """The console script itself, as an outside check calls it (a separate process; no database)."""
    chancery = Path(sys.executable).with_name("chancery")
    command = [str(chancery)] if chancery.exists() else [sys.executable, "-m", "chancery.manage"]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[3])}
    done = subprocess.run(
        [*command, "fdi-check", str(write(tmp_path, NOTIFICATION)), "--json"],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["levels_reached"] == ["10", "25", "control"]
    assert "buitenlandse investeerder" in " ".join(answer["reasons"])
    bad = write(tmp_path, {**NOTIFICATION, "voting_rights_after": "150"}, "fout.json")
    done = subprocess.run(
        [*command, "fdi-check", str(bad), "--json"], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert "percentage" in done.stderr and "150" in done.stderr
