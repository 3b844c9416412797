"""The read-replica router and its middleware (core.replicas), without a replica: where reads and
writes would go. core/tests/test_read_replica.py runs the same against a real PostgreSQL replica."""

import runpy
import time

import pytest
from django.db import DEFAULT_DB_ALIAS, router
from django.test import Client
from django.urls import resolve

import chancery.settings
from chancery.core import replicas
from chancery.core.models import Document
from chancery.core.tests import replica_urls

pytestmark = pytest.mark.urls("chancery.core.tests.replica_urls")


@pytest.fixture
def observed():
    replica_urls.observed.clear()
    return replica_urls.observed


@pytest.fixture
def replica(settings, monkeypatch):
    """A replica configured (its alias is never connected to here) and the probe's route public."""
    settings.CHANCERY_READ_REPLICA = "replica"
    monkeypatch.setattr(replicas, "_public_routes", replicas._public_routes | {"probe_public"})
    # There is no replica to connect to here (test_read_replica.py has one, and stops it).
    monkeypatch.setattr(replicas, "_replica_answers", lambda: True)
    return "replica"


def test_without_a_replica_nothing_changes(client, observed, monkeypatch):
    monkeypatch.setattr(replicas, "_public_routes", replicas._public_routes | {"probe_public"})
    client.get("/publiek/?write")
    response = client.post("/publiek/")
    assert {alias for seen in observed for alias in seen.values()} == {DEFAULT_DB_ALIAS}
    assert replicas.PIN_COOKIE not in response.cookies
    assert set(chancery.settings.DATABASES) == {"default"}


def test_public_gets_read_the_replica_everything_else_the_primary(client, replica, observed):
    client.get("/publiek/")
    client.head("/publiek/")
    client.get("/intern/")
    public_get, public_head, internal = observed
    assert public_get == public_head == {"reads": replica, "sessions": "default", "reads_in_task": "default"}
    assert internal["reads"] == "default"


def test_a_post_pins_its_sender_to_the_primary_for_a_while(client, replica, observed):
    assert replicas.PIN_COOKIE not in client.options("/publiek/").cookies  # a safe method
    response = client.post("/publiek/")
    assert observed[-1]["reads"] == "default"
    pin = response.cookies[replicas.PIN_COOKIE]
    assert pin["httponly"] and pin["max-age"] == 11  # CHANCERY_PRIMARY_PIN_SECONDS + the second begun
    client.get("/publiek/")
    assert observed[-1]["reads"] == "default"  # a user who saves and reloads sees the save
    Client().get("/publiek/")
    assert observed[-1]["reads"] == replica  # everyone else reads the replica


def test_a_write_during_a_get_reads_the_primary_after_it_and_pins(client, replica, observed):
    response = client.get("/publiek/?write")
    assert observed[-1] | {"reads_in_task": None} == {
        "reads": replica,
        "sessions": "default",
        "writes": "default",
        "reads_after_write": "default",
        "reads_in_task": None,
    }
    assert replicas.PIN_COOKIE in response.cookies


def test_a_pin_counts_only_signed_and_until_its_moment(client, replica, observed):
    client.cookies[replicas.PIN_COOKIE] = replicas.pin_cookie_value(time.time() + 60)
    client.get("/publiek/")
    client.cookies[replicas.PIN_COOKIE] = replicas.pin_cookie_value(time.time() - 1)
    client.get("/publiek/")
    client.cookies[replicas.PIN_COOKIE] = str(int(time.time()) + 60)  # not signed
    client.get("/publiek/")
    assert [seen["reads"] for seen in observed] == ["default", replica, replica]


def test_an_api_client_without_cookies_is_pinned_by_its_authorization(replica, observed):
    Client().post("/publiek/", HTTP_AUTHORIZATION="Bearer chy_a")
    Client().get("/publiek/", HTTP_AUTHORIZATION="Bearer chy_a")
    Client().get("/publiek/", HTTP_AUTHORIZATION="Bearer chy_b")
    assert [seen["reads"] for seen in observed] == ["default", "default", replica]


@pytest.mark.django_db(transaction=True)
def test_inside_a_transaction_and_in_a_task_reads_go_to_the_primary(client, replica, observed):
    client.get("/publiek/?atomic")
    assert observed[-1] == {
        "reads": replica,
        "sessions": "default",
        "reads_in_transaction": "default",
        "reads_after_transaction": replica,
        "reads_in_task": "default",
    }


def test_outside_a_request_reads_go_to_the_primary(replica):
    assert router.db_for_read(Document) == "default"  # commands, the worker


def test_writes_relations_and_migrations(replica):
    on_replica = Document(title="x")
    on_replica._state.db = "replica"
    assert router.db_for_write(Document, instance=on_replica) == "default"  # never back to the replica
    on_primary = Document(title="y")
    on_primary._state.db = "default"
    assert router.allow_relation(on_replica, on_primary)
    assert not router.allow_migrate("replica", "core")
    assert router.allow_migrate("default", "core")


@pytest.mark.urls("chancery.urls")
@pytest.mark.parametrize(
    "path, public",
    [
        ("/besluiten/", True),
        ("/zoeken", True),
        ("/open-data/", True),
        ("/sitemap.xml", True),
        ("/voortgang/", True),
        ("/strategische-goederen/rapport/", True),
        ("/api/v1/decisions", True),
        ("/app/zittingen/", False),
        # The release preview is the portal's page, read inside a transaction that is rolled back.
        ("/app/zittingen/00000000-0000-0000-0000-000000000000/vrijgave/voorbeeld/", False),
        ("/loket/", False),
        ("/documenten/", False),
        ("/", False),
        ("/admin/", False),
    ],
)
def test_the_public_side_and_the_api_are_the_routes_served_from_a_replica(path, public):
    assert replicas.is_public_route(resolve(path)) is public


def test_the_replica_alias_mirrors_the_primary_in_the_tests(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://app@db1:5432/chancery")
    monkeypatch.setenv("DATABASE_REPLICA_URL", "postgres://app@db2:5432/chancery")
    configured = runpy.run_path(chancery.settings.__file__)
    assert configured["CHANCERY_READ_REPLICA"] == "replica"
    assert configured["DATABASES"]["replica"]["HOST"] == "db2"
    assert configured["DATABASES"]["replica"]["TEST"] == {"MIRROR": "default"}
    monkeypatch.setenv("DATABASE_URL", "sqlite:////tmp/chancery.sqlite3")
    with pytest.raises(Exception, match="PostgreSQL replica"):
        runpy.run_path(chancery.settings.__file__)
