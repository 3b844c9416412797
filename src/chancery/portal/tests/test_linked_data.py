"""A released meeting as linked data on its permalink: Turtle and JSON-LD, OSLO besluit terms,
nothing embargoed or confidential in it."""

import json

from django.urls import reverse
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from chancery.decisions.testing import decided_meeting, release
from chancery.portal.linkeddata import BESLUIT


def decide(secretariat, meeting, add):
    decided_meeting(secretariat, meeting, add)


def test_turtle_and_json_ld_by_content_negotiation(client, secretariat, meeting, add):
    decide(secretariat, meeting, add)
    url = reverse("portal:meeting", args=[meeting.uuid])
    assert client.get(url, HTTP_ACCEPT="text/turtle").status_code == 404  # embargo holds for data too
    release(secretariat, meeting)
    response = client.get(url, HTTP_ACCEPT="text/turtle")
    assert response["Content-Type"].startswith("text/turtle")
    graph = Graph().parse(data=response.content.decode(), format="turtle")
    zitting = URIRef(f"http://testserver/id/zitting/{meeting.uuid}")
    assert (zitting, RDF.type, BESLUIT.Zitting) in graph
    assert len(list(graph.subjects(RDF.type, BESLUIT.Besluit))) == 1
    assert "Geheim" not in response.content.decode()
    jsonld = client.get(url + "?format=jsonld")
    assert jsonld["Content-Type"].startswith("application/ld+json")
    assert Graph().parse(data=json.dumps(jsonld.json()), format="json-ld").isomorphic(graph)
    page = client.get(url)
    assert page["Content-Type"].startswith("text/html") and "text/turtle" in page["Link"]
