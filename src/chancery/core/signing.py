"""Signing flows: a document signed in a fixed order, each signer adding a PAdES baseline signature
(pyHanko, ETSI.CAdES.detached) with their own certificate, time-stamped by an RFC 3161 authority
(B-T) and with the validation data of certificate and time stamp in the document's DSS (B-LT).
Every signature can be verified afterwards against the trusted certificate authorities
(settings.CHANCERY_SIGNING_TRUST_ROOTS): the verdict is pyHanko's own (`bottom_line`, with its
difference analysis and DocMDP), and a document changed after signing is reported as changed,
with what changed."""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime
import io
import logging
from dataclasses import dataclass, field
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.timestamps import HTTPTimeStamper
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko.sign.validation.dss import DocumentSecurityStore, NoDSSFoundError
from pyhanko.sign.validation.pdf_embedded import async_validate_pdf_signature
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator.errors import PathError
from pyhanko_certvalidator.errors import ValidationError as CertificateValidationError
from pyhanko_certvalidator.registry import SimpleCertificateStore

from chancery.core import audit, services
from chancery.core.authz import require
from chancery.core.models import (
    AuditAction,
    Document,
    DocumentVersion,
    FileFormat,
    FlowState,
    RequestState,
    SignatureRequest,
    SigningCredential,
    SigningFlow,
)

log = logging.getLogger(__name__)

PADES_SUBFILTER = "/ETSI.CAdES.detached"


def _pem_blocks(text: str, kind: str) -> list[str]:
    begin, end = f"-----BEGIN {kind}-----", f"-----END {kind}-----"
    return [begin + block.split(begin, 1)[1] + end + "\n" for block in text.split(end) if begin in block]


def _der(pem: str) -> bytes:
    return x509.load_pem_x509_certificate(pem.encode()).public_bytes(serialization.Encoding.DER)


def trust_roots() -> list[asn1_x509.Certificate]:
    return [
        asn1_x509.Certificate.load(_der(block))
        for path in settings.CHANCERY_SIGNING_TRUST_ROOTS
        for block in _pem_blocks(Path(path).read_text(), "CERTIFICATE")
    ]


def _revocation_lists() -> list[bytes]:
    return [
        x509.load_pem_x509_crl(block.encode()).public_bytes(serialization.Encoding.DER)
        for path in settings.CHANCERY_SIGNING_CRLS
        for block in _pem_blocks(Path(path).read_text(), "X509 CRL")
    ]


def _context() -> ValidationContext:
    """Trust roots, revocation lists given locally and, in production, fetched online; a fresh
    context each time, since pyHanko's contexts gather state while they validate."""
    return ValidationContext(
        trust_roots=trust_roots(),
        crls=_revocation_lists(),
        allow_fetching=settings.CHANCERY_SIGNING_FETCH_REVOCATION,
    )


def timestamper():
    """The time-stamp authority signatures are stamped by: the configured RFC 3161 URL; outside
    production the local testing authority (pyHanko's DummyTimeStamper, in process, no network);
    None when neither is configured (signatures are then PAdES B-B)."""
    if settings.CHANCERY_SIGNING_TSA_URL:
        return HTTPTimeStamper(settings.CHANCERY_SIGNING_TSA_URL, timeout=10)
    if settings.CHANCERY_SIGNING_LOCAL_TSA:
        text = Path(settings.CHANCERY_SIGNING_LOCAL_TSA).read_text()
        key = serialization.load_pem_private_key(_pem_blocks(text, "PRIVATE KEY")[0].encode(), password=None)
        return DummyTimeStamper(
            tsa_cert=asn1_x509.Certificate.load(_der(_pem_blocks(text, "CERTIFICATE")[0])),
            tsa_key=asn1_keys.PrivateKeyInfo.load(
                key.private_bytes(
                    serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
                )
            ),
            certs_to_embed=SimpleCertificateStore.from_certs(trust_roots()),
        )
    return None


def register_credential(user, certificate_pem: str, encrypted_key_pem: str) -> SigningCredential:
    """Store a credential as given (the demo loader and tests; people are enrolled with `enrol`)."""
    credential, _created = SigningCredential.objects.update_or_create(
        user=user, defaults={"certificate_pem": certificate_pem, "encrypted_key_pem": encrypted_key_pem}
    )
    return credential


def _certificate(certificate_pem: str) -> x509.Certificate:
    try:
        return x509.load_pem_x509_certificate(certificate_pem.strip().encode())
    except ValueError as exc:
        raise ValidationError(
            {"certificate_pem": _("This is not a certificate in PEM form.")}, code="certificate"
        ) from exc


def check_enrolment(certificate_pem: str, encrypted_key_pem: str, passphrase: str) -> x509.Certificate:
    """What enrolling a signer requires, without storing anything: the certificate chains to a
    trusted authority and allows signing; the key is encrypted, opens with the signer's
    passphrase and belongs to the certificate. Returns the certificate; refuses field by field."""
    certificate = _certificate(certificate_pem)
    key_pem = encrypted_key_pem.strip().encode()
    try:
        serialization.load_pem_private_key(key_pem, password=None)
    except TypeError:
        pass  # encrypted, as it must be
    except ValueError as exc:
        raise ValidationError({"encrypted_key_pem": _("This is not a private key in PEM form.")}, code="key") from exc
    else:
        raise ValidationError(
            {"encrypted_key_pem": _("The private key must be encrypted with the signer's passphrase.")},
            code="unencrypted",
        )
    try:
        key = serialization.load_pem_private_key(key_pem, password=passphrase.encode())
    except (ValueError, TypeError) as exc:
        raise ValidationError({"passphrase": _("The signing passphrase is not correct.")}, code="passphrase") from exc
    der, info = serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    if key.public_key().public_bytes(der, info) != certificate.public_key().public_bytes(der, info):
        raise ValidationError(
            {"encrypted_key_pem": _("This private key does not belong to the certificate.")}, code="mismatch"
        )
    if not _chains_to_trust(certificate_pem.strip()):
        raise ValidationError(
            {"certificate_pem": _("The certificate is not issued by a trusted authority for signing.")},
            code="untrusted",
        )
    return certificate


@transaction.atomic
def enrol(
    actor, user, certificate_pem: str, encrypted_key_pem: str, passphrase: str, *, source: str | None = None
) -> SigningCredential:
    """Enrol a signer (the admin, `chancery enrol-signer`) after `check_enrolment`. A signer
    enrolled again gets the new credential. Audited with the certificate's subject and serial."""
    require(actor, "core.enrol_signer")
    if not user.is_active:
        raise ValidationError(_("Only an active user can be enrolled as a signer."), code="inactive")
    certificate = check_enrolment(certificate_pem, encrypted_key_pem, passphrase)
    existing = SigningCredential.objects.filter(user=user).first()
    before = {"certificate": existing.certificate_pem} if existing else None
    credential = register_credential(user, certificate_pem.strip() + "\n", encrypted_key_pem.strip() + "\n")
    audit.record(
        actor,
        AuditAction.UPDATE if existing else AuditAction.CREATE,
        credential,
        before=before,
        after={
            "user": user.username,
            "subject": certificate.subject.rfc4514_string(),
            "serial": format(certificate.serial_number, "x"),
            "valid_until": certificate.not_valid_after_utc.isoformat(),
        },
        source=source,
    )
    return credential


def signer_for(credential: SigningCredential, passphrase: str) -> signers.Signer:
    """The pyHanko signer of a credential. Wrong passphrase: a clear refusal."""
    try:
        key = serialization.load_pem_private_key(credential.encrypted_key_pem.encode(), password=passphrase.encode())
    except (ValueError, TypeError) as exc:
        raise ValidationError({"passphrase": _("The signing passphrase is not correct.")}, code="passphrase") from exc
    certificate = asn1_x509.Certificate.load(_der(credential.certificate_pem))
    private = asn1_keys.PrivateKeyInfo.load(
        key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return signers.SimpleSigner(
        signing_cert=certificate, signing_key=private, cert_registry=SimpleCertificateStore.from_certs(trust_roots())
    )


def _run(coroutine):
    """Run a coroutine to completion from synchronous code, also when the calling thread already
    runs an event loop (then on a thread of its own)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _chains_to_trust(certificate_pem: str) -> bool:
    """Does the certificate chain to a trusted authority and allow signing (non-repudiation)?"""
    certificate = asn1_x509.Certificate.load(_der(certificate_pem))
    validator = CertificateValidator(certificate, validation_context=_context())
    try:
        _run(validator.async_validate_usage({"non_repudiation"}))
    except (PathError, CertificateValidationError) as exc:
        log.info("Signing certificate %s refused: %s", certificate.subject.human_friendly, exc)
        return False
    return True


def pades_sign(pdf: bytes, signer: signers.Signer, *, field_name: str, reason: str) -> bytes:
    """A PAdES baseline signature on `pdf`, added as an incremental update: time-stamped when a
    time-stamp authority is configured, with the validation data in the DSS. The first signature
    on a document certifies it (DocMDP: only form filling and further signatures allowed after it),
    so that a reader such as Acrobat flags any other change too."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    already_signed = bool(PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures)
    metadata = signers.PdfSignatureMetadata(
        field_name=field_name,
        reason=reason,
        location="Brussel",
        subfilter=fields.SigSeedSubFilter.PADES,
        embed_validation_info=True,
        validation_context=_context(),
        certify=not already_signed,
        docmdp_permissions=fields.MDPPerm.FILL_FORMS,
    )
    pdf_signer = signers.PdfSigner(metadata, signer=signer, timestamper=timestamper())
    return _run(pdf_signer.async_sign_pdf(writer)).getvalue()


def seal(pdf: bytes, *, reason: str) -> bytes:
    """The organisation's electronic seal on a document it issues itself (a licence, a refusal
    letter): no person signs these one by one, so the service's seal certificate
    (CHANCERY_SIGNING_SEAL: a PEM file with the certificate and its key, the key encrypted with
    CHANCERY_SIGNING_SEAL_PASSPHRASE or not at all) signs them as they are made, PAdES like every
    signature. Without a seal configured the PDF is returned as it is, and verification shows it
    unsigned."""
    if not settings.CHANCERY_SIGNING_SEAL:
        return pdf
    text = Path(settings.CHANCERY_SIGNING_SEAL).read_text()
    key = serialization.load_pem_private_key(
        _pem_blocks(text, "ENCRYPTED PRIVATE KEY")[0].encode() if "ENCRYPTED PRIVATE KEY" in text
        else _pem_blocks(text, "PRIVATE KEY")[0].encode(),
        password=settings.CHANCERY_SIGNING_SEAL_PASSPHRASE.encode() or None,
    )  # fmt: skip
    certificates = [asn1_x509.Certificate.load(_der(block)) for block in _pem_blocks(text, "CERTIFICATE")]
    signer = signers.SimpleSigner(
        signing_cert=certificates[0],
        signing_key=asn1_keys.PrivateKeyInfo.load(
            key.private_bytes(
                serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        ),
        cert_registry=SimpleCertificateStore.from_certs([*certificates[1:], *trust_roots()]),
    )
    return pades_sign(pdf, signer, field_name="Zegel", reason=reason)


def pades_level_produced() -> str:
    """The PAdES level signing produces with this configuration."""
    return "B-LT" if timestamper() is not None else "B-B"


# --- Flows ------------------------------------------------------------------------------------


@transaction.atomic
def start_flow(actor, document: Document, signers_in_order: list) -> SigningFlow:
    require(actor, "core.start_signing_flow")
    document = Document.objects.select_for_update().get(pk=document.pk)
    latest = document.latest_version
    if latest is None or latest.file_format != FileFormat.PDF:
        raise ValidationError(_("Only a PDF document can be signed."), code="not_pdf")
    if not signers_in_order:
        raise ValidationError(_("Choose at least one signer."), code="no_signers")
    if len({s.pk for s in signers_in_order}) != len(signers_in_order):
        raise ValidationError(_("A signer can appear only once in a signing flow."), code="duplicate")
    without = [s.display_name for s in signers_in_order if not SigningCredential.objects.filter(user=s).exists()]
    if without:
        raise ValidationError(
            _("No signing certificate is registered for: %(names)s.") % {"names": ", ".join(without)}, code="credential"
        )
    if document.signing_flows.filter(state=FlowState.IN_PROGRESS).exists():
        raise ValidationError(_("This document is already being signed."), code="open_flow")
    flow = SigningFlow.objects.create(document=document, created_by=actor)
    for order, signer in enumerate(signers_in_order, start=1):
        SignatureRequest.objects.create(flow=flow, order=order, signer=signer)
        # A signer must be able to read what they sign.
        document.named_users.add(signer)
    audit.record(
        actor,
        AuditAction.CREATE,
        flow,
        after={"document": document.pk, "signers": [s.username for s in signers_in_order]},
    )
    return flow


def _lock_request(request: SignatureRequest, actor) -> SignatureRequest:
    request = SignatureRequest.objects.select_for_update().select_related("flow__document").get(pk=request.pk)
    SigningFlow.objects.select_for_update().get(pk=request.flow_id)
    if request.signer_id != actor.pk:
        raise PermissionDenied(_("This signature is asked of someone else."))
    if request.flow.state != FlowState.IN_PROGRESS or request.state != RequestState.PENDING:
        raise ValidationError(_("This signature is no longer waiting."), code="state")
    earlier = request.flow.requests.filter(order__lt=request.order).exclude(state=RequestState.SIGNED)
    if earlier.exists():
        raise ValidationError(_("Earlier signers have not signed yet; signing happens in order."), code="order")
    return request


@transaction.atomic
def sign(actor, request: SignatureRequest, passphrase: str) -> DocumentVersion:
    request = _lock_request(request, actor)
    credential = SigningCredential.objects.filter(user=actor).first()
    if credential is None:
        raise ValidationError(_("No signing certificate is registered for you."), code="credential")
    if not _chains_to_trust(credential.certificate_pem):
        raise ValidationError(
            _("Your signing certificate is not issued by a trusted authority; the signature is refused."),
            code="untrusted",
        )
    signer = signer_for(credential, passphrase)
    document = request.flow.document
    latest = document.latest_version
    with latest.file.open("rb") as stored:
        pdf = stored.read()
    signed = pades_sign(
        pdf, signer, field_name=f"Handtekening{request.order}", reason=_("Signed as decided by the Government")
    )
    name = latest.original_filename.rsplit(".", 1)[0] + f"-ondertekend-{request.order}.pdf"
    version = services.add_derived_version(
        actor, document, SimpleUploadedFile(name, signed, content_type="application/pdf"), reason=_("Signature")
    )
    request.state, request.acted_at, request.version = RequestState.SIGNED, timezone.now(), version
    request.save(update_fields=["state", "acted_at", "version"])
    flow = request.flow
    if not flow.requests.exclude(state=RequestState.SIGNED).exists():
        flow.state = FlowState.COMPLETED
        flow.save(update_fields=["state"])
    audit.record(
        actor,
        AuditAction.STATE_CHANGE,
        request,
        before={"state": "pending"},
        after={"state": "signed", "version": version.number, "level": pades_level_produced()},
    )
    return version


@transaction.atomic
def refuse(actor, request: SignatureRequest, reason: str) -> SignatureRequest:
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason for refusing to sign.")}, code="reason")
    request = _lock_request(request, actor)
    request.state, request.acted_at, request.refusal_reason = RequestState.REFUSED, timezone.now(), reason.strip()
    request.save(update_fields=["state", "acted_at", "refusal_reason"])
    flow = request.flow
    flow.state = FlowState.REFUSED
    flow.save(update_fields=["state"])
    audit.record(
        actor,
        AuditAction.STATE_CHANGE,
        request,
        before={"state": "pending"},
        after={"state": "refused"},
        reason=reason.strip(),
    )
    return request


@transaction.atomic
def cancel(actor, flow: SigningFlow, reason: str) -> SigningFlow:
    """Stop a flow still being signed (the secretariat, who starts flows: a wrong document or
    signer, a decision taken back). Signatures already placed stay in their versions; the requests
    still waiting are cancelled and leave the signers' inboxes. Audited with the reason."""
    require(actor, "core.cancel_signing_flow", flow)
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason for cancelling the signing flow.")}, code="reason")
    flow = SigningFlow.objects.select_for_update().get(pk=flow.pk)
    if flow.state != FlowState.IN_PROGRESS:
        raise ValidationError(_("This signing flow is no longer in progress."), code="state")
    waiting = list(flow.requests.filter(state=RequestState.PENDING).values_list("order", flat=True))
    flow.requests.filter(state=RequestState.PENDING).update(state=RequestState.CANCELLED, acted_at=timezone.now())
    flow.state, flow.cancellation_reason = FlowState.CANCELLED, reason.strip()
    flow.save(update_fields=["state", "cancellation_reason"])
    audit.record(
        actor,
        AuditAction.STATE_CHANGE,
        flow,
        before={"state": "in_progress"},
        after={"state": "cancelled", "requests_cancelled": waiting},
        reason=reason.strip(),
    )
    return flow


def inbox(user):
    """Signatures waiting for this user whose turn it is (no earlier signer still to sign), in one query."""
    earlier_unsigned = SignatureRequest.objects.filter(flow=OuterRef("flow"), order__lt=OuterRef("order")).exclude(
        state=RequestState.SIGNED
    )
    return list(
        SignatureRequest.objects.filter(signer=user, state=RequestState.PENDING, flow__state=FlowState.IN_PROGRESS)
        .exclude(Exists(earlier_unsigned))
        .select_related("flow__document")
    )


# --- Verification -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SignatureCheck:
    """One signature's verdict. `valid` is pyHanko's `bottom_line`: intact, trusted, time stamp
    valid, and nothing changed after it but what its DocMDP allows (later signatures, validation
    data, form filling). `changes` says in words what was changed after signing."""

    field: str
    signer: str
    signed_at: datetime.datetime | None  # the time stamp's time when there is one, else the signer's claim
    timestamped: bool
    level: str  # "B-B", "B-T", "B-LT"; "" for a signature that is not PAdES (adbe.pkcs7.detached)
    intact: bool
    trusted: bool
    modification: str  # pyHanko's ModificationLevel, lower case: none, lta_updates, form_filling, annotations, other
    docmdp_ok: bool | None
    valid: bool
    changes: tuple[str, ...] = field(default=())
    detail: str = ""  # pyHanko's own account of a suspicious change, for the technically minded

    @property
    def ok(self) -> bool:
        return self.valid

    @property
    def changed(self) -> bool:
        """Changed after signing in a way the signature does not allow."""
        return self.modification == "other" or self.docmdp_ok is False

    def as_dict(self) -> dict:
        return {
            "field": self.field,
            "signer": self.signer,
            "signed_at": self.signed_at.isoformat() if self.signed_at else None,
            "timestamped": self.timestamped,
            "level": self.level,
            "intact": self.intact,
            "trusted": self.trusted,
            "modification": self.modification,
            "docmdp_ok": self.docmdp_ok,
            "valid": self.valid,
            "changed_after_signing": self.changed,
            "changes": list(self.changes),
        }


def _pages(root) -> list:
    """The page dictionaries of a revision, in order."""
    pages, stack = [], [root["/Pages"]]
    while stack:
        node = stack.pop(0)
        if node.get("/Type") == "/Pages" or "/Kids" in node:
            stack[0:0] = [kid.get_object() for kid in node["/Kids"]]
        else:
            pages.append(node)
    return pages


def _page_content(page) -> bytes:
    contents = page.get("/Contents")
    if contents is None:
        return b""
    contents = contents.get_object()
    if isinstance(contents, generic.ArrayObject):
        return b"".join(part.get_object().data for part in contents)
    return contents.data


def _annotations(page) -> int:
    """Annotations other than form widgets (signature fields are widgets, added by later signers)."""
    annots = page.get("/Annots")
    if annots is None:
        return 0
    return sum(1 for a in annots.get_object() if a.get_object().get("/Subtype") != "/Widget")


def _changes_after(reader: PdfFileReader, signed_revision: int) -> tuple[str, ...]:
    """What a reader would see changed between the signed revision and the file as it is."""
    before = _pages(reader.get_historical_root(signed_revision))
    after = _pages(reader.root)
    changes = []
    if len(before) != len(after):
        changes.append(
            _("the number of pages changed from %(before)d to %(after)d") % {"before": len(before), "after": len(after)}
        )
    for number, (old, new) in enumerate(zip(before, after, strict=False), start=1):
        if _page_content(old) != _page_content(new) or old.get("/Resources") != new.get("/Resources"):
            changes.append(_("page %(page)d: its content was changed") % {"page": number})
        added = _annotations(new) - _annotations(old)
        if added > 0:
            changes.append(
                ngettext(
                    "page %(page)d: %(count)d annotation added", "page %(page)d: %(count)d annotations added", added
                )
                % {"page": number, "count": added}
            )
        elif added < 0:
            changes.append(_("page %(page)d: annotations removed") % {"page": number})
    if not changes:
        changes.append(_("other changes to the document's structure"))
    return tuple(changes)


def _described_changes(reader: PdfFileReader, signed_revision: int) -> tuple[str, ...]:
    """`_changes_after`, but a file too odd to compare page by page keeps its verdict (changed)."""
    try:
        return _changes_after(reader, signed_revision)
    except Exception as exc:  # noqa: BLE001 - the verdict stands; only the description is lost
        log.warning("Changes after revision %s could not be described: %s", signed_revision, exc)
        return (_("other changes to the document's structure"),)


def _level(reader: PdfFileReader, embedded, status) -> str:
    if embedded.sig_object.get("/SubFilter") != PADES_SUBFILTER:
        return ""
    if status.timestamp_validity is None:
        return "B-B"
    try:
        dss = DocumentSecurityStore.read_dss(reader)
    except NoDSSFoundError:
        return "B-T"
    signer = status.signing_cert
    has_certificate = any(c.issuer_serial == signer.issuer_serial for c in dss.load_certs())
    return "B-LT" if has_certificate and (dss.crls or dss.ocsps) else "B-T"


def _check(reader: PdfFileReader, embedded) -> SignatureCheck:
    status = _run(async_validate_pdf_signature(embedded, _context(), ts_validation_context=_context()))
    timestamp = status.timestamp_validity
    level = status.modification_level
    changed = level == ModificationLevel.OTHER or status.docmdp_ok is False
    detail = ""
    if changed and isinstance(status.diff_result, Exception):
        detail = str(status.diff_result)
    return SignatureCheck(
        field=embedded.field_name,
        signer=status.signing_cert.subject.native.get("common_name", ""),
        signed_at=timestamp.timestamp if timestamp is not None else status.signer_reported_dt,
        timestamped=timestamp is not None and timestamp.valid and timestamp.intact,
        level=_level(reader, embedded, status),
        intact=bool(status.intact and status.valid),
        trusted=bool(status.trusted),
        modification=level.name.lower() if level is not None else "",
        docmdp_ok=status.docmdp_ok,
        valid=bool(status.bottom_line),
        changes=_described_changes(reader, embedded.signed_revision) if changed else (),
        detail=detail,
    )


class UnreadablePdf(ValueError):
    """The file cannot be read as a PDF, so nothing can be said of its signatures: not the same as
    a readable file without any (the document page says the file cannot be read)."""


def verify_pdf(data: bytes) -> list[SignatureCheck]:
    """Every signature in a PDF, checked by pyHanko: integrity, trust, time stamp, and what was
    changed after it (difference analysis and DocMDP). Raises UnreadablePdf for a file pyHanko
    cannot read."""
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded_signatures = reader.embedded_signatures
    except Exception as exc:
        raise UnreadablePdf(str(exc)) from exc
    checks = []
    for embedded in embedded_signatures:
        try:
            checks.append(_check(reader, embedded))
        except Exception as exc:  # noqa: BLE001 - a broken signature is reported, not raised
            log.warning("Signature %s could not be validated: %s", embedded.field_name, exc)
            checks.append(
                SignatureCheck(embedded.field_name, "?", None, False, "", False, False, "", None, False, (), str(exc))
            )
    return checks


def verify(version: DocumentVersion) -> list[SignatureCheck]:
    """Every signature in a PDF version (see verify_pdf)."""
    if version.file_format != FileFormat.PDF:
        return []
    with version.file.open("rb") as stored:
        return verify_pdf(stored.read())


def signature_summary(checks: list[SignatureCheck]) -> str:
    """One word for a file's signatures: "none", "valid" (all valid) or "invalid"."""
    if not checks:
        return "none"
    return "valid" if all(c.valid for c in checks) else "invalid"
