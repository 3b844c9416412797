"""The strategic-goods parts of the case pages (procedures.panels): the application (for the
handler and the applicant) and, for the administration only, screening hits, the assessment and
earlier denials; and the inbox flag of an earlier denial."""

from chancery.core.authz import may
from chancery.strategic_goods.forms import FindingForm
from chancery.strategic_goods.models import ScreeningHit
from chancery.strategic_goods.services import applications, assessment, certificates, denials


def application_context(request, case) -> dict:
    """`internal` decides what is shown: the applicant's counter never gets findings or hits."""
    user = request.user
    internal = may(user, "procedures.handle_cases")
    application = applications.application_of(case) if case.procedure == "CSG" else None
    panel = {"case": case, "application": application, "internal": internal}
    if case.procedure == "CSG":
        panel["end_user_certificates"] = certificates.end_user_certificates(case)
    if internal and case.procedure == "CSG":
        hits = ScreeningHit.objects.visible_to(user).filter(subject=case.reference).order_by("pk")
        rows = assessment.rows(case)
        panel.update(
            hits=hits,
            unreviewed=sum(1 for h in hits if not h.decision),
            criteria=rows,
            warnings=assessment.warnings(case),
            blocking=assessment.grant_allowed(case),
            denials=denials.earlier_denials(case),
            finding_form=FindingForm(findings={c.number: f for c, f in rows if f}),
            may_assess=case.is_open,
        )
    return panel


def earlier_denials(cases) -> set[str]:
    """For the handlers' inbox: the references of the listed cases with an earlier denial of an
    essentially identical transaction (a fixed number of queries for the whole list)."""
    return denials.flagged(cases)
