"""The engine's own tags: the panels domain apps register for a case, and the inbox flags."""

from django import template

from chancery.procedures import panels

register = template.Library()


@register.simple_tag(takes_context=True)
def case_panels(context, case):
    return panels.render_panels(context["request"], case)


@register.simple_tag
def inbox_flags(cases) -> dict:
    return panels.flags(cases)


@register.filter
def flags_of(flags: dict, reference: str) -> list:
    return flags.get(reference, [])
