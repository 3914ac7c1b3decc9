"""Charts with withheld values (publiek audience, docs/privacy.md): every chart type the pages draw, on the demo
data through the query layer (real DuckDB over the parquet files), checked on the Plotly traces. A stack reaches
its protected total with one grey 'afgeschermd' piece; nothing is drawn at 0 for a withheld value; every stack
or point with a withheld value carries the mark, at least 22 px in presentation mode."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from meedoen import i18n, pages
from meedoen.charts import kinds, overview, pilots, proeftuinen, withheld

Y2016 = dict(start=dt.date(2016, 1, 1), end=dt.date(2016, 12, 31))
H1_2016 = dict(start=dt.date(2016, 1, 1), end=dt.date(2016, 6, 30))
SEL = dict(programme=None, doelgroep=None)


@pytest.fixture(scope="module")
def run(demo_root):
    mp = pytest.MonkeyPatch()
    mp.setenv("MEEDOEN_DATA_DIR", str(demo_root))
    from meedoen.query import data

    def go(name, **params):
        res = data.run(name, data.Scope.local(data.version(), "publiek"), **params)
        assert res.error is None and res.audience == "publiek", res.error
        return res.df

    yield go
    mp.undo()


@pytest.fixture(scope="module")
def gemeenten(db) -> list[str]:
    return sorted(db.run("region_parents")["gemeente_code"])


# ------------------------------------------------------------------ reading a figure

def _isnan(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def _key(v):
    return pd.Timestamp(v) if isinstance(v, (pd.Timestamp, dt.date, np.datetime64)) else v


def _role(tr) -> str | None:
    return tr.meta.get("role") if isinstance(tr.meta, dict) else None


def _pieces(fig):
    return [tr for tr in fig.data if _role(tr) == withheld.ROLE_PIECE]


def _marks(fig) -> dict:
    """Category -> position along the value axis of each withheld mark."""
    out = {}
    for tr in fig.data:
        if _role(tr) == withheld.ROLE_MARK:
            assert set(tr.text) == {withheld.MARK} and tr.textfont.size >= withheld.MARK_SIZE
            horizontal = tr.textposition == "middle right"
            for c, v in zip(tr.y if horizontal else tr.x, tr.x if horizontal else tr.y):
                out[_key(c)] = v
    return out


def _heights(fig, horizontal: bool = False) -> dict:
    """Category -> the sum of every bar piece drawn there (the stack's height)."""
    out: dict = {}
    for tr in fig.data:
        if tr.type != "bar":
            continue
        for c, v in zip(tr.y if horizontal else tr.x, tr.x if horizontal else tr.y):
            assert not _isnan(v) and v > 0, (tr.name, c, v)  # nothing drawn at 0 for a withheld value
            out[_key(c)] = out.get(_key(c), 0.0) + float(v)
    return out


def _check_stacks(fig, df, by, col, total, *, horizontal=False, shares=False) -> pd.Series:
    """Every stack ends at its protected total when a piece is withheld; returns the states seen."""
    st = withheld.stacks(df, by, col, total)
    heights, marks = _heights(fig, horizontal), _marks(fig)
    for _, s in st.iterrows():
        k = _key(s["key"])
        h = heights.get(k, 0.0)
        if shares:  # 100%: the piece fills the bar; a withheld total makes all of it afgeschermd
            want = 1.0 if s["state"] in ("piece", "total_withheld") else s["shown"] / s["total"]
            assert h == pytest.approx(want), (k, s.to_dict(), h)
        elif s["state"] == "piece":
            assert h == pytest.approx(s["total"]), (k, s.to_dict(), h)  # reaches the protected total
        else:
            assert h == pytest.approx(s["shown"]), (k, s.to_dict(), h)
        assert (k in marks) == (s["hidden"] > 0), (k, s.to_dict())
    if (st["state"] == "piece").any():
        (piece,) = _pieces(fig)
        assert piece.name == "Afgeschermd" and piece.marker.pattern.shape == "/"
        assert piece.marker.color == withheld.COLOUR
    else:
        assert not _pieces(fig)
    return st["state"]


# ------------------------------------------------------------------ stacked bars

def test_a_month_reaches_its_protected_total(run):
    """Westland, January 2016: the withheld beschut werk is one grey piece on top, up to the month's total."""
    df = run("placements_by_month", grain="month", region="GM1783", **H1_2016, **SEL)
    assert {"total", "total__suppressed"} <= set(df.columns)
    fig = overview.placements_by_month(df, "t", "s")
    jan = df[df["month"] == pd.Timestamp("2016-01-01")]
    hidden_kinds = set(jan.loc[jan["placed__suppressed"], "work_kind"])
    assert hidden_kinds == {"beschut_werk"}
    total = jan["total"].iloc[0]
    assert _heights(fig)[pd.Timestamp("2016-01-01")] == total == 29  # not the 27 of the parts shown
    assert _marks(fig)[pd.Timestamp("2016-01-01")] == total
    (piece,) = _pieces(fig)
    i = [pd.Timestamp(x) for x in piece.x].index(pd.Timestamp("2016-01-01"))
    assert piece.y[i] == total - jan["placed"].sum() == 2
    assert "Beschut werk" in piece.hovertext[i] and "29" in piece.hovertext[i]
    _check_stacks(fig, df, "month", "placed", "total")


def test_month_bars_of_every_gemeente(run, gemeenten):
    """All three cases occur and hold: a piece drawn, a difference of 0 or less (no piece, the mark only), and a
    withheld total (the mark only)."""
    states = set()
    for code in gemeenten:
        df = run("placements_by_month", grain="month", region=code, **Y2016, **SEL)
        if df.empty:
            continue
        states |= set(_check_stacks(overview.placements_by_month(df, "t", "s"), df, "month", "placed", "total"))
    assert {"piece", "within_noise", "total_withheld", ""} <= states


def test_quarter_grain_and_english(run):
    df = run("placements_by_month", grain="quarter", region="GM1916", **Y2016, **SEL)
    assert set(pd.to_datetime(df["month"]).dt.month) <= {1, 4, 7, 10}
    i18n.set_lang("en")
    try:
        fig = overview.placements_by_month(df, "t", "s", grain="quarter")
    finally:
        i18n.set_lang("nl")
    (piece,) = _pieces(fig)
    assert piece.name == "Withheld" and "total" in piece.hovertext[0]
    assert fig.layout.xaxis.title.text == "quarter" and fig.layout.xaxis.ticktext[0].startswith("Q")
    st = withheld.stacks(df, "month", "placed", "total")
    for _, s in st[st["state"] == "piece"].iterrows():
        assert _heights(fig)[pd.Timestamp(s["key"])] == pytest.approx(s["total"])


def test_mostly_withheld_months_give_quarters(run):
    small = run("placements_by_month", grain="month", region="GM1916", **H1_2016, **SEL)
    big = run("placements_by_month", grain="month", region="GM1783", **H1_2016, **SEL)
    assert withheld.mostly_withheld(small, "placed") and not withheld.mostly_withheld(big, "placed")
    quarters = run("placements_by_month", grain="quarter", region="GM1916", **Y2016, **SEL)
    months = run("placements_by_month", grain="month", region="GM1916", **Y2016, **SEL)
    assert withheld.hidden(quarters, "placed").mean() <= withheld.hidden(months, "placed").mean()


def test_kinds_per_region_fill_the_bar(run):
    df = run("work_kind_by_region", level="gemeente", region="AM25", **H1_2016, **SEL)
    fig = kinds.kinds_by_region(df, "t", "s")
    states = _check_stacks(fig, df, "region_name", "placed", "total", horizontal=True, shares=True)
    assert "piece" in set(states) or "total_withheld" in set(states)


def test_pilot_activities_reach_the_activity_total(run):
    seen = set()
    for region, pilot in (("GM1916", "Alternatief beschut werk 2016"), ("AM21", None), ("AM36", None)):
        names = [pilot] if pilot else sorted(set(run("pilot_outflow", region=region, **Y2016)["pilot"]))
        for p in names:
            df = run("pilot_activities", region=region, pilot=p)
            if df.empty:
                continue
            fig = pilots.pilot_activities(df, "t", "s")
            seen |= set(_check_stacks(fig, df, "activity", "n", "activity_total", horizontal=True))
    assert seen - {""}, "no pilot with a withheld outcome in the demo data"


# ------------------------------------------------------------------ stacked areas

@pytest.mark.parametrize("region", ["GM1783", "GM1916", "GM1842", "AM36"])
@pytest.mark.parametrize("shares", [False, True])
def test_areas_never_drop_a_withheld_quarter_without_a_mark(run, region, shares):
    df = run("work_kind_by_quarter", end=dt.date(2016, 12, 31), region=region, **SEL)
    fig = kinds.kinds_over_time(df, "t", "s", shares=shares, period=(H1_2016["start"], H1_2016["end"]))
    st = withheld.stacks(df, "quarter", "placed", "total")
    quarters = [pd.Timestamp(q) for q in sorted(df["quarter"].unique())]
    areas = [tr for tr in fig.data if tr.type == "scatter" and tr.stackgroup == "one"]
    hid = withheld.hidden(df, "placed")
    tops = dict.fromkeys(quarters, 0.0)
    for tr in areas:
        for q, y in zip(tr.x, tr.y):
            assert not _isnan(y)
            tops[pd.Timestamp(q)] += float(y)
        if _role(tr) is None:  # a kind: no point where its count is withheld
            kind = next(k for k in withheld_kinds(df) if i18n.label("wk", k) == tr.name)
            withheld_at = set(pd.to_datetime(df.loc[hid & (df["work_kind"] == kind), "quarter"]))
            assert not withheld_at & {pd.Timestamp(q) for q in tr.x}
    marks = _marks(fig)
    for _, s in st.iterrows():
        q = pd.Timestamp(s["key"])
        if s["state"] == "piece":
            assert tops[q] == pytest.approx(1.0 if shares else s["total"])
        elif s["state"] == "total_withheld":
            assert tops[q] == pytest.approx(1.0 if shares else 0.0)  # all of it withheld
        assert (q in marks) == (s["hidden"] > 0)  # never at 0 without a mark
    if st["hidden"].any():
        (piece,) = _pieces(fig)
        assert piece.name == "Afgeschermd" and piece.fillpattern.shape == "/"


def withheld_kinds(df):
    return list(dict.fromkeys(df["work_kind"]))


# ------------------------------------------------------------------ flows

def test_proeftuin_flow_keeps_the_intakes(run):
    df = run("proeftuin_flow", start=dt.date(2021, 1, 1), end=dt.date(2021, 12, 31), region="AM25", partner=None)
    assert df["n__suppressed"].any()
    fig = proeftuinen.proeftuin_sankey(df, "t", "s")
    sk = fig.data[0]
    labels = list(sk.node.label)
    out = {}
    for s, v in zip(sk.link.source, sk.link.value):
        out[s] = out.get(s, 0) + v
    afg = [i for i, lab in enumerate(labels) if lab.startswith("Afgeschermd")]
    assert len(afg) == 1  # one afgeschermd node
    for i, (partner, total) in enumerate(df.groupby("partner", sort=False)["partner_total"].first().items()):
        assert labels[i] == f"Intake {partner} ({i18n.fmt_int(total)})"
        assert out[i] == pytest.approx(total)  # the intake's flows add up to its protected total
    assert all(v > 0 for v in sk.link.value)
    into_afg = [v for t, v in zip(sk.link.target, sk.link.value) if t == afg[0]]
    assert labels[afg[0]] == f"Afgeschermd ({i18n.fmt_int(sum(into_afg))})"
    assert any("+ x" in lab for lab in labels)  # a route or outcome with a withheld cell says so


def test_pilot_flow_keeps_the_participants(run):
    df = run("pilot_outflow", region="GM1916", **Y2016)
    d = df[df["pilot"] == "Alternatief beschut werk 2016"]
    fig = pilots.pilot_sankey(d, "t", "s")
    sk = fig.data[0]
    total = d["total"].iloc[0]
    assert sk.node.label[0] == f"Deelnemers ({i18n.fmt_int(total)})"
    assert sum(sk.link.value) == pytest.approx(total)
    assert sk.node.label[-1].startswith("Afgeschermd") and sk.node.color[-1] == withheld.COLOUR


def test_flow_without_room_for_a_piece_says_so():
    """Withheld outcomes whose difference is 0 or less: no flow, the mark on the participants."""
    df = pd.DataFrame({"outcome": ["regulier_werk", "uitgevallen"], "n": [9.0, np.nan], "total": [8.0, 8.0],
                       "share": [1.1, np.nan], "share_lo": [0.8, np.nan], "share_hi": [1.0, np.nan],
                       "n__suppressed": [False, True]})
    sk = pilots.pilot_sankey(df, "t", "s").data[0]
    assert list(sk.link.value) == [9.0]
    assert sk.node.label[0] == "Deelnemers (8) · x: 1 afgeschermd"


# ------------------------------------------------------------------ every page, publiek and presentation mode

CASES = [{"periode": "2016", "regio": "GM1916"}, {"periode": "2016-H1", "regio": "GM1842"},
         {"periode": "2021", "niveau": "arbeidsmarktregio", "regio": "AM25"}]


def _values(tr):
    horizontal = getattr(tr, "orientation", None) == "h"
    cats = tr.y if horizontal else tr.x
    vals = tr.x if horizontal else tr.y
    return list(cats) if cats is not None else [], list(vals) if vals is not None else []


@pytest.mark.parametrize("query", CASES)
@pytest.mark.parametrize("page", [pages.BY_NAME[n].path for n in pages.MANAGERS_PAGES])
def test_every_chart_of_a_page_marks_what_it_withholds(render, page, query):
    """Presentation mode (always publiek): every chart the page collected, as projected."""
    from meedoen.ui import present

    at = render(page, {**query, "presentatie": "1"})
    charts = at.session_state["_charts"] if "_charts" in at.session_state else {}
    for key, item in charts.items():
        fig = item.fig
        assert all(r.audience == "publiek" for r in item.results), key
        marks = [tr for tr in fig.data if tr.type == "scatter" and tr.mode == "text"]
        mark_at = {_key(v) for tr in marks for v in [*(tr.x if tr.x is not None else []), *(tr.y if tr.y is not None else [])]}
        for tr in fig.data:
            if tr.type not in ("bar", "scatter") or tr in marks or getattr(tr, "fill", None) == "toself" or tr.hoverinfo == "skip":
                continue
            cats, vals = _values(tr)
            for c, v in zip(cats, vals):
                if _isnan(v):
                    assert _key(c) in mark_at, (page, key, tr.name, c)  # a withheld value is marked, not dropped
            if fig.layout.barmode == "stack" and _role(tr) is None and tr.type == "bar":
                assert not any(_isnan(v) or v == 0 for v in vals), (page, key, tr.name)
        # Withheld marks and every other text readable from the back of a room.
        shown = present.presentation_figure(fig)
        for tr in shown.data:
            size = getattr(getattr(tr, "textfont", None), "size", None)
            if tr.type in ("scatter", "bar") and tr.text is not None:
                assert size is None or size >= present.MIN_FONT, (page, key, tr.name, size)
        for tr in _pieces(fig):
            assert tr.name == "Afgeschermd"


def test_overview_uses_quarters_where_months_are_mostly_withheld(render):
    at = render("app_pages/overview.py", {"periode": "2016", "regio": "GM1916", "presentatie": "1"})
    title = at.session_state["_charts"]["by_month"].fig.layout.title.text
    assert title.startswith("Plaatsingen per kwartaal") and "per maand zou het merendeel" in title
    at = render("app_pages/overview.py", {"periode": "2016-H1", "regio": "GM1783", "presentatie": "1"})
    fig = at.session_state["_charts"]["by_month"].fig
    assert fig.layout.title.text.startswith("Plaatsingen per maand") and _pieces(fig)


def test_trends_use_quarters_where_months_are_mostly_withheld(render):
    at = render("app_pages/trends.py", {"periode": "2016", "regio": "GM1842", "presentatie": "1"})
    charts = at.session_state["_charts"]
    assert charts and all("per maand zou het merendeel" in c.fig.layout.title.text for c in charts.values())
    assert all("per kwartaal" in c.fig.layout.title.text for c in charts.values())
    at = render("app_pages/trends.py", {"periode": "2016", "regio": "GM1783", "presentatie": "1"})
    assert all("merendeel" not in c.fig.layout.title.text for c in at.session_state["_charts"].values())


def test_presented_slide_has_large_withheld_marks(render):
    """The slide as sent to the browser: the 'x' marks at least 22 px."""
    import json

    # Slide 1 holds the KPI tiles; slide 2 the first chart.
    at = render("app_pages/overview.py", {"periode": "2016-H1", "regio": "GM1783", "presentatie": "1", "dia": "2"})
    from page_checks import chart_elements, chart_spec

    (chart,) = chart_elements(at)
    spec = chart_spec(chart)
    marks = [tr for tr in spec["data"] if isinstance(tr.get("meta"), dict) and tr["meta"].get("role") == "withheld_mark"]
    assert marks and all(tr["textfont"]["size"] >= 22 for tr in marks)
    assert any(tr.get("name") == "Afgeschermd" and tr.get("type") == "bar" for tr in spec["data"])


# ------------------------------------------------------------------ the map

def test_map_hatches_withheld_regions(run, geo_dir, app_env, monkeypatch):
    """Regio's page on a publiek server: a withheld rate is a grey hatched 'Afgeschermd' region, not 'no data'."""
    import json

    from conftest import app_test
    from meedoen.charts import geo
    from page_checks import _map, _role

    df = run("placement_rate_by_region", level="gemeente", region=None, **H1_2016, **SEL)
    hid = set(df.loc[withheld.hidden(df, "rate"), "region_code"])
    assert "GM1842" in hid and "GM1783" not in hid
    gj = json.loads((geo_dir / "gemeente_2024.geojson").read_text())
    fig = geo.map_figure(df, gj, value_col="rate", withheld=sorted(hid), withheld_label="Afgeschermd")
    (piece,) = [tr for tr in fig.data if _role(tr.to_plotly_json()) == "withheld"]
    assert piece.name == "Afgeschermd" and piece.fillpattern.shape == "/"
    points = next(tr for tr in fig.data if _role(tr.to_plotly_json()) == "points")
    shown = {c[0]: c[2] for c in points.customdata}
    assert shown["GM1842"] == "Afgeschermd" and shown["GM0014"] == "geen gegevens" and "%" in shown["GM1783"]

    monkeypatch.setenv("MEEDOEN_GEO_DIR", str(geo_dir))
    monkeypatch.setenv("MEEDOEN_AUDIENCE", "publiek")
    at = app_test({"periode": "2016-H1", "regio": "GM1783"}, "app_pages/regions.py")
    assert not at.exception
    spec = _map(at)
    names = {tr.get("name") for tr in spec["data"] if _role(tr) == "withheld"}
    assert names == {"Afgeschermd"}
