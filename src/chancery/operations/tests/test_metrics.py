"""/metrics: the Prometheus text format from the client library; request latency by route name,
release durations, the task queue, the search index and webhook failures; read only by the
monitoring (allowed networks or a token), 404 for anyone else."""

import os
import subprocess
import sys

import pytest
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult, get_date_max
from prometheus_client.parser import text_string_to_metric_families

from chancery.api.models import ApiToken, Delivery, Event, Scope, WebhookSubscription
from chancery.decisions.testing import decision_making
from chancery.operations import metrics


def scrape(client=None, **headers) -> dict:
    response = (client or Client()).get(reverse("metrics"), **headers)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("text/plain; version=")
    assert "no-store" in response["Cache-Control"]
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.content.decode())
        for sample in family.samples
    }


def value(samples: dict, name: str, **labels) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def test_requests_are_timed_by_route_name_not_by_path(db):
    client = Client()
    before = scrape(client)
    for _ in range(3):
        assert client.get(reverse("health_live")).status_code == 200
    client.get("/geen-pagina-met-id-12345")
    after = scrape(client)
    count = "chancery_request_duration_seconds_count"
    assert (
        value(after, count, route="health_live", method="GET") - value(before, count, route="health_live", method="GET")
        == 3
    )
    assert value(after, count, route="unmatched", method="GET") >= 1
    # No series carries a path (ids would make them endless).
    assert not any("12345" in str(labels) for _name, labels in after)


def test_a_made_up_method_makes_no_new_series(db):
    client = Client()
    client.generic("BREW", reverse("health_live"))
    samples = scrape(client)
    assert not any(dict(labels).get("method") == "BREW" for _name, labels in samples)
    assert value(samples, "chancery_request_duration_seconds_count", route="health_live", method="other") >= 1


def test_releases_are_timed_by_scope(org):
    name = "chancery_release_duration_seconds_count"
    before = scrape()
    decision_making(org)  # releases a meeting's decisions and its documents
    after = scrape()
    assert value(after, name, scope="decisions") - value(before, name, scope="decisions") == 1
    assert value(after, name, scope="documents") - value(before, name, scope="documents") == 1


def test_the_queue_the_index_and_webhook_failures_are_read_from_the_database(org):
    DBTaskResult.objects.all().delete()
    for _task in range(2):  # the test profile runs tasks at once: queued as the database backend would
        DBTaskResult.objects.create(
            args_kwargs={"args": [], "kwargs": {}}, task_path="chancery.portal.opendata.rebuild_open_data",
            backend_name="default", run_after=get_date_max(),
        )  # fmt: skip
    token, _key = ApiToken.issue(org.users["expert"], [Scope.READ_PUBLIC])
    subscription = WebhookSubscription.objects.create(owner=token, url="https://example.org/hook", secret="s")
    event = Event.objects.create(type="meeting.released", subject_model="meeting", subject_id="1")
    for attempt, state in enumerate(["failed", "failed", "delivered"], 1):
        Delivery.objects.create(event=event, subscription=subscription, attempt=attempt, state=state)
    samples = scrape()
    assert value(samples, "chancery_task_queue_depth") == 2
    assert value(samples, "chancery_task_queue_oldest_age_seconds") >= 0
    assert value(samples, "chancery_webhook_deliveries_total", state="failed") == 2
    assert value(samples, "chancery_webhook_deliveries_total", state="delivered") == 1
    assert ("chancery_search_index_lag_seconds", ()) in samples
    assert ("chancery_search_index_stale_entries", ()) in samples


@pytest.fixture
def production_access(settings):
    settings.CHANCERY_METRICS_ALLOWED_NETWORKS = ["10.1.0.0/16"]
    settings.CHANCERY_METRICS_TOKEN = "a-long-metrics-token"


def test_only_the_allowed_networks_and_the_token_read_it(db, production_access):
    assert Client(REMOTE_ADDR="127.0.0.1").get(reverse("metrics")).status_code == 404
    assert Client(REMOTE_ADDR="203.0.113.9").get(reverse("metrics")).status_code == 404
    wrong = Client(REMOTE_ADDR="203.0.113.9").get(reverse("metrics"), HTTP_AUTHORIZATION="Bearer another-token")
    assert wrong.status_code == 404
    scrape(Client(REMOTE_ADDR="10.1.4.2"))
    scrape(Client(REMOTE_ADDR="203.0.113.9"), HTTP_AUTHORIZATION="Bearer a-long-metrics-token")


def test_a_forwarded_header_does_not_open_it(db, production_access):
    # The client's address is core.client's: a made-up X-Forwarded-For is not believed.
    client = Client(REMOTE_ADDR="203.0.113.9")
    assert client.get(reverse("metrics"), HTTP_X_FORWARDED_FOR="10.1.4.2").status_code == 404


def test_production_allows_no_network_by_default(tmp_path):
    from chancery.core.tests.test_operations import PRODUCTION, _chancery

    code = "from django.conf import settings; print(settings.CHANCERY_METRICS_ALLOWED_NETWORKS)"
    result = _chancery(["shell", "-c", code], tmp_path, **PRODUCTION, DATABASE_URL=f"sqlite:///{tmp_path}/p.db")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "[]"


def test_the_processes_of_a_node_are_added_up(db, tmp_path, monkeypatch):
    """`chancery serve` gives its processes one folder (the client library's multiprocess mode):
    what two processes measured is one figure in the scrape, whichever process answers."""
    record = "from chancery.core import metrics; metrics.RELEASE_DURATION.labels(scope='decisions').observe(0.2)"
    for _process in range(2):
        subprocess.run(
            [sys.executable, "-c", record], env={**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path)}, check=True
        )
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    samples = {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in metrics.registry().collect()
        for s in family.samples
    }
    assert value(samples, "chancery_release_duration_seconds_count", scope="decisions") == 2
    assert value(samples, "chancery_task_queue_depth") == 0  # the database's figures are there too


def test_serve_gives_its_processes_an_emptied_folder(settings, tmp_path):
    from chancery.core.management.commands.serve import metrics_directory

    settings.VAR_DIR = tmp_path
    (tmp_path / "metrics").mkdir()
    (tmp_path / "metrics" / "histogram_4242.db").write_bytes(b"of a process that is gone")
    assert metrics_directory() == str(tmp_path / "metrics")
    assert list((tmp_path / "metrics").iterdir()) == []
