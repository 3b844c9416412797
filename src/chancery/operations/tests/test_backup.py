"""`chancery backup` and `chancery restore`: a backup of a representative installation (documents
with versions, a round of decision-making released, their audit trail) restored into a fresh database
and a fresh CHANCERY_VAR_DIR by the real command in its own process; every document's file and every
audit entry come back, the trail's digest is unchanged, derived data is rebuilt. And the refusals:
a non-empty backup folder, a non-empty target, a damaged backup (nothing changed in each case).
On SQLite and PostgreSQL, whichever the tests run on."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection

from chancery.core import audit, services
from chancery.core.models import AuditEntry, DocumentVersion
from chancery.core.testing import make_organisation, pdf_upload
from chancery.decisions.testing import decision_making

pytestmark = pytest.mark.django_db(transaction=True)

# What the restored installation holds, read by the ORM in the target's own process (so both sides
# are read the same way): the audit trail (its digest and every entry) and every version's file.
READ_INSTALLATION = """
import hashlib, json
import django
django.setup()
from django.core.files.storage import storages
from django.core.serializers.json import DjangoJSONEncoder
from chancery.core import audit
from chancery.core.models import AuditEntry, DocumentVersion
from chancery.portal.models import StaleSearchEntry
from chancery.portal.opendata import available
from chancery.portal.search.tantivy_index import schema
versions = []
for version in DocumentVersion.objects.order_by("pk"):
    with version.file.open("rb") as stream:
        versions.append([version.pk, version.sha256, hashlib.sha256(stream.read()).hexdigest()])
print(json.dumps({
    "digest": audit.trail_digest(),
    "entries": list(AuditEntry.objects.order_by("pk").values_list(*audit.TRAIL_FIELDS)),
    "versions": versions,
    "stale": StaleSearchEntry.objects.count(),
    "index": schema.available(),
    "open_data": sorted(dump["name"] for dump in available()),
}, cls=DjangoJSONEncoder))
"""


def _canonical(value):
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


@pytest.fixture
def installation(tmp_path, settings):
    """A representative installation in the test database: documents with versions, a round of
    decision-making (meetings, agendas, decisions, a release), their audit trail."""
    settings.VAR_DIR = tmp_path / "source-var"
    org = make_organisation()
    secretariat = org.users["secretariat"]
    document = services.create_document(secretariat, title="Nota kwantumsluis", upload=pdf_upload("nota.pdf", "een"))
    services.add_version(secretariat, document, pdf_upload("nota.pdf", "twee"), reason="herwerkt")
    services.change_document(secretariat, document, reason="titel", title="Nota kwantumsluis (herwerkt)")
    decision_making(org)
    return org


class Target:
    """A fresh installation for the restore: its own database and its own CHANCERY_VAR_DIR."""

    def __init__(self, root: Path):
        self.var = root / "var"
        self.name = f"chancery_restore_{uuid.uuid4().hex[:10]}"
        if connection.vendor == "postgresql":
            db = connection.settings_dict
            auth = f"{db['USER']}:{db['PASSWORD']}@" if db.get("PASSWORD") else f"{db['USER']}@"
            self.url = f"postgres://{auth}{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{self.name}"
            self._admin(f'CREATE DATABASE "{self.name}"')
        else:
            self.url = f"sqlite:///{root / 'target.sqlite3'}"

    def _admin(self, statement: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(statement)

    def drop(self) -> None:
        if connection.vendor == "postgresql":
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ("CHANCERY_MEDIA_ROOT", "CHANCERY_SEARCH_INDEX")}
        return {**env, "DATABASE_URL": self.url, "CHANCERY_VAR_DIR": str(self.var), "DJANGO_ENV": "test"}

    def chancery(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "chancery.manage", *args], env=self.env(), capture_output=True, text=True
        )

    def read(self) -> dict:
        done = subprocess.run([sys.executable, "-c", READ_INSTALLATION], env=self.env(), capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout.strip().splitlines()[-1])

    def tables(self) -> list[str]:
        done = subprocess.run(
            [sys.executable, "-c", "import django; django.setup(); from django.db import connection; "
             "print(sorted(connection.introspection.table_names()))"],  # fmt: skip
            env=self.env(), capture_output=True, text=True,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        return eval(done.stdout.strip().splitlines()[-1])  # noqa: S307 - our own process's list of names

    def stored_files(self) -> list[Path]:
        media = self.var / "media"
        return sorted(p for p in media.rglob("*") if p.is_file()) if media.exists() else []


@pytest.fixture
def targets(tmp_path):
    made = []

    def make(name: str) -> Target:
        target = Target(tmp_path / name)
        made.append(target)
        return target

    yield make
    for target in made:
        target.drop()


def test_a_backup_restored_into_a_fresh_installation_brings_back_every_file_and_audit_entry(
    installation, tmp_path, targets
):
    folder = tmp_path / "backup"
    call_command("backup", str(folder))

    manifest = json.loads((folder / "manifest.json").read_text())
    versions = list(DocumentVersion.objects.order_by("pk").values_list("pk", "sha256"))
    assert len(versions) >= 4
    # The manifest: every stored file with its checksum (the file in the folder has it), counts per table.
    by_name = {entry["name"]: entry for entry in manifest["files"]}
    for version in DocumentVersion.objects.all():
        entry = by_name[version.file.name]
        assert entry["sha256"] == version.sha256
        assert hashlib.sha256((folder / entry["path"]).read_bytes()).hexdigest() == version.sha256
    assert manifest["tables"]["core_auditentry"] == AuditEntry.objects.count() > 20
    assert manifest["tables"]["core_documentversion"] == len(versions)
    assert manifest["migrations"]["core"][0] == "0001_initial" and manifest["chancery_version"]
    assert manifest["database"]["engine"] == connection.vendor
    source_trail = audit.trail_digest()
    assert manifest["audit"] == source_trail

    # Into a database that was migrated but holds nothing (its migrations' reference data aside).
    target = targets("target")
    migrated = target.chancery("migrate", "--noinput", "-v0")
    assert migrated.returncode == 0, migrated.stderr
    done = target.chancery("restore", str(folder))
    assert done.returncode == 0, done.stderr
    assert f"{source_trail['entries']} auditregels" in done.stdout

    restored = target.read()
    assert restored["digest"] == source_trail
    assert restored["entries"] == _canonical(list(AuditEntry.objects.order_by("pk").values_list(*audit.TRAIL_FIELDS)))
    # Every version's file is in the new store, its content the recorded SHA-256.
    assert [(pk, sha) for pk, sha, _ in restored["versions"]] == versions
    assert all(recorded == actual for _, recorded, actual in restored["versions"])
    # Derived data rebuilt: the search index (nothing left waiting) and the open-data files.
    assert restored["index"] and restored["stale"] == 0
    assert restored["open_data"] == ["decisions.csv", "decisions.jsonl", "decisions.ttl", "documents.csv",
                                     "documents.jsonl"]  # fmt: skip

    # A second restore into what is now a full installation is refused, and changes nothing.
    files = [(p, p.read_bytes()) for p in target.stored_files()]
    again = target.chancery("restore", str(folder))
    assert again.returncode == 2
    assert "niet leeg" in again.stderr and "core_auditentry" in again.stderr
    assert target.read()["digest"] == source_trail
    assert [(p, p.read_bytes()) for p in target.stored_files()] == files


def test_a_damaged_backup_is_refused_before_anything_changes(installation, tmp_path, targets):
    folder = tmp_path / "backup"
    call_command("backup", str(folder))
    manifest = json.loads((folder / "manifest.json").read_text())
    damaged = folder / manifest["files"][0]["path"]
    damaged.write_bytes(damaged.read_bytes() + b"%")

    target = targets("target")
    done = target.chancery("restore", str(folder))
    assert done.returncode == 2
    assert "beschadigd" in done.stderr and manifest["files"][0]["path"] in done.stderr
    assert target.tables() == [] and target.stored_files() == []

    # A missing file, and a damaged database dump, likewise.
    damaged.unlink()
    done = target.chancery("restore", str(folder))
    assert done.returncode == 2 and "ontbreekt" in done.stderr
    shutil.copyfile(tmp_path / "backup" / manifest["files"][1]["path"], damaged)  # other content
    (folder / manifest["database"]["path"]).write_bytes(b"not a database")
    done = target.chancery("restore", str(folder))
    assert done.returncode == 2 and manifest["database"]["path"] in done.stderr
    assert target.tables() == [] and target.stored_files() == []


def test_a_manifest_pointing_outside_the_backup_is_refused(installation, tmp_path, targets):
    folder = tmp_path / "backup"
    call_command("backup", str(folder))
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["files"][0]["path"] = "../outside"
    (folder / "manifest.json").write_text(json.dumps(manifest))
    target = targets("target")
    done = target.chancery("restore", str(folder))
    assert done.returncode == 2 and "buiten de back-up" in done.stderr
    assert target.stored_files() == []


def test_a_backup_goes_only_into_an_empty_folder(installation, tmp_path):
    folder = tmp_path / "backup"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    with pytest.raises(CommandError, match="is niet leeg") as refused:
        call_command("backup", str(folder))
    assert refused.value.returncode == 2
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


def test_restoring_into_a_non_empty_database_is_refused(installation, tmp_path):
    """Into this very installation: refused, nothing changed."""
    folder = tmp_path / "backup"
    call_command("backup", str(folder))
    trail = audit.trail_digest()
    with pytest.raises(CommandError, match="is niet leeg") as refused:
        call_command("restore", str(folder))
    assert refused.value.returncode == 2
    assert audit.trail_digest() == trail


def test_a_folder_without_a_manifest_is_not_a_backup(tmp_path):
    with pytest.raises(CommandError, match="geen back-up van Chancery") as refused:
        call_command("restore", str(tmp_path))
    assert refused.value.returncode == 2


def test_the_refusals_are_in_the_operators_language(tmp_path):
    """Issue 14: an operator reads Dutch (the configured language), even when English was active."""
    from django.utils import translation

    folder = tmp_path / "backup"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    with translation.override("en"):
        with pytest.raises(CommandError) as refused:
            call_command("backup", str(folder))
        assert str(refused.value) == f"{folder} is niet leeg: een back-up komt in een nieuwe of lege map."
        with pytest.raises(CommandError) as refused:
            call_command("restore", str(tmp_path))
    assert str(refused.value) == f"{tmp_path} bevat geen manifest.json: geen back-up van Chancery."
    assert refused.value.returncode == 2
