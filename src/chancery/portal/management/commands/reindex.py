"""chancery reindex: rebuild the search entries from the decisions and every document, then the
search index (portal.search.tantivy_index). --sync only brings the index up to date
(what the worker does after each change); --index-only rebuilds the index from the entries
(after a restore, on a new machine, after an upgrade); --forget-node NAME takes a machine that no
longer serves off the list of those whose index is kept up to date."""

import time

from django.core.management import CommandError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from chancery.core.management.base import ChanceryCommand
from chancery.core.models import Document
from chancery.decisions.models import AgendaItem
from chancery.portal.models import SearchNode
from chancery.portal.search import index
from chancery.portal.search.tantivy_index import indexer, schema


class Command(ChanceryCommand):
    help = "Rebuild the search entries and the public search index (see --sync, --index-only)."

    def add_arguments(self, parser):
        parser.add_argument("--sync", action="store_true", help="Only index the entries changed since the last run.")
        parser.add_argument("--index-only", action="store_true", help="Only rebuild the public index from the entries.")
        parser.add_argument("--forget-node", metavar="NAME", help="Stop keeping a retired machine's index up to date.")

    def handle(self, *args, sync=False, index_only=False, forget_node=None, **options):
        started = time.perf_counter()
        if forget_node:
            if not SearchNode.objects.filter(name=forget_node).exists():
                raise CommandError(_("No machine named %(name)s keeps a search index.") % {"name": forget_node})
            dropped = indexer.forget(forget_node)
            self.stdout.write(
                _("%(name)s forgotten; %(count)d waiting entries dropped.") % {"name": forget_node, "count": dropped}
            )
            return
        if sync:
            count = indexer.sync()
        else:
            if not index_only:
                self.stdout.write(_("%(count)d entries written.") % {"count": self.entries()})
            count = indexer.rebuild()
        seconds = time.perf_counter() - started
        self.stdout.write(
            _("%(count)d entries indexed in %(seconds)s s (%(directory)s).")
            % {"count": count, "seconds": number_format(seconds, 1), "directory": schema.directory()}
        )

    @staticmethod
    def entries() -> int:
        items = AgendaItem.objects.filter(agenda__is_final=True, carried_over=False, decisions__isnull=False).distinct()
        count = 0
        for item in items.select_related("agenda__meeting", "press_summary").prefetch_related("decisions", "mandatees"):
            count += index.index_item(item) is not None
        for document in Document.objects.iterator():
            index.index_document(document)
            count += 1
        return count
