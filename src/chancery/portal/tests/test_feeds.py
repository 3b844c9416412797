"""Every Atom feed the site serves is valid Atom (RFC 4287 §4.1): the feed has an id, a title, an
updated moment and an author (or every entry has one), each entry an id, a title and an updated
moment; the self link is the address the feed was asked on, query included; the feeds are named
alike. The feeds are found in the URLconf, so a new one is checked without being listed here."""

import datetime

import pytest
from django.contrib.syndication.views import Feed
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from lxml import etree

from chancery.decisions.testing import decision_making
from chancery.grants.testing import grants_handler, open_call, programme

ATOM = "{http://www.w3.org/2005/Atom}"


def feed_patterns(patterns=None, prefix=""):
    """(URL name, pattern) of every view that is a syndication feed."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{pattern.namespace}:" if pattern.namespace else ""
            yield from feed_patterns(pattern.url_patterns, prefix + namespace)
        elif isinstance(pattern, URLPattern) and isinstance(pattern.callback, Feed):
            yield prefix + pattern.name, pattern


def moment(text: str) -> datetime.datetime:
    assert text and "T" in text, text
    return datetime.datetime.fromisoformat(text)  # RFC 3339, with its offset


@pytest.fixture
def feeds(org, themes):
    made = decision_making(org)
    dossier, minister = made["dossier"], org.mandatees["a"]
    grants = grants_handler()
    open_call(grants, programme(grants))  # an entry in the grants' feed of open calls
    # How each feed is asked for; a feed missing here fails the test (it must be checked too).
    return {
        "search_feed": reverse("search_feed") + "?q=Mensenrechtenfonds&soort=decision",
        "portal:minister_feed": reverse("portal:minister_feed", args=[minister.pk]),
        "portal:theme_feed": reverse("portal:theme_feed", args=[dossier.themes.order_by("pk")[0].slug]),
        "grants_public:feed": reverse("grants_public:feed"),
    }


@pytest.mark.django_db
def test_every_feed_is_valid_atom(client, feeds):
    served = {name for name, _pattern in feed_patterns()}
    assert served == set(feeds), "a feed is served that this test does not ask for"
    titles = []
    for name, address in feeds.items():
        response = client.get(address)
        assert response.status_code == 200, name
        assert response["Content-Type"].startswith("application/atom+xml"), name
        feed = etree.fromstring(response.content)
        assert feed.tag == f"{ATOM}feed", name
        for element in ("id", "title", "updated"):
            assert (feed.findtext(f"{ATOM}{element}") or "").strip(), f"{name}: no feed {element}"
        moment(feed.findtext(f"{ATOM}updated"))
        self_links = [link.get("href") for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"]
        assert self_links == [f"http://testserver{address}"], name
        feed_author = (feed.findtext(f"{ATOM}author/{ATOM}name") or "").strip()
        entries = feed.findall(f"{ATOM}entry")
        assert entries, f"{name}: no entry to check"
        for entry in entries:
            for element in ("id", "title", "updated"):
                assert (entry.findtext(f"{ATOM}{element}") or "").strip(), f"{name}: an entry without {element}"
            moment(entry.findtext(f"{ATOM}updated"))
            assert feed_author or (entry.findtext(f"{ATOM}author/{ATOM}name") or "").strip(), f"{name}: no author"
            alternate = [link.get("href") for link in entry.findall(f"{ATOM}link")]
            assert alternate and all(href.startswith("http://testserver/") for href in alternate), name
        if not name.startswith("grants_public:"):
            titles.append(feed.findtext(f"{ATOM}title"))
    # One name for the Government in every decision feed's title (Dutch, the default language).
    assert {title.split(":")[0] for title in titles} == {"Beslissingen van de Vlaamse Regering"}, titles


@pytest.mark.django_db
def test_feeds_link_to_the_public_address_when_one_is_configured(client, feeds, settings):
    settings.CHANCERY_PUBLIC_URL = "https://beslissingen.example.be"
    for name, address in feeds.items():
        feed = etree.fromstring(client.get(address).content)
        links = [link.get("href") for link in feed.iter(f"{ATOM}link")]
        assert links and all(href.startswith("https://beslissingen.example.be/") for href in links), name
