"""`chancery mcda PATH --json`: the answer and every refusal (exit 2 with the reason)."""

import json
import subprocess
import sys

import pytest
from django.core.management import call_command

MOROCCO = {
    "criteria": [{"key": "political", "weight": 2}, {"key": "economic", "weight": 1}, {"key": "cultural", "weight": 1}],
    "options": [
        {"key": "Rabat", "scores": {"political": 8, "economic": 6, "cultural": 5}},
        {"key": "Casablanca", "scores": {"political": 5, "economic": 9, "cultural": 6}},
        {"key": "Dakar", "scores": {"political": 6, "economic": 4, "cultural": 7}},
    ],
}


def run(tmp_path, content, capsys, *flags):
    path = tmp_path / "input.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    with pytest.raises(SystemExit) as exit_:
        call_command("mcda", str(path), *flags)
    return exit_.value.code, capsys.readouterr()


def test_json_answer(tmp_path, capsys):
    path = tmp_path / "input.json"
    path.write_text(json.dumps(MOROCCO))
    call_command("mcda", str(path), "--json")
    assert json.loads(capsys.readouterr().out) == {
        "ranking": [
            {"option": "Rabat", "score": 6.75},
            {"option": "Casablanca", "score": 6.25},
            {"option": "Dakar", "score": 5.75},
        ],
        "sensitivity": [
            {"criterion": "political", "flip_at_weight": 0.4},
            {"criterion": "economic", "flip_at_weight": 0.357142857},  # 5/14, 9 decimals
            {"criterion": "cultural", "flip_at_weight": 0.5},
        ],
    }


def test_null_when_no_weight_changes_the_first_place(tmp_path, capsys):
    path = tmp_path / "input.json"
    path.write_text(
        '{"criteria": [{"key": "x", "weight": 0.5}, {"key": "y", "weight": 1.5}], "options": ['
        '{"key": "A", "scores": {"x": 9, "y": 9.5}}, {"key": "B", "scores": {"x": 1, "y": 2}}]}'
    )
    call_command("mcda", str(path), "--json")
    answer = json.loads(capsys.readouterr().out)
    assert answer["sensitivity"] == [
        {"criterion": "x", "flip_at_weight": None},
        {"criterion": "y", "flip_at_weight": None},
    ]
    assert answer["ranking"] == [{"option": "A", "score": 9.375}, {"option": "B", "score": 1.75}]


def with_(change):
    data = json.loads(json.dumps(MOROCCO))
    change(data)
    return data


REFUSED = [
    ("negative weight", with_(lambda d: d["criteria"][0].update(weight=-1)), "negatief"),
    ("all weights zero", with_(lambda d: [c.update(weight=0) for c in d["criteria"]]), "alle gewichten zijn nul"),
    (
        "missing score",
        with_(lambda d: d["options"][0]["scores"].pop("economic")),
        "geen score voor criterium 'economic'",
    ),
    ("unknown criterion", with_(lambda d: d["options"][1]["scores"].update(social=3)), "onbekend criterium 'social'"),
    (
        "duplicate criterion",
        with_(lambda d: d["criteria"].append({"key": "political", "weight": 1})),
        "dubbele criteriumsleutel 'political'",
    ),
    ("duplicate option", with_(lambda d: d["options"].append(d["options"][0])), "dubbele optiesleutel"),
    ("text score", with_(lambda d: d["options"][0]["scores"].update(political="8")), "is geen getal"),
    ("boolean weight", with_(lambda d: d["criteria"][0].update(weight=True)), "is geen getal"),
    ("empty options", with_(lambda d: d.update(options=[])), "geen opties"),
    ("no criteria", with_(lambda d: d.update(criteria=[])), "criteria moet een niet-lege lijst zijn"),
    ("not an object", "[1, 2]", "JSON-object"),
    ("not JSON", "criteria: political", "geen JSON"),
    ("NaN", json.dumps(MOROCCO).replace('"weight": 2', '"weight": NaN'), "NaN"),
    ("Infinity", json.dumps(MOROCCO).replace('"political": 8', '"political": Infinity'), "Infinity"),
    ("-Infinity", json.dumps(MOROCCO).replace('"political": 8', '"political": -Infinity'), "-Infinity"),
    (
        "key twice in scores",
        json.dumps(MOROCCO).replace('"political": 8,', '"political": 8, "political": 7,'),
        "twee keer",
    ),
    ("empty key", with_(lambda d: d["options"][0].update(key="")), "niet-lege sleutel"),
]


@pytest.mark.parametrize(("case", "content", "reason"), REFUSED, ids=[r[0] for r in REFUSED])
def test_refusals_exit_2_with_the_reason(tmp_path, capsys, case, content, reason):
    code, output = run(tmp_path, content, capsys, "--json")
    assert code == 2
    assert reason in output.err
    assert output.out == ""


def test_a_missing_file_is_refused(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        call_command("mcda", str(tmp_path / "absent.json"), "--json")
    assert exit_.value.code == 2
    assert "absent.json" in capsys.readouterr().err


def test_the_installed_command(tmp_path):
    """`chancery mcda` as the shell runs it: the same answer, exit 2 on bad input."""
    path = tmp_path / "input.json"
    path.write_text(json.dumps(MOROCCO))
    chancery = [sys.executable, "-m", "chancery.manage", "mcda"]
    done = subprocess.run([*chancery, str(path), "--json"], capture_output=True, text=True, check=False)  # noqa: S603 - our own command
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["ranking"][0] == {"option": "Rabat", "score": 6.75}
    path.write_text('{"criteria": [{"key": "x", "weight": -1}], "options": [{"key": "A", "scores": {"x": 1}}]}')
    done = subprocess.run([*chancery, str(path), "--json"], capture_output=True, text=True, check=False)  # noqa: S603 - our own command
    assert done.returncode == 2
    assert "negatief" in done.stderr


def test_the_operator_reads_dutch_whatever_was_active(tmp_path, capsys):
    """Issue 14: the refusal and the text table are in the configured language (Dutch); --json's
    keys are not words to translate."""
    from django.utils import translation

    with translation.override("en"):
        code, output = run(tmp_path, with_(lambda d: d["criteria"][0].update(weight=-1)), capsys, "--json")
        assert code == 2
        assert output.err == "mcda: criterium 'political': het gewicht mag niet negatief zijn\n"
        code, output = run(tmp_path, with_(lambda d: d["options"][0]["scores"].update(political="8")), capsys)
        assert output.err == "mcda: de score van optie 'Rabat' voor 'political' is geen getal: '8'\n"
        path = tmp_path / "input.json"
        path.write_text(json.dumps(MOROCCO))
        call_command("mcda", str(path))
    text = capsys.readouterr().out
    assert "  1. Rabat  6.75" in text and "political: de eerste plaats wisselt bij gewicht" in text
    assert "first place" not in text
