"""`{{ amount|euro }}` and `{{ cents|euro_cents }}`: core.money in templates."""

from django import template

from chancery.core import money

register = template.Library()

register.filter("euro", money.euro)
register.filter("euro_cents", money.euro_cents)
