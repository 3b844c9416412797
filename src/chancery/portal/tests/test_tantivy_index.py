"""The public search index against the database: the same answers (hits and facet counts), an
entry changed while the indexer writes stays stale, and a hit the index holds wrongly is never shown."""

import re
import shutil

from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from chancery.core.models import AccessLevel
from chancery.decisions.models import AgendaItem
from chancery.decisions.testing import release
from chancery.portal.models import SearchEntry, StaleSearchEntry
from chancery.portal.search.service import Filters, search
from chancery.portal.search.tantivy_index import indexer, schema
from chancery.portal.tests import test_embargo_matrix as matrix

PUBLIC = matrix.PUBLIC
scene = matrix.scene  # the matrix's meeting: a public and a confidential item under one theme

QUERY = "besluit OR goedkeuring"


def answer(text=QUERY, **filters):
    results = search(AnonymousUser(), text, filters=Filters(**filters))
    return [hit.key for hit in results.hits], results.total, results.facets


def test_the_index_answers_as_the_database_does(scene, secretariat):
    release(secretariat, scene["meeting"], "decisions", "documents")
    shutil.rmtree(schema.directory(), ignore_errors=True)
    from_database = [answer(), answer(theme="economie"), answer(phase="principle_approval:approved"), answer("nota*")]
    # "nota*": the public document on the public item ("Nota Zeehavendecreet"), released with it.
    assert [total for _keys, total, _facets in from_database] == [1, 1, 1, 1]
    assert dict(from_database[0][2]["kind"]) == {"decision": 1}
    assert [theme.slug for theme, _n in from_database[0][2]["theme"]] == ["economie"]
    assert indexer.sync() == SearchEntry.objects.count()
    from_index = [answer(), answer(theme="economie"), answer(phase="principle_approval:approved"), answer("nota*")]
    assert from_index == from_database


def test_an_entry_changed_while_the_indexer_writes_stays_stale(scene, secretariat, monkeypatch):
    release(secretariat, scene["meeting"], "decisions", "documents")
    entry = SearchEntry.objects.filter(kind="decision").first()
    documents = indexer._documents

    def meanwhile(entries):
        indexer.mark_stale([entry.pk])  # a change that commits while the index is written
        return documents(entries)

    monkeypatch.setattr(indexer, "_documents", meanwhile)
    indexer.sync(batch=100)
    assert list(StaleSearchEntry.objects.values_list("entry_id", flat=True)) == [entry.pk]


def test_a_hit_the_index_holds_wrongly_is_never_shown(scene, secretariat):
    release(secretariat, scene["meeting"], "decisions", "documents")
    indexer.sync()
    item = scene["items"][PUBLIC]
    assert f"item:{item.pk}" in answer(PUBLIC.lower())[0]
    # A change that bypasses every signal (a bulk update): the index still holds the item.
    AgendaItem.objects.filter(pk=item.pk).update(access_level=AccessLevel.INTERNAL_GOVERNMENT)
    keys, _total, _facets = answer(PUBLIC.lower())
    assert f"item:{item.pk}" not in keys
    # ...and it is made stale, so that the indexer takes it out.
    assert StaleSearchEntry.objects.filter(entry_id=SearchEntry.objects.get(key=f"item:{item.pk}").pk).exists()
    indexer.sync()
    assert f"item:{item.pk}" not in answer(PUBLIC.lower())[0]


def test_reindex_rebuilds_entries_and_index(scene, secretariat, capsys):
    release(secretariat, scene["meeting"], "decisions", "documents")
    call_command("reindex")
    out = capsys.readouterr().out
    # The operator's language (Dutch), the seconds with a decimal comma.
    assert "zoekitems geschreven" in out and f"{SearchEntry.objects.count()} zoekitems geïndexeerd in" in out
    assert re.search(r"geïndexeerd in \d+,\d s", out)
    assert not StaleSearchEntry.objects.exists()
    call_command("reindex", "--sync")
    assert "0 zoekitems geïndexeerd" in capsys.readouterr().out
