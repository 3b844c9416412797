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
        reverse("document_add_version", args=[document.uuid]),
        {"file": upload("nota.pdf", b"niet echt een pdf"), "revision": 1},
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


# --- Zip bombs and oversized bodies (issue 13, item 6) -------------------------------------------


def zeros_docx(unpacked: int) -> bytes:
    """A DOCX whose document.xml is `unpacked` bytes of zeros: a thousand to one, as a zip bomb."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(unpacked // len(chunk)):
                member.write(chunk)
    return out.getvalue()


def understated(data: bytes, member: bytes, claimed: int) -> bytes:
    """The same archive, its headers claiming that `member` unpacks to `claimed` bytes."""
    patched = bytearray(data)
    for signature, offset, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = 0
        while (start := patched.find(signature, start)) != -1:
            name_length = int.from_bytes(patched[start + name_at - 4 : start + name_at - 2], "little")
            if bytes(patched[start + name_at : start + name_at + name_length]) == member:
                patched[start + offset : start + offset + 4] = claimed.to_bytes(4, "little")
            start += 4
    return bytes(patched)


def peak_memory_of(check) -> int:
    import tracemalloc

    tracemalloc.start()
    try:
        check()
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return peak


def test_a_zip_bomb_is_refused_on_its_declared_size_without_unpacking_it():
    from django.core.exceptions import ValidationError

    from chancery.core.files import inspect_upload

    bomb = zeros_docx(64 * 1024 * 1024)  # 64 MB from ~64 kB: under the 300 MB cap, over 100:1
    assert len(bomb) < 200 * 1024

    def check():
        with pytest.raises(ValidationError) as caught:
            inspect_upload(upload("bom.docx", bomb))
        assert caught.value.code == "zip_bomb"
        assert "zipbom" in caught.value.messages[0]

    # Refused by the ratio rule on the sizes the archive declares: nothing of the 64 MB was unpacked
    # (the whole check costs less memory than one of its megabytes would).
    assert peak_memory_of(check) < 1024 * 1024


def test_a_zip_bomb_that_understates_its_size_is_stopped_while_streaming():
    from django.core.exceptions import ValidationError

    from chancery.core.files import inspect_upload

    bomb = understated(zeros_docx(32 * 1024 * 1024), b"word/document.xml", 4096)

    def check():
        with pytest.raises(ValidationError) as caught:
            inspect_upload(upload("bom.docx", bomb))
        assert caught.value.code in {"corrupt", "zip_bomb"}

    assert peak_memory_of(check) < 2 * 1024 * 1024


def test_an_office_file_is_unpacked_as_a_stream_not_into_memory(settings):
    from chancery.core.files import inspect_upload

    # 8 MB of zeros under the 10 MB floor: accepted, and read a chunk at a time.
    settings.CHANCERY_MAX_UNPACKED_BYTES = 300 * 1024 * 1024
    docx = zeros_docx(8 * 1024 * 1024)
    assert peak_memory_of(lambda: inspect_upload(upload("groot.docx", docx))) < 2 * 1024 * 1024


def test_the_file_is_inspected_before_the_service_opens_its_transaction(secretariat_client, monkeypatch):
    """Unpacking an office file must not hold the database's write lock (SQLite has one for the
    whole database: eight large uploads at once made others fail with 'database is locked')."""
    from chancery.core.testing import inspection_depths

    outside, depths = inspection_depths(monkeypatch)  # outside: the test's own transaction
    response = post_document(secretariat_client, upload("advies.docx", samples.make_docx("Advies")))
    assert response.status_code == 302
    assert depths == [outside]  # once, and in no transaction of the request's


def test_a_body_over_the_request_limit_is_refused_before_it_is_read(secretariat_client, settings, stored_files):
    settings.CHANCERY_MAX_REQUEST_BYTES = 50 * 1024
    data = zeros_docx(1024 * 1024) + b"\0" * (60 * 1024)
    response = post_document(secretariat_client, upload("groot.docx", data))
    assert response.status_code == 413
    html = response.content.decode()
    assert "de limiet is 50,0\xa0KB" in html
    assert "Er is niets bewaard" in html
    assert Document.objects.count() == 0
    assert stored_files() == []


def test_a_300_mb_body_is_refused_by_its_announced_length(secretariat_client):
    body, content_type = multipart({"title": "x", "kind": "note", "access_level": "public"}, "x.pdf", b"%PDF-")
    response = secretariat_client.post(
        reverse("document_create"), data=body, content_type=content_type, CONTENT_LENGTH=str(300 * 1024 * 1024)
    )
    assert response.status_code == 413
    assert Document.objects.count() == 0


def test_the_api_refuses_an_oversized_body_as_a_problem(client, settings):
    settings.CHANCERY_MAX_REQUEST_BYTES = 1024
    response = client.post("/api/v1/webhooks", data=b"{" + b" " * 4096 + b"}", content_type="application/json")
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 413


# --- PDFs that one reader repairs and another refuses (issue 13, item 8) -------------------------


def stale_offsets_pdf(text: str) -> bytes:
    """A valid PDF with 300 bytes inserted after its header: every offset in its cross-reference
    table points 300 bytes too early. pypdf repairs that quietly; pyHanko, which reads the PDF on
    the document page (signatures), does not."""
    data = samples.make_pdf(text)
    header_end = data.index(b"\n", data.index(b"\n") + 1) + 1
    return data[:header_end] + b"%" + b"x" * 298 + b"\n" + data[header_end:]


def test_a_pdf_with_stale_offsets_is_refused_at_upload(secretariat_client, stored_files):
    response = post_document(secretariat_client, upload("nota.pdf", stale_offsets_pdf("Nota aan de Regering")))
    assert response.status_code == 400
    assert "PDF-bestand is beschadigd" in response.content.decode()
    assert Document.objects.count() == 0
    assert stored_files() == []


def test_a_document_page_never_fails_on_the_files_content(secretariat_client, org):
    """A file stored before the upload check refused its kind: the page says it cannot be read."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import storages

    from chancery.core import services

    document = services.create_document(
        org.users["secretariat"], title="Oude nota", upload=upload("nota.pdf", samples.make_pdf("Oude nota"))
    )
    stored = document.latest_version.file.name
    store = storages["documents"]
    store.delete(stored)
    store.save(stored, ContentFile(stale_offsets_pdf("Oude nota")))
    response = secretariat_client.get(reverse("document_detail", args=[document.uuid]))
    assert response.status_code == 200
    assert "kan niet worden gelezen" in response.content.decode()
