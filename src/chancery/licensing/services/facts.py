"""What an application asks for, read from the case in ONE place: the application of
`chancery.strategic_goods` (kind, form, goods family, destination, goods lines). A case filed
before applications had their own model carries one goods line in `Case.data`: read as such."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db.models import Prefetch

from chancery.strategic_goods import models as strategic_goods
from chancery.strategic_goods.models import Application
from chancery.strategic_goods.services.control_list import normalise

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


def _applications():
    return Application.objects.prefetch_related(
        Prefetch("goods_lines", strategic_goods.GoodsLine.objects.order_by("position"))
    )


def _application(case):
    return _applications().filter(case=case).first()


def goods_family(case) -> str:
    application = _application(case)
    if application is not None:
        return application.goods_family
    return (case.data or {}).get("goods_family", "")


def licence_facts(case) -> LicenceFacts:
    return _facts(case, _application(case))


def licence_facts_of(cases) -> dict[int, LicenceFacts]:
    """`licence_facts` of many cases (by pk) in two queries, whatever their number."""
    applications = {application.case_id: application for application in _applications().filter(case__in=cases)}
    return {case.pk: _facts(case, applications.get(case.pk)) for case in cases}


def _facts(case, application) -> LicenceFacts:
    if application is not None:
        kind = "export" if application.kind == "dual_use_export" else application.kind
        return LicenceFacts(
            kind=kind,
            # Use of a general licence is registered (licensing.general), not licensed: should such a
            # file still be granted, what is issued is an individual licence.
            form=application.licence_form
            if application.licence_form in ("individual", "global", "combined")
            else "individual",
            goods_family=application.goods_family,
            destination_country=application.destination_country.upper(),
            lines=tuple(
                GoodsLine(
                    control_list_code=normalise(line.control_list_code),
                    description=line.description,
                    quantity=line.quantity,
                    value_eur=line.value_eur,
                )
                for line in application.goods_lines.all()  # prefetched in their order
            ),
        )
    return _from_case_data(case.data or {})


def _from_case_data(data: dict) -> LicenceFacts:
    kind, form = LICENCE_TYPES.get(data.get("licence_type", ""), ("export", "individual"))
    line = GoodsLine(
        control_list_code=normalise(str(data.get("control_list_code", ""))),
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
