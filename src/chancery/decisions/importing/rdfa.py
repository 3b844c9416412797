"""HTML with RDFa (1.1) into an rdflib graph.

rdflib dropped its RDFa parser in version 6 and no maintained RDFa processor is among our
dependencies (pyRdfa3 and extruct are not; html5rdf, which rdflib uses, only parses HTML literals),
so this is a compact RDFa 1.1 Core processor over lxml's HTML tree: `prefix`, `vocab`, `about`,
`resource`, `href`, `src`, `typeof`, `property`, `rel`/`rev`, `content`, `datatype`, `lang` and
chaining through incomplete triples, as the processing rules of the W3C recommendation (section 7.5)
describe them. It leaves out what LBLOD publications do not use: `inlist`, XML literals (kept as
plain text) and the host-language-specific `<head>`/`<body>` subject defaults."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import lxml.html
from django.utils.translation import gettext as _
from lxml import etree
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from chancery.decisions.importing.records import Unreadable

# The prefixes of the RDFa initial context that LBLOD pages rely on without declaring them.
INITIAL_PREFIXES = {
    "rdf": str(RDF),
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": str(XSD),
    "owl": "http://www.w3.org/2002/07/owl#",
    "dc": "http://purl.org/dc/terms/",
    "dcterms": "http://purl.org/dc/terms/",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "schema": "http://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
}
PLAIN = {"http://www.w3.org/1999/02/22-rdf-syntax-ns#XMLLiteral", "http://www.w3.org/1999/02/22-rdf-syntax-ns#HTML"}


@dataclass
class _Context:
    base: str
    subject: object
    object: object
    prefixes: dict
    vocab: str | None
    lang: str | None
    incomplete: list = field(default_factory=list)  # (predicate, forward?)


class Processor:
    def __init__(self, base: str):
        self.graph = Graph()
        self.base = base
        self.order: dict[str, int] = {}  # the first position of each subject in the page

    def _iri(self, value: str, context: _Context) -> str:
        value = value.strip()
        if value.startswith("[") and value.endswith("]"):
            value = value[1:-1]
        prefix, colon, reference = value.partition(":")
        if colon and not reference.startswith("//"):
            if prefix == "_":
                return value
            if prefix.lower() in context.prefixes:
                return context.prefixes[prefix.lower()] + reference
        if "://" in value or value.startswith(("urn:", "mailto:")):
            return value
        return urljoin(context.base, value)

    def _resource(self, value: str | None, context: _Context):
        if value is None:
            return None
        iri = self._iri(value, context)
        return BNode(iri[2:]) if iri.startswith("_:") else URIRef(iri)

    def _terms(self, value: str | None, context: _Context) -> list[URIRef]:
        """The IRIs of a `property`, `rel`, `rev`, `typeof` or `datatype` attribute."""
        terms = []
        for token in (value or "").split():
            prefix, colon, reference = token.partition(":")
            if colon and prefix.lower() in context.prefixes and not reference.startswith("//"):
                terms.append(URIRef(context.prefixes[prefix.lower()] + reference))
            elif colon and "://" in token:
                terms.append(URIRef(token))
            elif not colon and context.vocab:
                terms.append(URIRef(context.vocab + token))
        return terms

    def _add(self, subject, predicate, obj) -> None:
        if isinstance(subject, URIRef):
            self.order.setdefault(str(subject), len(self.order))
        self.graph.add((subject, predicate, obj))

    def walk(self, element, context: _Context) -> None:
        attributes = element.attrib
        prefixes = context.prefixes
        if "prefix" in attributes:
            prefixes = dict(prefixes)
            tokens = attributes["prefix"].split()
            for name, iri in zip(tokens[::2], tokens[1::2], strict=False):
                if name.endswith(":"):
                    prefixes[name[:-1].lower()] = iri
        vocab = attributes.get("vocab", context.vocab) or None
        lang = attributes.get("lang", attributes.get("{http://www.w3.org/XML/1998/namespace}lang", context.lang))
        here = _Context(context.base, context.subject, context.object, prefixes, vocab, lang)
        about = self._resource(attributes.get("about"), here)
        pointed = next(
            (
                self._resource(attributes[a], here)
                for a in ("resource", "href", "src")
                if attributes.get(a) is not None and not attributes[a].startswith("data:")
            ),
            None,
        )
        types = self._terms(attributes.get("typeof"), here)
        properties = self._terms(attributes.get("property"), here)
        rels, revs = self._terms(attributes.get("rel"), here), self._terms(attributes.get("rev"), here)
        has_typeof = "typeof" in attributes
        skip = False
        new_subject, current_object, typed = None, None, None
        if not rels and not revs:
            if properties and "content" not in attributes and "datatype" not in attributes:
                new_subject = about if about is not None else context.object
                if has_typeof:
                    typed = about if about is not None else (pointed if pointed is not None else BNode())
                    current_object = typed if about is None else None
            else:
                new_subject = about if about is not None else pointed
                if new_subject is None and has_typeof:
                    new_subject = BNode()
                if new_subject is None:
                    new_subject = context.object
                    skip = not properties
                if has_typeof:
                    typed = new_subject
        else:
            new_subject = about if about is not None else context.object
            if has_typeof and about is not None:
                typed = about
            current_object = pointed
            if current_object is None and has_typeof and about is None:
                current_object = BNode()
            if has_typeof and about is None:
                typed = current_object
        for kind in types if typed is not None else ():
            self._add(typed, RDF.type, kind)
        if current_object is not None:
            for predicate in rels:
                self._add(new_subject, predicate, current_object)
            for predicate in revs:
                self._add(current_object, predicate, new_subject)
        incomplete = []
        if current_object is None and (rels or revs):
            # The object is only bound when a descendant names a subject (RDFa 7.5 step 7).
            incomplete = [(p, True) for p in rels] + [(p, False) for p in revs]
        if properties:
            datatype = self._terms(attributes.get("datatype"), here) if attributes.get("datatype") else []
            if datatype and str(datatype[0]) not in PLAIN:
                value = Literal(attributes.get("content", element.text_content()), datatype=datatype[0])
            elif "content" in attributes:
                value = Literal(attributes["content"], lang=lang or None)
            elif not rels and not revs and pointed is not None and "datatype" not in attributes:
                value = pointed
            elif has_typeof and about is None and "datatype" not in attributes:
                value = typed
            else:
                value = Literal(" ".join(element.text_content().split()), lang=lang or None)
            for predicate in properties:
                self._add(new_subject, predicate, value)
        if not skip and new_subject is not None and context.incomplete:
            for predicate, forward in context.incomplete:
                if forward:
                    self._add(context.subject, predicate, new_subject)
                else:
                    self._add(new_subject, predicate, context.subject)
        child = _Context(
            context.base,
            context.subject if skip else new_subject,
            (context.object if skip else (current_object if current_object is not None else new_subject)),
            prefixes,
            vocab,
            lang,
            context.incomplete if skip else incomplete,
        )
        if incomplete:
            child.subject = new_subject
        for node in element:
            if isinstance(node.tag, str):
                self.walk(node, child)


def parse(path: Path, base: str) -> Processor:
    """The RDFa of an HTML file, with `base` for its relative references (the file's own address)."""
    try:
        with path.open("rb") as handle:
            root = lxml.html.parse(handle).getroot()
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise Unreadable(_("This is not an HTML page that can be read (%(error)s).") % {"error": exc}) from None
    processor = Processor(base)
    if root is None:
        return processor
    declared = root.find(".//base")
    if declared is not None and declared.get("href"):
        base = declared.get("href")
    start = URIRef(base)
    processor.walk(root, _Context(base, start, start, dict(INITIAL_PREFIXES), None, None))
    return processor
