"""/health/live and /health/ready: JSON, never cached, no personal data; ready answers 503 with the
reason when the database, the file store, the task queue or the search index fails it."""

import datetime
import json
import os

from django.core.files.storage import storages
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from chancery.core import services
from chancery.core.testing import pdf_upload
from chancery.portal.models import SearchNode, StaleSearchEntry
from chancery.portal.search.tantivy_index import indexer, schema


def test_live_answers_without_asking_anything(client):
    # No database access is allowed in this test: a query would fail it.
    response = client.get(reverse("health_live"))
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_ready_reports_every_check_and_holds_no_personal_data(client, org):
    secretariat = org.users["secretariat"]
    document = services.create_document(secretariat, title="Nota Jan Peeters", upload=pdf_upload())
    indexer.rebuild()
    response = client.get(reverse("health_ready"))
    assert response.status_code == 200, response.content
    assert "no-store" in response["Cache-Control"] and response["Content-Type"] == "application/json"
    answer = response.json()
    assert answer["status"] == "ok" and answer["reasons"] == []
    checks = answer["checks"]
    assert checks["database"]["ok"] and checks["storage"] == {"ok": True}
    assert checks["tasks"] == {"pending": 0, "oldest_seconds": 0.0}
    assert checks["search"]["available"] and checks["search"]["stale_entries"] == 0
    assert checks["search"]["lag_seconds"] == 0.0
    # Nothing of the content or its people: only counts and ages.
    body = response.content.decode()
    for private in (document.title, "Peeters", secretariat.username, str(document.uuid)):
        assert private not in body
    # The storage probe leaves nothing behind.
    assert storages["documents"].listdir("health") == ([], [])


def _queue(enqueued: datetime.datetime, run_after: datetime.datetime | None = None) -> DBTaskResult:
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="chancery.portal.opendata.rebuild_open_data",
        backend_name="default",
        run_after=run_after or get_date_max(),
    )
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=enqueued)  # auto_now_add on create
    return task


def test_ready_is_503_when_the_oldest_due_task_waited_too_long(client, db, settings):
    settings.CHANCERY_READY_MAX_TASK_AGE = 600
    now = timezone.now()
    _queue(now - datetime.timedelta(seconds=60))
    # Planned for later: not due, however long ago it was queued.
    _queue(now - datetime.timedelta(hours=5), run_after=now + datetime.timedelta(hours=1))
    response = client.get(reverse("health_ready"))
    assert response.status_code == 200
    assert response.json()["checks"]["tasks"]["pending"] == 1
    assert 60 <= response.json()["checks"]["tasks"]["oldest_seconds"] < 600

    _queue(now - datetime.timedelta(seconds=700))
    response = client.get(reverse("health_ready"))
    assert response.status_code == 503
    answer = response.json()
    assert answer["status"] == "unavailable"
    assert answer["checks"]["tasks"]["pending"] == 2 and answer["checks"]["tasks"]["oldest_seconds"] >= 700
    assert [reason.split(":")[0] for reason in answer["reasons"]] == ["tasks"]

    settings.CHANCERY_READY_MAX_TASK_AGE = 0  # the check turned off
    assert client.get(reverse("health_ready")).status_code == 200


def test_ready_is_503_when_changes_wait_too_long_for_the_search_index(client, org, settings):
    settings.CHANCERY_READY_MAX_SEARCH_LAG = 600
    indexer.rebuild()
    meta = schema.directory() / "meta.json"
    long_ago = (timezone.now() - datetime.timedelta(seconds=900)).timestamp()
    os.utime(meta, (long_ago, long_ago))
    # Committed long ago but nothing waits: no lag.
    answer = client.get(reverse("health_ready")).json()
    assert answer["status"] == "ok" and answer["checks"]["search"]["age_seconds"] >= 900
    # Waiting for another machine's index is not this one's lag.
    SearchNode.objects.create(name="elders")
    StaleSearchEntry.objects.create(node_id="elders", entry_id=1, token="t")
    assert client.get(reverse("health_ready")).status_code == 200
    StaleSearchEntry.objects.create(node_id=indexer.this_node(), entry_id=1, token="t")
    response = client.get(reverse("health_ready"))
    assert response.status_code == 503
    assert response.json()["checks"]["search"]["lag_seconds"] >= 900
    assert [reason.split(":")[0] for reason in response.json()["reasons"]] == ["search"]


def test_ready_is_503_when_the_file_store_refuses_a_write(client, db, settings, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the store's folder should be")
    storage = {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": blocked}}
    settings.STORAGES = {**settings.STORAGES, "documents": storage}
    response = client.get(reverse("health_ready"))
    assert response.status_code == 503
    answer = json.loads(response.content)
    assert answer["checks"]["storage"]["ok"] is False
    assert [reason.split(":")[0] for reason in answer["reasons"]] == ["storage"]
    assert str(tmp_path) not in response.content.decode()  # the kind of failure, not its paths
