"""Bar charts as SVG made on the server, as the monitoring's charts (monitoring.charts, which the
other domain apps may not import): no JavaScript, they print in a PDF, and the page shows the same
numbers as a table beside each chart. Colours are presentation attributes as well as classes,
because WeasyPrint ignores CSS fills in SVG. Used by the State of Regulation and the grants'
statistics."""

from __future__ import annotations

from decimal import Decimal
from html import escape

from django.utils.formats import number_format
from django.utils.safestring import mark_safe

PAINT = {
    "chart-axis": 'stroke="#cbd2da" stroke-width="1"',
    "chart-label": 'fill="#4a4a48" font-size="12"',
    "chart-fill": 'fill="#0055cc"',
}


def _paint(name: str) -> str:
    return f'class="{name}" {PAINT[name]}'


# About the characters a label of `label_width` (220) holds at the chart's font size; a longer one is
# cut with an ellipsis (the table beside every chart gives it whole).
LABEL_CHARACTERS = 30


def _fitted(label: str) -> str:
    return label if len(label) <= LABEL_CHARACTERS else label[: LABEL_CHARACTERS - 1].rstrip() + "…"


def bar_chart(rows: list[tuple[str, Decimal | int]], *, title: str, width: int = 640, label_width: int = 220) -> str:
    """One horizontal bar per row (label, value ≥ 0), scaled to the largest value."""
    if not rows:
        return ""
    bar_height, gap, top = 18, 8, 8
    height = top * 2 + len(rows) * (bar_height + gap)
    largest = max(float(value) for _label, value in rows) or 1.0
    room = width - label_width - 90
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" class="chart"><title>{escape(title)}</title>',
        f'<line x1="{label_width}" y1="{top}" x2="{label_width}" y2="{height - top}" {_paint("chart-axis")}/>',
    ]
    for n, (label, value) in enumerate(rows):
        y = top + n * (bar_height + gap)
        length = max(float(value), 0.0) / largest * room
        shown = number_format(value, decimal_pos=0 if isinstance(value, int) else 2, use_l10n=True, force_grouping=True)
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 13}" text-anchor="end" {_paint("chart-label")}>'
            f"{escape(_fitted(str(label)))}</text>"
            f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_height}" {_paint("chart-fill")}/>'
            f'<text x="{label_width + length + 6:.1f}" y="{y + 13}" {_paint("chart-label")}>{escape(shown)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text in it is escaped above
