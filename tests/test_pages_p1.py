"""Regio's, Doelen, Beschut en regulier, Trends and Doelgroepen pages: key numbers against counts made straight
from the parquet files, empty states, the map and the drill-down; and the chart rules on every page."""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
import shutil
import sys

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest
from conftest import ROOT, app_test

if str(ROOT) not in sys.path:  # plain `pytest` puts only tests/ on the path
    sys.path.insert(0, str(ROOT))

from meedoen import charts, filters, geo, strings_p1  # noqa: E402,F401  (strings_p1 registers the page strings)
from meedoen.i18n import label  # noqa: E402

EMPTY_NL = "Geen gegevens voor deze selectie"
PAID_KINDS = ("regulier", "garantiebaan", "beschut_werk")
WESTLAND_H1 = {"periode": "2016-H1", "regio": "GM1783"}
STEENWIJK_2019 = {"periode": "2019", "regio": "GM1708"}
STATUSHOUDERS = {"periode": "2016", "regio": "GM1783", "doelgroep": "statushouder"}
NO_ROWS = {"periode": "2016", "regio": "GM1783", "programma": "Meetellen en Meedoen", "doelgroep": "banenafspraak"}
MAP_CODES = ["GM1783", "GM1842", "GM1916", "GM0014"]  # GM0014 (Groningen) has no data: drawn grey


# ------------------------------------------------------------------ the data, read without the named queries

@pytest.fixture(scope="module")
def raw(demo_version):
    """The demo tables as pandas frames, read straight from the parquet files."""
    p = pq.read_table(demo_version.path / "placements").to_pandas()
    for col in ("intake_date", "placement_date", "end_date"):
        p[col] = pd.to_datetime(p[col])
    regions = pq.read_table(demo_version.path / "regions.parquet").to_pandas()
    p = p.merge(regions[["gemeente_code", "arbeidsmarktregio_code", "provincie_code"]], on="gemeente_code")
    targets = pq.read_table(demo_version.path / "targets.parquet").to_pandas()
    return {"p": p, "regions": regions, "targets": targets}


def _ts(d) -> pd.Timestamp:
    return pd.Timestamp(d)


def _period(code: str):
    p = filters.parse_period(code)
    return _ts(p.start), _ts(p.end)


def _select(raw, region=None, programme=None, doelgroep=None) -> pd.DataFrame:
    p = raw["p"]
    m = pd.Series(True, index=p.index)
    if region:
        m &= (p["gemeente_code"] == region) | (p["arbeidsmarktregio_code"] == region) | (p["provincie_code"] == region)
    if programme:
        m &= p["programme"] == programme
    if doelgroep:
        m &= p["doelgroep"] == doelgroep
    return p[m]


def _persons(raw, start, end, **sel) -> pd.DataFrame:
    """Per person and gemeente: looking for work in [start, end] (open, not placed before) and placed in it."""
    d = _select(raw, **sel)
    d = d[d["intake_date"] <= end]
    looking = (d["end_date"].isna() | (d["end_date"] >= start)) & (d["placement_date"].isna() | (d["placement_date"] >= start))
    placed = d["placement_date"].between(start, end)
    keys = ["person_key", "gemeente_code", "arbeidsmarktregio_code", "provincie_code"]
    g = d.assign(looking=looking, placed=placed).groupby(keys)[["looking", "placed"]].any().reset_index()
    g["placed"] &= g["looking"]
    return g


def _rate(raw, code, **sel) -> tuple[int, int]:
    g = _persons(raw, *_period(code), **sel)
    return int(g["placed"].sum()), int(g["looking"].sum())


def _placed_by_kind(raw, start, end, **sel) -> dict[str, int]:
    d = _select(raw, **sel)
    d = d[d["placement_date"].between(start, end)]
    return d.groupby("work_kind")["person_key"].nunique().to_dict()


def nl_int(n) -> str:
    return f"{int(n):,}".replace(",", ".")


def nl_pct(x: float, decimals: int = 0) -> str:
    return f"{100 * x:.{decimals}f}".replace(".", ",") + "%"


# ------------------------------------------------------------------ rendering

def _square(code: str, name: str, x0: float, y0: float, size: float = 0.2) -> dict:
    ring = [[x0, y0], [x0, y0 + size], [x0 + size, y0 + size], [x0 + size, y0], [x0, y0]]
    return {"type": "Feature", "id": code, "properties": {"statcode": code, "statnaam": name},
            "geometry": {"type": "Polygon", "coordinates": [ring]}}


@pytest.fixture(scope="module")
def geo_dir(tmp_path_factory):
    """A boundary folder with four small squares: three seed gemeenten and one without data."""
    d = tmp_path_factory.mktemp("geo")
    names = ["Westland", "Midden-Delfland", "Leidschendam-Voorburg", "Groningen"]
    feats = [_square(c, n, 4.1 + 0.3 * i, 52.0 + 0.1 * i) for i, (c, n) in enumerate(zip(MAP_CODES, names))]
    (d / "gemeente_2024.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": feats}), encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def render(demo_root, geo_dir):
    """Render a page once per module (read-only use); later tests reuse the same run."""
    cache: dict = {}
    mp = pytest.MonkeyPatch()

    def get(page: str | None, query: dict, with_map: bool = False):
        key = (page, json.dumps(query, sort_keys=True), with_map)
        if key not in cache:
            mp.setenv("MEEDOEN_DATA_DIR", str(demo_root))
            mp.setenv("MEEDOEN_GEO_DIR", str(geo_dir if with_map else demo_root / "no-geo"))
            at = app_test(query, page)
            assert not at.exception, (page, query, [e.value for e in at.exception])
            cache[key] = at
        return cache[key]

    yield get
    mp.undo()


def _plain(obj):
    """Plotly's JSON with its typed arrays ({dtype, bdata}) turned back into lists."""
    if isinstance(obj, dict):
        if "bdata" in obj and "dtype" in obj:
            a = np.frombuffer(base64.b64decode(obj["bdata"]), dtype=np.dtype(obj["dtype"]))
            return a.reshape(obj["shape"] if isinstance(obj.get("shape"), list) else
                             [int(n) for n in str(obj.get("shape", len(a))).split(",")]).tolist()
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_plain(v) for v in obj]
    return obj


def _charts(at) -> list[dict]:
    return [_plain(json.loads(c.proto.spec)) for c in at.get("plotly_chart")]


def _chart(at, title_part: str) -> dict:
    hits = [c for c in _charts(at) if title_part in c["layout"]["title"]["text"]]
    assert len(hits) == 1, (title_part, [c["layout"]["title"]["text"] for c in _charts(at)])
    return hits[0]


def _map(at) -> dict:
    """The choropleth: the chart with the clickable region points."""
    hits = [c for c in _charts(at) if any(_role(tr) == "points" for tr in c["data"])]
    assert len(hits) == 1
    return hits[0]


def _role(tr: dict) -> str | None:
    return tr["meta"].get("role") if isinstance(tr.get("meta"), dict) else None


def _trace(fig: dict, name: str) -> dict:
    return next(tr for tr in fig["data"] if tr.get("name") == name)


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _deltas(at) -> dict[str, str]:
    return {m.label: m.delta for m in at.metric}


def _infos(at) -> str:
    return " ".join(i.value for i in at.info)


def _captions(at) -> str:
    return " ".join(c.value for c in at.caption)


def _frame(at, key: str | None = None, column: str | None = None) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if (key is None or d.key == key) and (column is None or column in d.value.columns))


def _assert_empty(at):
    assert not at.exception
    assert EMPTY_NL in _infos(at)
    assert _charts(at) == []


# ------------------------------------------------------------------ Regio's

def test_regions_without_boundaries_westland_h1_2016(render, raw):
    at = render("app_pages/regions.py", WESTLAND_H1)
    assert at.title[0].value == "Regio's — Westland, eerste helft 2016"
    assert "Geen kaart" in _infos(at) and "python -m meedoen.geo download" in _infos(at)
    assert not any(_role(tr) == "points" for c in _charts(at) for tr in c["data"])

    table = _frame(at, "regions_table").set_index("Regio")
    assert tuple(table.loc["Westland", ["Geplaatst", "Werkzoekend", "Plaatsingsgraad"]]) == ("193", "276", "70%")
    g = _persons(raw, *_period("2016-H1"))
    by_gm = g.groupby("gemeente_code")[["placed", "looking"]].sum()
    by_gm = by_gm[by_gm["looking"] > 0].join(raw["regions"].set_index("gemeente_code")["gemeente_name"])
    assert sorted(table.index) == sorted(by_gm["gemeente_name"])
    for _, r in by_gm.iterrows():
        assert (table.loc[r["gemeente_name"], "Geplaatst"], table.loc[r["gemeente_name"], "Werkzoekend"]) == (
            nl_int(r["placed"]), nl_int(r["looking"])), r["gemeente_name"]

    # The national comparison: the 15 highest and 15 lowest of the 41 gemeenten plus Westland, highlighted
    # at 193/276, and the national line (all 41 are in the table above).
    fig = _chart(at, "Plaatsingsgraad per gemeente — Heel Nederland")
    bars = fig["data"][0]
    assert bars["type"] == "bar"
    rates = sorted(by_gm["placed"] / by_gm["looking"])
    assert len(by_gm) > 2 * charts.EXTREMES
    low, high = rates[charts.EXTREMES - 1], rates[-charts.EXTREMES]
    assert all(x <= low + 1e-12 or x >= high - 1e-12 for y, x in zip(bars["y"], bars["x"]) if y != "Westland")
    assert len(bars["y"]) in (2 * charts.EXTREMES, 2 * charts.EXTREMES + 1) and "Westland" in bars["y"]
    assert f"15 hoogste en 15 laagste van {len(by_gm)}" in fig["layout"]["title"]["text"]
    i = bars["y"].index("Westland")
    assert bars["x"][i] == pytest.approx(193 / 276)
    assert [c for c in bars["marker"]["color"] if c == charts.HIGHLIGHT] == [charts.HIGHLIGHT]
    assert bars["marker"]["color"][i] == charts.HIGHLIGHT
    national = g["placed"].sum() / g["looking"].sum()
    assert f"Nederland {nl_pct(national)}" in [a["text"] for a in fig["layout"]["annotations"]]


def test_regions_by_arbeidsmarktregio_2019(render, raw):
    at = render("app_pages/regions.py", {"periode": "2019", "niveau": "arbeidsmarktregio"})
    assert at.title[0].value == "Regio's — Heel Nederland, 2019"
    table = _frame(at, "regions_table").set_index("Regio")
    g = _persons(raw, *_period("2019")).groupby("arbeidsmarktregio_code")[["placed", "looking"]].sum()
    names = raw["regions"].drop_duplicates("arbeidsmarktregio_code").set_index("arbeidsmarktregio_code")["arbeidsmarktregio_name"]
    assert len(table) == len(g) >= 4
    for code, r in g.iterrows():
        row = table.loc[names[code]]
        assert (row["Geplaatst"], row["Werkzoekend"], row["Plaatsingsgraad"]) == (
            nl_int(r["placed"]), nl_int(r["looking"]), nl_pct(r["placed"] / r["looking"])), code
    # Comparing within an arbeidsmarktregio or with peers needs one gemeente.
    assert _infos(at).count("Kies een gemeente") == 2


def test_regions_map_from_boundary_files(render):
    at = render("app_pages/regions.py", WESTLAND_H1, with_map=True)
    assert "Geen kaart" not in _infos(at)
    fig = _map(at)
    assert fig["layout"]["title"]["text"] == "Plaatsingsgraad per gemeente — Heel Nederland, eerste helft 2016"
    roles = {}
    for tr in fig["data"]:
        roles.setdefault(_role(tr), []).append(tr)
    points = roles["points"][0]
    assert [row[0] for row in points["customdata"]] == MAP_CODES
    assert points["customdata"][0] == ["GM1783", "Westland", "69,9%", "193", "276"]
    assert points["customdata"][3][2] == "geen gegevens"
    assert roles["highlight"][0]["meta"]["code"] == "GM1783"
    assert len(roles["missing"]) == 1 and roles["class"]
    assert any("Bron:" in a["text"] and "CBS / PDOK" in a["text"] for a in fig["layout"]["annotations"])
    # The comparison still follows the map.
    assert _chart(at, "Plaatsingsgraad per gemeente — Haaglanden")


def test_region_from_a_map_click():
    fig = {"selection": {"points": [{"customdata": ["GM1916", "Leidschendam-Voorburg", "46,7%"]}]}}
    assert geo.code_from_selection(fig, "gemeente") == "GM1916"
    assert geo.code_from_selection(fig, "provincie") is None
    assert geo.code_from_selection({"selection": {"points": []}}) is None
    assert geo.code_from_selection(None) is None


def test_regions_drill_down_from_map_and_table(app_env, monkeypatch, geo_dir):
    monkeypatch.setenv("MEEDOEN_GEO_DIR", str(geo_dir))
    at = app_test(WESTLAND_H1, "app_pages/regions.py")
    assert not at.exception
    # A click on Leidschendam-Voorburg on the map (the point as the browser sends it back).
    points = next(tr for tr in _map(at)["data"] if _role(tr) == "points")
    i = [row[0] for row in points["customdata"]].index("GM1916")
    at.session_state["map"] = {"selection": {"points": [{"customdata": points["customdata"][i], "point_index": i}],
                                             "point_indices": [i], "box": [], "lasso": []}}
    at.run()
    assert not at.exception
    assert at.title[0].value == "Regio's — Leidschendam-Voorburg, eerste helft 2016"
    assert at.query_params["regio"] == "GM1916"  # the link to share follows the drill-down
    assert at.selectbox(key="f_region").value == "GM1916"

    # A row in the table: Midden-Delfland.
    names = list(_frame(at, "regions_table")["Regio"])
    at.session_state["regions_table"] = {"selection": {"rows": [names.index("Midden-Delfland")], "columns": [], "cells": []}}
    at.run()
    assert at.title[0].value == "Regio's — Midden-Delfland, eerste helft 2016"

    # The selections stay on screen; they must not pull the view back when the user picks another region...
    at.selectbox(key="f_region").set_value("GM1708").run()
    assert not at.exception
    assert at.title[0].value == "Regio's — Steenwijkerland, eerste helft 2016"
    # ...nor point at a row that no longer exists after a change of level.
    at.selectbox(key="f_level").set_value("arbeidsmarktregio").run()
    assert not at.exception
    assert at.title[0].value == "Regio's — Heel Nederland, eerste helft 2016"


def test_regions_empty_selection(render):
    _assert_empty(render("app_pages/regions.py", NO_ROWS))


# ------------------------------------------------------------------ Doelen

def _realised(raw, gemeente: str, year: int) -> dict[str, int]:
    d = _select(raw, region=gemeente)
    d = d[d["placement_date"].dt.year == year]
    return {"plaatsingen": d.loc[d["work_kind"].isin(["regulier", "garantiebaan"]), "person_key"].nunique(),
            "werkleertrajecten": int((d["work_kind"] == "werkleertraject").sum()),
            "beschut_werk": d.loc[d["work_kind"] == "beschut_werk", "person_key"].nunique()}


def test_targets_steenwijkerland_2019(render, raw):
    at = render("app_pages/targets.py", STEENWIJK_2019)
    assert at.title[0].value == "Doelen — Steenwijkerland, 2019"
    m, delta = _metrics(at), _deltas(at)
    # The published figure: 21 places of beschut werk against a taakstelling of 18.
    assert m["Beschut werk 2019"] == "21 / 18" and delta["Beschut werk 2019"] == "3 boven doel"
    real = _realised(raw, "GM1708", 2019)
    tg = raw["targets"].query("gemeente_code == 'GM1708' and year == 2019").set_index("measure")["target"]
    assert real["beschut_werk"] == 21 and tg["beschut_werk"] == 18
    for measure in ("plaatsingen", "werkleertrajecten"):
        assert m[f"{label('ms', measure)} 2019"] == f"{nl_int(real[measure])} / {nl_int(tg[measure])}"
    table = _frame(at, column="Maat").set_index("Maat")
    assert (table.loc["Beschut werk", "Doel"], table.loc["Beschut werk", "Gerealiseerd"]) == (18, 21)
    assert table.loc["Beschut werk", "Stand"] == "gehaald"
    bullet = _chart(at, "Beschut werk: gerealiseerd tegen doel — Steenwijkerland, 2019")
    assert _trace(bullet, "Doel")["x"] == [18]
    assert [x for tr in bullet["data"] if tr["type"] == "bar" for x in tr["x"]] == [21]


def test_targets_summed_over_an_arbeidsmarktregio(render, raw):
    at = render("app_pages/targets.py", {"periode": "2019", "niveau": "arbeidsmarktregio", "regio": "AM36"})
    assert at.title[0].value == "Doelen — Regio Zwolle, 2019"
    gms = raw["regions"].loc[raw["regions"]["arbeidsmarktregio_code"] == "AM36", "gemeente_code"]
    tg = raw["targets"][raw["targets"]["gemeente_code"].isin(gms) & (raw["targets"]["year"] == 2019)]
    m, captions = _metrics(at), _captions(at)
    for measure, rows in tg.groupby("measure"):
        real = [_realised(raw, g, 2019)[measure] for g in rows["gemeente_code"]]
        assert m[f"{label('ms', measure)} 2019"] == f"{nl_int(sum(real))} / {nl_int(rows['target'].sum())}"
        met = sum(r >= x for r, x in zip(real, rows["target"]))
        assert f"{met} van {len(rows)} gemeenten op koers" in captions, measure
    assert len(_frame(at, column="Maat")) == len(tg)


def test_targets_empty_when_no_taakstelling(app_env, monkeypatch, demo_version, tmp_path):
    # A data folder read in place whose targets skip Leidschendam-Voorburg.
    for f in demo_version.path.iterdir():
        if f.name != "targets.parquet":
            (shutil.copytree if f.is_dir() else shutil.copy)(f, tmp_path / f.name)
    targets = pq.read_table(demo_version.path / "targets.parquet").to_pandas()
    targets[targets["gemeente_code"] != "GM1916"].to_parquet(tmp_path / "targets.parquet", index=False)
    monkeypatch.setenv("MEEDOEN_DATA_DIR", str(tmp_path))
    at = app_test({"periode": "2019", "regio": "GM1916"}, "app_pages/targets.py")
    assert not at.exception
    assert "geen taakstelling vastgelegd" in _infos(at)
    assert _charts(at) == [] and not at.metric


# ------------------------------------------------------------------ Beschut en regulier

def _check_kinds(at, raw, code, **sel):
    kinds = _placed_by_kind(raw, *_period(code), **sel)
    m = _metrics(at)
    assert {k: v for k, v in m.items() if k != "Aandeel beschut"} == {label("wk", k): nl_int(n) for k, n in kinds.items()}
    d = _select(raw, **sel)
    d = d[d["placement_date"].between(*_period(code))]
    beschut = d.loc[d["work_kind"].isin(["beschut_werk", "alternatief_beschut"]), "person_key"].nunique()
    regulier = d.loc[d["work_kind"].isin(["regulier", "garantiebaan"]), "person_key"].nunique()
    assert m["Aandeel beschut"] == nl_pct(beschut / (beschut + regulier), 1)
    assert f"{beschut} beschut van {beschut + regulier}" in _captions(at)


def test_kinds_westland_h1_2016(render, raw):
    at = render("app_pages/kinds.py", WESTLAND_H1)
    assert at.title[0].value == "Beschut en regulier — Westland, eerste helft 2016"
    _check_kinds(at, raw, "2016-H1", region="GM1783")
    # Westland among the gemeenten of Haaglanden: its bars are the shares of its own placements.
    fig = _chart(at, "Soort werk per gemeente — Haaglanden, eerste helft 2016")
    kinds = _placed_by_kind(raw, *_period("2016-H1"), region="GM1783")
    for kind, n in kinds.items():
        tr = _trace(fig, label("wk", kind))
        assert tr["x"][tr["y"].index("<b>Westland</b>")] == pytest.approx(n / sum(kinds.values()))


def test_kinds_steenwijkerland_2019_one_doelgroep_and_shares(app_env, raw):
    at = app_test({**STEENWIJK_2019, "doelgroep": "beschut_indicatie"}, "app_pages/kinds.py")
    assert not at.exception
    _check_kinds(at, raw, "2019", region="GM1708", doelgroep="beschut_indicatie")
    at.segmented_control(key="p1_kinds_mode").set_value("shares").run()
    fig = _chart(at, "Plaatsingen per kwartaal naar soort werk")
    ys = pd.DataFrame({tr["name"]: tr["y"] for tr in fig["data"]})
    assert ((ys.sum(axis=1) - 1).abs() < 1e-9).all()


def test_kinds_empty_selection(render):
    _assert_empty(render("app_pages/kinds.py", NO_ROWS))


# ------------------------------------------------------------------ Trends

def _monthly_placed(raw, start, end, **sel) -> list[int]:
    d = _select(raw, **sel)
    d = d[d["placement_date"].between(start, end)]
    months = pd.period_range(start, end, freq="M")
    by = d.groupby(d["placement_date"].dt.to_period("M"))["person_key"].nunique()
    return [int(by.get(mo, 0)) for mo in months]


def test_trends_westland_h1_2016(render, raw):
    at = render("app_pages/trends.py", WESTLAND_H1)
    m = _metrics(at)
    placed, looking = _rate(raw, "2016-H1", region="GM1783")
    prev_placed, prev_looking = _rate(raw, "2015-H1", region="GM1783")
    assert (placed, looking) == (193, 276)
    assert m["Plaatsingsgraad eerste helft 2016"] == nl_pct(placed / looking, 1) == "69,9%"
    assert m["Een jaar eerder (eerste helft 2015)"] == nl_pct(prev_placed / prev_looking, 1)
    assert m["Geplaatst eerste helft 2016"] == "193"
    assert "193 van 276" in _captions(at)
    fig = _chart(at, "Geplaatste personen per maand — Westland, t/m eerste helft 2016")
    assert _trace(fig, "deze periode")["y"][-6:] == _monthly_placed(raw, *_period("2016-H1"), region="GM1783")
    assert _trace(fig, "een jaar eerder")["y"][-6:] == _monthly_placed(raw, *_period("2015-H1"), region="GM1783")


def test_trends_regio_zwolle_2019_by_quarter(app_env, raw):
    at = app_test({"periode": "2019", "niveau": "arbeidsmarktregio", "regio": "AM36"}, "app_pages/trends.py")
    assert not at.exception
    placed, looking = _rate(raw, "2019", region="AM36")
    prev_placed, prev_looking = _rate(raw, "2018", region="AM36")
    m = _metrics(at)
    assert m["Plaatsingsgraad 2019"] == nl_pct(placed / looking, 1)
    assert m["Een jaar eerder (2018)"] == nl_pct(prev_placed / prev_looking, 1)
    assert m["Geplaatst 2019"] == nl_int(placed)
    at.segmented_control(key="p1_trends_grain").set_value("quarter").run()
    assert not at.exception
    fig = _chart(at, "Geplaatste personen per kwartaal — Regio Zwolle, t/m 2019")
    d = _select(raw, region="AM36")
    for q, y in zip(range(4), _trace(fig, "deze periode")["y"][-4:]):
        s, e = _ts(dt.date(2019, 3 * q + 1, 1)), _ts(dt.date(2019, 3 * q + 1, 1)) + pd.offsets.QuarterEnd(0)
        assert y == d.loc[d["placement_date"].between(s, e), "person_key"].nunique(), q


def test_trends_empty_selection(render):
    at = render("app_pages/trends.py", NO_ROWS)
    _assert_empty(at)
    assert _metrics(at)["Geplaatst 2016"] == "0"


# ------------------------------------------------------------------ Doelgroepen

def _time_to_work(raw, start, end, within: int, **sel) -> pd.DataFrame:
    d = _select(raw, **sel)
    per = d.groupby(["doelgroep", "person_key"]).agg(first_intake=("intake_date", "min"), first=("placement_date", "min"))
    per = per[per["first"].between(start, end)]
    per["days"] = (per["first"] - per["first_intake"]).dt.days
    return per.groupby("doelgroep")["days"].agg(placed="size", within=lambda x: int((x <= within).sum()), median="median")


def _paid_on(raw, day, **sel) -> pd.DataFrame:
    d = _select(raw, **sel)
    day = _ts(day)
    d = d[(d["intake_date"] <= day) & (d["end_date"].isna() | (d["end_date"] >= day))]
    paid = d["placement_date"].notna() & (d["placement_date"] <= day) & d["work_kind"].isin(PAID_KINDS)
    per = d.assign(paid=paid).groupby(["doelgroep", "person_key"])["paid"].any()
    return per.groupby("doelgroep").agg(in_view="size", paid="sum")


def test_doelgroepen_statushouders_westland_2016(render, raw):
    at = render("app_pages/doelgroepen.py", STATUSHOUDERS)
    m = _metrics(at)
    exp = _time_to_work(raw, *_period("2016"), 21, region="GM1783", doelgroep="statushouder").loc["statushouder"]
    # The published figures: 75 statushouders in work within three weeks, 87 placed in the year.
    assert (exp["placed"], exp["within"]) == (87, 75)
    assert m["Geplaatst (Statushouders)"] == "87" and m["Binnen 21 dagen"] == "75"
    assert m["Mediaan dagen tot werk"] == f"{exp['median']:.0f}"
    paid = _paid_on(raw, dt.date(2016, 12, 31), region="GM1783", doelgroep="statushouder").loc["statushouder"]
    assert m["Betaald werk op 31 dec 2016"] == nl_int(paid["paid"])
    assert f"{paid['paid']} van {paid['in_view']} in beeld" in _captions(at)


def test_doelgroepen_within_days_input(app_env, raw):
    at = app_test(STATUSHOUDERS, "app_pages/doelgroepen.py")
    at.number_input(key="p1_within").set_value(7).run()
    assert not at.exception
    exp = _time_to_work(raw, *_period("2016"), 7, region="GM1783", doelgroep="statushouder").loc["statushouder"]
    assert _metrics(at)["Binnen 7 dagen"] == nl_int(exp["within"])
    assert "7 dagen" in _chart(at, "Dagen van intake tot eerste werk")["layout"]["annotations"][0]["text"]


def test_doelgroepen_steenwijkerland_2019_all_doelgroepen(render, raw):
    at = render("app_pages/doelgroepen.py", STEENWIJK_2019)
    assert not at.metric  # tiles only for one doelgroep; here the table holds every doelgroep
    exp = _time_to_work(raw, *_period("2019"), 21, region="GM1708")
    paid = _paid_on(raw, dt.date(2019, 12, 31), region="GM1708")
    table = _frame(at, column="Doelgroep").set_index("Doelgroep")
    assert sorted(table.index) == sorted(label("dg", g) for g in exp.index)
    for g, r in exp.iterrows():
        row = table.loc[label("dg", g)]
        assert (row["Geplaatst"], row["Binnen 21 dagen"], row["Mediaan dagen"]) == (r["placed"], r["within"], r["median"]), g
        if g in paid.index:
            assert (row["In beeld op datum"], row["Betaald werk op datum"]) == tuple(paid.loc[g]), g


def test_doelgroepen_empty_selection(render):
    _assert_empty(render("app_pages/doelgroepen.py", NO_ROWS))


# ------------------------------------------------------------------ every chart on every page

def _rgb(colour: str) -> tuple[int, int, int] | None:
    c = colour.strip().lower()
    if c in ("white", "black"):
        return (255, 255, 255) if c == "white" else (0, 0, 0)
    if re.fullmatch(r"#[0-9a-f]{6}", c):
        return tuple(int(c[i:i + 2], 16) for i in (1, 3, 5))
    m = re.fullmatch(r"rgba?\(([\d.\s]+),([\d.\s]+),([\d.\s]+)(,[\d.\s]+)?\)", c)
    if m:
        return tuple(round(float(m.group(i))) for i in (1, 2, 3))
    return None


OKABE_ITO = {_rgb(c) for c in charts.PALETTE}
APP_COLOURS = OKABE_ITO | {_rgb(charts.MUTED)}


def _app_colour(colour: str) -> bool:
    """An Okabe–Ito colour (at any opacity), the muted bar colour, or a neutral grey."""
    if colour in ("", "transparent") or re.fullmatch(r"rgba\(.*,\s*0\)", colour.replace(" ", "")):
        return True
    rgb = _rgb(colour)
    assert rgb is not None, f"unreadable colour {colour!r}"
    return rgb in APP_COLOURS or max(rgb) - min(rgb) <= 32


def _colours(obj) -> list[str]:
    """Every explicit colour in a trace or shape (marker, line, fill, sankey nodes and links, error bars)."""
    out = []
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k in ("color", "fillcolor", "bgcolor", "bordercolor") and isinstance(v, str):
                out.append(v)
            elif k in ("color", "fillcolor") and isinstance(v, list):
                out.extend(x for x in v if isinstance(x, str))
            elif k not in ("customdata", "hovertext", "text", "x", "y", "hoverlabel"):
                out.extend(_colours(v))
    elif isinstance(obj, list):
        for v in obj:
            out.extend(_colours(v))
    return out


def _has_hover(tr: dict) -> bool:
    if tr["type"] == "sankey":
        return bool(tr["node"].get("hovertemplate")) and bool(tr["link"].get("hovertemplate"))
    text = tr.get("hovertext")
    return bool(tr.get("hovertemplate")) or bool(text if isinstance(text, str) else any(text or []))


PAGES = [
    ("overview", None, WESTLAND_H1, False),
    ("overview", None, {"periode": "2019", "niveau": "provincie"}, False),
    ("regios", "app_pages/regions.py", WESTLAND_H1, True),
    ("regios", "app_pages/regions.py", {"periode": "2019", "niveau": "arbeidsmarktregio"}, False),
    ("doelen", "app_pages/targets.py", STEENWIJK_2019, False),
    ("beschut-regulier", "app_pages/kinds.py", WESTLAND_H1, False),
    ("trends", "app_pages/trends.py", WESTLAND_H1, False),
    ("doelgroepen", "app_pages/doelgroepen.py", STATUSHOUDERS, False),
    ("doelgroepen", "app_pages/doelgroepen.py", STEENWIJK_2019, False),
    ("pilots", "app_pages/pilots.py", {"periode": "2016", "regio": "GM1916"}, False),
    ("proeftuinen", "app_pages/proeftuinen.py", {"periode": "2021", "niveau": "arbeidsmarktregio", "regio": "AM25"}, False),
    ("werkgevers", "app_pages/employers.py", {"periode": "2021", "niveau": "arbeidsmarktregio", "regio": "AM25"}, False),
]


@pytest.mark.parametrize("name,page,query,with_map", PAGES, ids=[f"{p[0]}-{p[2]['periode']}" for p in PAGES])
def test_every_chart_has_title_source_hover_and_app_colours(render, raw, name, page, query, with_map):
    at = render(page, query, with_map)
    figs = _charts(at)
    assert figs, name
    code = query.get("regio")
    regions = raw["regions"]
    where = {"Nederland"}  # a national comparison says so
    if code:  # the region itself, or the larger region it is compared within
        hit = regions[(regions["gemeente_code"] == code) | (regions["arbeidsmarktregio_code"] == code)
                      | (regions["provincie_code"] == code)].iloc[0]
        where |= {hit["arbeidsmarktregio_name"], hit["provincie_name"]} | (
            {hit["gemeente_name"]} if code.startswith("GM") else set())
    period = filters.parse_period(query["periode"])
    # A title names the period, or its year(s): targets run per whole year, histories "t/m" the next year's target.
    when = [period.label()] + [str(y) for y in range(period.start.year, period.end.year + 2)]
    for fig in figs:
        lay = fig["layout"]
        title = (lay.get("title") or {}).get("text", "")
        assert title.strip(), (name, "no title")
        assert any(w in title for w in where), (name, title, where)
        assert any(w in title for w in when), (name, title, when)
        assert any("Bron" in a.get("text", "") or "peildatum" in a.get("text", "") for a in lay.get("annotations", [])), (
            name, title, "no source line")
        assert lay["template"]["layout"]["colorway"] == charts.PALETTE, (name, title)
        hovered = [tr for tr in fig["data"] if _has_hover(tr)]
        assert hovered, (name, title, "no hover")
        for tr in fig["data"]:
            role = _role(tr)
            if tr not in hovered:  # only shapes around the data (interval bands, map areas, an outline) go without
                assert tr.get("hoverinfo") == "skip" and (tr.get("fill") == "toself" or role in ("highlight", "halo")), (
                    name, title, tr.get("name"))
            if role in ("class", "missing"):
                continue  # the choropleth's classes use a sequential scale on purpose
            bad = [c for c in _colours({k: v for k, v in tr.items() if k != "meta"}) if not _app_colour(c)]
            assert not bad, (name, title, tr.get("name"), bad)
        bad = [c for c in _colours(lay.get("shapes", [])) if not _app_colour(c)]
        assert not bad, (name, title, "shapes", bad)
