"""Webhooks go only where they may, checked again at every delivery: no redirects followed, the
address looked up when sending and connected to as checked (DNS rebinding), never multicast or
reserved ranges; redeliveries on request are capped; withheld events stay out of the log."""

import socket

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from rest_framework.test import APIClient

from chancery.api import receivers, subscriptions, webhooks
from chancery.api.models import ApiToken, Delivery, Scope, WebhookSubscription
from chancery.api.tests.test_webhooks import Receiver, released_meeting, subscribe
from chancery.core import services as core_services
from chancery.core.testing import pdf_upload


@pytest.fixture
def receiver():
    server = Receiver()
    yield server
    server.close()


def test_a_redirect_is_not_followed(receiver, secretariat, meeting, add, org, django_capture_on_commit_callbacks):
    """The internal receiver stands for an address inside our network that the redirect points at:
    it hears nothing, and the log shows only the subscriber's own answer."""
    redirecting = Receiver(redirect_to=receiver.url)
    try:
        subscribe(org.users["expert"], redirecting.url, ["meeting.released"])
        with django_capture_on_commit_callbacks(execute=True):
            released_meeting(secretariat, meeting, add)
    finally:
        redirecting.close()
    assert receiver.received == []
    first = Delivery.objects.order_by("pk").first()
    assert (first.state, first.status_code, first.error) == ("failed", 307, "redirect not followed")


def _resolving(monkeypatch, name, address):
    """The name server's answer for `name` (a test has no DNS of its own)."""
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host == name:
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def test_the_delivery_connects_to_the_address_it_checked(
    receiver, secretariat, meeting, add, org, monkeypatch, django_capture_on_commit_callbacks
):
    port = receiver.server.server_port
    _resolving(monkeypatch, "hooks.example.test", "127.0.0.1")
    subscribe(org.users["expert"], f"http://hooks.example.test:{port}/hook?x=1", ["meeting.released"])
    with django_capture_on_commit_callbacks(execute=True):
        released_meeting(secretariat, meeting, add)
    [(headers, _body)] = receiver.received
    assert headers["Host"] == f"hooks.example.test:{port}"
    assert Delivery.objects.get().state == "delivered"


def test_an_address_that_turned_internal_is_refused_at_delivery(
    receiver, secretariat, meeting, add, org, monkeypatch, settings, django_capture_on_commit_callbacks
):
    """Subscribed while the name pointed outside; by delivery time it points at this machine."""
    port = receiver.server.server_port
    _resolving(monkeypatch, "hooks.example.test", "93.184.215.14")
    settings.CHANCERY_WEBHOOK_ALLOW_PRIVATE_HOSTS = False
    token, _key = ApiToken.issue(org.users["expert"], [Scope.WEBHOOKS])
    subscriptions.subscribe(token, url=f"http://hooks.example.test:{port}/hook", event_types=["meeting.released"])
    _resolving(monkeypatch, "hooks.example.test", "127.0.0.1")  # rebound
    with django_capture_on_commit_callbacks(execute=True):
        released_meeting(secretariat, meeting, add)
    assert receiver.received == []
    [delivery] = Delivery.objects.all()  # refused once, not retried
    assert delivery.state == "refused" and "publieke internetadressen" in delivery.error


@pytest.mark.parametrize(
    "address, private_hosts_allowed, expected",
    [
        ("93.184.215.14", False, True),
        ("127.0.0.1", True, True),
        ("::1", True, True),
        ("127.0.0.1", False, False),
        ("::ffff:10.0.0.5", False, False),
        ("169.254.169.254", False, False),  # cloud metadata
        ("100.64.0.1", False, False),  # shared (carrier-grade NAT)
        ("224.0.0.1", True, False),  # multicast: never
        ("ff02::1", True, False),
        ("240.0.0.1", True, False),  # reserved: never
        ("255.255.255.255", True, False),
        ("0.0.0.0", True, False),  # unspecified  # noqa: S104
        ("64:ff9b::7f00:1", True, False),  # NAT64 into 127.0.0.1
    ],
)
def test_which_addresses_receive_webhooks(settings, address, private_hosts_allowed, expected):
    settings.CHANCERY_WEBHOOK_ALLOW_PRIVATE_HOSTS = private_hosts_allowed
    assert receivers.allowed(address) is expected


@pytest.mark.parametrize("url", ["http://224.0.0.1/hook", "http://[ff02::1]/hook", "http://240.0.0.1/hook"])
def test_multicast_and_reserved_receivers_are_refused_on_subscribing(url):
    with pytest.raises(ValidationError):
        subscriptions.check_url(url)


@pytest.fixture
def app(org):
    token, key = ApiToken.issue(org.users["expert"], [Scope.READ_PUBLIC, Scope.WEBHOOKS], name="app")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    client.token = token
    return client


def test_redeliveries_are_capped_and_not_retried(app, secretariat, meeting, add, django_capture_on_commit_callbacks):
    receiver = Receiver()
    try:
        subscription = WebhookSubscription.objects.create(
            owner=app.token, url=receiver.url, event_types=["meeting.released"]
        )
        with django_capture_on_commit_callbacks(execute=True):
            released_meeting(secretariat, meeting, add)
        [first] = Delivery.objects.all()
        address = f"/api/v1/webhooks/{subscription.pk}/deliveries/{first.pk}/redeliver"
        for _ in range(webhooks.MAX_REDELIVERIES):
            with django_capture_on_commit_callbacks(execute=True):
                assert app.post(address).status_code == 202
        refused = app.post(address, HTTP_ACCEPT_LANGUAGE="nl")
        assert refused.status_code == 400 and "meest toegestane" in str(refused.json())
        assert len(receiver.received) == 1 + webhooks.MAX_REDELIVERIES
    finally:
        receiver.close()
    # A redelivery that fails is one attempt: no back-off chain of its own.
    receiver_gone = WebhookSubscription.objects.create(
        owner=app.token, url="http://127.0.0.1:9/unreachable", event_types=["meeting.released"]
    )
    stray = Delivery.objects.create(event=first.event, subscription=receiver_gone, state="failed")
    with django_capture_on_commit_callbacks(execute=True):
        again = webhooks.redeliver(stray)
    again.refresh_from_db()
    assert again.state == "failed" and Delivery.objects.filter(subscription=receiver_gone).count() == 2


def test_no_second_redelivery_while_one_waits(app, secretariat, meeting, add, django_capture_on_commit_callbacks):
    subscription = WebhookSubscription.objects.create(
        owner=app.token, url="http://127.0.0.1:9/unreachable", event_types=["meeting.released"]
    )
    released_meeting(secretariat, meeting, add)  # on-commit callbacks not run: the first attempt waits
    Delivery.objects.update(state="failed")
    first = Delivery.objects.get()
    webhooks.redeliver(first)  # not run either: it waits
    response = app.post(f"/api/v1/webhooks/{subscription.pk}/deliveries/{first.pk}/redeliver")
    assert response.status_code == 400
    assert Delivery.objects.count() == 2


def test_a_withheld_event_is_not_in_the_subscribers_log(app, secretariat, django_capture_on_commit_callbacks):
    """An applicant's token saw `decision.corrected decisions.decision:169` in its log: the kind, time
    and id of something it may not see. Now it sees nothing of it, and cannot ask for it again."""
    subscription = WebhookSubscription.objects.create(
        owner=app.token, url="http://127.0.0.1:9/unreachable", event_types=["document.version_added"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        core_services.create_document(secretariat, title="Nota", access_level="confidential", upload=pdf_upload())
    withheld = Delivery.objects.get(subscription=subscription)
    assert withheld.state == "withheld"
    assert app.get(f"/api/v1/webhooks/{subscription.pk}/deliveries").json()["results"] == []
    response = app.post(f"/api/v1/webhooks/{subscription.pk}/deliveries/{withheld.pk}/redeliver")
    assert response.status_code == 404


def test_a_first_attempt_not_yet_checked_is_not_in_the_log(app, secretariat):
    subscription = WebhookSubscription.objects.create(
        owner=app.token, url="http://127.0.0.1:9/unreachable", event_types=["document.version_added"]
    )
    core_services.create_document(secretariat, title="Nota", access_level="confidential", upload=pdf_upload())
    assert Delivery.objects.get(subscription=subscription).state == "pending"
    assert app.get(f"/api/v1/webhooks/{subscription.pk}/deliveries").json()["results"] == []


@override_settings(CHANCERY_WEBHOOK_ALLOW_PRIVATE_HOSTS=False)
def test_a_changed_receiver_is_checked_too(app):
    subscription = WebhookSubscription.objects.create(
        owner=app.token, url="https://example.org/hook", event_types=["meeting.released"]
    )
    response = app.patch(
        f"/api/v1/webhooks/{subscription.pk}",
        {"target": "http://224.0.0.1/hook"},
        format="json",
        HTTP_IF_MATCH=f'"webhook-{subscription.pk}-{subscription.revision}"',
    )
    assert response.status_code == 400
    assert WebhookSubscription.objects.get(pk=subscription.pk).url == "https://example.org/hook"
