"""`{% load country_list %}{% country_datalist %}`: once on a page with country fields
(core.forms.CountryField), the list of countries by name that their inputs suggest while typing."""

from django import template
from django.utils.html import format_html, format_html_join

from chancery.core import countries
from chancery.core.forms import DATALIST_ID

register = template.Library()


@register.simple_tag
def country_datalist() -> str:
    options = format_html_join("", '<option value="{}"></option>', ((name,) for _code, name in countries.choices()))
    return format_html('<datalist id="{}">{}</datalist>', DATALIST_ID, options)
