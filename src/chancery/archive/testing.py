"""Test helpers of the archive: archivists, closed files with documents (made as rows, the way a
file ends up after its procedure: the engine's own tests cover how it gets there)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from chancery.core.models import AccessLevel, Document, ReleaseState, Role
from chancery.core.services import create_document
from chancery.core.testing import make_user, pdf_upload
from chancery.procedures.models import Case, CaseDocument, Party, PartyKind


def archivist(username: str = "t-archivaris"):
    return make_user(username, Role.ARCHIVIST)


def at_noon(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def closed_case(
    reference: str, closed_on: datetime.date, *, procedure: str = "CSG", state: str = "refused",
    access_level: str = AccessLevel.INTERNAL_GOVERNMENT, released: bool = False,
) -> Case:  # fmt: skip
    party = Party.objects.create(kind=PartyKind.ORGANISATION, name=f"Firma {reference}")
    return Case.objects.create(
        reference=reference, procedure=procedure, state=state, title=f"Geheim onderwerp {reference}",
        applicant=party, created_at=at_noon(closed_on) - datetime.timedelta(days=60), closed_at=at_noon(closed_on),
        access_level=access_level, release_state=ReleaseState.RELEASED if released else ReleaseState.PLANNED,
    )  # fmt: skip


def add_document(case: Case, author, *, title: str = "Vertrouwelijke nota", upload=None) -> Document:
    document = create_document(author, title=title, upload=upload or pdf_upload(text=f"Inhoud van {case.reference}"))
    CaseDocument.objects.create(case=case, document=document, kind="annex", added_by=author)
    return document
