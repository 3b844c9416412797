"""Index what is decided, summarised or documented, in the transaction that changes it."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from chancery.core.models import DocumentVersion
from chancery.decisions.models import Decision, ItemDocument, PressSummary
from chancery.decisions.signals import decision_corrected, release_performed
from chancery.portal.search import index


@receiver(post_save, sender=Decision)
def decision_saved(sender, instance, **kwargs):
    index.index_item(instance.item)


@receiver(post_save, sender=PressSummary)
def press_summary_saved(sender, instance, **kwargs):
    index.index_item(instance.item)


@receiver(post_save, sender=ItemDocument)
def item_document_saved(sender, instance, **kwargs):
    if instance.item.agenda.is_final and not instance.item.carried_over:
        index.index_document(instance.document, instance.item)


@receiver(post_save, sender=DocumentVersion)
def version_saved(sender, instance, update_fields=None, **kwargs):
    # Extracted text arrives after the upload (background task): index it then.
    for link in ItemDocument.objects.filter(document=instance.document_id, item__agenda__is_final=True).select_related(
        "item__agenda__meeting", "document"
    ):
        index.index_document(link.document, link.item)


@receiver(release_performed)
@receiver(decision_corrected)
def rebuild_dumps(sender, **kwargs):
    # In the background: a release should not wait for files to be written.
    from chancery.portal.tasks import rebuild_open_data

    transaction.on_commit(rebuild_open_data.enqueue)
