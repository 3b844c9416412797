"""The PostgreSQL role the application runs as, apart from the role that owns the tables.

The owner runs the migrations (`chancery migrate` with the owner's DATABASE_URL); the web and worker
processes connect as a role that owns nothing and holds only what they need: reading and writing the
tables, and of the audit table only reading and adding. A table's owner may drop its triggers and
TRUNCATE it; the application's role can do neither, so the trail's protection does not rest on the
application's code alone. `chancery grant-app-role ROLE` prints (or with --execute runs, as the
owner) these statements; run it again after every migration that adds tables.
"""

from __future__ import annotations

from django.db.backends.base.base import BaseDatabaseWrapper

# The tables whose rows are never changed or removed once written: the audit trail, and those
# an app adds in its ready() (`register_append_only`: the crisis logbook).
APPEND_ONLY = ["core_auditentry"]


def register_append_only(table: str) -> None:
    if table not in APPEND_ONLY:
        APPEND_ONLY.append(table)


def grants(connection: BaseDatabaseWrapper, role: str) -> list[str]:
    quote = connection.ops.quote_name
    who = quote(role)
    statements = [
        f"GRANT USAGE ON SCHEMA public TO {who}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {who}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {who}",
    ]
    statements += [f"REVOKE UPDATE, DELETE, TRUNCATE ON {quote(table)} FROM {who}" for table in APPEND_ONLY]
    return statements
