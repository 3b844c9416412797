"""Query-count baselines (as NetBox keeps them; imported by tests only): how many database queries
each page and each API list costs, kept per app in `<app>/tests/query_counts.json` and compared
exactly, so that a change of the cost shows in review as a change of that file.

    def test_meeting_list(client, query_counts):
        with query_counts("decisions:meeting_list"):
            client.get("/zittingen/")

(`query_counts` is the root conftest's fixture: the file beside the test module.) A count that
differs fails with the queries run; so does a key without a baseline. With `UPDATE_QUERY_COUNTS=1`
the block records what it measured instead: each key is written under a lock on the file, so the
two pytest-xdist processes can record at once, and the file stays sorted, one key a line. A count
that differs between SQLite and PostgreSQL is kept per database, `{"postgresql": 9, "sqlite": 8}`;
one number holds for both.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db import connections
from django.test.utils import CaptureQueriesContext

VENDORS = ("postgresql", "sqlite")
UPDATE_VARIABLE = "UPDATE_QUERY_COUNTS"
SHOWN_QUERIES = 60


def updating() -> bool:
    return os.environ.get(UPDATE_VARIABLE, "") == "1"


def forget_cached_lookups() -> None:
    """What a process remembers between requests (content types, the cache: rate limits, …) would
    make the count depend on the tests run before in the same process; every count starts cold."""
    ContentType.objects.clear_cache()
    for cache in caches.all(initialized_only=True):
        cache.clear()


def read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() and path.stat().st_size else {}


def dumps(baselines: dict) -> str:
    """Sorted, one key a line (a per-database entry on its line too): diffs show the keys that changed."""
    lines = [f"  {json.dumps(key)}: {json.dumps(baselines[key], sort_keys=True)}" for key in sorted(baselines)]
    return "{\n" + ",\n".join(lines) + "\n}\n" if lines else "{}\n"


def expected(entry, vendor: str) -> int | None:
    return entry.get(vendor) if isinstance(entry, dict) else entry


def merged(entry, vendor: str, count: int):
    """The entry with `count` for `vendor`: one number while every database agrees."""
    if entry is None:
        return count
    counts = dict.fromkeys(VENDORS, entry) if isinstance(entry, int) else dict(entry)
    counts[vendor] = count
    if set(counts) == set(VENDORS) and len(set(counts.values())) == 1:
        return count
    return counts


def record(path: Path, key: str, vendor: str, count: int) -> None:
    """Write one key, holding an exclusive lock on the file while reading and writing it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="utf-8") as file:
        fcntl.flock(file, fcntl.LOCK_EX)
        try:
            file.seek(0)
            text = file.read()
            baselines = json.loads(text) if text.strip() else {}
            updated = {**baselines, key: merged(baselines.get(key), vendor, count)}
            if updated != baselines or dumps(updated) != text:
                file.seek(0)
                file.truncate()
                file.write(dumps(updated))
                file.flush()
        finally:
            fcntl.flock(file, fcntl.LOCK_UN)


def _short(sql: str) -> str:
    """A query as listed in a failure: the columns of a SELECT left out, at most 400 characters."""
    start = sql.find(" FROM ")
    if sql.startswith("SELECT ") and start > 80:
        sql = "SELECT … " + sql[start + 1 :]
    return sql if len(sql) <= 400 else sql[:400] + " …"


def _listing(captured: CaptureQueriesContext) -> str:
    queries = [f"  {n}. {_short(query['sql'])}" for n, query in enumerate(captured.captured_queries, 1)]
    hidden = len(queries) - SHOWN_QUERIES
    return "\n".join(queries[:SHOWN_QUERIES] + ([f"  … and {hidden} more"] if hidden > 0 else []))


@contextlib.contextmanager
def query_count_baseline(path: Path, key: str, *, using: str = "default"):
    """Count the queries of the block and compare them with the baseline `key` in `path` (or record
    them with UPDATE_QUERY_COUNTS=1). Yields the CaptureQueriesContext (len() is the count)."""
    connection = connections[using]
    forget_cached_lookups()
    with CaptureQueriesContext(connection) as captured:
        yield captured
    count, vendor = len(captured), connection.vendor
    if updating():
        record(path, key, vendor, count)
        return
    wanted = expected(read(path).get(key), vendor)
    where = f"{path.parent.parent.name}/{path.parent.name}/{path.name}"
    if wanted is None:
        raise AssertionError(
            f"No query-count baseline for {key!r} ({vendor}) in {where}: {count} queries now. Run the test with "
            f"{UPDATE_VARIABLE}=1 to record it, and commit the file."
        )
    if count != wanted:
        change = "more" if count > wanted else "fewer"
        raise AssertionError(
            f"{key!r} ran {count} queries on {vendor}, {abs(count - wanted)} {change} than the baseline of {wanted} in "
            f"{where}. If that is intended (fewer is welcome), run the test with {UPDATE_VARIABLE}=1 and commit the "
            f"file; if not, find the query that came in.\n{_listing(captured)}"
        )


def assert_no_stale_baselines(path: Path, keys: Iterable[str]) -> None:
    """Every key of the file is one a test measures (`keys`); with UPDATE_QUERY_COUNTS=1 the others
    (a page removed or renamed) are removed."""
    stale = sorted(set(read(path)) - set(keys))
    if not stale:
        return
    if not updating():
        raise AssertionError(
            f"Baselines no test measures in {path.name}: {', '.join(stale)}. Run with {UPDATE_VARIABLE}=1 to remove "
            "them."
        )
    with open(path, "r+", encoding="utf-8") as file:
        fcntl.flock(file, fcntl.LOCK_EX)
        try:
            baselines = json.loads(file.read() or "{}")
            file.seek(0)
            file.truncate()
            file.write(dumps({key: value for key, value in baselines.items() if key not in stale}))
        finally:
            fcntl.flock(file, fcntl.LOCK_UN)


@dataclass(frozen=True)
class Page:
    """A page (or API list) whose queries are counted: `key` names its baseline, `reader` is the
    user who fetches it (a key of `data["users"]`; None: anonymous), `url` makes its address from the
    test's data. A list (`scales`) is fetched once more after another round of rows is added, and
    must cost the same: its queries do not grow with the rows."""

    key: str
    url: Callable[[dict], str]
    reader: str | None = "secretariat"
    scales: bool = False

    def __str__(self) -> str:
        return self.key


def check_page(client, page: Page, data: dict, query_counts, more: Callable[[], object] | None = None) -> None:
    """Fetch `page` as its reader with `client` and compare its queries with the baseline; for a
    list, first fetch it, add rows with `more()`, and check the count stayed the same."""
    if page.reader:
        client.force_login(data["users"][page.reader])
    url = page.url(data)
    before = None
    if page.scales:
        forget_cached_lookups()
        with CaptureQueriesContext(connections["default"]) as before:
            first = client.get(url)
        assert first.status_code == 200, f"{url} answered {first.status_code}"
        more()
    with query_counts(page.key) as captured:
        response = client.get(url)
        assert response.status_code == 200, f"{url} answered {response.status_code}"
    if before is not None:
        assert len(captured) == len(before), (
            f"{page.key} ran {len(before)} queries, and {len(captured)} with another round of rows: its queries grow "
            f"with the rows.\n{_listing(captured)}"
        )
