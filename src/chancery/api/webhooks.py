"""Webhooks: events recorded in the outbox within the change's transaction, delivered afterwards by
the worker, signed (HMAC-SHA256 over timestamp and body), retried with exponential back-off, and
never about something the subscriber may not see (checked at delivery, with the owner's scope)."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
import time

import certifi
import urllib3
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task_backends

from chancery.api import receivers
from chancery.api.authentication import ANONYMOUS
from chancery.api.models import Delivery, Event, Scope, WebhookSubscription
from chancery.core import links, visibility
from chancery.core.background import background, origin

MAX_ATTEMPTS = 6
# Deliveries asked for again by the subscriber, per event: each is one attempt, without retries.
MAX_REDELIVERIES = 5
# States of an attempt that was made (the subject was checked and could be sent).
SENT = ("delivered", "failed", "refused")
BACKOFF_SECONDS = 60  # 1 min, 5 min, 25 min, ~2 h, ~10 h between attempts
TIMEOUT_SECONDS = 10


def emit(event_type: str, subject, data: dict) -> Event | None:
    """Record an event for every active subscription that wants it (in the caller's transaction)."""
    subscriptions = [s for s in WebhookSubscription.objects.filter(active=True) if event_type in s.event_types]
    if not subscriptions:
        return None
    event = Event.objects.create(
        type=event_type, subject_model=subject._meta.label_lower, subject_id=str(subject.pk), data=data
    )
    deliveries = [Delivery.objects.create(event=event, subscription=s) for s in subscriptions]
    transaction.on_commit(lambda: [_enqueue(d) for d in deliveries])
    return event


def _enqueue(delivery: Delivery, when: datetime.datetime | None = None) -> None:
    """(On commit:) deliver now, or at `when` where the task backend can wait."""
    if when is not None and task_backends[deliver.backend].supports_defer:
        deliver.using(run_after=when).enqueue(delivery.pk, **origin())
    else:
        deliver.enqueue(delivery.pk, **origin())


def signature(secret: str, timestamp: int, body: bytes) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def verify_signature(secret: str, header: str, body: bytes, *, tolerance: int = 300, now: int | None = None) -> bool:
    """What a receiver does: recompute the HMAC and refuse old timestamps (replays)."""
    try:
        parts = dict(part.split("=", 1) for part in header.split(","))
        timestamp = int(parts["t"])
    except (ValueError, KeyError):
        return False
    if abs((now or int(time.time())) - timestamp) > tolerance:
        return False
    return hmac.compare_digest(signature(secret, timestamp, body), header)


def _visible(delivery: Delivery) -> bool:
    """May the subscriber's token see the subject now? The API's own rule (core.visibility), with
    the token's eyes: the embargo holds for webhooks too."""
    from django.apps import apps

    token = delivery.subscription.owner
    reader = token.user if token.allows(Scope.READ_INTERNAL) else ANONYMOUS
    model = apps.get_model(delivery.event.subject_model)
    return visibility.visible(model, reader).filter(pk=delivery.event.subject_id).exists()


def deliver_now(delivery_id: int) -> str:
    delivery = Delivery.objects.select_related("event", "subscription__owner__user").get(pk=delivery_id)
    if delivery.state != "pending":
        return delivery.state
    subscription = delivery.subscription
    if not subscription.active or not _visible(delivery):
        Delivery.objects.filter(pk=delivery.pk).update(state="withheld", attempted_at=timezone.now())
        return "withheld"
    event = delivery.event
    body = json.dumps(
        {"id": event.pk, "type": event.type, "occurred_at": event.occurred_at.isoformat(), "data": event.data},
        ensure_ascii=False,
    ).encode()
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "Chancery-Webhooks/1",
        "Chancery-Event": event.type,
        "Chancery-Delivery": str(delivery.pk),
        "Chancery-Signature": signature(subscription.secret, timestamp, body),
    }
    now = timezone.now()
    try:
        receiver = receivers.resolve(subscription.url)
    except receivers.ReceiverRefused as refused:
        # The address is (now) one we never send to: no request, no retry (a rebinding name would
        # only be given more chances). The subscriber reads why in its log.
        Delivery.objects.filter(pk=delivery.pk).update(state="refused", error=str(refused)[:300], attempted_at=now)
        return "refused"
    status, error = _post(receiver, headers, body)
    now = timezone.now()
    ok = status is not None and 200 <= status < 300
    if status is not None and 300 <= status < 400:
        error = "redirect not followed"  # the receiver must answer at the address it subscribed with
    Delivery.objects.filter(pk=delivery.pk).update(
        state="delivered" if ok else "failed", status_code=status, error=error, attempted_at=now
    )
    if not ok and not delivery.on_request and delivery.attempt < MAX_ATTEMPTS:
        retry = Delivery.objects.create(
            event=event,
            subscription=subscription,
            attempt=delivery.attempt + 1,
            scheduled_at=now + datetime.timedelta(seconds=BACKOFF_SECONDS * 5 ** (delivery.attempt - 1)),
        )
        transaction.on_commit(lambda: _enqueue(retry, retry.scheduled_at))
    return "delivered" if ok else "failed"


def _post(receiver: receivers.Receiver, headers: dict, body: bytes) -> tuple[int | None, str]:
    """POST to the checked address itself (the name only as Host and TLS server name, certificates
    verified against it); one attempt, no redirects followed."""
    if receiver.scheme == "https":
        pool = urllib3.HTTPSConnectionPool(
            receiver.address,
            receiver.port,
            server_hostname=receiver.host,
            assert_hostname=receiver.host,
            cert_reqs="CERT_REQUIRED",
            ca_certs=certifi.where(),
            maxsize=1,
        )
    else:
        pool = urllib3.HTTPConnectionPool(receiver.address, receiver.port, maxsize=1)
    default_port = 443 if receiver.scheme == "https" else 80
    host = receiver.host if ":" not in receiver.host else f"[{receiver.host}]"
    host_header = host if receiver.port == default_port else f"{host}:{receiver.port}"
    try:
        with pool:
            response = pool.urlopen(
                "POST",
                receiver.path,
                body=body,
                headers={**headers, "Host": host_header},
                redirect=False,
                retries=False,
                timeout=urllib3.Timeout(total=TIMEOUT_SECONDS),
                preload_content=False,
            )
            response.release_conn()
            return response.status, ("" if 200 <= response.status < 300 else f"HTTP {response.status}")
    except urllib3.exceptions.HTTPError as exc:
        return None, f"{type(exc).__name__}: {exc}"[:300]


def log_for(subscription: WebhookSubscription):
    """The delivery log as its subscriber sees it. A withheld delivery is left out entirely (its
    event's kind, time and subject are about something the subscriber may not see), and so is a
    first attempt not yet made (not yet checked against the subject's rule); a retry or a
    redelivery of an event that was sent is shown while it waits."""
    sent = Delivery.objects.filter(event=OuterRef("event"), subscription=subscription, state__in=SENT)
    return Delivery.objects.filter(subscription=subscription).filter(
        Q(state__in=SENT) | Q(state="pending") & Exists(sent)
    )


@transaction.atomic
def redeliver(delivery: Delivery) -> Delivery:
    """Deliver an event again on request: one attempt (no retries of its own), not while another
    attempt of it waits, at most MAX_REDELIVERIES times per event, so that a subscriber cannot make
    the server send on and on."""
    WebhookSubscription.objects.select_for_update().filter(pk=delivery.subscription_id).first()
    attempts = Delivery.objects.filter(event=delivery.event_id, subscription=delivery.subscription_id)
    if attempts.filter(state="pending").exists():
        raise ValidationError(_("This event is still waiting to be delivered; ask again once it has been tried."))
    if attempts.filter(on_request=True).count() >= MAX_REDELIVERIES:
        raise ValidationError(
            _("This event has been delivered again %(count)d times, the most allowed.") % {"count": MAX_REDELIVERIES}
        )
    again = Delivery.objects.create(event=delivery.event, subscription=delivery.subscription, on_request=True)
    transaction.on_commit(lambda: _enqueue(again))
    return again


def api_url(name: str, pk) -> str:
    return links.absolute(reverse(name, args=[pk]))


@background()
def deliver(delivery_id: int) -> str:
    return deliver_now(delivery_id)
