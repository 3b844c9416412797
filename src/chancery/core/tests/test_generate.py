"""The benchmark generator works (at a tiny scale): every kind of row, the search index filled by
the engine, embargoed and confidential items present but invisible to the public."""

import io
import json

from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from chancery.core.models import Document, DocumentVersion
from chancery.decisions.models import AgendaItem, Meeting
from chancery.portal.models import SearchEntry
from chancery.portal.search.service import search


def test_generate_at_a_tiny_scale(db, org):
    out = io.StringIO()
    call_command("generate", scale=0.004, stdout=out, stderr=io.StringIO())
    report = json.loads(out.getvalue())
    counts = report["counts"]
    assert counts["decisions.Meeting"] == 4 == Meeting.objects.count()
    assert counts["decisions.AgendaItem"] == AgendaItem.objects.count() > 0
    assert DocumentVersion.objects.count() >= Document.objects.count() > 0
    assert report["rows_per_s"] > 0 and report["rows"] == sum(counts.values())
    assert AgendaItem.objects.filter(access_level="confidential").exists()
    assert AgendaItem.objects.filter(release_state="planned").exists()  # the newest meeting is embargoed
    assert SearchEntry.objects.count() == counts["portal.SearchEntry"]
    results = search(AnonymousUser(), "regering")
    assert results.total > 0
    hidden = SearchEntry.objects.exclude(item__access_level="public").values_list("pk", flat=True)
    hidden = set(hidden) | set(SearchEntry.objects.filter(item__release_state="planned").values_list("pk", flat=True))
    everything = search(AnonymousUser(), "regering OR de OR het OR van", page=1)
    assert everything.total > 0 and not {hit.pk for hit in everything.hits} & hidden
    assert (
        everything.total
        == SearchEntry.objects.exclude(pk__in=hidden)
        .filter(
            pk__in=[
                e.pk
                for e in SearchEntry.objects.all()
                if {"regering", "de", "het", "van"} & set(e.title_index.split() + e.body_index.split())
            ]
        )
        .count()
    )
