"""Reads of the public side from a read replica, with read-your-writes (docs/ARCHITECTURE.md,
"Past one machine").

With `DATABASE_REPLICA_URL` set (settings: the `replica` alias, `CHANCERY_READ_REPLICA`), the
router sends a read to the replica only when all of these hold; otherwise, and always without a
replica, it reads the primary (`default`), exactly as on one machine:

- it is made while a web request is served (`ReplicaReadsMiddleware`): a task, a command, the
  worker never read a replica;
- the request is a GET or HEAD of a public route: one its app declared with `serve_from_replica`
  in `ready()` (the portal, search, open data, the API …) — never the back office, the counter or
  the admin;
- its sender is not pinned to the primary: whoever wrote (a POST, PUT, PATCH or DELETE, or a
  write through the router during a GET) reads the primary for `CHANCERY_PRIMARY_PIN_SECONDS` after it (longer
  than the expected replication lag), by a signed cookie — signed in or not — and, for an API
  client that sends an Authorization header and may keep no cookies, by an entry in the shared
  cache under a hash of that header. A user who saves and reloads sees the save;
- the request has written nothing yet, and no transaction is open on the primary (what is read
  inside `transaction.atomic` must be the primary's, locks and all);
- the model is not one that is always read from the primary: sessions, the cache table, login
  throttling, the task queue and what an app declares with `read_from_primary` (API tokens: a
  token made or revoked a moment ago must count at once). Writes to those do not pin either: their
  readers see them anyway;
- the replica answers: one that is down leaves the public side on the primary (and a warning in
  the log) instead of failing it.

Writes always go to the primary. A replica is a PostgreSQL streaming replica of the whole cluster
(`pg_basebackup -R`), so it has the same tables: nothing is migrated on it.
"""

from __future__ import annotations

import contextvars
import hashlib
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

from chancery.core.context import channel

logger = logging.getLogger(__name__)

PIN_COOKIE = "chancery_primary"
_PIN_SALT = "chancery.core.replicas"
READING_METHODS = ("GET", "HEAD")  # the ones that may read from the replica
SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")  # RFC 9110's: any other one pins its sender

# Routes (URL namespaces or view names) whose GET and HEAD may read from the replica; the apps fill
# it in ready() (the lower layer does not name the higher ones).
_public_routes: set[str] = set()
# App labels and models ("app_label.model") read from the primary only. Django's own: sessions
# (who is signed in), the shared cache table (rate limits count on the primary); django-axes' login
# failures; the task queue (whether a rebuild is waiting, core.background).
_primary_only: set[str] = {"sessions", "django_cache", "axes", "django_tasks_db"}


def serve_from_replica(*routes: str) -> None:
    """Declare public routes, by URL namespace ("portal") or view name ("search")."""
    _public_routes.update(routes)


def read_from_primary(*models) -> None:
    """Declare models that are always read from the primary (and whose writes pin no one)."""
    _primary_only.update(model._meta.label_lower for model in models)


def replica_alias() -> str | None:
    return settings.CHANCERY_READ_REPLICA or None


@dataclass
class _Request:
    public: bool = False  # a GET or HEAD of a public route, from a sender not pinned
    wrote: bool = False


_request: contextvars.ContextVar[_Request | None] = contextvars.ContextVar("chancery_replica_request", default=None)


def _always_primary(model) -> bool:
    return model._meta.app_label in _primary_only or model._meta.label_lower in _primary_only


def _reads_replica(model) -> bool:
    state = _request.get()
    return (
        state is not None
        and state.public
        and not state.wrote
        and channel() != "task"
        and not _always_primary(model)
        and not connections[DEFAULT_DB_ALIAS].in_atomic_block
    )


class ReplicaRouter:
    """Without a replica every answer is None: Django's own routing, unchanged. With one, the
    answers are explicit, so that an object read from the replica is never written back there
    (Django would otherwise follow the instance's own database)."""

    def db_for_read(self, model, **hints):
        alias = replica_alias()
        if alias is None:
            return None
        return alias if _reads_replica(model) else DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        alias = replica_alias()
        if alias is None:
            return None
        state = _request.get()
        if state is not None and not _always_primary(model):
            state.wrote = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        alias = replica_alias()
        if alias is not None and {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, alias}:
            return True  # the same rows on both
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        if db == replica_alias():
            return False  # a physical replica gets the primary's schema by replication
        return None


def _pin_key(authorization: str) -> str:
    return "chancery:primary-pin:" + hashlib.sha256(authorization.encode("latin-1", "replace")).hexdigest()


def pin_cookie_value(until: float) -> str:
    """The pin cookie's value: the moment until which its holder reads the primary, signed as
    `set_signed_cookie` signs (`get_signed_cookie` reads it), so that no one pins themselves for good."""
    return signing.get_cookie_signer(salt=PIN_COOKIE + _PIN_SALT).sign(str(int(until)))


def pinned(request) -> bool:
    """Whether the sender of this request wrote less than CHANCERY_PRIMARY_PIN_SECONDS ago."""
    now = time.time()
    until = request.get_signed_cookie(PIN_COOKIE, default=None, salt=_PIN_SALT)
    if until is not None and until.isdigit() and int(until) > now:
        return True
    authorization = request.META.get("HTTP_AUTHORIZATION")
    if authorization:
        until = caches["shared"].get(_pin_key(authorization))
        return until is not None and until > now
    return False


def pin(request, response) -> None:
    seconds = settings.CHANCERY_PRIMARY_PIN_SECONDS
    until = int(time.time()) + seconds + 1  # whole seconds: a pin is never shorter than stated
    response.set_cookie(
        PIN_COOKIE,
        pin_cookie_value(until),
        max_age=seconds + 1,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    authorization = request.META.get("HTTP_AUTHORIZATION")
    if authorization:
        caches["shared"].set(_pin_key(authorization), until, timeout=seconds + 1)


def _replica_answers() -> bool:
    """Whether the replica can be reached (a connection kept from an earlier request is checked
    once per request, as Django's health checks do): a replica that is down makes the public side
    read the primary, not fail. Set a short `connect_timeout` in DATABASE_REPLICA_URL, so that a
    replica that does not answer at all costs little."""
    try:
        connections[replica_alias()].ensure_connection()
    except DatabaseError as error:
        logger.warning("The read replica does not answer; reading the primary: %s", error)
        return False
    return True


def is_public_route(match) -> bool:
    """Whether a resolved URL is one of the routes declared with `serve_from_replica`."""
    return match is not None and (match.namespace in _public_routes or match.view_name in _public_routes)


class ReplicaReadsMiddleware:
    """Marks each request: whether it may read from the replica (decided once the URL is resolved,
    in process_view), whether it wrote (the router notes it); pins its sender after a write."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if replica_alias() is None:
            return self.get_response(request)
        state = _Request()
        token = _request.set(state)
        try:
            response = self.get_response(request)
        finally:
            _request.reset(token)
        if state.wrote or request.method not in SAFE_METHODS:
            pin(request, response)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        state = _request.get()
        if (
            state is not None
            and request.method in READING_METHODS
            and is_public_route(request.resolver_match)
            and not pinned(request)
            and _replica_answers()
        ):
            state.public = True
