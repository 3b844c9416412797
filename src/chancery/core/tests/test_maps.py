"""The map renderer (chancery.core.maps) and the boundary files it draws."""

import json
import math
import re
from pathlib import Path

import pytest
from defusedxml import ElementTree as ET

from chancery.core import maps

SVG = "{http://www.w3.org/2000/svg}"
SRC = Path(__file__).resolve().parents[2]
WORLD = SRC / "foreign_network/data/world-110m.json"
FLANDERS = SRC / "disaster_fund/data/municipality-boundaries.json"
MUNICIPALITIES = SRC / "disaster_fund/data/municipalities.json"


def test_equal_earth_of_known_points():
    # Šavrič et al. 2019: on the unit sphere the equator is y = 0, the poles y = ±1.3173627 and the
    # antimeridian on the equator x = ±2.7066297 (2√3π / 3A1).
    assert maps.equal_earth(0, 0) == (0, 0)
    x, y = maps.equal_earth(180, 0)
    assert math.isclose(x, 2 * math.sqrt(3) * math.pi / (3 * 1.340264)) and math.isclose(x, 2.7066297, abs_tol=1e-6)
    assert y == 0
    x, y = maps.equal_earth(0, 90)
    assert x == 0 and math.isclose(y, 1.3173627, abs_tol=1e-6)
    # symmetric, and equal-area spacing: the poles are squeezed (the 60th parallel is closer to the
    # pole than to the 30th's double)
    assert maps.equal_earth(-30, -45) == pytest.approx(tuple(-v for v in maps.equal_earth(30, 45)))
    assert maps.equal_earth(0, 60)[1] - maps.equal_earth(0, 30)[1] < maps.equal_earth(0, 30)[1]


def test_simplify_drops_what_stays_within_the_tolerance():
    line = [(0, 0), (1, 0.01), (2, 0), (3, 5), (4, 0)]
    assert maps.simplify(line, 0.1) == [(0, 0), (2, 0), (3, 5), (4, 0)]
    assert maps.simplify(line, 10) == [(0, 0), (4, 0)]
    assert maps.simplify(line, 0) == line
    assert maps.simplify([(0, 0), (1, 1)], 5) == [(0, 0), (1, 1)]


def test_counted_classes():
    assert [maps.counted(n).label for n in (1, 2, 4, 5, 9)] == ["1", "2–4", "2–4", "5–9", "5–9"]
    assert maps.counted(10).key == 4 and "10" in maps.counted(250).label
    assert maps.counted(1).fill != maps.counted(10).fill != maps.BACKGROUND


def square(id_, name, x, y, size=1.0):
    return maps.Shape(id_, name, [[(x, y), (x + size, y), (x + size, y + size), (x, y + size), (x, y)]])


@pytest.fixture
def boundaries():
    return maps.Boundaries(
        "test", "public domain", "planar",
        [square("A", "Alpha", 0, 0), square("B", "Bèta <&>", 1, 0), square("C", "Gamma", 2, 0)],
    )  # fmt: skip


def test_render_titles_every_shape_and_point_and_lists_the_values(boundaries):
    high, low = maps.Category(2, "many", "#993404"), maps.Category(1, "few", "#ffe615")
    result = maps.render(
        boundaries,
        title="Test map",
        description="Three squares",
        values={"B": (high, "12 claims"), "A": (low, "1 claim"), "Z": (low, "not on the file")},
        markers=[maps.Marker("Centre", 1.5, 0.5, "a post")],
        ident="t",
    )
    root = ET.fromstring(str(result.svg))
    assert root.get("role") == "img" and root.get("aria-labelledby") == "t-title t-desc"
    assert root.find(f"{SVG}title").text == "Test map"
    paths = root.iter(f"{SVG}path")
    titles = {p.get("data-id"): (p.find(f"{SVG}title").text, p.get("fill")) for p in paths}
    assert titles == {
        "A": ("Alpha: 1 claim", "#ffe615"),
        "B": ("Bèta <&>: 12 claims", "#993404"),
        "C": ("Gamma", maps.BACKGROUND),  # drawn, without a value
    }
    [circle] = root.iter(f"{SVG}circle")
    assert circle.find(f"{SVG}title").text == "Centre: a post"
    # the marker sits in the middle of the 3 × 1 drawing, 960 wide
    assert (float(circle.get("cx")), float(circle.get("cy"))) == (480, 160)
    assert [(r.id, r.name, r.category.label, r.on_map) for r in result.rows] == [
        ("A", "Alpha", "few", True),
        ("Z", "Z", "few", False),  # no shape: in the table all the same
        ("B", "Bèta <&>", "many", True),
    ]
    assert [c.label for c in result.legend] == ["few", "many"]


def test_render_only_and_names(boundaries):
    result = maps.render(boundaries, title="t", description="d", values={}, names={"A": "Aleph"}, only=["A", "C"])
    root = ET.fromstring(str(result.svg))
    assert [(p.get("data-id"), p.find(f"{SVG}title").text) for p in root.iter(f"{SVG}path")] == [
        ("A", "Aleph"),
        ("C", "Gamma"),
    ]


def no_external_reference(svg: str) -> bool:
    """Nothing in the SVG loads from elsewhere: the only URL is the SVG namespace's name."""
    urls = re.findall(r"(?:https?:|//|url\(|href)", svg.replace('xmlns="http://www.w3.org/2000/svg"', ""))
    return not urls


@pytest.mark.parametrize("path", [WORLD, FLANDERS])
def test_the_boundary_files_are_small_documented_and_draw_without_external_urls(path):
    assert path.stat().st_size < 500_000
    readme = (path.parent / "README.md").read_text(encoding="utf-8")
    assert path.name in readme and "Licence" in readme and "scripts/prepare_maps.py" in readme
    boundaries = maps.load(path)
    assert boundaries.source and boundaries.licence
    svg = str(maps.render(boundaries, title="t", description="d", values={}).svg)
    assert no_external_reference(svg)
    paths = list(ET.fromstring(svg).iter(f"{SVG}path"))
    assert len(paths) == len(boundaries.shapes)
    assert all(p.find(f"{SVG}title").text for p in paths)


def test_the_world_file_keys_countries_by_iso_code():
    shapes = maps.load(WORLD).by_id()
    for code in ("BE", "ZA", "LS", "SZ", "MW", "US", "FJ", "RU", "XK"):
        assert code in shapes
    # cut at the antimeridian: no ring jumps across the map, but along a pole (Antarctica's edge)
    for shape in shapes.values():
        for ring in shape.rings:
            for a, b in zip(ring, ring[1:], strict=False):
                assert abs(a[0] - b[0]) <= 180 or abs(a[1]) == abs(b[1]) == 90, shape.name


def test_the_municipality_file_has_every_municipality_of_the_fund():
    codes = {m["nis_code"] for m in json.loads(MUNICIPALITIES.read_text(encoding="utf-8"))["municipalities"]}
    shapes = maps.load(FLANDERS).by_id()
    assert set(shapes) == codes
    # Lambert 72 metres, within Flanders' box
    xs = [x for s in shapes.values() for r in s.rings for x, _ in r]
    ys = [y for s in shapes.values() for r in s.rings for _, y in r]
    assert 20_000 < min(xs) and max(xs) < 260_000 and 150_000 < min(ys) and max(ys) < 250_000


def test_render_an_extent_crops_the_view(boundaries):
    result = maps.render(
        boundaries, title="t", description="d", values={}, extent=(0, 0, 1.5, 1),
        markers=[maps.Marker("in", 0.5, 0.5), maps.Marker("out", 2.5, 0.5)],
    )  # fmt: skip
    root = ET.fromstring(str(result.svg))
    assert root.get("viewBox") == "0 0 960 640"
    # A and B reach into the window, C lies outside it; the marker outside is left out
    assert [p.get("data-id") for p in root.iter(f"{SVG}path")] == ["A", "B"]
    assert [c.find(f"{SVG}title").text for c in root.iter(f"{SVG}circle")] == ["in"]
