"""Who reads strategic goods' models (the access registry, core.visibility). The control lists and
the sanctions list are public reference data. A screening hit is the administration's, and a hit
on a file only for those who may see that file (its subject is the file's reference). An
application and its lines follow their file; findings and denial notifications are internal to the
administration."""

from __future__ import annotations

from chancery.core import visibility
from chancery.core.authz import may
from chancery.core.visibility import Condition, Follows, follows
from chancery.procedures.models import Case
from chancery.strategic_goods.models import (
    Application,
    ControlListEntry,
    CriterionFinding,
    DenialNotification,
    FurtherEndUser,
    GoodsLine,
    NameAlias,
    SanctionedEntity,
    SanctionsList,
    ScreeningHit,
)


def screening_hits(user) -> visibility.Rule:
    if not may(user, "strategic_goods.use"):
        return visibility.NOTHING
    if may(user, "core.read_every_level"):
        return visibility.EVERYTHING
    files = Case.objects.visible_to(user).values("reference")
    other_subjects = ScreeningHit.objects.exclude(subject__in=Case.objects.values("reference")).values("pk")
    return ((Condition("subject", files),), (Condition("pk", other_subjects),))


def internal_to_the_file(user) -> visibility.Rule:
    return ((Follows("case"),),) if may(user, "procedures.handle_cases") else visibility.NOTHING


def register() -> None:
    for model in (ControlListEntry, SanctionsList, SanctionedEntity, NameAlias):
        visibility.register(model, visibility.everyone)
    visibility.register(ScreeningHit, screening_hits)
    visibility.register(Application, follows("case"))
    visibility.register(GoodsLine, follows("application"))
    visibility.register(FurtherEndUser, follows("application"))
    visibility.register(CriterionFinding, internal_to_the_file)
    visibility.register(DenialNotification, internal_to_the_file)
