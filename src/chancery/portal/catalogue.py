"""The DCAT-AP description of our open data: one catalogue, a dataset of decisions and one of public
documents, a distribution per dump file, as the Flemish government's open-data portal expects of
the datasets it harvests (title, description, publisher, licence, formats, media types, sizes).

Formats come from the EU Publications Office's file-type table, media types from IANA, the licence
is the Flemish free-reuse model licence (Modellicentie Gratis Hergebruik v1.0) under which OSLO and
Flemish open data are published.
"""

from __future__ import annotations

from django.urls import reverse
from rdflib import XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

from chancery.core import opendata as core_opendata
from chancery.portal import linkeddata, opendata

FILE_TYPE = Namespace("http://publications.europa.eu/resource/authority/file-type/")
LICENCE = URIRef("https://data.vlaanderen.be/id/licentie/modellicentie-gratis-hergebruik/v1.0")
FORMATS = {  # suffix: (EU file type, IANA media type)
    "csv": (FILE_TYPE.CSV, "text/csv"),
    "jsonl": (FILE_TYPE.JSON, "application/jsonl"),
    "ttl": (FILE_TYPE.RDF_TURTLE, "text/turtle"),
}
DATASETS = {
    "decisions": (
        "Beslissingen van de Vlaamse Regering",
        "Elke vrijgegeven beslissing van de Regering: zitting, agendapunt, indienende ministers, resultaat, "
        "tekst en vaste link.",
    ),
    "documents": (
        "Openbare stukken bij beslissingen",
        "Metadata van elk openbaar stuk bij een vrijgegeven beslissing: titel, soort, versie, grootte, "
        "SHA-256 en downloadadres.",
    ),
}


def catalogue_graph(base: str) -> Graph:
    graph = Graph()
    graph.bind("dcat", DCAT)
    graph.bind("dct", DCTERMS)
    graph.bind("foaf", FOAF)
    catalogue = URIRef(f"{base}{reverse('open_data')}#catalogus")
    publisher = linkeddata.Builder(base)
    organ = publisher.governing_body()
    graph += publisher.graph
    graph.add((organ, RDF.type, FOAF.Agent))
    graph.add((organ, FOAF.name, Literal(graph.value(organ, linkeddata.SKOS.prefLabel))))
    graph.add((catalogue, RDF.type, DCAT.Catalog))
    graph.add((catalogue, DCTERMS.title, Literal("Open data van de beslissingen van de Regering", lang="nl")))
    graph.add((catalogue, DCTERMS.description, Literal("Bulkbestanden, na elke vrijgave opnieuw gemaakt.", lang="nl")))
    graph.add((catalogue, DCTERMS.publisher, organ))
    graph.add((catalogue, DCTERMS.license, LICENCE))
    graph.add((catalogue, FOAF.homepage, URIRef(f"{base}{reverse('open_data')}")))
    made = {dump["name"]: dump for dump in opendata.available()}
    for key, (title, description) in DATASETS.items():
        dataset = URIRef(f"{base}{reverse('open_data')}#{key}")
        graph.add((catalogue, DCAT.dataset, dataset))
        graph.add((dataset, RDF.type, DCAT.Dataset))
        graph.add((dataset, DCTERMS.title, Literal(title, lang="nl")))
        graph.add((dataset, DCTERMS.description, Literal(description, lang="nl")))
        graph.add((dataset, DCTERMS.publisher, organ))
        graph.add((dataset, DCTERMS.language, URIRef(linkeddata.DUTCH[0])))
        graph.add((dataset, DCAT.landingPage, URIRef(f"{base}{reverse('open_data')}")))
        for name in opendata.DUMPS:
            stem, suffix = name.rsplit(".", 1)
            if stem != key or name not in made:
                continue
            file_type, media_type = FORMATS[suffix]
            address = URIRef(f"{base}{reverse('open_data_file', args=[name])}")
            distribution = URIRef(f"{address}#distributie")
            graph.add((dataset, DCAT.distribution, distribution))
            graph.add((distribution, RDF.type, DCAT.Distribution))
            graph.add((distribution, DCTERMS.title, Literal(f"{title} ({suffix.upper()})", lang="nl")))
            graph.add((distribution, DCAT.accessURL, address))
            graph.add((distribution, DCAT.downloadURL, address))
            graph.add((distribution, DCTERMS.format, file_type))
            graph.add(
                (distribution, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{media_type}"))
            )
            graph.add((distribution, DCAT.byteSize, Literal(made[name]["size"], datatype=XSD.nonNegativeInteger)))
            modified = made[name]["modified"].isoformat()
            graph.add((distribution, DCTERMS.modified, Literal(modified, datatype=XSD.dateTime)))
            graph.add((distribution, DCTERMS.license, LICENCE))
    # The other apps' datasets (core.opendata), each one file made on request.
    for registered in core_opendata.datasets():
        dataset = URIRef(f"{base}{reverse('open_data')}#{registered.key}")
        graph.add((catalogue, DCAT.dataset, dataset))
        graph.add((dataset, RDF.type, DCAT.Dataset))
        graph.add((dataset, DCTERMS.title, Literal(registered.title, lang="nl")))
        graph.add((dataset, DCTERMS.description, Literal(registered.description, lang="nl")))
        graph.add((dataset, DCTERMS.publisher, organ))
        graph.add((dataset, DCTERMS.language, URIRef(linkeddata.DUTCH[0])))
        graph.add((dataset, DCAT.landingPage, URIRef(f"{base}{reverse('open_data')}")))
        file_type, media_type = FORMATS[registered.suffix]
        address = URIRef(f"{base}{reverse(registered.url_name)}")
        distribution = URIRef(f"{address}#distributie")
        graph.add((dataset, DCAT.distribution, distribution))
        graph.add((distribution, RDF.type, DCAT.Distribution))
        graph.add(
            (distribution, DCTERMS.title, Literal(f"{registered.title} ({registered.suffix.upper()})", lang="nl"))
        )
        graph.add((distribution, DCAT.accessURL, address))
        graph.add((distribution, DCAT.downloadURL, address))
        graph.add((distribution, DCTERMS.format, file_type))
        graph.add((distribution, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{media_type}")))
        graph.add((distribution, DCTERMS.license, LICENCE))
    return graph
