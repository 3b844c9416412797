"""Helpers for tests (and the demo) of procedures: a strategic-goods application and moving a case."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from chancery.core import samples
from chancery.procedures.definitions.strategic_goods import END_USER_CERTIFICATE
from chancery.procedures.services import work

PARTY = {
    "kind": "organisation",
    "name": "Precisie Optiek NV",
    "registration_number": "0123.456.749",
    "country": "BE",
    "address": "Havenlaan 1, 2000 Antwerpen",
    "email": "export@precisie.example",
}
DATA = {
    "licence_type": "individual_export",
    "goods_family": "dual_use",
    "control_list_code": "6A003",
    "goods_description": "Warmtebeeldcamera's voor industriële inspectie",
    "quantity": 12,
    "value_eur": "84000.00",
    "destination_country": "CA",
    "consignee": "Northern Inspection Ltd.",
    "end_user": "Northern Inspection Ltd.",
    "end_use": "Inspectie van pijpleidingen",
}


def pdf(name: str = "eindgebruikersverklaring.pdf", text: str = "End-user certificate, signed") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, samples.make_pdf(text), content_type="application/pdf")


def docx(name: str = "verklaring.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, samples.make_docx("End-user certificate"), content_type="application/octet-stream")


def apply_for_licence(applicant, *, title: str = "Uitvoer warmtebeeldcamera's", certificate=True, party=None, now=None):
    """A submitted strategic-goods application of `applicant`, with a signed end-user certificate
    (a PDF) unless `certificate` is False (or another upload)."""
    documents = []
    if certificate is True:
        documents.append((END_USER_CERTIFICATE, pdf(), "Eindgebruikersverklaring"))
    elif certificate:
        documents.append((END_USER_CERTIFICATE, certificate, "Eindgebruikersverklaring"))
    return work.apply(applicant, "CSG", party=party or PARTY, title=title, data=dict(DATA), documents=documents)
