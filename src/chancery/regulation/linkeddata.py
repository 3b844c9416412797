"""A regulation of the register as linked data in the ELI vocabulary (the European Legislation
Identifier ontology, http://data.europa.eu/eli/ontology#), served by content negotiation on its
page (`core.negotiation`). The subject is the regulation's ELI when it has one, else its page.

- the regulation: eli:LegalResource with eli:type_document (the Vlaamse Codex concept of its kind),
  eli:date_document, eli:id_local (NUMAC), eli:is_about (its policy domain's theme), eli:changes
  (the regulation it amends), eli:transposes (each EU act, by its Cellar CELEX URI), and
  eli:is_realized_by its Dutch eli:LegalExpression with eli:title and eli:language;
- each version of its text: an eli:LegalResource eli:is_member_of the regulation, with
  eli:first_date_entry_in_force."""

from __future__ import annotations

from rdflib import XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF

from chancery.core import links
from chancery.decisions.legislation import LEGISLATION
from chancery.decisions.models import RegulationType

ELI = Namespace("http://data.europa.eu/eli/ontology#")
CELEX = "http://publications.europa.eu/resource/celex/"
DUTCH = URIRef("http://publications.europa.eu/resource/authority/language/NLD")


def subject_of(regulation, request) -> URIRef:
    return URIRef(regulation.eli or links.absolute(regulation.get_absolute_url(), request))


def regulation_graph(regulation, request, *, versions, transpositions) -> Graph:
    graph = Graph()
    graph.bind("eli", ELI)
    graph.bind("dct", DCTERMS)
    subject = subject_of(regulation, request)
    page = URIRef(links.absolute(regulation.get_absolute_url(), request))
    graph.add((subject, RDF.type, ELI.LegalResource))
    graph.add((subject, ELI.type_document, URIRef(LEGISLATION[RegulationType(regulation.kind)][0])))
    graph.add((subject, ELI.date_document, Literal(regulation.date, datatype=XSD.date)))
    if regulation.numac:
        graph.add((subject, ELI.id_local, Literal(regulation.numac)))
    if regulation.policy_domain_id:
        graph.add((subject, ELI.is_about, URIRef(regulation.policy_domain.uri)))
    if regulation.amends_id:
        graph.add((subject, ELI.changes, subject_of(regulation.amends, request)))
    for transposition in transpositions:
        graph.add((subject, ELI.transposes, URIRef(CELEX + transposition.eu_act.celex)))
    expression = URIRef(f"{page}#nl")
    graph.add((subject, ELI.is_realized_by, expression))
    graph.add((expression, RDF.type, ELI.LegalExpression))
    graph.add((expression, ELI.title, Literal(regulation.title, lang="nl")))
    graph.add((expression, ELI.language, DUTCH))
    if subject != page:
        graph.add((subject, DCTERMS.isReferencedBy, page))
    for version in versions:
        member = URIRef(f"{page}?op={version.valid_from:%Y-%m-%d}")
        graph.add((member, RDF.type, ELI.LegalResource))
        graph.add((member, ELI.is_member_of, subject))
        graph.add((member, ELI.first_date_entry_in_force, Literal(version.valid_from, datatype=XSD.date)))
    return graph
