"""Who may do what: one vocabulary of actions, asked one way everywhere.

Each app declares its actions once, in its `permissions.py` (`decisions.approve_agenda`,
`monitoring.edit_initiative`, …), with the predicate that decides them. Services call
`require(actor, action, obj)` (PermissionDenied with the action's message, in the user's
language); views, templates (`{% may "app.action" obj as allowed %}`), navigation, the admin and
the API ask `may(user, action, obj)`. `user.has_perm("app.action", obj)` gives the same answer
(`User.has_perm` routes declared actions here, administrators included, and `ActionBackend` does it
for anonymous visitors), so Django's own machinery needs no second rule.

Seeing is not an action: what a user may *read* is the access registry's business
(`core.visibility`, `Model.objects.visible_to(user)`). `Role` is read only in permission modules
and the user model (a test holds it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Action:
    """`name` is `<app label>.<verb>`; `check(user, obj)` decides for an active, logged-in user
    (anonymous and inactive users may nothing unless `anonymous` is set); `denied` is what a refusal
    says."""

    name: str
    check: Callable[[Any, Any], bool]
    denied: str | Promise = _("You may not do this.")
    anonymous: bool = False


_actions: dict[str, Action] = {}


def declare(name: str, check: Callable[[Any, Any], bool], denied: str | Promise | None = None, *, anonymous=False):
    """Declare an action (from an app's permissions.py, imported by its AppConfig.ready())."""
    if name.count(".") != 1:
        raise ImproperlyConfigured(f"An action is named '<app>.<verb>', not {name!r}.")
    existing = _actions.get(name)
    if existing is not None and existing.check is not check:
        raise ImproperlyConfigured(f"The action {name!r} is declared twice.")
    _actions[name] = Action(name, check, denied if denied is not None else Action.denied, anonymous)
    return _actions[name]


def action(name: str) -> Action:
    try:
        return _actions[name]
    except KeyError:  # a typo must not read as "refused" (or, worse, as "allowed")
        raise ImproperlyConfigured(f"No action {name!r} is declared.") from None


def actions() -> dict[str, Action]:
    return dict(_actions)


def is_declared(name: str) -> bool:
    return name in _actions


def may(user, name: str, obj=None) -> bool:
    declared = action(name)
    if user is None or not getattr(user, "is_active", False) or not user.is_authenticated:
        if not declared.anonymous:
            return False
    return bool(declared.check(user, obj))


def require(user, name: str, obj=None, message: str | Promise | None = None) -> None:
    """Refuse with the action's message (or `message`) unless `user` may."""
    if not may(user, name, obj):
        raise PermissionDenied(str(message or action(name).denied))


def predicate(name: str) -> Callable[[Any], bool]:
    """`may(user, name)` as a one-argument function (navigation entries, home panels)."""

    def allowed(user) -> bool:
        return may(user, name)

    allowed.__name__ = f"may_{name.replace('.', '_')}"
    return allowed


class ActionBackend:
    """Django auth backend: `has_perm("app.action", obj)` for declared actions. Real users are
    answered by `User.has_perm` (so that administrators, who are superusers, get the declared answer
    too); this backend answers for anonymous visitors and any other user object."""

    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user_obj, perm, obj=None) -> bool:
        return is_declared(perm) and may(user_obj, perm, obj)
