"""Confidentiality: the one enforcement layer every read goes through.

Each protected object carries an access level and a release state. Who may see it follows
the Flemish Government's decision system (Kaleidos, reference/kaleidos.md §2), in one rule,
`visibility_q`, expressed in SQL so that lists, search, feeds, exports, the API and file
downloads all filter in the database through `.visible_to(user)`:

================  ==========================================================================
level             who sees it
================  ==========================================================================
public            everyone, once released; the council (ministers, cabinets) and the
                  secretariat before that
internal_government  the whole administration: the council and secretariat at once, civil
                  servants once released
internal_council  ministers, their cabinets and the secretariat
confidential      the cabinets (and ministers) concerned, the secretariat, persons named
internal_secretariat  the secretariat alone
================  ==========================================================================

People named on an object see it whatever its level (except internal_secretariat) and release
state: naming someone is an explicit grant. Administrators see what the secretariat sees.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from functools import reduce
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from chancery.core.models.organisation import User


class AccessLevel(models.TextChoices):
    PUBLIC = "public", _("Public")
    INTERNAL_GOVERNMENT = "internal_government", _("Internal government")
    INTERNAL_COUNCIL = "internal_council", _("Internal council of ministers")
    CONFIDENTIAL = "confidential", _("Confidential")
    INTERNAL_SECRETARIAT = "internal_secretariat", _("Internal secretariat")


class ReleaseState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    CONFIRMED = "confirmed", _("Release confirmed")
    RELEASED = "released", _("Released")


RELEASE_ORDER = [ReleaseState.PLANNED, ReleaseState.CONFIRMED, ReleaseState.RELEASED]
# Levels that a council member sees before release, without being named.
COUNCIL_LEVELS = [AccessLevel.PUBLIC, AccessLevel.INTERNAL_GOVERNMENT, AccessLevel.INTERNAL_COUNCIL]
GOVERNMENT_LEVELS = [AccessLevel.PUBLIC, AccessLevel.INTERNAL_GOVERNMENT]
NAMEABLE_LEVELS = [level for level in AccessLevel if level != AccessLevel.INTERNAL_SECRETARIAT]
# The levels anyone but the secretariat may give: all but the secretariat's own.
NAMEABLE_LEVEL_CHOICES = [(level.value, level.label) for level in NAMEABLE_LEVELS]


def _m2m_q(model: type[models.Model], field: str, prefix: str, targets) -> Q:
    """`prefix pk IN (SELECT owner FROM through WHERE target IN targets)`: a subquery rather than a
    join, so that a row linked to several targets still comes back once."""
    m2m = model._meta.get_field(field)
    through = m2m.remote_field.through
    owner, target = f"{m2m.m2m_field_name()}_id", f"{m2m.m2m_reverse_field_name()}_id"
    return Q(**{f"{prefix}pk__in": through.objects.filter(**{f"{target}__in": targets}).values(owner)})


# The many-to-many fields of `Confidential` the rule reads (a condition on them: one of the row's
# links is among the values).
LINK_FIELDS = ("named_users", "concerned_mandatees")


@dataclass(frozen=True)
class Condition:
    """One condition of the rule on a row's own fields: `field` (access_level, release_state, or one
    of the LINK_FIELDS) takes one of `values`. `values` may be a lazy queryset of ids: SQL asks it
    as a subquery, the search index (portal.search.tantivy_index) evaluates it."""

    field: str
    values: Any


# The rule is data: a tuple of alternatives (any may hold), each a tuple of conditions (all must
# hold). `visibility_q` renders it as SQL and the search index renders the same data as its filter
# (portal.search.tantivy_index.searching.rule_query), so that the two cannot say different things.
Rule = tuple[tuple[Condition, ...], ...]
EVERYTHING: Rule = ((),)


def visibility_rule(user: User | AnonymousUser | None) -> Rule:
    """Who may see a row, as conditions on its access level, release state, named persons and
    concerned government members (the table in the module's docstring)."""
    from chancery.core.models.organisation import Mandatee, Role

    released_public = (
        Condition("access_level", (AccessLevel.PUBLIC,)),
        Condition("release_state", (ReleaseState.RELEASED,)),
    )
    if user is None or not user.is_authenticated or not user.is_active:
        return (released_public,)
    if user.role in (Role.SECRETARIAT, Role.ADMIN):
        return EVERYTHING

    named = (Condition("access_level", tuple(NAMEABLE_LEVELS)), Condition("named_users", (user.pk,)))
    if user.role in (Role.MINISTER, Role.CABINET):
        mine = Mandatee.objects.represented_by(user).values_list("pk", flat=True)
        concerned = (Condition("access_level", (AccessLevel.CONFIDENTIAL,)), Condition("concerned_mandatees", mine))
        return ((Condition("access_level", tuple(COUNCIL_LEVELS)),), concerned, named)
    if user.role == Role.CIVIL_SERVANT:
        government = (
            Condition("access_level", tuple(GOVERNMENT_LEVELS)),
            Condition("release_state", (ReleaseState.RELEASED,)),
        )
        return (government, named)
    # Experts, applicants and any role added later without a rule: the public, plus what names them.
    return (released_public, named)


def _condition_q(condition: Condition, model: type[models.Model], prefix: str) -> Q:
    if condition.field in LINK_FIELDS:
        return _m2m_q(model, condition.field, prefix, condition.values)
    values = list(condition.values)
    if len(values) == 1:
        return Q(**{f"{prefix}{condition.field}": values[0]})
    return Q(**{f"{prefix}{condition.field}__in": values})


def visibility_q(user: User | AnonymousUser | None, model: type[models.Model], prefix: str = "") -> Q:
    """The condition under which `user` may see a row of `model` (reached through `prefix`):
    `visibility_rule` in SQL."""
    rule = visibility_rule(user)
    if any(not alternative for alternative in rule):
        return Q()  # an alternative without conditions: every row (Q() would vanish in an OR)
    return reduce(operator.or_, (reduce(operator.and_, (_condition_q(c, model, prefix) for c in a)) for a in rule))


class ConfidentialQuerySet(models.QuerySet):
    def visible_to(self, user) -> ConfidentialQuerySet:
        return self.filter(visibility_q(user, self.model))

    def released(self) -> ConfidentialQuerySet:
        return self.filter(access_level=AccessLevel.PUBLIC, release_state=ReleaseState.RELEASED)


class Confidential(models.Model):
    """Mixin for every object that carries a confidentiality level and a release state."""

    access_level = models.CharField(
        _("access level"),
        max_length=24,
        choices=AccessLevel.choices,
        default=AccessLevel.INTERNAL_COUNCIL,
        db_index=True,
    )
    release_state = models.CharField(
        _("release state"), max_length=12, choices=ReleaseState.choices, default=ReleaseState.PLANNED, db_index=True
    )
    released_at = models.DateTimeField(_("released at"), null=True, blank=True)
    concerned_mandatees = models.ManyToManyField(
        "core.Mandatee",
        verbose_name=_("government members concerned"),
        blank=True,
        related_name="+",
        help_text=_("For confidential items: whose cabinets may see it."),
    )
    named_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persons named"),
        blank=True,
        related_name="+",
        help_text=_("Persons who may see this item whatever its level (except internal secretariat)."),
    )

    objects = ConfidentialQuerySet.as_manager()

    class Meta:
        abstract = True

    def is_visible_to(self, user) -> bool:
        """Same rule as the lists, asked of the database for this one row."""
        return type(self)._default_manager.filter(pk=self.pk).filter(visibility_q(user, type(self))).exists()

    @property
    def is_public(self) -> bool:
        return self.access_level == AccessLevel.PUBLIC and self.release_state == ReleaseState.RELEASED
