"""Who reads the screening's models (the access registry, core.visibility). A notification and its
beneficial owners follow their file, which is confidential (business secrets); the Flemish
assessment is internal to the administration, following the file (never the notifier)."""

from __future__ import annotations

from chancery.core import visibility
from chancery.core.authz import may
from chancery.core.visibility import Follows, follows
from chancery.investment_screening.models import BeneficialOwner, FlemishAssessment, Notification


def internal_to_the_file(user) -> visibility.Rule:
    return ((Follows("case"),),) if may(user, "procedures.handle_cases") else visibility.NOTHING


def register() -> None:
    visibility.register(Notification, follows("case"))
    visibility.register(BeneficialOwner, follows("notification"))
    visibility.register(FlemishAssessment, internal_to_the_file)
