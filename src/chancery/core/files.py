"""Inspecting an upload before anything is stored: name, size, type from content, integrity.

The type is recognised from the bytes (signature, then the structure the format requires),
never from the name or the browser's claim, and the name's extension must agree with it.
Office files are zip archives: they are unpacked as a stream with a hard cap, so an archive
that lies about its sizes (a zip bomb) is stopped before it costs memory or disk.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.misc import PdfError as HankoPdfError
from pyhanko.pdf_utils.reader import PdfFileReader as HankoPdfReader
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from chancery.core.models.documents import EXTENSIONS, MIME_TYPES, FileFormat

MAX_FILENAME_LENGTH = 200
MAX_ARCHIVE_MEMBERS = 5000
CHUNK = 64 * 1024
# Enough of a member to read an ODF `mimetype` (the longest we accept is 46 bytes).
HEAD_BYTES = 128

ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": FileFormat.ODT,
    b"application/vnd.oasis.opendocument.spreadsheet": FileFormat.ODS,
}


@dataclass(frozen=True)
class InspectedFile:
    filename: str
    file_format: FileFormat
    mime_type: str
    size: int
    sha256: str


def allowed_formats_text() -> str:
    return "PDF, DOCX, ODT, XLSX, ODS, PNG, JPEG"


def check_filename(name: str) -> str:
    if not name or not name.strip():
        raise ValidationError(_("The file has no name."), code="filename")
    if "/" in name or "\\" in name or name in {".", ".."}:
        raise ValidationError(
            _("The file name “%(name)s” contains a folder separator; rename the file and try again."),
            code="filename",
            params={"name": name.replace("\x00", "")[:80]},
        )
    if any(unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Co", "Zl", "Zp"} for ch in name):
        raise ValidationError(
            _("The file name contains control characters; rename the file and try again."), code="filename"
        )
    if len(name) > MAX_FILENAME_LENGTH:
        raise ValidationError(
            _("The file name is longer than %(max)d characters; shorten it and try again."),
            code="filename",
            params={"max": MAX_FILENAME_LENGTH},
        )
    return unicodedata.normalize("NFC", name.strip())


def _unsupported() -> ValidationError:
    return ValidationError(
        _("This type of file is not accepted. Accepted are: %(formats)s."),
        code="file_type",
        params={"formats": allowed_formats_text()},
    )


def _zip_bomb(allowed: int) -> ValidationError:
    return ValidationError(
        _("The file unpacks to more than %(max)s; it is refused as a possible zip bomb."),
        code="zip_bomb",
        params={"max": filesizeformat(allowed)},
    )


def unpacked_allowance(archive_size: int) -> int:
    """How much an office file of this size may unpack to: at most `CHANCERY_MAX_UNPACKED_RATIO`
    times its own size (past a floor, so that a small file of repetitive XML passes), never more
    than `CHANCERY_MAX_UNPACKED_BYTES`."""
    by_ratio = max(settings.CHANCERY_MAX_UNPACKED_RATIO * archive_size, settings.CHANCERY_UNPACKED_RATIO_FLOOR)
    return min(settings.CHANCERY_MAX_UNPACKED_BYTES, by_ratio)


def _drain_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: list[int], allowed: int) -> bytes:
    """Unpack one member as a stream and throw the bytes away, keeping only its first bytes (the
    ODF `mimetype`): reading it whole proves it sound (zipfile checks the CRC at its end), and the
    memory it costs is one chunk, whatever the member's size."""
    head = b""
    with archive.open(info) as stream:
        while chunk := stream.read(CHUNK):
            budget[0] -= len(chunk)
            if budget[0] < 0:
                raise _zip_bomb(allowed)
            if len(head) < HEAD_BYTES:
                head += chunk[: HEAD_BYTES - len(head)]
    return head


def _inspect_zip(fileobj) -> FileFormat:
    fileobj.seek(0, os.SEEK_END)
    archive_size = fileobj.tell()
    fileobj.seek(0)
    try:
        archive = zipfile.ZipFile(fileobj)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ValidationError(
            _("The file is damaged: it cannot be opened as an office document."), code="corrupt"
        ) from exc
    with archive:
        members = archive.infolist()
        if len(members) > MAX_ARCHIVE_MEMBERS:
            raise ValidationError(
                _("The file contains too many parts; it is refused as a possible zip bomb."), code="zip_bomb"
            )
        names = {m.filename for m in members}
        allowed = unpacked_allowance(archive_size)
        # First the sizes the archive declares: a bomb that admits its size is refused without
        # unpacking a byte. zipfile never yields more than a member declares (and then fails its
        # CRC check), so a bomb that understates its sizes is stopped by the stream below.
        if sum(m.file_size for m in members) > allowed:
            raise _zip_bomb(allowed)
        budget = [allowed]
        try:
            heads = {m.filename: _drain_member(archive, m, budget, allowed) for m in members if not m.is_dir()}
        except ValidationError:
            raise
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as exc:
            raise ValidationError(
                _("The file is damaged: it cannot be opened as an office document."), code="corrupt"
            ) from exc
    if "mimetype" in names:
        detected = ODF_MIMETYPES.get(heads["mimetype"].strip())
        if detected and "content.xml" in names:
            return detected
    if "[Content_Types].xml" in names:
        if "word/document.xml" in names:
            return FileFormat.DOCX
        if "xl/workbook.xml" in names:
            return FileFormat.XLSX
    raise _unsupported()


def _inspect_pdf(fileobj) -> FileFormat:
    """Read the PDF as every part of the platform will: pypdf (pages, text extraction) and pyHanko
    (the document page's signature checks, signing). pypdf quietly repairs a file whose
    cross-reference offsets are stale; pyHanko does not, so such a file passed the check and its
    page failed. A file either reader cannot read is refused here, not found broken later."""
    try:
        reader = PdfReader(fileobj, strict=False)
        if len(reader.pages) < 1:
            raise ValueError("no pages")
        fileobj.seek(0)
        signed_reader = HankoPdfReader(fileobj, strict=False)
        signed_reader.root["/Pages"]
        list(signed_reader.embedded_signatures)
    except (
        PyPdfError,
        HankoPdfError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        RecursionError,
        OSError,
    ) as exc:
        raise ValidationError(_("The PDF file is damaged and cannot be read."), code="corrupt") from exc
    finally:
        fileobj.seek(0)
    return FileFormat.PDF


def _inspect_image(fileobj, expected: FileFormat) -> FileFormat:
    from PIL import Image

    try:
        with Image.open(fileobj) as image:
            if (image.format or "").lower() not in {"png", "jpeg"}:
                raise _unsupported()
            image.verify()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, OSError, ValueError, SyntaxError) as exc:
        raise ValidationError(_("The image is damaged or too large and cannot be read."), code="corrupt") from exc
    return expected


def detect_format(fileobj) -> FileFormat:
    fileobj.seek(0)
    head = fileobj.read(16)
    fileobj.seek(0)
    if head.startswith(b"%PDF-"):
        return _inspect_pdf(fileobj)
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return _inspect_image(fileobj, FileFormat.PNG)
    if head.startswith(b"\xff\xd8\xff"):
        return _inspect_image(fileobj, FileFormat.JPEG)
    if head.startswith(b"PK\x03\x04"):
        return _inspect_zip(fileobj)
    raise _unsupported()


def inspect_upload(upload) -> InspectedFile:
    """Check an uploaded file (Django UploadedFile or any named binary file object).

    The result is kept on the upload: a form checks the file when it is cleaned, before the
    service opens its transaction (`core.forms.DocumentFileField`), and the service's own call
    then costs nothing. Unpacking an office file takes time and must not hold the database's
    write lock (SQLite's is one for the whole database)."""
    inspected = getattr(upload, "chancery_inspected", None)
    if isinstance(inspected, InspectedFile):
        return inspected
    inspected = _inspect(upload)
    upload.chancery_inspected = inspected
    return inspected


def _inspect(upload) -> InspectedFile:
    # `client_name`: the name as sent, before Django made it safe (core.uploads).
    filename = check_filename(getattr(upload, "client_name", None) or getattr(upload, "name", "") or "")
    size = upload.size if hasattr(upload, "size") else os.fstat(upload.fileno()).st_size
    if size == 0:
        raise ValidationError(_("The file “%(name)s” is empty."), code="empty", params={"name": filename})
    limit = settings.CHANCERY_MAX_UPLOAD_BYTES
    if size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(max)s."),
            code="too_large",
            params={"size": filesizeformat(size), "max": filesizeformat(limit)},
        )
    file_format = detect_format(upload)
    extension = os.path.splitext(filename)[1].lower()
    if extension not in EXTENSIONS[file_format]:
        raise ValidationError(
            _("The file name ends in “%(ext)s” but the file is a %(format)s file; the name must match the content."),
            code="extension_mismatch",
            params={"ext": extension or _("(nothing)"), "format": file_format.label},
        )
    digest = hashlib.sha256()
    upload.seek(0)
    while chunk := upload.read(CHUNK):
        digest.update(chunk)
    upload.seek(0)
    return InspectedFile(filename, file_format, MIME_TYPES[file_format], size, digest.hexdigest())
