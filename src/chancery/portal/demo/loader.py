"""The portal's part of the demo: no data of its own, but the search index over the others' is
queued for the worker (`make run` used to build it with `chancery reindex --sync` before the server
started). Until the worker has built it, the database answers every search (service: no index, or
an index of a machine not yet joined, is never read), so the demo is searchable from the first page."""

from django.utils.translation import ngettext_lazy

from chancery.core.background import defer, machine_queue
from chancery.portal.models import SearchNode
from chancery.portal.search.tantivy_index import indexer, schema

INDEX_BUILD = ngettext_lazy(
    "%(count)d search index to build (queued for the background worker)",
    "%(count)d search indexes to build (queued for the background worker)",
    "count",
)


def load_demo() -> dict:
    """Queue this machine's index build when it has none yet (a rerun on a built index queues nothing:
    every change since has queued its own sync)."""
    if schema.available() and SearchNode.objects.filter(name=indexer.this_node()).exists():
        return {}
    defer(indexer.sync_search_index.using(queue_name=machine_queue()))
    return {INDEX_BUILD: 1}
