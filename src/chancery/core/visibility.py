"""The access registry: who may read each model, declared once, as data.

Every model that anyone reads registers a *rule*: a function of the reader giving alternatives
(any may hold) of conditions (all must hold) on the row — `Condition(field, values)` on one of
its own fields (a foreign key, a many-to-many link, a flag, a level; a value None matches an empty
field), or `Follows(path)`: the row is visible when the row it points to at `path` is, by that
model's own registered rule. The same data is rendered three ways:

- `q(Model, user, prefix)`: a Django `Q` (SQL), for lists, counts, search, feeds, exports, the API,
  webhooks and downloads: `Model.objects.visible_to(user)` is `filter(q(Model, user))`;
- `portal.search`'s index filter renders the rule of the entries' sources (core.models.access);
- `evaluate(obj, user)`: in Python, for one object already loaded (tests compare it with the SQL
  over the demo data, so the two renderings cannot drift).

Models nobody reads directly (counters, the index's bookkeeping, the outbox's events) are
declared `exempt` with the reason. The registry test fails on a model that is neither, so a new
model cannot be read without a rule. Apps register in their `visibility.py`, imported by their
AppConfig.ready().
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import Q


@dataclass(frozen=True)
class Condition:
    """One condition on a row's own fields: `field` takes one of `values`. `values` may be a lazy
    queryset of ids: SQL asks it as a subquery, the search index and `evaluate` read it."""

    field: str
    values: Any


@dataclass(frozen=True)
class Follows:
    """The row is visible when the row at `path` (a foreign key, or a chain `a__b`) is."""

    path: str


# A rule: a tuple of alternatives (any may hold), each a tuple of conditions (all must hold).
Rule = tuple[tuple[Condition | Follows, ...], ...]
EVERYTHING: Rule = ((),)
NOTHING: Rule = ()
RuleFunction = Callable[[object], Rule]
_rules: dict[type[models.Model], RuleFunction] = {}
_exempt: dict[type[models.Model], str] = {}


def register(model: type[models.Model], rule: RuleFunction) -> None:
    if model in _rules and _rules[model] is not rule:
        raise ImproperlyConfigured(f"{model._meta.label} has a read rule already.")
    _rules[model] = rule


def exempt(model: type[models.Model], reason: str) -> None:
    """A model nobody reads directly; `reason` says how its rows reach people (if at all)."""
    _exempt[model] = reason


def follows(path: str) -> RuleFunction:
    """The rule of a child object: visible exactly when its parent at `path` is."""
    rule: Rule = ((Follows(path),),)

    def follow(user) -> Rule:
        return rule

    follow.__qualname__ = f"follows({path!r})"
    return follow


def everyone(user) -> Rule:
    """Public reference data (codes, lists, the organisation chart): every reader."""
    return EVERYTHING


def only_if(allowed: bool, rule: Rule = EVERYTHING) -> Rule:
    return rule if allowed else NOTHING


def registered() -> dict[type[models.Model], RuleFunction]:
    return dict(_rules)


def exemptions() -> dict[type[models.Model], str]:
    return dict(_exempt)


def rule_for(model: type[models.Model], user) -> Rule:
    try:
        function = _rules[model]
    except KeyError:
        concrete = model._meta.concrete_model
        if concrete is not model and concrete in _rules:
            return _rules[concrete](user)
        raise ImproperlyConfigured(f"{model._meta.label} has no read rule (core.visibility.register).") from None
    return function(user)


# --- SQL -------------------------------------------------------------------------------------


def _target(model: type[models.Model], path: str) -> type[models.Model]:
    for name in path.split("__"):
        model = model._meta.get_field(name).related_model
    return model


def _condition_q(condition: Condition, model: type[models.Model], prefix: str) -> Q:
    field = model._meta.pk if condition.field == "pk" else model._meta.get_field(condition.field)
    if field.many_to_many and not field.auto_created:
        # `pk IN (SELECT owner FROM through WHERE target IN values)`: a subquery rather than a
        # join, so a row linked to several values still comes back once.
        through = field.remote_field.through
        owner, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
        owners = through.objects.filter(**{f"{target}__in": condition.values}).values(owner)
        return Q(**{f"{prefix}pk__in": owners})
    name = f"{prefix}{condition.field}"
    if isinstance(condition.values, models.QuerySet):
        return Q(**{f"{name}__in": condition.values})
    values = list(condition.values)
    empty = None in values
    values = [v for v in values if v is not None]
    parts = []
    if values:
        parts.append(Q(**{name: values[0]}) if len(values) == 1 else Q(**{f"{name}__in": values}))
    if empty:
        parts.append(Q(**{f"{name}__isnull": True}))
    return reduce(operator.or_, parts) if parts else Q(pk__in=[])


def _part_q(part, model: type[models.Model], user, prefix: str) -> Q | None:
    if isinstance(part, Follows):
        parent = _target(model, part.path)
        return _render(rule_for(parent, user), parent, user, f"{prefix}{part.path}__")
    return _condition_q(part, model, prefix)


def _render(rule: Rule, model: type[models.Model], user, prefix: str) -> Q | None:
    """The rule as a Q, or None when it admits every row (an empty Q would vanish in an OR)."""
    alternatives = []
    for alternative in rule:
        parts = [q for q in (_part_q(part, model, user, prefix) for part in alternative) if q is not None]
        if not parts:
            return None  # an alternative without (restricting) conditions: every row
        alternatives.append(reduce(operator.and_, parts))
    return reduce(operator.or_, alternatives) if alternatives else Q(pk__in=[])


def render(rule: Rule, model: type[models.Model], user, prefix: str = "") -> Q:
    return _render(rule, model, user, prefix) or Q()


def q(model: type[models.Model], user, prefix: str = "") -> Q:
    """The condition under which `user` may read a row of `model` reached through `prefix`."""
    return render(rule_for(model, user), model, user, prefix)


def visible(model: type[models.Model], user) -> models.QuerySet:
    return model._default_manager.filter(q(model, user))


def is_visible(obj: models.Model, user) -> bool:
    """The rule asked of the database for one row."""
    return visible(type(obj), user).filter(pk=obj.pk).exists()


# --- Python ----------------------------------------------------------------------------------


def _value_of(obj, field_name: str):
    if field_name == "pk":
        return obj.pk
    field = obj._meta.get_field(field_name)
    if field.many_to_many:
        return {pk for pk in getattr(obj, field_name).values_list("pk", flat=True)}
    if field.is_relation:
        return getattr(obj, field.attname)
    return getattr(obj, field_name)


def _holds(part, obj, user) -> bool:
    if isinstance(part, Follows):
        parent = obj
        for name in part.path.split("__"):
            parent = getattr(parent, name)
            if parent is None:
                return False
        return evaluate(parent, user)
    values = {next(iter(v.values())) if isinstance(v, dict) else getattr(v, "value", v) for v in part.values}
    value = _value_of(obj, part.field)
    if isinstance(value, set):
        return bool(value & values)
    return getattr(value, "value", value) in values


def evaluate(obj: models.Model, user) -> bool:
    """The rule evaluated in Python on a loaded object (the tests hold it equal to the SQL)."""
    rule = rule_for(type(obj), user)
    return any(all(_holds(part, obj, user) for part in alternative) for alternative in rule)


class ReadableQuerySet(models.QuerySet):
    """The queryset of every registered model: `.visible_to(user)` applies its rule."""

    def visible_to(self, user):
        return self.filter(q(self.model, user))
