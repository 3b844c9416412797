"""Zero-downtime migrations (docs/OPERATIONS.md, "Upgrading without downtime"): a release's
migrations run while the previous version still serves, so each must only *expand* the schema (new
tables, new nullable or defaulted columns, new indexes) and leave what the running code reads and
writes in place; removing or renaming waits for the next release (*contract*). A migration that
cannot follow the rule is declared here with its reason, and the release notes tell operators to
stop the web processes for it.

The rule is checked by django-migration-linter (it reads each migration's SQL as `sqlmigrate`
writes it for the database in use) over every migration not in `released_migrations.txt`."""

from __future__ import annotations

from pathlib import Path

from django.apps import apps
from django.db import connection
from django.db.migrations.loader import MigrationLoader

RELEASED = Path(__file__).with_name("released_migrations.txt")

# Migrations that need the web processes stopped while they run, each with the reason.
OFFLINE: dict[str, str] = {
    "portal.0004_search_nodes": (
        "the search index's bookkeeping moves to one list per machine: the previous version would "
        "write its stale entries without a machine and read a table that is gone. Derived data "
        "only: stop the web processes and workers, migrate, start (the index is rebuilt as needed)."
    ),
    "regulation.0003_eu_act_moved": (
        "the EU acts move to their own app (eu_files, one model for the EU files and the obligations "
        "tracker): the previous version reads the old table, which this migration drops after its "
        "rows were copied (eu_files.0002). Stop the web processes and workers, migrate, start."
    ),
}


def released() -> set[str]:
    lines = RELEASED.read_text().splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def pending() -> list[tuple[str, str]]:
    """Our migrations since the last release, in (app, name) order."""
    ours = {config.label for config in apps.get_app_configs() if config.name.startswith("chancery.")}
    loader = MigrationLoader(None, ignore_no_migrations=True)
    done = released()
    return sorted(key for key in loader.disk_migrations if key[0] in ours and f"{key[0]}.{key[1]}" not in done)


def unsafe() -> dict[str, str]:
    """The pending migrations that are not safe while the previous version serves and are not
    declared in OFFLINE, each with what the linter found."""
    from django_migration_linter import MigrationLinter  # a test dependency: the check runs in CI

    loader = MigrationLoader(connection, ignore_no_migrations=True)
    linter = MigrationLinter(None, no_cache=True, no_output=True, database=connection.alias)
    found = {}
    for app, name in pending():
        key = f"{app}.{name}"
        before = linter.nb_erroneous
        linter.lint_migration(loader.disk_migrations[app, name])
        if linter.nb_erroneous > before and key not in OFFLINE:
            found[key] = "backward incompatible for the version still serving"
    return found
