"""Regio's page: key numbers against counts made straight from the parquet files, the map, the drill-down, the empty state."""

from __future__ import annotations


import pytest
from conftest import app_test

from meedoen.charts import regions as region_charts
from meedoen.charts import theme
from meedoen.charts import geo

from page_checks import WESTLAND_H1, NO_ROWS, MAP_CODES, _period, _persons, nl_int, nl_pct, _charts, _chart, _map, _role, _infos, _frame, _assert_empty, _captions


def test_regions_without_boundaries_westland_h1_2016(render, raw):
    at = render("app_pages/regions.py", WESTLAND_H1)
    assert at.title[0].value == "Regio's — Westland, eerste helft 2016"
    assert "Geen kaart" in _infos(at) and "python -m meedoen.charts.geo download" in _infos(at)
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

    # The national comparison: the gemeenten with enough people looking to rank, lowest at the bottom, Westland
    # highlighted at 193/276, and the national line; the others are named under the chart (all are in the table).
    fig = _chart(at, "Plaatsingsgraad per gemeente — Heel Nederland")
    bars = fig["data"][0]
    assert bars["type"] == "bar"
    rankable = by_gm[by_gm["looking"] >= region_charts.MIN_RANK]
    assert len(rankable) <= 2 * region_charts.EXTREMES  # the seed division: all of them fit
    assert sorted(bars["y"]) == sorted(rankable["gemeente_name"])
    assert list(bars["x"]) == sorted(bars["x"])  # the highest at the top
    title = fig["layout"]["title"]["text"]
    small = len(by_gm) - len(rankable)
    assert small > 0 and f"{small} niet gerangschikt (onder de grafiek)" in title and "hoogste" not in title
    assert f"minder dan {region_charts.MIN_RANK} werkzoekenden" in _captions(at) and f"): {small}. Ze staan" in _captions(at)
    i = bars["y"].index("Westland")
    assert bars["x"][i] == pytest.approx(193 / 276)
    assert [c for c in bars["marker"]["color"] if c == theme.HIGHLIGHT] == [theme.HIGHLIGHT]
    assert bars["marker"]["color"][i] == theme.HIGHLIGHT
    national = g["placed"].sum() / g["looking"].sum()
    assert f"Nederland {nl_pct(national)}" in [a["text"] for a in fig["layout"]["annotations"]]


def test_ranking_leaves_out_small_and_withheld_regions():
    import pandas as pd

    def row(code, rate, looking, hidden=False):
        return dict(region_code=code, region_name=code.lower(), rate=None if hidden else rate, rate_lo=rate,
                    rate_hi=rate, placed=None if hidden else (rate or 0) * looking,
                    looking=None if hidden else looking, rate__suppressed=hidden)
    df = pd.DataFrame([row("A", 0.9, 100), row("B", 0.2, 50), row("C", 1.0, 3), row("D", 0.5, 0, hidden=True),
                       row("E", 0.4, 40), row("F", 0.7, 12), row("G", None, 0)])
    ranked, small, hidden = region_charts.ranking(df, highlight="F")
    assert list(ranked["region_code"]) == ["B", "E", "F", "A"]  # by rate; the chosen one stays, though small
    assert list(small["region_code"]) == ["C", "G"] and list(hidden["region_code"]) == ["D"]
    fig = region_charts.rate_by_region(df, "T", "Bron", highlight="F")
    assert list(fig.data[0].y) == ["b", "e", "f (te klein om te rangschikken)", "a"]
    assert "3 niet gerangschikt" in fig.layout.title.text
    note = region_charts.unranked_note(df, "F")
    assert "): 2. Ze staan in de tabel." in note and "afgeschermd (1): d." in note
    # A table in the ranking's order (highest first), then the small and the withheld ones by name.
    assert list(region_charts.by_rate(df)["region_code"]) == ["A", "E", "B", "C", "F", "G", "D"]


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
    at.session_state["map"] = {"select": {"selection": {"points": [{"customdata": points["customdata"][i],
                                                                    "point_index": i}]}}}
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
