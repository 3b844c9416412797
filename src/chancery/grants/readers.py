"""Who reads the grant programmes' models (the access registry, core.visibility). Programmes and
envelopes are public accountability (the envelope's figures are budget figures); a call is public
once published; an application follows its file (procedures.Case: a protected person's file is
confidential), and is read by the reviewers assigned to it; reviews and scores are the grants
service's, and each reviewer reads their own. A grant's tranches, reports and recovery orders
follow its file."""

from __future__ import annotations

from chancery.core import visibility
from chancery.core.authz import may
from chancery.core.visibility import Condition, Follows
from chancery.grants.models import (
    Application,
    Call,
    Criterion,
    EmergencyAllocation,
    Envelope,
    GovernmentProposal,
    Programme,
    RecoveryOrder,
    Report,
    Review,
    Score,
    Tranche,
)
from chancery.grants.prize import readers as prize_readers


def calls(user) -> visibility.Rule:
    if may(user, "grants.handle"):
        return visibility.EVERYTHING
    return ((Condition("state", ("published",)),),)


def applications(user) -> visibility.Rule:
    if user is not None and user.is_authenticated:
        assigned = Review.objects.filter(reviewer_id=user.pk).values("application")
        return ((Follows("case"),), (Condition("pk", assigned),))
    return ((Follows("case"),),)


def reviews(user) -> visibility.Rule:
    if may(user, "grants.handle"):
        return visibility.EVERYTHING
    if user is not None and user.is_authenticated:
        return ((Condition("reviewer", (user.pk,)),),)
    return visibility.NOTHING


def scores(user) -> visibility.Rule:
    return ((Follows("review"),),)


def register() -> None:
    visibility.register(Programme, visibility.everyone)
    visibility.register(Envelope, visibility.everyone)
    visibility.register(Call, calls)
    visibility.register(Criterion, visibility.follows("call"))
    visibility.register(Application, applications)
    visibility.register(Review, reviews)
    visibility.register(Score, scores)
    # The proposal to the Government follows its application; an emergency allocation its file.
    visibility.register(GovernmentProposal, visibility.follows("application"))
    visibility.register(EmergencyAllocation, visibility.follows("case"))
    # The human rights prize, kept apart (grants.prize.readers).
    prize_readers.register()
    # Payments, reports and recoveries follow the grant's file (not its reviewers).
    visibility.register(Tranche, visibility.follows("application__case"))
    visibility.register(Report, visibility.follows("application__case"))
    visibility.register(RecoveryOrder, visibility.follows("application__case"))
