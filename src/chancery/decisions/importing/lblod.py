"""Meetings, items and decisions from a graph in the OSLO decision vocabulary (besluit), as Flemish
local governments publish them (LBLOD): a besluit:Zitting that besluit:behandelt its
besluit:Agendapunt items, each treated in a besluit:BehandelingVanAgendapunt (dct:subject) that
says whether it was public (besluit:openbaar) and prov:generated the besluit:Besluit."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from rdflib import OWL, RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from chancery.decisions.importing.records import Problem, Reading, SourceDecision, SourceItem, SourceMeeting

BESLUIT = Namespace("http://data.vlaanderen.be/ns/besluit#")
MANDAAT = Namespace("http://data.vlaanderen.be/ns/mandaat#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")


def text(graph: Graph, subject, *predicates) -> str:
    """The first non-empty literal of the predicates, its white space collapsed."""
    for predicate in predicates:
        for value in graph.objects(subject, predicate):
            if isinstance(value, Literal):
                cleaned = " ".join(str(value).split())
                if cleaned:
                    return cleaned
    return ""


def moment(graph: Graph, subject, *predicates) -> datetime.datetime | None:
    for predicate in predicates:
        for value in graph.objects(subject, predicate):
            parsed = value.toPython() if isinstance(value, Literal) else None
            if isinstance(parsed, str):
                try:
                    parsed = datetime.datetime.fromisoformat(parsed.strip().replace("Z", "+00:00"))
                except ValueError:
                    continue
            if isinstance(parsed, datetime.datetime):
                return timezone.make_aware(parsed) if timezone.is_naive(parsed) else parsed
            if isinstance(parsed, datetime.date):
                return timezone.make_aware(datetime.datetime.combine(parsed, datetime.time(12)))
    return None


def _flag(graph: Graph, subject, predicate) -> bool | None:
    for value in graph.objects(subject, predicate):
        return str(value).strip().lower() in ("true", "1")
    return None


def body_label(graph: Graph, body) -> str:
    if body is None:
        return ""
    label = text(graph, body, SKOS.prefLabel)
    if label:
        return label
    for general in graph.objects(body, MANDAAT.isTijdspecialisatieVan):
        label = text(graph, general, SKOS.prefLabel)
        if label:
            return label
    return ""


def meetings(graph: Graph, reading: Reading, file_name: str, order: dict[str, int] | None = None) -> None:
    """Every besluit:Zitting of the graph as a record of `reading`."""
    order = order or {}
    sessions = sorted(set(graph.subjects(RDF.type, BESLUIT.Zitting)), key=lambda s: (order.get(str(s), 0), str(s)))
    treatments = {}
    for treatment in graph.subjects(RDF.type, BESLUIT.BehandelingVanAgendapunt):
        for item in graph.objects(treatment, DCTERMS.subject):
            treatments[item] = treatment
    for number, session in enumerate(sessions, start=1):
        position = _("meeting %(number)d") % {"number": number}
        if not isinstance(session, URIRef):
            reading.problems.append(Problem(f"{file_name}, {position}", _("The meeting has no URI of its own.")))
            continue
        body = next(iter(graph.objects(session, BESLUIT.isGehoudenDoor)), None)
        found = SourceMeeting(
            position=position,
            uri=str(session),
            starts_at=moment(graph, session, BESLUIT.geplandeStart, PROV.startedAtTime),
            body=body_label(graph, body),
            place=text(graph, session, PROV.atLocation).strip("*").strip(),
            same_as=[str(o) for o in graph.objects(session, OWL.sameAs)],
        )
        items = sorted(set(graph.objects(session, BESLUIT.behandelt)), key=lambda s: (order.get(str(s), 0), str(s)))
        for item in items:
            treatment = treatments.get(item)
            public = _flag(graph, treatment, BESLUIT.openbaar) if treatment is not None else None
            if public is None:
                public = _flag(graph, item, BESLUIT.geplandOpenbaar)
            if public is False:
                reading.not_public += 1
                continue
            decision = None
            generated = next(iter(graph.objects(treatment, PROV.generated)), None) if treatment is not None else None
            if generated is not None and (generated, RDF.type, BESLUIT.Besluit) in graph:
                decision = SourceDecision(
                    uri=str(generated),
                    title=text(graph, generated, ELI.title, ELI.title_short),
                    text=text(graph, generated, ELI.description, PROV.value),
                    motivation=text(graph, generated, BESLUIT.motivering),
                    same_as=[str(o) for o in graph.objects(generated, OWL.sameAs)],
                )
            title = text(graph, item, DCTERMS.title) or (decision.title if decision else "")
            found.items.append(SourceItem(uri=str(item), title=title, decision=decision))
        reading.meetings.append(found)
