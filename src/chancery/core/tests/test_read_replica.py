"""The public side and the API read from a real PostgreSQL streaming replica, a release is visible
there once replicated and never before it is performed, and whoever wrote reads the primary
(core.replicas; the pair: core.tests.replication; the steps: core.tests.replica_scenario).

It runs in the PostgreSQL run of the suite (a replica is PostgreSQL's), and there it needs
PostgreSQL's server programs: not finding them is a failure, not a skip."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections

import chancery
from chancery.core.tests.replication import copy_database, server_programs, streaming_pair

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="a read replica is PostgreSQL's: tested in the PostgreSQL run",
)


@pytest.fixture(scope="module")
def observed(django_db_setup):
    assert server_programs(), "the read-replica test needs PostgreSQL's server programs: apt-get install postgresql"
    with streaming_pair() as pair:
        # The suite's test database, migrated and empty, becomes the primary's (and so the replica's).
        copy_database(pair.programs, connections["default"].settings_dict, pair.primary_url, pair.root)
        source = str(Path(chancery.__file__).resolve().parent.parent)
        environment = {
            **os.environ,
            "DJANGO_ENV": "test",
            "DJANGO_SETTINGS_MODULE": "chancery.settings",
            "PYTHONPATH": os.pathsep.join(filter(None, [source, os.environ.get("PYTHONPATH")])),
            "DATABASE_URL": pair.primary_url,
            "DATABASE_REPLICA_URL": pair.replica_url,
            # Pinned senders stay pinned for the whole scenario, however slow the machine.
            "CHANCERY_PRIMARY_PIN_SECONDS": "3600",
            "CHANCERY_VAR_DIR": str(pair.root / "var"),
        }
        environment.pop("CHANCERY_SEARCH_INDEX", None)

        def scenario(*arguments: str) -> dict:
            run = subprocess.run(
                [sys.executable, "-m", "chancery.core.tests.replica_scenario", *arguments],
                env=environment,
                capture_output=True,
                text=True,
                timeout=600,
            )
            assert run.returncode == 0, f"{run.stderr[-6000:]}\n{pair.logs()}"
            return json.loads(run.stdout.strip().splitlines()[-1])

        observed = scenario()
        pair.stop(pair.replica)
        observed["replica_down"] = scenario("replica-down", json.dumps(observed["pages"]))
        return observed


def reads_replica(fetched):
    return fetched["queries"]["replica"] > 0 and fetched["queries"]["primary"] == 0


def reads_primary(fetched):
    return fetched["queries"]["replica"] == 0 and fetched["queries"]["primary"] > 0


def test_before_the_release_nothing_shows_on_either_database(observed):
    before = observed["before"]
    assert before["visible"] == {"default": False, "replica": False}
    for who in ("public", "pinned"):
        assert before[who]["meeting"]["status"] == before[who]["decision"]["status"] == 404
        assert before[who]["api"]["status"] == 200 and before[who]["api"]["shows"] == []
    assert all(reads_replica(fetched) for fetched in before["public"].values())
    assert all(reads_primary(fetched) for fetched in before["pinned"].values())


def test_a_release_shows_on_the_replica_only_once_replicated(observed):
    assert observed["release_posted"] == 302
    paused = observed["released_paused"]
    assert paused["visible"] == {"default": True, "replica": False}
    assert [paused["public"][page]["status"] for page in ("meeting", "decision")] == [404, 404]
    assert paused["public"]["api"]["shows"] == []
    # A sender pinned by a write reads the primary: the release is there.
    assert [paused["pinned"][page]["status"] for page in ("meeting", "decision")] == [200, 200]
    assert paused["pinned"]["decision"]["shows"] == paused["pinned"]["api"]["shows"] == ["decision"]

    released = observed["released"]
    assert released["visible"] == {"default": True, "replica": True}
    for page in ("meeting", "decision", "api"):
        assert reads_replica(released["public"][page])
        assert released["public"][page]["status"] == 200
        assert released["public"][page]["shows"] == ["decision"]  # never the confidential item


def test_who_saved_sees_the_save_on_reload_while_the_replica_lags(observed):
    assert observed["correction_posted"] == 302
    paused = observed["corrected_paused"]
    secretariat, public = paused["secretariat"], paused["public"]
    assert reads_primary(secretariat["decision"]) and reads_primary(secretariat["api"])
    assert "corrected" in secretariat["decision"]["shows"] and "corrected" in secretariat["api"]["shows"]
    assert reads_replica(public["decision"]) and public["decision"]["shows"] == ["decision"]
    assert public["api"]["shows"] == ["decision"]

    corrected = observed["corrected"]["public"]
    assert reads_replica(corrected["decision"]) and "corrected" in corrected["decision"]["shows"]
    assert "corrected" in corrected["api"]["shows"]


def test_a_replica_that_is_down_leaves_the_public_side_on_the_primary(observed):
    for fetched in observed["replica_down"].values():
        assert fetched["status"] == 200 and fetched["queries"]["primary"] > 0
    assert "corrected" in observed["replica_down"]["decision"]["shows"]
