"""Loading the EU consolidated financial-sanctions list from the Commission's XML export
(Financial Sanctions Database, namespace http://eu.europa.ec/fpi/fsd/export).

The whole file is checked before anything is written: against the official XML Schema when the
operator configured it (`CHANCERY_SANCTIONS_SCHEMA`, the XSD downloaded with the list), and in every
case against our own checks of what the schema requires and this loader relies on (root element and
namespace, the export's date and identifier, each entity's identifier, regulation, subject type and
names, ISO country codes, dates). A file that fails is refused with what is wrong and where; the list
in use stays as it was. A valid file replaces the list in one transaction.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from lxml import etree

NS = "http://eu.europa.ec/fpi/fsd/export"
INVENTED_MARK = "INVENTED"
MAX_ERRORS = 20

ENTITY_CHILDREN = {"remark", "additionalInformation", "regulation", "subjectType", "nameAlias", "citizenship",
                   "birthdate", "address", "identification"}  # fmt: skip
COUNTRY_CARRIERS = ("citizenship", "address", "birthdate", "identification")
# ISO 3166-1 alpha-2, or "00" which the export uses for an unknown country.
ISO2 = re.compile(r"^([A-Z]{2}|00)$")
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
    if check.errors:
        raise SanctionsFileError(check.errors)
    if generation is not None and generation.tzinfo is None:
        generation = generation.replace(tzinfo=datetime.UTC)
    return ExportData(generation_date=generation, global_file_id=file_id, entities=entities)


def _read_entity(element, check: _Checker) -> EntityData | None:
    logical_id = check.integer(element, "logicalId")
    children: dict[str, list] = {}
    for child in element:
        if not isinstance(child.tag, str):
            continue
        namespace, name = _tag(child)
        if namespace != NS:
            check.error(child, _("unexpected element in <sanctionEntity>"))
            continue
        # Elements a later version of the export adds are left to its official schema (when
        # configured); this loader reads only what it knows.
        if name in ENTITY_CHILDREN:
            children.setdefault(name, []).append(child)
    regulation = (children.get("regulation") or [None])[0]
    subject = (children.get("subjectType") or [None])[0]
    if regulation is None:
        check.error(element, _("the element <regulation> is missing"))
    if subject is None:
        check.error(element, _("the element <subjectType> is missing"))
    if not children.get("nameAlias"):
        check.error(element, _("the entity has no <nameAlias>"))
    programme = title = ""
    if regulation is not None:
        programme = check.required(regulation, "programme", 32)
        title = check.required(regulation, "numberTitle", 256)
        for attribute in ("regulationType", "organisationType"):
            check.required(regulation, attribute, 32)
        for attribute in ("publicationDate", "entryIntoForceDate"):
            check.date(regulation, attribute, required=True)
        check.integer(regulation, "logicalId")
    classification = ""
    if subject is not None:
        check.required(subject, "code", 32)
        classification = check.required(subject, "classificationCode")
        if classification and classification not in ("P", "E"):
            check.error(
                subject,
                _("classificationCode=“%(value)s” must be P (person) or E (enterprise)") % {"value": classification},
            )
    aliases = []
    for alias in children.get("nameAlias", []):
        check.integer(alias, "logicalId")
        check.required(alias, "regulationLanguage", 6)
        parts = {key: (alias.get(key) or "").strip() for key in ("wholeName", "firstName", "middleName", "lastName")}
        for key, value in parts.items():
            if len(value) > 256:
                check.error(alias, _("the attribute %(attribute)s is longer than %(max)s characters") % {
                    "attribute": key, "max": 256})  # fmt: skip
        whole = parts["wholeName"] or " ".join(
            p for p in (parts["firstName"], parts["middleName"], parts["lastName"]) if p
        )
        if not whole:
            check.error(alias, _("the name alias has no name (wholeName or firstName/lastName)"))
            continue
        strong = (alias.get("strong") or "").strip()
        if strong and strong not in ("true", "false", "1", "0"):
            check.error(alias, _("strong=“%(value)s” is not true or false") % {"value": strong})
        aliases.append(
            AliasData(
                whole_name=whole[:256],
                first_name=parts["firstName"][:256],
                middle_name=parts["middleName"][:256],
                last_name=parts["lastName"][:256],
                strong=strong in ("true", "1"),
                language=(alias.get("nameLanguage") or "")[:6],
            )
        )
    countries = []
    for name in COUNTRY_CARRIERS:
        for carrier in children.get(name, []):
            code = check.required(carrier, "countryIso2Code")
            check.required(carrier, "countryDescription", 256)
            if code and not ISO2.match(code):
                check.error(
                    carrier,
                    _("countryIso2Code=“%(value)s” is not an ISO 3166 two-letter country code") % {"value": code},
                )
            elif code and code != "00" and code not in countries:
                countries.append(code)
            if name == "birthdate":
                check.date(carrier, "birthdate")
                if carrier.get("calendarType") is None:
                    check.error(carrier, _("the attribute %(attribute)s is missing") % {"attribute": "calendarType"})
    designation = check.date(element, "designationDate")
    check.date(element, "delistingDate")
    remarks = [(r.text or "").strip() for r in children.get("remark", [])]
    if logical_id is None or regulation is None or subject is None or not aliases:
        return None
    return EntityData(
        logical_id=logical_id,
        # euReferenceNumber appears as an attribute in version 1.1 of the export; 1.0 has none.
        eu_reference_number=(element.get("euReferenceNumber") or "")[:40],
        united_nations_id=(element.get("unitedNationId") or "")[:256],
        subject_type=classification,
        programme=programme,
        regulation=title,
        designation_date=designation,
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


def load_sanctions(path: Path, *, actor=None, source: str = "command"):
    """Replace the stored sanctions list by the file's, in one transaction; a non-conforming file
    raises SanctionsFileError and changes nothing. Returns the new SanctionsList."""
    from chancery.core import audit
    from chancery.core.models import AuditAction
    from chancery.strategic_goods.models import NameAlias, SanctionedEntity, SanctionsList

    path = Path(path)
    export = check_file(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with transaction.atomic():
        previous = list(SanctionsList.objects.values("source_name", "generation_date", "entity_count"))
        SanctionsList.objects.all().delete()
        new = SanctionsList.objects.create(
            generation_date=export.generation_date,
            global_file_id=export.global_file_id,
            source_name=path.name[:300],
            sha256=digest,
            is_demo=export.is_demo,
            entity_count=len(export.entities),
        )
        rows = SanctionedEntity.objects.bulk_create(
            [
                SanctionedEntity(
                    sanctions_list=new,
                    logical_id=e.logical_id,
                    eu_reference_number=e.eu_reference_number,
                    united_nations_id=e.united_nations_id,
                    subject_type=e.subject_type,
                    programme=e.programme,
                    regulation=e.regulation,
                    designation_date=e.designation_date,
                    countries=e.countries,
                    remark=e.remark,
                )
                for e in export.entities
            ],
            batch_size=500,
        )
        if any(row.pk is None for row in rows):  # databases without RETURNING
            by_id = dict(SanctionedEntity.objects.filter(sanctions_list=new).values_list("logical_id", "pk"))
            for row in rows:
                row.pk = by_id[row.logical_id]
        NameAlias.objects.bulk_create(
            [
                NameAlias(entity_id=row.pk, **alias.__dict__)
                for row, e in zip(rows, export.entities, strict=True)
                for alias in e.aliases
            ],
            batch_size=1000,
        )
        audit.record(
            actor,
            AuditAction.CREATE,
            new,
            before={"lists": [{k: str(v) for k, v in p.items()} for p in previous]},
            after={
                "source_name": new.source_name,
                "generation_date": export.generation_date.isoformat(),
                "global_file_id": new.global_file_id,
                "entity_count": new.entity_count,
                "sha256": digest,
            },
            reason=_("Sanctions list loaded"),
            source=source,
        )
    return new


def current_list():
    from chancery.strategic_goods.models import SanctionsList

    return SanctionsList.objects.order_by("-pk").first()
