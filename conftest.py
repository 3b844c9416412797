"""Fixtures shared by every test: an isolated document store and a test organisation."""

import os

import pytest

os.environ.setdefault("DJANGO_ENV", "test")


@pytest.fixture(autouse=True)
def document_store(tmp_path, settings, monkeypatch):
    """Each test stores files in its own folder, so 'no file left behind' can be checked."""
    from django.apps import apps
    from django.core.files.storage import storages
    from django.db.models import FileField

    from chancery.core.models.documents import document_storage

    root = tmp_path / "media"
    root.mkdir()
    storage = {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": root}}
    settings.STORAGES = {**settings.STORAGES, "default": storage, "documents": storage}
    # File fields resolved their storage when the models were defined; point them at this test's.
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, FileField) and getattr(field, "_storage_callable", None) is document_storage:
                monkeypatch.setattr(field, "storage", storages["documents"])
    return root


@pytest.fixture(autouse=True)
def search_index(tmp_path, settings):
    """Each test has its own public search index (derived data, like the files)."""
    settings.CHANCERY_SEARCH_INDEX = tmp_path / "search-index"
    return settings.CHANCERY_SEARCH_INDEX


@pytest.fixture(autouse=True)
def _audit_trail_emptied_after_transactional_tests(request):
    """SQLite's audit table refuses DELETE (core migration 0007), and a transactional test is
    cleaned up with DELETE: empty the audit table first (this fixture's teardown runs before
    pytest-django's, which set up the database before it)."""
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
    )
    yield
    if transactional:
        from django.db import connections

        from chancery.core.testing import purge_audit_trail

        for connection in connections.all(initialized_only=True):
            purge_audit_trail(connection)


@pytest.fixture
def org(db):
    from chancery.core.testing import make_organisation

    return make_organisation()


@pytest.fixture
def keep_connection():
    """For schemathesis' in-process WSGI calls (chancery.api.testing.connection_kept)."""
    from chancery.api.testing import connection_kept

    with connection_kept():
        yield


# The strategic-goods licence service (procedures, strategic_goods, licensing tests): its team, one
# of its handlers and a colleague, applicants, and the demo sanctions list.
@pytest.fixture
def team(db):
    from chancery.core.models import Entity
    from chancery.strategic_goods.procedure import TEAM

    return Entity.objects.create(code=TEAM, kind="department", name="Controle Strategische Goederen")


@pytest.fixture
def handler(team):
    from chancery.core.models import Role
    from chancery.core.testing import make_user

    return make_user("t-behandelaar", Role.CIVIL_SERVANT, team)


@pytest.fixture
def colleague(team):
    from chancery.core.models import Role
    from chancery.core.testing import make_user

    return make_user("t-collega", Role.CIVIL_SERVANT, team)


@pytest.fixture
def applicant(org):
    """The tests' applicant, who represents the tests' company (procedures.testing.PARTY)."""
    from chancery.procedures.testing import represent

    user = org.users["applicant"]
    represent(user, org.users["secretariat"])
    return user


@pytest.fixture
def other_applicant(org):
    """A second applicant, who represents another company (procedures.testing.OTHER_PARTY)."""
    from chancery.core.models import Role
    from chancery.core.testing import make_user
    from chancery.procedures.testing import OTHER_PARTY, represent

    user = make_user("t-aanvrager-2", Role.APPLICANT)
    represent(user, org.users["secretariat"], OTHER_PARTY)
    return user


@pytest.fixture
def demo_list(db):
    """The invented demo sanctions list, loaded (screening finds its names)."""
    from chancery.strategic_goods.demo.loader import DEMO_SANCTIONS
    from chancery.strategic_goods.services.sanctions import load_sanctions

    return load_sanctions(DEMO_SANCTIONS, source="command")


@pytest.fixture
def themes(db):
    """The policy fields as themes. The migration loads them, but a transactional test (the
    browser tests) empties every table afterwards, so tests that need them ask for them."""
    from chancery.decisions import policy_fields
    from chancery.decisions.models import Theme

    policy_fields.load(Theme)
    return Theme.objects.all()


@pytest.fixture
def municipalities(db):
    """The municipalities of the disaster fund: loaded by a migration, emptied by a transactional
    test like the themes, so tests that need them ask for them."""
    from chancery.disaster_fund.models import Municipality
    from chancery.disaster_fund.services import municipalities as reference

    if not Municipality.objects.exists():
        reference.load(Municipality)
    return Municipality.objects.all()


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


@pytest.fixture
def query_counts(request):
    """`with query_counts(key): …` compares the queries of the block with the baseline `key` in the
    query_counts.json beside the test module (chancery.core.testing_queries)."""
    from functools import partial

    from chancery.core.testing_queries import query_count_baseline

    return partial(query_count_baseline, request.path.parent / "query_counts.json")


def pytest_xdist_make_scheduler(config, log):
    """`make test`'s two processes share the tests one at a time, as xdist's `load` does, except the
    package `tests/demo/`, which goes whole to one process: it loads the demo once for all its
    tests (tests/demo/conftest.py). (`--dist loadgroup` would say this with a mark, but under
    pytest 9 it groups nothing: xdist 3.8 renames items by a `_nodeid` pytest no longer reads.)"""
    if config.getvalue("dist") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class DemoTogether(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return "tests/demo/" if nodeid.startswith("tests/demo/") else nodeid

    return DemoTogether(config, log)
