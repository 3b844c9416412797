"""The linked data of a released meeting, validated with pyshacl against the published OSLO shapes
(../shared/external/oslo/shacl/, sources in its README): Besluit-publicatie with 0 violations;
Besluitvorming with nothing but the two constraints that contradict Besluit-publicatie."""

import datetime
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone
from pyshacl import validate
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from chancery.core.models import Person
from chancery.core.testing import external_data, pdf_upload
from chancery.decisions import services
from chancery.decisions.models import DecisionResult, PublicationStep
from chancery.decisions.testing import release
from chancery.portal import linkeddata
from chancery.portal.linkeddata import BESLUIT, ELI

PUBLICATIE = external_data("oslo", "shacl", "besluit-publicatie-SHACL.ttl")
BESLUITVORMING = external_data("oslo", "shacl", "besluitvorming-ap-SHACL.ttl")
MOTIVERING = URIRef("http://data.vlaanderen.be/ns/besluit#motivering")
# Besluit-publicatie demands besluit:motivering as rdf:langString, Besluitvorming as xsd:string;
# Besluitvorming also demands eli:date_no_longer_in_force of every legal resource, also one still
# in force. No graph can satisfy both; we follow Besluit-publicatie, the profile for publication.
CONTRADICTIONS = {
    (MOTIVERING, SH.DatatypeConstraintComponent),
    (ELI.date_no_longer_in_force, SH.MinCountConstraintComponent),
}


def violations(graph: Graph, shapes: Path) -> set[tuple]:
    conforms, report, _text = validate(graph, shacl_graph=Graph().parse(shapes), inference="none")
    found = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        found.add((report.value(result, SH.resultPath), report.value(result, SH.sourceConstraintComponent)))
    assert conforms == (not found)
    return found


@pytest.fixture
def published_meeting(secretariat, org, add):
    """A past meeting as it really goes: attendance, a motivated decision with a public document,
    a confidential item, a regulation published in the Gazette, released."""
    meeting = services.create_meeting(secretariat, starts_at=timezone.make_aware(datetime.datetime(2026, 10, 2, 10)))
    note = add(meeting, "Exportcontroledecreet")
    add(meeting, "Geheim punt", access_level="confidential")
    add(meeting, "Mededeling over de begroting", kind="announcement", minister="b")
    services.attach_document(secretariat, note, title="Nota exportcontrole", upload=pdf_upload(), access_level="public")
    draft = services.current_draft(meeting)
    services.approve_all_formally(secretariat, draft, expected_revision=None)
    services.approve_agenda(secretariat, draft, expected_revision=None, close=True)
    secretary = Person.objects.create(first_name="Sara", last_name="Secretaris")
    services.record_attendance(secretariat, meeting, chair=None, secretary=secretary, excused=[org.mandatees["b"]])
    for item in services.final_items(meeting):
        services.record_decision(
            secretariat,
            item,
            result=DecisionResult.APPROVED if item.kind == "note" else DecisionResult.ACKNOWLEDGED,
            text=f"De Vlaamse Regering keurt {item.short_title} goed.",
            motivation="Gelet op het advies van de Raad van State.",
        )
    final_note = services.final_items(meeting).get(lineage=note.lineage)
    publication = services.start_publication(
        secretariat, final_note, regulation_type="decree", on=datetime.date(2026, 10, 5)
    )
    for step, extra in (
        (PublicationStep.PROOF_REQUESTED, {}),
        (PublicationStep.PROOF_RECEIVED, {}),
        (PublicationStep.PUBLICATION_REQUESTED, {"planned_date": datetime.date(2026, 10, 20)}),
        (PublicationStep.PUBLISHED, {"numac": "2026045123"}),
    ):
        services.record_step(secretariat, publication, step, on=datetime.date(2026, 10, 20), **extra)
    release(secretariat, meeting, "decisions", "documents")
    meeting.refresh_from_db()
    return meeting


def test_released_meeting_conforms_to_besluit_publicatie(published_meeting):
    graph = linkeddata.meeting_graph(published_meeting, AnonymousUser(), "https://besluiten.example")
    assert violations(graph, PUBLICATIE) == set()
    # Besluitvorming: nothing but the contradictions, and each one really present.
    assert violations(graph, BESLUITVORMING) == CONTRADICTIONS
    assert len(list(graph.subjects(RDF.type, BESLUIT.Besluit))) == 2  # not the confidential one
    assert "Geheim" not in graph.serialize(format="turtle")


def test_regulation_gets_its_belgian_eli(published_meeting):
    graph = linkeddata.meeting_graph(published_meeting, AnonymousUser(), "https://besluiten.example")
    eli = URIRef("http://www.ejustice.just.fgov.be/eli/decreet/2026/10/02/2026045123")
    assert (eli, RDF.type, ELI.LegalResource) in graph
    assert str(graph.value(eli, ELI.first_date_entry_in_force)) == "2026-10-30"  # tenth day after 20 October
    decree = URIRef("https://data.vlaanderen.be/id/concept/AardWetgeving/Decreet")
    assert graph.value(eli, ELI.type_document) == decree
    assert len(list(graph.subjects(ELI.realizes, eli))) == 1


def test_attendance_in_the_graph(published_meeting, org):
    graph = linkeddata.meeting_graph(published_meeting, AnonymousUser(), "https://besluiten.example")
    zitting = URIRef(f"https://besluiten.example/id/zitting/{published_meeting.uuid}")
    chair = URIRef(f"https://besluiten.example/id/mandataris/{org.mandatees['a'].pk}")
    excused = URIRef(f"https://besluiten.example/id/mandataris/{org.mandatees['b'].pk}")
    assert graph.value(zitting, BESLUIT.heeftVoorzitter) == chair
    assert (zitting, BESLUIT.heeftAanwezigeBijStart, chair) in graph
    assert (zitting, BESLUIT.heeftAanwezigeBijStart, excused) not in graph


def test_decision_and_document_permalinks_serve_conforming_linked_data(client, published_meeting):
    items = list(services.final_items(published_meeting).filter(access_level="public", kind="note"))
    url = reverse("portal:decision", args=[published_meeting.uuid, items[0].lineage])
    turtle = client.get(url, HTTP_ACCEPT="text/turtle")
    assert turtle["Content-Type"].startswith("text/turtle")
    graph = Graph().parse(data=turtle.content.decode(), format="turtle")
    assert violations(graph, PUBLICATIE) == set()
    assert len(list(graph.subjects(RDF.type, BESLUIT.Besluit))) == 1
    document = next(graph.objects(None, URIRef("https://data.vlaanderen.be/ns/besluitvorming#geagendeerdStuk")))
    uuid = str(document).rsplit("/", 1)[1]
    page = client.get(reverse("portal:document", args=[uuid]))
    assert page.status_code == 200 and "Nota exportcontrole" in page.content.decode()
    jsonld = client.get(reverse("portal:document", args=[uuid]), HTTP_ACCEPT="application/ld+json")
    assert jsonld["Content-Type"].startswith("application/ld+json") and "Nota exportcontrole" in jsonld.content.decode()
    html = client.get(url)
    assert "Gelet op het advies van de Raad van State." in html.content.decode()
    assert "application/ld+json" in html["Link"] and "Accept" in html["Vary"].split(", ")
