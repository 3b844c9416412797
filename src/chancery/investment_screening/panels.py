"""The screening's part of the case pages (procedures.panels): the notification and its threshold
check, the Flemish link, whether the deal may close (for the handler and the notifier); for the
administration only, the Flemish assessment and its advice, with the form to record it."""

from chancery.core.authz import may
from chancery.investment_screening.forms import FlemishAssessmentForm
from chancery.investment_screening.models import FlemishAssessment
from chancery.investment_screening.services import notifications


def notification_context(request, case) -> dict:
    user = request.user
    internal = may(user, "procedures.handle_cases")
    notification = notifications.notification_of(case)
    panel = {
        "notification": notification,
        "internal": internal,
        "result": notifications.assessment_of(case) if notification is not None else None,
        "may_close": notifications.may_close(case),
    }
    if internal:
        assessment = FlemishAssessment.objects.visible_to(user).filter(case=case).select_related("assessor").first()
        panel["flemish_assessment"] = assessment
        if case.is_open and may(user, "investment_screening.assess", case):
            initial = (
                {"strategic_interests": assessment.strategic_interests, "advice": assessment.advice,
                 "conditions": assessment.conditions} if assessment else None
            )  # fmt: skip
            panel["assessment_form"] = FlemishAssessmentForm(initial=initial)
    return panel
