"""Uttar Pradesh's 75 districts as an inline SVG, drawn on the server from the boundary file
already in the project (no tile server, no script).

The GeoJSON (~38,000 points, 850 kB) is projected and simplified once per process and the
path strings kept in memory (~60 kB), so a page only pastes 75 cached strings and picks a
colour class per district.
"""

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings

BOUNDARIES = Path(settings.BASE_DIR) / "sashakt/geography/data/districts.geojson"
WIDTH = 600.0  # viewBox width; the height follows from the state's shape
TOLERANCE = 0.8  # Douglas-Peucker tolerance in viewBox units (~1 px at full width)

# Coverage classes (percent of the registry trained): the legend and the CSS share them.
COVERAGE_STEPS = [(0, 0), (0.1, 10), (10, 25), (25, 50), (50, 75), (75, 100)]


@dataclass(frozen=True)
class MapGeometry:
    width: float
    height: float
    paths: dict[int, str]  # district LGD code -> SVG path data


def _rings(geometry: dict) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return list(geometry["coordinates"])
    return [ring for polygon in geometry["coordinates"] for ring in polygon]


def _simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative (rings have thousands of points)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x0, y0), (x1, y1) = points[first], points[last]
        dx, dy = x1 - x0, y1 - y0
        norm = math.hypot(dx, dy)
        worst, worst_at = 0.0, None
        for i in range(first + 1, last):
            px, py = points[i]
            if norm:
                distance = abs(dy * px - dx * py + x1 * y0 - y1 * x0) / norm
            else:
                distance = math.hypot(px - x0, py - y0)
            if distance > worst:
                worst, worst_at = distance, i
        if worst_at is not None and worst > tolerance:
            keep[worst_at] = True
            stack.append((first, worst_at))
            stack.append((worst_at, last))
    return [p for p, kept in zip(points, keep, strict=True) if kept]


@lru_cache(maxsize=1)
def map_geometry() -> MapGeometry:
    features = json.loads(BOUNDARIES.read_text(encoding="utf-8"))["features"]
    lons = [pt[0] for f in features for ring in _rings(f["geometry"]) for pt in ring]
    lats = [pt[1] for f in features for ring in _rings(f["geometry"]) for pt in ring]
    # Equirectangular with the state's mid-latitude: true enough shapes at this size.
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    squeeze = math.cos(math.radians((south + north) / 2))
    scale = WIDTH / ((east - west) * squeeze)
    height = (north - south) * scale

    def project(lon: float, lat: float) -> tuple[float, float]:
        return ((lon - west) * squeeze * scale, (north - lat) * scale)

    paths = {}
    for feature in features:
        parts = []
        for ring in _rings(feature["geometry"]):
            points = _simplify([project(lon, lat) for lon, lat, *_ in ring], TOLERANCE)
            if len(points) < 4:
                continue
            parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points[:-1]) + "Z")
        paths[int(feature["properties"]["lgd_code"])] = "".join(parts)
    return MapGeometry(WIDTH, round(height, 1), paths)


def coverage_class(percent: float | None) -> str:
    """CSS class of a district's fill: `cov-none` with nobody registered, else `cov-0..5`."""
    if percent is None:
        return "cov-none"
    if percent <= 0:
        return "cov-0"
    for index, (_low, high) in enumerate(COVERAGE_STEPS[1:], start=1):
        if percent <= high:
            return f"cov-{index}"
    return f"cov-{len(COVERAGE_STEPS) - 1}"


@dataclass
class MapDistrict:
    lgd_code: int
    name: str
    path: str
    css_class: str
    percent: float | None
    url: str


def map_districts(coverage, url_for) -> list[MapDistrict]:
    """The districts to draw: `coverage` rows (district, people, trained, percent) coloured,
    each linking to `url_for(district)`; districts outside the rows are drawn grey."""
    geometry = map_geometry()
    shown = {row.district.lgd_code: row for row in coverage}
    items = []
    for row in coverage:
        code = row.district.lgd_code
        if code not in geometry.paths:
            continue
        # No one registered, or a count the public page suppresses: no colour to show.
        percent = row.percent if row.people and row.trained is not None else None
        items.append(
            MapDistrict(
                code,
                row.district.name,
                geometry.paths[code],
                coverage_class(percent),
                percent,
                url_for(row.district),
            )
        )
    outside = [code for code in geometry.paths if code not in shown]
    items += [MapDistrict(c, "", geometry.paths[c], "cov-out", None, "") for c in outside]
    return items


def legend() -> list[tuple[str, str]]:
    """(css class, range text) for the map legend."""
    rows = [("cov-0", "0%")]
    for index, (low, high) in enumerate(COVERAGE_STEPS[1:], start=1):
        rows.append((f"cov-{index}", f"{low:g}–{high}%"))
    return rows
