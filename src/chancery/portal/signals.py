"""Index what is decided, summarised or documented, in the transaction that changes it."""

from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from chancery.core.background import defer
from chancery.core.models import Document, DocumentVersion
from chancery.decisions.models import (
    Agenda,
    AgendaItem,
    Decision,
    Dossier,
    ItemDocument,
    Meeting,
    PressSummary,
    ProcedureStep,
)
from chancery.decisions.signals import decision_corrected, release_performed
from chancery.portal import opendata
from chancery.portal.models import SearchEntry
from chancery.portal.search import index
from chancery.portal.search.tantivy_index.indexer import mark_stale


@receiver(post_save, sender=Decision)
def decision_saved(sender, instance, **kwargs):
    index.index_item(instance.item)


@receiver(post_save, sender=PressSummary)
def press_summary_saved(sender, instance, **kwargs):
    index.index_item(instance.item)


# Every document is found by whoever may see it, from its creation on: by its title at once, by the
# words of its file once the background extraction has saved them (a version's save). Its entry
# also follows the item it is on (meeting, date, ministers, dossier): putting it on an item, and the
# agenda that becomes final, write it again.
@receiver(post_save, sender=Document)
def document_saved(sender, instance, **kwargs):
    entry = index.index_document(instance)
    mark_stale([entry.pk])  # its level or release state may have changed: inputs of the index's rule


@receiver(post_save, sender=DocumentVersion)
def version_saved(sender, instance, **kwargs):
    index.index_document(instance.document)


@receiver(post_save, sender=ItemDocument)
def item_document_saved(sender, instance, **kwargs):
    index.index_document(instance.document)


@receiver(post_save, sender=Agenda)
def agenda_saved(sender, instance, **kwargs):
    if instance.is_final:
        for document in Document.objects.filter(agenda_links__item__agenda=instance).distinct():
            index.index_document(document)


@receiver(release_performed)
@receiver(decision_corrected)
def rebuild_dumps(sender, **kwargs):
    # In the background: a release should not wait for files to be written.
    defer(opendata.rebuild_open_data)


# What the index holds of an entry follows its item or document (access, release, named persons,
# concerned members) and its dossier (which one; themes and phase as the public knows them): any
# change there makes the entry stale.
@receiver(post_delete, sender=SearchEntry)
def entry_deleted(sender, instance, **kwargs):
    mark_stale([instance.pk])  # so that the indexer takes it out of the index


def _dossier_entries(dossiers):
    """The entries of the items of `dossiers` (ids, or a subquery of them), through the items' ids
    (a join with an OR would read every entry)."""
    items = AgendaItem.objects.filter(step__dossier__in=dossiers).values("pk")
    return SearchEntry.objects.filter(item__in=items)


def _dossiers_of_items(items):
    return ProcedureStep.objects.filter(pk__in=items.values("step_id")).values("dossier_id")


# Each reader class's view of a dossier is in the index too (tantivy_index.classes): its phase
# follows every step and agenda item its readers see, released or not, and the decisions on them;
# and who is named or concerned on the dossier, its steps or its items decides whose view is worked
# out per search. A change of any of these makes every entry of the dossier stale.
@receiver(post_save, sender=AgendaItem)
@receiver(post_delete, sender=AgendaItem)
def item_saved(sender, instance, **kwargs):
    mark_stale(SearchEntry.objects.filter(item=instance.pk))
    if instance.step_id is not None:
        # By its step (after a delete the item is no longer there to be joined).
        mark_stale(_dossier_entries(ProcedureStep.objects.filter(pk=instance.step_id).values("dossier_id")))


@receiver(post_save, sender=Agenda)
def agenda_saved_makes_stale(sender, instance, **kwargs):
    mark_stale(_dossier_entries(_dossiers_of_items(AgendaItem.objects.filter(agenda=instance.pk))))


@receiver(post_save, sender=Meeting)
def meeting_saved(sender, instance, **kwargs):
    # Its date orders the passages of each step (the latest decides the phase).
    mark_stale(_dossier_entries(_dossiers_of_items(AgendaItem.objects.filter(agenda__meeting=instance.pk))))


@receiver(post_save, sender=Decision)
@receiver(post_delete, sender=Decision)
def decision_makes_stale(sender, instance, **kwargs):
    mark_stale(_dossier_entries(_dossiers_of_items(AgendaItem.objects.filter(pk=instance.item_id))))


# Named persons and concerned government members are inputs of the confidentiality rule, which
# the index holds per entry: a change of them on the entry's item or document (a many-to-many
# change, without a save of the row) makes the entry stale; on an item, a step or a dossier, every
# entry of the dossier.
def _rule_links_changed(model):
    def changed(sender, instance, action, **kwargs):
        # From the row's side only: the fields have no reverse accessor (related_name "+"), so a
        # user's or mandatee's links cannot be changed from their side.
        if not action.startswith("post_"):
            return
        if model is Document:
            mark_stale(SearchEntry.objects.filter(document=instance.pk))
        elif model is AgendaItem:
            item_saved(AgendaItem, instance)
        elif model is ProcedureStep:
            mark_stale(_dossier_entries([instance.dossier_id]))
        else:
            mark_stale(_dossier_entries([instance.pk]))

    return changed


for _model in (AgendaItem, Document, ProcedureStep, Dossier):
    for _link in ("named_users", "concerned_mandatees"):
        m2m_changed.connect(
            _rule_links_changed(_model),
            sender=getattr(_model, _link).through,
            weak=False,
            dispatch_uid=f"search-stale-{_model._meta.label_lower}-{_link}",
        )


@receiver(post_delete, sender=ProcedureStep)
def step_deleted(sender, instance, **kwargs):
    mark_stale(_dossier_entries([instance.dossier_id]))


@receiver(post_save, sender=Dossier)
def dossier_saved(sender, instance, **kwargs):
    mark_stale(SearchEntry.objects.filter(item__step__dossier=instance.pk))


@receiver(post_save, sender=ProcedureStep)
def step_saved(sender, instance, **kwargs):
    mark_stale(SearchEntry.objects.filter(item__step__dossier=instance.dossier_id))


@receiver(m2m_changed, sender=Dossier.themes.through)
def dossier_themes_changed(sender, instance, action, pk_set=None, **kwargs):
    if action.startswith("post_"):
        dossiers = (
            [instance.pk]
            if isinstance(instance, Dossier)
            else list(Dossier.objects.filter(themes=instance.pk).values_list("pk", flat=True))
        )
        mark_stale(SearchEntry.objects.filter(item__step__dossier__in=dossiers))


@receiver(release_performed)
def release_makes_stale(sender, release, **kwargs):
    # A release works by bulk updates (no save signals): the meeting's entries change visibility,
    # and every entry of the dossiers it concerns may see its public phase change.
    meeting = release.meeting_id
    dossiers = ProcedureStep.objects.filter(items__agenda__meeting=meeting).values("dossier_id")
    # A document on items of several meetings has one entry, under one of them: its release by
    # this meeting changes that entry too.
    documents = ItemDocument.objects.filter(item__agenda__meeting=meeting).values("document_id")
    # The decision documents (VR … DEC) of its items are released with the decisions.
    decision_documents = Decision.objects.filter(item__agenda__meeting=meeting, document__isnull=False)
    mark_stale(
        SearchEntry.objects.filter(
            Q(meeting=meeting)
            | Q(item__step__dossier__in=dossiers)
            | Q(document__in=documents)
            | Q(document__in=decision_documents.values("document_id"))
        )
    )
