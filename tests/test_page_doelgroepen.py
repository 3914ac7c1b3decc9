"""Doelgroepen page: time to work and paid work per doelgroep, against counts made straight from the parquet files."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from conftest import app_test

from meedoen.i18n import label

from page_checks import PAID_KINDS, STEENWIJK_2019, STATUSHOUDERS, NO_ROWS, _ts, _period, _select, nl_int, _chart, _metrics, _captions, _frame, _assert_empty


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


def test_a_failing_page_still_draws_its_choices_and_the_filters(app_env, monkeypatch):
    """Widgets are drawn after the page (ui.widgets, from a `finally` in app.py): a page that fails halfway
    still shows its own choices and the sidebar's filters, to choose another view."""
    from meedoen.charts import doelgroepen as charts

    def broken(*args, **kwargs):
        raise RuntimeError("kapotte grafiek")

    monkeypatch.setattr(charts, "time_to_work_distribution", broken)
    at = app_test(STATUSHOUDERS, "app_pages/doelgroepen.py")
    assert at.exception  # shown without its details (client.showErrorDetails = "none")
    assert at.number_input(key="p1_within").value == 21
    assert at.selectbox(key="f_region").value == "GM1783"
    assert at.segmented_control(key="f_lang").value == "nl"
