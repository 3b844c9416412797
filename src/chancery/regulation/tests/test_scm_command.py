"""`chancery scm PATH --json`: the interface outside checks use (issue 18), its answer and every
refusal (exit 2, the reason on standard error naming the file, nothing on standard output)."""

import io
import json
import subprocess
import sys

import pytest
from django.core.management import call_command

ACTIVITY = {
    "name": "Formulier invullen",
    "time_hours": "0.75",
    "tariff_eur_per_hour": "54",
    "out_of_pocket_eur": 2.5,
    "population": 3000,
    "frequency_per_year": "4",
    "business_as_usual_share": "0.2",
    "one_off": False,
}


def run(tmp_path, content) -> tuple[int, str, str]:
    path = tmp_path / "berekening.json"
    if isinstance(content, (dict, list)):
        content = json.dumps(content)
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("scm", str(path), "--json", stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue(), err.getvalue()


def test_the_command_prints_the_figures_as_text_with_two_decimals(tmp_path):
    # (0.75 × 54 + 2.50) × 3,000 × 4 = 43.00 × 12,000 = 516,000.00; burden × 0.8 = 412,800.00.
    # Kennisname, once: 2 h × 54 × 3,000 = 324,000.00, burden the same.
    once = {**ACTIVITY, "name": "Kennisname", "time_hours": 2, "out_of_pocket_eur": "0", "frequency_per_year": 1,
            "business_as_usual_share": 0, "one_off": True}  # fmt: skip
    code, out, err = run(tmp_path, {"obligations": [{"name": "Kwartaalaangifte", "activities": [ACTIVITY, once]}]})
    assert code == 0, err
    result = json.loads(out)
    assert result == {
        "administrative_cost_eur": "840000.00",
        "administrative_burden_eur": "736800.00",
        "one_off_eur": "324000.00",
        "structural_eur": "412800.00",
        "obligations": [
            {
                "name": "Kwartaalaangifte",
                "administrative_cost_eur": "840000.00",
                "administrative_burden_eur": "736800.00",
                "one_off_eur": "324000.00",
                "structural_eur": "412800.00",
                "activities": [
                    {"name": "Formulier invullen", "administrative_cost_eur": "516000.00",
                     "administrative_burden_eur": "412800.00", "one_off_eur": "0.00", "structural_eur": "412800.00"},
                    {"name": "Kennisname", "administrative_cost_eur": "324000.00",
                     "administrative_burden_eur": "324000.00", "one_off_eur": "324000.00", "structural_eur": "0.00"},
                ],
            }
        ],
    }  # fmt: skip


def test_json_floats_are_read_exactly(tmp_path):
    # 0.1 h × 0.7 euro as a float would be 0.06999999…; read as Decimal it is 0.07, × 50 = 3.50.
    activity = {**ACTIVITY, "time_hours": 0.1, "tariff_eur_per_hour": 0.7, "out_of_pocket_eur": 0, "population": 50,
                "frequency_per_year": 1, "business_as_usual_share": 0}  # fmt: skip
    code, out, err = run(tmp_path, {"obligations": [{"name": "o", "activities": [activity]}]})
    assert code == 0, err
    assert json.loads(out)["administrative_cost_eur"] == "3.50"


def with_(**changes):
    return {"obligations": [{"name": "o", "activities": [{**ACTIVITY, **changes}]}]}


# The reasons are in Dutch (the operator's language); each names the key or the place it is about.
REFUSED = {
    "negative population": (with_(population=-1), "population"),
    "negative frequency": (with_(frequency_per_year="-1"), "frequency_per_year"),
    "negative time": (with_(time_hours=-0.5), "time_hours"),
    "negative tariff": (with_(tariff_eur_per_hour="-54"), "tariff_eur_per_hour"),
    "negative out of pocket": (with_(out_of_pocket_eur=-1), "out_of_pocket_eur"),
    "share above 1": (with_(business_as_usual_share="1.5"), "business_as_usual_share"),
    "share below 0": (with_(business_as_usual_share=-0.01), "business_as_usual_share"),
    "share as percentage": (with_(business_as_usual_share=20), "business_as_usual_share"),
    "non-numeric": (with_(population="duizend"), "population"),
    "boolean as number": (with_(population=True), "population"),
    "null": (with_(time_hours=None), "time_hours"),
    "NaN": ('{"obligations": [{"name": "o", "activities": [{"time_hours": NaN}]}]}', "NaN"),
    "Infinity": ('{"obligations": [{"name": "o", "activities": [{"time_hours": Infinity}]}]}', "Infinity"),
    "-Infinity": ('{"obligations": [{"name": "o", "activities": [{"time_hours": -Infinity}]}]}', "Infinity"),
    "NaN as text": (with_(time_hours="NaN"), "time_hours"),
    "Infinity as text": (with_(tariff_eur_per_hour="Infinity"), "tariff_eur_per_hour"),
    "huge": (with_(population=1e300), "population"),
    "missing key": ({"obligations": [{"name": "o", "activities": [{"name": "a"}]}]}, "time_hours"),
    "missing obligations": ({"verplichtingen": []}, "obligations"),
    "missing activities": ({"obligations": [{"name": "o"}]}, "activities"),
    "missing name": ({"obligations": [{"activities": []}]}, "name"),
    "one_off as text": (with_(one_off="ja"), "one_off"),
    "activity not an object": ({"obligations": [{"name": "o", "activities": [3]}]}, "activiteit 1"),
    "obligation not an object": ({"obligations": ["o"]}, "verplichting 1"),
    "a list": ([1, 2], "obligations"),
    "not JSON": ("obligations: []", "JSON"),
    "empty": ("", "JSON"),
    "truncated": (json.dumps(with_())[:40], "JSON"),
    "not UTF-8": ('{"obligations": [{"name": "Soci\u00e9t\u00e9", "activities": []}]}'.encode("latin-1"), "UTF-8"),
    "nested deeply": ("[" * 100000 + "]" * 100000, "genest"),
}


@pytest.mark.parametrize("case", REFUSED)
def test_bad_input_ends_with_exit_2_and_the_reason(tmp_path, case):
    content, names = REFUSED[case]
    code, out, err = run(tmp_path, content)
    assert code == 2, f"{case}: {out}"
    assert out == ""
    assert "Traceback" not in err
    first = err.strip().splitlines()[0]
    assert "berekening.json" in first
    assert names in err


def test_every_problem_is_reported_at_once(tmp_path):
    content = {
        "obligations": [{"name": "o", "activities": [{**ACTIVITY, "population": -1, "business_as_usual_share": 2}]}]
    }
    code, _out, err = run(tmp_path, content)
    assert code == 2
    assert "population" in err and "business_as_usual_share" in err


def test_a_missing_file_is_refused(tmp_path, capsys):
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("scm", str(tmp_path / "geen.json"), "--json", stderr=err)
    assert exit_.value.code == 2
    assert "geen.json" in err.getvalue()


def test_the_installed_command_is_chancery_scm(tmp_path):
    """As outside checks call it: the console script, exit status and streams."""
    path = tmp_path / "b.json"
    path.write_text(json.dumps(with_(population=-3)))
    done = subprocess.run(
        [sys.executable, "-m", "chancery.manage", "scm", str(path), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "population" in done.stderr and done.stdout == ""
    path.write_text(json.dumps(with_()))
    done = subprocess.run(
        [sys.executable, "-m", "chancery.manage", "scm", str(path), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["administrative_cost_eur"] == "516000.00"
