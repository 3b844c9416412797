"""The licence of a case, on the case's pages (the handler's and the applicant's): its number,
validity and what remains, linked to the licence's own page for that reader."""

from django import template

from chancery.licensing.models import Licence

register = template.Library()


@register.inclusion_tag("licensing/case_licence.html", takes_context=True)
def licence_panel(context, case):
    user = context["request"].user
    licence = Licence.objects.filter(case=case).first()
    # The applicant's counter links to the holder's page, everyone else to the handlers' page.
    counter = licence is not None and case.applicant_user_id == user.pk
    return {"licence": licence, "counter": counter}
