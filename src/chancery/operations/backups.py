"""Backup and restore of an installation: the database, every stored file, and a manifest that
says what the backup holds and lets a restore check it before it touches anything.

A backup folder:

    manifest.json           what follows, with every file's SHA-256 (format below)
    database.sqlite3        SQLite: a copy made with SQLite's online backup API
    database.pgdump         PostgreSQL: `pg_dump --format=custom`
    files/<storage>/<name>  every file a row of the database refers to (document versions,
                            PDF renditions), under the name it has in that storage
    var/signing/…           the demo's certificate authority, when the installation has one

The manifest: `{"files": [{"path", "sha256", "storage", "name"}], "tables": {table: rows},
"database": {"path", "sha256", "engine"}, "migrations": {app: [names]}, "audit": {"entries",
"last_id", "sha256"}, "chancery_version", "created_at", "format"}`; `path` is relative to the
folder.

**Consistent.** The database is read in one snapshot, and the list of files, the row counts and the
audit trail's digest are read in that same snapshot: on PostgreSQL a REPEATABLE READ transaction
exports its snapshot and `pg_dump --snapshot` dumps exactly that; on SQLite the backup API copies
the database inside a write transaction, so no other process writes meanwhile. Files are copied
after: a stored file is never replaced or removed (content-addressed), so every file the snapshot
names is still there, as it was.

**Restore** (`restore`) into an empty installation only: a database whose Chancery tables hold no
rows (migrated or not: the reference data that migrations load is not counted) and a file store
with no other content under the backup's names. Every checksum is verified first; a corrupt or
incomplete backup is refused before anything changes. PostgreSQL: the empty target's tables and
functions are dropped and the dump restored whole (schema and data), in one transaction of psql,
so that a failure leaves the target as it was; then `migrate` brings a backup of an older version
up to this one. (Restoring the data alone into the migrated tables would clash with the rows the
migrations loaded and with a schema of another version.) Ownership and grants are not restored:
the restoring role (the owner, as for migrations) owns the tables; run `chancery grant-app-role
ROLE --execute` for the application's role afterwards. SQLite: the backup API copies the backup
over the target database in one step. Then the restored counts and the audit trail's digest are
compared with the manifest, and derived data is rebuilt: the search index and the open-data files.
"""

from __future__ import annotations

import datetime
import glob
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.core.files.storage import storages
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import FileField
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from chancery.core import audit, links
from chancery.portal import opendata
from chancery.portal.models import SearchEntry, SearchNode, StaleSearchEntry
from chancery.portal.search.tantivy_index import indexer

MANIFEST = "manifest.json"
FORMAT = 1
CHUNK = 1024 * 1024
# Tables that a freshly migrated database already fills (reference data loaded by migrations):
# rows there do not make an installation "not empty". A restore replaces them with the backup's.
REFERENCE_DATA = ("decisions.Theme", "strategic_goods.ControlListEntry", "disaster_fund.Municipality")
# Files of the installation outside the document store, relative to CHANCERY_VAR_DIR.
VAR_FOLDERS = ("signing",)


class Refused(Exception):
    """The backup or restore cannot be done as asked; nothing was changed. The message says why."""


class Failed(Exception):
    """A tool failed (pg_dump, pg_restore, psql), or a restore's result does not match its backup."""


def chancery_version() -> str:
    try:
        return version("chancery")
    except PackageNotFoundError:  # pragma: no cover - run from a source tree that was never installed
        return "unknown"


def sha256_of(stream) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: stream.read(CHUNK), b""):
        digest.update(chunk)
    return digest.hexdigest()


def _file_sha256(path: Path) -> str:
    with path.open("rb") as stream:
        return sha256_of(stream)


# --- What an installation holds ----------------------------------------------------------------


def model_tables() -> list[str]:
    """The tables of every model (many-to-many tables included), each once."""
    tables = {model._meta.db_table for model in apps.get_models(include_auto_created=True) if model._meta.managed}
    return sorted(tables | {MigrationRecorder.Migration._meta.db_table})


def _count(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608 - a table name, quoted
        return cursor.fetchone()[0]


def table_counts(tables=None) -> dict[str, int]:
    existing = set(connection.introspection.table_names())
    return {table: _count(table) for table in (tables or model_tables()) if table in existing}


def _storage_alias(storage) -> str:
    for alias in settings.STORAGES:
        if alias != "staticfiles" and storages[alias] is storage:
            return alias
    raise Refused(
        _("A file field uses a storage that is not configured in STORAGES: %(storage)s.") % {"storage": repr(storage)}
    )


def stored_files() -> list[tuple[str, str]]:
    """(storage alias, name) of every file a row refers to."""
    found = set()
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, FileField):
                alias = _storage_alias(field.storage)
                names = model._base_manager.exclude(**{field.name: ""}).values_list(field.name, flat=True).distinct()
                found.update((alias, name) for name in names if name)
    return sorted(found)


def migration_state() -> dict[str, list[str]]:
    state: dict[str, list[str]] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        state.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(state.items())}


def _var_files() -> list[Path]:
    root = Path(settings.VAR_DIR)
    return sorted(
        path.relative_to(root)
        for folder in VAR_FOLDERS
        if (root / folder).is_dir()
        for path in (root / folder).rglob("*")
        if path.is_file()
    )


# --- PostgreSQL's tools ------------------------------------------------------------------------


def pg_tool(name: str) -> str:
    """pg_dump, pg_restore or psql: on the PATH, else the newest of Debian's versioned folders."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda path: int(Path(path).parts[4].split(".")[0])
    )
    if not candidates:
        raise Refused(
            _("%(tool)s is not installed (PostgreSQL's client tools: apt-get install postgresql-client).")
            % {"tool": name}
        )
    return candidates[-1]


def pg_environment() -> dict[str, str]:
    """The connection of the default database as libpq's variables (no password on a command line)."""
    db = connection.settings_dict
    env = dict(os.environ)
    for key, variable in (("NAME", "PGDATABASE"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD"),
                          ("HOST", "PGHOST"), ("PORT", "PGPORT")):  # fmt: skip
        if db.get(key):
            env[variable] = str(db[key])
    for option, variable in (("sslmode", "PGSSLMODE"), ("sslrootcert", "PGSSLROOTCERT")):
        if db.get("OPTIONS", {}).get(option):
            env[variable] = str(db["OPTIONS"][option])
    return env


def _run(command: list[str]) -> None:
    done = subprocess.run(command, env=pg_environment(), capture_output=True, text=True, check=False)  # noqa: S603 - PostgreSQL's own tools, arguments we built
    if done.returncode != 0:
        raise Failed(
            _("%(tool)s failed: %(output)s") % {"tool": Path(command[0]).name, "output": done.stderr.strip()[-2000:]}
        )


# --- Backup ------------------------------------------------------------------------------------


def _snapshot_contents() -> dict:
    return {
        "tables": table_counts(),
        "migrations": migration_state(),
        "audit": audit.trail_digest(),
        "stored": stored_files(),
    }


def _dump_database(folder: Path) -> tuple[str, dict]:
    """Dump the database and read what the dump holds, in one snapshot."""
    if connection.vendor == "postgresql":
        target = folder / "database.pgdump"
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
            contents = _snapshot_contents()
            _run([pg_tool("pg_dump"), "--format=custom", f"--snapshot={snapshot}", f"--file={target}"])
        return target.name, contents
    if connection.vendor == "sqlite":
        target = folder / "database.sqlite3"
        # A read transaction (not Django's atomic, which takes the write lock at once: the backup
        # API cannot read through a connection that holds it, and would wait for ever). In WAL mode
        # it is a snapshot: the inventory and the copy see the same database while others write on.
        if connection.in_atomic_block:
            raise Refused(_("A backup is made outside any transaction."))
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
        try:
            contents = _snapshot_contents()
            copy = sqlite3.connect(target)
            try:
                connection.connection.backup(copy)
            finally:
                copy.close()
        finally:
            with connection.cursor() as cursor:
                cursor.execute("ROLLBACK")  # it only read
        return target.name, contents
    raise Refused(_("Backups of a %(engine)s database are not supported.") % {"engine": connection.vendor})


def backup(folder: Path) -> dict:
    """Write a backup into `folder` (missing or empty); returns the manifest."""
    folder = Path(folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise Refused(_("%(folder)s is not empty: a backup goes into a new or empty folder.") % {"folder": folder})
    created = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    try:
        return _write_backup(folder)
    except BaseException:
        # Leave no half backup that could be mistaken for a whole one.
        for path in folder.iterdir():
            shutil.rmtree(path) if path.is_dir() else path.unlink()
        if created:
            folder.rmdir()
        raise


def _write_backup(folder: Path) -> dict:
    database, contents = _dump_database(folder)
    files, missing = [], []
    for alias, name in contents["stored"]:
        storage = storages[alias]
        path = PurePosixPath("files", alias, name)
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            source = storage.open(name, "rb")
        except FileNotFoundError:
            missing.append(f"{alias}:{name}")
            continue
        digest = hashlib.sha256()
        with source, target.open("wb") as out:
            for chunk in iter(lambda source=source: source.read(CHUNK), b""):
                digest.update(chunk)
                out.write(chunk)
        files.append({"path": str(path), "sha256": digest.hexdigest(), "storage": alias, "name": name})
    if missing:
        shown = ", ".join(missing[:5]) + (" …" if len(missing) > 5 else "")
        raise Refused(
            ngettext(
                "%(count)d stored file that the database refers to is missing: %(files)s",
                "%(count)d stored files that the database refers to are missing: %(files)s",
                len(missing),
            )
            % {"count": len(missing), "files": shown}
        )
    for relative in _var_files():
        path = PurePosixPath("var", *relative.parts)
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(Path(settings.VAR_DIR) / relative, folder / path)
        files.append({"path": str(path), "sha256": _file_sha256(folder / path), "storage": "var",
                      "name": relative.as_posix()})  # fmt: skip
    manifest = {
        "format": FORMAT,
        "chancery_version": chancery_version(),
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "database": {"path": database, "sha256": _file_sha256(folder / database), "engine": connection.vendor},
        "migrations": contents["migrations"],
        "tables": contents["tables"],
        "audit": contents["audit"],
        "files": files,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return manifest


# --- Restore -----------------------------------------------------------------------------------


def _inside(folder: Path, relative: str) -> Path:
    """The path of a manifest's entry, refused when it would leave the backup folder."""
    pure = PurePosixPath(relative)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts:
        raise Refused(_("The manifest names a path outside the backup: %(path)s.") % {"path": repr(relative)})
    return folder.joinpath(*pure.parts)


def read_manifest(folder: Path) -> dict:
    folder = Path(folder)
    if not (folder / MANIFEST).is_file():
        raise Refused(
            _("%(folder)s holds no %(manifest)s: not a Chancery backup.") % {"folder": folder, "manifest": MANIFEST}
        )
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        complete = (
            isinstance(manifest["files"], list)
            and isinstance(manifest["tables"], dict)
            and all(
                entry["path"] and entry["sha256"] and entry["storage"] and entry["name"] for entry in manifest["files"]
            )  # fmt: skip
            and manifest["database"]["path"]
            and manifest["database"]["sha256"]
            and manifest["audit"]["sha256"]
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise Refused(
            _("%(path)s is not a readable manifest (%(error)s).")
            % {"path": folder / MANIFEST, "error": type(exc).__name__}
        ) from exc
    if not complete:
        raise Refused(_("%(path)s is incomplete.") % {"path": folder / MANIFEST})
    if manifest.get("format") != FORMAT:
        raise Refused(
            _("Backup format %(format)s is not known to this version (format %(known)s).")
            % {"format": repr(manifest.get("format")), "known": FORMAT}
        )
    return manifest


def verify(folder: Path, manifest: dict) -> None:
    """Every file is there with its recorded checksum, the database dump included."""
    folder = Path(folder)
    problems = []
    for entry in [manifest["database"], *manifest["files"]]:
        path = _inside(folder, entry["path"])
        if not path.is_file():
            problems.append(_("%(path)s is missing") % {"path": entry["path"]})
        elif _file_sha256(path) != entry["sha256"]:
            problems.append(_("%(path)s does not match its checksum") % {"path": entry["path"]})
    if problems:
        shown = "; ".join(problems[:5]) + (" …" if len(problems) > 5 else "")
        raise Refused(_("The backup is damaged, nothing was restored: %(problems)s") % {"problems": shown})


def tables_with_rows() -> list[str]:
    """The Chancery tables of this database that hold rows (its migrations' reference data aside)."""
    reference = {apps.get_model(label)._meta.db_table for label in REFERENCE_DATA}
    domain = {
        model._meta.db_table
        for config in apps.get_app_configs()
        if config.name.startswith("chancery.")
        for model in config.get_models(include_auto_created=True)
        if model._meta.managed
    } - reference
    existing = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        found = []
        for table in sorted(domain & existing):
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")  # noqa: S608 - quoted name
            if cursor.fetchone():
                found.append(table)
    return found


def _var_target(name: str) -> Path:
    pure = PurePosixPath(name)
    if pure.is_absolute() or ".." in pure.parts or pure.parts[0] not in VAR_FOLDERS:
        raise Refused(
            _("The manifest names a file outside the installation's folders: %(name)s.") % {"name": repr(name)}
        )
    return Path(settings.VAR_DIR).joinpath(*pure.parts)


def _file_conflicts(manifest: dict) -> list[str]:
    """Files of the backup whose name the target already uses for other content."""
    conflicts = []
    for entry in manifest["files"]:
        if entry["storage"] == "var":
            target = _var_target(entry["name"])
            if target.exists() and _file_sha256(target) != entry["sha256"]:
                conflicts.append(entry["name"])
            continue
        if entry["storage"] not in settings.STORAGES or entry["storage"] == "staticfiles":
            raise Refused(
                _("The backup's storage %(storage)s is not configured here.") % {"storage": repr(entry["storage"])}
            )
        storage = storages[entry["storage"]]
        if storage.exists(entry["name"]):
            with storage.open(entry["name"], "rb") as stream:
                if sha256_of(stream) != entry["sha256"]:
                    conflicts.append(entry["name"])
    return conflicts


def check_target(manifest: dict) -> None:
    engine = manifest["database"]["engine"]
    if engine != connection.vendor:
        raise Refused(
            _("The backup is of a %(engine)s database; this installation uses %(vendor)s.")
            % {"engine": engine, "vendor": connection.vendor}
        )
    full = tables_with_rows()
    if full:
        shown = ", ".join(full[:5]) + (" …" if len(full) > 5 else "")
        raise Refused(
            _("The target database is not empty (%(tables)s hold rows): restore into an empty installation.")
            % {"tables": shown}
        )
    conflicts = _file_conflicts(manifest)
    if conflicts:
        shown = ", ".join(conflicts[:5]) + (" …" if len(conflicts) > 5 else "")
        raise Refused(
            _("The target's file store holds other content under the backup's names: %(files)s") % {"files": shown}
        )


# Drops what a migrated (but empty) target holds, so that the dump can be restored whole. Functions
# belonging to an extension stay (they are the extension's).
PG_EMPTY_SCHEMA = """
DO $$
DECLARE item record;
BEGIN
  FOR item IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() LOOP
    EXECUTE format('DROP TABLE IF EXISTS %I CASCADE', item.tablename);
  END LOOP;
  FOR item IN SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema() LOOP
    EXECUTE format('DROP SEQUENCE IF EXISTS %I CASCADE', item.sequencename);
  END LOOP;
  FOR item IN
    SELECT p.oid::regprocedure AS signature FROM pg_proc p
    WHERE p.pronamespace = current_schema()::regnamespace
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
  LOOP
    EXECUTE 'DROP FUNCTION IF EXISTS ' || item.signature || ' CASCADE';
  END LOOP;
END $$;
"""


def _restore_database(folder: Path, manifest: dict) -> None:
    dump = _inside(folder, manifest["database"]["path"])
    if connection.vendor == "postgresql":
        with tempfile.TemporaryDirectory(prefix="chancery-restore-") as work:
            empty, script = Path(work) / "empty.sql", Path(work) / "restore.sql"
            empty.write_text(PG_EMPTY_SCHEMA, encoding="utf-8")
            _run([pg_tool("pg_restore"), "--no-owner", "--no-privileges", f"--file={script}", str(dump)])
            connection.close()
            _run([pg_tool("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction",
                  "-f", str(empty), "-f", str(script)])  # fmt: skip
    else:
        target = connection.settings_dict["NAME"]
        connection.close()
        source = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            source.close()
            destination.close()


def _restore_files(folder: Path, manifest: dict) -> int:
    written = 0
    for entry in manifest["files"]:
        source = _inside(folder, entry["path"])
        if entry["storage"] == "var":
            target = _var_target(entry["name"])
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
                written += 1
            continue
        storage = storages[entry["storage"]]
        if storage.exists(entry["name"]):
            continue  # the same content (checked before): content-addressed names
        with source.open("rb") as stream:
            saved = storage.save(entry["name"], File(stream))
        if saved != entry["name"]:
            raise Failed(_("The store saved %(name)s as %(saved)s.") % {"name": entry["name"], "saved": saved})
        written += 1
    return written


def restore(folder: Path) -> dict:
    """Restore the backup in `folder` into this (empty) installation; returns a report."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    verify(folder, manifest)
    check_target(manifest)
    _restore_database(folder, manifest)
    files = _restore_files(folder, manifest)
    counts = table_counts(list(manifest["tables"]))
    differ = sorted(table for table, rows in manifest["tables"].items() if counts.get(table) != rows)
    if differ:
        raise Failed(
            _("The restored row counts differ from the backup's in: %(tables)s") % {"tables": ", ".join(differ)}
        )
    trail = audit.trail_digest()
    if trail != manifest["audit"]:
        raise Failed(
            _("The restored audit trail differs from the backup's: %(restored)s ≠ %(backup)s")
            % {"restored": trail, "backup": manifest["audit"]}
        )
    ContentType.objects.clear_cache()  # the ids are the backup's now
    call_command("migrate", interactive=False, verbosity=0)
    # The search nodes of the backed-up installation keep indexes of another database: every machine
    # of this one builds its own (this one now; the others when their worker first runs).
    SearchNode.objects.all().delete()
    indexer.rebuild()
    dumps = opendata.build(links.site_base())
    return {
        "chancery_version": manifest["chancery_version"],
        "created_at": manifest["created_at"],
        "tables": len(manifest["tables"]),
        "rows": sum(manifest["tables"].values()),
        "files": len(manifest["files"]),
        "files_written": files,
        "audit_entries": trail["entries"],
        "search_entries": SearchEntry.objects.count(),
        # Those still to be written by the worker (the rebuild asks it for what it did not write).
        "search_entries_waiting": StaleSearchEntry.objects.filter(node=settings.CHANCERY_SEARCH_NODE).count(),
        "open_data": dumps,
    }
