"""Control-list codes: the data file's structure and sources, and validate_code's answers for
valid, malformed, US and unknown codes (messages in Dutch)."""

import io
import re

import pytest
from django.core.management import call_command

from chancery.strategic_goods.models import ControlListEntry
from chancery.strategic_goods.services.control_list import (
    DUAL_USE_CODE,
    MILITARY_CODE,
    ControlCodeError,
    control_list_data,
    entries_from_data,
    normalise,
    validate_code,
)


def test_data_file_cites_its_sources_and_says_it_is_an_extract():
    sources = control_list_data()["sources"]
    assert sources["dual-use"]["celex"] == "02021R0821-20251115"
    assert "2021/821" in sources["dual-use"]["title"] and sources["dual-use"]["valid_from"] == "2025-11-15"
    assert "C/2024/1945" in sources["military"]["official_journal"]
    assert all("EXTRACT" in source["extract"] for source in sources.values())
    # Each list says against which source copies it was verified, and what could not be confirmed is marked.
    assert all(source["verification"]["against"] for source in sources.values())
    unverified = [e for e in control_list_data()["entries"] if e.get("verified") is False]
    assert unverified and all(e["note"] for e in unverified)


def test_every_code_is_well_formed_and_hangs_under_its_parent():
    entries = entries_from_data()
    codes = {e.code for e in entries}
    assert len(entries) > 150
    for entry in entries:
        assert DUAL_USE_CODE.match(entry.code) or MILITARY_CODE.match(entry.code)
        assert entry.parent is None or entry.parent in codes
    assert {f"ML{n}" for n in range(1, 23)} <= codes
    assert {e.category for e in entries if e.list == "dual-use"} == set("0123456789")
    assert {e.group for e in entries if e.list == "dual-use"} == set("ABCDE")


def test_the_hierarchy_is_stored(control_list):
    leaf = ControlListEntry.objects.get(code="3A001.a.1")
    assert leaf.parent.code == "3A001.a" and leaf.parent.parent.code == "3A001"
    assert leaf.parent.parent.parent is None
    assert (leaf.list, leaf.category, leaf.group, leaf.regime) == ("dual-use", "3", "A", "wassenaar")
    assert ControlListEntry.objects.get(code="1C350").regime == "australia-group"
    assert ControlListEntry.objects.get(code="1C450").regime == "cwc"
    assert ControlListEntry.objects.get(code="9A120").regime == "mtcr"
    assert ControlListEntry.objects.get(code="0A001").regime == "nsg"
    assert ControlListEntry.objects.get(code="ML1.d.2").parent.code == "ML1.d"


def test_load_command_replaces_the_list(control_list):
    ControlListEntry.objects.filter(code__startswith="ML22").delete()
    out = io.StringIO()
    call_command("load-control-list", stdout=out)
    assert ControlListEntry.objects.filter(code="ML22").exists()
    assert re.match(r"\d+ codes", out.getvalue())
    assert ControlListEntry.objects.count() == len(entries_from_data())


@pytest.mark.parametrize(
    "text, code",
    [
        ("3A001.a.1", "3A001.a.1"),
        ("  3a001.A.1. ", "3A001.a.1"),
        ("5A002.a.1", "5A002.a.1"),
        ("1C350.1", "1C350.1"),
        ("ml1.d.2", "ML1.d.2"),
        ("ML 22", "ML22"),
        ("9A012", "9A012"),
    ],
)
def test_valid_codes_come_back_normalised(control_list, text, code):
    assert normalise(text) == code
    assert validate_code(text) == code


@pytest.mark.parametrize(
    "text", ["3A01", "3F001", "3A001-a", "ML23", "ML0", "ML1..a", "A3001", "3A001.a.-", "vuurwapen"]
)
def test_malformed_codes_are_refused_as_malformed(control_list, text):
    with pytest.raises(ControlCodeError) as refused:
        validate_code(text)
    assert refused.value.code == "malformed"
    assert "geen code van een controlelijst" in refused.value.messages[0]


@pytest.mark.parametrize("text", ["5A992", "5a992.c", "EAR99", "ear99", "0Y521", "9A610"])
def test_us_eccns_are_explained_as_not_eu_codes(control_list, text):
    with pytest.raises(ControlCodeError) as refused:
        validate_code(text)
    assert refused.value.code == "us_eccn"
    message = refused.value.messages[0]
    assert "ECCN" in message and "geen Europese" in message


def test_empty_code(control_list):
    with pytest.raises(ControlCodeError) as refused:
        validate_code("  ")
    assert refused.value.code == "empty"


def test_unknown_code_names_the_nearest_listed_parent(control_list):
    with pytest.raises(ControlCodeError) as refused:
        validate_code("3A001.a.99")
    assert refused.value.code == "unknown"
    assert "3A001.a" in refused.value.messages[0] and "staat niet op de controlelijst" in refused.value.messages[0]
    with pytest.raises(ControlCodeError) as refused:
        validate_code("ML4.z.3")
    assert "ML4" in refused.value.messages[0]


def test_unknown_code_without_listed_parent_names_the_version(control_list):
    with pytest.raises(ControlCodeError) as refused:
        validate_code("3A090")
    assert refused.value.code == "unknown"
    assert "15.11.2025" in refused.value.messages[0]
    assert "Codes van 3A op de lijst: 3A001, 3A002, 3A225" in refused.value.messages[0]
