"""Whatever is typed into a search (the search page, its feed, the API's search and filters): never a
server error, and a query that cannot be searched gets a clear message in Dutch. Run on SQLite and
on PostgreSQL (DATABASE_URL): NUL bytes reach PostgreSQL as an error, not SQLite."""

from urllib.parse import quote

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from chancery.decisions.testing import decided_meeting, release
from chancery.portal.search import service
from chancery.portal.search.tantivy_index import indexer

NASTY = [
    "\x00",
    "nota\x00kwantumsluis",
    "\ud800",  # a lone surrogate (an unpaired half of a UTF-16 pair)
    "a\udfffb",
    "x" * 5000,
    "oostgrens " * 400,
    '"unbalanced',
    'a "b',
    "(((",
    "a) OR (b",
    "-",
    "--",
    "*",
    "a*b*",
    "-*",
    "a:b title:x +c ^2 ~1 [a TO b] {x} /re.*/ \\ && || !",
    "OR OR OR",
    "a OR",
    "OR",
    "\u202e\u200b\ufeff",
    "é" * 300 + "*",
    "_",
    "a_b_c*",
    "'; DROP TABLE portal_searchentry; --",
    "%00",
    "%",
]
PARAMETERS = ["jaar", "soort", "minister", "thema", "zitting", "fase", "stuksoort", "sorteer", "pagina"]


def get(client, path, params):
    """GET with the parameters percent-encoded as a browser would send them, lone surrogates too
    (as the bytes of their UTF-8 form, which Django decodes with replacement characters)."""
    query = "&".join(f"{name}={quote(value.encode('utf-8', 'surrogatepass'))}" for name, value in params.items())
    return client.get(f"{path}?{query}")


@pytest.fixture
def released(secretariat, meeting, add):
    decided_meeting(secretariat, meeting, add)
    release(secretariat, meeting)
    indexer.sync()
    return meeting


@pytest.mark.parametrize("text", NASTY)
def test_any_search_text_is_answered_without_a_server_error(client, released, text):
    for name in ("search", "search_feed"):
        response = get(client, reverse(name), {"q": text})
        assert response.status_code < 500, (name, text)
    response = get(client, "/api/v1/decisions", {"q": text})
    assert response.status_code < 500, text


@pytest.mark.parametrize("value", ["\x00", "\ud800", "x" * 5000, "-1", "99999999999999999999999", "1e3", "(", '"'])
def test_any_filter_value_is_answered_without_a_server_error(client, released, value):
    for name in PARAMETERS:
        for view in ("search", "search_feed"):
            response = get(client, reverse(view), {"q": "besluit", name: value})
            assert response.status_code < 500, (view, name, value)
    for collection, parameters in {
        "meetings": ["kind", "state", "year", "ordering", "cursor"],
        "agenda-items": ["meeting", "kind", "final"],
        "decisions": ["meeting", "item", "result", "q"],
        "dossiers": ["theme"],
        "publications": ["regulation_type", "step", "published_after"],
        "documents": ["kind"],
    }.items():
        for name in parameters:
            response = get(client, f"/api/v1/{collection}", {name: value})
            assert response.status_code < 500, (collection, name, value)


def test_a_query_without_words_says_so_in_dutch(client, released):
    html = client.get(reverse("search"), {"q": '"" -nota *'}).content.decode()
    assert "Geef minstens één woord om naar te zoeken." in html


def test_the_service_takes_any_text_and_page(released):
    for text in NASTY:
        service.search(AnonymousUser(), text)
    assert service.search(AnonymousUser(), "besluit", page=10**12).page == service.MAX_PAGE


def test_the_feed_carries_no_control_characters(client, released):
    response = get(client, reverse("search_feed"), {"q": "besluit\x00\x0c"})
    assert response.status_code == 200 and b"\x00" not in response.content
