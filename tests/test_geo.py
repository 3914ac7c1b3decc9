"""Boundaries, the SVG choropleth and the PDOK download conversion."""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from meedoen.charts import geo

from meedoen.config import ROOT

# The boundary files that ship with the repository (the default geo folder).
SHIPPED_GEO = ROOT / "data" / "boundaries"


def square(x0: float, y0: float, size: float = 1.0) -> list:
    """A closed clockwise square ring (lon/lat)."""
    return [[x0, y0], [x0, y0 + size], [x0 + size, y0 + size], [x0 + size, y0], [x0, y0]]


def three_squares() -> dict:
    feats = []
    for i, name in enumerate(["Aadorp", "Beekdal", "Cranendonck"]):
        code = f"GM000{i + 1}"
        feats.append({"type": "Feature", "id": code, "properties": {"statcode": code, "statnaam": name},
                      "geometry": {"type": "Polygon", "coordinates": [square(5.0 + i, 52.0)]}})
    return {"type": "FeatureCollection", "features": feats}


def write_geo(folder: Path, data: dict, level: str = "gemeente") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{level}_2024.geojson"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def rings_of(trace) -> list[list[tuple[float, float]]]:
    """Split a trace's None-separated x/y into rings of points."""
    rings, cur = [], []
    for x, y in zip(trace.x, trace.y):
        if x is None:
            rings.append(cur)
            cur = []
        else:
            cur.append((x, y))
    if cur:
        rings.append(cur)
    return rings


def by_role(fig, role: str) -> list:
    return [t for t in fig.data if (t.meta or {}).get("role") == role]


# ---------------------------------------------------------------- loading

def test_load_boundaries_reads_file_and_reloads_when_replaced(tmp_path):
    path = write_geo(tmp_path, three_squares())
    gj = geo.load_boundaries("gemeente", tmp_path)
    assert [f["properties"]["statcode"] for f in gj["features"]] == ["GM0001", "GM0002", "GM0003"]
    assert geo.load_boundaries("gemeente", tmp_path) is gj  # cached
    smaller = three_squares()
    smaller["features"] = smaller["features"][:1]
    path.write_text(json.dumps(smaller), encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10_000_000_000))
    assert len(geo.load_boundaries("gemeente", tmp_path)["features"]) == 1


def test_absent_or_unreadable_boundaries_give_none(tmp_path):
    missing = tmp_path / "nowhere"
    assert geo.load_boundaries("gemeente", missing) is None
    assert geo.boundaries_status(missing) == {"gemeente": False, "arbeidsmarktregio": False, "provincie": False}
    (tmp_path / "provincie_2024.geojson").write_text("{not json", encoding="utf-8")
    assert geo.load_boundaries("provincie", tmp_path) is None
    write_geo(tmp_path, three_squares(), level="arbeidsmarktregio")  # GM codes in the AMR file: wrong level
    assert geo.load_boundaries("arbeidsmarktregio", tmp_path) is None
    write_geo(tmp_path, three_squares())
    assert geo.boundaries_status(tmp_path) == {"gemeente": True, "arbeidsmarktregio": False, "provincie": False}
    with pytest.raises(ValueError):
        geo.load_boundaries("wijk", tmp_path)


def test_load_boundaries_uses_configured_folder(tmp_path, monkeypatch):
    write_geo(tmp_path, three_squares())
    monkeypatch.setenv("MEEDOEN_GEO_DIR", str(tmp_path))
    assert geo.load_boundaries("gemeente") is not None
    monkeypatch.setenv("MEEDOEN_GEO_DIR", str(tmp_path / "empty"))
    assert geo.load_boundaries("gemeente") is None


# ---------------------------------------------------------------- figure

def test_map_figure_classes_missing_hover_and_highlight():
    values = pd.DataFrame({"region_code": ["GM0001", "GM0002"], "rate": [0.104, 0.5],
                           "region_name": ["Aadorp (gem.)", "Beekdal"], "n": [1234, 7]})
    fig = geo.map_figure(values, three_squares(), highlight="GM0002", hover_extra_cols={"n": "Geplaatst"})

    classes = by_role(fig, "class")
    assert 2 <= len(classes) <= 6
    # each filled square is in exactly the class whose range holds its value
    where = {}
    for t in classes:
        for ring in rings_of(t):
            where[min(ring)[0]] = t
        assert t.fill == "toself" and t.hoverinfo == "skip"
    assert set(where) == {5.0, 6.0}
    assert where[5.0].meta["lo"] <= 0.104 < where[5.0].meta["hi"]
    assert where[6.0].meta["lo"] < 0.5 <= where[6.0].meta["hi"]
    assert where[5.0].fillcolor != where[6.0].fillcolor
    assert where[5.0].name.startswith("10%") and where[6.0].name.endswith("50%")

    (missing,) = by_role(fig, "missing")
    assert missing.name == "geen gegevens" and missing.fillcolor == geo.MISSING_COLOR
    assert [set(r) for r in rings_of(missing)] == [set(map(tuple, square(7.0, 52.0)))]

    (hl,) = by_role(fig, "highlight")
    assert hl.meta["code"] == "GM0002" and hl.line.width >= 2 and hl.fill in (None, "none")
    assert set(rings_of(hl)[0]) == set(map(tuple, square(6.0, 52.0)))
    assert hl.name == "Beekdal"

    (pts,) = by_role(fig, "points")
    rows = {r[0]: r for r in pts.customdata}
    assert list(rows["GM0001"]) == ["GM0001", "Aadorp (gem.)", "10,4%", "1.234"]
    assert list(rows["GM0002"])[:3] == ["GM0002", "Beekdal", "50,0%"]
    assert list(rows["GM0003"]) == ["GM0003", "Cranendonck", "geen gegevens", "–"]
    assert "Geplaatst: %{customdata[3]}" in pts.hovertemplate
    # markers at the centres of the squares
    assert list(pts.x) == [5.5, 6.5, 7.5] and list(pts.y) == [52.5] * 3

    assert fig.layout.xaxis.visible is False and fig.layout.yaxis.visible is False
    assert fig.layout.yaxis.scaleanchor == "x"
    assert fig.layout.yaxis.scaleratio == pytest.approx(1 / math.cos(math.radians(52.5)))
    assert fig.layout.plot_bgcolor == "white"
    assert "mapbox" not in fig.to_json() and all(t.type == "scatter" for t in fig.data)


def test_map_figure_english_and_no_values():
    fig = geo.map_figure(pd.DataFrame({"region_code": [], "rate": []}), three_squares(), lang="en")
    assert by_role(fig, "class") == [] and by_role(fig, "highlight") == []
    (missing,) = by_role(fig, "missing")
    assert missing.name == "no data" and len(rings_of(missing)) == 3
    assert fig.layout.separators == ".,"


def test_map_figure_many_values_fall_in_their_class():
    rng = np.random.default_rng(3)
    feats = []
    codes = [f"GM{i:04d}" for i in range(1, 101)]
    for i, code in enumerate(codes):
        feats.append({"type": "Feature", "properties": {"statcode": code, "statnaam": code},
                      "geometry": {"type": "Polygon", "coordinates": [square(3 + (i % 10) * 0.4, 50.7 + (i // 10) * 0.3, 0.2)]}})
    values = pd.DataFrame({"region_code": codes, "rate": rng.uniform(0, 1, 100)})
    fig = geo.map_figure(values, {"type": "FeatureCollection", "features": feats})
    classes = by_role(fig, "class")
    assert len(classes) == 6
    assert [t.meta["hi"] for t in classes[:-1]] == [t.meta["lo"] for t in classes[1:]]
    value_at = {(round(3 + (i % 10) * 0.4, 5), round(50.7 + (i // 10) * 0.3, 5)): v for i, v in enumerate(values["rate"])}
    counted = 0
    for t in classes:
        for ring in rings_of(t):
            v = value_at[min(ring)]
            assert t.meta["lo"] <= v <= t.meta["hi"]
            counted += 1
    assert counted == 100


def test_holes_are_oriented_against_their_exterior():
    outer = square(5.0, 52.0, 2.0)
    hole = square(5.5, 52.5, 0.5)  # clockwise like the exterior: must be reversed for the fill rule
    gj = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"statcode": "GM0001", "statnaam": "A"},
                                                     "geometry": {"type": "Polygon", "coordinates": [outer, hole]}}]}
    fig = geo.map_figure(pd.DataFrame({"region_code": ["GM0001"], "rate": [0.3]}), gj)
    r_outer, r_hole = (np.array(r) for r in rings_of(by_role(fig, "class")[0]))
    assert np.sign(geo._signed_area(r_outer)) == -np.sign(geo._signed_area(r_hole))


def test_class_breaks_follow_the_format():
    assert geo.class_breaks([0.123, 0.456, 0.789], 6, ".0%")[0] == pytest.approx(0.12)
    assert geo.class_breaks([0.123, 0.456, 0.789], 6, ".0%")[-1] == pytest.approx(0.79)
    edges = geo.class_breaks(list(range(0, 1001)), 4, ",.0f")
    assert edges == [0, 250, 500, 750, 1000]
    assert geo.class_breaks([0.5, 0.5], 6) == [0.5, 0.5]
    assert geo.class_breaks([float("nan")], 6) == []


def test_region_points_lie_inside_concave_shapes():
    u_shape = [[0, 0], [0, 3], [1, 3], [1, 1], [2, 1], [2, 3], [3, 3], [3, 0], [0, 0]]  # centroid in the gap
    gj = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"statcode": "GM0001", "statnaam": "U"},
         "geometry": {"type": "MultiPolygon", "coordinates": [[square(10, 10, 0.1)], [u_shape]]}}]}
    pts = geo.region_points(gj)
    assert list(pts.columns) == ["code", "name", "lon", "lat"]
    x, y = pts.loc[0, "lon"], pts.loc[0, "lat"]
    assert geo._in_polygon(x, y, [np.array(u_shape, dtype=float)])


def test_code_from_selection():
    event = {"selection": {"points": [{"customdata": ["GM1783", "Westland", "70%"]}]}}
    assert geo.code_from_selection(event) == "GM1783"
    assert geo.code_from_selection({"selection": {"points": [{"customdata": ["DROP TABLE"]}]}}) is None
    assert geo.code_from_selection({}) is None


# ---------------------------------------------------------------- download conversion

def fake_wfs(level: str) -> bytes:
    """A tiny WFS GetFeature response: lat/lon axis order (WFS 2.0), extra properties, one bad feature."""
    def latlon(ring):
        return [[y, x] for x, y in ring]

    def ccw(ring):
        return ring[::-1]

    if level == "gemeente":
        shapes = [("GM0001", "Aadorp", square(5.0, 52.0)), ("GM0002", "Beekdal", square(6.0, 52.0)),
                  ("GM0003", "Cranendonck", square(8.0, 52.0))]
    elif level == "arbeidsmarktregio":
        shapes = [("AM01", "West", square(4.9, 51.9, 2.2)), ("AM02", "Oost", square(7.9, 51.9, 1.2))]
    else:
        shapes = [("PV20", "Provincie Een", square(4.8, 51.8, 5.0))]
    feats = [{"type": "Feature", "id": f"{level}_gegeneraliseerd.{i}",
              "properties": {"statcode": code, "statnaam": name, "jrstatcode": f"2024{code}", "rubriek": level, "id": i},
              "geometry": {"type": "Polygon", "coordinates": [latlon(ccw(ring))]}}
             for i, (code, name, ring) in enumerate(shapes)]
    feats.append({"type": "Feature", "properties": {"statnaam": "zonder code"},
                  "geometry": {"type": "Polygon", "coordinates": [latlon(square(9.0, 52.0))]}})
    return json.dumps({"type": "FeatureCollection", "numberMatched": len(feats), "features": feats}).encode()


def test_convert_wfs_normalises_a_wfs_response():
    out = geo.convert_wfs(fake_wfs("gemeente"), "gemeente")
    assert [f["id"] for f in out["features"]] == ["GM0001", "GM0002", "GM0003"]
    f = out["features"][0]
    assert f["properties"] == {"statcode": "GM0001", "statnaam": "Aadorp"}
    ring = np.array(f["geometry"]["coordinates"][0])
    assert ring[:, 0].min() == 5.0 and ring[:, 1].min() == 52.0  # lon first again
    assert geo._signed_area(ring) < 0  # exterior clockwise
    with pytest.raises(ValueError, match="gemeente"):
        geo.convert_wfs(b'{"type": "FeatureCollection", "features": []}', "gemeente")
    with pytest.raises(ValueError, match="graden"):
        geo.convert_wfs(json.dumps({"features": [{"properties": {"statcode": "GM0001"}, "geometry": {
            "type": "Polygon", "coordinates": [square(80000, 450000, 1000)]}}]}), "gemeente")


def test_download_writes_layers_and_regions(tmp_path):
    calls = []

    def fetch(year, level):
        calls.append((year, level))
        return fake_wfs(level)

    written = geo.download(tmp_path / "geo", 2024, fetch=fetch)
    assert sorted(calls) == [(2024, "arbeidsmarktregio"), (2024, "gemeente"), (2024, "provincie")]
    assert geo.boundaries_status(tmp_path / "geo") == {level: True for level in geo.LEVELS}
    gm = geo.load_boundaries("gemeente", tmp_path / "geo")
    assert gm["features"][2]["properties"]["arbeidsmarktregio_code"] == "AM02"
    regions = pd.read_csv(written["regions"], dtype=str)
    assert list(regions.columns) == geo.REGION_COLUMNS
    assert regions[["gemeente_code", "arbeidsmarktregio_code", "provincie_name"]].values.tolist() == [
        ["GM0001", "AM01", "Provincie Een"], ["GM0002", "AM01", "Provincie Een"], ["GM0003", "AM02", "Provincie Een"]]
    assert not list((tmp_path / "geo").glob("*.tmp"))


def test_cli_reports_a_failed_download_in_dutch(tmp_path, monkeypatch, capsys):
    def offline(year, level):
        raise OSError("geen verbinding")

    monkeypatch.setattr(geo, "fetch_layer", offline)
    assert geo.main(["download", "--dir", str(tmp_path), "--year", "2024"]) == 1
    err = capsys.readouterr().err
    assert "mislukt" in err and str(tmp_path) in err and "geen verbinding" in err
    monkeypatch.setattr(geo, "fetch_layer", lambda year, level: fake_wfs(level))
    assert geo.main(["download", "--dir", str(tmp_path)]) == 0
    assert "regions.csv" in capsys.readouterr().out


# ---------------------------------------------------------------- the real 342 gemeenten

def test_boundaries_ship_small_with_attribution_and_are_the_default():
    from meedoen import config

    assert config.geo_dir() == SHIPPED_GEO.resolve() or os.environ.get("MEEDOEN_GEO_DIR")
    files = [geo.boundary_path(level, SHIPPED_GEO) for level in geo.LEVELS]
    assert sum(f.stat().st_size for f in files) < 1_000_000
    assert geo.boundaries_status(SHIPPED_GEO) == {level: True for level in geo.LEVELS}
    counts = {level: len(geo.load_boundaries(level, SHIPPED_GEO)["features"]) for level in geo.LEVELS}
    assert counts == {"gemeente": 342, "arbeidsmarktregio": 35, "provincie": 12}
    attribution = (SHIPPED_GEO / "ATTRIBUTION.md").read_text()
    assert "CC BY 4.0" in attribution and geo.CREDIT["nl"] in attribution
    # Tracked in git, not ignored like the download folder.
    ignored = (ROOT / ".gitignore").read_text().split()
    assert "data/boundaries/" not in ignored and "data/geo/" in ignored


def test_download_never_writes_over_the_shipped_files(tmp_path, monkeypatch, capsys):
    from meedoen import config

    monkeypatch.delenv("MEEDOEN_GEO_DIR", raising=False)
    seen = []
    monkeypatch.setattr(geo, "download", lambda target, year: seen.append(Path(target)) or {})
    assert geo.main(["download", "--year", "2025"]) == 0
    assert seen == [config.DOWNLOAD_GEO_DIR]
    assert "MEEDOEN_GEO_DIR=" in capsys.readouterr().out


def test_the_map_credit_is_on_the_figure():
    fig = geo.map_figure(pd.DataFrame({"region_code": ["GM1783"], "rate": [0.5]}),
                         geo.load_boundaries("gemeente", SHIPPED_GEO))
    assert any(geo.CREDIT["nl"] in a.text for a in fig.layout.annotations)


def test_real_gemeente_map_is_complete_and_small():
    gj = geo.load_boundaries("gemeente", SHIPPED_GEO)
    codes = [f["properties"]["statcode"] for f in gj["features"]]
    assert len(codes) == 342
    rng = np.random.default_rng(5)
    values = pd.DataFrame({"region_code": codes, "rate": rng.beta(3, 5, 342)})
    values.loc[::20, "rate"] = np.nan
    fig = geo.map_figure(values, gj, highlight="GM1783")
    assert len(by_role(fig, "class")) == 6
    assert len(by_role(fig, "missing")) == 1 and len(by_role(fig, "highlight")) == 1
    assert len(fig.data) == 10
    # The chosen region: a white halo and a black line drawn over every colour class, so the outline shows
    # on the darkest class and on the lightest alike.
    roles = [t.meta["role"] for t in fig.data]
    assert roles.index("halo") + 1 == roles.index("highlight") > max(i for i, r in enumerate(roles) if r == "class")
    halo, line = fig.data[roles.index("halo")], fig.data[roles.index("highlight")]
    assert (halo.line.color, line.line.color) == ("white", "black") and halo.line.width > line.line.width
    assert list(halo.x) == list(line.x)
    (pts,) = by_role(fig, "points")
    assert sorted(r[0] for r in pts.customdata) == sorted(codes)
    n_rings = sum(len(rings_of(t)) for t in by_role(fig, "class") + by_role(fig, "missing"))
    assert n_rings >= 342
    assert len(fig.to_json()) < 1_500_000
    # every hover point lies inside its own gemeente
    pts_df = geo.region_points(gj)
    for feat, (_, row) in zip(gj["features"], pts_df.iterrows()):
        polys = geo._polygons(feat["geometry"])
        assert any(geo._in_polygon(row.lon, row.lat, p) for p in polys), row.code


def test_derived_division_matches_the_shipped_regions_csv():
    layers = [geo.load_boundaries(level, SHIPPED_GEO) for level in geo.LEVELS]
    derived = geo.derive_regions(*layers)
    ref = pd.read_csv(SHIPPED_GEO / "regions.csv", dtype=str)
    m = derived.merge(ref, on="gemeente_code", suffixes=("", "_ref"))
    assert len(m) == 342
    assert (m["arbeidsmarktregio_code"] == m["arbeidsmarktregio_code_ref"]).all()
    assert (m["provincie_code"] == m["provincie_code_ref"]).all()
