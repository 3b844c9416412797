from django.core.management.base import BaseCommand

from chancery.decisions.models import AgendaItem, ItemDocument
from chancery.portal.search import index


class Command(BaseCommand):
    help = "Rebuild the search index from the decisions and their documents."

    def handle(self, *args, **options):
        items = AgendaItem.objects.filter(agenda__is_final=True, carried_over=False, decisions__isnull=False).distinct()
        count = 0
        for item in items.select_related("agenda__meeting", "press_summary").prefetch_related("decisions", "mandatees"):
            count += index.index_item(item) is not None
        links = ItemDocument.objects.filter(item__in=items).select_related("item__agenda__meeting", "document")
        for link in links:
            index.index_document(link.document, link.item)
            count += 1
        self.stdout.write(f"{count} entries indexed.")
