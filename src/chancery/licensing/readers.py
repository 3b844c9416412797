"""Who reads licensing's models (the access registry, core.visibility): a licence and a refusal
letter are seen by whoever sees their case; the service that handles strategic goods reads every
registration of a general licence and every prior authorisation, a company's user the ones of the
companies they act for."""

from __future__ import annotations

from chancery.core import visibility
from chancery.core.authz import may
from chancery.core.visibility import Condition, Follows, follows
from chancery.licensing.models import (
    GeneralLicenceRegistration,
    GeneralLicenceReport,
    Licence,
    LicenceCounter,
    PriorAuthorisation,
    RefusalLetter,
    UseReport,
)


def registrations(user) -> visibility.Rule:
    if may(user, "licensing.handle"):
        return visibility.EVERYTHING
    if user is None or not user.is_authenticated or not user.is_active:
        return visibility.NOTHING
    return ((Condition("registered_by", (user.pk,)),),)


def prior_authorisations(user) -> visibility.Rule:
    if may(user, "licensing.handle"):
        return visibility.EVERYTHING
    return ((Follows("party"),),)


def register() -> None:
    visibility.register(Licence, follows("case"))
    visibility.register(UseReport, follows("licence"))
    visibility.register(RefusalLetter, follows("case"))
    visibility.register(GeneralLicenceRegistration, registrations)
    visibility.register(GeneralLicenceReport, follows("registration"))
    visibility.register(PriorAuthorisation, prior_authorisations)
    visibility.exempt(LicenceCounter, "the yearly licence numbering counter")
