"""Through which channel a change is made, for the audit trail (as Wagtail's LogContext).

Services do not guess: the entry point says. The middleware sets `web`, `api` (paths under
/api/) or `admin` (the Django admin) for each request; the `chancery` command sets `command` for
whatever it runs; a background task (core.background) runs under `task`. `audit.record` writes the
channel in force unless a caller names one (a service acting on another's behalf).
"""

from __future__ import annotations

import contextvars
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


class ChannelMiddleware:
    """Each request acts through `api`, `admin` or `web`, by its path."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        name = "api" if path.startswith("/api/") else "admin" if path.startswith("/admin/") else "web"
        with acting_through(name):
            return self.get_response(request)
