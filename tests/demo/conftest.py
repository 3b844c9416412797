"""The demo, loaded once for the tests of this package (about a minute of work each time; six
modules used to load it for themselves, some twice).

How: a package-scoped fixture loads `chancery demo` inside a transaction that it rolls back when
the package is done, and each test runs inside it in a savepoint of its own (pytest-django's `db`
nests its atomic blocks), so a test that changes the demo (the second run, a changed password)
leaves the next test the demo as loaded. The package's tests run on one worker, one after the
other (the root conftest's `pytest_xdist_make_scheduler`), so the demo is loaded once per run.

What a rolled-back load cannot show: work the demo queues on commit (text extraction,
renditions, the progress report's PDF) never runs here, except the licence archive, run here as
the worker would; `core/tests/test_operations.py` covers the demo's end with a real
commit. Files and the search index: the package's own folders, which the per-test fixtures of the
root conftest would otherwise replace with empty ones."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings


def storage_settings(root):
    storage = {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": root}}
    from django.conf import settings

    return {**settings.STORAGES, "default": storage, "documents": storage}


def point_file_fields_at_documents(monkeypatch):
    from django.apps import apps
    from django.core.files.storage import storages
    from django.db.models import FileField

    from chancery.core.models.documents import document_storage

    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, FileField) and getattr(field, "_storage_callable", None) is document_storage:
                monkeypatch.setattr(field, "storage", storages["documents"])


@pytest.fixture(scope="package")
def demo_folders(tmp_path_factory):
    root = tmp_path_factory.mktemp("demo")
    (root / "media").mkdir()
    return root


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker, demo_folders):
    """The demo as `chancery demo` loads it; the command's output."""
    from chancery.licensing.demo.licence_files import make_archive

    overridden = override_settings(
        VAR_DIR=demo_folders,  # the demo's certificate authority goes there
        CHANCERY_SIGNING_TRUST_ROOTS=[],
        STORAGES=storage_settings(demo_folders / "media"),
        CHANCERY_SEARCH_INDEX=demo_folders / "search-index",
    )
    overridden.enable()
    loading = transaction.atomic()
    with pytest.MonkeyPatch.context() as monkeypatch, django_db_blocker.unblock():
        point_file_fields_at_documents(monkeypatch)
        loading.__enter__()
        out = StringIO()
        try:
            call_command("demo", stdout=out)
            # What the tests of the demo read and the worker makes after `make run` serves its
            # first page: the licence service's archive (queued by the demo, see licence_files).
            make_archive.call()
        except BaseException:
            loading.__exit__(None, None, None)
            raise
    yield out.getvalue()
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        loading.__exit__(None, None, None)
    overridden.disable()


@pytest.fixture(autouse=True)
def document_store(demo_folders, settings, monkeypatch):
    """The demo's files, not an empty folder per test (replaces the root conftest's fixture)."""
    settings.STORAGES = storage_settings(demo_folders / "media")
    point_file_fields_at_documents(monkeypatch)
    return demo_folders / "media"


@pytest.fixture(autouse=True)
def search_index(demo_folders, settings):
    settings.CHANCERY_SEARCH_INDEX = demo_folders / "search-index"
    return settings.CHANCERY_SEARCH_INDEX


@pytest.fixture
def on_the_demo(demo, db):
    """A test over the loaded demo, in a savepoint of its own; the demo's output. (The settings the
    demo was loaded with, its certificate authority among the trust roots, hold until the package
    is done.)"""
    return demo
