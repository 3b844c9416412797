"""What the signatures on a case's end-user certificates say. The file may start with a scan of a
certificate signed on paper (the completeness check asks for a PDF, procedure.py), so a missing
digital signature does not block anything; but the handler must see whether the PDF carries one,
and whether it holds (core.signing: the same verification as every signed document)."""

from __future__ import annotations

from dataclasses import dataclass

from chancery.core import signing
from chancery.core.models import Document, FileFormat
from chancery.strategic_goods.procedure import END_USER_CERTIFICATE


@dataclass(frozen=True)
class CertificateSignatures:
    document: Document
    status: str  # "valid" (every signature holds), "invalid" (one does not) or "none"
    checks: list[signing.SignatureCheck]


def end_user_certificates(case) -> list[CertificateSignatures]:
    """Every end-user certificate of the case in PDF (those the completeness check counts), with
    the verdict on its latest version's signatures."""
    found = []
    # As procedures.guards.attached, keeping the latest version it reads (one query less per file).
    for link in case.documents.filter(kind=END_USER_CERTIFICATE, internal=False).select_related("document"):
        latest = link.document.latest_version
        if latest is not None and latest.file_format == FileFormat.PDF:
            try:
                checks = signing.verify(latest)
                summary = signing.signature_summary(checks)
            except signing.UnreadablePdf:
                # A file no reader can open proves nothing: shown as an invalid signature, not as none.
                checks, summary = [], "invalid"
            found.append(CertificateSignatures(link.document, summary, checks))
    return found
