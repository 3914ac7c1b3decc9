"""Trends page: placements and rate per month or quarter, against counts made straight from the parquet files."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from conftest import app_test

from page_checks import WESTLAND_H1, NO_ROWS, _ts, _period, _select, _rate, nl_int, nl_pct, _chart, _trace, _metrics, _captions, _assert_empty


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
