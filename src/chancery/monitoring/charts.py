"""Charts as SVG made on the server: they work without JavaScript and print in reports. Each chart
comes with a text alternative (the same numbers as a table) next to it in the page."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from django.utils.formats import number_format
from django.utils.safestring import mark_safe


@dataclass(frozen=True)
class Point:
    day: datetime.date
    value: Decimal
    label: str = ""


# Colours and strokes as SVG presentation attributes, with the class beside them: a browser lets the
# site's stylesheet (classes) win over them, while WeasyPrint, which ignores CSS fills and strokes in
# SVG, prints them (the budget bar came out as a black block, the lines without colour).
PAINT = {
    "chart-axis": 'stroke="#cbd2da" stroke-width="1"',
    "chart-label": 'fill="#4a4a48" font-size="12"',
    "chart-line": 'fill="none" stroke="#0055cc" stroke-width="2.5"',
    "chart-dot": 'fill="#0055cc"',
    "chart-target": 'fill="none" stroke="#1d1d1b" stroke-width="1.5" stroke-dasharray="6 4"',
    "chart-band": 'fill="#cfe0f5" stroke="none"',
    "chart-track": 'fill="#f4f5f7" stroke="#cbd2da"',
    "chart-fill": 'fill="#0055cc"',
}


def _paint(name: str) -> str:
    return f'class="{name}" {PAINT[name]}'


def _scale(low: float, high: float, size: float, pad: float, invert: bool = False):
    span = (high - low) or 1.0

    def place(value: float) -> float:
        share = (value - low) / span
        return pad + (1 - share if invert else share) * (size - 2 * pad)

    return place


def line_chart(
    series: list[Point],
    *,
    targets: list[Point] = (),
    band: tuple[list[Point], list[Point]] | None = None,
    planned: list[Point] = (),
    title: str,
    unit: str = "",
    width: int = 640,
    height: int = 240,
) -> str:
    """An indicator's values as a line, its targets as a dashed line, and optionally a benchmark
    band (lowest and highest reference values per date)."""
    points = [*series, *targets, *planned, *(band[0] if band else []), *(band[1] if band else [])]
    if not points:
        return ""
    days = [p.day.toordinal() for p in points]
    values = [float(p.value) for p in points]
    low, high = min(values), max(values)
    margin = (high - low) * 0.1 or abs(high) * 0.1 or 1.0
    x = _scale(min(days), max(days), width, 48)
    y = _scale(low - margin, high + margin, height, 28, invert=True)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" class="chart"><title>{escape(title)}</title>',
        f'<line x1="48" y1="{height - 28}" x2="{width - 48}" y2="{height - 28}" {_paint("chart-axis")}/>',
    ]
    for value in (low, high):
        parts.append(
            f'<text x="44" y="{y(value):.1f}" text-anchor="end" {_paint("chart-label")}>'
            f"{escape(number_format(value, decimal_pos=1 if abs(value) < 100 else 0))}</text>"
        )
    for point in (series[0], series[-1]) if series else ():
        parts.append(
            f'<text x="{x(point.day.toordinal()):.1f}" y="{height - 8}" text-anchor="middle" {_paint("chart-label")}>'
            f"{escape(point.label or str(point.day.year))}</text>"
        )
    if band and band[0] and band[1]:
        upper = " ".join(f"{x(p.day.toordinal()):.1f},{y(float(p.value)):.1f}" for p in band[1])
        lower = " ".join(f"{x(p.day.toordinal()):.1f},{y(float(p.value)):.1f}" for p in reversed(band[0]))
        parts.append(f'<polygon points="{upper} {lower}" {_paint("chart-band")}/>')
    if targets:
        start = series[-1] if series else targets[0]  # from the latest value to the targets
        path = " ".join(f"{x(p.day.toordinal()):.1f},{y(float(p.value)):.1f}" for p in [start, *targets])
        parts.append(f'<polyline points="{path}" {_paint("chart-target")}/>')
    if planned:
        path = " ".join(f"{x(p.day.toordinal()):.1f},{y(float(p.value)):.1f}" for p in planned)
        parts.append(f'<polyline points="{path}" {_paint("chart-target")}/>')
    if series:
        path = " ".join(f"{x(p.day.toordinal()):.1f},{y(float(p.value)):.1f}" for p in series)
        parts.append(f'<polyline points="{path}" {_paint("chart-line")}/>')
        for p in series:
            parts.append(
                f'<circle cx="{x(p.day.toordinal()):.1f}" cy="{y(float(p.value)):.1f}" r="3" {_paint("chart-dot")}/>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def bar(share: Decimal | None, *, title: str, width: int = 200, height: int = 16) -> str:
    """A horizontal bar for a share between 0 and 1 (budget execution), with the share written after
    it, so that it reads on paper and without colour too."""
    if share is None:
        return ""
    filled = max(0.0, min(1.0, float(share))) * width
    label = escape(title)
    percent = escape(f"{number_format(float(share) * 100, decimal_pos=0)} %")
    return mark_safe(  # noqa: S308 - title and figure escaped
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width + 60} {height}" role="img" '
        f'aria-label="{label}: {percent}" class="chart chart-bar"><title>{label}: {percent}</title>'
        f'<rect width="{width}" height="{height}" {_paint("chart-track")}/>'
        f'<rect width="{filled:.1f}" height="{height}" {_paint("chart-fill")}/>'
        f'<text x="{width + 6}" y="{height - 3}" {_paint("chart-label")}>{percent}</text></svg>'
    )
