"""Every URI we mint in our own namespace (`/id/…`) dereferences: collected from the linked data of
the public pages and of the open-data dump, each answers 200 or 303 to its document; the document
is HTML by default and Turtle or JSON-LD when asked by Accept, and describes the URI."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from rdflib import Graph, URIRef

from chancery.core.models import Document
from chancery.decisions import services
from chancery.decisions.testing import decision_making
from chancery.portal import opendata, queries

BASE = "http://testserver"
LINKED_DATA = {"text/turtle": "turtle", "application/ld+json": "json-ld"}


def ours(graph: Graph) -> set[str]:
    nodes = {node for triple in graph for node in (triple[0], triple[2]) if isinstance(node, URIRef)}
    return {str(node) for node in nodes if str(node).startswith(f"{BASE}/id/")}


def fetch(client, address, accept):
    """Follow at most one 303, as a linked-data client does."""
    response = client.get(address, HTTP_ACCEPT=accept)
    if response.status_code == 303:
        assert response["Location"].startswith("/") or response["Location"].startswith(BASE), address
        response = client.get(response["Location"], HTTP_ACCEPT=accept)
    return response


@pytest.fixture
def published(org, themes):
    made = decision_making(org)
    # An annex: a kind Kaleidos publishes no concept for, so the concept is ours (/id/concept/…).
    Document.objects.filter(pk=made["document"].pk).update(kind="annex")
    return made


def test_every_uri_we_mint_dereferences(client, published):
    anonymous = AnonymousUser()
    pages = []
    for meeting in queries.meetings_with_decisions(anonymous):
        pages.append(reverse("portal:meeting", args=[meeting.uuid]))
        pages += [queries.decision_path(item) for item in queries.meeting_items(meeting, anonymous)]
    pages += [reverse("portal:document", args=[published["document"].uuid]), reverse("open_data")]
    minted = set()
    for page in pages:
        minted |= ours(Graph().parse(data=client.get(page, HTTP_ACCEPT="text/turtle").content, format="turtle"))
    minted |= ours(Graph().parse(data=opendata.turtle(BASE), format="turtle"))
    kinds = {uri.removeprefix(f"{BASE}/id/").split("/")[0] for uri in minted}
    assert {"zitting", "agendapunt", "besluit", "stuk", "persoon", "mandataris", "concept"} <= kinds, kinds
    for uri in sorted(minted):
        first = client.get(uri)
        assert first.status_code in (200, 303), (uri, first.status_code)
        html = fetch(client, uri, "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8")
        assert html.status_code == 200 and html["Content-Type"].startswith("text/html"), uri
        for accept, syntax in LINKED_DATA.items():
            data = fetch(client, uri, accept)
            assert data.status_code == 200 and data["Content-Type"].startswith(accept), (uri, accept)
            graph = Graph().parse(data=data.content, format=syntax, publicID=uri)
            assert (URIRef(uri), None, None) in graph, f"{uri}: its document does not describe it ({accept})"


def test_identifiers_of_what_is_not_released_are_unknown(client, org, themes, secretariat, meeting, add):
    from chancery.decisions.testing import decided_meeting

    decided_meeting(secretariat, meeting, add, (("Nog niet vrijgegeven", "public"),))
    item = services.final_items(meeting).get()
    for kind, key in (("zitting", meeting.uuid), ("besluit", item.lineage), ("agendapunt", item.lineage)):
        assert client.get(f"/id/{kind}/{key}").status_code == 404, kind
    assert client.get("/id/onbekend/1").status_code == 404
    assert client.get("/id/concept/document-type/bestaat-niet").status_code == 404
