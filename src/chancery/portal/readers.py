"""Who reads the search entries (the access registry, core.visibility): an entry is found by
whoever may see its source, its document if it has one, else its item. The index's bookkeeping is
read by nobody."""

from __future__ import annotations

from chancery.core import visibility
from chancery.core.visibility import Condition, Follows
from chancery.portal.models import SearchEntry, SearchNode, StaleSearchEntry


def entries(user) -> visibility.Rule:
    return ((Condition("document", (None,)), Follows("item")), (Follows("document"),))


def register() -> None:
    visibility.register(SearchEntry, entries)
    visibility.exempt(StaleSearchEntry, "the search index's lists of entries to rewrite, per node")
    visibility.exempt(SearchNode, "the machines keeping a search index, their generation counters")
