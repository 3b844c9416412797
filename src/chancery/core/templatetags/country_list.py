"""`{% load country_list %}`: countries by name on a page.

- `{% country_datalist %}`: once on a page with country fields (core.forms.CountryField,
  CountriesField), the list of countries by name that their inputs suggest while typing;
- `{{ code|country }}`: a country's name in the page's language (an unknown code is shown as is);
- `{{ "FR,DE"|countries }}`: the names of countries stored as codes separated by commas."""

from django import template
from django.utils.html import format_html, format_html_join

from chancery.core import countries as country_names
from chancery.core.forms import DATALIST_ID

register = template.Library()


@register.simple_tag
def country_datalist() -> str:
    options = format_html_join("", '<option value="{}"></option>', ((name,) for _code, name in country_names.choices()))
    return format_html('<datalist id="{}">{}</datalist>', DATALIST_ID, options)


@register.filter
def country(code) -> str:
    return str(country_names.name(code)) if code else ""


@register.filter
def countries(codes) -> str:
    return ", ".join(country(code.strip()) for code in str(codes or "").split(",") if code.strip())
