"""Who reads decision-making's models (the access registry, core.visibility). Items, dossiers,
steps, submissions and documents carry their own confidentiality (core.models.access); what hangs
off an item or a document follows it; meetings, agendas, releases and publications are the
administration's, and reach anyone else only through what of them has been released."""

from __future__ import annotations

from chancery.core import visibility
from chancery.core.authz import may
from chancery.core.models.access import visibility_rule
from chancery.core.visibility import Condition, Follows, follows
from chancery.decisions.models import (
    Agenda,
    AgendaItem,
    Decision,
    DocumentCounter,
    Dossier,
    ImportedRecord,
    ItemDocument,
    Meeting,
    Minutes,
    PressSummary,
    ProcedureStep,
    Publication,
    PublicationEvent,
    PublicationStep,
    Release,
    Submission,
    Theme,
)


def _back_office(user) -> bool:
    return may(user, "decisions.read_back_office")


def meetings(user) -> visibility.Rule:
    """The administration reads every meeting; anyone else a meeting of which they may see a
    decided item of the final agenda (so an embargoed meeting does not exist for them)."""
    if _back_office(user):
        return visibility.EVERYTHING
    decided = AgendaItem.objects.visible_to(user).filter(
        agenda__is_final=True, carried_over=False, decisions__isnull=False
    )
    return ((Condition("pk", decided.values("agenda__meeting")),),)


def agendas(user) -> visibility.Rule:
    if _back_office(user):
        return visibility.EVERYTHING
    return ((Follows("meeting"), Condition("is_final", (True,))),)


def releases(user) -> visibility.Rule:
    if _back_office(user):
        return visibility.EVERYTHING
    return ((Follows("meeting"), Condition("state", ("released",))),)


def publications(user) -> visibility.Rule:
    """Publications of decisions the reader may see; outsiders only once published (with NUMAC and
    ELI), the internal steps are the administration's."""
    if _back_office(user):
        return ((Follows("decision_item"),),)
    return ((Follows("decision_item"), Condition("step", (PublicationStep.PUBLISHED,))),)


def register() -> None:
    for model in (AgendaItem, Dossier, ProcedureStep, Submission):
        visibility.register(model, visibility_rule)
    visibility.register(Meeting, meetings)
    visibility.register(Agenda, agendas)
    visibility.register(Release, releases)
    visibility.register(Decision, follows("item"))
    visibility.register(PressSummary, follows("item"))
    # A document's link to an item tells both: the reader must see the item and the document.
    visibility.register(ItemDocument, lambda user: ((Follows("item"), Follows("document")),))
    visibility.register(Minutes, follows("document"))
    visibility.register(Publication, publications)
    visibility.register(PublicationEvent, follows("publication"))
    visibility.register(Theme, visibility.everyone)
    # Provenance of an import: read as its meeting is (imported meetings are released public history).
    visibility.register(ImportedRecord, follows("meeting"))
    visibility.exempt(DocumentCounter, "the yearly document numbering counter")
