"""Text extraction from stored versions, for search. Runs in the background worker."""

from __future__ import annotations

import io
import zipfile

from defusedxml import ElementTree
from django.conf import settings

from chancery.core.background import background
from chancery.core.models.documents import DocumentVersion, ExtractionState, FileFormat

# Searchable text is capped: a 30 MB spreadsheet of numbers helps no search.
MAX_TEXT_CHARS = 2_000_000

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
TEXT_NS = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


class ExtractionError(Exception):
    pass


def _member(archive: zipfile.ZipFile, name: str) -> bytes:
    info = archive.getinfo(name)
    with archive.open(info) as stream:
        data = stream.read(settings.CHANCERY_MAX_UNPACKED_BYTES + 1)
    if len(data) > settings.CHANCERY_MAX_UNPACKED_BYTES:
        raise ExtractionError("member too large")
    return data


def _docx(archive: zipfile.ZipFile) -> str:
    root = ElementTree.fromstring(_member(archive, "word/document.xml"))
    paragraphs = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]
    return "\n".join(p for p in paragraphs if p)


def _xlsx(archive: zipfile.ZipFile) -> str:
    parts = []
    if "xl/sharedStrings.xml" in archive.namelist():
        root = ElementTree.fromstring(_member(archive, "xl/sharedStrings.xml"))
        parts += ["".join(t.text or "" for t in si.iter(f"{S}t")) for si in root.iter(f"{S}si")]
    for name in sorted(n for n in archive.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")):
        root = ElementTree.fromstring(_member(archive, name))
        parts += [t.text for t in root.iter(f"{S}t") if t.text]  # inline strings
    return "\n".join(p for p in parts if p)


def _odf(archive: zipfile.ZipFile) -> str:
    root = ElementTree.fromstring(_member(archive, "content.xml"))
    blocks = [
        " ".join("".join(el.itertext()).split()) for el in root.iter() if el.tag in (f"{TEXT_NS}p", f"{TEXT_NS}h")
    ]
    return "\n".join(b for b in blocks if b)


def _pdf(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    texts = []
    total = 0
    for page in reader.pages:
        text = page.extract_text() or ""
        texts.append(text)
        total += len(text)
        if total > MAX_TEXT_CHARS:
            break
    return "\n".join(texts)


def extract_text(data: bytes, file_format: str) -> str | None:
    """The document's text, or None for formats without text (images)."""
    try:
        if file_format == FileFormat.PDF:
            text = _pdf(data)
        elif file_format in (FileFormat.DOCX, FileFormat.XLSX, FileFormat.ODT, FileFormat.ODS):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                text = {
                    FileFormat.DOCX: _docx,
                    FileFormat.XLSX: _xlsx,
                    FileFormat.ODT: _odf,
                    FileFormat.ODS: _odf,
                }[file_format](archive)
        else:
            return None
    except ExtractionError:
        raise
    except Exception as exc:  # noqa: BLE001 - any parser failure is reported on the version
        raise ExtractionError(f"{type(exc).__name__}: {exc}"[:300]) from exc
    return text.replace("\x00", "")[:MAX_TEXT_CHARS]


@background()
def extract_version_text(version_id: int) -> str:
    """Extract a stored version's text for search (deferred by core.services on every upload)."""
    version = DocumentVersion.objects.get(pk=version_id)
    if version.extraction_state != ExtractionState.PENDING:
        return version.extraction_state  # already done: a retried task changes nothing
    with version.file.open("rb") as stored:
        data = stored.read()
    try:
        text = extract_text(data, version.file_format)
    except ExtractionError as exc:
        version.extraction_state = ExtractionState.FAILED
        version.extraction_error = str(exc)
    else:
        if text is None:
            version.extraction_state = ExtractionState.NOT_APPLICABLE
        else:
            version.text = text
            version.extraction_state = ExtractionState.DONE
    version.save(update_fields=["text", "extraction_state", "extraction_error"])
    return version.extraction_state
