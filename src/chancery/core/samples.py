"""Small, valid files of every accepted format, written from text: for demo data and tests.

The PDF writer covers one case only (Latin-1 text in Helvetica on A4 pages), which is all the
demo needs; real documents come from users.
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape


def _pdf_text(line: str) -> str:
    data = line.encode("latin-1", "replace").decode("latin-1")
    return data.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(text: str, *, title: str = "") -> bytes:
    lines = ([title, ""] if title else []) + text.splitlines()
    pages = [lines[i : i + 48] for i in range(0, max(len(lines), 1), 48)] or [[]]
    objects: list[bytes] = []
    font_id = 3
    page_ids = []
    for page_lines in pages:
        stream_lines = ["BT", "/F1 11 Tf", "14 TL", "56 790 Td"]
        for line in page_lines:
            stream_lines.append(f"({_pdf_text(line)}) '")
        stream_lines.append("ET")
        stream = "\n".join(stream_lines).encode("latin-1")
        content_id = 4 + len(objects)
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        page_id = 4 + len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> "
            b"/Contents %d 0 R >>" % (font_id, content_id)
        )
        page_ids.append(page_id)
    kids = " ".join(f"{pid} 0 R" for pid in page_ids).encode()
    head = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(page_ids),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    all_objects = head + objects
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(all_objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(all_objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(all_objects) + 1, xref))
    return out.getvalue()


def _zip(members: dict[str, str | bytes], *, stored_first: str | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        if stored_first:
            archive.writestr(zipfile.ZipInfo(stored_first), members[stored_first], compress_type=zipfile.ZIP_STORED)
        for name, data in members.items():
            if name != stored_first:
                archive.writestr(name, data)
    return out.getvalue()


def make_docx(text: str) -> bytes:
    paragraphs = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>' for line in text.splitlines()
    )
    return _zip(
        {
            "[Content_Types].xml": (
                '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/>'
                '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                "</Types>"
            ),
            "_rels/.rels": (
                '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
                "</Relationships>"
            ),
            "word/document.xml": (
                '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                f"<w:body>{paragraphs}</w:body></w:document>"
            ),
        }
    )


def make_xlsx(rows: list[list[str]]) -> bytes:
    strings = [cell for row in rows for cell in row]
    sheet_rows = "".join(
        f'<row r="{r + 1}">'
        + "".join(f'<c r="{chr(65 + c)}{r + 1}" t="s"><v>{r * len(row) + c}</v></c>' for c, _ in enumerate(row))
        + "</row>"
        for r, row in enumerate(rows)
    )
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    return _zip(
        {
            "[Content_Types].xml": (
                '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="xml" ContentType="application/xml"/></Types>'
            ),
            "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{ns}"><sheets/></workbook>',
            "xl/sharedStrings.xml": f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{ns}">'
            + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings)
            + "</sst>",
            "xl/worksheets/sheet1.xml": f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{ns}"><sheetData>{sheet_rows}</sheetData></worksheet>',
        }
    )


def _odf(mimetype: str, body: str) -> bytes:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.2">'
        f"<office:body>{body}</office:body></office:document-content>"
    )
    return _zip(
        {
            "mimetype": mimetype,
            "content.xml": content,
            "META-INF/manifest.xml": (
                '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                f'<manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="{mimetype}"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
            ),
        },
        stored_first="mimetype",
    )


def make_odt(text: str) -> bytes:
    body = "".join(f"<text:p>{escape(line)}</text:p>" for line in text.splitlines())
    return _odf("application/vnd.oasis.opendocument.text", f"<office:text>{body}</office:text>")


def make_ods(rows: list[list[str]]) -> bytes:
    table = "".join(
        "<table:table-row>"
        + "".join(f"<table:table-cell><text:p>{escape(c)}</text:p></table:table-cell>" for c in row)
        + "</table:table-row>"
        for row in rows
    )
    return _odf(
        "application/vnd.oasis.opendocument.spreadsheet",
        f'<office:spreadsheet><table:table table:name="Blad1">{table}</table:table></office:spreadsheet>',
    )


def make_image(fmt: str = "PNG", size: tuple[int, int] = (64, 32)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (255, 230, 21)).save(out, format=fmt)
    return out.getvalue()
