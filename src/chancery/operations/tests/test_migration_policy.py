"""Every migration since the last release is safe to run while the previous version serves, or is
declared offline with its reason (operations.migration_policy)."""

import pytest
from django.db import connection

from chancery.operations import migration_policy


@pytest.fixture(autouse=True)
def _postgresql_only():
    # The SQL checked is PostgreSQL's: several versions serving side by side is past one machine,
    # and SQLite is the one-machine default (its schema editor cannot run inside the test's transaction).
    if connection.vendor != "postgresql":
        pytest.skip("zero-downtime upgrades are PostgreSQL's (several machines)")


def test_every_migration_since_the_last_release_expands_or_is_declared_offline(db):
    assert migration_policy.unsafe() == {}


def test_the_declared_offline_migrations_exist_and_are_pending(db):
    pending = {f"{app}.{name}" for app, name in migration_policy.pending()}
    assert set(migration_policy.OFFLINE) <= pending, "declare only migrations of this release"
    assert set(migration_policy.released()).isdisjoint(migration_policy.OFFLINE)


DROP = """from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("portal", "0004_search_nodes")]
    operations = [migrations.RemoveField("searchnode", "synced_at")]
"""

ADD = """from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("portal", "0004_search_nodes")]
    operations = [migrations.AddField("searchnode", "note", models.TextField(null=True))]
"""


def test_a_contracting_migration_is_found(db, settings, tmp_path, monkeypatch):
    """The check itself: a migration that drops a column the previous version reads is refused,
    one that adds a nullable column is not."""
    import importlib
    import shutil
    import sys
    from pathlib import Path

    import chancery.portal.migrations as shipped

    package = tmp_path / "portal_migrations_plus"
    shutil.copytree(Path(shipped.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    (package / "0005_drop.py").write_text(DROP)
    (package / "0006_add.py").write_text(ADD.replace("0004_search_nodes", "0005_drop"))
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    settings.MIGRATION_MODULES = {"portal": "portal_migrations_plus"}
    try:
        assert set(migration_policy.unsafe()) - set(migration_policy.OFFLINE) == {"portal.0005_drop"}
    finally:
        for name in [m for m in sys.modules if m.startswith("portal_migrations_plus")]:
            del sys.modules[name]
