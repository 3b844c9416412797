"""Full-text search on both engines: syntax, ranking, facets, snippets, feeds, and never a result
the reader may not see. Every test runs three ways for the public reader: answered by the
database alone (no index on this machine), by the public index fully up to date, and by the index
built before the release with everything since answered by the overlay (the indexer not yet run)."""

import shutil

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from chancery.core.testing import pdf_upload
from chancery.decisions import services
from chancery.decisions.models import DecisionResult
from chancery.decisions.testing import release as release_meeting
from chancery.portal.models import SearchEntry, StaleSearchEntry
from chancery.portal.search import service
from chancery.portal.search.service import Filters
from chancery.portal.search.tantivy_index import indexer, schema

MODE = {"now": "database"}


@pytest.fixture(autouse=True, params=["database", "index", "overlay"])
def mode(request, search_index):
    MODE["now"] = request.param
    return request.param


def search(*args, **kwargs):
    if MODE["now"] == "database":
        shutil.rmtree(schema.directory(), ignore_errors=True)
    elif MODE["now"] == "index":
        indexer.sync()
        assert schema.available() and not StaleSearchEntry.objects.exists()
    return service.search(*args, **kwargs)


ITEMS = [
    # short title, title, decision text, minister, level
    ("Exportcontrole strategische goederen", "Jaarverslag over de exportcontrole", "Goedgekeurd.", "a", "public"),
    (
        "Mensenrechtenfonds",
        "Oproep van het mensenrechtenfonds",
        "De regering keurt de oproep voor mensenrechten goed.",
        "a",
        "public",
    ),
    (
        "Wapenhandel",
        "Vergunningen voor wapens en exportcontrole",
        "Vergunningen voor de uitvoer van wapens.",
        "b",
        "public",
    ),
    ("Rampenfonds", "Wijziging van het Rampenfondsdecreet", "Schade door overstromingen wordt vergoed.", "b", "public"),
    ("Geheime exportcontrole", "Vertrouwelijke beoordeling exportcontrole", "Geweigerd.", "a", "confidential"),
    (
        "Oostgrens-regio",
        "Samenwerking in de Oostgrens-regio",
        'De nota-kwantumsluis (fase 2) wordt AANVAARD: "R&D <b>".',
        "b",
        "public",
    ),
]


@pytest.fixture
def corpus(secretariat, meeting, add, org, django_capture_on_commit_callbacks):
    for short, title, _text, minister, level in ITEMS:
        item = add(meeting, short, minister=minister, access_level=level)
        item.title = title
        item.save(update_fields=["title"])
    draft = services.current_draft(meeting)
    services.approve_all_formally(secretariat, draft, expected_revision=None)
    services.approve_agenda(secretariat, draft, expected_revision=None, close=True)
    texts = {short: text for short, _t, text, _m, _l in ITEMS}
    for item in services.final_items(meeting):
        services.record_decision(secretariat, item, result=DecisionResult.APPROVED, text=texts[item.short_title])
    with django_capture_on_commit_callbacks(execute=True):
        services.attach_document(
            secretariat,
            services.final_items(meeting).get(short_title="Rampenfonds"),
            title="Memorie van toelichting",
            upload=pdf_upload("memorie.pdf", "De erkenning als ramp volgt na een hevige hagelstorm."),
        )
    if MODE["now"] == "overlay":
        # The index as it stood before the release: what the release changes is stale from now on.
        indexer.sync()
    return meeting


def release(secretariat, meeting):
    release_meeting(secretariat, meeting, "decisions", "documents")
    if MODE["now"] == "overlay":
        assert StaleSearchEntry.objects.exists()


def titles(results):
    return [hit.title.split(".")[0] for hit in results.hits]


def test_nothing_is_found_before_the_release_and_everything_at_once_after(corpus, secretariat):
    public = AnonymousUser()
    assert search(public, "exportcontrole").total == 0
    release(secretariat, corpus)
    assert search(public, "exportcontrole").total == 2  # the confidential item is never found


def test_words_phrases_exclusion_prefix_and_or(corpus, secretariat):
    release(secretariat, corpus)
    public = AnonymousUser()
    assert titles(search(public, "exportcontrole")) == ["Exportcontrole strategische goederen", "Wapenhandel"]
    assert titles(search(public, "exportcontrole -wapens")) == ["Exportcontrole strategische goederen"]
    assert titles(search(public, '"strategische goederen"')) == ["Exportcontrole strategische goederen"]
    assert search(public, '"goederen strategische"').total == 0
    assert set(titles(search(public, "mensenrecht*"))) == {"Mensenrechtenfonds"}
    assert set(titles(search(public, "rampenfondsdecreet OR mensenrechtenfonds"))) == {
        "Rampenfonds",
        "Mensenrechtenfonds",
    }
    # Dutch stemming: the plural finds the singular.
    assert "Wapenhandel" in titles(search(public, "vergunning"))
    # A document's extracted text is searched too.
    hits = search(public, "hagelstorm").hits
    assert [hit.kind for hit in hits] == ["document"] and "<mark>hagelstorm</mark>" in hits[0].snippet


def test_a_hyphen_inside_a_word_joins_and_a_leading_minus_excludes(corpus, secretariat):
    release(secretariat, corpus)
    public = AnonymousUser()
    assert titles(search(public, "Oostgrens-regio")) == ["Oostgrens-regio"]
    assert titles(search(public, "nota-kwantumsluis")) == ["Oostgrens-regio"]
    assert titles(search(public, "oostgrens-reg*")) == ["Oostgrens-regio"]
    assert search(public, "regio-oostgrens").total == 0  # the parts as a phrase, in their order
    assert titles(search(public, "samenwerking nota -kwantumsluis")) == []
    assert titles(search(public, "samenwerking -nota-kwantumsluis")) == []
    assert titles(search(public, "samenwerking -wapens")) == ["Oostgrens-regio"]
    assert "<mark>Oostgrens</mark>-<mark>regio</mark>" in search(public, "oostgrens-regio").hits[0].title_marked


def test_snippets_show_the_original_text_escaped_with_the_hits_marked(corpus, secretariat):
    release(
        secretariat,
        corpus,
    )
    public = AnonymousUser()
    assert search(public, "aanvaard").hits[0].snippet == (
        "De nota-kwantumsluis (fase 2) wordt <mark>AANVAARD</mark>: &quot;R&amp;D &lt;b&gt;&quot;."
    )
    assert search(public, "hagelstorm").hits[0].snippet == (
        "De erkenning als ramp volgt na een hevige <mark>hagelstorm</mark>."
    )
    long = service.snippet(" ".join(f"Woord{n}," for n in range(100)) + " Doel! " + "rest " * 50, service.parse("doel"))
    assert long.startswith("… Woord90, Woord91,") and "<mark>Doel</mark>! rest" in long and long.endswith(" …")


def test_titles_rank_above_bodies_and_snippets_are_marked(corpus, secretariat):
    release(secretariat, corpus)
    results = search(AnonymousUser(), "wapens")
    assert titles(results)[0] == "Wapenhandel"
    assert "<mark>wapens</mark>" in results.hits[0].snippet


def test_facets_count_and_filter(corpus, secretariat, org):
    release(secretariat, corpus)
    results = search(AnonymousUser(), "exportcontrole OR rampenfonds OR mensenrechtenfonds")
    assert dict(results.facets["year"]) == {2026: 4}
    by_minister = {m.person.last_name: n for m, n in results.facets["minister"]}
    assert by_minister == {"Aerts": 2, "Bosmans": 2}
    narrowed = search(
        AnonymousUser(),
        "exportcontrole OR rampenfonds OR mensenrechtenfonds",
        filters=Filters(minister=org.mandatees["a"].pk),
    )
    assert set(titles(narrowed)) == {"Exportcontrole strategische goederen", "Mensenrechtenfonds"}


def test_the_concerned_minister_finds_the_confidential_decision(corpus, secretariat, org):
    release(secretariat, corpus)
    assert "Geheime exportcontrole" in titles(search(org.users["minister_concerned"], "exportcontrole"))
    assert "Geheime exportcontrole" not in titles(search(org.users["minister_other"], "exportcontrole"))


def test_search_page_and_feed(client, corpus, secretariat):
    release(secretariat, corpus)
    html = client.get(reverse("search"), {"q": "exportcontrole -wapens"}).content.decode()
    assert "1 resultaat" in html and "<mark>Exportcontrole</mark>" in html
    feed = client.get(reverse("search_feed"), {"q": "exportcontrole"})
    assert feed["Content-Type"].startswith("application/atom+xml")
    body = feed.content.decode()
    assert body.count("<entry>") == 2 and "Geheime" not in body


def test_index_follows_corrections(corpus, secretariat):
    item = services.final_items(corpus).get(short_title="Rampenfonds")
    services.correct_decision(
        secretariat, item, result=DecisionResult.APPROVED, text="Hagelschade vergoed.", reason="Tekst"
    )
    release(secretariat, corpus)
    assert titles(search(AnonymousUser(), "hagelschade")) == ["Rampenfonds"]
    assert SearchEntry.objects.filter(key=f"item:{item.pk}").count() == 1
