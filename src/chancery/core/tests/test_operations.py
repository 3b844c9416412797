"""Running Chancery: the background worker, the demo's end, production settings (what the demo
loads: tests/demo)."""

import os
import secrets
import subprocess
import sys

import pytest
from django.core.management import call_command

from chancery.core import services
from chancery.core.background import background, defer
from chancery.core.demo.data import DEMO_PASSWORD
from chancery.core.extraction import extract_version_text
from chancery.core.models import DocumentVersion, ExtractionState
from chancery.core.testing import pdf_upload


@pytest.mark.django_db(transaction=True)  # the worker commits and closes connections, as in production
def test_the_worker_runs_queued_extraction(org, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    services.create_document(org.users["secretariat"], title="Nota", upload=pdf_upload(text="Wachtrij werkt"))
    version = DocumentVersion.objects.get()
    assert version.extraction_state == ExtractionState.PENDING  # queued, not yet run
    call_command("worker", batch=True, reload=False, startup_delay=False, verbosity=0)
    version.refresh_from_db()
    assert version.extraction_state == ExtractionState.DONE and "Wachtrij werkt" in version.text


DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@background(coalesce=True)
def rebuild_everything() -> str:
    """A rebuild of a whole, for the coalescing test."""
    return "rebuilt"


@pytest.mark.django_db(transaction=True)
def test_a_rebuild_waits_in_the_queue_at_most_once(settings):
    from django.db import transaction
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE_QUEUE
    for _change in range(3):
        with transaction.atomic():
            defer(rebuild_everything)
    waiting = DBTaskResult.objects.filter(task_path=rebuild_everything.module_path)
    assert waiting.filter(status="READY").count() == 1
    # Once it runs, it may have read the data before the next change: that change queues another.
    waiting.update(status="RUNNING")
    with transaction.atomic():
        defer(rebuild_everything)
    assert waiting.filter(status="READY").count() == 1 and waiting.count() == 2
    # What is not a rebuild is queued every time.
    with transaction.atomic():
        defer(extract_version_text, 1)
        defer(extract_version_text, 1)
    assert DBTaskResult.objects.filter(task_path=extract_version_text.module_path).count() == 2


@pytest.mark.django_db(transaction=True)
def test_the_demo_leaves_its_derived_work_to_the_worker(settings, tmp_path):
    """`make run` serves the first page right after `chancery demo`: the demo's PDF progress report,
    the text of its documents and the search index are queued, not made by the command (they held
    up the first page by minutes); the worker that `serve --with-worker` starts makes them."""
    from io import StringIO

    from django.contrib.auth.models import AnonymousUser
    from django_tasks_db.models import DBTaskResult

    from chancery.core.management.commands import demo
    from chancery.monitoring.models import ProgressReport
    from chancery.monitoring.services.reports import make_report
    from chancery.portal.search import service
    from chancery.portal.search.tantivy_index import indexer, schema

    # Any queue, as configured: the index is built by this machine's own queue (node-<name>).
    settings.TASKS = {"default": {**DATABASE_QUEUE["default"], "QUEUES": []}}
    settings.VAR_DIR = tmp_path  # the demo's certificate authority goes there
    settings.CHANCERY_SIGNING_TRUST_ROOTS = []
    loaders = demo.demo_loaders
    wanted = {"core", "monitoring", "portal"}
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(demo, "demo_loaders", lambda: [(k, f) for k, f in loaders() if k in wanted])
        out = StringIO()
        call_command("demo", stdout=out)
    assert "achtergrondtaken in de wachtrij" in out.getvalue()
    report = ProgressReport.objects.get()
    assert report.state == "queued" and report.document is None  # shown as being made
    waiting = DBTaskResult.objects.filter(status="READY")
    assert waiting.filter(task_path=make_report.module_path).exists()
    assert waiting.filter(task_path=indexer.sync_search_index.module_path).exists()
    assert DocumentVersion.objects.filter(extraction_state=ExtractionState.PENDING).exists()
    assert not schema.available()

    # The worker, as `chancery serve --with-worker` starts it (its machine's queue included).
    call_command("worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0)
    assert not DBTaskResult.objects.filter(status="READY").exists()
    assert not DBTaskResult.objects.filter(status="FAILED").exists()
    report.refresh_from_db()
    assert report.state == "ready" and report.document.versions.exists(), report.error
    assert not DocumentVersion.objects.exclude(extraction_state=ExtractionState.DONE).exists()
    assert schema.available()
    # Found by a word of its text (extracted by the worker), through the index the worker built.
    hits = [hit.title for hit in service.search(AnonymousUser(), "doorslaggevend").hits]
    assert hits == ["Jaarverslag exportcontrole strategische goederen 2025"]


@pytest.mark.django_db(transaction=True)
def test_the_demo_runs_what_it_queued_when_asked(org, settings):
    """`chancery demo --run-tasks`, for a demo without a worker: complete and searchable when it ends."""
    from django.contrib.auth.models import AnonymousUser
    from django_tasks_db.models import DBTaskResult

    from chancery.core.management.commands.demo import Command as Demo
    from chancery.portal.search import service

    settings.TASKS = DATABASE_QUEUE
    document = services.create_document(
        org.users["secretariat"],
        title="Nota",
        upload=pdf_upload(text="Dijkversterking langs de Schelde"),
        access_level="public",
        released=True,
    )
    assert DBTaskResult.objects.filter(status="READY").exists()
    Demo().run_queued_tasks()
    assert not DBTaskResult.objects.filter(status="READY").exists()
    assert DocumentVersion.objects.get(document=document).extraction_state == ExtractionState.DONE
    assert [hit.title for hit in service.search(AnonymousUser(), "dijkversterking").hits] == ["Nota"]


def _chancery(args, tmp_path, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    environment.update({"CHANCERY_VAR_DIR": str(tmp_path), **env})
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "chancery.manage", *args], env=environment, capture_output=True, text=True, timeout=120
    )


PRODUCTION = {
    "DJANGO_ENV": "production",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
    "DJANGO_ALLOWED_HOSTS": "chancery.example.org",
}


def test_production_settings_pass_the_deployment_check(tmp_path):
    result = _chancery(
        ["check", "--deploy", "--fail-level", "WARNING"],
        tmp_path,
        **PRODUCTION,
        DATABASE_URL=f"sqlite:///{tmp_path}/p.db",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without_its_secrets(tmp_path, missing):
    env = {**PRODUCTION, "DATABASE_URL": f"sqlite:///{tmp_path}/p.db"}
    env.pop(missing)
    result = _chancery(["check"], tmp_path, **env)
    assert result.returncode != 0
    assert f"{missing} must be set when DJANGO_ENV=production" in result.stderr


def test_demo_accounts_are_refused_under_production(tmp_path):
    env = {**PRODUCTION, "DATABASE_URL": f"sqlite:///{tmp_path}/p.db"}
    assert _chancery(["migrate", "-v0"], tmp_path, **env).returncode == 0
    result = _chancery(["demo"], tmp_path, **env)
    assert result.returncode != 0 and "geweigerd onder de productie-instellingen" in result.stderr


def test_the_demo_speaks_dutch(db, settings, tmp_path, monkeypatch):
    """The demo command's output read 'Demo data for core ready (added: …)'."""
    from io import StringIO

    from chancery.core.management.commands import demo

    settings.VAR_DIR = tmp_path
    settings.CHANCERY_SIGNING_TRUST_ROOTS = []
    # Only the core's and monitoring's demos: the words are the command's, not the data's.
    loaders = demo.demo_loaders
    monkeypatch.setattr(demo, "demo_loaders", lambda: [(k, f) for k, f in loaders() if k in {"core", "monitoring"}])
    out = StringIO()
    call_command("demo", stdout=out)
    text = out.getvalue()
    assert "Demogegevens voor" in text and "Demo data for" not in text and "nothing new" not in text
    assert "Demo-accounts (wachtwoord" in text and "expert" in text


def test_commands_speak_the_configured_language_whatever_was_active(db):
    """An operator reads Dutch (LANGUAGE_CODE) from every command, even when a request before left
    English active in the process; machine-readable output keeps its keys."""
    from io import StringIO

    from django.utils import translation

    with translation.override("en"):
        out = StringIO()
        call_command("procedures", stdout=out)
        text = out.getvalue()
        assert "Toestanden:" in text and "Stappen:" in text and "rollen:" in text
        assert "States:" not in text and "roles:" not in text and "working days" not in text
        out = StringIO()
        call_command("procedures", "--json", stdout=out)
        assert '"procedures"' in out.getvalue() and '"states"' in out.getvalue()


def test_the_serve_banner_is_dutch(db):
    """`chancery serve` names the demo accounts with their roles in Dutch."""
    from io import StringIO

    from django.utils import translation

    from chancery.core.management.commands.serve import Command
    from chancery.core.models import Role
    from chancery.core.testing import make_user

    make_user("expert", Role.EXPERT)
    out = StringIO()
    with translation.override("en"):
        Command(stdout=out)._banner("127.0.0.1", 8000)
    text = out.getvalue()
    assert "Chancery draait op http://127.0.0.1:8000/" in text and "Stoppen met Ctrl+C." in text
    assert f"Demo-accounts (wachtwoord '{DEMO_PASSWORD}'):" in text and "Externe expert" in text
    assert "Demo logins" not in text and "Stop with" not in text and " expert\n" not in text


# One refusal per command family, with English active before (a request's language left behind):
# each says what is wrong in Dutch, with its exit code.
REFUSALS_IN_DUTCH = [
    ("token", ["nobody"], "Geen actieve gebruiker “nobody”."),
    ("enrol-signer", ["nobody", "--certificate", "c.pem", "--key", "k.pem", "--by", "nobody"], "Geen gebruiker"),
    ("generate", ["--scale", "5"], "Geef een schaal tussen 0 (niet inbegrepen) en 2."),
    ("verify-signatures", ["{text}"], "geen leesbare pdf"),
    ("verify-signatures", ["{absent}"], "Kan "),
    ("worker", ["--queue-name", "*"], "Noem de wachtrijen"),
    ("import-decisions", ["{absent}"], "dit bestand of deze map bestaat niet"),
    ("licence_report", ["2999"], "Het rapport van 2999 wordt gepubliceerd zodra het jaar voorbij is."),
    ("import-indicators", ["{absent}"], "bestand bestaat niet"),
    ("import-sdmx", ["{absent}"], "bestand bestaat niet"),
    ("reindex", ["--forget-node", "nowhere"], "Geen machine met de naam nowhere houdt een zoekindex bij."),
    ("fdi-check", ["{absent}", "--json"], "Het bestand bestaat niet."),
    ("disaster-compensation", ["{absent}", "--json"], "Kan "),
    ("scm", ["{absent}", "--json"], "Het bestand bestaat niet."),
    ("load-sanctions", ["{absent}"], "de sanctielijst is ongewijzigd"),
    ("screen-parties", ["{absent}"], "kan niet gelezen worden"),
    ("mcda", ["{text}", "--json"], "geen JSON"),
    ("backup", ["{full}"], "is niet leeg: een back-up komt in een nieuwe of lege map."),
    ("restore", ["{empty}"], "geen back-up van Chancery"),
]


@pytest.mark.parametrize(("command", "arguments", "dutch"), REFUSALS_IN_DUTCH, ids=[r[0] for r in REFUSALS_IN_DUTCH])
def test_command_refusals_are_dutch_whatever_was_active(db, tmp_path, settings, command, arguments, dutch):
    from io import StringIO

    from django.core.management.base import CommandError
    from django.utils import translation

    (tmp_path / "text.txt").write_text("not a PDF, not JSON")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("mine")
    (tmp_path / "empty").mkdir()
    paths = {
        "text": tmp_path / "text.txt",
        "absent": tmp_path / "absent.json",
        "full": tmp_path / "full",
        "empty": tmp_path / "empty",
    }
    arguments = [argument.format(**paths) for argument in arguments]
    if command == "worker":  # the tests run tasks at once; the worker needs the database queue
        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}
    out, err = StringIO(), StringIO()
    with translation.override("en"):
        with pytest.raises((CommandError, SystemExit)) as refused:
            call_command(command, *arguments, stdout=out, stderr=err)
    said = str(refused.value) if isinstance(refused.value, CommandError) else err.getvalue()
    assert dutch in said, said
    code = refused.value.returncode if isinstance(refused.value, CommandError) else refused.value.code
    assert code in (1, 2), code


def test_enrolling_a_signer_with_unreadable_files_is_refused_in_dutch(db, tmp_path):
    from django.core.management.base import CommandError
    from django.utils import translation

    from chancery.core.models import Role
    from chancery.core.testing import make_user

    signer, admin = make_user("signer", Role.SECRETARIAT), make_user("admin", Role.ADMIN)
    (tmp_path / "c.pem").write_text("-")
    (tmp_path / "k.pem").write_text("-")
    (tmp_path / "pass").write_text("")
    common = [signer.username, "--key", str(tmp_path / "k.pem"), "--by", admin.username]
    with translation.override("en"):
        with pytest.raises(CommandError) as refused:
            call_command("enrol-signer", *common, "--certificate", str(tmp_path / "absent.pem"))
        assert str(refused.value).startswith(f"Kan {tmp_path / 'absent.pem'} niet lezen: ")
        with pytest.raises(CommandError) as refused:
            call_command("enrol-signer", *common, "--certificate", str(tmp_path / "c.pem"),
                         "--passphrase-file", str(tmp_path / "pass"))  # fmt: skip
    assert str(refused.value) == f"{tmp_path / 'pass'} is leeg: de eerste regel ervan is de wachtzin."
