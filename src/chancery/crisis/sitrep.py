"""A situation report as OASIS EDXL-SitRep 1.0 XML (Emergency Data Exchange Language Situation
Reporting, Version 1.0, Committee Specification 02, 6 October 2016,
http://docs.oasis-open.org/emergency/edxl-sitrep/v1.0/cs02/edxl-sitrep-v1.0-cs02.html).

Where it fits: the report's common elements (the specification's "SitRep" message: MessageID,
PreparedBy, AuthorizedBy, ReportPurpose, ReportNumber, ReportVersion, ForTimePeriod with
FromDateTime and ToDateTime, ReportTitle, IncidentID, IncidentLifecyclePhase, Urgency,
ReportConfidence, Severity, ActionPlan, NextContact) and one report of the kind
"ManagementReportingSummary" whose free text carries our situation, actions and outlook. People
are CIQ PersonDetails with one NameElement (the specification's common types, namespace
`urn:oasis:names:tc:emergency:edxl:ct:1.0`). The document is not validated against the
specification's schema here (its XSDs are not shipped with Chancery); the element names and order
are the specification's. Our escalation levels map onto its Severity values (`SEVERITY`)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from chancery.crisis import levels
from chancery.crisis.models import CrisisStatus, SituationReport

NS = "urn:oasis:names:tc:emergency:EDXL:SitRep:1.0"
CT = "urn:oasis:names:tc:emergency:edxl:ct:1.0"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

# Our levels on the specification's SeverityKind (Extreme, Severe, Moderate, Minor, Unknown).
SEVERITY = {"monitoring": "Minor", "department": "Moderate", "flemish": "Moderate", "municipal": "Severe",
            "provincial": "Severe", "national": "Extreme"}  # fmt: skip


def _person(parent: ET.Element, tag: str, name: str) -> None:
    element = ET.SubElement(parent, f"{{{NS}}}{tag}")
    details = ET.SubElement(element, f"{{{CT}}}PersonDetails")
    person = ET.SubElement(details, f"{{{CT}}}PersonName")
    ET.SubElement(person, f"{{{CT}}}NameElement").text = name


def _text(parent: ET.Element, tag: str, value: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{NS}}}{tag}")
    element.text = value
    return element


def message_id(report: SituationReport) -> str:
    return f"chancery-crisis-{report.crisis_id}-sitrep-{report.number}"


def to_xml(report: SituationReport, *, previous: SituationReport | None = None) -> bytes:
    crisis = report.crisis
    ET.register_namespace("", NS)
    ET.register_namespace("ct", CT)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(f"{{{NS}}}SitRep")
    _text(root, "MessageID", message_id(report))
    author = report.prepared_by.get_full_name() or report.prepared_by.get_username()
    _person(root, "PreparedBy", author)
    _person(root, "AuthorizedBy", author)
    _text(root, "ReportPurpose", f"Situation report {report.number}: {crisis.title}")
    _text(root, "ReportNumber", str(report.number))
    closed = crisis.status == CrisisStatus.CLOSED and previous is not None
    _text(root, "ReportVersion", "Initial" if report.number == 1 else ("Final" if closed else "Update"))
    period = ET.SubElement(root, f"{{{NS}}}ForTimePeriod")
    _text(period, "FromDateTime", report.period_start.isoformat(timespec="seconds"))
    _text(period, "ToDateTime", report.period_end.isoformat(timespec="seconds"))
    _text(root, "ReportTitle", f"{crisis.title} – {report.number}")
    _text(root, "IncidentID", f"chancery-crisis-{crisis.pk}")
    _text(root, "IncidentLifecyclePhase", "Response" if crisis.status == CrisisStatus.ACTIVE else "Recovery")
    if previous is not None:
        _text(root, "PrecedingMessageID", message_id(previous))
    _text(root, "Urgency", "Immediate" if levels.BY_CODE[report.level].rank >= 2 else "Expected")
    _text(root, "ReportConfidence", "HighlyConfident")
    _text(root, "Severity", SEVERITY[report.level])
    if report.actions:
        _text(root, "ActionPlan", report.actions)
    body = ET.SubElement(root, f"{{{NS}}}Report", {f"{{{XSI}}}type": "ManagementReportingSummary"})
    _text(body, "SituationSummary", report.situation)
    if report.outlook:
        _text(body, "PlannedActions", report.outlook)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
