"""Applications manage their own webhook subscriptions through the API: scope `webhooks`, the secret
shown once, If-Match on every change (no lost updates), the delivery log and redelivery."""

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from chancery.api.models import ApiToken, Delivery, Scope, WebhookSubscription
from chancery.api.tests.test_webhooks import Receiver, released_meeting


@pytest.fixture
def app(org):
    _token, key = ApiToken.issue(org.users["expert"], [Scope.READ_PUBLIC, Scope.WEBHOOKS], name="app")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


def test_subscribe_change_with_if_match_and_deactivate(app, org):
    created = app.post(
        "/api/v1/webhooks", {"target": "https://example.org/hook", "event_types": ["meeting.released"]}, format="json"
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert len(body["secret"]) == 64 and body["url"].endswith(f"/api/v1/webhooks/{body['id']}")
    assert "secret" not in app.get(body["url"]).json()  # shown once
    etag = app.get(body["url"])["ETag"]

    assert app.patch(body["url"], {"active": False}, format="json").status_code == 428  # no If-Match: no guessing
    changed = app.patch(body["url"], {"event_types": ["decision.corrected"]}, format="json", HTTP_IF_MATCH=etag)
    assert changed.status_code == 200 and changed.json()["event_types"] == ["decision.corrected"]
    # A second deployment still holding the old ETag is refused and changes nothing.
    stale = app.patch(body["url"], {"target": "https://example.org/other"}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412 and stale["Content-Type"] == "application/problem+json"
    assert WebhookSubscription.objects.get(pk=body["id"]).url == "https://example.org/hook"

    assert app.delete(body["url"], HTTP_IF_MATCH=changed["ETag"]).status_code == 204
    kept = WebhookSubscription.objects.get(pk=body["id"])
    assert kept.active is False  # kept, with its delivery log


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"target": "ftp://example.org/x", "event_types": ["meeting.released"]}, "target"),
        ({"target": "https://example.org/x", "event_types": ["meeting.exploded"]}, "event_types"),
        ({"target": "https://example.org/x", "event_types": []}, "event_types"),
    ],
)
def test_bad_subscriptions_are_refused_in_dutch_and_change_nothing(app, payload, field):
    response = app.post("/api/v1/webhooks", payload, format="json", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400 and field in response.json()["errors"]
    assert WebhookSubscription.objects.count() == 0


@override_settings(CHANCERY_WEBHOOK_ALLOW_PRIVATE_HOSTS=False)
def test_no_webhooks_into_our_own_network(app):
    for target in ("http://127.0.0.1:8000/admin/", "http://10.0.0.5/hook", "http://[::1]/hook"):
        response = app.post("/api/v1/webhooks", {"target": target, "event_types": ["meeting.released"]}, format="json")
        assert response.status_code == 400, target
    assert WebhookSubscription.objects.count() == 0


def test_only_the_owning_token_with_the_scope(app, org):
    created = app.post(
        "/api/v1/webhooks", {"target": "https://example.org/hook", "event_types": ["meeting.released"]}, format="json"
    ).json()
    _token, reader_key = ApiToken.issue(org.users["expert"], [Scope.READ_PUBLIC])
    other_token, other_key = ApiToken.issue(org.users["expert"], [Scope.WEBHOOKS])
    for key, status in ((reader_key, 403), (other_key, 404)):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
        assert client.get(created["url"]).status_code == status
    assert APIClient().get("/api/v1/webhooks").status_code in (401, 403)


def test_delivery_log_and_redelivery(app, secretariat, meeting, add, django_capture_on_commit_callbacks):
    receiver = Receiver()
    try:
        created = app.post(
            "/api/v1/webhooks", {"target": receiver.url, "event_types": ["meeting.released"]}, format="json"
        ).json()
        with django_capture_on_commit_callbacks(execute=True):
            released_meeting(secretariat, meeting, add)
        log = app.get(created["deliveries"]).json()["results"]
        assert [(entry["event"], entry["state"]) for entry in log] == [("meeting.released", "delivered")]
        with django_capture_on_commit_callbacks(execute=True):
            again = app.post(f"{created['url']}/deliveries/{log[0]['id']}/redeliver")
        assert again.status_code == 202
        assert len(receiver.received) == 2 and Delivery.objects.count() == 2
    finally:
        receiver.close()
