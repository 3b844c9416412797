"""Uploads: accepted formats are recognised from their content; bad input is refused with a clear
message in the user's language, and leaves no row and no file behind."""

import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import translation

from chancery.core import samples
from chancery.core.models import AuditEntry, Document, DocumentVersion, ExtractionState
from chancery.core.testing import upload

GOOD = [
    ("nota.pdf", lambda: samples.make_pdf("Exportcontrole van strategische goederen"), "pdf", "Exportcontrole"),
    ("advies.docx", lambda: samples.make_docx("Advies van de Raad van State"), "docx", "Raad van State"),
    ("verslag.odt", lambda: samples.make_odt("Verslag van de vergadering"), "odt", "vergadering"),
    (
        "begroting.xlsx",
        lambda: samples.make_xlsx([["Programma", "Budget"], ["Oostgrens", "5000000"]]),
        "xlsx",
        "Oostgrens",
    ),
    ("tabel.ods", lambda: samples.make_ods([["Indicator", "Waarde"]]), "ods", "Indicator"),
    ("kaart.png", lambda: samples.make_image("PNG"), "png", None),
    ("foto.JPG", lambda: samples.make_image("JPEG"), "jpeg", None),
]


def multipart(fields: dict, file_name: str, data: bytes) -> tuple[bytes, str]:
    """A multipart body as a browser (or an attacker) sends it: Django's test client would strip
    folders from the file name before it ever reached the server."""
    boundary = "----chancery-test-boundary"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{file_name}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n".encode()
        + data
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def post_document(client, file, title="Een stuk", level="internal_government"):
    body, content_type = multipart(
        {"title": title, "kind": "note", "access_level": level, "description": ""}, file.name, file.read()
    )
    return client.post(reverse("document_create"), data=body, content_type=content_type)


@pytest.fixture
def secretariat_client(client, org):
    client.force_login(org.users["secretariat"])
    return client


@pytest.mark.parametrize(("name", "make", "file_format", "needle"), GOOD)
def test_accepted_formats_are_stored_and_their_text_extracted(
    secretariat_client, django_capture_on_commit_callbacks, name, make, file_format, needle
):
    data = make()
    with django_capture_on_commit_callbacks(execute=True):
        response = post_document(secretariat_client, upload(name, data))
    assert response.status_code == 302
    version = DocumentVersion.objects.get()
    assert version.file_format == file_format
    assert version.size == len(data)
    assert version.file.open("rb").read() == data
    import hashlib

    assert version.sha256 == hashlib.sha256(data).hexdigest()
    version.refresh_from_db()
    if needle:
        assert version.extraction_state == ExtractionState.DONE
        assert needle in version.text
    else:
        assert version.extraction_state == ExtractionState.NOT_APPLICABLE


def zip_bomb_docx(unpacked: int) -> bytes:
    """A real DOCX whose document.xml inflates from a few kB to `unpacked` bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:document>" + b" " * unpacked + b"</w:document>")
    return out.getvalue()


def broken_pdf() -> bytes:
    return b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> garbage without xref or trailer\n"


BAD = [
    # name, content, Dutch message fragment, English message fragment
    ("programma.exe", b"MZ\x90\x00" + b"\x00" * 200, "wordt niet aanvaard", "is not accepted"),
    ("script.pdf", b"#!/bin/sh\necho hallo\n", "wordt niet aanvaard", "is not accepted"),
    ("afbeelding.pdf", samples.make_image("PNG"), "moet bij de inhoud passen", "must match the content"),
    ("nota.docx", samples.make_pdf("x"), "moet bij de inhoud passen", "must match the content"),
    ("leeg.pdf", b"", "is leeg", "is empty"),
    ("kapot.pdf", broken_pdf(), "PDF-bestand is beschadigd", "PDF file is damaged"),
    ("archief.docx", b"PK\x03\x04" + b"\x00" * 100, "beschadigd", "damaged"),
    ("gewoon.zip", samples._zip({"a.txt": "hallo"}), "wordt niet aanvaard", "is not accepted"),
    ("bom.docx", zip_bomb_docx(3 * 1024 * 1024), "zipbom", "zip bomb"),
    ("map/../../etc/passwd.pdf", samples.make_pdf("x"), "mapscheidingsteken", "folder separator"),
    ("map\\nota.pdf", samples.make_pdf("x"), "mapscheidingsteken", "folder separator"),
    ("nota\x07\x1b.pdf", samples.make_pdf("x"), "stuurtekens", "control characters"),
    ("nota\u202egnp.pdf", samples.make_pdf("x"), "stuurtekens", "control characters"),
]


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(
    ("name", "data", "dutch", "english"), BAD, ids=[b[0].encode("unicode_escape").decode() for b in BAD]
)
def test_bad_uploads_are_refused_clearly_and_leave_nothing(
    secretariat_client, settings, stored_files, name, data, dutch, english, language
):
    settings.CHANCERY_MAX_UNPACKED_BYTES = 1024 * 1024
    secretariat_client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    audit_before = AuditEntry.objects.count()
    body, content_type = multipart(
        {"title": "Een stuk", "kind": "note", "access_level": "public", "description": ""}, name, data
    )
    response = secretariat_client.post(reverse("document_create"), data=body, content_type=content_type)
    assert response.status_code == 400
    html = response.content.decode()
    assert (dutch if language == "nl" else english) in html
    assert Document.objects.count() == 0
    assert DocumentVersion.objects.count() == 0
    assert AuditEntry.objects.count() == audit_before
    assert stored_files() == []
    # The server keeps serving.
    assert secretariat_client.get(reverse("document_list")).status_code == 200


def test_oversized_file_is_refused(secretariat_client, settings, stored_files):
    settings.CHANCERY_MAX_UPLOAD_BYTES = 2000
    data = samples.make_pdf("x" * 80 + "\n" * 40 + "y" * 3000)
    assert len(data) > 2000
    response = post_document(secretariat_client, upload("groot.pdf", data))
    assert response.status_code == 400
    assert "de limiet is 2,0\xa0KB" in response.content.decode()
    assert Document.objects.count() == 0
    assert stored_files() == []


def test_missing_file_and_title_are_reported_per_field(secretariat_client):
    response = secretariat_client.post(
        reverse("document_create"), {"title": "", "kind": "note", "access_level": "public"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert html.count("Dit veld is verplicht.") == 2
    assert Document.objects.count() == 0


def test_new_version_with_bad_file_keeps_the_old_version(secretariat_client, org, stored_files):
    post_document(secretariat_client, upload("nota.pdf", samples.make_pdf("versie een")))
    document = Document.objects.get()
    files_before = stored_files()
    response = secretariat_client.post(
        reverse("document_add_version", args=[document.uuid]), {"file": upload("nota.pdf", b"niet echt een pdf")}
    )
    assert response.status_code == 400
    assert "wordt niet aanvaard" in response.content.decode()
    assert document.versions.count() == 1
    assert stored_files() == files_before


def test_messages_follow_the_active_language():
    from django.core.exceptions import ValidationError

    from chancery.core.files import inspect_upload

    for language, expected in (("nl", "is leeg"), ("en", "is empty")):
        with translation.override(language), pytest.raises(ValidationError) as caught:
            inspect_upload(upload("x.pdf", b""))
        assert expected in caught.value.messages[0]
