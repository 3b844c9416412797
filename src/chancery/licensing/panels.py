"""The licence of a case, on the case's pages (the handler's and the applicant's): its number,
validity and what remains, linked to the licence's own page for that reader; and the prior
authorisation that goes with the file (the one a VM file granted, or the one a CSG file for
military goods relies on)."""

from django.utils import timezone

from chancery.licensing.models import Licence, PriorAuthorisation
from chancery.licensing.procedure import CODE as VM
from chancery.licensing.services.prior import needs_prior_authorisation


def licence_context(request, case) -> dict:
    user = request.user
    licence = Licence.objects.filter(case=case).first()
    # The applicant's counter links to the holder's page, everyone else to the handlers' page.
    counter = licence is not None and case.applicant_user_id == user.pk
    return {"licence": licence, "counter": counter, "today": timezone.localdate(), **_prior_authorisation(case)}


def _prior_authorisation(case) -> dict:
    if case.procedure == VM:
        return {"authorisation": PriorAuthorisation.objects.filter(case=case).first(), "needs_authorisation": False}
    if not needs_prior_authorisation(case):
        return {"authorisation": None, "needs_authorisation": False}
    today = timezone.localdate()
    held = PriorAuthorisation.objects.filter(party_id=case.applicant_id).order_by("-valid_until")
    return {
        "authorisation": held.filter(valid_from__lte=today, valid_until__gte=today).first() or held.first(),
        "needs_authorisation": True,
    }
