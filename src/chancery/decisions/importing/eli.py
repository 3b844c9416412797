"""Legislation described with the European Legislation Identifier ontology (ELI), in N-Triples or
Turtle, as the Belgian Official Gazette publishes it (ejustice ELI URIs; Kaleidos loads them the
same way): an eli:LegalResource, realised by an eli:LegalExpression (title, language) and embodied
in an eli:Format. Each legal resource is one record: the Government's adoption of the act on its
eli:date_document, imported as a meeting of that day with one item and its decision.

A Turtle file in the OSLO decision vocabulary (besluit:Zitting …) is read as LBLOD's RDFa is."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _
from rdflib import OWL, RDF, Graph, Namespace

from chancery.decisions.importing import lblod
from chancery.decisions.importing.records import Problem, Reading, SourceDecision, SourceItem, SourceMeeting, Unreadable

ELI = Namespace("http://data.europa.eu/eli/ontology#")
# The types an ELI file may hold; anything else is a record the import does not know.
KNOWN = {ELI.LegalResource, ELI.LegalExpression, ELI.Format, ELI.Work, ELI.Expression, ELI.Manifestation}
DECISION_TYPES = {lblod.BESLUIT[name] for name in (
    "Zitting", "Agendapunt", "BehandelingVanAgendapunt", "Besluit", "Bestuursorgaan", "Stemming", "Artikel",
    "Bestuurseenheid", "Besluitenlijst",
)} | {lblod.MANDAAT.Mandataris}  # fmt: skip


def parse(path: Path) -> Graph:
    graph = Graph()
    first = "nt" if path.suffix.lower() in (".nt", ".ntriples") else "turtle"
    errors = []
    for syntax in (first, "turtle" if first == "nt" else "nt"):
        try:
            graph.parse(path, format=syntax)
            return graph
        except Exception as exc:  # rdflib's parsers raise many kinds; each means "not this syntax"
            errors.append(str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__)
            graph = Graph()
    raise Unreadable(_("This is neither N-Triples nor Turtle (%(error)s).") % {"error": errors[0]})


def read(path: Path) -> Reading:
    graph = parse(path)
    if (None, RDF.type, lblod.BESLUIT.Zitting) in graph:
        reading = Reading(source="eli")
        lblod.meetings(graph, reading, path.name)
        return reading
    reading = Reading(source="eli")
    resources = sorted(set(graph.subjects(RDF.type, ELI.LegalResource)), key=str)
    typed = sorted({(s, t) for s, t in graph.subject_objects(RDF.type)}, key=lambda pair: str(pair[0]))
    unknown = [(s, t) for s, t in typed if t not in KNOWN and t not in DECISION_TYPES]
    if not resources:
        kinds = ", ".join(sorted({str(t) for _s, t in unknown})[:3]) or _("no types at all")
        raise Unreadable(
            _("No ELI legal resource (eli:LegalResource) in this file; it holds %(kinds)s.") % {"kinds": kinds}
        )
    for subject, kind in unknown:
        reading.problems.append(
            Problem(
                f"{path.name}, {subject}",
                _("Unknown type %(type)s: the import reads ELI legal resources and OSLO decisions only.")
                % {"type": kind},
            )
        )
    for number, resource in enumerate(resources, start=1):
        expression = next(iter(graph.objects(resource, ELI.is_realized_by)), None)
        title = lblod.text(graph, resource, ELI.title) or (
            lblod.text(graph, expression, ELI.title) if expression is not None else ""
        )
        same_as = [str(o) for o in graph.objects(resource, OWL.sameAs)]
        responsible = lblod.text(graph, resource, ELI.responsibility_of)
        decision = SourceDecision(uri=str(resource), title=title, text=title, same_as=same_as)
        reading.meetings.append(
            SourceMeeting(
                position=_("legal resource %(number)d") % {"number": number},
                uri=str(resource),
                starts_at=lblod.moment(graph, resource, ELI.date_document),
                body=responsible.title() if responsible.isupper() else responsible,
                items=[SourceItem(uri=str(resource), title=title, decision=decision, same_as=same_as)],
                same_as=same_as,
            )
        )
    return reading
