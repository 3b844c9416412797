"""Makes the boundary files that Chancery's maps are drawn from (chancery.core.maps), from the
files named in the READMEs beside them. Run once when a source changes; the outputs are committed.

    python scripts/prepare_maps.py world PATH/countries-110m.json
    python scripts/prepare_maps.py flanders PATH/gemeente2024.shp PATH/gemeente.shp

`world` reads Natural Earth's 1:110m admin-0 countries as TopoJSON (the npm package world-atlas
2.0.2, `npm pack world-atlas@2.0.2`), decodes the arcs, keys each country by its ISO 3166-1
alpha-2 code (from the numeric id, through django-countries) and rounds to 0.01 degree.
`flanders` reads the municipality shapefiles (Belgian Lambert 72) of the 2019–2024 and the 2025
division, keeps the municipalities of the Flemish Region that the disaster fund knows (its
data/municipalities.json), simplifies each ring (Ramer–Douglas–Peucker, 60 m) and rounds to 10 m.
The shapefile and dBase readers are the few lines below (polygon records only).
"""

from __future__ import annotations

import json
import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chancery.settings")

from chancery.core.maps import simplify  # noqa: E402

WORLD_OUT = ROOT / "src/chancery/foreign_network/data/world-110m.json"
FLANDERS_OUT = ROOT / "src/chancery/disaster_fund/data/municipality-boundaries.json"
MUNICIPALITIES = ROOT / "src/chancery/disaster_fund/data/municipalities.json"

# Natural Earth shapes without an ISO numeric code in world-atlas: a stable key of our own.
UNCODED = {"Kosovo": "XK", "N. Cyprus": "x-n-cyprus", "Somaliland": "x-somaliland"}


def topojson_rings(topology: dict, geometry: dict) -> list[list[tuple[float, float]]]:
    """The rings of a (Multi)Polygon of a quantized TopoJSON topology (TopoJSON spec 2.1.5: arcs
    are delta-encoded, a negative index ~i is arc i reversed)."""
    sx, sy = topology["transform"]["scale"]
    tx, ty = topology["transform"]["translate"]

    def arc(i: int) -> list[tuple[float, float]]:
        x = y = 0
        points = []
        for dx, dy in topology["arcs"][i if i >= 0 else ~i]:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        return points if i >= 0 else points[::-1]

    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    rings = []
    for polygon in polygons:
        for ring_arcs in polygon:
            ring: list[tuple[float, float]] = []
            for i in ring_arcs:
                points = arc(i)
                ring.extend(points[1:] if ring else points)
            rings.append(ring)
    return rings


def _clip(ring: list[tuple[float, float]], edge: float, keep_below: bool) -> list[tuple[float, float]]:
    """Sutherland–Hodgman against the vertical line x = edge."""

    def inside(p: tuple[float, float]) -> bool:
        return p[0] <= edge if keep_below else p[0] >= edge

    out: list[tuple[float, float]] = []
    for i, current in enumerate(ring):
        previous = ring[i - 1]
        if inside(current) != inside(previous):
            t = (edge - previous[0]) / (current[0] - previous[0])
            out.append((edge, previous[1] + t * (current[1] - previous[1])))
        if inside(current):
            out.append(current)
    return out


def split_at_antimeridian(ring: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """A ring that crosses longitude ±180 (Fiji, Russia, Antarctica), cut into rings that stay
    within [-180, 180]: unwrap the longitudes, close a ring around a pole through the pole, then
    clip copies shifted by a turn."""
    if all(abs(a[0] - b[0]) <= 180 for a, b in zip(ring, ring[1:], strict=False)):
        return [ring]
    unwrapped, shift = [ring[0]], 0.0
    for (x0, _y0), (x1, y1) in zip(ring, ring[1:], strict=False):
        if x1 - x0 > 180:
            shift -= 360
        elif x0 - x1 > 180:
            shift += 360
        unwrapped.append((x1 + shift, y1))
    if shift:  # around a pole: go along the pole back to the start
        pole = -90.0 if sum(y for _, y in ring) < 0 else 90.0
        unwrapped += [(unwrapped[-1][0], pole), (unwrapped[0][0], pole)]
    pieces = []
    for turn in (-360, 0, 360):
        moved = [(x + turn, y) for x, y in unwrapped]
        piece = _clip(_clip(moved, 180, True), -180, False)
        if len(piece) >= 3:
            pieces.append(piece)
    return pieces


def world(path: str) -> None:
    import django

    django.setup()
    from django_countries import countries

    topology = json.loads(Path(path).read_text(encoding="utf-8"))
    shapes = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = geometry["properties"]["name"]
        code = countries.alpha2(int(geometry["id"])) if geometry.get("id") else UNCODED.get(name)
        if not code or geometry["type"] not in ("Polygon", "MultiPolygon"):
            print("skipped", name, geometry.get("id"), file=sys.stderr)  # noqa: T201
            continue
        rings = [
            [[round(x, 2), round(y, 2)] for x, y in piece]
            for ring in topojson_rings(topology, geometry)
            for piece in split_at_antimeridian(ring)
        ]
        shapes.append({"id": code, "name": name, "rings": rings})
    write(
        WORLD_OUT,
        # the short attribution the maps print; the README says the rest
        source="Natural Earth 1:110m admin-0 countries, via world-atlas 2.0.2",
        licence="public domain; world-atlas ISC",
        coordinates="lonlat",
        shapes=sorted(shapes, key=lambda s: s["id"]),
    )


def read_dbf(path: Path) -> list[dict[str, str]]:
    data = path.read_bytes()
    count, header_length, record_length = struct.unpack("<IHH", data[4:12])
    fields, p = [], 32
    while data[p] != 0x0D:
        fields.append((data[p : p + 11].split(b"\0")[0].decode(), data[p + 16]))
        p += 32
    rows = []
    for i in range(count):
        record, offset, row = data[header_length + i * record_length :][:record_length], 1, {}
        for name, length in fields:
            row[name] = record[offset : offset + length].decode("utf-8").strip()
            offset += length
        rows.append(row)
    return rows


def read_shp(path: Path) -> list[list[list[tuple[float, float]]]]:
    """The rings of each polygon record (ESRI Shapefile Technical Description, 1998)."""
    data, p, shapes = path.read_bytes(), 100, []
    while p < len(data):
        _number, length = struct.unpack(">II", data[p : p + 8])
        record = data[p + 8 : p + 8 + 2 * length]
        p += 8 + 2 * length
        if struct.unpack("<i", record[:4])[0] == 0:
            shapes.append([])
            continue
        parts_count, points_count = struct.unpack("<ii", record[36:44])
        parts = [*struct.unpack(f"<{parts_count}i", record[44 : 44 + 4 * parts_count]), points_count]
        base = 44 + 4 * parts_count
        points = [struct.unpack("<2d", record[base + 16 * i : base + 16 * i + 16]) for i in range(points_count)]
        shapes.append([points[parts[i] : parts[i + 1]] for i in range(parts_count)])
    return shapes


def flanders(old: str, new: str) -> None:
    known = {m["nis_code"]: m["name"] for m in json.loads(MUNICIPALITIES.read_text(encoding="utf-8"))["municipalities"]}
    found: dict[str, dict] = {}
    for path in (Path(old), Path(new)):  # the 2025 file last: a code in both keeps its 2025 shape
        rows = read_dbf(path.with_suffix(".dbf"))
        for row, rings in zip(rows, read_shp(path), strict=True):
            code = (row.get("geoitem") or row.get("gemeente") or "").split(".")[0]
            if code not in known:
                continue
            kept = []
            for ring in rings:
                ring = simplify(ring, 60)
                if len(ring) >= 4:
                    kept.append([[round(x, -1), round(y, -1)] for x, y in ring])
            found[code] = {"id": code, "name": known[code], "rings": [[[int(x), int(y)] for x, y in r] for r in kept]}
    missing = sorted(set(known) - set(found))
    if missing:
        raise SystemExit(f"no shape for {missing}")
    write(
        FLANDERS_OUT,
        # the short attribution the maps print; the README says the rest
        source="Statbel (statistical sectors), simplified by Provincies in Cijfers "
        "(provinciesincijfers/gebiedsniveaus)",
        licence="Statbel open data, attribution",
        coordinates="planar",
        shapes=sorted(found.values(), key=lambda s: s["id"]),
    )


def write(path: Path, **content) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(content, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(path, path.stat().st_size, "bytes,", len(content["shapes"]), "shapes")  # noqa: T201


if __name__ == "__main__":
    {"world": world, "flanders": flanders}[sys.argv[1]](*sys.argv[2:])
