"""Helpers for tests (and the demo) of procedures: a strategic-goods application and moving a case."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from chancery.core import samples
from chancery.core.models import User
from chancery.core.testing import make_user
from chancery.procedures.models import Representation
from chancery.procedures.services import cases as engine
from chancery.procedures.services import parties, work
from chancery.strategic_goods.procedure import END_USER_CERTIFICATE

PARTY = {
    "kind": "organisation",
    "name": "Precisie Optiek NV",
    "registration_number": "0123.456.749",
    "country": "BE",
    "address": "Havenlaan 1, 2000 Antwerpen",
    "email": "export@precisie.example",
}
# A second company, of the tests' second applicant.
OTHER_PARTY = {
    "kind": "organisation",
    "name": "Andere Onderneming BV",
    "registration_number": "0203.040.596",
    "country": "BE",
    "address": "Kaai 2, 9000 Gent",
    "email": "",
}
APPLICATION = {
    "kind": "dual_use_export",
    "licence_form": "individual",
    "goods_family": "dual_use",
    "consignee_name": "Northern Inspection Ltd.",
    "consignee_country": "CA",
    "end_user_name": "Northern Inspection Ltd.",
    "end_user_country": "CA",
    "end_use": "Inspectie van pijpleidingen",
    "destination_country": "CA",
    "transit_countries": [],
    "goods_lines": [
        {
            "description": "Warmtebeeldcamera's voor industriële inspectie",
            "control_list_code": "6A003",
            "quantity": 12,
            "value_eur": "84000.00",
        }
    ],
}
DATA = {"application": APPLICATION}


def represent(user, granted_by, party: dict | None = None) -> Representation:
    """`user` may act for the tests' company (or `party`) at the counter, registered by `granted_by`
    (someone of the service or the secretariat) through the service. Idempotent."""
    company = parties.find_or_create_party(party or PARTY)
    existing = Representation.objects.in_force().filter(user=user, party=company).first()
    return existing or parties.grant(granted_by, user=user, party=company, basis="granted")


def second_person(handler) -> User:
    """Another civil servant of the handler's team, who proposes the decisions the handler takes
    (four eyes: who proposed a licence decision does not take it)."""
    username = f"{handler.username}-voorstel"
    return User.objects.filter(username=username).first() or make_user(username, handler.role, handler.entity)


def propose(case, handler, name: str = "propose_department_decision"):
    """The proposal of a decision (or the referral to the minister), by the handler's colleague."""
    return engine.fire(case, name, second_person(handler), expected_version=case.version)


def application_data(**changes) -> dict:
    """The case data of an application with some fields changed (goods_lines replaces the lines)."""
    return {"application": {**APPLICATION, **changes}}


def assess(case, handler, *, negative: tuple[int, ...] = (), note: bool = True) -> None:
    """Record the handler's assessment: an internal note and a finding on each of the eight
    criteria (negative on those named, no concern on the others)."""
    from chancery.procedures.services import work as case_work
    from chancery.strategic_goods.services.assessment import record_finding

    if note:
        case_work.add_note(handler, case, "Beoordeling: criteria 1 tot 8 nagegaan.", internal=True)
    for number in range(1, 9):
        finding = "negative" if number in negative else "no_concern"
        record_finding(handler, case, number, finding, f"Criterium {number}: nagegaan.")


def pdf(name: str = "eindgebruikersverklaring.pdf", text: str = "End-user certificate, signed") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, samples.make_pdf(text), content_type="application/pdf")


def docx(name: str = "verklaring.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, samples.make_docx("End-user certificate"), content_type="application/octet-stream")


def apply_for_licence(
    applicant, *, title: str = "Uitvoer warmtebeeldcamera's", certificate=True, party=None, now=None, data=None
):
    """A submitted strategic-goods application of `applicant`, with a signed end-user certificate
    (a PDF) unless `certificate` is False (or another upload)."""
    documents = []
    if certificate is True:
        documents.append((END_USER_CERTIFICATE, pdf(), "Eindgebruikersverklaring"))
    elif certificate:
        documents.append((END_USER_CERTIFICATE, certificate, "Eindgebruikersverklaring"))
    return work.apply(applicant, "CSG", party=party or PARTY, title=title, data=data or dict(DATA), documents=documents)
