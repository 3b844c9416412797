"""Webhook subscriptions an application manages itself through the API (scope `webhooks`).

Every change names the revision it was made against (If-Match), so two deployments of one
application never silently overwrite each other's settings. Removing a subscription deactivates it:
its delivery log is kept.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from chancery.api import receivers
from chancery.api.models import ApiToken, WebhookSubscription
from chancery.core import audit, events
from chancery.core.models import AuditAction

# What the trail keeps of a subscription (never its secret).
AUDITED = ("url", "event_types", "active", "revision")


class StaleRevision(Exception):
    """The subscription changed since the caller read it."""


def check_url(url: str) -> None:
    """Only http(s) to an address we send to (`receivers.allowed`): a subscription must not make the
    server call into its own network (SSRF). Development and test settings allow private hosts for
    local receivers, and there a host name is not looked up (tests run without DNS); an address
    written as an IP is always checked. Checked again at every delivery (`webhooks.deliver_now`)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError({"url": _("Give an http or https address.")}, code="url")
    try:
        literal = ipaddress.ip_address(parts.hostname.split("%")[0])
    except ValueError:
        literal = None
    if literal is None and settings.CHANCERY_WEBHOOK_ALLOW_PRIVATE_HOSTS:
        return
    if literal is not None and receivers.allowed(str(literal)):
        return
    try:
        receivers.resolve(url)
    except receivers.ReceiverRefused as refused:
        raise ValidationError({"url": str(refused)}, code="url") from None


def check_events(event_types: list[str]) -> list[str]:
    unknown = sorted(set(event_types) - set(events.codes()))
    if unknown or not event_types:
        raise ValidationError(
            {"event_types": _("Choose one or more of: %(known)s.") % {"known": ", ".join(events.codes())}},
            code="events",
        )
    return sorted(set(event_types))


@transaction.atomic
def subscribe(token: ApiToken, *, url: str, event_types: list[str]) -> WebhookSubscription:
    check_url(url)
    subscription = WebhookSubscription.objects.create(owner=token, url=url, event_types=check_events(event_types))
    audit.record(token.user, AuditAction.CREATE, subscription, after=audit.snapshot(subscription, AUDITED))
    return subscription


@transaction.atomic
def change(subscription: WebhookSubscription, *, revision: int, **fields) -> WebhookSubscription:
    """Change url, event_types or active, if nobody changed the subscription since `revision`."""
    if "url" in fields:
        check_url(fields["url"])
    if "event_types" in fields:
        fields["event_types"] = check_events(fields["event_types"])
    before = WebhookSubscription.objects.select_for_update().filter(pk=subscription.pk).first()
    updated = WebhookSubscription.objects.filter(pk=subscription.pk, revision=revision).update(
        revision=F("revision") + 1, **fields
    )
    if not updated:
        raise StaleRevision
    changed = WebhookSubscription.objects.select_related("owner__user").get(pk=subscription.pk)
    audit.record(
        changed.owner.user,
        AuditAction.UPDATE,
        changed,
        before=audit.snapshot(before, AUDITED),
        after=audit.snapshot(changed, AUDITED),
    )
    return changed
