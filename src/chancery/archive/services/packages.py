"""Archive packages of closed files, for the long-term archive: a folder (or a zip of it) with per
file its metadata as JSON and as XML, its documents' files as uploaded and, for the office
formats, as PDF/A-2b (LibreOffice, as the renditions are made: core.rendition), and one manifest of
SHA-256 checksums of every file in the package.

    <package>/manifest-sha256.txt     "<sha256>  <path>" per file, sorted by path (BagIt's form)
    <package>/package.json            what the package holds and when it was made
    <package>/<reference>/metadata.json, metadata.xml
    <package>/<reference>/documents/<document uuid>/v<n>-original.<ext>
    <package>/<reference>/documents/<document uuid>/v<n>.pdf   (PDF/A-2b of the latest version)

A PDF or image is kept as uploaded (this machine's LibreOffice converts only the office formats):
its metadata says so ("archival_format": null and why). Only closed files are exported.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from chancery.archive.events import PACKAGE_EXPORTED
from chancery.core import audit, events
from chancery.core.authz import require
from chancery.core.models import AuditAction, Document, DocumentVersion, FileFormat
from chancery.core.rendition import PDFA_FILTERS, convert_to_pdf, office_binary
from chancery.core.retention_registry import all_series
from chancery.procedures import registry
from chancery.procedures.models import Case

MANIFEST = "manifest-sha256.txt"
PACKAGE_INFO = "package.json"
FILTERS = ("procedure", "closed-before", "closed-after")


def _day(value: str, name: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValidationError(
            _("“%(value)s” is no date for %(name)s: write it as YYYY-MM-DD.") % {"value": value, "name": name}
        ) from None


def select(spec: str) -> QuerySet[Case]:
    """The closed files `spec` names: one file's reference, or filters separated by commas
    (`procedure=CSG`, `closed-before=2025-01-01`, `closed-after=2020-01-01`), or `all` (every
    closed file). Bad input is refused in words, nothing is written."""
    spec = (spec or "").strip()
    if not spec:
        raise ValidationError(_("Name a file by its reference, or give filters such as procedure=CSG."))
    closed = Case.objects.filter(closed_at__isnull=False)
    for procedure in registry.all_procedures():
        closed = closed.exclude(procedure=procedure.code, state__in=procedure.open_states)
    if "=" not in spec and spec != "all":
        case = Case.objects.filter(reference=spec).first()
        if case is None:
            raise ValidationError(_("There is no file “%(reference)s”.") % {"reference": spec[:100]})
        if not closed.filter(pk=case.pk).exists():
            raise ValidationError(
                _("The file %(reference)s is not closed: only closed files go to the archive.") % {"reference": spec}
            )
        return closed.filter(pk=case.pk)
    cases = closed
    for part in [] if spec == "all" else spec.split(","):
        name, _sep, value = part.strip().partition("=")
        name, value = name.strip(), value.strip()
        if name not in FILTERS or not value:
            raise ValidationError(
                _("“%(part)s” is no filter; use %(filters)s.") % {"part": part.strip(), "filters": ", ".join(FILTERS)}
            )
        if name == "procedure":
            if registry.find(value) is None:
                raise ValidationError(_("There is no procedure “%(code)s”.") % {"code": value})
            cases = cases.filter(procedure=value)
        elif name == "closed-before":
            cases = cases.filter(closed_at__date__lt=_day(value, name))
        else:
            cases = cases.filter(closed_at__date__gte=_day(value, name))
    if not cases.exists():
        raise ValidationError(_("No closed file matches “%(spec)s”.") % {"spec": spec[:200]})
    return cases.order_by("reference")


def _retention(case: Case) -> dict | None:
    for one in all_series():
        if one.model == "procedures.Case" and one.key == f"procedures.{case.procedure}":
            period = one.period_for(one.closed_on(case)) if case.closed_at else None
            expires = one.expires_on(case)
            return {
                "series": one.key,
                "years": period.years if period else None,
                "source": period.source if period else "",
                "verified": period.verified if period else False,
                "expires_on": expires.isoformat() if expires else None,
                "public_history": one.public_history(case),
            }
    return None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _write_version(version: DocumentVersion, folder: Path, archival: bool) -> dict:
    ext = f".{version.file_format}" if version.file_format != FileFormat.JPEG else ".jpg"
    original = folder / f"v{version.number}-original{ext}"
    with version.file.open("rb") as stored:
        data = stored.read()
    original.write_bytes(data)
    entry = {
        "number": version.number, "original_filename": version.original_filename, "format": version.file_format,
        "mime_type": version.mime_type, "size": version.size, "sha256": version.sha256,
        "uploaded_at": version.uploaded_at, "original": original.name, "archival": None, "archival_format": None,
    }  # fmt: skip
    if not archival:
        return entry
    if ext not in PDFA_FILTERS:
        entry["archival_note"] = _("Kept as uploaded: only office formats are converted to PDF/A.")
    elif office_binary() is None:
        entry["archival_note"] = _("No PDF/A: LibreOffice is not installed on the server.")
    else:
        try:
            pdf = convert_to_pdf(data, ext, pdfa=True)
        except (subprocess.SubprocessError, OSError) as exc:
            entry["archival_note"] = _("The PDF/A conversion failed: %(error)s") % {"error": type(exc).__name__}
        else:
            target = folder / f"v{version.number}.pdf"
            target.write_bytes(pdf)
            entry["archival"], entry["archival_format"] = target.name, "PDF/A-2b"
    return entry


def _metadata(case: Case, folder: Path) -> dict:
    definition = registry.find(case.procedure)
    documents = []
    links = case.documents.select_related("document").order_by("added_at", "pk")
    for link in links:
        document: Document = link.document
        doc_folder = folder / "documents" / str(document.uuid)
        doc_folder.mkdir(parents=True, exist_ok=True)
        versions = list(DocumentVersion.objects.filter(document=document).order_by("number"))
        documents.append({
            "uuid": str(document.uuid), "title": document.title, "kind": document.kind, "type_in_file": link.kind,
            "internal": link.internal, "access_level": document.access_level,
            "release_state": document.release_state, "created_at": document.created_at,
            "versions": [_write_version(v, doc_folder, archival=v is versions[-1]) for v in versions],
        })  # fmt: skip
    return {
        "reference": case.reference,
        "procedure": case.procedure,
        "procedure_name": str(definition.name) if definition is not None else case.procedure,
        "title": case.title,
        "state": case.state,
        "access_level": case.access_level,
        "release_state": case.release_state,
        "applicant": {"name": case.applicant.name, "kind": case.applicant.kind, "country": case.applicant.country},
        "created_at": case.created_at,
        "submitted_at": case.submitted_at,
        "closed_at": case.closed_at,
        "details": case.data,
        "history": [
            {"step": t.name, "from": t.source, "to": t.target, "at": t.at, "by": t.actor.username if t.actor else None}
            for t in case.history.select_related("actor")
        ],
        "retention": _retention(case),
        "documents": documents,
    }


def _xml(name: str, value) -> ElementTree.Element:
    element = ElementTree.Element(name)
    if isinstance(value, dict):
        for key, inner in value.items():
            element.append(_xml(str(key).replace(" ", "_"), inner))
    elif isinstance(value, list):
        singular = {"documents": "document", "versions": "version", "history": "step"}.get(name, "item")
        for inner in value:
            element.append(_xml(singular, inner))
    elif value is not None:
        element.text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return element


def _as_json(value) -> str:
    return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_manifest(root: Path) -> list[tuple[str, str]]:
    rows = sorted(
        (path.relative_to(root).as_posix(), _sha256(path))
        for path in root.rglob("*")
        if path.is_file() and path.name != MANIFEST
    )
    (root / MANIFEST).write_text("".join(f"{digest}  {name}\n" for name, digest in rows), encoding="utf-8")
    return rows


def verify(root: Path) -> list[str]:
    """The problems of a package folder: files whose checksum differs, missing or unlisted."""
    listed = {}
    for line in (root / MANIFEST).read_text(encoding="utf-8").splitlines():
        digest, _sep, name = line.partition("  ")
        listed[name] = digest
    present = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() and p.name != MANIFEST}
    problems = [f"missing: {name}" for name in sorted(set(listed) - present)]
    problems += [f"not listed: {name}" for name in sorted(present - set(listed))]
    problems += [f"checksum: {name}" for name in sorted(set(listed) & present) if _sha256(root / name) != listed[name]]
    return problems


def export(actor, cases: QuerySet[Case], target: Path) -> dict:
    """Write the package of `cases` to `target`: a folder that does not exist or is empty, or a
    file name ending in .zip. The summary comes back; each file exported is audited."""
    target = Path(target)
    as_zip = target.suffix.lower() == ".zip"
    if as_zip and target.exists():
        raise ValidationError(_("%(path)s exists already: name a new zip file.") % {"path": target})
    if not as_zip and target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ValidationError(_("%(path)s is not an empty folder: name a new or empty one.") % {"path": target})
    cases = list(cases.select_related("applicant"))
    for case in cases:
        require(actor, "archive.export", case)
    with tempfile.TemporaryDirectory(prefix="chancery-archive-") as work:
        root = Path(work) / "package"
        root.mkdir()
        for case in cases:
            folder = root / case.reference
            folder.mkdir()
            metadata = _metadata(case, folder)
            (folder / "metadata.json").write_text(_as_json(metadata), encoding="utf-8")
            tree = ElementTree.ElementTree(_xml("file", json.loads(_as_json(metadata))))
            ElementTree.indent(tree)
            tree.write(folder / "metadata.xml", encoding="utf-8", xml_declaration=True)
        info = {"created_at": timezone.now(), "files": [case.reference for case in cases], "manifest": MANIFEST,
                "checksum": "SHA-256"}  # fmt: skip
        (root / PACKAGE_INFO).write_text(_as_json(info), encoding="utf-8")
        rows = write_manifest(root)
        if as_zip:
            target.parent.mkdir(parents=True, exist_ok=True)
            with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
                for path in sorted(root.rglob("*")):
                    if path.is_file():
                        archive.write(path, path.relative_to(root).as_posix())
        else:
            target.mkdir(parents=True, exist_ok=True)
            for path in root.iterdir():
                shutil.move(str(path), target / path.name)
    with transaction.atomic():
        for case in cases:
            audit.record(actor, AuditAction.DOWNLOAD, case, reason=_("Exported to an archive package."))
            events.emit(PACKAGE_EXPORTED.code, case, {"reference": case.reference})
    return {"files": [case.reference for case in cases], "entries": len(rows) + 1, "target": str(target)}
