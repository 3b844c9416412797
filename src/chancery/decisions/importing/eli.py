"""Legislation described with the European Legislation Identifier ontology (ELI), in N-Triples or
Turtle, as the Belgian Official Gazette publishes it (ejustice ELI URIs; Kaleidos loads them the
same way): an eli:LegalResource, realised by an eli:LegalExpression (title, language) and embodied
in an eli:Format. Each legal resource is one record: the Government's adoption of the act on its
eli:date_document, imported as a meeting of that day with one item and its decision.

A Turtle file in the OSLO decision vocabulary (besluit:Zitting …) is read as LBLOD's RDFa is.

N-Triples (`.nt`) is streamed: read line by line into an on-disk staging table (SQLite, in batches),
then each legal resource is built from its own triples and those of the subjects it links to (its
expression), one act at a time, so memory does not follow the file. Turtle cannot be cut into lines
(prefixes, multi-line statements) and OSLO decisions need the whole graph (a session, its items and
their treatments refer to each other), so those are parsed whole, up to `limits.max_whole_bytes()`."""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from rdflib import OWL, RDF, BNode, Graph, Literal, Namespace
from rdflib.plugins.parsers.ntriples import W3CNTriplesParser

from chancery.decisions.importing import lblod
from chancery.decisions.importing.limits import MAX_LINE_BYTES, NT_BATCH_LINES, max_whole_bytes
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


def too_large_to_read_whole(path: Path, size: int) -> Unreadable:
    return Unreadable(
        _(
            "The file is %(size)s; this format is read whole, so files up to %(max)s are imported. "
            "Split the export into smaller files, or export it as N-Triples or meeting JSON, which are read in parts."
        )
        % {"size": filesizeformat(size), "max": filesizeformat(max_whole_bytes())}
    )


def _whole(path: Path) -> Graph:
    size = path.stat().st_size
    if size > max_whole_bytes():
        raise too_large_to_read_whole(path, size)
    return parse(path)


def _unknown_problem(path: Path, subject, kind) -> Problem:
    return Problem(
        f"{path.name}, {subject}",
        _("Unknown type %(type)s: the import reads ELI legal resources and OSLO decisions only.") % {"type": kind},
    )


def _no_resource(kinds: list[str]) -> Unreadable:
    listed = ", ".join(sorted(kinds)[:3]) or _("no types at all")
    return Unreadable(
        _("No ELI legal resource (eli:LegalResource) in this file; it holds %(kinds)s.") % {"kinds": listed}
    )


def _record(graph: Graph, resource, number: int) -> SourceMeeting:
    """One legal resource of `graph` (which holds at least its triples and its expression's)."""
    expression = next(iter(graph.objects(resource, ELI.is_realized_by)), None)
    title = lblod.text(graph, resource, ELI.title) or (
        lblod.text(graph, expression, ELI.title) if expression is not None else ""
    )
    same_as = [str(o) for o in graph.objects(resource, OWL.sameAs)]
    responsible = lblod.text(graph, resource, ELI.responsibility_of)
    decision = SourceDecision(uri=str(resource), title=title, text=title, same_as=same_as)
    return SourceMeeting(
        position=_("legal resource %(number)d") % {"number": number},
        uri=str(resource),
        starts_at=lblod.moment(graph, resource, ELI.date_document),
        body=responsible.title() if responsible.isupper() else responsible,
        items=[SourceItem(uri=str(resource), title=title, decision=decision, same_as=same_as)],
        same_as=same_as,
    )


def _from_graph(path: Path, graph: Graph) -> Reading:
    reading = Reading(source="eli")
    if (None, RDF.type, lblod.BESLUIT.Zitting) in graph:
        lblod.meetings(graph, reading, path.name)
        return reading
    resources = sorted(set(graph.subjects(RDF.type, ELI.LegalResource)), key=str)
    typed = sorted({(s, t) for s, t in graph.subject_objects(RDF.type)}, key=lambda pair: str(pair[0]))
    unknown = [(s, t) for s, t in typed if t not in KNOWN and t not in DECISION_TYPES]
    if not resources:
        raise _no_resource(list({str(t) for _s, t in unknown}))
    reading.problems.extend(_unknown_problem(path, subject, kind) for subject, kind in unknown)
    reading.meetings = [_record(graph, resource, number) for number, resource in enumerate(resources, start=1)]
    return reading


class _LastTriple:
    """The parser's sink: keeps the triple of the line just parsed."""

    triple_of_line = None

    def triple(self, s, p, o):
        self.triple_of_line = (s, p, o)


def _key(term) -> str:
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def _stage(path: Path, db: sqlite3.Connection) -> int | None:
    """Every triple of the file into the staging table, line by line, in batches. Returns the
    number of the first line that is not N-Triples (nothing more is read), or None."""
    db.execute("CREATE TABLE triple (n INTEGER PRIMARY KEY, s TEXT, p TEXT, o TEXT, line TEXT)")
    sink = _LastTriple()
    parser = W3CNTriplesParser(sink=sink)
    blank_nodes: dict = {}
    batch = []
    number = 0
    with path.open("rb") as handle:
        while raw := handle.readline(MAX_LINE_BYTES + 1):
            number += 1
            if len(raw) > MAX_LINE_BYTES:
                raise Unreadable(
                    _("Line %(line)d is longer than %(max)s: this is no N-Triples file as exports write them.")
                    % {"line": number, "max": filesizeformat(MAX_LINE_BYTES)}
                )
            try:
                line = raw.decode("utf-8").strip()
            except UnicodeDecodeError:
                return number
            if not line or line.startswith("#"):
                continue
            sink.triple_of_line = None
            parser.line = line
            try:
                parser.parseline(bnode_context=blank_nodes)
            except Exception:  # rdflib's parser raises several kinds; each means "not N-Triples"
                return number
            if sink.triple_of_line is None:
                return number
            s, p, o = sink.triple_of_line
            batch.append((_key(s), str(p), None if isinstance(o, Literal) else _key(o), line))
            if len(batch) >= NT_BATCH_LINES:
                db.executemany("INSERT INTO triple (s, p, o, line) VALUES (?, ?, ?, ?)", batch)
                batch.clear()
    db.executemany("INSERT INTO triple (s, p, o, line) VALUES (?, ?, ?, ?)", batch)
    db.execute("CREATE INDEX triple_s ON triple (s)")
    db.execute("CREATE INDEX triple_po ON triple (p, o)")
    return None


def _merged(reading: Reading, whole: Reading) -> Iterator[SourceMeeting]:
    reading.problems.extend(whole.problems)
    reading.not_public += whole.not_public
    yield from whole.meetings


def _streamed(path: Path, reading: Reading) -> Iterator[SourceMeeting]:
    with tempfile.TemporaryDirectory(prefix="chancery-import-") as folder:
        db = sqlite3.connect(Path(folder) / "staging.sqlite3")
        try:
            bad_line = _stage(path, db)
            if bad_line is not None:
                if path.stat().st_size <= max_whole_bytes():
                    # Perhaps Turtle under an .nt name: the whole-file parse says what it is not.
                    yield from _merged(reading, _from_graph(path, parse(path)))
                    return
                raise Unreadable(_("Line %(line)d is not N-Triples.") % {"line": bad_line})
            kind = str(RDF.type)
            if db.execute(
                "SELECT 1 FROM triple WHERE p = ? AND o = ? LIMIT 1", (kind, str(lblod.BESLUIT.Zitting))
            ).fetchone():
                # OSLO decisions: the whole graph, within the limit of a file read whole.
                yield from _merged(reading, _from_graph(path, _whole(path)))
                return
            known = {str(t) for t in KNOWN | DECISION_TYPES}
            unknown = [
                (s, o)
                for s, o in db.execute("SELECT DISTINCT s, o FROM triple WHERE p = ? ORDER BY s, o", (kind,))
                if o not in known
            ]
            resource_type = str(ELI.LegalResource)
            if not db.execute("SELECT 1 FROM triple WHERE p = ? AND o = ? LIMIT 1", (kind, resource_type)).fetchone():
                raise _no_resource(list({o for _s, o in unknown}))
            reading.problems.extend(_unknown_problem(path, s, o) for s, o in unknown)
            resources = db.cursor().execute(
                "SELECT DISTINCT s FROM triple WHERE p = ? AND o = ? ORDER BY s", (kind, resource_type)
            )
            for number, (subject,) in enumerate(resources, start=1):
                lines = [
                    line
                    for (line,) in db.execute(
                        "SELECT line FROM triple WHERE s = ? OR s IN (SELECT o FROM triple WHERE s = ?) ORDER BY n",
                        (subject, subject),
                    )
                ]
                graph = Graph().parse(data="\n".join(lines), format="nt")
                resource = next(r for r in graph.subjects(RDF.type, ELI.LegalResource) if _key(r) == subject)
                yield _record(graph, resource, number)
        finally:
            db.close()


def read(path: Path) -> Reading:
    """N-Triples streamed; Turtle (and OSLO decisions in any syntax) parsed whole, within the limit."""
    if path.suffix.lower() in (".nt", ".ntriples"):
        reading = Reading(source="eli")
        reading.meetings = _streamed(path, reading)
        return reading
    return _from_graph(path, _whole(path))
