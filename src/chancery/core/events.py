"""Domain events: what happened, told to whoever listens, inside the transaction of the change.

Each app declares the events it emits, once (`declare("agenda.approved", _("…"))`, in its
events.py, imported by its AppConfig.ready()), and its services `emit(type, subject, data)` after
the change and its audit entry. `emit` sends `core.signals.domain_event`; the webhook outbox
(api) listens to every declared event without knowing the apps, so integrators can subscribe to
any of them (GET /api/v1/webhooks lists the types). `data` holds API links and plain values, never
content: who may see the subject is checked again when it is sent.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from chancery.core import links
from chancery.core.signals import domain_event


@dataclass(frozen=True)
class EventType:
    code: str
    label: str


_types: dict[str, EventType] = {}


def declare(code: str, label) -> EventType:
    _types[code] = EventType(code, label)
    return _types[code]


def types() -> list[EventType]:
    return sorted(_types.values(), key=lambda t: t.code)


def codes() -> list[str]:
    return sorted(_types)


def emit(code: str, subject, data: dict) -> None:
    if code not in _types:  # a typo must not silently tell nobody
        raise ImproperlyConfigured(f"No event type {code!r} is declared.")
    domain_event.send(sender=type(subject), type=code, subject=subject, data=data)


def api_link(name: str, *args) -> str:
    """The public address of an API resource, for an event's data."""
    return links.absolute(reverse(name, args=args))


# The core's own event.
DOCUMENT_VERSION_ADDED = declare("document.version_added", _("Document version added"))
