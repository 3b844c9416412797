"""The anomaly register (per rule, CSV) and the statistics per disaster and municipality (page and
open-data CSV, small cells withheld)."""

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from chancery.disaster_fund.models import Anomaly
from chancery.disaster_fund.services import anomalies, statistics
from chancery.disaster_fund.testing import file_claim
from chancery.procedures.services import cases as engine


def test_anomalies_per_rule_and_as_csv(applicant, fund, recognition, org):
    claim = file_claim(applicant, recognition).disaster_claim
    anomalies.record(fund, claim, rule="deductible", facts="Schade €520: €20 vergoed.", proposal="Drempel herzien.")
    anomalies.record(fund, claim, rule="claim_window", facts="=HYPERLINK(1)", proposal="Termijn verlengen.")
    with pytest.raises(ValidationError):
        anomalies.record(fund, claim, rule="unknown", facts="x", proposal="y")
    with pytest.raises(PermissionDenied):
        anomalies.record(org.users["applicant"], claim, rule="deductible", facts="x", proposal="y")
    assert Anomaly.objects.count() == 2
    rows = list(csv.reader(io.StringIO(anomalies.as_csv(Anomaly.objects.all(), "deductible"))))
    assert rows[0] == anomalies.CSV_HEADER and len(rows) == 2 and rows[1][0] == "deductible"
    every = list(csv.reader(io.StringIO(anomalies.as_csv(Anomaly.objects.all()))))
    assert {r[0] for r in every[1:]} == {"deductible", "claim_window"}
    assert "'=HYPERLINK(1)" in [r[6] for r in every[1:]]  # no formula in a spreadsheet


def test_statistics_per_municipality_and_small_cells_withheld(applicant, fund, recognition):
    for _ in range(3):
        file_claim(applicant, recognition, municipality="44021")
    case = file_claim(applicant, recognition, municipality="44083")
    engine.fire(case, "withdraw", applicant, expected_version=case.version)
    rows = {r.nis_code: r for r in statistics.per_municipality()}
    assert rows["44021"].claims == 3 and rows["44021"].claimed_cents == 3_600_000
    assert rows["44083"].claims == 1
    table = {r[2]: r for r in csv.reader(io.StringIO(statistics.as_csv(list(rows.values()))))}
    assert table["44021"][5] == "36000.00"
    assert table["44083"][5] == ""  # one claim: its amount would tell the household's


def test_the_register_as_a_report_for_the_government(applicant, fund, recognition):
    from openpyxl import load_workbook

    claim = file_claim(applicant, recognition).disaster_claim
    anomalies.record(fund, claim, rule="deductible", facts="=1+1", proposal="Drempel herzien.")
    book = load_workbook(io.BytesIO(anomalies.as_xlsx(Anomaly.objects.all())))
    assert book.sheetnames == ["Overzicht", "deductible"]
    rows = list(book["deductible"].iter_rows(values_only=True))
    assert rows[0] == tuple(anomalies.CSV_HEADER) and rows[1][6] == "'=1+1"
