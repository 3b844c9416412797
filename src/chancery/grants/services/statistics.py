"""Statistics of the grant programmes (issue 15, capability 10): per programme, call, country or
budget year the applications filed, how many were decided and granted, the success rate (granted
of decided: granted, rejected or inadmissible; a withdrawn one is not decided), the amounts
requested and granted, what was paid, and the median lead time from submission to decision in days.

One function (`table`) feeds the service's page (`/app/subsidies/statistieken/`), the public page
(`/oproepen/statistieken/`) and its CSV, in one query whatever the number of applications (two per programme or year).

A protected beneficiary (a person at risk) counts only in aggregates: per country its application
is counted under "beschermde begunstigden", never under its country, so that the country of a
person at risk cannot be told by comparing these figures with the public list of grants. In public
the small-cell rule of the licences' report applies (rules `minimum_cell`): a row of 1 or 2
applications shows "< 3" and withholds its figures, and a total is withheld when exactly one row
is, since the total less the other rows would give it away.

What was paid is read from the grants' tranches: per application the paid tranches less what a
recovery order had paid back (`paid_cents` of each application, a subquery of the same query), so
it exists per programme, call, country and year alike, and per programme and year it adds up to the
envelopes' paid figure (which `payments.pay` and `payments.refund` move by the same amounts)."""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from statistics import median

from django.db.models import OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chancery.core import countries, csvfiles
from chancery.grants import rules
from chancery.grants.models import Application, Envelope, Programme, RecoveryOrder, Tranche, TrancheState
from chancery.grants.services.money import euro

# What a table is per: the key in the address (`?per=`) and its words.
DIMENSIONS = {
    "programma": gettext_lazy("programme"),
    "oproep": gettext_lazy("call"),
    "land": gettext_lazy("country"),
    "jaar": gettext_lazy("year"),
}
DEFAULT_DIMENSION = "programma"
PROTECTED_KEY = "beschermd"
# Decided: a decision was taken (decided_on is set on grant, rejection and inadmissibility).
WITHHELD = "—"


@dataclass
class Row:
    key: str
    label: str
    applications: int = 0
    decided: int = 0
    granted: int = 0
    requested_cents: int = 0
    granted_cents: int = 0
    paid_cents: int = 0
    lead_days: list[int] = field(default_factory=list)

    @property
    def success_rate(self) -> Decimal | None:
        """Granted of decided, a fraction with three decimals; None before any decision."""
        if not self.decided:
            return None
        return (Decimal(self.granted) / Decimal(self.decided)).quantize(Decimal("0.001"), ROUND_HALF_UP)

    @property
    def success_percent(self) -> str:
        rate = self.success_rate
        return "" if rate is None else f"{(rate * 100).quantize(Decimal('1'), ROUND_HALF_UP)} %"

    @property
    def median_lead_days(self) -> int | None:
        return int(median(self.lead_days)) if self.lead_days else None


@dataclass(frozen=True)
class Shown:
    """A row as a page or the CSV gives it: counts as numbers or "< 3", a withheld figure None."""

    key: str
    label: str
    applications: int | str
    decided: int | None
    granted: int | None
    success_rate: Decimal | None
    success_percent: str
    requested_cents: int | None
    granted_cents: int | None
    paid_cents: int | None
    median_lead_days: int | None
    withheld: bool = False


@dataclass(frozen=True)
class Table:
    per: str
    rows: list[Shown]
    total: Shown
    public: bool
    minimum: int


def _shown(row: Row) -> Shown:
    return Shown(
        row.key, row.label, row.applications, row.decided, row.granted, row.success_rate, row.success_percent,
        row.requested_cents, row.granted_cents, row.paid_cents, row.median_lead_days,
    )  # fmt: skip


def _withheld(row: Row, minimum: int) -> Shown:
    return Shown(row.key, row.label, f"< {minimum}", None, None, None, "", None, None, None, None, withheld=True)


def _key(per: str, application: dict) -> tuple[str, str]:
    if per == "programma":
        return application["call__programme__code"], application["call__programme__name"]
    if per == "oproep":
        return application["call__slug"], application["call__title"]
    if per == "jaar":
        return str(application["call__year"]), str(application["call__year"])
    if application["protected"]:
        return PROTECTED_KEY, _("protected beneficiaries")
    return application["country"], countries.name(application["country"]) or application["country"]


def _add(row: Row, application: dict) -> None:
    row.applications += 1
    row.requested_cents += application["requested_cents"]
    if application["decided_on"] is not None:
        row.decided += 1
        submitted = timezone.localdate(application["submitted_at"])
        row.lead_days.append((application["decided_on"] - submitted).days)
    if application["awarded_cents"] is not None:
        row.granted += 1
        row.granted_cents += application["awarded_cents"]
    row.paid_cents += application["paid_cents"]


FIELDS = (
    "call__programme__code", "call__programme__name", "call__slug", "call__title", "call__year", "country",
    "protected", "requested_cents", "awarded_cents", "submitted_at", "decided_on",
)  # fmt: skip


def _sum_per_application(queryset, field: str):
    """The sum of `field` over `queryset`'s rows of the outer application, 0 when none: a subquery."""
    per_application = queryset.filter(application=OuterRef("pk")).order_by().values("application")
    return Coalesce(Subquery(per_application.annotate(total=Sum(field)).values("total")), Value(0))


def paid_expression():
    """What was paid on an application: its paid tranches less the recovery orders it repaid."""
    return _sum_per_application(Tranche.objects.filter(state=TrancheState.PAID), "amount_cents") - _sum_per_application(
        RecoveryOrder.objects.filter(repaid_on__isnull=False), "amount_cents"
    )


def rows(
    per: str = DEFAULT_DIMENSION, *, programme: str | None = None, year: int | None = None
) -> tuple[list[Row], Row]:
    """The raw figures per `per` (a key of DIMENSIONS) and their total, for the applications filed
    (submitted) on calls of `programme` (its code) and budget `year` when given. One query, and one
    more per programme or year (their envelopes, so that each has its row)."""
    if per not in DIMENSIONS:
        raise ValueError(per)
    applications = Application.objects.all()
    envelopes = Envelope.objects.select_related("programme")
    if programme:
        applications = applications.filter(call__programme__code=programme)
        envelopes = envelopes.filter(programme__code=programme)
    if year:
        applications = applications.filter(call__year=year)
        envelopes = envelopes.filter(year=year)
    found: dict[str, Row] = {}
    total = Row("", _("Total"))
    # Per programme and per year every envelope with a budget has its row, also without applications.
    if per in ("programma", "jaar"):
        for envelope in envelopes.filter(Q(planned_cents__gt=0) | Q(committed_cents__gt=0)):
            key, label = (
                (envelope.programme.code, envelope.programme.name) if per == "programma"
                else (str(envelope.year), str(envelope.year))
            )  # fmt: skip
            found.setdefault(key, Row(key, label))
    for application in applications.annotate(paid_cents=paid_expression()).values(*FIELDS, "paid_cents").order_by():
        key, label = _key(per, application)
        _add(found.setdefault(key, Row(key, label)), application)
        _add(total, application)
    ordered = sorted(
        found.values(),
        key=lambda r: (r.key == PROTECTED_KEY, -int(r.key) if per == "jaar" else 0, str(r.label).casefold()),
    )
    return ordered, total


def table(per: str = DEFAULT_DIMENSION, *, programme: str | None = None, year: int | None = None,
          public: bool = False) -> Table:  # fmt: skip
    """The statistics as shown: in public with the small-cell rule (see the module's text)."""
    found, total = rows(per, programme=programme, year=year)
    minimum = rules.figure("minimum_cell")
    if not public:
        return Table(per, [_shown(r) for r in found], _shown(total), public, minimum)
    shown = [_withheld(r, minimum) if 0 < r.applications < minimum else _shown(r) for r in found]
    small_total = 0 < total.applications < minimum
    if small_total or sum(r.withheld for r in shown) == 1:
        total_shown = _withheld(total, minimum) if small_total else replace(
            _withheld(total, minimum), applications=WITHHELD
        )  # fmt: skip
    else:
        total_shown = _shown(total)
    return Table(per, shown, total_shown, public, minimum)


def years() -> list[int]:
    return sorted({envelope.year for envelope in Envelope.objects.only("year")}, reverse=True)


def programmes() -> Iterable[Programme]:
    return Programme.objects.order_by("name")


CSV_HEADER = [
    "per", "sleutel", "naam", "aanvragen", "beslist", "toegekend", "slaagkans", "gevraagd_eur", "toegekend_eur",
    "uitbetaald_eur", "mediane_doorlooptijd_dagen",
]  # fmt: skip


def _figure(value) -> str:
    return "" if value is None else str(value)


def as_csv(result: Table) -> str:
    """The table in the machine form of open data: euro with two decimals and a point, the rate
    as a fraction; a withheld figure empty, a small count "< 3"."""
    out = io.StringIO()
    writer = csvfiles.writer(out)
    writer.writerow(CSV_HEADER)
    for r in [*result.rows, result.total]:
        writer.writerow([
            result.per, r.key, r.label, r.applications, _figure(r.decided), _figure(r.granted),
            _figure(r.success_rate), euro(r.requested_cents), euro(r.granted_cents), euro(r.paid_cents),
            _figure(r.median_lead_days),
        ])  # fmt: skip
    return out.getvalue()


def chart_rows(result: Table, attribute: str) -> list[tuple[str, int | Decimal]]:
    """(label, value) of the rows whose figure is shown, for core.charts.bar_chart: amounts in euro."""
    chosen = []
    for r in result.rows:
        value = getattr(r, attribute)
        if value is None or isinstance(value, str):
            continue
        chosen.append((str(r.label), Decimal(value) / 100 if attribute.endswith("_cents") else value))
    return chosen
