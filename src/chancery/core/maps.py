"""Maps rendered on the server as SVG from boundary files shipped as data (no tiles, no script,
no address outside the page): the one way Chancery draws a map (the foreign network's world map,
the disaster fund's map of the Flemish municipalities).

A boundary file (`load`) is JSON: `{"source", "licence", "coordinates": "lonlat" | "planar",
"shapes": [{"id", "name", "rings": [[[x, y], ...], ...]}]}`; its README beside it says where it
comes from and how it was trimmed (the scripts that made them are in `scripts/`). Rings of one
shape are drawn as one path with the even-odd rule, so holes need no orientation.

`render` takes the shapes, a value per shape id (a `Category` for its fill and its words) and
optional points (post cities), and returns a `Map`: the SVG (role img, a <title> and <desc> for
the whole, a <title> per shape and per point, for screen readers and as a tooltip) and the rows
of the table the template shows beside it, so what the map says can be read without the map.

Projections: `equal_earth` for longitude/latitude (Šavrič, Patterson & Jenny, "The Equal Earth
map projection", International Journal of Geographical Information Science 33(3), 2019, 454–465,
doi:10.1080/13658816.2018.1504949, equations 1–2); `planar` for coordinates that are already
projected (the municipalities are in Belgian Lambert 72, EPSG:31370, metres). Simplification:
Ramer–Douglas–Peucker (Douglas & Peucker, The Canadian Cartographer 10(2), 1973, 112–122).
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

Point = tuple[float, float]
Ring = list[Point]

# Equal Earth's constants (Šavrič et al. 2019, eq. 2).
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2


def equal_earth(lon: float, lat: float) -> Point:
    """Equal Earth on the unit sphere: (x, y) with y north-up; the equator is y = 0, the poles
    y = ±1.3173627, the antimeridian x = ±2.7066297."""
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(_M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = 2 * math.sqrt(3) * lam * math.cos(theta) / (3 * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return x, y


def planar(x: float, y: float) -> Point:
    """Coordinates already projected (metres, north-up)."""
    return x, y


PROJECTIONS: dict[str, Callable[[float, float], Point]] = {"lonlat": equal_earth, "planar": planar}


def simplify(ring: Sequence[Point], tolerance: float) -> Ring:
    """Ramer–Douglas–Peucker: the points of `ring` that keep it within `tolerance` of the
    original (the first and last always stay). Iterative, so long rings need no deep recursion."""
    points = list(ring)
    if len(points) < 3 or tolerance <= 0:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        farthest, index = -1.0, first
        for i in range(first + 1, last):
            px, py = points[i]
            if length == 0:
                distance = math.hypot(px - x1, py - y1)
            else:
                distance = abs(dy * px - dx * py + x2 * y1 - y2 * x1) / length
            if distance > farthest:
                farthest, index = distance, i
        if farthest > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


@dataclass(frozen=True)
class Shape:
    id: str
    name: str
    rings: list[Ring]


@dataclass(frozen=True)
class Boundaries:
    source: str
    licence: str
    coordinates: str
    shapes: list[Shape]

    def by_id(self) -> dict[str, Shape]:
        return {s.id: s for s in self.shapes}


@functools.cache
def load(path: Path | str) -> Boundaries:
    """A boundary file (read once per process: they are data shipped with the code)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    shapes = [
        Shape(str(s["id"]), s["name"], [[(float(x), float(y)) for x, y in ring] for ring in s["rings"]])
        for s in data["shapes"]
    ]
    return Boundaries(data["source"], data["licence"], data["coordinates"], shapes)


@dataclass(frozen=True)
class Category:
    """A class of the legend: its words and its fill. `key` orders the legend."""

    key: int
    label: str
    fill: str


@dataclass(frozen=True)
class Marker:
    """A point drawn on the map (a post's city), with its words."""

    label: str
    lon: float
    lat: float
    detail: str = ""


@dataclass(frozen=True)
class Row:
    """A line of the fallback table: a shaded shape, its category and what is said about it."""

    id: str
    name: str
    category: Category
    detail: str
    on_map: bool


@dataclass
class Map:
    title: str
    ident: str
    svg: SafeString
    rows: list[Row]
    legend: list[Category]
    legend_title: str = ""
    markers: list[Marker] = field(default_factory=list)
    source: str = ""
    licence: str = ""


BACKGROUND = "#dcdcdc"  # shapes without a value
# A sequential scale, light to dark: ColorBrewer's YlOrBr (Cynthia A. Brewer, colorbrewer2.org,
# Apache License 2.0), from the Flemish yellow on; each step tells from its neighbours and from the
# grey of the shapes without a value.
SEQUENTIAL = ("#ffe615", "#fec44f", "#fe9929", "#d95f0e", "#993404")


def counted(count: int, bins: Sequence[int] = (1, 2, 5, 10)) -> Category:
    """The legend class of a count (at least 1): with the default bins 1, 2–4, 5–9, 10 or more."""
    from django.utils.translation import gettext as _

    index = max(i for i, low in enumerate(bins) if count >= low)
    low = bins[index]
    if index == len(bins) - 1:
        label = _("%(low)s or more") % {"low": low}
    elif bins[index + 1] - 1 == low:
        label = str(low)
    else:
        label = f"{low}–{bins[index + 1] - 1}"
    return Category(index + 1, label, SEQUENTIAL[min(index, len(SEQUENTIAL) - 1)])


STROKE = "#ffffff"
MARKER_FILL = "#333332"


def _fmt(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def render(
    boundaries: Boundaries,
    *,
    title: str,
    description: str,
    values: Mapping[str, tuple[Category, str]],
    names: Mapping[str, str] | None = None,
    markers: Iterable[Marker] = (),
    only: Iterable[str] | None = None,
    ident: str = "map",
    legend_title: str = "",
    extent: tuple[float, float, float, float] | None = None,
    width: int = 960,
    tolerance_px: float = 0.35,
) -> Map:
    """The map of `boundaries` (only the shapes whose id is in `only`, when given) with each shape
    of `values` filled by its category and titled with its name and detail; `names` overrides a
    shape's name (the page's language). The view box fits the drawn shapes; each path is
    simplified to `tolerance_px` of the drawing; `extent` (min x, min y, max x, max y in the
    file's coordinates) crops the view to a window instead (Europe), what lies outside clipped.
    Values without a shape still get a table row (`on_map` false), so nothing is lost when a
    boundary file lacks a small country."""
    project = PROJECTIONS[boundaries.coordinates]
    names = names or {}
    wanted = set(only) if only is not None else None
    shapes = [s for s in boundaries.shapes if wanted is None or s.id in wanted]
    projected = [(s, [[project(x, y) for x, y in ring] for ring in s.rings]) for s in shapes]
    markers = list(markers)
    marker_points = [project(m.lon, m.lat) if boundaries.coordinates == "lonlat" else (m.lon, m.lat) for m in markers]
    xs = [x for _, rings in projected for ring in rings for x, _y in ring] + [x for x, _ in marker_points]
    ys = [y for _, rings in projected for ring in rings for _x, y in ring] + [y for _, y in marker_points]
    if extent is not None:  # the window's corners, projected (Equal Earth keeps meridians curved)
        corners = [project(x, y) for x in (extent[0], (extent[0] + extent[2]) / 2, extent[2]) for y in extent[1::2]]
        xs, ys = [x for x, _ in corners], [y for _, y in corners]
    if not xs:
        xs, ys = [0.0, 1.0], [0.0, 1.0]
    min_x, max_x, min_y, max_y = min(xs), max(xs), min(ys), max(ys)
    scale = width / ((max_x - min_x) or 1)
    height = max(1, round((max_y - min_y) * scale))

    def to_px(point: Point) -> Point:
        return (point[0] - min_x) * scale, (max_y - point[1]) * scale

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" class="map" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" preserveAspectRatio="xMidYMid meet">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(description)}</desc>',
        '<g class="map__shapes" stroke="' + STROKE + '" stroke-width="0.5" stroke-linejoin="round">',
    ]
    drawn: set[str] = set()
    for shape, rings in projected:
        parts = []
        for ring in rings:
            pixels = [to_px(p) for p in ring]
            if extent is not None and not _overlaps(pixels, width, height):
                continue  # outside the window
            pixels = simplify(pixels, tolerance_px)
            if len(pixels) < 3:
                continue
            parts.append("M" + "L".join(f"{_fmt(x)},{_fmt(y)}" for x, y in pixels) + "Z")
        if not parts:
            continue
        drawn.add(shape.id)
        name = names.get(shape.id) or shape.name
        category, detail = values.get(shape.id, (None, ""))
        fill = category.fill if category else BACKGROUND
        label = f"{name}: {detail}" if detail else name
        attrs = f' data-id="{escape(shape.id)}"' + (f' data-category="{category.key}"' if category else "")
        out.append(
            f'<path d="{"".join(parts)}" fill="{fill}" fill-rule="evenodd"{attrs}><title>{escape(label)}</title></path>'
        )
    out.append("</g>")
    if markers:
        out.append(f'<g class="map__markers" fill="{MARKER_FILL}" stroke="#ffffff" stroke-width="1">')
        for marker, point in zip(markers, marker_points, strict=True):
            x, y = to_px(point)
            if not (0 <= x <= width and 0 <= y <= height):
                continue
            label = f"{marker.label}: {marker.detail}" if marker.detail else marker.label
            out.append(f'<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="4"><title>{escape(label)}</title></circle>')
        out.append("</g>")
    out.append("</svg>")
    by_id = boundaries.by_id()
    rows = sorted(
        (
            Row(id_, names.get(id_) or (by_id[id_].name if id_ in by_id else id_), category, detail, id_ in drawn)
            for id_, (category, detail) in values.items()
        ),
        key=lambda r: (r.category.key, r.name),
    )
    legend = sorted({category for category, _ in values.values()}, key=lambda c: c.key)
    svg = mark_safe("".join(out))  # noqa: S308 (every text in it is escaped above)
    return Map(title, ident, svg, rows, legend, legend_title, markers, boundaries.source, boundaries.licence)  # noqa: S308 (every text in it is escaped above)


def _overlaps(pixels: Sequence[Point], width: float, height: float) -> bool:
    xs, ys = [x for x, _ in pixels], [y for _, y in pixels]
    return max(xs) >= 0 and min(xs) <= width and max(ys) >= 0 and min(ys) <= height
