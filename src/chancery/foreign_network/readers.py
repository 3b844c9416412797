"""Who reads the foreign network's models (the access registry, core.visibility).

The posts, the countries and organisations they cover and the offices of the related networks
are public reference data (the department publishes them). Who works at a post and what a post
costs is read by the administration (`foreign_network.view_network`); location assessments, with
their criteria, candidates and scores, by the administration (`foreign_network.view_assessments`);
an assessment's report is a core document with its own rule."""

from __future__ import annotations

from chancery.core import visibility
from chancery.core.authz import may
from chancery.foreign_network.models import (
    Assessment,
    Candidate,
    Criterion,
    Post,
    PostCost,
    Posting,
    RelatedOffice,
    Score,
)


def network_staff(user) -> visibility.Rule:
    return visibility.only_if(may(user, "foreign_network.view_network"))


def assessments(user) -> visibility.Rule:
    return visibility.only_if(may(user, "foreign_network.view_assessments"))


def register() -> None:
    visibility.register(Post, visibility.everyone)
    visibility.register(RelatedOffice, visibility.everyone)
    visibility.register(Posting, network_staff)
    visibility.register(PostCost, network_staff)
    visibility.register(Assessment, assessments)
    visibility.register(Criterion, visibility.follows("assessment"))
    visibility.register(Candidate, visibility.follows("assessment"))
    visibility.register(Score, visibility.follows("candidate"))
