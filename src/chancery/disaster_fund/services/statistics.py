"""Statistics per disaster and municipality: damage reports, claims, amounts claimed, granted and
paid, lead times (filing to decision, in days), for published recognitions only. The open-data
CSV holds aggregates only (no name, no file reference); in a municipality with fewer than
MINIMUM_CELL claims the amounts and the lead time are withheld, since one or two claims there point
at a household and its compensation (as the licences' public report does). Amounts are cents,
written in the CSV in euro with two decimals and a point ("84150.00", machine-readable), on the
pages the Dutch way (core.money: "€ 84.150,00")."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from statistics import median

from chancery.core import csvfiles
from chancery.disaster_fund.models import Claim, DamageReport, PaymentState, Recognition, RecognitionState
from chancery.disaster_fund.services.compensation import euro

MINIMUM_CELL = 3


@dataclass
class Row:
    disaster: str
    municipality: str
    nis_code: str
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
                recognition.event.name, municipality.name, municipality.nis_code
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
