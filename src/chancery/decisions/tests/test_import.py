"""chancery import-decisions (issue 22): the shipped samples of each format, the dry run, a second
run, provenance, public history, and bad input reported without anything half-imported."""

import csv
import io
import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from rdflib import OWL, RDF, Graph, Namespace

from chancery.core.models import AccessLevel, AuditEntry, ReleaseState
from chancery.core.testing import external_data
from chancery.decisions.importing import service as importing
from chancery.decisions.importing.service import import_decisions
from chancery.decisions.models import (
    AgendaItem,
    Decision,
    DecisionResult,
    ImportedRecord,
    ImportKind,
    Meeting,
    MeetingState,
)
from chancery.portal.search import service as search

ESSEN = external_data("decisions", "lblod-rdfa", "essen-gemeente-besluitenlijst.html")
GENT = external_data("decisions", "lblod-rdfa", "gent-gemeenteraad-1.html")
AMSTERDAM = external_data("decisions", "open-raadsinformatie", "notubiz_meeting_amsterdam.json")
AMSTERDAM_UPDATED = external_data("decisions", "open-raadsinformatie", "notubiz_meeting_amsterdam_update1.json")
DECREES = external_data("decisions", "kaleidos", "staatsblad-decreet-1992.eli.nt")
BESLUIT = Namespace("http://data.vlaanderen.be/ns/besluit#")
ESSEN_MEETING = "http://data.lblod.info/id/zittingen/65688B62C1158B904059B3DB"
DECREE = "http://www.ejustice.just.fgov.be/eli/decreet/1992/01/20/1992033035"


def counts():
    return (
        Meeting.objects.count(),
        AgendaItem.objects.count(),
        Decision.objects.count(),
        ImportedRecord.objects.count(),
        AuditEntry.objects.count(),
    )


def decrees(tmp_path, count=3, extra=""):
    """The first `count` decrees of the Gazette's ELI file, every triple of theirs (real data, fewer acts)."""
    lines = DECREES.read_text().splitlines()
    subjects = sorted({line.split(" ")[0] for line in lines if "#LegalResource>" in line})[:count]
    keep = [line for line in lines if any(line.startswith(s[:-1]) for s in subjects)]
    path = tmp_path / "decrees.nt"
    path.write_text("\n".join(keep) + "\n" + extra)
    return path


def ori_meeting(tmp_path, name="meeting.json", **changes):
    data = json.loads(AMSTERDAM.read_text())
    data.update(changes)
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return path, data


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("import-decisions", *map(str, args), stdout=out, stderr=err)
    except SystemExit as exit:
        code = exit.code
    return code, json.loads(out.getvalue()), err.getvalue()


# --- each format on its shipped sample -----------------------------------------------------------


@pytest.mark.django_db
def test_lblod_rdfa_decision_list_is_imported_as_released_public_history():
    report = import_decisions(ESSEN)
    assert report.as_dict() == {
        "meetings": 1, "items": 11, "decisions": 11, "documents": 0, "errors": [], "skipped": 0,
    }  # fmt: skip
    record = ImportedRecord.objects.get(kind=ImportKind.MEETING, source_uri=ESSEN_MEETING)
    meeting = record.meeting
    assert (record.source, record.file_name) == ("rdfa", ESSEN.name)
    assert record.imported_at <= timezone.now() and record.imported_by.username == importing.IMPORT_ACCOUNT
    assert meeting.state == MeetingState.CLOSED
    assert timezone.localtime(meeting.starts_at).date().isoformat() == "2023-11-28"
    items = list(AgendaItem.objects.filter(agenda__meeting=meeting))
    assert len(items) == 11
    assert {item.access_level for item in items} == {AccessLevel.PUBLIC}
    assert {item.release_state for item in items} == {ReleaseState.RELEASED}
    assert {m.title for item in items for m in item.mandatees.all()} == {"Gemeenteraad Essen"}
    first = min(items, key=lambda i: i.number)
    assert first.title.startswith("A.2a INTERGEMEENTELIJKE SAMENWERKING")
    assert first.decision.result == DecisionResult.APPROVED
    assert first.decision.text == "Buitengewone Algemene Vergadering Pidpa"
    # Provenance on every imported object: the meeting, each item and each decision.
    assert ImportedRecord.objects.filter(meeting=meeting, kind=ImportKind.ITEM).count() == 11
    assert (
        ImportedRecord.objects.filter(meeting=meeting, kind=ImportKind.DECISION, decision__isnull=False).count() == 11
    )
    # The public sees it as it sees a meeting of ours, once released.
    assert Meeting.objects.visible_to(AnonymousUser()).filter(pk=meeting.pk).exists()
    # Its provenance is read as the meeting is.
    assert ImportedRecord.objects.visible_to(AnonymousUser()).count() == 1 + 11 + 11
    # Made through the services: the audit trail says who, through which channel.
    assert AuditEntry.objects.filter(object_id=str(meeting.pk), action="create").exists()


@pytest.mark.django_db
def test_open_raadsinformatie_meeting_json_is_imported_without_headings():
    report = import_decisions(AMSTERDAM)
    # 45 agenda entries, of which 13 are headings ("Waterbeheer"), not items; the source states no
    # decisions (an agenda): the items are recorded as treated (acknowledged).
    assert report.as_dict() == {
        "meetings": 1, "items": 32, "decisions": 0, "documents": 0, "errors": [], "skipped": 0,
    }  # fmt: skip
    record = ImportedRecord.objects.get(kind=ImportKind.MEETING)
    assert record.source_uri == "https://api.notubiz.nl/events/meetings/458902"
    meeting = record.meeting
    assert meeting.place == "raadscommissie Financiën"
    assert timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d %H:%M") == "2018-02-08 13:30"
    assert not AgendaItem.objects.filter(agenda__meeting=meeting, title="Waterbeheer").exists()
    assert set(Decision.objects.filter(item__agenda__meeting=meeting).values_list("result", flat=True)) == {
        DecisionResult.ACKNOWLEDGED
    }


@pytest.mark.django_db
def test_eli_legislation_is_imported_one_act_per_record_with_its_french_eli(tmp_path):
    report = import_decisions(decrees(tmp_path))
    assert report.as_dict() == {
        "meetings": 3, "items": 3, "decisions": 3, "documents": 0, "errors": [], "skipped": 0,
    }  # fmt: skip
    record = ImportedRecord.objects.get(kind=ImportKind.DECISION, source_uri=DECREE)
    assert record.source == "eli"
    assert record.same_as == ["http://www.ejustice.just.fgov.be/eli/decret/1992/01/20/1992033035"]
    assert (
        record.decision.text == "Decreet houdende erkenning en subsidiëring van specifieke sportfederaties. (Vertaling)"
    )
    assert timezone.localtime(record.meeting.starts_at).date().isoformat() == "1992-01-20"


@pytest.mark.django_db
def test_the_dry_run_reports_every_shipped_sample_and_writes_nothing(tmp_path):
    before = counts()
    rdfa = import_decisions(ESSEN.parent, dry_run=True).as_dict()
    ori = import_decisions(AMSTERDAM, format="ori", dry_run=True).as_dict()
    eli = import_decisions(DECREES, format="eli", dry_run=True).as_dict()
    assert counts() == before
    assert (rdfa["meetings"], rdfa["items"], rdfa["decisions"]) == (6, 90, 50)
    assert [error["record"] for error in rdfa["errors"]] == [GENT.name]
    assert (ori["meetings"], ori["items"]) == (1, 32)
    assert (eli["meetings"], eli["decisions"], eli["errors"]) == (93, 93, [])
    # What the dry run announces is what the run does.
    assert import_decisions(ESSEN, dry_run=True).as_dict() == import_decisions(ESSEN).as_dict()


@pytest.mark.django_db
def test_the_command_prints_the_report_and_a_second_run_changes_nothing(tmp_path):
    code, report, err = run(ESSEN)
    assert code == 0 and err == ""
    assert list(report) == ["meetings", "items", "decisions", "documents", "errors", "skipped"]
    after_first = counts()
    code, again, err = run(ESSEN)
    assert code == 0
    assert again == {"meetings": 0, "items": 0, "decisions": 0, "documents": 0, "errors": [], "skipped": 1}
    assert counts() == after_first
    # The council system's update of the same meeting is recognised by its URI.
    run(AMSTERDAM)
    before = counts()
    code, updated, err = run(AMSTERDAM_UPDATED)
    assert updated["skipped"] == 1 and updated["meetings"] == 0 and counts() == before


# --- what the public sees: search, linked data, open data ------------------------------------------


@pytest.mark.django_db
def test_imported_decisions_are_found_linked_to_their_original_uris_and_in_the_open_data(
    client, search_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        import_decisions(ESSEN)
    results = search.search(AnonymousUser(), "Pidpa")
    assert results.total >= 1
    meeting = ImportedRecord.objects.get(kind=ImportKind.MEETING).meeting
    page = client.get(reverse("portal:meeting", args=[meeting.uuid]), {"format": "ttl"})
    assert page.status_code == 200
    graph = Graph().parse(data=page.content.decode(), format="turtle")
    originals = {str(o): s for s, o in graph.subject_objects(OWL.sameAs)}
    assert (originals[ESSEN_MEETING], RDF.type, BESLUIT.Zitting) in graph
    assert (
        originals["http://data.lblod.info/id/agendapunten/6568936AC1158B904059B433"],
        RDF.type,
        BESLUIT.Agendapunt,
    ) in graph
    besluit = originals["http://data.lblod.info/id/besluiten/2a039cdd-f5f0-45c7-81eb-64b078368c11"]
    assert (besluit, RDF.type, BESLUIT.Besluit) in graph
    assert len(originals) == 1 + 11 + 11
    dump = client.get(reverse("open_data_file", args=["decisions.csv"]))
    rows = list(csv.DictReader(io.StringIO(b"".join(dump.streaming_content).decode())))
    assert len(rows) == 11 and any("Pidpa" in row["short_title"] for row in rows)
    assert (
        ESSEN_MEETING
        in b"".join(client.get(reverse("open_data_file", args=["decisions.ttl"])).streaming_content).decode()
    )


# --- bad input: reported with its position and reason, nothing half-imported -------------------------


@pytest.mark.django_db
def test_malformed_json_is_reported_in_dutch_and_nothing_is_stored(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"type": "meeting", "agenda_items": [')
    before = counts()
    code, report, err = run(path)
    assert code == 2
    assert report["errors"][0]["record"] == "broken.json"
    assert report["errors"][0]["reason"].startswith("Dit is geen geldige JSON")
    assert "broken.json: Dit is geen geldige JSON" in err
    assert counts() == before


@pytest.mark.django_db
def test_html_without_rdfa_is_reported():
    code, report, err = run(GENT, "--format", "rdfa")
    assert code == 2 and report["meetings"] == 0
    assert report["errors"] == [
        {
            "record": GENT.name,
            "reason": "Geen RDFa in de OSLO-besluitwoordenschat gevonden (geen besluit:Zitting); "
            "4 uitspraken in totaal.",
        }
    ]


@pytest.mark.django_db
def test_rdf_with_unknown_types_is_reported_and_the_acts_around_it_imported(tmp_path):
    unknown = (
        "<http://example.org/x/1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://example.org/Spaceship> .\n"
    )
    report = import_decisions(decrees(tmp_path, count=2, extra=unknown)).as_dict()
    assert report["meetings"] == 2
    assert report["errors"] == [
        {
            "record": "decrees.nt, http://example.org/x/1",
            "reason": "Onbekend type http://example.org/Spaceship: "
            "de import leest alleen ELI-rechtsbronnen en OSLO-besluiten.",
        }
    ]
    only_unknown = tmp_path / "unknown.ttl"
    only_unknown.write_text(unknown)
    report = import_decisions(only_unknown).as_dict()
    assert report["meetings"] == 0 and "geen ELI-rechtsbron" in report["errors"][0]["reason"]
    garbage = tmp_path / "garbage.nt"
    garbage.write_text("<http://a> <http://b> .\n this is not RDF\n")
    report = import_decisions(garbage).as_dict()
    assert report["errors"][0]["reason"].startswith("Dit is N-Triples noch Turtle")


@pytest.mark.django_db
def test_a_duplicate_record_is_reported_and_imported_once(tmp_path):
    data = json.loads(AMSTERDAM.read_text())
    path = tmp_path / "twice.json"
    path.write_text(json.dumps([data, data]))
    report = import_decisions(path).as_dict()
    assert report["meetings"] == 1
    assert report["errors"] == [
        {
            "record": "twice.json, zitting 2 (https://api.notubiz.nl/events/meetings/458902)",
            "reason": "Hetzelfde record (https://api.notubiz.nl/events/meetings/458902) staat ook in "
            "twice.json, zitting 1 (https://api.notubiz.nl/events/meetings/458902).",
        }
    ]
    assert Meeting.objects.count() == 1


@pytest.mark.django_db
def test_a_date_in_the_future_is_refused(tmp_path):
    future = (timezone.localtime() + timezone.timedelta(days=30)).strftime("%Y-%m-%d 10:00:00")
    path, _data = ori_meeting(tmp_path, plannings=[{"start_date": future, "end_date": None}])
    before = counts()
    report = import_decisions(path).as_dict()
    assert report["meetings"] == 0 and counts() == before
    reason = report["errors"][0]["reason"]
    assert "ligt in de toekomst" in reason and report["errors"][0]["record"].startswith("meeting.json, zitting 1")


@pytest.mark.django_db
def test_items_the_source_does_not_publish_are_left_out(tmp_path):
    data = json.loads(AMSTERDAM.read_text())
    data["agenda_items"][0]["confidential"] = 1
    data["agenda_items"][1]["permission_group"] = "council"
    path = tmp_path / "partly.json"
    path.write_text(json.dumps(data))
    report = import_decisions(path).as_dict()
    assert (report["items"], report["skipped"]) == (30, 2)
    assert not AgendaItem.objects.exclude(access_level=AccessLevel.PUBLIC).exists()


@pytest.mark.django_db
def test_a_record_refused_halfway_leaves_nothing_and_the_next_one_is_imported(tmp_path, monkeypatch):
    """The services refuse the second act when its decision is recorded: its meeting and items,
    already made, are rolled back with it; the acts around it are imported."""
    original = importing.services.record_decision
    calls = []

    def refuse_second(actor, item, **kwargs):
        calls.append(item.title)
        if len(calls) == 2:
            raise ValidationError("Geweigerd door een controle.")
        return original(actor, item, **kwargs)

    monkeypatch.setattr(importing.services, "record_decision", refuse_second)
    report = import_decisions(decrees(tmp_path, count=3)).as_dict()
    assert report["meetings"] == 2
    assert len(report["errors"]) == 1 and report["errors"][0]["reason"] == "Geweigerd door een controle."
    assert "rechtsbron 2" in report["errors"][0]["record"]
    assert Meeting.objects.count() == 2 and AgendaItem.objects.count() == 2
    assert not AgendaItem.objects.filter(title=calls[1]).exists()
    assert ImportedRecord.objects.filter(kind=ImportKind.MEETING).count() == 2


@pytest.mark.django_db
def test_a_path_that_does_not_exist_is_an_error(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="bestaat niet") as refused:
        call_command("import-decisions", str(tmp_path / "missing.json"))
    assert refused.value.returncode == 2


@pytest.mark.django_db
def test_items_imported_before_with_another_meeting_are_refused_whole(tmp_path):
    import_decisions(AMSTERDAM)
    before = counts()
    path, _data = ori_meeting(tmp_path, self="api.notubiz.nl/events/meetings/1")
    report = import_decisions(path).as_dict()
    assert report["meetings"] == 0 and counts() == before
    assert report["errors"] == [
        {
            "record": "meeting.json, zitting 1 (https://api.notubiz.nl/events/meetings/1)",
            "reason": "Een deel van dit record werd al geïmporteerd met een andere zitting (dezelfde bron-URI).",
        }
    ]
