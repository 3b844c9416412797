"""Linked data of released meetings and their decisions, in the Flemish OSLO decision vocabulary
(besluit:, with dcterms, prov, eli where they apply), as Turtle or JSON-LD on the public page's
own address (content negotiation, or ?format=ttl|jsonld). Built from what the reader may see."""

from __future__ import annotations

from django.utils import timezone
from rdflib import XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS

from chancery.portal.queries import meeting_items

BESLUIT = Namespace("http://data.vlaanderen.be/ns/besluit#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
MANDAAT = Namespace("http://data.vlaanderen.be/ns/mandaat#")
PERSON = Namespace("http://www.w3.org/ns/person#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")

FORMATS = {"ttl": ("turtle", "text/turtle"), "jsonld": ("json-ld", "application/ld+json")}


def _uri(base: str, kind: str, key) -> URIRef:
    return URIRef(f"{base}/id/{kind}/{key}")


def meeting_graph(meeting, user, base: str) -> Graph:
    graph = Graph()
    for prefix, namespace in (("besluit", BESLUIT), ("eli", ELI), ("dct", DCTERMS), ("prov", PROV),
                              ("mandaat", MANDAAT), ("skos", SKOS), ("foaf", FOAF)):  # fmt: skip
        graph.bind(prefix, namespace)
    zitting = _uri(base, "zitting", meeting.uuid)
    start = timezone.localtime(meeting.starts_at)
    graph.add((zitting, RDF.type, BESLUIT.Zitting))
    graph.add((zitting, BESLUIT.geplandeStart, Literal(start.isoformat(), datatype=XSD.dateTime)))
    graph.add((zitting, PROV.atLocation, Literal(meeting.place)))
    for item in meeting_items(meeting, user):
        decision = item.decision
        punt = _uri(base, "agendapunt", item.lineage)
        behandeling = _uri(base, "behandeling-van-agendapunt", item.lineage)
        besluit = _uri(base, "besluit", decision.pk)
        graph.add((zitting, BESLUIT.behandelt, punt))
        graph.add((punt, RDF.type, BESLUIT.Agendapunt))
        graph.add((punt, DCTERMS.title, Literal(item.short_title, lang="nl")))
        graph.add((punt, DCTERMS.description, Literal(item.title, lang="nl")))
        graph.add((punt, BESLUIT.geplandOpenbaar, Literal(True)))
        graph.add((behandeling, RDF.type, BESLUIT.BehandelingVanAgendapunt))
        graph.add((behandeling, DCTERMS.subject, punt))
        graph.add((behandeling, BESLUIT.openbaar, Literal(True)))
        graph.add((behandeling, PROV.generated, besluit))
        graph.add((besluit, RDF.type, BESLUIT.Besluit))
        graph.add((besluit, ELI.title, Literal(item.short_title, lang="nl")))
        graph.add((besluit, ELI.description, Literal(decision.text or decision.get_result_display(), lang="nl")))
        graph.add((besluit, ELI.date_publication, Literal(start.date().isoformat(), datatype=XSD.date)))
        graph.add((besluit, ELI.language, URIRef("http://publications.europa.eu/resource/authority/language/NLD")))
        if decision.reference:
            graph.add((besluit, DCTERMS.identifier, Literal(decision.reference)))
    return graph


def wanted_format(request) -> str | None:
    """ttl or jsonld when the request asks for linked data, else None (the HTML page)."""
    requested = request.GET.get("format", "")
    if requested in FORMATS:
        return requested
    accept = request.headers.get("Accept", "")
    if "text/turtle" in accept:
        return "ttl"
    if "application/ld+json" in accept:
        return "jsonld"
    return None
