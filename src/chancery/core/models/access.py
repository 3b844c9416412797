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

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from chancery.core import visibility
from chancery.core.authz import may
from chancery.core.models.organisation import Mandatee, User
from chancery.core.visibility import EVERYTHING, Condition, ReadableQuerySet, Rule

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser


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


# The many-to-many fields of `Confidential` the rule reads (a condition on them: one of the row's
# links is among the values).
LINK_FIELDS = ("named_users", "concerned_mandatees")


def visibility_rule(user: User | AnonymousUser | None) -> Rule:
    """Who may see a row, as conditions on its access level, release state, named persons and
    concerned government members (the table in the module's docstring)."""
    released_public = (
        Condition("access_level", (AccessLevel.PUBLIC,)),
        Condition("release_state", (ReleaseState.RELEASED,)),
    )
    if user is None or not user.is_authenticated or not user.is_active:
        return (released_public,)
    if may(user, "core.read_every_level"):
        return EVERYTHING

    named = (Condition("access_level", tuple(NAMEABLE_LEVELS)), Condition("named_users", (user.pk,)))
    if may(user, "core.read_council_levels"):
        mine = Mandatee.objects.represented_by(user).values_list("pk", flat=True)
        concerned = (Condition("access_level", (AccessLevel.CONFIDENTIAL,)), Condition("concerned_mandatees", mine))
        return ((Condition("access_level", tuple(COUNCIL_LEVELS)),), concerned, named)
    if may(user, "core.read_released_government_papers"):
        government = (
            Condition("access_level", tuple(GOVERNMENT_LEVELS)),
            Condition("release_state", (ReleaseState.RELEASED,)),
        )
        return (government, named)
    # Experts, applicants and any role added later without a rule: the public, plus what names them.
    return (released_public, named)


def visibility_q(user: User | AnonymousUser | None, model: type[models.Model], prefix: str = "") -> Q:
    """The condition under which `user` may see a row of `model` (reached through `prefix`): the
    model's registered rule (core.visibility) in SQL."""
    return visibility.q(model, user, prefix)


class ConfidentialQuerySet(ReadableQuerySet):
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
        return visibility.is_visible(self, user)

    @property
    def is_public(self) -> bool:
        return self.access_level == AccessLevel.PUBLIC and self.release_state == ReleaseState.RELEASED
