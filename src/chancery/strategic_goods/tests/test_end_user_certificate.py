"""Issue 13 (low): the "signed" end-user certificate may be any PDF; the case page says whether it
carries a digital signature and whether that holds (valid, invalid, none)."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.stamp import TextStamp, TextStampStyle

from chancery.core import samples, signing
from chancery.core.models import SigningCredential
from chancery.core.testing import signing_authority
from chancery.procedures.testing import apply_for_licence
from chancery.strategic_goods.services.certificates import end_user_certificates

PASS = "eindgebruiker-123"


def signed_certificate(authority, *, tampered=False) -> SimpleUploadedFile:
    certificate, key = authority.issue("End User Ltd", PASS)
    credential = SigningCredential(certificate_pem=certificate, encrypted_key_pem=key)
    pdf = signing.pades_sign(
        samples.make_pdf("End-user certificate, signed"),
        signing.signer_for(credential, PASS),
        field_name="EndUser",
        reason="End-user statement",
    )
    if tampered:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
        TextStamp(writer, TextStampStyle(stamp_text="10 000 units", border_width=0)).apply(0, 50, 50)
        out = io.BytesIO()
        writer.write(out)
        pdf = out.getvalue()
    return SimpleUploadedFile("eindgebruikersverklaring.pdf", pdf, content_type="application/pdf")


def test_the_case_page_says_whether_the_certificate_is_signed(client, applicant, handler, settings, tmp_path):
    authority = signing_authority(tmp_path, settings)
    unsigned = apply_for_licence(applicant)
    valid = apply_for_licence(applicant, certificate=signed_certificate(authority))
    invalid = apply_for_licence(applicant, certificate=signed_certificate(authority, tampered=True))
    assert [[c.status for c in end_user_certificates(case)] for case in (unsigned, valid, invalid)] == [
        ["none"],
        ["valid"],
        ["invalid"],
    ]
    client.force_login(handler)
    assert "geen digitale handtekening" in client.get(unsigned.get_absolute_url()).content.decode()
    page = client.get(valid.get_absolute_url()).content.decode()
    assert "digitaal ondertekend, handtekening geldig" in page and "End User Ltd" in page
    page = client.get(invalid.get_absolute_url()).content.decode()
    assert "handtekening is NIET geldig" in page and "GEWIJZIGD na ondertekening" in page
    # The applicant sees it on the counter too.
    client.force_login(applicant)
    counter_page = client.get(reverse("counter:case", args=[invalid.reference])).content.decode()
    assert "handtekening is NIET geldig" in counter_page
