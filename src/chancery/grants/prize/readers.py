"""Who reads the human rights prize's models (core.visibility). The edition, its criteria and its
jury (their public names) are public; a nomination follows its confidential file, and is read by
the jury members who review it; a jury review is the service's and its member's, a score follows
its review; the deliberation notes are read by the edition's jury and the grants service (the
prize's secretariat; the secretariat and administrators with it) only — never the public, the
API or search (no collection or index entry reads them)."""

from __future__ import annotations

from chancery.core import visibility
from chancery.core.authz import may
from chancery.core.visibility import Condition, Follows
from chancery.grants.prize_models import (
    DeliberationNote,
    Edition,
    JuryMember,
    JuryReview,
    JuryScore,
    Nomination,
    PrizeCriterion,
)


def _signed_in(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def nominations(user) -> visibility.Rule:
    if _signed_in(user):
        reviewed = JuryReview.objects.filter(member__user_id=user.pk).values("nomination")
        return ((Follows("case"),), (Condition("pk", reviewed),))
    return ((Follows("case"),),)


def jury_reviews(user) -> visibility.Rule:
    if may(user, "grants.handle"):
        return visibility.EVERYTHING
    if _signed_in(user):
        return ((Condition("member", JuryMember.objects.filter(user_id=user.pk).values("pk")),),)
    return visibility.NOTHING


def deliberation_notes(user) -> visibility.Rule:
    if may(user, "grants.handle"):
        return visibility.EVERYTHING
    if _signed_in(user):
        return ((Condition("edition", JuryMember.objects.filter(user_id=user.pk).values("edition")),),)
    return visibility.NOTHING


def register() -> None:
    visibility.register(Edition, visibility.everyone)
    visibility.register(PrizeCriterion, visibility.follows("edition"))
    visibility.register(JuryMember, visibility.follows("edition"))
    visibility.register(Nomination, nominations)
    visibility.register(JuryReview, jury_reviews)
    visibility.register(JuryScore, visibility.follows("review"))
    visibility.register(DeliberationNote, deliberation_notes)
