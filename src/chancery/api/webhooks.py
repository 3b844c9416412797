"""Webhooks: events recorded in the outbox within the change's transaction, delivered afterwards by
the worker, signed (HMAC-SHA256 over timestamp and body), retried with exponential back-off, and
never about something the subscriber may not see (checked at delivery, with the owner's scope)."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task_backends

from chancery.api.authentication import ANONYMOUS
from chancery.api.models import Delivery, Event, Scope, WebhookSubscription
from chancery.core import links, visibility
from chancery.core.background import background

MAX_ATTEMPTS = 6
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
        deliver.using(run_after=when).enqueue(delivery.pk)
    else:
        deliver.enqueue(delivery.pk)


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
    request = urllib.request.Request(  # noqa: S310 - the subscriber's own https/http address
        subscription.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "Chancery-Webhooks/1",
            "Chancery-Event": event.type,
            "Chancery-Delivery": str(delivery.pk),
            "Chancery-Signature": signature(subscription.secret, timestamp, body),
        },
    )
    status, error = None, ""
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            status = response.status
    except urllib.error.HTTPError as exc:
        status, error = exc.code, f"HTTP {exc.code}"
    except (urllib.error.URLError, OSError, TimeoutError) as exc:
        error = f"{type(exc).__name__}: {exc}"[:300]
    now = timezone.now()
    ok = status is not None and 200 <= status < 300
    Delivery.objects.filter(pk=delivery.pk).update(
        state="delivered" if ok else "failed", status_code=status, error=error, attempted_at=now
    )
    if not ok and delivery.attempt < MAX_ATTEMPTS:
        retry = Delivery.objects.create(
            event=event,
            subscription=subscription,
            attempt=delivery.attempt + 1,
            scheduled_at=now + datetime.timedelta(seconds=BACKOFF_SECONDS * 5 ** (delivery.attempt - 1)),
        )
        transaction.on_commit(lambda: _enqueue(retry, retry.scheduled_at))
    return "delivered" if ok else "failed"


@transaction.atomic
def redeliver(delivery: Delivery) -> Delivery:
    """Deliver an event again on request (a new attempt in the log)."""
    again = Delivery.objects.create(event=delivery.event, subscription=delivery.subscription, attempt=1)
    transaction.on_commit(lambda: _enqueue(again))
    return again


def api_url(name: str, pk) -> str:
    return links.absolute(reverse(name, args=[pk]))


@background()
def deliver(delivery_id: int) -> str:
    return deliver_now(delivery_id)
