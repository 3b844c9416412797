"""Core's retention series (core.retention_registry): documents by their kind, and the one way a
document is destroyed (`destroy_document`), which the other series use for the documents they hold.

A document counts here only when it belongs to nothing else: one on a file, an agenda item, a
signing flow, a report … is kept as long as what holds it (its own series decides). Such a free
document's retention starts at its last change.

The periods: the Archiefdecreet of 9 July 2010 obliges each government body to keep its records
and to destroy only what an approved selection list (selectielijst) allows; the Flemish
Government's own decisions and their minutes are kept permanently. This project has not read the
selection list that applies to these document types, so every period below is marked "te
verifiëren" (`verified=False`) until someone enters it from the list, with its source.
"""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.utils import timezone

from chancery.core.models import AccessLevel, Document, DocumentKind, DocumentVersion, ReleaseState, Rendition
from chancery.core.retention_registry import Period, Series, register

ARCHIVE_DECREE = "Archiefdecreet van 9 juli 2010 (BS 24 augustus 2010)"
SELECTION_LIST = ARCHIVE_DECREE + ", art. 8 en 9 (vernietiging alleen volgens een goedgekeurde selectielijst)"
DECREE_IN_FORCE = datetime.date(2010, 9, 3)
# A file series' period until someone reads the selection list that applies to it.
FILE_SERIES_SOURCE = ARCHIVE_DECREE + ", art. 8 en 9; selectielijst van de bevoegde dienst (termijn te verifiëren)"


def unverified_years(years: int) -> Period:
    """The period of a series of closed files, in years from closing, marked te verifiëren."""
    return Period(years, FILE_SERIES_SOURCE, DECREE_IN_FORCE, verified=False)


# Years after the last change, per kind; None: kept permanently. All te verifiëren (see above).
YEARS = {
    DocumentKind.NOTE: 10,
    DocumentKind.ANNOUNCEMENT: 10,
    DocumentKind.ADVICE: 10,
    DocumentKind.DECISION: None,
    DocumentKind.DRAFT_DECREE: 10,
    DocumentKind.EXPLANATORY_MEMORANDUM: 10,
    DocumentKind.REPORT: 10,
    DocumentKind.DECISION_SHEET: None,
    DocumentKind.MINUTES: None,
    DocumentKind.ANNEX: 10,
    DocumentKind.LETTER: 10,
    DocumentKind.OTHER: 5,
}


def _other_holders():
    """The relations through which something else holds a document (not its own versions)."""
    return [rel for rel in Document._meta.related_objects if rel.related_model is not DocumentVersion]


def held_elsewhere(document: Document) -> bool:
    """Whether a row other than the document's own versions refers to it (a file's link, an agenda
    item, a signing flow, a report, a submission …)."""
    for rel in _other_holders():
        if rel.related_model._base_manager.filter(**{rel.field.name: document.pk}).exists():
            return True
    return False


def free_documents():
    """Documents that belong to nothing else, in SQL."""
    condition = Q()
    for rel in _other_holders():
        held = rel.related_model._base_manager.filter(**{f"{rel.field.name}__isnull": False})
        condition &= ~Q(pk__in=held.values(rel.field.name))
    return Document.objects.filter(condition)


def is_public_history(document: Document) -> bool:
    """Released to the public: the public has seen it, it is kept."""
    return document.access_level == AccessLevel.PUBLIC and document.release_state == ReleaseState.RELEASED


def destroy_document(document: Document) -> list[str]:
    """Remove a document, its versions and their renditions (its search entries go with it); the
    stored files' names come back (the caller removes those no other row uses). A row that still
    holds the document (ProtectedError) stops it: the caller's transaction undoes everything."""
    versions = DocumentVersion.objects.filter(document=document)
    renditions = Rendition.objects.filter(version__document=document)
    names = [name for name in renditions.values_list("file", flat=True) if name]
    names += list(versions.values_list("file", flat=True))
    renditions.delete()
    versions.delete()  # the queryset's delete: a version refuses its own delete() everywhere else
    Document.objects.filter(pk=document.pk).delete()
    return names


def _series(kind: DocumentKind, years: int | None) -> Series:
    return Series(
        key=f"core.document.{kind.value}",
        label=kind.label,
        model="core.Document",
        periods=(Period(years, SELECTION_LIST, DECREE_IN_FORCE, verified=False),),
        closed=lambda: free_documents().filter(kind=kind),
        closed_on=lambda document: timezone.localdate(document.updated_at),
        identifier=lambda document: str(document.uuid),
        public_history=is_public_history,
        destroy=destroy_document,
    )


SERIES = [register(_series(kind, years)) for kind, years in YEARS.items()]
