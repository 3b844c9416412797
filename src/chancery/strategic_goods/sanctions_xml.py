"""Reading the EU consolidated financial-sanctions list from the Commission's XML export
(Financial Sanctions Database, namespace http://eu.europa.ec/fpi/fsd/export): a file format, read
with lxml (no entities, no DTD, no network) into plain data (`ExportData`); loading it is the use
case `services.sanctions.load_sanctions`.

The whole file is checked before anything is returned: against the official XML Schema when the
operator configured it (`CHANCERY_SANCTIONS_SCHEMA`, the XSD downloaded with the list), and in every
case against our own checks: `SPEC`, written from what the schema requires of each element (required
attributes and their types, order and number of children), and what the loader relies on (unique
identifiers, a name per entry, a list that is not empty). A file that fails raises
`SanctionsFileError` with what is wrong and where.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from lxml import etree

NS = "http://eu.europa.ec/fpi/fsd/export"
INVENTED_MARK = "INVENTED"
MAX_ERRORS = 20

COUNTRY_CARRIERS = ("citizenship", "address", "birthdate", "identification")
# ISO 3166-1 alpha-2, or "00" which the export uses for an unknown country.
ISO2 = re.compile(r"^([A-Z]{2}|00)$")
XS_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")
XS_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?$")


class SanctionsFileError(Exception):
    """The file does not conform; `errors` are messages that say what and where."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class AliasData:
    whole_name: str
    first_name: str = ""
    middle_name: str = ""
    last_name: str = ""
    strong: bool = False
    language: str = ""


@dataclass
class EntityData:
    logical_id: int
    eu_reference_number: str
    united_nations_id: str
    subject_type: str
    programme: str
    regulation: str
    designation_date: datetime.date | None
    remark: str
    aliases: list[AliasData] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)


@dataclass
class ExportData:
    generation_date: datetime.datetime
    global_file_id: int
    entities: list[EntityData]

    @property
    def is_demo(self) -> bool:
        return bool(self.entities) and all(INVENTED_MARK in entity.remark for entity in self.entities)


def _parser() -> etree.XMLParser:
    # No entities, no DTDs, no network: the file comes from outside.
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)


def schema_errors(path: Path, schema_path: Path) -> list[str]:
    """Messages of the official XML Schema for the file (empty when it conforms)."""
    schema = etree.XMLSchema(etree.parse(str(schema_path), _parser()))
    document = etree.parse(str(path), _parser())
    if schema.validate(document):
        return []
    return [
        _("line %(line)s: %(message)s (XML Schema)") % {"line": error.line, "message": error.message}
        for error in list(schema.error_log)[:MAX_ERRORS]
    ]


def configured_schema() -> Path | None:
    """The XSD the operator downloaded with the list, when configured."""
    value = getattr(settings, "CHANCERY_SANCTIONS_SCHEMA", "")
    return Path(value) if value else None


class _Checker:
    def __init__(self):
        self.errors: list[str] = []

    def error(self, element, message: str) -> None:
        if len(self.errors) < MAX_ERRORS:
            name = etree.QName(element).localname if element is not None else "export"
            line = element.sourceline if element is not None else "?"
            self.errors.append(
                _("line %(line)s, element <%(element)s>: %(message)s")
                % {"line": line, "element": name, "message": message}
            )

    def required(self, element, attribute: str, max_length: int | None = None) -> str:
        value = element.get(attribute)
        if value is None or not value.strip():
            self.error(element, _("the attribute %(attribute)s is missing") % {"attribute": attribute})
            return ""
        if max_length and len(value) > max_length:
            self.error(
                element,
                _("the attribute %(attribute)s is longer than %(max)s characters")
                % {"attribute": attribute, "max": max_length},
            )
        return value.strip()

    def integer(self, element, attribute: str, required: bool = True) -> int | None:
        value = element.get(attribute)
        if value is None:
            if required:
                self.error(element, _("the attribute %(attribute)s is missing") % {"attribute": attribute})
            return None
        try:
            if not re.fullmatch(r"[+-]?\d+", value.strip()):
                raise ValueError(value)
            return int(value.strip())
        except ValueError:
            self.error(
                element,
                _("%(attribute)s=“%(value)s” is not a whole number") % {"attribute": attribute, "value": value},
            )
            return None

    def date(self, element, attribute: str, required: bool = False) -> datetime.date | None:
        value = element.get(attribute)
        if value is None or value == "":
            if required:
                self.error(element, _("the attribute %(attribute)s is missing") % {"attribute": attribute})
            return None
        try:
            # xs:date may carry a time zone (2022-03-15+01:00); the day is what counts.
            if not XS_DATE.match(value.strip()):
                raise ValueError(value)
            return datetime.date.fromisoformat(value.strip()[:10])
        except ValueError:
            self.error(
                element,
                _("%(attribute)s=“%(value)s” is not a date (YYYY-MM-DD)") % {"attribute": attribute, "value": value},
            )
            return None


def _tag(element) -> tuple[str | None, str]:
    qname = etree.QName(element)
    return qname.namespace, qname.localname


def read_export(path: Path) -> ExportData:
    """Parse and check the whole file; a SanctionsFileError lists every problem found."""
    try:
        document = etree.parse(str(path), _parser())
    except etree.XMLSyntaxError as exc:
        raise SanctionsFileError([_("line %(line)s: not well-formed XML (%(message)s)") % {
            "line": exc.lineno, "message": exc.msg}]) from exc  # fmt: skip
    except OSError as exc:
        raise SanctionsFileError([_("the file cannot be read (%(message)s)") % {"message": exc}]) from exc
    root = document.getroot()
    check = _Checker()
    namespace, name = _tag(root)
    if name != "export" or namespace != NS:
        check.error(
            root,
            _("the root element must be <export> in the namespace %(ns)s (the EU FSD XML export)") % {"ns": NS},
        )
        raise SanctionsFileError(check.errors)
    generation = None
    raw = check.required(root, "generationDate")
    if raw:
        try:
            if not XS_DATETIME.match(raw):
                raise ValueError(raw)
            generation = datetime.datetime.fromisoformat(raw)
        except ValueError:
            check.error(root, _("generationDate=“%(value)s” is not a date and time") % {"value": raw})
    file_id = check.integer(root, "globalFileId")
    entities: list[EntityData] = []
    seen: set[int] = set()
    for child in root:
        if not isinstance(child.tag, str):
            continue  # comments and processing instructions
        namespace, name = _tag(child)
        if namespace != NS or name != "sanctionEntity":
            check.error(child, _("unexpected element; <export> holds only <sanctionEntity> elements"))
            continue
        entity = _read_entity(child, check)
        if entity is None:
            continue
        if entity.logical_id in seen:
            check.error(child, _("logicalId %(id)s occurs twice") % {"id": entity.logical_id})
        seen.add(entity.logical_id)
        entities.append(entity)
    if not entities and not check.errors:
        # The schema allows an empty export, but the consolidated list is never empty: loading one
        # would silently end all screening.
        check.error(root, _("the export holds no <sanctionEntity>; an empty list is not loaded"))
    if check.errors:
        raise SanctionsFileError(check.errors)
    if generation is not None and generation.tzinfo is None:
        generation = generation.replace(tzinfo=datetime.UTC)
    return ExportData(generation_date=generation, global_file_id=file_id, entities=entities)


# What the XML Schema of the export (version 1.0) requires of each element: its attributes (True =
# required) with their types, and the order and number of its children. Our checks apply it so
# that a file is refused for what the schema refuses even where the operator did not configure the
# schema; elements and attributes a later version adds are left to that version's schema.
S256, S2048, S32, S6 = ("max", 256), ("max", 2048), ("max", 32), ("max", 6)
BOOL, DATE, INT, LONG, ISO = "bool", "date", "int", "long", "iso2"
SANCTIONABLE = {"regulationLanguage": (True, S6), "logicalId": (True, LONG)}
COUNTRY = {"countryIso2Code": (True, ISO), "countryDescription": (True, S256)}
SANCTIONABLE_CHILDREN = ["remark", "additionalInformation", "regulationSummary"]
SUMMARY = {"regulationType": (True, S32), "publicationDate": (True, DATE), "numberTitle": (True, S256),
           "publicationUrl": (False, ("max", 512))}  # fmt: skip
SPEC = {
    "sanctionEntity": (
        {"logicalId": (True, LONG), "delistingDate": (False, DATE), "designationDate": (False, DATE),
         "unitedNationId": (False, S256)},
        ["remark", "additionalInformation", "regulation", "subjectType", "nameAlias", "citizenship", "birthdate",
         "address", "identification"],
        {"regulation": (1, 1), "subjectType": (1, 1), "nameAlias": (1, None)},
    ),
    "regulation": (
        {"logicalId": (True, LONG), "regulationType": (True, S32), "organisationType": (True, S32),
         "publicationDate": (True, DATE), "entryIntoForceDate": (True, DATE), "numberTitle": (True, S256),
         "programme": (True, S32)},
        ["remark", "additionalInformation", "publicationUrl", "corrigendum"],
        {"publicationUrl": (0, 1)},
    ),
    "subjectType": ({"code": (True, S32), "classificationCode": (True, ("enum", ("P", "E")))}, [], {}),
    "nameAlias": (
        {**SANCTIONABLE, "firstName": (False, S256), "middleName": (False, S256), "lastName": (False, S256),
         "wholeName": (False, S256), "function": (False, S2048), "gender": (False, ("enum", ("F", "M", "?"))),
         "title": (False, S2048), "nameLanguage": (False, S6), "strong": (False, BOOL)},
        SANCTIONABLE_CHILDREN,
        {"regulationSummary": (1, 1)},
    ),
    "citizenship": (
        {**SANCTIONABLE, **COUNTRY, "acquisitionDate": (False, DATE), "disenfranchisementDate": (False, DATE),
         "region": (False, S256)},
        SANCTIONABLE_CHILDREN,
        {"regulationSummary": (1, 1)},
    ),
    "birthdate": (
        {**SANCTIONABLE, **COUNTRY, "circa": (False, BOOL),
         "calendarType": (True, ("enum", ("GREGORIAN", "ISLAMIC", "BUDDHIST", "COPTIC", "ETHIOPIC"))),
         "city": (False, S2048), "zipCode": (False, S256), "birthdate": (False, DATE), "dayOfMonth": (False, INT),
         "monthOfYear": (False, INT), "year": (False, INT), "yearRangeFrom": (False, INT),
         "yearRangeTo": (False, INT), "region": (False, S256), "place": (False, S256)},
        SANCTIONABLE_CHILDREN,
        {"regulationSummary": (1, 1)},
    ),
    "address": (
        {**SANCTIONABLE, **COUNTRY, "city": (False, S256), "street": (False, S2048), "poBox": (False, S256),
         "zipCode": (False, S256), "region": (False, S256), "place": (False, S256),
         "asAtListingTime": (False, BOOL)},
        [*SANCTIONABLE_CHILDREN, "contactInfo"],
        {"regulationSummary": (1, 1)},
    ),
    "identification": (
        {**SANCTIONABLE, **COUNTRY, "diplomatic": (False, BOOL), "knownExpired": (False, BOOL),
         "knownFalse": (False, BOOL), "reportedLost": (False, BOOL), "revokedByIssuer": (False, BOOL),
         "issueDate": (False, DATE), "issuedBy": (False, S256), "latinNumber": (False, S256),
         "nameOnDocument": (False, S256), "number": (False, S256), "validFrom": (False, DATE),
         "validTo": (False, DATE), "identificationTypeCode": (True, S32),
         "identificationTypeDescription": (True, S2048), "region": (False, S256)},
        SANCTIONABLE_CHILDREN,
        {"regulationSummary": (1, 1)},
    ),
    "regulationSummary": (SUMMARY, [], {}),
    "corrigendum": (SUMMARY, [], {}),
    "additionalInformation": ({"key": (True, S32), "value": (True, None)}, [], {}),
    "contactInfo": ({"key": (True, S32), "value": (True, S256)}, [], {}),
    "remark": ({}, [], {}),
    "publicationUrl": ({}, [], {}),
}  # fmt: skip


def _check_attribute(element, name: str, value: str, kind, check: _Checker) -> None:
    value = value.strip()
    if kind in (LONG, INT):
        if not re.fullmatch(r"[+-]?\d+", value):
            check.error(
                element, _("%(attribute)s=“%(value)s” is not a whole number") % {"attribute": name, "value": value}
            )
    elif kind == DATE:
        check.date(element, name)
    elif kind == BOOL:
        if value not in ("true", "false", "1", "0"):
            check.error(
                element, _("%(attribute)s=“%(value)s” is not true or false") % {"attribute": name, "value": value}
            )
    elif kind == ISO:
        if not ISO2.match(value):
            check.error(element, _("%(attribute)s=“%(value)s” is not an ISO 3166 two-letter country code") % {
                "attribute": name, "value": value})  # fmt: skip
    elif isinstance(kind, tuple) and kind[0] == "max":
        if len(value) > kind[1]:
            check.error(element, _("the attribute %(attribute)s is longer than %(max)s characters") % {
                "attribute": name, "max": kind[1]})  # fmt: skip
    elif isinstance(kind, tuple) and kind[0] == "enum":
        if value not in kind[1]:
            check.error(element, _("%(attribute)s=“%(value)s” must be one of: %(values)s") % {
                "attribute": name, "value": value, "values": ", ".join(kind[1])})  # fmt: skip


def _check_element(element, check: _Checker) -> None:
    """Attributes, children and their order of one element and everything in it, per SPEC."""
    _namespace, name = _tag(element)
    attributes, order, counts = SPEC[name]
    for attribute, (required, kind) in attributes.items():
        value = element.get(attribute)
        if value is None:
            if required:
                check.error(element, _("the attribute %(attribute)s is missing") % {"attribute": attribute})
        elif kind is not None:
            _check_attribute(element, attribute, value, kind, check)
    seen: dict[str, int] = {}
    position = 0
    for child in element:
        if not isinstance(child.tag, str):
            continue
        namespace, child_name = _tag(child)
        if namespace != NS:
            check.error(child, _("unexpected element in <%(parent)s>") % {"parent": name})
            continue
        if child_name not in order:
            continue  # added by a later version of the export
        at = order.index(child_name)
        if at < position:
            check.error(child, _("the element is out of order; the order in <%(parent)s> is %(order)s") % {
                "parent": name, "order": ", ".join(order)})  # fmt: skip
        position = max(position, at)
        seen[child_name] = seen.get(child_name, 0) + 1
        _check_element(child, check)
    for child_name, (least, most) in counts.items():
        number = seen.get(child_name, 0)
        if number < least:
            check.error(element, _("the element <%(child)s> is missing") % {"child": child_name})
        elif most is not None and number > most:
            check.error(element, _("the element <%(child)s> occurs more than %(most)s time(s)") % {
                "child": child_name, "most": most})  # fmt: skip


def _read_entity(element, check: _Checker) -> EntityData | None:
    """Check the entity against SPEC, then take what the loader keeps."""
    before = len(check.errors)
    _check_element(element, check)
    if len(check.errors) > before:
        return None
    children: dict[str, list] = {}
    for child in element:
        if isinstance(child.tag, str) and _tag(child)[0] == NS:
            children.setdefault(_tag(child)[1], []).append(child)
    regulation, subject = children["regulation"][0], children["subjectType"][0]
    aliases = []
    for alias in children["nameAlias"]:
        parts = {key: (alias.get(key) or "").strip() for key in ("wholeName", "firstName", "middleName", "lastName")}
        whole = parts["wholeName"] or " ".join(
            p for p in (parts["firstName"], parts["middleName"], parts["lastName"]) if p
        )
        if whole:
            aliases.append(
                AliasData(
                    whole_name=whole,
                    first_name=parts["firstName"],
                    middle_name=parts["middleName"],
                    last_name=parts["lastName"],
                    strong=(alias.get("strong") or "").strip() in ("true", "1"),
                    language=(alias.get("nameLanguage") or "").strip(),
                )
            )
    if not aliases:
        check.error(element, _("the entity has no name (wholeName or firstName/lastName in a <nameAlias>)"))
        return None
    countries = []
    for name in COUNTRY_CARRIERS:
        for carrier in children.get(name, []):
            code = carrier.get("countryIso2Code").strip()
            if code != "00" and code not in countries:
                countries.append(code)
    remarks = [(r.text or "").strip() for r in children.get("remark", [])]
    designation = element.get("designationDate")
    return EntityData(
        logical_id=int(element.get("logicalId")),
        # euReferenceNumber appears as an attribute in version 1.1 of the export; 1.0 has none.
        eu_reference_number=(element.get("euReferenceNumber") or "").strip()[:40],
        united_nations_id=(element.get("unitedNationId") or "").strip(),
        subject_type=subject.get("classificationCode").strip(),
        programme=regulation.get("programme").strip(),
        regulation=regulation.get("numberTitle").strip(),
        designation_date=datetime.date.fromisoformat(designation.strip()[:10]) if designation else None,
        remark="\n".join(r for r in remarks if r),
        aliases=aliases,
        countries=countries,
    )


def check_file(path: Path) -> ExportData:
    """The parsed export if the file conforms (official schema when configured, and our checks)."""
    errors: list[str] = []
    schema = configured_schema()
    if schema is not None:
        if not schema.is_file():
            raise SanctionsFileError(
                [_("the configured XML Schema %(path)s (CHANCERY_SANCTIONS_SCHEMA) does not exist") % {"path": schema}]
            )
        try:
            errors = schema_errors(path, schema)
        except etree.XMLSyntaxError as exc:
            errors = [_("line %(line)s: not well-formed XML (%(message)s)") % {"line": exc.lineno, "message": exc.msg}]
    try:
        export = read_export(path)
    except SanctionsFileError as exc:
        raise SanctionsFileError(errors + [e for e in exc.errors if e not in errors]) from exc
    if errors:
        raise SanctionsFileError(errors)
    return export
