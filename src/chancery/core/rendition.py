"""PDF renditions of office documents with LibreOffice, headless. LibreOffice is optional: where it
is not installed, a rendition says so and everything else works (`make run` installs it from
Debian's packages when it can)."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import storages

from chancery.core.background import background
from chancery.core.models import DocumentVersion, FileFormat, Rendition, RenditionState

RENDERED_FORMATS = {FileFormat.DOCX, FileFormat.ODT}
TIMEOUT_SECONDS = 120


def office_binary() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


# PDF/A-2b (ISO 19005-2), for archive packages (chancery.archive): LibreOffice's export filter of
# the document's own application, with its PDF/A option.
PDFA_FILTERS = {".docx": "writer_pdf_Export", ".odt": "writer_pdf_Export", ".xlsx": "calc_pdf_Export",
                ".ods": "calc_pdf_Export"}  # fmt: skip
PDFA_OPTIONS = '{"SelectPdfVersion":{"type":"long","value":"2"}}'


def convert_to_pdf(data: bytes, suffix: str, *, pdfa: bool = False) -> bytes:
    """Convert with a private LibreOffice profile (so parallel conversions do not collide); with
    `pdfa`, to PDF/A-2b (only the office formats of PDFA_FILTERS)."""
    binary = office_binary()
    if binary is None:
        raise FileNotFoundError("LibreOffice is not installed")
    with tempfile.TemporaryDirectory(prefix="chancery-office-") as folder:
        source = Path(folder) / f"document{suffix}"
        source.write_bytes(data)
        target = f"pdf:{PDFA_FILTERS[suffix]}:{PDFA_OPTIONS}" if pdfa else "pdf"
        command = [
            binary, f"-env:UserInstallation=file://{folder}/profile", "--headless", "--norestore",
            "--convert-to", target, "--outdir", folder, str(source),
        ]  # fmt: skip
        subprocess.run(command, check=True, capture_output=True, timeout=TIMEOUT_SECONDS)  # noqa: S603 - a fixed binary, a file name we made
        return (Path(folder) / "document.pdf").read_bytes()


def render(version: DocumentVersion) -> Rendition | None:
    """Make (once) the PDF rendition of an office version; None for formats that need none."""
    if version.file_format not in RENDERED_FORMATS:
        return None
    existing = Rendition.objects.filter(version=version).first()
    if existing and existing.state == RenditionState.DONE:
        return existing
    if office_binary() is None:
        state, pdf, error = RenditionState.UNAVAILABLE, None, ""
    else:
        try:
            with version.file.open("rb") as stored:
                pdf = convert_to_pdf(stored.read(), f".{version.file_format}")
            state, error = RenditionState.DONE, ""
        except (subprocess.SubprocessError, OSError) as exc:
            state, pdf, error = RenditionState.FAILED, None, f"{type(exc).__name__}: {exc}"[:300]
    rendition = existing or Rendition(version=version)
    rendition.state, rendition.error = state, error
    if pdf is not None:
        digest = hashlib.sha256(pdf).hexdigest()
        name = f"renditions/{digest[:2]}/{digest}.pdf"
        storage = storages["documents"]
        rendition.file.name = name if storage.exists(name) else storage.save(name, ContentFile(pdf))
        rendition.sha256 = digest
    rendition.save()
    return rendition


@background()
def render_version_pdf(version_id: int) -> str:
    rendition = render(DocumentVersion.objects.get(pk=version_id))
    return rendition.state if rendition else "not_needed"
