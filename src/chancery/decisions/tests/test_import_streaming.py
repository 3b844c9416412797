"""chancery import-decisions on large files and with documents (issue 22): a 50 MB export imported
streamed with memory bounded (measured in a process of its own), N-Triples read line by line, the
formats read whole refused above their limit; the documents a record links to fetched only when the
setting is on, from a real HTTP server on loopback, stored with provenance, a failed fetch reported
and its record imported all the same."""

from __future__ import annotations

import copy
import hashlib
import io
import json
import os
import subprocess
import sys
import threading
import tracemalloc
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection

from chancery.core.models import Document, ReleaseState
from chancery.core.samples import make_pdf
from chancery.core.testing import external_data
from chancery.decisions.importing import fetching
from chancery.decisions.importing.records import SourceDocument
from chancery.decisions.importing.service import import_decisions
from chancery.decisions.models import ImportedRecord, ImportKind, ItemDocument, Meeting

AMSTERDAM = external_data("decisions", "open-raadsinformatie", "notubiz_meeting_amsterdam.json")
DECREES = external_data("decisions", "kaleidos", "staatsblad-decreet-1992.eli.nt")
MB = 1024 * 1024


def _meeting(number: int, *, public: bool) -> dict:
    data = json.loads(AMSTERDAM.read_text())
    data["id"] = number
    data["self"] = f"api.notubiz.nl/events/meetings/{number}"
    if not public:
        data["permission_group"] = "council"
    # Every item of its own (a second import of the sample's items under another meeting is refused).
    for entry in data["agenda_items"]:
        entry["type_data"]["self"] = f"{entry['type_data'].get('self') or entry['id']}/m{number}"
    return data


# --- a 50 MB export, streamed ----------------------------------------------------------------------

# The import in a process of its own, its peak resident memory (ru_maxrss, a high-water mark) read
# before and after. A first import of the shipped sample loads what a first write loads (modules,
# the catalogue of translations, caches), so the growth measured is the large file's own.
MEASURE = """
import json, resource, sys
from pathlib import Path
import django
django.setup()
from chancery.decisions.importing.service import import_decisions
warm = import_decisions(Path(sys.argv[2]))
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
report = import_decisions(Path(sys.argv[1]))
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"warm": warm.as_dict(), "report": report.as_dict(), "growth": (after - before) * 1024}))
"""


def _installation_env(tmp_path) -> dict[str, str]:
    """A process of its own on a migrated database: the test database itself on PostgreSQL (this test
    commits), a fresh SQLite file otherwise (the tests' SQLite database lives in memory)."""
    env = {k: v for k, v in os.environ.items() if k not in ("CHANCERY_MEDIA_ROOT", "CHANCERY_SEARCH_INDEX")}
    env.update(DJANGO_ENV="test", DJANGO_SETTINGS_MODULE="chancery.settings", CHANCERY_VAR_DIR=str(tmp_path / "var"))
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        auth = f"{db['USER']}:{db['PASSWORD']}@" if db.get("PASSWORD") else f"{db['USER']}@"
        env["DATABASE_URL"] = f"postgres://{auth}{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    else:
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'import.sqlite3'}"
        migrated = subprocess.run(
            [sys.executable, "-m", "chancery.manage", "migrate", "--noinput", "-v0"],
            env=env, capture_output=True, text=True,
        )  # fmt: skip
        assert migrated.returncode == 0, migrated.stderr
    return env


@pytest.mark.django_db(transaction=True)
def test_a_50_mb_meeting_export_is_imported_streamed_with_memory_bounded(tmp_path):
    """1100 meetings in one JSON list (50 MB): two public ones imported, one record that is no meeting
    reported, the rest (the council's closed meetings) read and passed over. The import's peak
    resident memory grows by less than 32 MB (about 6 MB measured); reading the file whole would take
    more than 50 MB for its bytes alone, and json.load's objects of this file take about 290 MB."""
    path = tmp_path / "export.json"
    closed = json.dumps(_meeting(0, public=False), separators=(",", ":"))
    with path.open("w") as handle:
        handle.write("[")
        for number in range(1, 1101):
            if number in (1, 700):
                record = json.dumps(_meeting(number, public=True))
            elif number == 500:
                record = json.dumps({"type": "agenda", "id": 500})
            else:
                record = closed.replace('"id":0,', f'"id":{number},', 1).replace("/meetings/0", f"/meetings/{number}")
            handle.write(("," if number > 1 else "") + record)
        handle.write("]")
    size = path.stat().st_size
    assert 48 * MB < size < 60 * MB

    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path), str(AMSTERDAM)],
        env=_installation_env(tmp_path), capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    measured = json.loads(done.stdout.strip().splitlines()[-1])
    assert measured["warm"]["meetings"] == 1
    report = measured["report"]
    assert (report["meetings"], report["items"]) == (2, 64)
    assert report["skipped"] == 1097
    assert report["errors"] == [
        {
            "record": "export.json, zitting 500",
            "reason": "Record 500 is geen vergadering zoals raadsinformatiesystemen die publiceren "
            '(geen "type": "meeting").',
        }
    ]
    growth = measured["growth"]
    assert growth < 32 * MB, f"resident memory grew by {growth / MB:.1f} MB for a {size / MB:.0f} MB file"
    if connection.vendor == "postgresql":
        assert ImportedRecord.objects.filter(kind=ImportKind.MEETING).count() == 3


@pytest.mark.django_db
def test_a_meeting_larger_than_a_record_may_be_is_reported_and_the_next_one_imported(tmp_path, settings):
    settings.CHANCERY_IMPORT_MAX_RECORD_BYTES = 200 * 1024
    big = _meeting(1, public=True)
    big["description"] = "x" * (400 * 1024)
    path = tmp_path / "two.json"
    path.write_text(json.dumps([big, _meeting(2, public=True)]))
    report = import_decisions(path).as_dict()
    assert report["meetings"] == 1
    assert report["errors"] == [
        {
            "record": "two.json, zitting 1",
            "reason": "Het record is groter dan 200,0\xa0KB; records tot die grootte worden gelezen. "
            "Splits het in kleinere records.",
        }
    ]
    assert Meeting.objects.count() == 1


@pytest.mark.django_db
def test_json_that_breaks_off_keeps_the_meetings_before_it_whole(tmp_path):
    path = tmp_path / "cut.json"
    path.write_text("[" + json.dumps(_meeting(1, public=True)) + "," + json.dumps(_meeting(2, public=True))[:5000])
    report = import_decisions(path).as_dict()
    assert report["meetings"] == 1 and report["items"] == 32
    assert len(report["errors"]) == 1
    assert report["errors"][0]["record"] == "cut.json"
    assert report["errors"][0]["reason"].startswith("Dit is geen geldige JSON")


# --- N-Triples line by line; the formats read whole --------------------------------------------------


@pytest.mark.django_db
def test_n_triples_are_read_line_by_line_in_batches(tmp_path, monkeypatch):
    """Batches of 7 lines: the acts come out the same as from the whole file (93 acts)."""
    monkeypatch.setattr("chancery.decisions.importing.eli.NT_BATCH_LINES", 7)
    report = import_decisions(DECREES, dry_run=True).as_dict()
    assert (report["meetings"], report["decisions"], report["errors"]) == (93, 93, [])


@pytest.mark.django_db
def test_a_line_that_is_not_n_triples_in_a_large_file_refuses_the_file_before_any_act(tmp_path, settings):
    settings.CHANCERY_IMPORT_MAX_BYTES = 1024
    path = tmp_path / "acts.nt"
    lines = DECREES.read_text().splitlines()
    path.write_text("\n".join([*lines[:40], "this is not RDF", *lines[40:]]) + "\n")
    report = import_decisions(path).as_dict()
    assert report["meetings"] == 0 and Meeting.objects.count() == 0
    assert report["errors"] == [{"record": "acts.nt", "reason": "Regel 41 is geen N-Triples."}]


@pytest.mark.django_db
def test_a_50_mb_file_without_line_ends_is_refused_with_little_memory(tmp_path):
    path = tmp_path / "huge.nt"
    with path.open("wb") as handle:
        handle.truncate(50 * MB)
    tracemalloc.start()
    report = import_decisions(path).as_dict()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 5 * MB
    assert report["meetings"] == 0
    assert report["errors"] == [
        {
            "record": "huge.nt",
            "reason": "Regel 1 is langer dan 1,0\xa0MB: dit is geen N-Triples-bestand zoals exports het schrijven.",
        }
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["huge.html", "huge.ttl"])
def test_a_format_read_whole_is_refused_above_its_limit_before_it_is_read(tmp_path, name):
    path = tmp_path / name
    with path.open("wb") as handle:
        handle.truncate(50 * MB)
    tracemalloc.start()
    report = import_decisions(path).as_dict()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 5 * MB
    assert report["errors"] == [
        {
            "record": name,
            "reason": "Het bestand is 50,0\xa0MB; dit formaat wordt in zijn geheel gelezen, dus bestanden tot "
            "20,0\xa0MB worden geïmporteerd. Splits de export in kleinere bestanden, of exporteer als N-Triples "
            "of zittings-JSON, die in delen gelezen worden.",
        }
    ]


# --- documents -------------------------------------------------------------------------------------

PDF = make_pdf("Uitslagenlijst van de commissie Financiën", title="Uitslagenlijst")


class _Files(BaseHTTPRequestHandler):
    served: dict[str, bytes] = {}
    asked: list[str] = []

    def do_GET(self):  # noqa: N802 - the name http.server calls
        self.asked.append(self.path)
        body = self.served.get(self.path)
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/pdf")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def file_server():
    """A real HTTP server on loopback (a free port), serving what the test puts in `served`."""
    _Files.served, _Files.asked = {}, []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Files)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", _Files
    server.shutdown()
    server.server_close()


def _with_documents(tmp_path, base: str) -> tuple:
    """The Amsterdam meeting with one document of its own and one on its first item, on our server,
    and one on its second item that the server does not have."""
    data = json.loads(AMSTERDAM.read_text())
    for entry in data["agenda_items"]:
        entry["documents"] = []
    items = [e for e in data["agenda_items"] if not e["type_data"].get("heading")]
    template = copy.deepcopy(data["documents"][0])
    data["documents"] = [{**template, "self": "api.notubiz.nl/document/1", "url": f"{base}/document/1/1",
                          "title": "Uitslagenlijst FIN 2018 02 08"}]  # fmt: skip
    items[0]["documents"] = [{**template, "self": "api.notubiz.nl/document/2", "url": f"{base}/document/2/1",
                              "title": "Raadsvoorstel", "versions": [{**template["versions"][0],
                              "file_name": "raadsvoorstel.pdf"}]}]  # fmt: skip
    items[1]["documents"] = [{**template, "self": "api.notubiz.nl/document/3", "url": f"{base}/document/3/1",
                              "title": "Ontbreekt"}]  # fmt: skip
    path = tmp_path / "meeting.json"
    path.write_text(json.dumps(data))
    return path, items


@pytest.mark.django_db
def test_documents_are_not_fetched_unless_the_setting_is_on(tmp_path, file_server, settings):
    base, served = file_server
    served.served["/document/1/1"] = PDF
    path, _items = _with_documents(tmp_path, base)
    assert settings.CHANCERY_IMPORT_FETCH_DOCUMENTS is False
    report = import_decisions(path).as_dict()
    assert report["meetings"] == 1 and report["documents"] == 0 and report["errors"] == []
    assert served.asked == [] and Document.objects.count() == 0


@pytest.mark.django_db
def test_documents_are_fetched_from_a_server_stored_with_provenance_and_a_failed_fetch_reported(
    tmp_path, file_server, settings, document_store
):
    base, served = file_server
    second = make_pdf("Raadsvoorstel vastgoed")
    served.served.update({"/document/1/1": PDF, "/document/2/1": second})
    settings.CHANCERY_IMPORT_FETCH_DOCUMENTS = True
    path, items = _with_documents(tmp_path, base)

    dry = import_decisions(path, dry_run=True).as_dict()
    assert dry["documents"] == 3 and served.asked == []  # a dry run announces, fetches nothing

    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as exit:
        call_command("import-decisions", str(path), stdout=out, stderr=err)
    assert exit.value.code == 2  # a document was refused: reported, exit 2
    report = json.loads(out.getvalue())
    assert (report["meetings"], report["items"], report["documents"]) == (1, 32, 2)
    assert report["errors"] == [
        {
            "record": "meeting.json, zitting 1 (https://api.notubiz.nl/events/meetings/458902), "
            "https://api.notubiz.nl/document/3",
            "reason": f"{base}/document/3/1 kon niet opgehaald worden: de server antwoordde 404.",
        }
    ]
    assert sorted(served.asked) == ["/document/1/1", "/document/2/1", "/document/3/1"]

    # Stored through the document store, content-addressed, with provenance; public and released.
    records = {r.source_uri: r for r in ImportedRecord.objects.filter(kind=ImportKind.DOCUMENT)}
    assert set(records) == {"https://api.notubiz.nl/document/1", "https://api.notubiz.nl/document/2"}
    meeting_doc = records["https://api.notubiz.nl/document/1"]
    assert meeting_doc.item is None and meeting_doc.source == "ori" and meeting_doc.file_name == "meeting.json"
    version = meeting_doc.document.versions.get()
    assert version.sha256 == hashlib.sha256(PDF).hexdigest()
    assert (document_store / version.file.name).read_bytes() == PDF
    assert meeting_doc.document.title == "Uitslagenlijst FIN 2018 02 08"
    item_doc = records["https://api.notubiz.nl/document/2"]
    link = ItemDocument.objects.get(document=item_doc.document)
    assert link.item == item_doc.item and link.item.title.endswith(items[0]["type_data"]["attributes"][0]["value"])
    assert item_doc.document.versions.get().original_filename == "raadsvoorstel.pdf"
    for record in records.values():
        assert record.document.release_state == ReleaseState.RELEASED
        assert Document.objects.visible_to(AnonymousUser()).filter(pk=record.document_id).exists()

    # A second run adds nothing and fetches nothing.
    served.asked.clear()
    again = import_decisions(path).as_dict()
    assert (again["meetings"], again["documents"], again["skipped"]) == (0, 0, 1)
    assert served.asked == []


@pytest.mark.django_db
def test_a_fetched_file_the_store_refuses_is_reported_and_the_record_imported(tmp_path, settings):
    """An injected fetcher: the council's server sends an HTML error page with a 200."""

    def fetcher(document: SourceDocument):
        if document.uri.endswith("/2"):
            raise fetching.FetchFailed("verbinding geweigerd")
        upload = fetching.TemporaryUploadedFile(fetching.file_name(document), "application/pdf", 0, None)
        upload.write(b"<html>Not found</html>")
        upload.size = 22
        upload.seek(0)
        return upload

    path, _items = _with_documents(tmp_path, "http://council.invalid")
    report = import_decisions(path, fetcher=fetcher).as_dict()
    assert report["meetings"] == 1 and report["documents"] == 0
    reasons = {e["record"].rsplit(", ", 1)[1]: e["reason"] for e in report["errors"]}
    assert set(reasons) == {
        "https://api.notubiz.nl/document/1", "https://api.notubiz.nl/document/2", "https://api.notubiz.nl/document/3"
    }  # fmt: skip
    assert reasons["https://api.notubiz.nl/document/2"] == "verbinding geweigerd"
    assert "pdf" in reasons["https://api.notubiz.nl/document/1"].lower()
    assert Document.objects.count() == 0 and not ImportedRecord.objects.filter(kind=ImportKind.DOCUMENT).exists()
    assert Meeting.objects.count() == 1
