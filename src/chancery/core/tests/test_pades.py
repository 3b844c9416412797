# ruff: noqa: F811 - the fixtures of test_signing, imported by name
"""PAdES baseline signatures (issue 13): B-T with a time stamp, B-LT with validation data in the
DSS, checked by pyHanko and by an independent validator (poppler's pdfsig); a document changed
after signing is reported as changed, with what changed; flows can be cancelled; signers are
enrolled through the admin or a command."""

import io
import json
import shutil
import subprocess

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.stamp import TextStamp, TextStampStyle

from chancery.core import services, signing
from chancery.core.models import AuditEntry, FlowState, RequestState, SigningCredential
from chancery.core.pki import create_authority
from chancery.core.testing import upload

from .test_signing import PASS, authority, decision, signers_  # noqa: F401 - fixtures

PDFSIG = shutil.which("pdfsig")


def signed_by_both(org, signers_, decision):
    first, second = signers_
    flow = signing.start_flow(org.users["secretariat"], decision, [first, second])
    signing.sign(first, flow.requests.get(order=1), PASS)
    return signing.sign(second, flow.requests.get(order=2), PASS)


def stamp_on_page_one(pdf: bytes, text: str = "NIET GOEDGEKEURD") -> bytes:
    """What the security probe did: an unsigned incremental update writing on page 1."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    TextStamp(writer, TextStampStyle(stamp_text=text, border_width=0)).apply(0, 50, 50)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdfsig(data: bytes, tmp_path) -> str:
    if PDFSIG is None:
        pytest.fail("pdfsig not found: `make test` installs it (apt-get install poppler-utils).")
    path = tmp_path / "checked.pdf"
    path.write_bytes(data)
    # -nocert: pdfsig trusts only its NSS database; trust is pyHanko's part, pdfsig checks the
    # signature format and the signed bytes independently.
    return subprocess.run([PDFSIG, "-nocert", str(path)], capture_output=True, text=True, check=False).stdout


def test_signatures_are_pades_b_lt_with_a_time_stamp(org, signers_, decision, tmp_path):
    version = signed_by_both(org, signers_, decision)
    checks = signing.verify(version)
    assert [(c.signer, c.valid, c.level, c.timestamped, c.changed) for c in checks] == [
        ("Anna Aerts", True, "B-LT", True, False),
        ("Bram Bosmans", True, "B-LT", True, False),
    ]
    assert all(c.signed_at is not None for c in checks)
    # The first signature certifies the document (DocMDP): only further signatures allowed after it.
    data = version.file.open("rb").read()
    first = PdfFileReader(io.BytesIO(data)).embedded_signatures[0]
    assert first.docmdp_level is not None
    report = pdfsig(data, tmp_path)
    assert report.count("Signature Type: ETSI.CAdES.detached") == 2, report
    assert report.count("Signature Validation: Signature is Valid.") == 2, report
    assert "Anna Aerts" in report and "Bram Bosmans" in report


def test_without_a_time_stamp_authority_the_signature_is_b_b_and_says_so(
    client,
    org,
    signers_,
    decision,
    settings,
):
    settings.CHANCERY_SIGNING_LOCAL_TSA = ""
    first, _second = signers_
    flow = signing.start_flow(org.users["secretariat"], decision, [first])
    client.force_login(first)
    response = client.post(reverse("signing_act", args=[flow.requests.get().pk]), {"passphrase": PASS}, follow=True)
    assert "PAdES B-B" in response.content.decode()
    [check] = signing.verify(decision.latest_version)
    assert (check.valid, check.level, check.timestamped) == (True, "B-B", False)
    entry = AuditEntry.objects.filter(action="state_change").latest("at")
    assert entry.after["level"] == "B-B"


def test_a_document_changed_after_signing_is_shown_as_changed(client, org, signers_, decision, tmp_path):
    signed = signed_by_both(org, signers_, decision).file.open("rb").read()
    tampered = services.add_version(
        org.users["secretariat"],
        decision,
        upload("gewijzigd.pdf", stamp_on_page_one(signed), "application/pdf"),
        reason="x",
    )
    checks = signing.verify(tampered)
    assert [(c.intact, c.trusted, c.valid, c.changed) for c in checks] == [(True, True, False, True)] * 2
    assert [c.changes for c in checks] == [("pagina 1: de inhoud werd gewijzigd",)] * 2
    assert checks[0].modification == "other"
    # pdfsig alone sees the bytes each signature covers still intact: the verdict must come from
    # the difference analysis, not from the signed bytes.
    assert pdfsig(tampered.file.open("rb").read(), tmp_path).count("Signature is Valid.") == 2

    client.force_login(org.users["secretariat"])
    html = client.get(decision.get_absolute_url()).content.decode()
    assert "geldig en vertrouwd" not in html
    assert html.count("GEWIJZIGD na ondertekening") == 2
    assert "pagina 1: de inhoud werd gewijzigd" in html

    path = tmp_path / "tampered.pdf"
    path.write_bytes(tampered.file.open("rb").read())
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("verify-signatures", str(path), "--json", stdout=out, stderr=io.StringIO())
    assert exit_.value.code == 1
    report = json.loads(out.getvalue())
    assert [r["changed_after_signing"] for r in report] == [True, True]


def test_a_valid_document_page_shows_level_and_time_stamp(client, org, signers_, decision):
    signed_by_both(org, signers_, decision)
    client.force_login(org.users["secretariat"])
    html = client.get(decision.get_absolute_url()).content.decode()
    assert html.count("geldig en vertrouwd") == 2
    assert html.count("PAdES B-LT") == 2 and "tijdstempel" in html


def test_the_secretariat_cancels_a_flow(client, org, signers_, decision):
    first, second = signers_
    secretariat = org.users["secretariat"]
    flow = signing.start_flow(secretariat, decision, [first, second])
    signing.sign(first, flow.requests.get(order=1), PASS)
    with pytest.raises(PermissionDenied):
        signing.cancel(first, flow, "Ik wil niet meer")
    with pytest.raises(ValidationError):
        signing.cancel(secretariat, flow, "  ")
    client.force_login(secretariat)
    client.post(reverse("signing_cancel", args=[flow.pk]), {"reason": "Verkeerde versie van de beslissing"})
    flow.refresh_from_db()
    assert flow.state == FlowState.CANCELLED and flow.cancellation_reason == "Verkeerde versie van de beslissing"
    assert [r.state for r in flow.requests.order_by("order")] == [RequestState.SIGNED, RequestState.CANCELLED]
    assert signing.inbox(second) == []
    assert decision.versions.count() == 2  # the signature already placed stays
    entry = AuditEntry.objects.get(action="state_change", object_id=str(flow.pk), after__state="cancelled")
    assert entry.reason == "Verkeerde versie van de beslissing" and entry.actor == secretariat
    with pytest.raises(ValidationError):
        signing.cancel(secretariat, flow, "nogmaals")
    # A new flow may start once the old one is cancelled.
    signing.start_flow(secretariat, decision, [second])


def test_signers_are_enrolled_by_command(org, authority, tmp_path):
    civil_servant, admin = org.users["civil_servant"], org.users["admin"]
    certificate, key = authority.issue("Cas Claes", PASS)
    (tmp_path / "cert.pem").write_text(certificate)
    (tmp_path / "key.pem").write_text(key)
    (tmp_path / "pass").write_text("fout\n")
    arguments = [
        civil_servant.username,
        "--certificate",
        str(tmp_path / "cert.pem"),
        "--key",
        str(tmp_path / "key.pem"),
    ]
    with pytest.raises(SystemExit):
        call_command("enrol-signer", *arguments, "--by", admin.username, "--passphrase-file",
                     str(tmp_path / "pass"), stdout=io.StringIO(), stderr=io.StringIO())  # fmt: skip
    assert not SigningCredential.objects.filter(user=civil_servant).exists()
    (tmp_path / "pass").write_text(PASS + "\n")
    with pytest.raises(PermissionDenied):
        call_command("enrol-signer", *arguments, "--by", org.users["secretariat"].username, "--passphrase-file",
                     str(tmp_path / "pass"), stdout=io.StringIO())  # fmt: skip
    call_command("enrol-signer", *arguments, "--by", admin.username, "--passphrase-file", str(tmp_path / "pass"),
                 stdout=io.StringIO())  # fmt: skip
    credential = SigningCredential.objects.get(user=civil_servant)
    entry = AuditEntry.objects.get(object_id=str(credential.pk), action="create")
    assert entry.source == "command" and entry.actor == admin and "Cas Claes" in entry.after["subject"]


@pytest.mark.parametrize(
    "problem, message",
    [
        ("rogue", "vertrouwde"),
        ("unencrypted", "versleuteld"),
        ("mismatch", "hoort niet bij"),
        ("passphrase", "wachtzin"),
    ],
)
def test_enrolment_refuses_what_cannot_sign(org, authority, problem, message):
    certificate, key = authority.issue("Cas Claes", PASS)
    passphrase = PASS
    if problem == "rogue":
        certificate, key = create_authority("Rogue CA").issue("Cas Claes", PASS)
    elif problem == "unencrypted":
        from cryptography.hazmat.primitives import serialization

        key = (
            serialization.load_pem_private_key(key.encode(), PASS.encode())
            .private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
            .decode()
        )
    elif problem == "mismatch":
        _other_certificate, key = authority.issue("Iemand anders", PASS)
    else:
        passphrase = "fout"
    with pytest.raises(ValidationError, match=message):
        signing.enrol(org.users["admin"], org.users["civil_servant"], certificate, key, passphrase)
    assert not SigningCredential.objects.exists()


def test_signers_are_enrolled_in_the_admin(client, org, authority):
    certificate, key = authority.issue("Cas Claes", PASS)
    client.force_login(org.users["admin"])
    url = reverse("admin:core_signingcredential_add")
    form = {"user": org.users["civil_servant"].pk, "certificate_pem": certificate, "encrypted_key_pem": key}
    response = client.post(url, {**form, "passphrase": "fout"})
    assert response.status_code == 200 and "wachtzin" in response.content.decode()
    assert not SigningCredential.objects.exists()
    response = client.post(url, {**form, "passphrase": PASS})
    assert response.status_code == 302
    credential = SigningCredential.objects.get(user=org.users["civil_servant"])
    assert AuditEntry.objects.get(object_id=str(credential.pk), action="create").source == "admin"


def test_signing_offline_leaves_the_console_to_what_an_operator_needs(org, signers_, decision, caplog):
    """The demo's signatures printed pyHanko's notice that revocation data is embedded without
    fetching over a hundred times: outside production that is the configuration, not news."""
    import logging

    caplog.set_level(logging.WARNING)
    signed_by_both(org, signers_, decision)
    assert [r.getMessage() for r in caplog.records if "fetching is not allowed" in r.getMessage()] == []
    logging.getLogger("pyhanko.sign.signers.pdf_signer").warning("another pyHanko warning")
    assert "another pyHanko warning" in caplog.text
