"""PDF renditions of office documents with LibreOffice, and the system without it."""

import io

from django.urls import reverse
from pypdf import PdfReader

from chancery.core import rendition, samples, services
from chancery.core.models import Rendition, RenditionState
from chancery.core.testing import upload


def test_an_odt_and_a_docx_get_a_pdf_rendition_under_the_same_access(client, org, django_capture_on_commit_callbacks):
    secretariat = org.users["secretariat"]
    with django_capture_on_commit_callbacks(execute=True):
        docx = services.create_document(
            secretariat, title="Nota", access_level="internal_council",
            upload=upload("nota.docx", samples.make_docx("Voorstel van beslissing over het Oostgrensprogramma")),
        )  # fmt: skip
        odt = services.create_document(
            secretariat, title="Advies", upload=upload("advies.odt", samples.make_odt("Advies"))
        )
    for document, needle in ((docx, "Oostgrensprogramma"), (odt, "Advies")):
        made = Rendition.objects.get(version__document=document)
        assert made.state == RenditionState.DONE, made.error
        text = PdfReader(io.BytesIO(made.file.open("rb").read())).pages[0].extract_text()
        assert needle in text
    url = reverse("rendition_download", args=[docx.uuid, 1])
    client.force_login(org.users["cabinet_other"])
    assert "PDF lezen" in client.get(docx.get_absolute_url()).content.decode()
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(org.users["civil_servant"])
    assert client.get(url).status_code == 404


def test_without_libreoffice_the_document_says_so_and_everything_else_works(
    client, org, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(rendition.shutil, "which", lambda name: None)
    with django_capture_on_commit_callbacks(execute=True):
        document = services.create_document(
            org.users["secretariat"], title="Nota", upload=upload("nota.docx", samples.make_docx("Tekst"))
        )
    made = Rendition.objects.get()
    assert made.state == RenditionState.UNAVAILABLE and not made.file
    version = document.versions.get()
    assert version.extraction_state == "done" and "Tekst" in version.text
    client.force_login(org.users["secretariat"])
    assert "LibreOffice is niet geïnstalleerd" in client.get(document.get_absolute_url()).content.decode()
    assert client.get(reverse("rendition_download", args=[document.uuid, 1])).status_code == 404
