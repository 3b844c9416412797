"""`{% load once %}{% form_token %}` inside a create form: the hidden token that makes a second
press of the same form show the first result instead of creating the thing again (core.once)."""

from django import template
from django.utils.html import format_html

from chancery.core.once import FIELD, new_token

register = template.Library()


@register.simple_tag
def form_token() -> str:
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())
