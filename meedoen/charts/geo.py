"""Region boundaries (CBS/PDOK GeoJSON) and the choropleth map figure.

The boundary files live in the configured geo folder (setting `geo_dir`, env `MEEDOEN_GEO_DIR`):
gemeente_2024.geojson, arbeidsmarktregio_2024.geojson, provincie_2024.geojson (WGS84 lon/lat,
every feature with properties.statcode and properties.statnaam) and regions.csv. The 2024 files ship
in data/boundaries (CC BY 4.0, see data/boundaries/ATTRIBUTION.md), so maps work out of the box.

For another year, fetch them where there is internet (into data/geo, never over the shipped files):

    python -m meedoen.charts.geo download [--dir DIR] [--year 2025]

This reads the generalised layers of CBS Gebiedsindelingen from the public PDOK WFS and writes the
three files plus regions.csv (gemeente → arbeidsmarktregio → provincie). The division is derived
geometrically, not from a CBS table: each gemeente goes to the arbeidsmarktregio and the provincie that
hold most of a grid of points sampled inside it (point-in-polygon, weighted like area overlap). Maps must credit
"CBS / PDOK" (and "Kadaster / CBS" for the Wijk- en Buurtkaart).

The map is drawn as SVG scatter polygons (one trace per colour class), never as a WebGL map, tiles or a
CDN topojson: it renders the same in a browser, headless or offline, and in kaleido.
"""

from __future__ import annotations

import argparse
import functools
import json
import math
import os
import re
import sys
import urllib.parse
import urllib.request
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.colors as pcolors
import plotly.graph_objects as go

from .. import config
from . import memo

YEAR = 2024
LEVELS = {"gemeente": "GM", "arbeidsmarktregio": "AM", "provincie": "PV"}
CODE_RE = {level: re.compile(rf"^{prefix}\d{{2,4}}$") for level, prefix in LEVELS.items()}
WFS_URL = "https://service.pdok.nl/cbs/gebiedsindelingen/{year}/wfs/v1_0"
WFS_TYPE = "gebiedsindelingen:{level}_gegeneraliseerd"
# The attribution CC BY 4.0 asks for (data/boundaries/ATTRIBUTION.md); on every map and exported image.
CREDIT = {"nl": "Kaart: Kadaster / CBS, CBS / PDOK (CC BY 4.0)", "en": "Map: Kadaster / CBS, CBS / PDOK (CC BY 4.0)"}
MISSING_COLOR = "#d4d4d4"
SIMPLIFY_GEMEENTE = 0.004  # degrees (~300-450 m): under a pixel at country scale, keeps the map under 150 kB
MIN_RING = 0.012  # degrees: islands and enclaves smaller than about two pixels are left out of a simplified map
REGION_COLUMNS = ["gemeente_code", "gemeente_name", "arbeidsmarktregio_code", "arbeidsmarktregio_name",
                  "provincie_code", "provincie_name", "year"]


# ---------------------------------------------------------------- loading

NARROW_PX = 640  # narrower than this, the map's legend goes under the map (ui/chart_element.py)


def boundary_path(level: str, geo_dir: Path | None = None, year: int = YEAR) -> Path:
    """The file of one boundary level in the geo folder."""
    if level not in LEVELS:
        raise ValueError(f"Onbekend gebiedsniveau {level!r}; kies uit {', '.join(LEVELS)}.")
    return Path(geo_dir if geo_dir is not None else config.geo_dir()) / f"{level}_{year}.geojson"


def load_boundaries(level: str, geo_dir: Path | None = None, *, year: int = YEAR) -> dict | None:
    """The GeoJSON of one level, or None when the file is absent or unreadable. Do not mutate it (cached)."""
    path = boundary_path(level, geo_dir, year)
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        return None
    return _load_cached(str(path.resolve()), mtime, level)


@functools.lru_cache(maxsize=16)
def _load_cached(path: str, mtime: int, level: str) -> dict | None:
    """Parse and check a boundary file; the mtime in the key makes a replaced file load again."""
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        feats = data["features"]
        if data.get("type") != "FeatureCollection" or not feats:
            return None
        for feat in feats:
            code = feat["properties"]["statcode"]
            if not CODE_RE[level].match(str(code)) or feat["geometry"]["type"] not in ("Polygon", "MultiPolygon"):
                return None
        return data
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def boundaries_status(geo_dir: Path | None = None, *, year: int = YEAR) -> dict[str, bool]:
    """For each level, whether a readable boundary file is present."""
    return {level: load_boundaries(level, geo_dir, year=year) is not None for level in LEVELS}


# ---------------------------------------------------------------- geometry helpers

def _polygons(geometry: dict) -> list[list[np.ndarray]]:
    """The polygons of a (Multi)Polygon, each a list of rings (n×2 arrays, exterior first)."""
    coords = geometry["coordinates"]
    polys = [coords] if geometry["type"] == "Polygon" else coords
    return [[np.asarray(r, dtype=float)[:, :2] for r in poly if len(r) >= 3] for poly in polys if poly]


def _signed_area(ring: np.ndarray) -> float:
    """Shoelace area; positive for counter-clockwise rings."""
    x, y = ring[:, 0], ring[:, 1]
    return 0.5 * float(np.dot(x, np.roll(y, -1)) - np.dot(np.roll(x, -1), y))


def _oriented(ring: np.ndarray, clockwise: bool) -> np.ndarray:
    """The ring in the requested direction (exteriors clockwise, holes anticlockwise, as d3 wants)."""
    return ring[::-1] if (_signed_area(ring) < 0) != clockwise else ring


def _simplify(ring: np.ndarray, tol: float) -> np.ndarray:
    """Douglas-Peucker: drop points within tol (degrees) of the line through their kept neighbours;
    keeps tiny rings unchanged."""
    n = len(ring)
    if tol <= 0 or n < 5:
        return ring
    keep = np.zeros(n, dtype=bool)
    keep[0] = keep[-1] = True
    far = int(np.argmax(((ring - ring[0]) ** 2).sum(axis=1)))  # split the closed ring into two open lines
    keep[far] = True
    stack = [(0, far), (far, n - 1)]
    while stack:
        a, b = stack.pop()
        if b - a < 2:
            continue
        p, d = ring[a], ring[b] - ring[a]
        seg = ring[a + 1:b]
        length = math.hypot(d[0], d[1])
        dist = (np.abs(d[0] * (seg[:, 1] - p[1]) - d[1] * (seg[:, 0] - p[0])) / length if length
                else np.hypot(seg[:, 0] - p[0], seg[:, 1] - p[1]))
        i = int(np.argmax(dist))
        if dist[i] > tol:
            stack += [(a, a + 1 + i), (a + 1 + i, b)]
            keep[a + 1 + i] = True
    return ring[keep] if keep.sum() >= 4 else ring


def _inside(x: float, y: float, ring: np.ndarray) -> bool:
    """Ray casting point-in-ring test."""
    x1, y1 = ring[:, 0], ring[:, 1]
    x2, y2 = np.roll(x1, -1), np.roll(y1, -1)
    crosses = (y1 > y) != (y2 > y)
    with np.errstate(divide="ignore", invalid="ignore"):
        xs = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
    return bool(np.count_nonzero(crosses & (x < xs)) % 2)


def _in_polygon(x: float, y: float, poly: list[np.ndarray]) -> bool:
    return _inside(x, y, poly[0]) and not any(_inside(x, y, hole) for hole in poly[1:])


def _scan_segments(poly: list[np.ndarray], y: float) -> list[tuple[float, float]]:
    """Interior x-intervals of a polygon (with holes) on the horizontal line at y."""
    xs: list[float] = []
    for ring in poly:
        x1, y1 = ring[:, 0], ring[:, 1]
        x2, y2 = np.roll(x1, -1), np.roll(y1, -1)
        m = (y1 > y) != (y2 > y)
        xs.extend((x1[m] + (y - y1[m]) * (x2[m] - x1[m]) / (y2[m] - y1[m])).tolist())
    xs.sort()
    return [(xs[i], xs[i + 1]) for i in range(0, len(xs) - 1, 2)]


def _largest(geometry: dict) -> list[np.ndarray]:
    return max(_polygons(geometry), key=lambda p: abs(_signed_area(p[0])))


def _label_point(geometry: dict) -> tuple[float, float]:
    """A point inside the largest polygon: its centroid if inside, else the middle of the widest scanline."""
    poly = _largest(geometry)
    ext = poly[0]
    a = _signed_area(ext)
    if a != 0:
        x, y = ext[:, 0], ext[:, 1]
        cross = x * np.roll(y, -1) - np.roll(x, -1) * y
        cx = float(np.sum((x + np.roll(x, -1)) * cross) / (6 * a))
        cy = float(np.sum((y + np.roll(y, -1)) * cross) / (6 * a))
        if _in_polygon(cx, cy, poly):
            return cx, cy
    best, best_w = (float(ext[0, 0]), float(ext[0, 1])), -1.0
    ymin, ymax = float(ext[:, 1].min()), float(ext[:, 1].max())
    for f in (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8):
        yy = ymin + f * (ymax - ymin)
        for lo, hi in _scan_segments(poly, yy):
            if hi - lo > best_w:
                best_w, best = hi - lo, ((lo + hi) / 2, yy)
    return best


def _sample_points(geometry: dict, lines: int = 9) -> list[tuple[float, float, float]]:
    """Interior points (x, y, weight) on scanlines of the largest polygon; weights approximate area."""
    poly = _largest(geometry)
    ymin, ymax = float(poly[0][:, 1].min()), float(poly[0][:, 1].max())
    out = []
    for i in range(lines):
        yy = ymin + (i + 0.5) / lines * (ymax - ymin)
        for lo, hi in _scan_segments(poly, yy):
            out.extend((lo + f * (hi - lo), yy, (hi - lo) / 3) for f in (1 / 6, 1 / 2, 5 / 6))
    return out


def region_points(geojson: dict) -> pd.DataFrame:
    """One interior label point per region: columns code, name, lon, lat (for hover and click markers)."""
    rows = []
    for feat in geojson["features"]:
        lon, lat = _label_point(feat["geometry"])
        p = feat["properties"]
        rows.append((str(p["statcode"]), str(p.get("statnaam", p["statcode"])), round(lon, 5), round(lat, 5)))
    return pd.DataFrame(rows, columns=["code", "name", "lon", "lat"])


# ---------------------------------------------------------------- classes

def _decimals(value_format: str) -> int | None:
    """Decimals at which a d3 number format shows values ('.0%' → 2 on the fraction), None if unknown."""
    m = re.fullmatch(r"[,]?\.(\d+)([%f])", value_format or "")
    if not m:
        return None
    return int(m.group(1)) + (2 if m.group(2) == "%" else 0)


def class_breaks(values: Sequence[float], n_classes: int = 6, value_format: str = ".0%") -> list[float]:
    """Class edges (ascending, len = classes + 1): quantiles rounded to what the format shows."""
    v = np.asarray([x for x in values if x is not None and np.isfinite(x)], dtype=float)
    if v.size == 0:
        return []
    lo, hi = float(v.min()), float(v.max())
    d = _decimals(value_format)
    if d is not None:
        step = 10.0 ** -d
        lo = math.floor(round(lo / step, 9)) * step
        hi = math.ceil(round(hi / step, 9)) * step
    if hi <= lo:
        return [lo, hi]
    inner = np.quantile(v, np.linspace(0, 1, n_classes + 1)[1:-1])
    if d is not None:
        inner = np.round(inner, d)
    edges = sorted({round(lo, 12), *(round(float(e), 12) for e in inner if lo < e < hi), round(hi, 12)})
    return edges


def _fmt(value: float, value_format: str, lang: str) -> str:
    """Format a number like d3 would, with Dutch or English separators."""
    m = re.fullmatch(r"(,?)\.(\d+)([%f])", value_format or "")
    if m:
        grouping, dec, kind = m.group(1), int(m.group(2)), m.group(3)
        x = value * 100 if kind == "%" else value
        s = f"{x:{',' if grouping else ''}.{dec}f}"
        suffix = "%" if kind == "%" else ""
    else:
        s, suffix = f"{value:,.6g}", ""
    if lang == "nl":
        s = s.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return s + suffix


def _assign(value: float, edges: list[float]) -> int:
    """The class index of a value (last class includes its upper edge)."""
    i = int(np.searchsorted(edges, value, side="right")) - 1
    return min(max(i, 0), len(edges) - 2) if len(edges) > 1 else 0


# ---------------------------------------------------------------- the figure

def _rings_xy(rings: list[np.ndarray]) -> tuple[list, list]:
    """Concatenate rings into x/y lists with None separators (one filled shape per ring)."""
    xs: list = []
    ys: list = []
    for r in rings:
        xs.extend(np.round(r[:, 0], 3).tolist())  # ~100 m: far below a pixel, and fewer bytes per point
        ys.extend(np.round(r[:, 1], 3).tolist())
        xs.append(None)
        ys.append(None)
    return xs, ys


def _feature_rings(geometry: dict, tol: float, exteriors_only: bool = False) -> list[np.ndarray]:
    """All rings of a feature, simplified and oriented so that SVG's nonzero fill rule leaves holes open.

    When simplified, rings smaller than MIN_RING are left out (the largest ring always stays)."""
    out = []
    for poly in _polygons(geometry):
        for i, ring in enumerate(poly[:1] if exteriors_only else poly):
            out.append(_oriented(_simplify(ring, tol), clockwise=(i == 0)))
    if tol > 0 and len(out) > 1:
        size = [max(np.ptp(r[:, 0]), np.ptp(r[:, 1])) for r in out]
        big = max(range(len(out)), key=size.__getitem__)
        out = [r for i, r in enumerate(out) if size[i] >= MIN_RING or i == big]
    return out


_PREPARED: dict[tuple[int, float], tuple[dict, dict]] = {}


def _prepared(geojson: dict, simplify: float) -> dict:
    """What a map needs from the boundaries whatever the values (simplified rings, label points, extent),
    computed once per boundary file: the loaded GeoJSON is cached and never changed (load_boundaries)."""
    key = (id(geojson), simplify)
    hit = _PREPARED.get(key)
    if hit is not None and hit[0] is geojson:
        return hit[1]
    feats = geojson["features"]
    ext = [np.concatenate([r for r in _feature_rings(f["geometry"], 0, True)]) for f in feats]
    allxy = np.concatenate(ext)
    out = {"rings": [_feature_rings(f["geometry"], simplify) for f in feats], "points": region_points(geojson),
           "bbox": (float(allxy[:, 0].min()), float(allxy[:, 0].max()), float(allxy[:, 1].min()),
                    float(allxy[:, 1].max()))}
    if len(_PREPARED) >= 8:  # a few boundary files at most; the oldest goes
        _PREPARED.pop(next(iter(_PREPARED)))
    _PREPARED[key] = (geojson, out)  # the reference keeps the id from being reused
    return out


@memo.figure(by_identity=("geojson",))  # the boundary files are cached and never changed
def map_figure(
    values: pd.DataFrame,
    geojson: dict,
    *,
    code_col: str = "region_code",
    value_col: str = "rate",
    name_col: str = "region_name",
    highlight: str | None = None,
    title: str = "",
    value_format: str = ".0%",
    hover_format: str | None = None,
    colorscale: str | list = "Viridis_r",
    missing_label: str = "geen gegevens",
    withheld: Sequence[str] | None = None,
    withheld_label: str = "afgeschermd",
    hover_extra_cols: Sequence[str] | Mapping[str, str] | None = None,
    lang: str = "nl",
    n_classes: int = 6,
    simplify: float | None = None,
    height: int = 640,
    source: str = "",
) -> go.Figure:
    """A choropleth of regions as SVG polygons: one trace per colour class, grey for no value, outline for highlight.
    Regions in `withheld` (publiek: their value is withheld) are grey and hatched, named `withheld_label`.

    The last trace holds invisible markers at each region's label point (customdata: code, name,
    value, extra columns) for the exact hover and for click selection (see `code_from_selection`).
    A `source` line goes under the map with the map credit, so a downloaded image still names its data.
    """
    if hover_format is None:
        # The hover gives the exact figure: one decimal more than the legend.
        m = re.fullmatch(r"(,?)\.(\d+)([%f])", value_format or "")
        hover_format = f"{m.group(1)}.{int(m.group(2)) + 1}{m.group(3)}" if m else value_format
    if lang == "en" and missing_label == "geen gegevens":
        missing_label = "no data"
    feats = geojson["features"]
    if simplify is None:
        # Gemeente outlines carry most of the points; coarser levels are small already.
        simplify = SIMPLIFY_GEMEENTE if len(feats) > 100 else 0.0
    extra = dict(hover_extra_cols) if isinstance(hover_extra_cols, Mapping) else {c: c for c in hover_extra_cols or ()}

    vals = values.copy()
    vals[code_col] = vals[code_col].astype(str)
    vals = vals.drop_duplicates(code_col, keep="last").set_index(code_col)
    value_of = pd.to_numeric(vals[value_col], errors="coerce") if value_col in vals else pd.Series(dtype=float)

    codes = [str(f["properties"]["statcode"]) for f in feats]
    present = value_of.reindex(codes)
    edges = class_breaks(present.dropna().tolist(), n_classes, value_format)
    n = max(len(edges) - 1, 0)
    colors = pcolors.sample_colorscale(pcolors.get_colorscale(colorscale) if isinstance(colorscale, str) else colorscale,
                                       [0.5] if n == 1 else list(np.linspace(0, 1, n))) if n else []

    prep = _prepared(geojson, simplify)
    rings_by_class: list[list[np.ndarray]] = [[] for _ in range(n)]
    missing_rings: list[np.ndarray] = []
    withheld_rings: list[np.ndarray] = []
    hidden = {str(c) for c in (withheld if withheld is not None else ())}
    for code, rings in zip(codes, prep["rings"]):
        v = present.get(code)
        if (v is None or pd.isna(v)) and code in hidden:
            withheld_rings.extend(rings)
        elif v is None or pd.isna(v):
            missing_rings.extend(rings)
        else:
            rings_by_class[_assign(float(v), edges)].extend(rings)

    fig = go.Figure()
    border = dict(color="white", width=0.5 if len(feats) > 100 else 1.0)
    for i in range(n):
        lo, hi = _fmt(edges[i], value_format, lang), _fmt(edges[i + 1], value_format, lang)
        xs, ys = _rings_xy(rings_by_class[i])
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="lines", fill="toself", fillcolor=colors[i], line=border,
            name=lo if lo == hi else f"{lo} – {hi}", legendgroup=f"class{i}", legendrank=1000 - i,
            hoverinfo="skip", meta={"role": "class", "lo": edges[i], "hi": edges[i + 1]},
        ))
    if missing_rings:
        xs, ys = _rings_xy(missing_rings)
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="lines", fill="toself", fillcolor=MISSING_COLOR, line=border,
            name=missing_label, legendrank=2000, hoverinfo="skip", meta={"role": "missing"},
        ))
    if withheld_rings:
        from .withheld import COLOUR, PATTERN

        xs, ys = _rings_xy(withheld_rings)
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="lines", fill="toself", fillcolor=COLOUR, fillpattern=PATTERN, line=border,
            name=withheld_label, legendrank=2001, hoverinfo="skip", meta={"role": "withheld"},
        ))

    names = {str(f["properties"]["statcode"]): str(f["properties"].get("statnaam", "")) for f in feats}
    if name_col in vals:
        names.update({c: str(nm) for c, nm in vals[name_col].dropna().items()})
    if highlight and highlight in codes:  # a region with data but no boundary (e.g. an older code) has no outline
        feat = feats[codes.index(highlight)]
        xs, ys = _rings_xy(_feature_rings(feat["geometry"], simplify, exteriors_only=True))
        # A white halo under a black line: the outline stands out on the darkest and the lightest class.
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="lines", line=dict(color="white", width=7), showlegend=False,
            hoverinfo="skip", meta={"role": "halo", "code": highlight},
        ))
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="lines", line=dict(color="black", width=3), name=names[highlight],
            legendrank=3000, hoverinfo="skip", meta={"role": "highlight", "code": highlight},
        ))

    pts = prep["points"]
    custom = []
    for code in pts["code"]:
        v = present.get(code)
        shown = (_fmt(float(v), hover_format, lang) if v is not None and pd.notna(v)
                 else withheld_label if code in hidden else missing_label)
        row = [code, names.get(code, code), shown]
        for col in extra:
            ev = vals[col].get(code) if col in vals and code in vals.index else None
            row.append(_fmt_extra(ev, lang))
        custom.append(row)
    lines = "".join(f"<br>{label}: %{{customdata[{3 + j}]}}" for j, label in enumerate(extra.values()))
    fig.add_trace(go.Scatter(
        x=pts["lon"].tolist(), y=pts["lat"].tolist(), mode="markers", customdata=custom,
        marker=dict(size=12, color="rgba(0,0,0,0)"), showlegend=False, name="regio's",
        hovertemplate="<b>%{customdata[1]}</b><br>%{customdata[2]}" + lines + "<extra></extra>",
        # The values and the extra columns' labels, for the text alternative and the speaker notes.
        meta={"role": "points", "values": [None if present.get(c) is None or pd.isna(present.get(c))
                                           else float(present.get(c)) for c in pts["code"]],
              "extra": list(extra.values())},
    ))

    x0, x1, y0, y1 = prep["bbox"]
    px, py = (x1 - x0) * 0.02, (y1 - y0) * 0.02
    ratio = 1 / math.cos(math.radians((y0 + y1) / 2))
    fig.update_layout(
        title=dict(text=title) if title else None,
        height=height,
        paper_bgcolor="white", plot_bgcolor="white",
        margin=dict(l=10, r=10, t=50 if title else 10, b=34 if source else 10),
        legend=dict(title=None, orientation="v", x=0.0, y=1.0, xanchor="left", yanchor="top",
                    bgcolor="rgba(255,255,255,0.8)"),
        # On a narrow screen (a phone) the legend would cover the country: the chart element puts it under the map.
        meta={"narrow": {"below": NARROW_PX, "layout": {"legend": {"orientation": "h", "x": 0, "xanchor": "left",
                                                                   "y": -0.01, "yanchor": "top"}}}},
        hovermode="closest", dragmode="pan", separators=",." if lang == "nl" else ".,",
        xaxis=dict(visible=False, range=[x0 - px, x1 + px], constrain="domain"),
        yaxis=dict(visible=False, range=[y0 - py, y1 + py], scaleanchor="x", scaleratio=ratio, constrain="domain"),
        annotations=[dict(text=CREDIT.get(lang, CREDIT["nl"]), x=1, y=0, xref="paper", yref="paper",
                          xanchor="right", yanchor="bottom",
                          showarrow=False, font=dict(size=9, color="#777"))] if not source else [
            # Below the map, clear of the country's outline.
            dict(text=f"{source} · {CREDIT.get(lang, CREDIT['nl'])}", x=0, y=0, xref="paper", yref="paper",
                 xanchor="left", yanchor="top", yshift=-6, showarrow=False, font=dict(size=11, color="#52606d"))],
    )
    return fig


def _fmt_extra(value, lang: str) -> str:
    """Format an extra hover value (counts with thousands separators)."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return "–"
    if isinstance(value, (int, np.integer)) or (isinstance(value, float) and value.is_integer()):
        s = f"{int(value):,}"
        return s.replace(",", ".") if lang == "nl" else s
    if isinstance(value, (float, np.floating)):
        return _fmt(float(value), ",.1f", lang)
    return str(value)


def code_from_selection(event, level: str = "gemeente") -> str | None:
    """The region code clicked in a Streamlit plotly selection event, or None."""
    try:
        points = event["selection"]["points"]
    except (KeyError, TypeError):
        points = getattr(getattr(event, "selection", None), "points", None) or []
    for p in points or []:
        cd = p.get("customdata") if isinstance(p, Mapping) else None
        if cd and CODE_RE[level].match(str(cd[0])):
            return str(cd[0])
    return None


# ---------------------------------------------------------------- download (PDOK WFS)

def fetch_layer(year: int, level: str, timeout: float = 120) -> bytes:
    """GET one generalised layer from the PDOK WFS as GeoJSON (the only network call)."""
    params = {
        "service": "WFS", "version": "2.0.0", "request": "GetFeature",
        "typeNames": WFS_TYPE.format(level=level), "outputFormat": "json",
        "srsName": "EPSG:4326", "count": "5000",
    }
    url = WFS_URL.format(year=year) + "?" + urllib.parse.urlencode(params)
    req = urllib.request.Request(url, headers={"User-Agent": "meedoen-geo/1.0"})
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        return resp.read()


def convert_wfs(raw: bytes | str | dict, level: str, *, simplify: float = 0.0) -> dict:
    """A WFS GeoJSON response → our GeoJSON: lon/lat, 5 decimals, id/statcode/statnaam, d3 ring order."""
    data = json.loads(raw) if isinstance(raw, (bytes, str)) else raw
    feats_in = data.get("features") if isinstance(data, dict) else None
    if not feats_in:
        raise ValueError(f"Het WFS-antwoord voor {level} bevat geen gebieden.")
    swap = _needs_swap(feats_in)
    out = []
    for feat in feats_in:
        props = feat.get("properties") or {}
        code, name = str(props.get("statcode", "")).strip(), str(props.get("statnaam", "")).strip()
        geom = feat.get("geometry")
        if not CODE_RE[level].match(code) or not geom or geom.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        polys = []
        for poly in _polygons(geom):
            rings = []
            for i, ring in enumerate(poly):
                r = ring[:, ::-1] if swap else ring
                r = _oriented(_simplify(r, simplify), clockwise=(i == 0))
                rings.append(np.round(r, 5).tolist())
            polys.append(rings)
        geometry = ({"type": "Polygon", "coordinates": polys[0]} if len(polys) == 1
                    else {"type": "MultiPolygon", "coordinates": polys})
        out.append({"type": "Feature", "id": code, "properties": {"statcode": code, "statnaam": name},
                    "geometry": geometry})
    if not out:
        raise ValueError(f"Het WFS-antwoord voor {level} bevat geen gebieden met een geldige statcode.")
    out.sort(key=lambda f: f["id"])
    return {"type": "FeatureCollection", "features": out}


def _needs_swap(features: list) -> bool:
    """True when coordinates come as lat/lon (WFS 2.0 axis order for EPSG:4326); error if not degrees."""
    for feat in features:
        geom = feat.get("geometry")
        if geom and geom.get("type") in ("Polygon", "MultiPolygon"):
            a, b = _polygons(geom)[0][0][0]
            if abs(a) > 180 or abs(b) > 180:
                raise ValueError("Het WFS-antwoord is niet in graden (EPSG:4326); verwacht lon/lat.")
            return a > 45 and b < 15  # the Netherlands: lat ≈ 50.7–53.6, lon ≈ 3.3–7.3
    return False


def derive_regions(gemeente: dict, amr: dict, provincie: dict, year: int = YEAR) -> pd.DataFrame:
    """regions.csv rows: each gemeente goes to the region holding most of its sampled interior points.

    Sampling (scanlines, weighted by length) approximates the largest overlap by area, which is robust
    where the layers come from different simplifications; without shapely, at a fraction of the cost.
    """
    def lookup(layer: dict):
        shapes = [(str(f["properties"]["statcode"]), str(f["properties"]["statnaam"]), _polygons(f["geometry"]))
                  for f in layer["features"]]
        boxes = [(min(float(p[0][:, 0].min()) for p in ps), max(float(p[0][:, 0].max()) for p in ps),
                  min(float(p[0][:, 1].min()) for p in ps), max(float(p[0][:, 1].max()) for p in ps))
                 for _, _, ps in shapes]

        def find(geometry: dict) -> tuple[str, str]:
            votes: dict[int, float] = {}
            for x, y, w in _sample_points(geometry):
                for k, (_, _, polys) in enumerate(shapes):
                    x0, x1, y0, y1 = boxes[k]
                    if x0 <= x <= x1 and y0 <= y <= y1 and any(_in_polygon(x, y, p) for p in polys):
                        votes[k] = votes.get(k, 0.0) + w
                        break
            if votes:
                k = max(votes, key=votes.get)
            else:
                # All samples just outside a coarser outline (a sliver on the coast): nearest vertex.
                x, y = _label_point(geometry)
                k = int(np.argmin([min(float(np.min(np.hypot(r[:, 0] - x, r[:, 1] - y))) for p in ps for r in p)
                                   for _, _, ps in shapes]))
            return shapes[k][0], shapes[k][1]
        return find

    in_amr, in_pv = lookup(amr), lookup(provincie)
    rows = [(str(f["properties"]["statcode"]), str(f["properties"]["statnaam"]),
             *in_amr(f["geometry"]), *in_pv(f["geometry"]), year) for f in gemeente["features"]]
    return pd.DataFrame(rows, columns=REGION_COLUMNS).sort_values("gemeente_code").reset_index(drop=True)


def _write_json(path: Path, data: dict) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    os.replace(tmp, path)


def write_layers(geo_dir: Path, layers: Mapping[str, dict], year: int = YEAR) -> dict[str, Path]:
    """Write converted layers and the derived regions.csv; adds AMR/provincie codes to the gemeenten."""
    geo_dir = Path(geo_dir)
    geo_dir.mkdir(parents=True, exist_ok=True)
    regions = derive_regions(layers["gemeente"], layers["arbeidsmarktregio"], layers["provincie"], year)
    by_code = regions.set_index("gemeente_code")
    for feat in layers["gemeente"]["features"]:
        r = by_code.loc[feat["properties"]["statcode"]]
        feat["properties"]["arbeidsmarktregio_code"] = r["arbeidsmarktregio_code"]
        feat["properties"]["provincie_code"] = r["provincie_code"]
    written = {}
    for level, data in layers.items():
        written[level] = boundary_path(level, geo_dir, year)
        _write_json(written[level], data)
    csv_path = geo_dir / "regions.csv"
    tmp = csv_path.with_suffix(".csv.tmp")
    regions.to_csv(tmp, index=False, lineterminator="\n")
    os.replace(tmp, csv_path)
    written["regions"] = csv_path
    return written


def download(geo_dir: Path, year: int = YEAR, *, fetch=None) -> dict[str, Path]:
    """Fetch the three layers from PDOK, convert them and write them (plus regions.csv) to geo_dir."""
    layers = {}
    for level in LEVELS:
        raw = (fetch or fetch_layer)(year, level)
        layers[level] = convert_wfs(raw, level, simplify=0.0005 if level == "gemeente" else 0.0)
    return write_layers(geo_dir, layers, year)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m meedoen.charts.geo",
                                 description="Gebiedsgrenzen van CBS/PDOK voor de kaarten van Meedoen.")
    sub = ap.add_subparsers(dest="cmd", required=True)
    dl = sub.add_parser("download", help="Haal gemeente-, arbeidsmarktregio- en provinciegrenzen op bij PDOK.")
    dl.add_argument("--dir", type=Path, default=None,
                    help="doelmap (standaard: instelling geo_dir, of data/geo als dat de meegeleverde map is)")
    dl.add_argument("--year", type=int, default=YEAR, help=f"jaar van de gebiedsindeling (standaard {YEAR})")
    st = sub.add_parser("status", help="Toon welke grensbestanden aanwezig zijn.")
    st.add_argument("--dir", type=Path, default=None)
    args = ap.parse_args(argv)
    target = args.dir or config.geo_dir()
    if args.cmd == "download" and args.dir is None and target == config.SHIPPED_GEO_DIR.resolve():
        # The shipped files are tracked in git; a download goes beside them and is chosen with MEEDOEN_GEO_DIR.
        target = config.DOWNLOAD_GEO_DIR
    if args.cmd == "status":
        for level, ok in boundaries_status(target).items():
            print(f"{boundary_path(level, target)}: {'aanwezig' if ok else 'ontbreekt of onleesbaar'}")
        return 0
    try:
        written = download(target, args.year)
    except (OSError, ValueError) as exc:
        print(f"Downloaden van de gebiedsgrenzen ({args.year}) naar {target} mislukt: {exc}", file=sys.stderr)
        return 1
    for path in written.values():
        print(f"Geschreven: {path}")
    if target.resolve() != config.geo_dir():
        print(f"Gebruik deze grenzen met: MEEDOEN_GEO_DIR={target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
