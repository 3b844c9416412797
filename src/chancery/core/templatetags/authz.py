"""`{% load authz %}{% may "decisions.approve_agenda" agenda as allowed %}`: the template asks the
same question as the view and the service (core.authz.may)."""

from django import template

from chancery.core.authz import may as _may

register = template.Library()


@register.simple_tag(takes_context=True)
def may(context, action: str, obj=None) -> bool:
    request = context.get("request")
    return _may(getattr(request, "user", None), action, obj)
