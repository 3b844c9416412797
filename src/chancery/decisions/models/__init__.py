"""Government decision-making: meetings (zittingen), agenda versions, items, dossiers and steps.

Each agenda version holds its own copy of its items, linked to the previous copy (`previous`) and
sharing a `lineage` id across versions, as Kaleidos does (reference/kaleidos.md §2): an approved
version is frozen exactly as it was, and any two versions can be compared item by item.

One module per part, re-exported here: `from chancery.decisions.models import Meeting`.
"""

from chancery.decisions.models.dossiers import Dossier, ProcedureStep, StepKind, Theme
from chancery.decisions.models.imports import ImportedRecord, ImportKind, ImportSource
from chancery.decisions.models.items import (
    KIND_ORDER,
    AgendaItem,
    DocumentCounter,
    FormalCheck,
    ItemDocument,
    ItemKind,
)
from chancery.decisions.models.meetings import Agenda, AgendaStatus, Meeting, MeetingKind, MeetingState, letter_for
from chancery.decisions.models.outcomes import Decision, DecisionResult, Minutes, PressSummary
from chancery.decisions.models.publications import Publication, PublicationEvent, PublicationStep, RegulationType
from chancery.decisions.models.releases import Release
from chancery.decisions.models.submissions import Submission, SubmissionState

__all__ = [
    "KIND_ORDER",
    "Agenda",
    "AgendaItem",
    "AgendaStatus",
    "Decision",
    "DecisionResult",
    "DocumentCounter",
    "Dossier",
    "FormalCheck",
    "ImportKind",
    "ImportSource",
    "ImportedRecord",
    "ItemDocument",
    "ItemKind",
    "Meeting",
    "MeetingKind",
    "MeetingState",
    "Minutes",
    "PressSummary",
    "ProcedureStep",
    "Publication",
    "PublicationEvent",
    "PublicationStep",
    "RegulationType",
    "Release",
    "StepKind",
    "Submission",
    "SubmissionState",
    "Theme",
    "letter_for",
]
