"""Situation reports per period: numbered per crisis, shown as HTML, made into PDF with the project's
renderer and exported as OASIS EDXL-SitRep 1.0."""

import datetime

import pytest
from defusedxml import ElementTree as ET
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from chancery.crisis import services, sitrep
from chancery.crisis.models import CrisisKind, SituationReport

NS = {"s": sitrep.NS, "ct": sitrep.CT}


@pytest.fixture
def reports(crisis, org):
    actor = org.users["civil_servant"]
    end = timezone.now()
    first = services.add_situation_report(
        actor, crisis, period_start=end - datetime.timedelta(hours=12), period_end=end - datetime.timedelta(hours=6),
        situation="Blok B zonder stroom.", actions="Generator besteld.", outlook="Herstel morgen.",
    )  # fmt: skip
    services.set_level(actor, crisis, "flemish", "Ook het datacenter getroffen.")
    second = services.add_situation_report(
        actor, crisis, period_start=end - datetime.timedelta(hours=6), period_end=end, situation="Datacenter op nood."
    )
    return first, second


def test_reports_are_numbered_and_keep_the_level_of_their_moment(reports):
    first, second = reports
    assert (first.number, first.level) == (1, "department")
    assert (second.number, second.level) == (2, "flemish")


def test_a_period_that_ends_before_it_starts_is_refused(crisis, org):
    now = timezone.now()
    with pytest.raises(ValidationError, match="eindigt na"):
        services.add_situation_report(org.users["civil_servant"], crisis, period_start=now, period_end=now,
                                      situation="x")  # fmt: skip
    assert not SituationReport.objects.exists()


def test_html_and_pdf(client, reports, org):
    first, _ = reports
    client.force_login(org.users["civil_servant"])
    page = client.get(reverse("crisis:report", args=[first.crisis_id, 1]))
    assert page.status_code == 200 and "Blok B zonder stroom." in page.content.decode()
    pdf = client.get(reverse("crisis:report_pdf", args=[first.crisis_id, 1]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_edxl_sitrep_export(client, reports, org):
    first, second = reports
    client.force_login(org.users["civil_servant"])
    response = client.get(reverse("crisis:report_xml", args=[second.crisis_id, 2]))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{{{sitrep.NS}}}SitRep"
    names = [child.tag.split("}")[1] for child in root]
    # The specification's order of the elements used.
    assert names == [
        "MessageID", "PreparedBy", "AuthorizedBy", "ReportPurpose", "ReportNumber", "ReportVersion",
        "ForTimePeriod", "ReportTitle", "IncidentID", "IncidentLifecyclePhase", "PrecedingMessageID", "Urgency",
        "ReportConfidence", "Severity", "Report",
    ]  # fmt: skip
    assert root.findtext("s:ReportNumber", namespaces=NS) == "2"
    assert root.findtext("s:ReportVersion", namespaces=NS) == "Update"
    assert root.findtext("s:PrecedingMessageID", namespaces=NS) == sitrep.message_id(first)
    assert root.findtext("s:Severity", namespaces=NS) == "Moderate"
    assert root.find("s:ForTimePeriod/s:FromDateTime", NS).text == second.period_start.isoformat(timespec="seconds")
    assert root.findtext("s:PreparedBy/ct:PersonDetails/ct:PersonName/ct:NameElement", namespaces=NS)
    assert root.findtext("s:Report/s:SituationSummary", namespaces=NS) == "Datacenter op nood."
    one = ET.fromstring(sitrep.to_xml(first))
    assert one.findtext("s:ReportVersion", namespaces=NS) == "Initial" and one.find("s:PrecedingMessageID", NS) is None
    assert one.findtext("s:ActionPlan", namespaces=NS) == "Generator besteld."


def test_findings_belong_to_exercises(crisis, org):
    with pytest.raises(ValidationError, match="oefeningen"):
        services.add_finding(org.users["civil_servant"], crisis, text="x", severity="minor")
    exercise = services.open_crisis(org.users["secretariat"], title="Oefening", type="cyber", kind=CrisisKind.EXERCISE)
    finding = services.add_finding(org.users["secretariat"], exercise, text="Telefoonlijst verouderd", severity="major")
    assert finding.crisis == exercise
