"""Chancery's document storage on an S3-compatible server (issue 20 §3): moto's S3 server, installed
from the registry (a test dependency) and started here on loopback on a free port, stands in for the
object store of a deployment. Each installation is configured as production is, through the
CHANCERY_S3_* environment (settings.py turns it into the S3 storage of django-storages), and runs in
processes of its own: a document is uploaded through the normal service and read back (its SHA-256),
the object is in the bucket and nowhere on disk, `chancery backup` reads the files through the
storage API, and `chancery restore` puts them into another installation's empty bucket. If the server
does not start the test fails: nothing is skipped."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import boto3
import pytest
import urllib3
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)

KEYS = {"aws_access_key_id": "chancery-test", "aws_secret_access_key": "chancery-test-secret"}
REGION = "eu-west-1"

# Through the normal services, in the installation's own process: a document with two versions,
# each read back through its file field (the S3 storage); the storage in use is reported too.
UPLOAD = """
import hashlib, json
import django
django.setup()
from chancery.core import services
from chancery.core.models import DocumentVersion
from chancery.core.testing import make_organisation, pdf_upload
org = make_organisation()
secretariat = org.users["secretariat"]
document = services.create_document(secretariat, title="Nota kwantumsluis", upload=pdf_upload("nota.pdf", "een"))
services.add_version(secretariat, document, pdf_upload("nota.pdf", "twee"), reason="herwerkt")
versions = []
for version in DocumentVersion.objects.order_by("pk"):
    with version.file.open("rb") as stream:
        read = hashlib.sha256(stream.read()).hexdigest()
    versions.append({"name": version.file.name, "sha256": version.sha256, "read": read,
                     "storage": type(version.file.storage).__module__ + "." + type(version.file.storage).__name__})
print(json.dumps(versions))
"""

READ = """
import hashlib, json
import django
django.setup()
from chancery.core import audit
from chancery.core.models import DocumentVersion
versions = []
for version in DocumentVersion.objects.order_by("pk"):
    with version.file.open("rb") as stream:
        versions.append({"name": version.file.name, "sha256": version.sha256,
                         "read": hashlib.sha256(stream.read()).hexdigest()})
print(json.dumps({"versions": versions, "digest": audit.trail_digest()}))
"""


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def s3_server(tmp_path):
    """moto's S3 server on loopback; the test fails (never skips) when it does not answer."""
    port = _free_port()
    log = (tmp_path / "moto.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)], stdout=log, stderr=log
    )
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            if server.poll() is not None:
                pytest.fail(f"moto's S3 server stopped at start: {(tmp_path / 'moto.log').read_text()[-2000:]}")
            try:
                if urllib3.request("GET", f"{endpoint}/moto-api/", timeout=2, retries=False).status == 200:
                    break
            except urllib3.exceptions.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("moto's S3 server did not answer within 60 seconds")
            time.sleep(0.2)
        yield endpoint
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def _client(endpoint: str):
    return boto3.client("s3", endpoint_url=endpoint, region_name=REGION, **KEYS)


def _objects(client, bucket: str, prefix: str = "") -> dict[str, str]:
    """name → SHA-256 of every object in the bucket (under `prefix`), read directly from the server."""
    found = {}
    for entry in client.list_objects_v2(Bucket=bucket, Prefix=prefix).get("Contents", []):
        body = client.get_object(Bucket=bucket, Key=entry["Key"])["Body"].read()
        found[entry["Key"]] = hashlib.sha256(body).hexdigest()
    return found


class Installation:
    """An installation in processes of its own: its database (a new one), its CHANCERY_VAR_DIR, and
    its documents in an S3 bucket, configured through the environment as in production."""

    def __init__(self, root: Path, endpoint: str, bucket: str):
        self.var = root / "var"
        self.name = f"chancery_s3_{uuid.uuid4().hex[:10]}"
        self.bucket = bucket
        self.endpoint = endpoint
        if connection.vendor == "postgresql":
            db = connection.settings_dict
            auth = f"{db['USER']}:{db['PASSWORD']}@" if db.get("PASSWORD") else f"{db['USER']}@"
            self.url = f"postgres://{auth}{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{self.name}"
            with connection.cursor() as cursor:
                cursor.execute(f'CREATE DATABASE "{self.name}"')
        else:
            root.mkdir(parents=True, exist_ok=True)
            self.url = f"sqlite:///{root / 'installation.sqlite3'}"

    def drop(self) -> None:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def env(self) -> dict[str, str]:
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("CHANCERY_MEDIA_ROOT", "CHANCERY_SEARCH_INDEX") and not k.startswith("AWS_")
        }
        return {
            **env,
            "DJANGO_ENV": "test",
            "DJANGO_SETTINGS_MODULE": "chancery.settings",
            "DATABASE_URL": self.url,
            "CHANCERY_VAR_DIR": str(self.var),
            "CHANCERY_S3_BUCKET": self.bucket,
            "CHANCERY_S3_ENDPOINT_URL": self.endpoint,
            "CHANCERY_S3_REGION": REGION,
            "CHANCERY_S3_ACCESS_KEY": KEYS["aws_access_key_id"],
            "CHANCERY_S3_SECRET_KEY": KEYS["aws_secret_access_key"],
            "CHANCERY_S3_ADDRESSING_STYLE": "path",
            "NO_PROXY": "127.0.0.1,localhost",
        }

    def chancery(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "chancery.manage", *args], env=self.env(), capture_output=True, text=True
        )

    def python(self, script: str):
        done = subprocess.run([sys.executable, "-c", script], env=self.env(), capture_output=True, text=True)
        assert done.returncode == 0, done.stderr[-3000:]
        return json.loads(done.stdout.strip().splitlines()[-1])

    def files_on_disk(self) -> list[Path]:
        media = self.var / "media"
        return sorted(p for p in media.rglob("*") if p.is_file()) if media.exists() else []


@pytest.fixture
def installations(tmp_path, s3_server):
    made = []

    def make(name: str, bucket: str) -> Installation:
        _client(s3_server).create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION})
        installation = Installation(tmp_path / name, s3_server, bucket)
        made.append(installation)
        return installation

    yield make
    for installation in made:
        installation.drop()


def test_documents_on_an_s3_server_are_stored_read_backed_up_and_restored(installations, s3_server, tmp_path):
    client = _client(s3_server)
    source = installations("source", "chancery-documents")
    migrated = source.chancery("migrate", "--noinput", "-v0")
    assert migrated.returncode == 0, migrated.stderr[-3000:]

    versions = source.python(UPLOAD)
    assert len(versions) == 2
    assert {v["storage"] for v in versions} == {"storages.backends.s3.S3Storage"}
    for version in versions:
        assert version["read"] == version["sha256"]  # read back through the storage, byte for byte
        assert version["name"] == f"documents/{version['sha256'][:2]}/{version['sha256'][2:4]}/{version['sha256']}"
    # The objects are in the bucket, as the server itself holds them, and not on the local disk.
    assert _objects(client, "chancery-documents") == {v["name"]: v["sha256"] for v in versions}
    assert source.files_on_disk() == []

    # The backup reads the files through the storage API.
    folder = tmp_path / "backup"
    done = source.chancery("backup", str(folder))
    assert done.returncode == 0, done.stderr[-3000:]
    manifest = json.loads((folder / "manifest.json").read_text())
    documents = {e["name"]: e for e in manifest["files"] if e["storage"] == "documents"}
    assert {name: e["sha256"] for name, e in documents.items()} == {v["name"]: v["sha256"] for v in versions}
    for entry in documents.values():
        assert hashlib.sha256((folder / entry["path"]).read_bytes()).hexdigest() == entry["sha256"]
    digest = source.python(READ)["digest"]

    # Restored into an empty installation with an empty bucket of its own (its database not even migrated).
    target = installations("target", "chancery-documents-restored")
    assert _objects(client, "chancery-documents-restored") == {}
    done = target.chancery("restore", str(folder))
    assert done.returncode == 0, done.stderr[-3000:]
    restored = target.python(READ)
    assert [(v["name"], v["sha256"]) for v in restored["versions"]] == [(v["name"], v["sha256"]) for v in versions]
    assert all(v["read"] == v["sha256"] for v in restored["versions"])
    assert restored["digest"] == digest
    assert _objects(client, "chancery-documents-restored", "documents/") == {v["name"]: v["sha256"] for v in versions}
    # The derived open-data files were rebuilt by the restore, into the same bucket (the default storage).
    assert "open-data/documents.csv" in _objects(client, "chancery-documents-restored", "open-data/")
    assert target.files_on_disk() == []
    # The source's bucket is untouched by the restore.
    assert _objects(client, "chancery-documents", "documents/") == {v["name"]: v["sha256"] for v in versions}

    # A second restore into what is now a full installation is refused, and changes nothing.
    again = target.chancery("restore", str(folder))
    assert again.returncode == 2 and "niet leeg" in again.stderr
    assert _objects(client, "chancery-documents-restored", "documents/") == {v["name"]: v["sha256"] for v in versions}
