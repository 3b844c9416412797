"""Files (zaken) in the retention registry (core.retention_registry): `case_series` makes the
series of one procedure's closed files, which the app owning the procedure registers from its own
`retention.py` with its periods and their sources. The engine owns no procedure, so it registers
nothing itself.

A file's retention starts on the day it closed. A file the public has seen released is public
history and kept. Destroying a file removes it with what hangs off it (its history, notes, clock
periods and the procedure's own records, which cascade) and its documents that nothing else holds;
a row that protects the file (an issued licence, a refusal letter) stops its destruction, and the
archive reports why.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils import timezone

from chancery.core.models import AccessLevel, Document, ReleaseState
from chancery.core.retention import destroy_document, held_elsewhere
from chancery.core.retention_registry import Period, Series
from chancery.procedures import registry
from chancery.procedures.models import Case


def released_to_public(case: Case) -> bool:
    return case.access_level == AccessLevel.PUBLIC and case.release_state == ReleaseState.RELEASED


def closed_cases(code: str):
    def closed():
        procedure = registry.find(code)
        open_states = procedure.open_states if procedure is not None else ()
        return Case.objects.filter(procedure=code, closed_at__isnull=False).exclude(state__in=open_states)

    return closed


def destroy_case(case: Case) -> list[str]:
    """Remove the file and then its documents that nothing else holds; their stored files' names."""
    documents = list(Document.objects.filter(case_links__case=case).distinct())
    Case.objects.filter(pk=case.pk).delete()
    names: list[str] = []
    for document in documents:
        if not held_elsewhere(document):
            names += destroy_document(document)
    return names


def case_series(
    code: str, label, periods: tuple[Period, ...], *, public_history: Callable[[Case], bool] | None = None
) -> Series:
    """The series of procedure `code`'s closed files. `public_history`: what else the app keeps
    permanently (a file released to the public always is)."""

    def kept(case: Case) -> bool:
        return released_to_public(case) or bool(public_history and public_history(case))

    return Series(
        key=f"procedures.{code}",
        label=label,
        model="procedures.Case",
        periods=periods,
        closed=closed_cases(code),
        closed_on=lambda case: timezone.localdate(case.closed_at) if case.closed_at else None,
        identifier=lambda case: case.reference,
        public_history=kept,
        destroy=destroy_case,
    )
