"""Loading the EU sanctions export: the demo file conforms to the official XSD and loads; a file
that does not conform is refused (exit code 2, Dutch message naming line and element) and the list
in use stays; a valid file replaces the list in one transaction."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from lxml import etree

from chancery.core.models import AuditEntry
from chancery.core.testing import external_data
from chancery.strategic_goods.demo.loader import DEMO_SANCTIONS
from chancery.strategic_goods.models import NameAlias, SanctionedEntity, SanctionsList
from chancery.strategic_goods.sanctions_xml import NS, SanctionsFileError
from chancery.strategic_goods.services.sanctions import load_sanctions

DEMO = DEMO_SANCTIONS.read_text(encoding="utf-8")


def official_schema() -> etree.XMLSchema:
    # The official XSD is third-party test material (shared/external); missing, it fails the test.
    return etree.XMLSchema(etree.parse(str(external_data("sanctions", "eu-fsd-export-1.0.xsd"))))


def conforms_to_official_schema(path: Path) -> bool:
    schema = official_schema()
    try:
        return schema.validate(etree.parse(str(path)))
    except etree.XMLSyntaxError:
        return False


def run(path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("load-sanctions", str(path), stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue(), err.getvalue()


def small_export(entities: str, generation="2026-11-20T10:00:00", file_id="42") -> str:
    return f'<export xmlns="{NS}" generationDate="{generation}" globalFileId="{file_id}">{entities}</export>'


REG = ('<regulation regulationType="regulation" organisationType="council" publicationDate="2026-01-01" '
       'entryIntoForceDate="2026-01-02" numberTitle="Demo 1/2026" programme="RUS" logicalId="1"/>')  # fmt: skip
SUMMARY = '<regulationSummary regulationType="regulation" publicationDate="2026-01-01" numberTitle="Demo 1/2026"/>'


def entity(logical_id=7001, name="Invented Example Trading LLC", country="RU", kind="E", extra=""):
    return (
        f'<sanctionEntity logicalId="{logical_id}"><remark>Made-up test entry.</remark>{REG}'
        f'<subjectType code="enterprise" classificationCode="{kind}"/>'
        f'<nameAlias wholeName="{name}" regulationLanguage="en" logicalId="{logical_id}1">{SUMMARY}</nameAlias>'
        f'<address countryIso2Code="{country}" countryDescription="X" regulationLanguage="en" '
        f'logicalId="{logical_id}2">'
        f"{SUMMARY}</address>{extra}</sanctionEntity>"
    )


def test_demo_file_conforms_to_the_official_schema():
    assert conforms_to_official_schema(DEMO_SANCTIONS)


def test_demo_file_is_marked_as_invented():
    assert "EVERY ENTRY IN THIS FILE IS INVENTED" in DEMO
    assert DEMO.count("<sanctionEntity ") == DEMO.count("INVENTED ENTRY") == 30


def test_load_the_demo_list(db):
    code, out, err = run(DEMO_SANCTIONS)
    assert code == 0, err
    loaded = SanctionsList.objects.get()
    assert loaded.is_demo and loaded.entity_count == 30 and loaded.global_file_id == 900001
    assert "30" in out
    person = SanctionedEntity.objects.get(logical_id=900001)
    assert person.subject_type == "P" and person.programme == "RUS" and person.countries == ["RU"]
    assert set(person.aliases.values_list("whole_name", flat=True)) >= {
        "Dmitriy Ivanovich SOKOLOVSKY",
        "Dmitri Sokolovski",
    }
    assert person.aliases.get(strong=True).middle_name == "Ivanovich"
    company = SanctionedEntity.objects.get(logical_id=900015)
    assert company.subject_type == "E" and company.countries == ["AE", "RU"]
    entry = AuditEntry.objects.get(object_id=str(loaded.pk), content_type__model="sanctionslist")
    assert entry.after["entity_count"] == 30 and entry.source == "command"


BROKEN = {
    "wrong root namespace": (DEMO.replace(NS, "http://example.org/not-fsd"), "namespace"),
    "entity without logicalId": (DEMO.replace('<sanctionEntity logicalId="900003"', "<sanctionEntity", 1), "logicalId"),
    "country name instead of ISO code": (
        DEMO.replace('countryIso2Code="BY"', 'countryIso2Code="BLR"', 1),
        "countryIso2Code",
    ),
    "impossible date": (
        DEMO.replace('designationDate="2026-01-15"', 'designationDate="2026-02-30"', 1),
        "designationDate",
    ),
    "subject type not P or E": (
        DEMO.replace('classificationCode="E"', 'classificationCode="X"', 1),
        "classificationCode",
    ),
    "generation date missing": (DEMO.replace('generationDate="2026-11-01T08:00:00.000+01:00"', ""), "generationDate"),
    "entity without name": (small_export(entity().replace('wholeName="Invented Example Trading LLC"', "")), "naam"),
    "not XML": (DEMO[:-40], "XML"),
    "elements out of order": (small_export(entity().replace("<remark>Made-up test entry.</remark>" + REG,
                                                            REG + "<remark>Made-up test entry.</remark>")), "volgorde"),
    "gender not F, M or ?": (DEMO.replace('gender="?"', 'gender="X"', 1), "gender"),
    "name alias without its regulation summary": (
        small_export(entity().replace(f'logicalId="70011">{SUMMARY}</nameAlias>', 'logicalId="70011"/>')),
        "regulationSummary"),
    "two subject types": (small_export(entity().replace("<nameAlias", '<subjectType code="x" classificationCode="E"/>'
                                                        "<nameAlias", 1)), "subjectType"),
    "calendar type missing": (DEMO.replace('calendarType="GREGORIAN" ', "", 1), "calendarType"),
    "year not a number": (DEMO.replace('year="1961"', 'year="about 1961"', 1), "year"),
    "generation date without time": (DEMO.replace("2026-11-01T08:00:00.000+01:00", "2026-11-01"), "generationDate"),
    "file id not a number": (DEMO.replace('globalFileId="900001"', 'globalFileId="9_001"'), "globalFileId"),
    "no entries at all": (small_export(""), "geen <sanctionEntity>"),
    "foreign element": (small_export(entity(extra='<x:note xmlns:x="urn:example">?</x:note>')), "onverwacht"),
}  # fmt: skip


@pytest.mark.parametrize("case", BROKEN)
def test_non_conforming_file_is_refused_and_the_old_list_stays(demo_list, tmp_path, case):
    text, where = BROKEN[case]
    path = tmp_path / "export.xml"
    path.write_text(text, encoding="utf-8")
    before = (demo_list.pk, SanctionedEntity.objects.count(), NameAlias.objects.count())
    code, out, err = run(path)
    assert code == 2
    assert "is geen geldige EU-sanctie-export" in err and "ongewijzigd" in err
    assert where in err
    assert "regel " in err  # where: the line
    assert (SanctionsList.objects.get().pk, SanctionedEntity.objects.count(), NameAlias.objects.count()) == before
    # Our checks refuse what the official schema refuses as well.
    if case not in ("impossible date", "entity without name", "no entries at all"):
        assert conforms_to_official_schema(path) is False


def test_a_missing_file_is_refused(demo_list, tmp_path):
    code, _out, err = run(tmp_path / "nowhere.xml")
    assert code == 2 and "ongewijzigd" in err
    assert SanctionsList.objects.get().pk == demo_list.pk


def test_official_schema_is_applied_when_configured(demo_list, tmp_path, settings):
    settings.CHANCERY_SANCTIONS_SCHEMA = str(external_data("sanctions", "eu-fsd-export-1.0.xsd"))
    # Our own checks do not look at the order of the elements; the schema does.
    reordered = entity().replace("<remark>Made-up test entry.</remark>" + REG, REG + "<remark>Made up.</remark>")
    path = tmp_path / "export.xml"
    path.write_text(small_export(reordered), encoding="utf-8")
    code, _out, err = run(path)
    assert code == 2 and "(XML-schema)" in err
    assert SanctionsList.objects.get().pk == demo_list.pk
    # … and the demo file passes it.
    assert run(DEMO_SANCTIONS)[0] == 0


def test_a_configured_schema_that_is_missing_refuses_the_load(demo_list, settings, tmp_path):
    settings.CHANCERY_SANCTIONS_SCHEMA = str(tmp_path / "missing.xsd")
    code, _out, err = run(DEMO_SANCTIONS)
    assert code == 2 and "CHANCERY_SANCTIONS_SCHEMA" in err
    assert SanctionsList.objects.get().pk == demo_list.pk


def test_a_valid_file_replaces_the_whole_list(demo_list, tmp_path):
    path = tmp_path / "export.xml"
    path.write_text(small_export(entity(7001) + entity(7002, name="Second Invented Holding", country="00")))
    assert conforms_to_official_schema(path)
    assert run(path)[0] == 0
    loaded = SanctionsList.objects.get()
    assert loaded.pk != demo_list.pk and not loaded.is_demo
    assert sorted(SanctionedEntity.objects.values_list("logical_id", flat=True)) == [7001, 7002]
    assert SanctionedEntity.objects.get(logical_id=7002).countries == []  # 00: unknown country
    assert not NameAlias.objects.filter(whole_name__icontains="Sokolovsky").exists()


def test_the_replacement_is_one_transaction(demo_list, tmp_path, monkeypatch):
    """A failure after the old list was deleted and part of the new one written undoes all of it."""
    from chancery.core import audit

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(audit, "record", fail)
    path = tmp_path / "export.xml"
    path.write_text(small_export(entity(7001)))
    with pytest.raises(RuntimeError):
        load_sanctions(path)
    assert SanctionsList.objects.get().pk == demo_list.pk
    assert SanctionedEntity.objects.count() == 30 and not SanctionedEntity.objects.filter(logical_id=7001).exists()


def test_errors_name_line_and_element(tmp_path, db):
    path = tmp_path / "export.xml"
    path.write_text(small_export("\n" + entity(7001, country="Russia")))
    with pytest.raises(SanctionsFileError) as refused:
        load_sanctions(path)
    assert any("regel 2" in e and "<address>" in e and "Russia" in e for e in refused.value.errors)


def test_elements_of_a_later_export_version_are_ignored_foreign_ones_refused(db, tmp_path):
    newer = small_export(entity(7001, extra="<sanctionedVessel>added in a later version</sanctionedVessel>"))
    path = tmp_path / "export.xml"
    path.write_text(newer)
    assert load_sanctions(path).entity_count == 1
    foreign = small_export(entity(7001, extra='<x:note xmlns:x="urn:example">?</x:note>'))
    path.write_text(foreign)
    with pytest.raises(SanctionsFileError) as refused:
        load_sanctions(path)
    assert "onverwacht element" in refused.value.errors[0]


def test_dry_run_checks_and_loads_nothing(db, tmp_path):
    out = io.StringIO()
    call_command("load-sanctions", str(DEMO_SANCTIONS), "--dry-run", stdout=out)
    assert "30" in out.getvalue() and "droge run" in out.getvalue()
    assert not SanctionsList.objects.exists()
    broken = tmp_path / "export.xml"
    broken.write_text(BROKEN["gender not F, M or ?"][0], encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("load-sanctions", str(broken), "--dry-run", stderr=err)
    assert exit_.value.code == 2 and "gender" in err.getvalue()
