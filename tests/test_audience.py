"""People's data in the app: the publiek audience on every query and page, roles, login, region restriction."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import duckdb
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, app_test, open_panels
from page_checks import chart_elements, chart_spec
from meedoen import auth, pages, privacy, versions
from meedoen.query.db import Database, queries

PAGES = [pages.BY_NAME[n].path for n in pages.MANAGERS_PAGES]  # the managers' pages


def params_for(year: int, region: str | None) -> dict:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return dict(start=start, end=end, region=region, programme=None, doelgroep=None, level="gemeente",
                peildatum=dt.date(2025, 12, 31), on_date=end, within_days=21, grain="month",
                gemeente=region if region and region.startswith("GM") else "GM1783", peers=8,
                pilot="Alternatief beschut werk 2016", partner=None, norm=0.05, network=None, sector=None,
                status=None, events_path=str(ROOT / "data" / "events.csv"), **{"from": dt.date(year - 1, 1, 1)})


# ------------------------------------------------------------------ the rule, checked independently

def check_publiek(name: str, df: pd.DataFrame, k: int) -> list[str]:
    """What a reader of the protected result could see that they should not; [] when nothing."""
    spec = privacy.parse(queries()[name].protect)
    bad = []
    if spec is None:
        return [f"{name}: no protect header"]
    if spec.none or df.empty:
        return bad

    def vis(col):
        return pd.to_numeric(df[col], errors="coerce")

    keys = [c for c in df.columns if c.endswith("__ck")]
    if keys:
        bad.append(f"{name}: cell keys {keys} left the query layer")
    for c in spec.counts:
        if c in df.columns:
            v = vis(c)
            small = v[(v >= 0) & (v < k)]
            if len(small):
                bad.append(f"{name}.{c}: visible counts below k {list(small)[:3]}")
    for rate, den, num in spec.rates:
        if rate not in df.columns:
            continue
        shown = vis(rate).notna()
        for col in [*(den or "").split("+"), num]:
            if col and col in spec.counts and (shown & vis(col).isna()).any():
                bad.append(f"{name}: {rate} shown while {col} is withheld")
        if num and den and (vis(rate) > 1 + 1e-9).any():  # a part of a whole: noise must not lift it past 100%
            bad.append(f"{name}: {rate} above 100%: {list(vis(rate)[vis(rate) > 1])[:3]}")
    for status, count, needed, group in spec.norms:
        # A verdict may say no more than the count as shown: decided from it, none where it is withheld.
        v, need, got = vis(count), vis(needed), df[status]
        decided = got.isin(["voldoet", "voldoet_niet"])
        if (decided & v.isna()).any():
            bad.append(f"{name}: {status} given for a withheld {count}")
        wrong = decided & v.notna() & ((v >= need) != (got == "voldoet"))
        if wrong.any():
            bad.append(f"{name}: {status} not from the shown {count} in {int(wrong.sum())} rows")
        for g, rows in df.groupby(group):
            if "net_meets" in df and rows["net_meets"].nunique() == 1 and \
                    rows["net_meets"].iloc[0] != (rows[status] == "voldoet").sum():
                bad.append(f"{name}: net_meets of {g} not counted from the shown verdicts")
    return bad


def test_every_query_declares_its_protection():
    missing = [n for n, q in queries().items() if q.protect is None]
    assert not missing, f"queries without a '-- protect:' header: {missing}"
    for q in queries().values():
        privacy.parse(q.protect)  # parses


@pytest.fixture(scope="module")
def demo_frames(demo_version):
    con = duckdb.connect()
    out = {}
    for t in ("placements", "pilots", "proeftuinen", "targets", "regions", "employers"):
        g = versions.table_glob(demo_version.path, t)
        out[t] = con.execute(f"SELECT * FROM read_parquet('{g}', union_by_name=true)").df()
    out["placements"] = out["placements"][[c for c in out["placements"].columns if c != "intake_year"]]
    return out


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), persons=st.integers(5, 400), k=st.sampled_from([3, 5, 10]),
       year=st.sampled_from([2016, 2019, 2021]), region=st.sampled_from([None, "GM1916", "GM1783", "AM26"]))
def test_publiek_results_never_show_a_small_or_derivable_count(demo_frames, tmp_path_factory, seed, persons, k,
                                                               year, region):
    """Random small populations: every named query, protected for publiek, passes the independent checks."""
    rng = np.random.default_rng(seed)
    folder = tmp_path_factory.mktemp("pub")
    for t, df in demo_frames.items():
        if "person_key" in df.columns:
            keys = df["person_key"].unique()
            pick = set(rng.choice(keys, size=min(persons, len(keys)), replace=False))
            df = df[df["person_key"].isin(pick)]
        df.to_parquet(folder / f"{t}.parquet", index=False)
    db = Database(versions.Version("h", folder, {"peildatum": "2025-12-31"}))
    problems = []
    p = params_for(year, region)
    for name, q in queries().items():
        raw = db.run(name, {x: p[x] for x in q.params})
        out = privacy.apply(raw, privacy.parse(q.protect), "publiek", k)
        problems += check_publiek(name, out, k)
        # The export of a chart's data is this frame: its CSV holds no more than the frame.
        if not out.empty:
            csv = pd.read_csv(pd.io.common.StringIO(out.to_csv(index=False)))
            for c in privacy.parse(q.protect).counts:
                if c in csv:
                    assert not ((csv[c] >= 1) & (csv[c] < k)).any(), (name, c)
    db.close()
    assert not problems, problems


def test_intern_shows_exact_counts_and_marks_small_groups(db):
    p = params_for(2016, "GM1916")
    out = privacy.apply(db.run("pilot_outflow", {x: p[x] for x in queries()["pilot_outflow"].params}),
                        privacy.parse(queries()["pilot_outflow"].protect), "intern", 5)
    lv = out[out["pilot"].str.startswith("Alternatief")]
    assert dict(zip(lv["outcome"], lv["n"])) == {"regulier_werk": 2, "traject_naar_werk": 1, "beschut_werk_nodig": 6}
    assert list(lv.sort_values("n")["n__small"]) == [True, True, False]


# ------------------------------------------------------------------ rendered pages

def _axis(layout: dict, ref: str) -> dict:
    """The layout entry of a trace's axis reference ('x', 'y2' → xaxis, yaxis2)."""
    return layout.get(ref[0] + "axis" + ref[1:], {}) or {}


def _numbers(values) -> list[float]:
    out = []
    for v in values if isinstance(values, (list, tuple)) else []:
        if isinstance(v, (list, tuple)):
            out += _numbers(v)
        elif isinstance(v, (int, float)) and not isinstance(v, bool) and v == v:
            out.append(float(v))
    return out


def _chart_counts(at) -> list[float]:
    """Every number the page's charts show as a count, whatever the trace type: bar and line values on a
    count axis (not the 'withheld' piece of a stack), pie and funnel values, heatmap cells, Sankey links (not
    the 'withheld' flows) and text labels that read as a plain count. Percent axes, hidden axes (maps) and
    labels with % are rates or coordinates, not counts."""
    vals = []
    for ch in chart_elements(at):
        spec = chart_spec(ch)
        layout = spec.get("layout", {})
        for tr in spec["data"]:
            kind = tr.get("type", "scatter")
            if kind == "sankey":
                labels = tr["node"]["label"]
                vals += [v for v, tg in zip(tr["link"]["value"], tr["link"]["target"])
                         if v is not None and not str(labels[tg]).startswith("Afgeschermd")]
            elif isinstance(tr.get("meta"), dict) and tr["meta"].get("role") == "withheld":
                pass  # the 'afgeschermd' piece of a stack: a total minus its shown parts, not a count
            elif kind in ("bar", "scatter", "scattergl", "histogram", "box", "violin", "waterfall"):
                horizontal = tr.get("orientation") == "h"
                ref = tr.get("xaxis", "x") if horizontal else tr.get("yaxis", "y")
                axis = _axis(layout, ref)
                fmt = str(axis.get("tickformat", "")) + str(axis.get("ticksuffix", ""))
                if axis.get("visible", True) is not False and "%" not in fmt:
                    vals += _numbers(tr.get("x" if horizontal else "y"))
            elif kind in ("pie", "funnel", "funnelarea", "treemap", "sunburst", "icicle"):
                vals += _numbers(tr.get("values") or tr.get("x"))
            elif kind in ("heatmap", "contour", "choropleth", "choroplethmapbox", "choroplethmap"):
                vals += _numbers(tr.get("z"))
            texts = tr.get("text")
            for t in texts if isinstance(texts, list) else [texts]:
                if isinstance(t, (int, float)) and not isinstance(t, bool):
                    vals.append(float(t))
                elif isinstance(t, str):
                    vals += [float(m) for m in re.findall(r"(?<![\w.,%<\-–/:])(\d+)(?![\w.,%\-–:])", t)
                             if not re.search(m + r"\s*%", t)]
    return vals


@pytest.mark.parametrize("query", [{"periode": "2016", "regio": "GM1916"},
                                   {"periode": "2019", "niveau": "arbeidsmarktregio", "regio": "AM26"}])
def test_publiek_pages_show_no_small_counts(app_env, monkeypatch, query):
    monkeypatch.setenv("MEEDOEN_AUDIENCE", "publiek")
    for page in PAGES:
        at = app_test(query, page)
        assert not at.exception, (page, at.exception)
        assert any("publiek" in c.value for c in at.caption), f"{page}: audience not shown"
        small = [v for v in _chart_counts(at) if 1 <= v < 5]
        assert not small, f"{page}: a chart shows {small}"
        for m in at.metric:
            assert m.value not in {"1", "2", "3", "4"}, f"{page}: metric {m.label} = {m.value}"
        # The CSV downloads of the page's charts (the export jobs the buttons call).
        counts = {c for q in queries().values() if q.protect for c in privacy.parse(q.protect).counts}
        jobs = {k: j for k, j in at.session_state["_export_jobs"].items() if k.startswith("csv-")}
        assert jobs or not chart_elements(at), page
        for name, job in jobs.items():
            # Dutch pages: the Dutch Excel dialect (';', decimal comma).
            csv = pd.read_csv(io.StringIO(job().decode("utf-8-sig")), dtype=str, sep=";")
            for col in counts & set(csv.columns):
                small = [v for v in csv[col].dropna()
                         if v.replace(",", "").isdigit() and 1 <= float(v.replace(",", ".")) < 5]
                assert not small, f"{page} {name}.{col}: {small}"


def test_publiek_pilot_page_withholds_the_small_outcomes(app_env, monkeypatch):
    monkeypatch.setenv("MEEDOEN_AUDIENCE", "publiek")
    at = open_panels(app_test({"periode": "2016", "regio": "GM1916"}, "app_pages/pilots.py"))
    assert not at.exception
    text = " ".join(str(df.value.to_dict()) for df in at.dataframe)  # the page's table and the queries' data
    # 2 and 1 are below 5 and withheld; 6 and 9 show perturbed (at most 2 off), so 9 - 6 gives a range.
    assert not re.search(r"(?<!\d)[12] / \d", text)
    assert len(re.findall(r"<5 / \d+", text)) >= 2
    assert any("<5" in c.value or "x = " in c.value for c in at.caption)


def test_presentation_forces_publiek(app_env):
    at = app_test({"periode": "2016", "regio": "GM1916"})
    at.session_state["present"] = True
    at.run()
    assert not at.exception
    assert any("publiek" in c.value for c in at.caption)


# ------------------------------------------------------------------ roles and login

HASH = auth.hash_password("geheim", iterations=1000)


def _login_app(query: dict, users: dict, page: str | None = None):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.secrets["auth"] = {"users": users}
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    return at


def _sign_in(at, name: str, password: str = "geheim"):
    at.text_input[0].input(name)
    at.text_input[1].input(password)
    at.button[0].click()
    at.run()
    return at


def test_login_required_when_configured(app_env):
    at = _login_app({"periode": "2016-H1", "regio": "GM1783"}, {"ann": {"password_hash": HASH, "role": "viewer"}})
    assert not at.exception
    assert not chart_elements(at) and not at.metric, "nothing may show before signing in"
    _sign_in(at, "ann", "fout")
    assert not at.metric and any("klopt niet" in e.value for e in at.error)
    _sign_in(at, "ann")
    assert not at.exception
    assert at.metric[0].value == "70%"
    assert any("ann" in c.value and "kijker" in c.value for c in at.caption)


def test_restricted_viewer_cannot_reach_another_region_through_the_url(app_env):
    users = {"wes": {"password_hash": HASH, "role": "viewer", "regions": ["GM1783"]}}
    at = _login_app({"periode": "2016-H1", "regio": "GM1916"}, users)  # Leidschendam-Voorburg: not theirs
    _sign_in(at, "wes")
    assert not at.exception
    assert "Westland" in at.title[0].value and "Leidschendam" not in at.title[0].value
    assert at.selectbox(key="f_region").options == ["Westland"]
    assert at.metric[0].value == "70%"
    # Comparisons show no other gemeente either.
    for ch in chart_elements(at):
        assert b"Leidschendam" not in ch.proto.bytes and b"Delft" not in ch.proto.bytes


def test_no_named_query_returns_a_person_key(db):
    p = params_for(2021, None)
    for name, q in queries().items():
        cols = db.run(name, {x: p[x] for x in q.params}).columns
        assert "person_key" not in cols, name


def test_person_level_data_only_for_researchers(app_env, monkeypatch):
    q = {"periode": "2021", "niveau": "arbeidsmarktregio", "regio": "AM26"}
    monkeypatch.setenv("MEEDOEN_LOCAL_ROLE", "viewer")
    at = open_panels(app_test(q, "app_pages/proeftuinen.py"))
    assert any("één rij per persoon" in i.value for i in at.info)
    assert not any("days" in df.value.columns for df in at.dataframe)
    monkeypatch.setenv("MEEDOEN_LOCAL_ROLE", "researcher")
    at = open_panels(app_test(q, "app_pages/proeftuinen.py"))
    assert not any("één rij per persoon" in i.value for i in at.info)
    assert any("days" in df.value.columns for df in at.dataframe)


def test_viewer_sees_every_manager_page(app_env, monkeypatch):
    monkeypatch.setenv("MEEDOEN_LOCAL_ROLE", "viewer")
    for page in PAGES:
        at = app_test({"periode": "2021", "niveau": "arbeidsmarktregio", "regio": "AM26"}, page)
        assert not at.exception, page
        assert chart_elements(at), f"{page}: no chart for a viewer"
