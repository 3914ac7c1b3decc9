"""Kept figures (meedoen/charts/memo.py): one build per chart, rows and language, shared by every session and
never changed by what the pages do with them."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from meedoen import pages
from meedoen.charts import memo
from meedoen.charts import regions as region_charts

from conftest import ROOT, app_test
from page_checks import chart_elements, chart_spec

MANAGERS = [pages.BY_NAME[n].path for n in pages.MANAGERS_PAGES]


@pytest.fixture
def checked(monkeypatch):
    monkeypatch.setattr(memo, "CHECK", True)
    memo.clear()
    yield
    memo.clear()


def _specs(at) -> list[dict]:
    return [chart_spec(el) for el in chart_elements(at)]


# The trace types the app's Plotly build holds (scripts/plotly/entry.js; scatter is in Plotly's core).
ENTRY = (ROOT / "scripts/plotly/entry.js").read_text()
BUNDLED = {"scatter"} | set(re.findall(r"plotly\.js/lib/(\w+)'", ENTRY)) - {"core"}


def _df(rate=0.5):
    return pd.DataFrame({"region_code": ["GM0363", "GM0518"], "region_name": ["Amsterdam", "'s-Gravenhage"],
                         "placed": [50, 40], "looking": [100, 90], "rate": [rate, 40 / 90],
                         "rate_lo": [0.4, 0.35], "rate_hi": [0.6, 0.55]})


def test_the_key_follows_the_rows_and_the_language(monkeypatch):
    fn = region_charts.rate_by_region.build
    k = memo.key(fn, {"df": _df(), "title": "t"})[0]
    assert memo.key(fn, {"df": _df(), "title": "t"})[0] == k  # the same rows in another frame
    assert memo.key(fn, {"df": _df(0.51), "title": "t"})[0] != k  # one value changed
    assert memo.key(fn, {"df": _df()[["region_name", "region_code", "placed", "looking", "rate", "rate_lo",
                                        "rate_hi"]], "title": "t"})[0] != k  # columns in another order
    assert memo.key(fn, {"df": _df(), "title": "t "})[0] != k
    assert memo.key(fn, {"df": _df().astype({"placed": float}), "title": "t"})[0] != k  # another type
    nan = _df()
    nan.loc[0, "rate"] = np.nan
    assert memo.key(fn, {"df": nan, "title": "t"})[0] != k
    assert memo.key(fn, {"df": nan.copy(), "title": "t"})[0] == memo.key(fn, {"df": nan, "title": "t"})[0]
    monkeypatch.setattr(memo, "lang", lambda: "en")
    assert memo.key(fn, {"df": _df(), "title": "t"})[0] != k  # labels and number formats differ by language
    with pytest.raises(memo.Unkeyable):
        memo.key(fn, {"df": object()})


def test_a_builder_runs_once_per_input_and_unkeyable_input_is_just_built(checked):
    a = region_charts.rate_by_region(_df(), "Titel", "Bron")
    b = region_charts.rate_by_region(_df(), "Titel", "Bron")
    c = region_charts.rate_by_region(_df(0.51), "Titel", "Bron")
    assert a is b and a is not c and memo.stats["builds"] == 2 and memo.stats["hits"] == 1
    assert memo.derived(a, "x", lambda: [1]) is memo.derived(a, "x", lambda: [2])  # kept with the figure
    assert memo.derived(object(), "x", lambda: 3) == 3  # not a kept figure: made each time


@pytest.mark.parametrize("query", [{}, {"taal": "en", "regio": "GM0363", "periode": "2016-H1"},
                                   {"presentatie": "1", "periode": "2016", "regio": "GM1916"}])
def test_pages_leave_the_kept_figures_as_built_and_a_second_view_builds_nothing(app_env, checked, query):
    for page in MANAGERS:
        first = app_test(query, page)
        assert not first.exception, (page, [e.value for e in first.exception])
        builds = memo.stats["builds"]
        again = first.run()
        assert memo.stats["builds"] == builds, page  # the second view reuses every figure
        assert _specs(again) == _specs(first), page
        drawn = {tr.get("type", "scatter") for spec in _specs(first) for tr in spec["data"]}
        assert drawn <= BUNDLED, (page, drawn - BUNDLED)  # else: add it to scripts/plotly/entry.js, rebuild
    assert memo.stats["builds"] > 0 and memo.stats["hits"] > 0
    assert memo.changed() == []


def test_publiek_marks_go_on_a_copy(app_env, checked):
    """Publiek marks withheld values on a copy: the kept figure stays as built and a second publiek view shows
    the same marks once."""
    query = {"periode": "2016", "regio": "GM1916"}
    for page in MANAGERS:
        views = []
        for _ in range(2):
            at = app_test(query, page)
            at.session_state["publiek_files"] = True  # an intern session that chose publiek numbers
            views.append(_specs(at.run()))
        assert views[1] == views[0], page
    assert memo.stats["derived_hits"] > 0
    assert memo.changed() == []


def test_kept_tables_follow_the_audience_and_each_caller_gets_a_copy(checked):
    from meedoen.ui.tiles import display_frame

    df = _df().assign(placed__suppressed=[True, False], placed__small=[True, False])
    df.attrs.update(audience="publiek", suppress_k=5)
    shown = display_frame(df)
    assert list(shown["placed"]) == ["<5", "40"]
    shown.loc[0, "placed"] = "changed by a caller"
    assert list(display_frame(df)["placed"]) == ["<5", "40"]
    intern = df.copy()
    intern.attrs.update(audience="intern")
    assert memo.key(display_frame, {"df": intern})[0] != memo.key(display_frame, {"df": df})[0]  # attrs count


def test_what_is_kept_stays_within_its_budget(checked, monkeypatch):
    monkeypatch.setattr(memo, "MAX_FIGURES_MB", 0.35)  # three small charts
    figs = [region_charts.rate_by_region(_df(0.5 + i / 100), "Titel", "Bron") for i in range(6)]
    assert memo.stats["builds"] == 6
    assert region_charts.rate_by_region(_df(0.55), "Titel", "Bron") is figs[5]  # the latest are kept
    assert region_charts.rate_by_region(_df(0.50), "Titel", "Bron") is not figs[0]  # the first went
    assert memo.derived(figs[0], "x", lambda: 1) == 1 and memo.derived(figs[0], "x", lambda: 2) == 2  # its forms too
