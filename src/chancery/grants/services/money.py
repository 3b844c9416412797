"""Amounts in euro as the forms and the API give them, to whole cents and back (no float anywhere)."""

from __future__ import annotations

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_AMOUNT = re.compile(r"\d{1,13}(\.\d{1,2})?")


def cents(value, field: str) -> int:
    """Whole cents from an amount in euro ("1234.5", an int or a Decimal); refuses a negative,
    non-numeric amount or one with more than two decimals (ValidationError, in Dutch)."""
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        raise ValidationError(_('%(field)s: an amount in euro is required, e.g. "1250.00".') % {"field": field})
    text = str(value).strip().replace(",", ".") if isinstance(value, str) else str(value)
    if text.startswith("-"):
        raise ValidationError(_("%(field)s: the amount may not be negative.") % {"field": field})
    if not _AMOUNT.fullmatch(text):
        raise ValidationError(
            _('%(field)s: "%(value)s" is not an amount in euro with at most two decimals.')
            % {"field": field, "value": text[:40]}
        )
    return int(Decimal(text) * 100)


def euro(amount_cents: int | None) -> str:
    """Two decimals, a point, no thousands separator: "8500.00"."""
    if amount_cents is None:
        return ""
    return str((Decimal(amount_cents) / 100).quantize(Decimal("0.01")))
