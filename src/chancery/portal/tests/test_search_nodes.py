"""Search on several machines (issue 20 §3): each node keeps its own index and its own list of what
is stale for it; a change made through one node is listed for every node, each node's worker writes
its own, and no node answers from an index that lags behind: what it has not written yet it answers
from the database, through the reader's rule."""

import os
import subprocess
import sys
import time
from contextlib import contextmanager

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection

from chancery.core.background import machine_queue
from chancery.decisions.testing import decision_making, release
from chancery.portal.models import SearchNode, StaleSearchEntry
from chancery.portal.search.service import search
from chancery.portal.search.tantivy_index import indexer, schema
from chancery.portal.tests import test_embargo_matrix as matrix

PUBLIC, SECRET = matrix.PUBLIC, matrix.SECRET
scene = matrix.scene  # noqa: F811 - the matrix fixture, under its own name


@pytest.fixture
def node(settings, tmp_path):
    """Act as the machine `name`, with its own index folder, for the time of the block."""

    @contextmanager
    def acting_as(name: str):
        before = settings.CHANCERY_SEARCH_NODE, settings.CHANCERY_SEARCH_INDEX
        settings.CHANCERY_SEARCH_NODE, settings.CHANCERY_SEARCH_INDEX = name, tmp_path / f"index-{name}"
        try:
            yield
        finally:
            settings.CHANCERY_SEARCH_NODE, settings.CHANCERY_SEARCH_INDEX = before

    return acting_as


def waiting_for(name: str) -> set[int]:
    return set(StaleSearchEntry.objects.filter(node=name).values_list("entry_id", flat=True))


def found(user, text: str) -> set[str]:
    return {hit.key for hit in search(user, text).hits}


def test_a_release_through_one_node_is_listed_for_every_node_and_each_writes_its_own(scene, secretariat, org, node):
    public = AnonymousUser()
    with node("a"):
        indexer.sync()  # node a builds its index and joins
    with node("b"):
        indexer.sync()
    assert set(SearchNode.objects.values_list("name", flat=True)) == {"a", "b"}
    with node("a"):
        assert not found(public, PUBLIC.lower())
        # Released through node a: listed for both; a's worker writes a's index, b's list waits.
        release(secretariat, scene["meeting"], "decisions", "documents")
        stale_for_b = waiting_for("b")
        assert stale_for_b and waiting_for("a") == stale_for_b
        indexer.sync()
        assert not waiting_for("a") and waiting_for("b") == stale_for_b
        assert found(public, PUBLIC.lower())
    with node("b"):
        # b has not written the release yet: its searches answer those entries from the database,
        # through the reader's rule, so they are found at once and the confidential one is not.
        assert waiting_for("b") == stale_for_b
        assert found(public, PUBLIC.lower()) and not found(public, SECRET.lower())
        assert found(secretariat, SECRET.lower())
        indexer.sync()
        assert not waiting_for("b")
        # From b's own index now.
        assert found(public, PUBLIC.lower()) and not found(public, SECRET.lower())
        assert found(secretariat, SECRET.lower())


def test_a_retired_node_is_forgotten_and_no_longer_listed(scene, secretariat, node):
    for name in ("a", "b"):
        with node(name):
            indexer.sync()
    call_command("reindex", "--forget-node", "b", stdout=open(os.devnull, "w"))  # noqa: SIM115 - closed with the process
    assert not SearchNode.objects.filter(name="b").exists()
    with node("a"):
        release(secretariat, scene["meeting"], "decisions", "documents")
    assert not StaleSearchEntry.objects.exclude(node="a").exists()


def test_an_index_folder_of_a_node_that_never_joined_is_not_trusted(scene, secretariat, node, tmp_path):
    """A folder copied from another machine does not know what changed since: the node answers from
    the database until it has built its own."""
    with node("a"):
        indexer.sync()
        release(secretariat, scene["meeting"], "decisions", "documents")
    with node("c"):
        schema.directory().parent.mkdir(parents=True)
        os.symlink(tmp_path / "index-a" / schema.directory().name, schema.directory())
        assert schema.available() and not SearchNode.objects.filter(name="c").exists()
        assert found(AnonymousUser(), PUBLIC.lower())  # the database answers


def test_the_worker_takes_its_own_machines_queue(settings):
    settings.CHANCERY_SEARCH_NODE = "web-2"
    assert machine_queue() == "node-web-2"
    assert machine_queue("web-1") == "node-web-1"


def test_a_worker_asked_for_every_queue_is_refused(settings):
    from django.core.management import CommandError

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}
    with pytest.raises(CommandError, match="'\\*'"):
        call_command("worker", "--queue-name", "*")


def _worker(name: str, index, database_url: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_ENV": "test",
        "CHANCERY_SEARCH_NODE": name,
        "CHANCERY_SEARCH_INDEX": str(index),
        "CHANCERY_TASK_BACKEND": "django_tasks_db.DatabaseBackend",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "chancery.manage", "worker", "--interval", "0.2", "--no-startup-delay", "--no-reload"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


# How long a change made through one machine may take to be in every machine's own index, with
# each machine's worker polling every 0.2 s (docs/ARCHITECTURE.md, "Past one machine").
BOUND_SECONDS = 30


@pytest.mark.django_db(transaction=True)
def test_two_machines_each_with_its_own_worker_and_index_folder(org, settings, tmp_path):
    """Two nodes, each with its own worker process and index folder, over one PostgreSQL database:
    a release made through node a is written by both workers, each into its own index."""
    if connection.vendor != "postgresql":
        pytest.skip("several machines share a PostgreSQL database; SQLite is the one-machine default")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}
    db = connection.settings_dict
    auth = f"{db['USER']}:{db['PASSWORD']}@" if db.get("PASSWORD") else f"{db['USER']}@"
    url = f"postgres://{auth}{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    folders = {name: tmp_path / f"index-{name}" for name in ("a", "b")}
    for name, folder in folders.items():
        settings.CHANCERY_SEARCH_NODE, settings.CHANCERY_SEARCH_INDEX = name, folder
        indexer.rebuild()
    workers = {name: _worker(name, folder, url) for name, folder in folders.items()}
    try:
        settings.CHANCERY_SEARCH_NODE, settings.CHANCERY_SEARCH_INDEX = "a", folders["a"]
        decision_making(org)  # a round of decision-making, released, through node a
        assert waiting_for("a") and waiting_for("b")
        deadline = time.monotonic() + BOUND_SECONDS
        while (waiting_for("a") or waiting_for("b")) and time.monotonic() < deadline:
            time.sleep(0.2)
        for name, worker in workers.items():
            assert worker.poll() is None, f"worker {name} stopped: {worker.stderr.read()}"
        assert not waiting_for("a") and not waiting_for("b"), "the workers did not write within the bound"
        answers = {}
        for name, folder in folders.items():
            settings.CHANCERY_SEARCH_NODE, settings.CHANCERY_SEARCH_INDEX = name, folder
            answers[name] = found(AnonymousUser(), "besluit"), found(org.users["secretariat"], "nota")
        assert answers["a"] == answers["b"] and all(answers["a"])
    finally:
        for worker in workers.values():
            worker.terminate()
            worker.wait(timeout=30)
