"""Who reads the procedure engine's models (the access registry, core.visibility).

A case: the core rule on its level (the secretariat always, the council on internal_council,
persons named) except what is public and released — a case is never the public's —, plus the
applicant who filed it, plus inside the administration its team and its handlers (never at
internal_secretariat). Its history, clocks, notes and documents follow it; what is internal to
the administration (notes, documents marked internal) stays with those who handle cases."""

from __future__ import annotations

from chancery.core import visibility
from chancery.core.authz import may
from chancery.core.models.access import NAMEABLE_LEVELS, AccessLevel, ReleaseState, visibility_rule
from chancery.core.visibility import Condition, Follows, Rule, follows
from chancery.procedures.models import (
    ApplicationDraft,
    Case,
    CaseCounter,
    CaseDocument,
    CaseNote,
    CaseTransition,
    ClockPeriod,
    Party,
    Representation,
)

ALL_LEVELS = tuple(AccessLevel)
ALL_STATES = tuple(ReleaseState)


def _restrict(alternative, field: str, everything: tuple, removed) -> tuple | None:
    """The alternative with `field` further limited to `everything` minus `removed` (None when
    nothing is left)."""
    others = [c for c in alternative if not (isinstance(c, Condition) and c.field == field)]
    own = [c for c in alternative if isinstance(c, Condition) and c.field == field]
    allowed = tuple(own[0].values) if own else everything
    left = tuple(v for v in allowed if v != removed)
    return (*others, Condition(field, left)) if left else None


def never_public(rule: Rule) -> Rule:
    """`rule` and not (public and released), still as data: each alternative either without the
    public level or without the released state."""
    if rule == visibility.EVERYTHING:
        rule = ((),)
    out = []
    for alternative in rule:
        for restricted in (
            _restrict(alternative, "access_level", ALL_LEVELS, AccessLevel.PUBLIC),
            _restrict(alternative, "release_state", ALL_STATES, ReleaseState.RELEASED),
        ):
            if restricted is not None and restricted not in out:
                out.append(restricted)
    return tuple(out)


def cases(user) -> Rule:
    if user is None or not user.is_authenticated or not user.is_active:
        return visibility.NOTHING
    if may(user, "core.read_every_level"):
        return visibility.EVERYTHING
    alternatives = [*never_public(visibility_rule(user)), (Condition("applicant_user", (user.pk,)),)]
    if may(user, "procedures.handle_cases"):
        handled = Condition("access_level", tuple(NAMEABLE_LEVELS))
        if user.entity_id:
            alternatives.append((Condition("team", (user.entity_id,)), handled))
        alternatives.append((Condition("handlers", (user.pk,)), handled))
    return tuple(alternatives)


def internal_parts(user) -> Rule:
    """Notes and documents of a case: all for the administration, the non-internal ones for the
    applicant."""
    if may(user, "procedures.handle_cases"):
        return ((Follows("case"),),)
    return ((Follows("case"), Condition("internal", (False,))),)


def parties(user) -> Rule:
    if may(user, "procedures.handle_cases"):
        return visibility.EVERYTHING
    if user is None or not user.is_authenticated:
        return visibility.NOTHING
    # The parties of their files, and the organisations they represent (to choose whom to file for).
    return (
        (Condition("pk", Case.objects.visible_to(user).values("applicant")),),
        (Condition("pk", Representation.objects.filter(user=user).values("party")),),
    )


def representations(user) -> Rule:
    """The service that registers them reads them all; a user their own."""
    if may(user, "procedures.manage_representations"):
        return visibility.EVERYTHING
    if user is None or not user.is_authenticated or not user.is_active:
        return visibility.NOTHING
    return ((Condition("user", (user.pk,)),),)


def drafts(user) -> Rule:
    """A draft application is its author's alone: no handler, no secretariat, no administrator
    reads it (it is not a case yet; docs/ARCHITECTURE.md, issue 14)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return visibility.NOTHING
    return ((Condition("user", (user.pk,)),),)


def register() -> None:
    visibility.register(Case, cases)
    visibility.register(CaseTransition, follows("case"))
    visibility.register(ClockPeriod, follows("case"))
    visibility.register(CaseNote, internal_parts)
    visibility.register(CaseDocument, internal_parts)
    visibility.register(Party, parties)
    visibility.register(Representation, representations)
    visibility.register(ApplicationDraft, drafts)
    visibility.exempt(CaseCounter, "the yearly case numbering counter")
