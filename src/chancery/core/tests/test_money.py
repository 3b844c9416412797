"""core.money: amounts the Dutch way, "€ 84.150,00", from euro (Decimal) or whole cents; never a
float; the template filters say the same."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from chancery.core import money


@pytest.mark.parametrize(
    ("amount", "cents", "shown"),
    [
        (8_415_000, True, "€ 84.150,00"),
        (Decimal("1234567.5"), False, "€ 1.234.567,50"),
        (-50_000, True, "€ -500,00"),
        (0, True, "€ 0,00"),
        (1, True, "€ 0,01"),
        (99_999, True, "€ 999,99"),
        (100_000, True, "€ 1.000,00"),
        ("250000000.00", False, "€ 250.000.000,00"),
    ],
)
def test_dutch_amounts(amount, cents, shown):
    with translation.override("nl"):
        assert money.euro(amount, cents=cents) == shown


def test_none_is_empty_and_float_is_refused():
    assert money.euro(None) == "" and money.euro_cents(None) == ""
    with pytest.raises(TypeError):
        money.euro(84150.0)


def test_the_filters():
    template = Template("{% load money %}{{ a|euro }} / {{ c|euro_cents }}")
    with translation.override("nl"):
        assert template.render(Context({"a": Decimal("84150"), "c": 650_000})) == "€ 84.150,00 / € 6.500,00"
