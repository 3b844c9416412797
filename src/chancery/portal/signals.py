"""Index what is decided, summarised or documented, in the transaction that changes it."""

from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from chancery.core.background import defer
from chancery.core.models import Document, DocumentVersion
from chancery.decisions.models import Agenda, AgendaItem, Decision, Dossier, ItemDocument, PressSummary, ProcedureStep
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


@receiver(post_save, sender=AgendaItem)
def item_saved(sender, instance, **kwargs):
    mark_stale(SearchEntry.objects.filter(item=instance.pk))


# Named persons and concerned government members are inputs of the confidentiality rule, which
# the index holds per entry: a change of them on the entry's item or document (a many-to-many
# change, without a save of the row) makes the entry stale.
def _rule_links_changed(entry_field):
    def changed(sender, instance, action, **kwargs):
        # From the row's side only: the fields have no reverse accessor (related_name "+"), so a
        # user's or mandatee's links cannot be changed from their side.
        if action.startswith("post_"):
            mark_stale(SearchEntry.objects.filter(**{entry_field: instance.pk}))

    return changed


for _model, _entry_field in ((AgendaItem, "item"), (Document, "document")):
    for _link in ("named_users", "concerned_mandatees"):
        m2m_changed.connect(
            _rule_links_changed(_entry_field),
            sender=getattr(_model, _link).through,
            weak=False,
            dispatch_uid=f"search-stale-{_model._meta.label_lower}-{_link}",
        )


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
