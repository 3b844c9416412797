"""Archive packages: what a package holds (metadata as JSON and XML, the documents as uploaded and
as PDF/A for office formats), its SHA-256 manifest checked file by file, the command's bad input in
Dutch with exit code 2 and nothing written, and the export audited per file."""

import datetime
import hashlib
import io
import json
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import translation

from chancery.archive.services import packages
from chancery.archive.testing import add_document, closed_case
from chancery.core import samples
from chancery.core.models import AuditAction, AuditEntry
from chancery.core.rendition import office_binary
from chancery.core.testing import upload

CLOSED = datetime.date(2023, 5, 2)


@pytest.fixture
def closed_file(org):
    case = closed_case("CSG-2023-0007", CLOSED)
    add_document(case, org.users["secretariat"], title="Eindgebruikersverklaring")
    return case


def _manifest(root: Path) -> dict[str, str]:
    rows = {}
    for line in (root / packages.MANIFEST).read_text().splitlines():
        digest, name = line.split("  ", 1)
        rows[name] = digest
    return rows


def test_a_package_holds_metadata_documents_and_a_checksum_of_every_file(org, closed_file, tmp_path):
    secretariat = org.users["secretariat"]
    target = tmp_path / "pakket"
    packages.export(secretariat, packages.select("CSG-2023-0007"), target)
    metadata = json.loads((target / "CSG-2023-0007" / "metadata.json").read_text())
    assert metadata["reference"] == "CSG-2023-0007" and metadata["closed_at"].startswith("2023-05-02")
    assert metadata["retention"]["series"] == "procedures.CSG" and metadata["retention"]["years"] == 10
    assert metadata["retention"]["expires_on"] == "2033-05-02" and metadata["retention"]["verified"] is False
    [document] = metadata["documents"]
    [version] = document["versions"]
    original = target / "CSG-2023-0007" / "documents" / document["uuid"] / version["original"]
    assert hashlib.sha256(original.read_bytes()).hexdigest() == version["sha256"]
    assert version["archival"] is None and "PDF/A" in version["archival_note"]  # a PDF stays as uploaded
    xml = ElementTree.parse(target / "CSG-2023-0007" / "metadata.xml").getroot()  # noqa: S314 - the file just written
    assert xml.tag == "file" and xml.findtext("reference") == "CSG-2023-0007"
    assert xml.find("documents/document/versions/version/sha256").text == version["sha256"]
    listed = _manifest(target)
    files = {p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()} - {packages.MANIFEST}
    assert set(listed) == files and "package.json" in listed
    for name, digest in listed.items():
        assert hashlib.sha256((target / name).read_bytes()).hexdigest() == digest
    assert packages.verify(target) == []
    (target / "CSG-2023-0007" / "metadata.json").write_text("{}")
    assert packages.verify(target) == ["checksum: CSG-2023-0007/metadata.json"]
    entry = AuditEntry.objects.filter(action=AuditAction.DOWNLOAD, object_id=str(closed_file.pk)).get()
    assert entry.actor == secretariat


@pytest.mark.skipif(office_binary() is None, reason="LibreOffice is not installed")
def test_an_office_document_goes_in_as_pdfa_too(org, closed_file, tmp_path):
    add_document(closed_file, org.users["secretariat"], title="Advies",
                 upload=upload("advies.docx", samples.make_docx("Advies van de dienst")))  # fmt: skip
    target = tmp_path / "pakket.zip"
    packages.export(org.users["secretariat"], packages.select("procedure=CSG"), target)
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        pdfs = [n for n in names if n.endswith(".pdf") and "original" not in n]
        assert len(pdfs) == 1
        pdf = archive.read(pdfs[0])
        assert pdf.startswith(b"%PDF") and b"pdfaid:part" in pdf
        manifest = archive.read(packages.MANIFEST).decode()
        assert f"{hashlib.sha256(pdf).hexdigest()}  {pdfs[0]}" in manifest


def test_bad_selections_are_refused_in_dutch(org, closed_file, tmp_path):
    closed_case("CSG-2025-0001", CLOSED, state="under_assessment")
    cases = {
        "": "referentie",
        "CSG-1999-9999": "Er is geen dossier",
        "CSG-2025-0001": "niet afgesloten",
        "procedure=XYZ": "Er is geen procedure",
        "closed-before=gisteren": "JJJJ-MM-DD",
        "kleur=rood": "geen filter",
        "procedure=VM": "Geen afgesloten dossier",
    }
    with translation.override("nl"):
        for spec, words in cases.items():
            with pytest.raises(ValidationError) as refused:
                packages.select(spec)
            assert words in refused.value.messages[0], spec
        (tmp_path / "vol").mkdir()
        (tmp_path / "vol" / "iets.txt").write_text("x")
        with pytest.raises(ValidationError) as refused:
            packages.export(org.users["secretariat"], packages.select("all"), tmp_path / "vol")
        assert "geen lege map" in refused.value.messages[0]
    assert packages.select("closed-before=2024-01-01,procedure=CSG").get() == closed_file
    with pytest.raises(ValidationError):  # closed before 2024: nothing after
        packages.select("closed-after=2024-01-01,procedure=CSG")


def test_the_archivist_exports_no_confidential_file_they_may_not_read(org, archivists, tmp_path):
    from django.core.exceptions import PermissionDenied

    closed_case("CSG-2023-0008", CLOSED, access_level="confidential")
    with pytest.raises(PermissionDenied):
        packages.export(archivists[0], packages.select("CSG-2023-0008"), tmp_path / "p")
    assert not (tmp_path / "p").exists()
    closed_case("CSG-2023-0009", CLOSED)
    packages.export(archivists[0], packages.select("CSG-2023-0009"), tmp_path / "q")
    assert (tmp_path / "q" / "CSG-2023-0009" / "metadata.json").exists()


def test_the_command_writes_a_package(org, closed_file, tmp_path, capsys):
    call_command("archive-export", "CSG-2023-0007", str(tmp_path / "uit"))
    out = capsys.readouterr().out
    assert "CSG-2023-0007" in out and packages.MANIFEST in out
    assert packages.verify(tmp_path / "uit") == []


def test_the_command_refuses_bad_input_with_exit_code_2_in_dutch(org, closed_file, tmp_path):
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("archive-export", "procedure=XYZ", str(tmp_path / "uit"), stdout=out, stderr=err)
    assert exit_.value.code == 2 and out.getvalue() == ""
    assert "Er is geen procedure" in err.getvalue()
    assert not (tmp_path / "uit").exists()
