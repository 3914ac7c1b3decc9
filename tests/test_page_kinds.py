"""Beschut en regulier page: kinds of work against counts made straight from the parquet files."""

from __future__ import annotations


import pandas as pd
import pytest
from conftest import app_test

from meedoen.i18n import label

from page_checks import WESTLAND_H1, STEENWIJK_2019, NO_ROWS, _period, _select, _placed_by_kind, nl_int, nl_pct, _chart, _trace, _metrics, _captions, _assert_empty


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
