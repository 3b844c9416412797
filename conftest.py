"""Fixtures shared by every test: an isolated document store and a test organisation."""

import os

import pytest

os.environ.setdefault("DJANGO_ENV", "test")


@pytest.fixture(autouse=True)
def document_store(tmp_path, settings, monkeypatch):
    """Each test stores files in its own folder, so 'no file left behind' can be checked."""
    from django.core.files.storage import storages

    from chancery.core.models import DocumentVersion

    root = tmp_path / "media"
    root.mkdir()
    storage = {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": root}}
    settings.STORAGES = {**settings.STORAGES, "default": storage, "documents": storage}
    # The file field resolved its storage when the model was defined; point it at this test's.
    monkeypatch.setattr(DocumentVersion._meta.get_field("file"), "storage", storages["documents"])
    return root


@pytest.fixture
def org(db):
    from chancery.core.testing import make_organisation

    return make_organisation()


@pytest.fixture
def stored_files(document_store):
    def files():
        return sorted(p for p in document_store.rglob("*") if p.is_file())

    return files


@pytest.fixture(autouse=True)
def dutch():
    """Each test starts in Dutch: a request in English in an earlier test leaves its thread in
    English otherwise, and service messages would follow it."""
    from django.utils import translation

    translation.activate("nl")
    yield
    translation.deactivate()
