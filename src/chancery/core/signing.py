"""Signing flows: a document signed in a fixed order, each signer adding a PAdES signature
(pyHanko) with their own certificate; every signature can be verified afterwards against the
trusted certificate authorities (settings.CHANCERY_SIGNING_TRUST_ROOTS)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import io
import logging
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
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


def _der(pem: str) -> bytes:
    from cryptography import x509

    return x509.load_pem_x509_certificate(pem.encode()).public_bytes(serialization.Encoding.DER)


def trust_roots() -> list[asn1_x509.Certificate]:
    roots = []
    for path in settings.CHANCERY_SIGNING_TRUST_ROOTS:
        text = Path(path).read_text()
        for block in text.split("-----END CERTIFICATE-----"):
            if "-----BEGIN CERTIFICATE-----" in block:
                roots.append(asn1_x509.Certificate.load(_der(block + "-----END CERTIFICATE-----\n")))
    return roots


def _context() -> ValidationContext:
    return ValidationContext(trust_roots=trust_roots(), allow_fetching=False)


def register_credential(user, certificate_pem: str, encrypted_key_pem: str) -> SigningCredential:
    credential, _created = SigningCredential.objects.update_or_create(
        user=user, defaults={"certificate_pem": certificate_pem, "encrypted_key_pem": encrypted_key_pem}
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


def _chains_to_trust(credential: SigningCredential) -> bool:
    """Does the certificate chain to a trusted authority and allow signing (non-repudiation)?"""
    certificate = asn1_x509.Certificate.load(_der(credential.certificate_pem))
    validator = CertificateValidator(certificate, validation_context=_context())
    try:
        _run(validator.async_validate_usage({"non_repudiation"}))
    except (PathError, CertificateValidationError) as exc:
        log.info("Signing certificate of %s refused: %s", credential.user, exc)
        return False
    return True


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
    if not _chains_to_trust(credential):
        raise ValidationError(
            _("Your signing certificate is not issued by a trusted authority; the signature is refused."),
            code="untrusted",
        )
    signer = signer_for(credential, passphrase)
    document = request.flow.document
    latest = document.latest_version
    with latest.file.open("rb") as stored:
        writer = IncrementalPdfFileWriter(io.BytesIO(stored.read()))
    metadata = signers.PdfSignatureMetadata(
        field_name=f"Handtekening{request.order}", reason=_("Signed as decided by the Government"), location="Brussel"
    )
    signed = _run(signers.async_sign_pdf(writer, metadata, signer=signer)).getvalue()
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
        after={"state": "signed", "version": version.number},
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
    field: str
    signer: str
    signed_at: object
    intact: bool
    trusted: bool
    covers_whole_document: bool

    @property
    def ok(self) -> bool:
        return self.intact and self.trusted


def verify(version: DocumentVersion) -> list[SignatureCheck]:
    """Every signature in a PDF version, checked for integrity and trust."""
    if version.file_format != FileFormat.PDF:
        return []
    with version.file.open("rb") as stored:
        reader = PdfFileReader(io.BytesIO(stored.read()), strict=False)
        context = _context()
        checks = []
        for embedded in reader.embedded_signatures:
            try:
                status = _run(async_validate_pdf_signature(embedded, context))
            except Exception as exc:  # noqa: BLE001 - a broken signature is reported, not raised
                log.warning("Signature %s could not be validated: %s", embedded.field_name, exc)
                checks.append(SignatureCheck(embedded.field_name, "?", None, False, False, False))
                continue
            checks.append(
                SignatureCheck(
                    field=embedded.field_name,
                    signer=status.signing_cert.subject.native.get("common_name", ""),
                    signed_at=status.signer_reported_dt,
                    intact=bool(status.intact and status.valid),
                    trusted=bool(status.trusted),
                    covers_whole_document=status.coverage.name in ("ENTIRE_FILE", "ENTIRE_REVISION"),
                )
            )
    return checks
