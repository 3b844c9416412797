"""Linked data of what the public side shows: meetings, their agenda items, treatments and
decisions, the legal basis a decision realises (with its ELI when it is a regulation published in
the Belgian Official Gazette) and the public documents, in the Flemish OSLO decision vocabulary
(besluit:, with dcterms, eli, prov, mandaat, person, foaf). Served as Turtle or JSON-LD on the
public page's own address (content negotiation, or ?format=ttl|jsonld).

Every graph is built from what the reader may see, through the same queries as the pages. The
output conforms to the OSLO Besluit-publicatie application profile (tests validate it with the
published SHACL shapes); see docs/ARCHITECTURE.md for the two points where the Besluitvorming
profile contradicts it.

Concept URIs are the ones the Flemish Government already publishes (sources at each constant), so
that our data joins Kaleidos' and the Codex's instead of inventing a parallel vocabulary.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from rdflib import OWL, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS

from chancery.core.models import DocumentKind
from chancery.core.negotiation import FORMATS, response, wanted_format  # noqa: F401 - the portal's views use them from here
from chancery.decisions.legislation import LEGISLATION, belgian_eli
from chancery.decisions.models import (
    AgendaItem,
    DecisionResult,
    ImportedRecord,
    ImportKind,
    ItemKind,
    Meeting,
    PublicationStep,
    RegulationType,
)
from chancery.decisions.services.attendance import Attendance, attendance
from chancery.portal.queries import meeting_items

BESLUIT = Namespace("http://data.vlaanderen.be/ns/besluit#")
BESLUITVORMING = Namespace("https://data.vlaanderen.be/ns/besluitvorming#")
DOSSIER = Namespace("https://data.vlaanderen.be/ns/dossier#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
MANDAAT = Namespace("http://data.vlaanderen.be/ns/mandaat#")
PERSON = Namespace("http://www.w3.org/ns/person#")
PERSOON = Namespace("https://data.vlaanderen.be/ns/persoon#")

# Kaleidos' agenda item types (frontend-kaleidos, constants AGENDA_ITEM_TYPES).
ITEM_TYPES = {
    ItemKind.NOTE: (
        "http://themis.vlaanderen.be/id/concept/agendapunt-type/dd47a8f8-3ad2-4d5a-8318-66fc02fe80fd",
        "Nota",
    ),
    ItemKind.ANNOUNCEMENT: (
        "http://themis.vlaanderen.be/id/concept/agendapunt-type/8f8adcf0-58ef-4edc-9e36-0c9095fd76b0",
        "Mededeling",
    ),
}
# Kaleidos' decision result codes (constants DECISION_RESULT_CODES).
RESULT_CODES = {
    DecisionResult.APPROVED: "http://themis.vlaanderen.be/id/concept/beslissing-resultaatcodes/56312c4b-9d2a-4735-b0b1-2ff14bb524fd",
    DecisionResult.POSTPONED: "http://themis.vlaanderen.be/id/concept/beslissing-resultaatcodes/a29b3ffd-0839-45cb-b8f4-e1760f7aacaa",
    DecisionResult.ACKNOWLEDGED: "http://themis.vlaanderen.be/id/concept/beslissing-resultaatcodes/9f342a88-9485-4a83-87d9-245ed4b504bf",
    DecisionResult.WITHDRAWN: "http://themis.vlaanderen.be/id/concept/beslissing-resultaatcodes/453a36e8-6fbd-45d3-b800-ec96e59f273b",
}
# A decision that is not a regulation: the EU Publications Office's resource type "Decision".
DECISION_TYPE = ("http://publications.europa.eu/resource/authority/resource-type/DEC", "Beslissing")
DUTCH = ("http://publications.europa.eu/resource/authority/language/NLD", "Nederlands")
# Unless an act sets its own date, it binds from the tenth day after its publication (wet van
# 31 mei 1961, art. 4; for decrees art. 56 of the special law of 8 August 1980). An act that sets
# another date says so in its text, which we do not parse.
ENTRY_INTO_FORCE_DAYS = 10


class Builder:
    """One graph, with the shared nodes (the governing body, mandatees, concepts) added once."""

    def __init__(self, base: str):
        self.base = base
        self.graph = Graph()
        for prefix, namespace in (
            ("besluit", BESLUIT), ("besluitvorming", BESLUITVORMING), ("dossier", DOSSIER), ("eli", ELI),
            ("dct", DCTERMS), ("prov", PROV), ("mandaat", MANDAAT), ("person", PERSON), ("persoon", PERSOON),
            ("skos", SKOS), ("foaf", FOAF), ("org", ORG), ("owl", OWL),
        ):  # fmt: skip
            self.graph.bind(prefix, namespace)
        self._done: set = set()
        # The original URIs of imported meetings, items and decisions, per meeting (one query each).
        self._origins: dict[int, dict[tuple[str, int], list[str]]] = {}

    def add(self, *triple) -> None:
        self.graph.add(triple)

    def uri(self, kind: str, key) -> URIRef:
        return URIRef(f"{self.base}/id/{kind}/{key}")

    def _once(self, node) -> bool:
        if node in self._done:
            return False
        self._done.add(node)
        return True

    def origins(self, meeting_id: int, kind: str, pk: int) -> list[str]:
        """Where an imported thing came from (`chancery import-decisions`): its source URI and the
        source's own owl:sameAs, published as owl:sameAs so the original URIs stay linked."""
        if meeting_id not in self._origins:
            found: dict[tuple[str, int], list[str]] = {}
            for record in ImportedRecord.objects.filter(meeting_id=meeting_id):
                key = record.meeting_id if record.kind == ImportKind.MEETING.value else record.item_id
                if key is not None and record.kind != ImportKind.DOCUMENT.value:
                    found[(record.kind, key)] = [record.source_uri, *record.same_as]
            # An act imported from ELI is its decision, not its agenda item.
            for (found_kind, key), uris in list(found.items()):
                decision = found.get((ImportKind.DECISION.value, key))
                if found_kind == ImportKind.ITEM.value and decision and decision[0] == uris[0]:
                    del found[(found_kind, key)]
            self._origins[meeting_id] = found
        return self._origins[meeting_id].get((str(kind), pk), [])

    def same_as(self, node: URIRef, uris: list[str]) -> None:
        for uri in uris:
            self.add(node, OWL.sameAs, URIRef(uri))

    def concept(self, uri: str, label: str, *types) -> URIRef:
        node = URIRef(uri)
        if self._once(node):
            for kind in (SKOS.Concept, *types):
                self.add(node, RDF.type, kind)
            self.add(node, SKOS.prefLabel, Literal(label, lang="nl"))
        return node

    # --- who decides -----------------------------------------------------------------------

    def governing_body(self) -> URIRef:
        body = settings.CHANCERY_GOVERNING_BODY
        organ = URIRef(body["uri"])
        if self._once(organ):
            unit = URIRef(body["unit"]["uri"])
            area = URIRef(body["unit"]["area"]["uri"])
            self.add(organ, RDF.type, BESLUIT.Bestuursorgaan)
            self.add(organ, SKOS.prefLabel, Literal(body["label"], lang="nl"))
            self.add(organ, ORG.classification, self.concept(*body["classification"]))
            self.add(organ, BESLUIT.bestuurt, unit)
            self.add(unit, RDF.type, BESLUIT.Bestuurseenheid)
            self.add(unit, SKOS.prefLabel, Literal(body["unit"]["label"], lang="nl"))
            self.add(unit, ORG.classification, self.concept(*body["unit"]["classification"]))
            self.add(unit, BESLUIT.werkingsgebied, area)
            self.add(area, RDF.type, PROV.Location)
            self.add(area, RDFS.label, Literal(body["unit"]["area"]["label"], lang="nl"))
        return organ

    def person(self, person) -> URIRef:
        node = self.uri("persoon", person.pk)
        if self._once(node):
            self.add(node, RDF.type, PERSON.Person)
            self.add(node, PERSOON.gebruikteVoornaam, Literal(person.first_name))
            self.add(node, FOAF.familyName, Literal(person.last_name))
        return node

    def mandatee(self, mandatee) -> URIRef:
        node = self.uri("mandataris", mandatee.pk)
        if self._once(node):
            self.add(node, RDF.type, MANDAAT.Mandataris)
            self.add(node, MANDAAT.isBestuurlijkeAliasVan, self.person(mandatee.person))
            self.add(node, DCTERMS.title, Literal(mandatee.title, lang="nl"))
            self.add(node, MANDAAT.start, Literal(mandatee.start.isoformat(), datatype=XSD.date))
            if mandatee.end:
                self.add(node, MANDAAT.einde, Literal(mandatee.end.isoformat(), datatype=XSD.date))
        return node

    def secretary(self, person) -> URIRef:
        """The secretary holds the office of secretary of the Government: a mandate of its own."""
        node = self.uri("mandataris/secretaris", person.pk)
        if self._once(node):
            self.add(node, RDF.type, MANDAAT.Mandataris)
            self.add(node, MANDAAT.isBestuurlijkeAliasVan, self.person(person))
            self.add(node, DCTERMS.title, Literal("Secretaris", lang="nl"))
        return node

    # --- the meeting -----------------------------------------------------------------------

    def meeting(self, meeting: Meeting, items, present: Attendance | None = None) -> URIRef:
        present = present or attendance(meeting)
        zitting = self.uri("zitting", meeting.uuid)
        start = timezone.localtime(meeting.starts_at)
        self.add(zitting, RDF.type, BESLUIT.Zitting)
        self.add(zitting, BESLUIT.isGehoudenDoor, self.governing_body())
        self.add(zitting, BESLUIT.geplandeStart, _datetime(start))
        self.add(zitting, PROV.startedAtTime, _datetime(start))
        self.add(zitting, PROV.endedAtTime, _datetime(_ended(meeting, start)))
        place = self.uri("locatie", meeting.uuid)
        self.add(zitting, PROV.atLocation, place)
        self.add(place, RDF.type, PROV.Location)
        self.add(place, RDFS.label, Literal(meeting.place))
        self._attendance(zitting, present, at_start=True)
        self.same_as(zitting, self.origins(meeting.pk, ImportKind.MEETING.value, meeting.pk))
        previous = None
        for item in items:
            punt, behandeling = self.item(item, present, previous)
            self.add(zitting, BESLUIT.behandelt, punt)
            previous = behandeling
        return zitting

    def _attendance(self, node, present: Attendance, *, at_start: bool = False) -> None:
        for member in present.present:
            self.add(
                node, BESLUIT.heeftAanwezigeBijStart if at_start else BESLUIT.heeftAanwezige, self.mandatee(member)
            )
        if present.chair:
            self.add(node, BESLUIT.heeftVoorzitter, self.mandatee(present.chair))
        if present.secretary:
            self.add(node, BESLUIT.heeftSecretaris, self.secretary(present.secretary))

    # --- an item, its treatment and its decision -------------------------------------------

    def item(self, item: AgendaItem, present: Attendance, previous=None) -> tuple[URIRef, URIRef]:
        punt = self.uri("agendapunt", item.lineage)
        behandeling = self.uri("behandeling-van-agendapunt", item.lineage)
        self.add(punt, RDF.type, BESLUIT.Agendapunt)
        self.add(punt, DCTERMS.title, Literal(item.title))
        self.add(punt, BESLUITVORMING.korteTitel, Literal(item.short_title))
        self.add(punt, BESLUIT.geplandOpenbaar, Literal(True))
        self.same_as(punt, self.origins(item.agenda.meeting_id, ImportKind.ITEM.value, item.pk))
        self.add(punt, BESLUIT["Agendapunt.type"], self.concept(*ITEM_TYPES[ItemKind(item.kind)]))
        summary = getattr(item, "press_summary", None)
        if summary is not None:
            self.add(punt, DCTERMS.description, Literal(summary.text))
        self.add(behandeling, RDF.type, BESLUIT.BehandelingVanAgendapunt)
        self.add(behandeling, DCTERMS.subject, punt)
        self.add(behandeling, BESLUIT.openbaar, Literal(True))
        if previous is not None:
            self.add(behandeling, BESLUIT.gebeurtNa, previous)
        self._attendance(behandeling, present)
        for link in getattr(item, "public_documents", []):
            self.add(punt, BESLUITVORMING.geagendeerdStuk, self.document(link.document, link.reference))
        decision = item.decision
        if decision is not None:
            self.decision(decision, item, behandeling)
        return punt, behandeling

    def decision(self, decision, item: AgendaItem, behandeling: URIRef) -> URIRef:
        besluit = self.uri("besluit", item.lineage)
        activity = self.uri("beslissingsactiviteit", item.lineage)
        day = timezone.localtime(item.agenda.meeting.starts_at).date()
        self.add(behandeling, PROV.generated, besluit)
        self.add(behandeling, BESLUITVORMING.heeftBeslissing, activity)
        self.add(activity, RDF.type, BESLUITVORMING.Beslissingsactiviteit)
        self.add(
            activity,
            BESLUITVORMING.resultaat,
            self.concept(RESULT_CODES[DecisionResult(decision.result)], decision.get_result_display()),
        )
        self.add(activity, PROV.generated, besluit)
        self.add(besluit, RDF.type, BESLUIT.Besluit)
        self.same_as(besluit, self.origins(item.agenda.meeting_id, ImportKind.DECISION.value, item.pk))
        self.add(besluit, PROV.wasGeneratedBy, behandeling)
        self.add(besluit, ELI.title, Literal(item.title))
        self.add(besluit, ELI.title_short, Literal(item.short_title))
        self.add(besluit, ELI.description, Literal(decision.text or decision.get_result_display()))
        self.add(besluit, PROV.value, Literal(decision.text or decision.get_result_display()))
        if decision.motivation:
            self.add(besluit, BESLUIT.motivering, Literal(decision.motivation, lang="nl"))
        self.add(besluit, ELI.language, self.concept(*DUTCH))
        self.add(besluit, ELI.date_publication, Literal(day.isoformat(), datatype=XSD.date))
        if decision.reference:
            self.add(besluit, DCTERMS.identifier, Literal(decision.reference))
        self.add(besluit, ELI.realizes, self.legal_basis(item, day))
        dossier = getattr(item, "visible_dossier", None)
        for theme in dossier.themes.all() if dossier else ():
            self.add(besluit, DCTERMS.subject, self.concept(theme.uri, theme.label))
        return besluit

    def legal_basis(self, item: AgendaItem, day: datetime.date) -> URIRef:
        """What the decision realises: the regulation (with its Belgian ELI once the Gazette has
        published it) or, for any other decision, a legal resource of type Decision."""
        publication = _published_regulation(item)
        if publication is not None:
            uri, label, _eli_type = LEGISLATION[RegulationType(publication.regulation_type)]
            resource = URIRef(eli_of(publication))
            kind = self.concept(uri, label, ELI.ResourceType)
            in_force = publication.published_on + datetime.timedelta(days=ENTRY_INTO_FORCE_DAYS)
            self.add(resource, ELI.id_local, Literal(publication.numac))
            self.add(resource, ELI.date_document, Literal(day.isoformat(), datatype=XSD.date))
            self.add(resource, ELI.date_publication, Literal(publication.published_on.isoformat(), datatype=XSD.date))
            self.add(resource, ELI.first_date_entry_in_force, Literal(in_force.isoformat(), datatype=XSD.date))
        else:
            resource = self.uri("rechtsgrond", item.lineage)
            kind = self.concept(*DECISION_TYPE, ELI.ResourceType)
            self.add(resource, ELI.first_date_entry_in_force, Literal(day.isoformat(), datatype=XSD.date))
        article = URIRef(f"{resource}/artikel/1")
        self.add(resource, RDF.type, ELI.LegalResource)
        self.add(resource, ELI.type_document, kind)
        self.add(resource, ELI.passed_by, self.governing_body())
        self.add(resource, ELI.has_part, article)
        self.add(article, RDF.type, ELI.LegalResourceSubdivision)
        self.add(article, ELI.is_part_of, resource)
        return resource

    def document(self, document, reference: str = "") -> URIRef:
        node = self.uri("stuk", document.uuid)
        if self._once(node):
            self.add(node, RDF.type, DOSSIER.Stuk)
            self.add(node, RDF.type, FOAF.Document)
            self.add(node, DCTERMS.title, Literal(document.title))
            self.add(node, DCTERMS.created, _datetime(timezone.localtime(document.created_at)))
            self.add(node, DCTERMS.type, self.concept(*document_kind(document.kind, self.base)))
            if reference:
                self.add(node, BESLUITVORMING.volgnummer, Literal(reference))
            if document.version_count:
                download = reverse("document_download", args=[document.uuid, document.version_count])
                self.add(node, PROV.value, Literal(f"{self.base}{download}"))
                self.add(node, FOAF.page, URIRef(f"{self.base}{download}"))
        return node


# Kaleidos' document types (frontend-kaleidos/services constants DOCUMENT_TYPES); the kinds without a
# published Kaleidos concept get ours under the site's own /id/ namespace.
KALEIDOS_DOCUMENT_TYPES = {
    "note": "http://themis.vlaanderen.be/id/concept/document-type/f2b0f655-8ed7-4f61-8f2b-ca813de7a6ed",
    "advice": "http://themis.vlaanderen.be/id/concept/document-type/fb931eff-38f2-4743-802b-4240c35b8b0c",
    "explanatory_memorandum": "http://themis.vlaanderen.be/id/concept/document-type/f036e016-268e-4611-8fee-77d2047b51d8",
    "decision_sheet": "http://themis.vlaanderen.be/id/concept/document-type/e807feec-1958-46cf-a558-3379b5add49e",
    "draft_decree": "https://data.vlaanderen.be/id/concept/AardWetgeving/Decreet",
}


def document_kind(kind: str, base: str) -> tuple[str, str]:
    label = str(DocumentKind(kind).label)
    return KALEIDOS_DOCUMENT_TYPES.get(kind, f"{base}/id/concept/document-type/{kind}"), label


def _datetime(moment: datetime.datetime) -> Literal:
    return Literal(moment.isoformat(), datatype=XSD.dateTime)


def _ended(meeting: Meeting, start: datetime.datetime) -> datetime.datetime:
    """The secretariat approves the final agenda when the meeting ends; that is our end time."""
    final = meeting.agendas.filter(is_final=True).values_list("approved_at", flat=True).first()
    return timezone.localtime(final) if final and final > start else start


def eli_of(publication) -> str | None:
    """The Belgian ELI of a published regulation, or None (not published, or not a kind of act the
    Belgian ELI covers). The act bears the date of the meeting that adopted (or sanctioned) it; the
    ELI's last segment is the NUMAC the Gazette gave."""
    if publication.regulation_type not in LEGISLATION or not publication.numac or not publication.published_on:
        return None
    day = timezone.localtime(publication.decision_item.agenda.meeting.starts_at).date()
    return belgian_eli(publication.regulation_type, day, publication.numac)


def _published_regulation(item: AgendaItem):
    publication = (
        item.publications.filter(step=PublicationStep.PUBLISHED, regulation_type__in=list(LEGISLATION))
        .exclude(numac="")
        .exclude(published_on=None)
        .first()
    )
    return publication


# --- what the views call ---------------------------------------------------------------------


def meeting_graph(meeting: Meeting, user, base: str) -> Graph:
    builder = Builder(base)
    builder.meeting(meeting, meeting_items(meeting, user))
    return builder.graph


def item_graph(item: AgendaItem, base: str) -> Graph:
    """One item with its treatment and decision; `item` comes from queries.meeting_items."""
    builder = Builder(base)
    builder.item(item, attendance(item.agenda.meeting))
    return builder.graph


def document_graph(document, base: str) -> Graph:
    builder = Builder(base)
    builder.document(document)
    return builder.graph
