"""The audit trail says truthfully through which channel a change came: `web`, `api`, `admin`,
`command` or `task`, set by the middleware, the base command and the task wrapper (core.context)."""

import datetime
import io
import json

from django.core.management import call_command
from django.urls import reverse

from chancery.api.models import ApiToken, Scope
from chancery.core import context
from chancery.core.models import AuditEntry
from chancery.monitoring.models import Indicator, Observation


def test_a_web_form_records_web(client, org):
    client.force_login(org.users["secretariat"])
    response = client.post(
        reverse("decisions:meeting_create"), {"kind": "regular", "starts_at": "2026-12-18T10:00", "place": "Brussel"}
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(content_type__model="meeting").get()
    assert entry.source == "web"
    assert context.channel() == "web"  # the request's channel does not outlive it


def test_the_api_records_api(client, org, settings):
    settings.CHANCERY_WEBHOOK_ALLOW_PRIVATE_HOSTS = True
    _token, key = ApiToken.issue(org.users["civil_servant"], [Scope.WEBHOOKS])
    response = client.post(
        "/api/v1/webhooks",
        data=json.dumps({"target": "http://127.0.0.1:9/hook", "event_types": ["agenda.approved"]}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code == 201, response.content
    entry = AuditEntry.objects.filter(content_type__model="webhooksubscription").get()
    assert entry.source == "api" and entry.actor == org.users["civil_servant"]
    assert "secret" not in json.dumps(entry.after)


def test_a_command_records_command(tmp_path, org):
    indicator = Indicator.objects.create(code="partnerschappen", name="Partnerschappen", unit="aantal")
    table = tmp_path / "cijfers.csv"
    table.write_text("indicator;period;value;unit\npartnerschappen;2025;14;aantal\n", encoding="utf-8")
    call_command("import-indicators", str(table), stdout=io.StringIO())
    observation = Observation.objects.get(indicator=indicator)
    entry = AuditEntry.objects.for_object(observation).get()
    assert entry.source == "command" and entry.after["value"] == "14"


def test_a_background_task_records_task(org, django_capture_on_commit_callbacks):
    from chancery.decisions import services

    secretariat = org.users["secretariat"]
    meeting = services.create_meeting(secretariat, starts_at=datetime.datetime(2026, 12, 4, 10, tzinfo=datetime.UTC))
    from chancery.monitoring.services import reports

    with django_capture_on_commit_callbacks(execute=True):
        report = reports.request_report(secretariat, None, "2025")
    report.refresh_from_db()
    assert AuditEntry.objects.for_object(report.document).get(action="create").source == "task"
    assert AuditEntry.objects.for_object(meeting).get().source == "web"  # called directly: the default
