"""Through which channel a change is made, for the audit trail (as Wagtail's LogContext).

Services do not guess: the entry point says. The middleware sets `web`, `api` (paths under
/api/) or `admin` (the Django admin) for each request; the `chancery` command sets `command` for
whatever it runs; a background task (core.background) runs under `task`. `audit.record` writes the
channel in force unless a caller names one (a service acting on another's behalf).
"""

from __future__ import annotations

import contextvars
import re
import uuid
from contextlib import contextmanager

CHANNELS = ("web", "api", "admin", "command", "task")
_channel: contextvars.ContextVar[str] = contextvars.ContextVar("chancery_channel", default="web")


def channel() -> str:
    return _channel.get()


@contextmanager
def acting_through(name: str):
    if name not in CHANNELS:
        raise ValueError(f"Unknown channel {name!r}")
    token = _channel.set(name)
    try:
        yield
    finally:
        _channel.reset(token)


def set_channel(name: str) -> None:
    """For a whole process (the `chancery` command): no scope to leave."""
    if name not in CHANNELS:
        raise ValueError(f"Unknown channel {name!r}")
    _channel.set(name)


# The request a log line or a task belongs to (core.logs adds it to every record; core.background
# hands it to the tasks a request queues). Not personal data: a random id, or the one the proxy sent.
REQUEST_ID_HEADER = "X-Request-ID"
_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{8,64}")
_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("chancery_request_id", default="")


def request_id() -> str:
    return _request_id.get()


@contextmanager
def within_request(identifier: str):
    token = _request_id.set(identifier)
    try:
        yield
    finally:
        _request_id.reset(token)


def valid_request_id(value: str | None) -> str | None:
    """An id as a proxy writes one (letters, digits, `._:-`, 8 to 64 of them); anything else, a log
    line's injection included, is not taken."""
    return value if value and _REQUEST_ID.fullmatch(value) else None


class RequestIdMiddleware:
    """Each request gets an id (the proxy's `X-Request-ID` when it sent a valid one), logged with every
    line of the request and of the tasks it queues, and sent back in the answer's header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        identifier = valid_request_id(request.headers.get(REQUEST_ID_HEADER)) or uuid.uuid4().hex
        with within_request(identifier):
            response = self.get_response(request)
        response[REQUEST_ID_HEADER] = identifier
        return response


class ChannelMiddleware:
    """Each request acts through `api`, `admin` or `web`, by its path."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        name = "api" if path.startswith("/api/") else "admin" if path.startswith("/admin/") else "web"
        with acting_through(name):
            return self.get_response(request)
