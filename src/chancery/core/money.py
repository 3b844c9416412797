"""Amounts in euro as people read them: "€ 84.150,00" in Dutch (the active language's decimal
and thousands separators, django.utils.formats), two decimals, never a float. One way for every
page and letter; open data (CSV, JSON, the API) keeps the machine form "84150.00".

In templates: `{% load money %}` then `{{ amount|euro }}` (a Decimal or int in euro) or
`{{ amount|euro_cents }}` (whole cents, as the disaster fund stores them)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.formats import number_format

TWO_PLACES = Decimal("0.01")


def euro(amount: Decimal | int | str | None, *, cents: bool = False) -> str:
    """ "€ 84.150,00" (Dutch), "€ -500,00"; an empty string for None."""
    if amount is None or amount == "":
        return ""
    if isinstance(amount, float):
        raise TypeError("Amounts are Decimal or whole cents, never float.")
    value = Decimal(amount) / 100 if cents else Decimal(amount)
    return "€ " + number_format(value.quantize(TWO_PLACES), decimal_pos=2, use_l10n=True, force_grouping=True)


def euro_cents(amount_cents: int | None) -> str:
    return euro(amount_cents, cents=True)
