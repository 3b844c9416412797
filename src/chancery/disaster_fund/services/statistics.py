"""Statistics per disaster and municipality: damage reports, claims, amounts claimed, granted and
paid, lead times (filing to decision, in days), for published recognitions only. The open-data
CSV holds aggregates only (no name, no file reference); in a municipality with fewer than
MINIMUM_CELL claims the amounts and the lead time are withheld, since one or two claims there point
at a household and its compensation (as the licences' public report does). Amounts are cents,
written in the CSV in euro with two decimals and a point ("84150.00", machine-readable), on the
pages the Dutch way (core.money: "€ 84.150,00")."""

from __future__ import annotations

import datetime
import io
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from chancery.core import csvfiles, maps
from chancery.disaster_fund.models import (
    Claim,
    DamageReport,
    Municipality,
    PaymentState,
    Recognition,
    RecognitionState,
)
from chancery.disaster_fund.services import municipalities
from chancery.disaster_fund.services.compensation import euro

MINIMUM_CELL = 3


@dataclass
class Row:
    disaster: str
    municipality: str
    nis_code: str
    recognised: bool = False  # the municipality is named in the disaster's recognition
    reports: int = 0
    claims: int = 0
    claimed_cents: int = 0
    decided: int = 0
    granted_cents: int = 0
    paid_cents: int = 0
    lead_days: list[int] = field(default_factory=list)

    @property
    def median_lead_days(self) -> int | None:
        return int(median(self.lead_days)) if self.lead_days else None


def per_municipality() -> list[Row]:
    """One row per recognised disaster and municipality (of the recognition, or with a report)."""
    rows: dict[tuple[int, str], Row] = {}
    recognitions = (
        Recognition.objects.filter(state=RecognitionState.PUBLISHED)
        .select_related("event")
        .prefetch_related("municipalities")
    )
    for recognition in recognitions:
        for municipality in recognition.municipalities.all():
            rows[(recognition.event_id, municipality.nis_code)] = Row(
                recognition.event.name, municipality.name, municipality.nis_code, recognised=True
            )
    published = DamageReport.objects.filter(event__recognition__state=RecognitionState.PUBLISHED)
    for report in published.select_related("event", "municipality"):
        key = (report.event_id, report.municipality.nis_code)
        rows.setdefault(key, Row(report.event.name, report.municipality.name, report.municipality.nis_code))
        rows[key].reports += 1
    for claim in Claim.objects.select_related("recognition__event", "municipality"):
        key = (claim.recognition.event_id, claim.municipality.nis_code)
        name = claim.municipality.name
        row = rows.setdefault(key, Row(claim.recognition.event.name, name, claim.municipality.nis_code))
        row.claims += 1
        row.claimed_cents += claim.estimate_cents
        if claim.decided_on is not None:
            row.decided += 1
            row.granted_cents += claim.compensation_cents or 0
            row.lead_days.append((claim.decided_on - claim.filed_on).days)
        if claim.payment_state == PaymentState.PAID:
            row.paid_cents += claim.compensation_cents or 0
    return sorted(rows.values(), key=lambda r: (r.disaster, r.municipality))


CSV_HEADER = ["ramp", "gemeente", "nis_code", "schademeldingen", "aanvragen", "gevraagd_eur", "beslist",
              "toegekend_eur", "uitbetaald_eur", "mediane_doorlooptijd_dagen"]  # fmt: skip


def as_csv(rows: list[Row]) -> str:
    out = io.StringIO()
    writer = csvfiles.writer(out)
    writer.writerow(CSV_HEADER)
    for r in rows:
        hidden = r.claims < MINIMUM_CELL
        writer.writerow([
            r.disaster, r.municipality, r.nis_code, r.reports, r.claims,
            *(["", r.decided, "", "", ""] if hidden else [
                euro(r.claimed_cents), r.decided, euro(r.granted_cents), euro(r.paid_cents),
                "" if r.median_lead_days is None else r.median_lead_days,
            ]),
        ])  # fmt: skip
    return out.getvalue()


# The map of the municipalities -------------------------------------------------------------------

BOUNDARIES = Path(__file__).resolve().parent.parent / "data" / "municipality-boundaries.json"  # README beside it

# What the map shades (the `?kaart=` of the statistics page): its key and its words.
MEASURES = {
    "erkend": gettext_lazy("recognised disasters"),
    "meldingen": gettext_lazy("damage reports"),
    "aanvragen": gettext_lazy("claims"),
}
DEFAULT_MEASURE = "erkend"


def successors(day: datetime.date) -> dict[str, str]:
    """The NIS code of each municipality in the data file mapped to the municipality that covers
    its ground on `day` (itself, or the one it merged into: Borsbeek → Antwerpen since 2025)."""
    entries = {m["nis_code"]: m for m in municipalities.rows()}

    def follow(code: str) -> str:
        entry = entries[code]
        while entry.get("valid_until") and datetime.date.fromisoformat(entry["valid_until"]) < day:
            if not entry.get("merged_into"):
                break
            entry = entries[entry["merged_into"]]
        return entry["nis_code"]

    return {code: follow(code) for code in entries}


def municipality_map(rows: list[Row], measure: str = DEFAULT_MEASURE, day: datetime.date | None = None) -> maps.Map:
    """The Flemish municipalities in force on `day` (today), shaded by `measure` over the statistics'
    rows; a municipality that has since merged counts for the one it merged into, and its title
    says so."""
    if measure not in MEASURES:
        measure = DEFAULT_MEASURE
    day = day or timezone.localdate()
    current = dict(municipalities.in_force_on(Municipality.objects.all(), day).values_list("nis_code", "name"))
    into = successors(day)
    disasters: dict[str, set[str]] = defaultdict(set)
    counts: dict[str, int] = defaultdict(int)
    former: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        code = into.get(row.nis_code, row.nis_code)
        if code not in current:
            continue
        if code != row.nis_code:
            former[code].add(row.municipality)
        if measure == "erkend":
            if row.recognised:
                disasters[code].add(row.disaster)
        else:
            counts[code] += row.reports if measure == "meldingen" else row.claims
    values: dict[str, tuple[maps.Category, str]] = {}
    if measure == "erkend":
        for code, names in disasters.items():
            words = _("recognised: %(names)s") % {"names": ", ".join(sorted(names))}
            values[code] = (maps.counted(len(names), (1, 2, 3)), words)
    else:
        for code, count in counts.items():
            if count:
                words = ngettext("%(n)s damage report", "%(n)s damage reports", count) if measure == "meldingen" else (
                    ngettext("%(n)s claim", "%(n)s claims", count))  # fmt: skip
                values[code] = (maps.counted(count), words % {"n": count})
    for code, names in former.items():
        if code in values:
            category, detail = values[code]
            including = _("(including the former %(names)s)") % {"names": ", ".join(sorted(names))}
            values[code] = (category, f"{detail} {including}")
    what = MEASURES[measure]
    return maps.render(
        maps.load(BOUNDARIES),
        title=_("Flemish municipalities by number of %(what)s") % {"what": what},
        description=_("Map of the %(count)s Flemish municipalities of %(day)s; the shaded ones have %(what)s.")
        % {"count": len(current), "day": day.isoformat(), "what": what},
        values=values,
        names=current,
        only=current,
        ident="municipality-map",
        legend_title=_("Number of %(what)s") % {"what": what},
        width=900,
    )
