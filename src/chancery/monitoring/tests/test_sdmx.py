"""SDMX: real published files in every format (shared/external/sdmx, sources in its README), a
labels=both variant written here, and the import through a stored mapping: dry run, refresh,
refusals that change nothing, and how Flanders compares."""

import datetime
import io
import json
import shutil
from decimal import Decimal

import pytest
from django.core.management import call_command

from chancery.core.testing import external_data
from chancery.monitoring import sdmx
from chancery.monitoring.models import BenchmarkValue, Indicator, SdmxMapping
from chancery.monitoring.services import observations
from chancery.monitoring.services.benchmarks import band, compare

LFS = external_data("sdmx", "oecd", "DSD_LFS@DF_IALFS_INDIC.labour.sdmx.csv")
TEST_DATA = external_data("sdmx", "sdmx-test-data")


@pytest.mark.parametrize(
    "path, format, observations, first",
    [
        (LFS, "SDMX-CSV 1.0", 6890, ("ISR", "2016", Decimal("6119.908"))),
        (TEST_DATA / "ECB_EXR/flat.json", "SDMX-JSON 1.0", 4, None),
        (TEST_DATA / "OECD/data-PART2-all-all.json", "SDMX-JSON 1.0", 7, None),
        (TEST_DATA / "v3/json/data/exr-flat.json", "SDMX-JSON 2.0", 4, None),
        (TEST_DATA / "ECB_EXR/ng-flat.xml", "SDMX-ML", 12, None),  # generic
        (TEST_DATA / "ECB_EXR/1/M.USD.EUR.SP00.A.xml", "SDMX-ML", 252, None),  # structure-specific + structure.xml
        (TEST_DATA / "ISTAT/22_289.xml", "SDMX-ML", 8, ("IT", "2019", Decimal(29131195))),  # + 22_289-structure.xml
    ],
)
def test_published_files_in_every_format(path, format, observations, first):
    message = sdmx.read(path)
    assert message.format == format and len(message.observations) == observations
    if first:
        head = message.observations[0]
        assert (head.key.get("REF_AREA"), head.period, head.value) == first


def test_sdmx_csv_2_0_and_labels_both(tmp_path):
    spec = sdmx.read(TEST_DATA / "v3/csv/example-01.csv", time_dimension="DIM_3")  # SDMX-CSV 2.0, time unnamed
    assert spec.format == "SDMX-CSV 2.0" and spec.observations[0].period == "2014-01"
    # The same OECD rows as the Data Explorer writes them with labels=both.
    text = LFS.read_text(encoding="utf-8").splitlines()
    header = text[0].replace("REF_AREA", "REF_AREA: Reference area").replace("TIME_PERIOD", "TIME_PERIOD: Time period")
    sample = [line for line in text[1:] if ",BEL," in line][:5] + text[1:20]
    rows = [line.replace(",BEL,", ",BEL: België,", 1) for line in sample]
    (tmp_path / "both.csv").write_text("\n".join([header, *rows]), encoding="utf-8")
    message = sdmx.read(tmp_path / "both.csv")
    belgian = [o for o in message.observations if o.key["REF_AREA"] == "BEL"]
    assert belgian and belgian[0].labels["REF_AREA"] == "België" and message.series > 1


def test_sdmx_csv_labels_in_their_own_columns(tmp_path):
    """labels=name (OECD's "csvfilewithlabels"): each component's label in the column after it,
    headed by the component's name. The label columns are labels, not dimensions."""
    spec = sdmx.read(TEST_DATA / "v3/csv/example-06.csv", time_dimension="DIM_3")  # the specification's example
    assert spec.format == "SDMX-CSV 2.0" and spec.dimensions == ["ATTR_1", "ATTR_2", "ATTR_3", "DIM_1", "DIM_2"]
    first = spec.observations[0]
    assert (first.key["DIM_1"], first.labels["DIM_1"]) == ("A", "Value A")
    assert (first.period, first.value) == ("2014-01", Decimal("12.4"))
    # The OECD Data Explorer's layout of the same labour rows.
    text = LFS.read_text(encoding="utf-8").splitlines()
    columns = text[0].split(",")[1:]
    names = {"REF_AREA": "Reference area", "TIME_PERIOD": "Time period", "OBS_VALUE": "Observation value"}
    header = ["STRUCTURE", "STRUCTURE_ID", "STRUCTURE_NAME", "ACTION"]
    for column in columns:
        header += [column, names.get(column, column.title().replace("_", " "))]
    lines = []
    for line in text[1:11]:
        flow, *cells = line.split(",")
        row = ["dataflow", flow, "Infra-annual labour statistics", "I"]
        for column, cell in zip(columns, cells, strict=True):
            row += [cell, "België" if cell == "BEL" and column == "REF_AREA" else ""]
        lines.append(",".join(row))
    (tmp_path / "labels.csv").write_text("\n".join([",".join(header), *lines]), encoding="utf-8")
    message = sdmx.read(tmp_path / "labels.csv")
    plain = sdmx.read(LFS)
    assert message.format == "SDMX-CSV 2.0" and message.dataflow == plain.dataflow
    assert message.dimensions == plain.dimensions  # no "Observation value", no "Time period"
    assert [(o.key, o.period, o.value) for o in message.observations] == [
        (o.key, o.period, o.value) for o in plain.observations[:10]
    ]


def test_a_structure_specific_file_without_its_structure_gets_a_clear_error(tmp_path):
    shutil.copy(TEST_DATA / "ISTAT/22_289.xml", tmp_path / "data.xml")
    with pytest.raises(Exception) as refusal:
        sdmx.read(tmp_path / "data.xml")
    assert "structuurbestand" in str(refusal.value)


def run(path, *options):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import-sdmx", str(path), *options, stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return code, json.loads(out.getvalue())


@pytest.fixture
def employment(db):
    indicator = Indicator.objects.create(
        code="werkzaamheid", name="Werkzaamheidsgraad 15+", unit="procent", public=True
    )
    mapping = SdmxMapping.objects.create(
        name="oecd-lfs-werkzaamheid", indicator=indicator, dataflow="DSD_LFS@DF_IALFS_INDIC",
        filters={"MEASURE": "EMP_WAP", "SEX": "_T", "AGE": "Y_GE15", "ADJUSTMENT": "Y"},
    )  # fmt: skip
    return indicator, mapping


def test_import_through_a_mapping_then_refresh(employment):
    indicator, mapping = employment
    code, report = run(LFS, "--dry-run")
    assert (
        code == 0 and report["observations"] == 6890 and report["series"] > 100 and "REF_AREA" in report["dimensions"]
    )
    code, report = run(LFS, "--dry-run", "--mapping", mapping.name)
    assert code == 0 and report["kept"] == 519 and report["changes"]["new"] == 519
    assert not BenchmarkValue.objects.exists()
    assert run(LFS, "--mapping", mapping.name)[0] == 0
    assert BenchmarkValue.objects.get(area="BEL", period="2022").value == 52
    assert run(LFS, "--mapping", mapping.name)[1]["changes"] == {"new": 0, "changed": 0, "unchanged": 519}


def test_refusals_change_nothing(employment, tmp_path):
    indicator, mapping = employment
    mapping.filters = {"MEASURE": "EMP"}  # too loose: several series per country and year
    mapping.save()
    code, report = run(LFS, "--mapping", mapping.name)
    assert code == 2 and "twee keer" in report["errors"][0]["message"]
    mapping.dataflow = "ESTAT:NAMA_10_GDP"
    mapping.save()
    assert run(LFS, "--mapping", mapping.name)[0] == 2
    (tmp_path / "kapot.json").write_text('{"geen": "sdmx"}', encoding="utf-8")
    assert run(tmp_path / "kapot.json", "--mapping", mapping.name)[0] == 2
    assert run(LFS)[0] == 2  # storing needs a mapping
    assert not BenchmarkValue.objects.exists()


def test_flanders_against_the_references(employment):
    indicator, mapping = employment
    run(LFS, "--mapping", mapping.name)
    for year, value in (("2021", "58.0"), ("2022", "60.5")):
        observations.record(indicator, year, value)
    result = compare(indicator)
    assert result.period == "2022" and result.ours == Decimal("60.5")
    best_area, _label, best = result.references[0]
    assert best == max(v.value for v in BenchmarkValue.objects.filter(period="2022"))
    assert result.gap_to_best == best - Decimal("60.5") and result.trend == Decimal("2.5")
    higher = BenchmarkValue.objects.filter(period="2022", value__gt=Decimal("60.5")).count()
    assert result.position == higher + 1
    low, high = band(indicator)
    assert datetime.date(2022, 1, 1) in [point.day for point in low] and high[-1].value >= low[-1].value
