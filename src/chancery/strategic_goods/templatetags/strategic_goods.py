"""The strategic-goods parts of the case pages: the application (for the handler and the applicant)
and, for the administration only, screening hits, the assessment and earlier denials."""

from django import template

from chancery.core.authz import may
from chancery.strategic_goods.forms import FindingForm
from chancery.strategic_goods.models import ScreeningHit
from chancery.strategic_goods.services import applications, assessment, denials

register = template.Library()


@register.inclusion_tag("strategic_goods/case_panel.html", takes_context=True)
def application_panel(context, case):
    """`internal` decides what is shown: the applicant's counter never gets findings or hits."""
    user = context["request"].user
    internal = may(user, "procedures.handle_cases")
    application = applications.application_of(case) if case.procedure == "CSG" else None
    panel = {"case": case, "application": application, "internal": internal}
    if internal and case.procedure == "CSG":
        hits = ScreeningHit.objects.visible_to(user).filter(subject=case.reference).order_by("pk")
        panel.update(
            hits=hits,
            unreviewed=sum(1 for h in hits if not h.decision),
            criteria=assessment.rows(case),
            warnings=assessment.warnings(case),
            blocking=assessment.grant_allowed(case),
            denials=denials.earlier_denials(case),
            finding_form=FindingForm(),
            may_assess=case.is_open,
        )
    return panel


@register.simple_tag
def denial_flags(cases) -> set[str]:
    """For the handlers' inbox: the references of the listed cases with an earlier denial of an
    essentially identical transaction (a fixed number of queries for the whole list)."""
    return denials.flagged([case for case in cases if case.procedure == "CSG"])
