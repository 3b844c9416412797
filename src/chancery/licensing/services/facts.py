"""What an application asks for, read from the case in ONE place.

The applicant's form stores one goods line in `Case.data` today; when the application gets its
own model (goods lines, parties, countries) only the bodies below change."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# licence_type of the form → (kind, form)
LICENCE_TYPES = {
    "individual_export": ("export", "individual"),
    "global_export": ("export", "global"),
    "transfer": ("transfer", "individual"),
    "transit": ("transit", "individual"),
    "import": ("import", "individual"),
}


@dataclass(frozen=True)
class GoodsLine:
    control_list_code: str
    description: str
    quantity: int
    value_eur: Decimal

    @property
    def category(self) -> str:
        return category_of(self.control_list_code)


@dataclass(frozen=True)
class LicenceFacts:
    kind: str
    form: str
    goods_family: str
    destination_country: str
    lines: tuple[GoodsLine, ...]

    @property
    def quantity(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def value_eur(self) -> Decimal:
        return sum((line.value_eur for line in self.lines), Decimal("0"))


def _decimal(value) -> Decimal:
    try:
        return Decimal(str(value or "0"))
    except InvalidOperation:
        return Decimal("0")


def category_of(code: str) -> str:
    """The reporting category of a control-list code: the ML number of the Common Military List
    (`ML10.a` → `ML10`) or the dual-use category, the first digit of an Annex I code (`6A003` → `6`)."""
    code = (code or "").strip().upper()
    military = re.match(r"^ML(\d{1,2})", code)
    if military:
        return f"ML{int(military.group(1))}"
    if code[:1].isdigit():
        return code[0]
    return "?"


def goods_family(case) -> str:
    return (case.data or {}).get("goods_family", "")


def licence_facts(case) -> LicenceFacts:
    data = case.data or {}
    kind, form = LICENCE_TYPES.get(data.get("licence_type", ""), ("export", "individual"))
    line = GoodsLine(
        control_list_code=str(data.get("control_list_code", "")).strip().upper(),
        description=str(data.get("goods_description", "")),
        quantity=int(data.get("quantity") or 0),
        value_eur=_decimal(data.get("value_eur")),
    )
    return LicenceFacts(
        kind=kind,
        form=form,
        goods_family=data.get("goods_family", ""),
        destination_country=str(data.get("destination_country", "")).strip().upper(),
        lines=(line,),
    )
