"""`chancery disaster-compensation PATH --json` (issue 16's pinned interface): the outcome of one
claim, and exit code 2 with the reason for invalid input."""

import io
import json

import pytest
from django.core.management import call_command

CLAIM = {
    "publication_date": "2024-01-15",
    "claimant": "private",
    "damage_eur": "12000.00",
    "insurance_paid_eur": "3000.00",
    "insurable_simple_risks": False,
}


def run(tmp_path, data, raw=None) -> tuple[int, dict | None, str]:
    path = tmp_path / "claim.json"
    if raw is not None:
        path.write_bytes(raw)
    else:
        path.write_text(json.dumps(data), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("disaster-compensation", str(path), "--json", stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return code, (json.loads(out.getvalue()) if code == 0 else None), err.getvalue()


def test_a_claim_computed(tmp_path):
    code, result, _err = run(tmp_path, CLAIM)
    assert code == 0
    assert set(result) == {"eligible", "compensation_eur", "claim_deadline", "late_claim_deadline", "lines"}
    assert result["eligible"] is True
    assert result["compensation_eur"] == "8500.00"
    assert result["claim_deadline"] == "2024-04-30"
    assert result["late_claim_deadline"] == "2025-01-15"
    assert [set(line) for line in result["lines"]] == [{"label", "amount_eur"}] * 4
    assert [line["amount_eur"] for line in result["lines"]] == ["12000.00", "-3000.00", "-500.00", "8500.00"]
    assert result["lines"][0]["label"] == "Schade"


def test_public_domain_and_json_numbers(tmp_path):
    claim = dict(
        CLAIM, claimant="public_domain", damage_eur=20000.5, insurance_paid_eur=0, publication_date="2024-02-29"
    )
    code, result, _err = run(tmp_path, claim)
    assert code == 0
    assert result["compensation_eur"] == "7500.50"
    assert (result["claim_deadline"], result["late_claim_deadline"]) == ("2024-05-31", "2025-02-28")


def test_insurance_above_the_damage_is_zero_with_a_line(tmp_path):
    code, result, _err = run(tmp_path, dict(CLAIM, insurance_paid_eur="15000"))
    assert code == 0
    assert result["eligible"] is True and result["compensation_eur"] == "0.00"
    assert "verzekeringen" in result["lines"][-2]["label"]


def test_insurable_goods_not_eligible(tmp_path):
    code, result, _err = run(tmp_path, dict(CLAIM, insurable_simple_risks=True))
    assert code == 0
    assert result["eligible"] is False and result["compensation_eur"] == "0.00"
    assert "eenvoudige risico" in result["lines"][1]["label"]


@pytest.mark.parametrize(
    "changes, reason",
    [
        ({"damage_eur": "-100"}, "negatief"),
        ({"insurance_paid_eur": "-0.01"}, "negatief"),
        ({"damage_eur": "veel"}, "damage_eur"),
        ({"damage_eur": "1.005"}, "twee decimalen"),
        ({"damage_eur": None}, "damage_eur"),
        ({"publication_date": "2024-02-30"}, "publication_date"),
        ({"publication_date": "15/01/2024"}, "publication_date"),
        ({"publication_date": "20240115"}, "publication_date"),
        ({"claimant": "company"}, "company"),
        ({"insurable_simple_risks": "no"}, "insurable_simple_risks"),
    ],
)
def test_invalid_input_exits_2_with_the_reason(tmp_path, changes, reason):
    code, _result, err = run(tmp_path, dict(CLAIM, **changes))
    assert code == 2
    assert reason in err


def test_a_missing_field(tmp_path):
    claim = dict(CLAIM)
    del claim["insurable_simple_risks"]
    code, _result, err = run(tmp_path, claim)
    assert code == 2 and "insurable_simple_risks" in err


@pytest.mark.parametrize("raw", [b"", b"{", b"[1, 2]", b'{"damage_eur": NaN}', b"\xff\xfe", b'"text"'])
def test_not_a_claim_exits_2(tmp_path, raw):
    code, _result, err = run(tmp_path, None, raw=raw)
    assert code == 2 and err.strip()


def test_a_missing_file_exits_2(tmp_path):
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("disaster-compensation", str(tmp_path / "none.json"), "--json", stdout=out, stderr=err)
    assert exit_.value.code == 2 and err.getvalue().strip()
