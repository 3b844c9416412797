"""PAdES signing flows with the tests' own certificate authority."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from chancery.core import samples, services, signing
from chancery.core.models import DocumentVersion, FlowState, RequestState
from chancery.core.pki import create_authority
from chancery.core.testing import pdf_upload, signing_authority, upload

PASS = "mijn-handtekening-42"


@pytest.fixture
def authority(tmp_path, settings):
    return signing_authority(tmp_path, settings)


@pytest.fixture
def signers_(org, authority):
    minister_president, minister = org.users["minister_concerned"], org.users["minister_other"]
    for user, name in ((minister_president, "Anna Aerts"), (minister, "Bram Bosmans")):
        signing.register_credential(user, *authority.issue(name, PASS))
    return minister_president, minister


@pytest.fixture
def decision(org):
    return services.create_document(
        org.users["secretariat"], title="Beslissing", kind="decision", access_level="internal_council",
        upload=pdf_upload("beslissing.pdf", "De Vlaamse Regering beslist."),
    )  # fmt: skip


def test_ordered_signatures_are_added_and_verified(org, signers_, decision):
    first, second = signers_
    flow = signing.start_flow(org.users["secretariat"], decision, [first, second])
    request_1, request_2 = flow.requests.order_by("order")
    assert signing.inbox(second) == []  # not their turn yet
    with pytest.raises(ValidationError, match="volgorde"):
        signing.sign(second, request_2, PASS)
    with pytest.raises(PermissionDenied):
        signing.sign(second, request_1, PASS)
    with pytest.raises(ValidationError):
        signing.sign(first, request_1, "verkeerd")
    assert decision.versions.count() == 1

    signing.sign(first, request_1, PASS)
    assert signing.inbox(second) == [request_2]
    version = signing.sign(second, request_2, PASS)
    flow.refresh_from_db()
    assert flow.state == FlowState.COMPLETED and version.number == 3
    checks = signing.verify(version)
    assert [(c.signer, c.intact, c.trusted) for c in checks] == [
        ("Anna Aerts", True, True),
        ("Bram Bosmans", True, True),
    ]
    # The first signed version carries one signature; the original none.
    assert len(signing.verify(DocumentVersion.objects.get(document=decision, number=2))) == 1
    assert signing.verify(DocumentVersion.objects.get(document=decision, number=1)) == []


def test_a_certificate_from_another_authority_is_refused(org, signers_, decision):
    rogue = create_authority("Rogue CA")
    intruder = org.users["cabinet_other"]
    signing.register_credential(intruder, *rogue.issue("Iemand anders", PASS))
    flow = signing.start_flow(org.users["secretariat"], decision, [intruder])
    with pytest.raises(ValidationError, match="vertrouwde"):
        signing.sign(intruder, flow.requests.get(), PASS)
    assert decision.versions.count() == 1
    assert flow.requests.get().state == RequestState.PENDING


def test_refusal_stops_the_flow(org, signers_, decision):
    first, second = signers_
    flow = signing.start_flow(org.users["secretariat"], decision, [first, second])
    with pytest.raises(ValidationError):
        signing.refuse(first, flow.requests.get(order=1), " ")
    signing.refuse(first, flow.requests.get(order=1), "Tekst klopt niet met de beslissing")
    flow.refresh_from_db()
    assert flow.state == FlowState.REFUSED
    with pytest.raises(ValidationError):
        signing.sign(second, flow.requests.get(order=2), PASS)


def test_flows_only_on_pdfs_with_registered_signers(org, signers_, decision):
    secretariat = org.users["secretariat"]
    docx = services.create_document(secretariat, title="Word", upload=upload("nota.docx", samples.make_docx("x")))
    with pytest.raises(ValidationError, match="PDF"):
        signing.start_flow(secretariat, docx, [signers_[0]])
    with pytest.raises(ValidationError, match="certificaat"):
        signing.start_flow(secretariat, decision, [org.users["civil_servant"]])
    with pytest.raises(PermissionDenied):
        signing.start_flow(org.users["minister_concerned"], decision, [signers_[0]])
    signing.start_flow(secretariat, decision, [signers_[0]])
    with pytest.raises(ValidationError, match="al ondertekend"):
        signing.start_flow(secretariat, decision, [signers_[1]])


def test_a_tampered_signed_file_fails_verification(org, signers_, decision):
    first, _second = signers_
    flow = signing.start_flow(org.users["secretariat"], decision, [first])
    signed = signing.sign(first, flow.requests.get(), PASS).file.open("rb").read()
    tampered = signed.replace(b"De Vlaamse Regering beslist.", b"De Vlaamse Regering weigert.")
    assert tampered != signed
    copy = services.create_document(
        org.users["secretariat"], title="Vervalst", upload=SimpleUploadedFile("vervalst.pdf", tampered)
    )
    [check] = signing.verify(copy.latest_version)
    assert not check.ok
