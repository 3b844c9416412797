"""Keeping the search index in step with the database: entries marked stale in the transaction of
a change (`mark_stale`), the indexer's run that writes them, commits the index and then clears their
listing (`sync`, the worker's task), a whole build (`rebuild`), and vacuuming the stale list.

Each machine that serves search keeps its own index (`SearchNode`, named by CHANCERY_SEARCH_NODE):
a change is listed stale once per registered node, each node's worker writes and clears its own
list (the task goes to the node's own queue, `core.background.machine_queue`), and each node's searches answer its
own stale entries from the database, so every node's answers are exact whatever its lag."""

from __future__ import annotations

import time
import uuid
from collections import defaultdict

import tantivy
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction
from django.utils import timezone
from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend

from chancery.core.background import background, enqueue, machine_queue
from chancery.core.models import Document
from chancery.core.models.access import LINK_FIELDS
from chancery.decisions.models import AgendaItem, Dossier, ProcedureStep
from chancery.decisions.services.dossiers import dossier_histories, phase_keys, phase_of
from chancery.portal.models import SearchEntry, SearchNode, StaleSearchEntry
from chancery.portal.search.tantivy_index.classes import representative
from chancery.portal.search.tantivy_index.schema import CLASSES, available, directory, open_index, pairs, recency

BATCH = 5000
# The indexer's memory for new segments (it runs in the worker, not in the web processes).
WRITER_HEAP = 128_000_000


def this_node() -> str:
    return settings.CHANCERY_SEARCH_NODE


def mark_stale(entries, *, nodes: list[str] | None = None) -> int:
    """Entries (a queryset of search entries, or their ids) whose indexed form may have changed:
    searched in the database until re-indexed, on every node (or only on `nodes`). Call inside the
    transaction that makes the change. Returns how many (node, entry) pairs were listed."""
    table = connection.ops.quote_name(StaleSearchEntry._meta.db_table)
    node_table = connection.ops.quote_name(SearchNode._meta.db_table)
    token = uuid.uuid4().hex
    if hasattr(entries, "query"):
        sql, params = entries.values("pk").query.sql_with_params()
        # Django compiled the inner query, with its values as parameters.
        source = f"({sql})"
    else:
        ids = sorted(set(entries))
        if not ids:
            return 0
        # VALUES as a table: its one column is "column1" on SQLite and PostgreSQL alike.
        source, params = f"(VALUES {', '.join(['(%s)'] * len(ids))})", ids
    where, node_params = "", []
    if nodes is not None:
        if not nodes:
            return 0
        where, node_params = f"AND n.name IN ({', '.join(['%s'] * len(nodes))})", list(nodes)
    with connection.cursor() as cursor:
        # One row per registered node and entry ("WHERE true" as well: SQLite's grammar needs a
        # WHERE before ON CONFLICT after a SELECT).
        cursor.execute(
            f"INSERT INTO {table} (node_id, entry_id, token) "  # noqa: S608 - table names from our models, values as parameters
            f"SELECT n.name, s.*, %s FROM {node_table} n CROSS JOIN {source} s WHERE true {where} "
            "ON CONFLICT (node_id, entry_id) DO UPDATE SET token = excluded.token",
            [token, *params, *node_params],
        )
        count = cursor.rowcount
    if count:
        schedule_sync()
    return count


def _enqueue_sync() -> None:
    """The index's task, once in the queue of every node (coalesced per queue: one waiting run
    writes every change before it). Without a queue that waits (the tests' immediate backend), the
    run happens here, for this process's node."""
    if not isinstance(task_backends[sync_search_index.backend], DatabaseBackend):
        enqueue(sync_search_index)
        return
    for name in SearchNode.objects.values_list("name", flat=True):
        enqueue(sync_search_index.using(queue_name=machine_queue(name)))


def schedule_sync() -> None:
    """Ask the workers to bring the indexes up to date once this transaction commits (once per
    transaction, however many changes it makes)."""
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(func is _enqueue_sync for _sids, func, _robust in connection.run_on_commit):
        return
    transaction.on_commit(_enqueue_sync)


def _links(model, field: str, owners) -> dict[int, list[int]]:
    """The targets of a many-to-many field of `model` for the rows `owners`."""
    m2m = model._meta.get_field(field)
    owner, target = f"{m2m.m2m_field_name()}_id", f"{m2m.m2m_reverse_field_name()}_id"
    links = defaultdict(list)
    for row, linked in m2m.remote_field.through.objects.filter(**{f"{owner}__in": owners}).values_list(owner, target):
        links[row].append(linked)
    return links


def _rule_inputs(entries) -> dict[int, dict]:
    """Per entry, the fields the confidentiality rule reads, of its source: the document for a
    document's entry, else the item (as `service.visible_entries` applies the rule)."""
    rows = entries.values_list(
        "pk",
        "document_id",
        "item_id",
        "document__access_level",
        "document__release_state",
        "item__access_level",
        "item__release_state",
    )
    sources, inputs = {}, {}
    for pk, document, item, document_level, document_state, item_level, item_state in rows:
        if document is not None:
            sources[pk] = (Document, document)
            inputs[pk] = {"access_level": document_level, "release_state": document_state}
        elif item is not None:
            sources[pk] = (AgendaItem, item)
            inputs[pk] = {"access_level": item_level, "release_state": item_state}
    # The sources as subqueries, not lists of ids (a batch is 20,000 entries when the index is built).
    owners = {Document: entries.values("document_id"), AgendaItem: entries.filter(document=None).values("item_id")}
    for model in (Document, AgendaItem):
        for field in LINK_FIELDS:
            links = _links(model, field, owners[model])
            for pk, (kind, source) in sources.items():
                if kind is model:
                    inputs[pk][field] = links.get(source, [])
    return inputs


def _dossier_grants(dossiers: set[int]) -> dict[str, dict[int, set[int]]]:
    """Per link field (named users, concerned government members), per dossier: who is linked on
    the dossier itself, on one of its steps or on one of their agenda items."""
    grants = {field: defaultdict(set) for field in LINK_FIELDS}
    for model, path in ((Dossier, "pk"), (ProcedureStep, "dossier_id"), (AgendaItem, "step__dossier_id")):
        for field in LINK_FIELDS:
            m2m = model._meta.get_field(field)
            owner, target = m2m.m2m_field_name(), f"{m2m.m2m_reverse_field_name()}_id"
            dossier = f"{owner}__{path}" if path != "pk" else f"{owner}_id"
            for row, linked in m2m.remote_field.through.objects.filter(**{f"{dossier}__in": dossiers}).values_list(
                dossier, target
            ):
                grants[field][row].add(linked)
    return grants


def _class_views(dossiers: set[int]) -> dict[str, tuple[dict[int, str], dict[int, list[int]]]]:
    """Per reader class (schema.CLASSES), the phase keys and themes of the dossiers it may see."""
    themes_of = defaultdict(list)
    for dossier, theme in Dossier.themes.through.objects.filter(dossier_id__in=dossiers).values_list(
        "dossier_id", "theme_id"
    ):
        themes_of[dossier].append(theme)
    views = {}
    for name in CLASSES:
        reader = representative(name)
        keys = phase_keys(Dossier.objects.visible_to(reader).filter(pk__in=dossiers), reader)
        views[name] = (keys, {dossier: themes_of[dossier] for dossier in keys})
    return views


def _documents(entries) -> list[tantivy.Document]:
    """The index documents of entries, with the confidentiality rule's inputs, their dossier, the
    theme and phase facets as the public knows them (for the public reader) and as each reader
    class knows them, and who is named or concerned on the dossier (`classes`)."""
    public = AnonymousUser()
    dossier_of = {pk: dossier for pk, dossier in entries.values_list("pk", "item__step__dossier")}
    all_dossiers = {d for d in dossier_of.values() if d}
    dossiers = list(Dossier.objects.visible_to(public).filter(pk__in=all_dossiers))
    histories = dossier_histories(dossiers, public)
    phases = {d.pk: phase_of(histories[d.pk]).key for d in dossiers}
    themes = defaultdict(list)
    for dossier, theme in Dossier.themes.through.objects.filter(dossier_id__in=phases).values_list(
        "dossier_id", "theme_id"
    ):
        themes[dossier].append(theme)
    class_views = _class_views(all_dossiers)
    grants = _dossier_grants(all_dossiers)
    ministers = defaultdict(list)
    for entry, mandatee in SearchEntry.ministers.through.objects.filter(searchentry__in=entries).values_list(
        "searchentry_id", "mandatee_id"
    ):
        ministers[entry].append(mandatee)
    rule_inputs = _rule_inputs(entries)

    documents = []
    for entry in entries.only("pk", "title_index", "body_index", "date", "year", "kind", "document_kind", "meeting_id"):
        document = tantivy.Document()
        document.add_integer("id", entry.pk)
        document.add_text("title", entry.title_index)
        document.add_text("body", entry.body_index)
        document.add_text("title_pairs", pairs(entry.title_index))
        document.add_text("body_pairs", pairs(entry.body_index))
        document.add_integer("recency", recency(entry.date, entry.pk))
        document.add_integer("year", entry.year)
        document.add_text("kind", entry.kind)
        if entry.document_kind:
            document.add_text("document_kind", entry.document_kind)
        if entry.meeting_id:
            document.add_integer("meeting", entry.meeting_id)
        for mandatee in ministers[entry.pk]:
            document.add_integer("ministers", mandatee)
        dossier = dossier_of.get(entry.pk)
        if dossier is not None:
            document.add_integer("dossier", dossier)
        if dossier in phases:
            document.add_text("phase", phases[dossier])
            for theme in themes[dossier]:
                document.add_integer("themes", theme)
        for name, (class_phases, class_themes) in class_views.items():
            if dossier in class_phases:
                document.add_text(f"phase_{name}", class_phases[dossier])
                for theme in class_themes[dossier]:
                    document.add_integer(f"themes_{name}", theme)
        for field in LINK_FIELDS:
            for linked in grants[field].get(dossier, ()):
                document.add_integer(f"dossier_{field}", linked)
        # An entry without a source (neither item nor document) gets no rule fields: only a rule
        # without conditions (the secretariat's) admits it, as in SQL.
        inputs = rule_inputs.get(entry.pk)
        if inputs is not None:
            document.add_text("access_level", inputs["access_level"])
            document.add_text("release_state", inputs["release_state"])
            for user in inputs["named_users"]:
                document.add_integer("named_users", user)
            for mandatee in inputs["concerned_mandatees"]:
                document.add_integer("concerned_mandatees", mandatee)
        documents.append(document)
    return documents


def sync(*, batch: int = BATCH, fresh: bool = False) -> int:
    """Write every entry stale for this node to its index (or take it out); returns how many were
    handled. `fresh`: the index was just emptied (a rebuild), so there is nothing to take out first."""
    if not available() or not SearchNode.objects.filter(name=this_node()).exists():
        return rebuild()  # a new machine, or a new schema version: build it whole
    node = this_node()
    handled, after, writer = 0, 0, None
    try:
        while True:
            with transaction.atomic():
                # One indexer at a time on this node, whichever process it runs in.
                state = SearchNode.objects.select_for_update().get(name=node)
                # Each entry once per run (in id order): one that keeps changing cannot hold the
                # indexer; its next change asks for another run.
                stale = list(
                    StaleSearchEntry.objects.filter(node=node, entry_id__gt=after)
                    .order_by("entry_id")
                    .values_list("entry_id", "token")[:batch]
                )
                if not stale:
                    state.synced_at = timezone.now()
                    state.save(update_fields=["synced_at"])
                    return handled
                after = stale[-1][0]
                ids = [pk for pk, _token in stale]
                # One writer for the whole run: segment merges go on in the background between
                # batches instead of being awaited after each (15 of 30 s per 10,000 entries).
                writer = writer or open_index(directory()).writer(heap_size=WRITER_HEAP, num_threads=1)
                if not fresh:
                    for pk in ids:
                        writer.delete_documents_by_term("id", pk)
                for document in _documents(SearchEntry.objects.filter(pk__in=ids)):
                    writer.add_document(document)
                writer.commit()
                by_token = defaultdict(list)
                for pk, token in stale:
                    by_token[token].append(pk)
                for token, pks in by_token.items():
                    # An entry marked again since it was read keeps its (new) mark.
                    StaleSearchEntry.objects.filter(node=node, entry_id__in=pks, token=token).delete()
                state.generation += 1
                state.save(update_fields=["generation"])
                handled += len(stale)
    finally:
        if writer is not None:
            writer.wait_merging_threads()
        if handled >= VACUUM_AFTER:
            _vacuum_stale_list()


# Every search reads the stale list first. After a large run it is empty but, on PostgreSQL, full of
# dead rows that each search scans until a VACUUM reclaims them (at scale 1.0, 1.2 million dead rows
# after the first build: 6 ms per search, when autovacuum is off or has not come by yet).
VACUUM_AFTER = 5_000


def _vacuum_stale_list() -> None:
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return  # SQLite reuses its free pages; VACUUM cannot run inside a transaction
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {connection.ops.quote_name(StaleSearchEntry._meta.db_table)}")


JOIN_WAIT_SECONDS = 60


def join() -> SearchNode:
    """Register this node, so that every change from now on is listed stale for it too, and wait
    until the changes that could not see it yet have committed: a transaction in progress when the
    node joined may have listed its entries for the other nodes only. (On SQLite one writer at a
    time: any such transaction has committed before the node's row could be written.)"""
    node, _created = SearchNode.objects.get_or_create(name=this_node())
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_snapshot_xip(pg_current_snapshot())::text")
            in_progress = [row[0] for row in cursor.fetchall()]
            # Bounded: a session left idle in a transaction must not hold the build forever (what it
            # changed is then caught by its own marking if it saw the node, else by a later rebuild).
            deadline = time.monotonic() + JOIN_WAIT_SECONDS
            while in_progress and time.monotonic() < deadline:
                cursor.execute(
                    "SELECT x FROM unnest(%s::xid8[]) x WHERE pg_xact_status(x) = 'in progress'", [in_progress]
                )
                in_progress = [row[0] for row in cursor.fetchall()]
                if in_progress:
                    time.sleep(0.05)
    return node


def forget(name: str) -> int:
    """Take a node that no longer serves off the list (its stale entries with it): changes are no
    longer listed for it. Returns how many waiting entries were dropped."""
    node = SearchNode.objects.filter(name=name).first()
    if node is None:
        return 0
    waiting = node.stale_entries.count()
    node.delete()
    return waiting


def rebuild() -> int:
    """Empty this node's index and write every entry again (after a restore, a schema change, or
    on a machine that joins)."""
    join()
    with transaction.atomic():
        index = open_index(directory())  # creates it where it is missing
        writer = index.writer(heap_size=WRITER_HEAP, num_threads=1)
        writer.delete_all_documents()
        writer.commit()
        writer.wait_merging_threads()
        mark_stale(SearchEntry.objects.all(), nodes=[this_node()])
    return sync(batch=20_000, fresh=True)


@background(coalesce=True)
def sync_search_index() -> int:
    """Bring this node's search index up to date with the database (its worker, after each change)."""
    return sync()
