"""Benchmarks: reference values from SDMX messages through a stored mapping, and how Flanders
compares (position, gap to the best, trend)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from chancery.core import audit
from chancery.core.models import AuditAction
from chancery.monitoring import sdmx
from chancery.monitoring.charts import Point
from chancery.monitoring.models import BenchmarkValue, Direction, Indicator, SdmxMapping
from chancery.monitoring.services.periods import parse_period


@dataclass
class SdmxReport:
    format: str = ""
    dataflow: str = ""
    observations: int = 0
    series: int = 0
    dimensions: list[str] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    kept: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    dry_run: bool = True

    def as_dict(self) -> dict:
        return {
            "format": self.format, "dataflow": self.dataflow, "observations": self.observations,
            "series": self.series, "dimensions": self.dimensions, "errors": self.errors, "kept": self.kept,
            "changes": {"new": self.new, "changed": self.changed, "unchanged": self.unchanged}, "dry_run": self.dry_run,
        }  # fmt: skip


def import_sdmx(
    path: Path, *, mapping: SdmxMapping | None, dry_run: bool, structure: Path | None = None, actor=None
) -> SdmxReport:
    """Read the message; with a mapping, keep its observations as reference values (all or none)."""
    report = SdmxReport(dry_run=dry_run)
    replaced: dict[str, tuple[str, str]] = {}
    try:
        message = sdmx.read(path, structure=structure, time_dimension=mapping.time_dimension if mapping else sdmx.TIME)
    except ValidationError as exc:
        report.errors = [{"observation": None, "message": message} for message in exc.messages]
        return report
    report.format, report.dataflow = message.format, message.dataflow
    report.observations, report.series, report.dimensions = (
        len(message.observations),
        message.series,
        message.dimensions,
    )
    if mapping is None:
        if not dry_run:
            report.errors.append({"observation": None, "message": _("Name a mapping (--mapping) to store values.")})
        return report
    if mapping.dataflow and mapping.dataflow not in message.dataflow:
        found = _("This message is dataflow “%(found)s”, the mapping expects “%(expected)s”.")
        report.errors.append({"observation": None, "message": found % {"found": message.dataflow,
                              "expected": mapping.dataflow}})  # fmt: skip
        return report
    if mapping.area_dimension not in message.dimensions:
        missing = _("The message has no dimension %(dimension)s; it has %(dimensions)s.")
        report.errors.append({"observation": None, "message": missing % {"dimension": mapping.area_dimension,
                              "dimensions": ", ".join(message.dimensions)}})  # fmt: skip
        return report
    kept, seen = [], {}
    for number, observation in enumerate(message.observations, start=1):
        if any(observation.key.get(name) != str(code) for name, code in (mapping.filters or {}).items()):
            continue
        if observation.value is None:
            continue  # a published gap: nothing to compare
        area = observation.key[mapping.area_dimension]
        try:
            period, start = parse_period(observation.period or mapping.fixed_period)
        except ValidationError as exc:
            report.errors.append({"observation": number, "message": exc.messages[0]})
            continue
        if (area, period) in seen:
            twice = _(
                "%(area)s %(period)s appears twice (also observation %(first)s): narrow the mapping's kept codes."
            )
            report.errors.append({"observation": number, "message": twice % {"area": area, "period": period,
                                  "first": seen[(area, period)]}})  # fmt: skip
            continue
        seen[(area, period)] = number
        label = observation.labels.get(mapping.area_dimension, "")
        kept.append((area, label, period, start, (observation.value * mapping.factor).quantize(Decimal("1e-8"))))
    report.kept = len(kept)
    existing = {(v.area, v.period): v.value for v in BenchmarkValue.objects.filter(mapping=mapping)}
    for area, _label, period, _start, value in kept:
        before = existing.get((area, period))
        if before is None:
            report.new += 1
        elif before == value:
            report.unchanged += 1
        else:
            report.changed += 1
            replaced[f"{area} {period}"] = (str(before), str(value))
    if dry_run or report.errors:
        return report
    with transaction.atomic():
        for area, label, period, start, value in kept:
            BenchmarkValue.objects.update_or_create(
                mapping=mapping, area=area, period=period,
                defaults={"indicator": mapping.indicator, "area_label": label, "period_start": start, "value": value},
            )  # fmt: skip
        # A reference value is replaced by the publisher's newer one; the trail keeps what it was.
        audit.record(
            actor, AuditAction.UPDATE, mapping,
            before={key: old for key, (old, _new) in replaced.items()},
            after={"file": Path(path).name, "new": report.new, "changed": report.changed, "unchanged": report.unchanged,
                   "values": {key: new for key, (_old, new) in replaced.items()}},
            reason=_("SDMX import"),
        )  # fmt: skip
    return report


@dataclass(frozen=True)
class Comparison:
    period: str
    ours: Decimal | None
    references: list[tuple[str, str, Decimal]]  # (area, label, value), best first
    position: int | None  # 1 = best, counting Flanders among the references
    gap_to_best: Decimal | None
    trend: Decimal | None  # change of our value since the previous compared period
    demo: bool = False  # generated reference values (demo data), said so on the page


def compare(indicator: Indicator, observations=None) -> Comparison | None:
    """Flanders against the references in the latest period that has both."""
    values = list(indicator.benchmarks.all())
    if not values:
        return None
    ours = {o.period: o.value for o in (observations if observations is not None else
            indicator.observations.filter(is_current=True))}  # fmt: skip
    home = {m.home_area for m in indicator.sdmx_mappings.all() if m.home_area}
    periods = sorted({v.period for v in values if v.period in ours or any(v.area in home for v in values)},
                     key=lambda p: parse_period(p)[1])  # fmt: skip
    if not periods:
        return None
    period = periods[-1]
    demo = any(v.demo for v in values)
    better_high = indicator.direction == Direction.UP
    references = sorted(
        ((v.area, v.area_label, v.value) for v in values if v.period == period and v.area not in home),
        key=lambda row: row[2], reverse=better_high,
    )  # fmt: skip
    mine = ours.get(period)
    if mine is None:
        mine = next((v.value for v in values if v.period == period and v.area in home), None)
    if mine is None or not references:
        return Comparison(period, mine, references, None, None, None, demo)
    best = references[0][2]
    position = 1 + sum(1 for _a, _l, value in references if (value > mine if better_high else value < mine))
    previous = [
        p for p in sorted(ours, key=lambda p: parse_period(p)[1]) if parse_period(p)[1] < parse_period(period)[1]
    ]
    trend = (mine - ours[previous[-1]]) if previous else None
    gap = (best - mine) if better_high else (mine - best)
    return Comparison(period, mine, references, position, gap, trend, demo)


def band(indicator: Indicator) -> tuple[list, list]:
    """Lowest and highest reference value per period, for the chart's benchmark band."""
    by_period: dict[str, list] = {}
    for value in indicator.benchmarks.all():
        by_period.setdefault(value.period, []).append(value)
    # Each value carries the day its period starts (stored on import): no parsing per value.
    starts = {period: values[0].period_start for period, values in by_period.items()}
    periods = sorted(by_period, key=starts.__getitem__)
    low = [Point(starts[p], min(v.value for v in by_period[p]), p) for p in periods]
    high = [Point(starts[p], max(v.value for v in by_period[p]), p) for p in periods]
    return low, high
