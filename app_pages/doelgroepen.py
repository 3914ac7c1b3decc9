"""Doelgroepen: time to first work, paid work on a date and durability of work, per doelgroep."""

import datetime as dt

import pandas as pd
import streamlit as st

from meedoen import ui
from meedoen.charts import doelgroepen as charts
from meedoen.query.data import peildatum, run
from meedoen.query.db import queries
from meedoen.i18n import fmt_date, fmt_int, fmt_num, fmt_pct, label, t

MAX_DAYS = 730  # "work within N days": up to two years

c = ui.page()
f = c.filters
st.caption(t("p1_dg_intro"))
peil = peildatum(c.version)
if peil is None:
    st.caption(t("p1_peil_missing"))
    peil = f.period.end

a, b = st.columns(2)
within = int(ui.choice("binnen", "p1_within", None, queries()["time_to_work"].param("within_days").default, parse=int,
                       valid=lambda n: 1 <= n <= MAX_DAYS, allowed=t("url_range", first=1, last=MAX_DAYS)))
ui.later(a).number_input(t("p1_within_days"), min_value=1, max_value=MAX_DAYS, step=1, key="p1_within")
# The key carries the period, so choosing another period resets "stand op" to its end.
first, last = dt.date(2000, 1, 1), max(peil, f.period.end)
on_key = f"p1_on_date_{f.period.code}"
on_date = ui.choice("stand", on_key, None, min(f.period.end, peil), parse=dt.date.fromisoformat,
                    text=dt.date.isoformat, valid=lambda d: first <= d <= last,
                    allowed=t("url_range", first=first.isoformat(), last=last.isoformat()))
ui.later(b).date_input(t("p1_on_date"), min_value=first, max_value=last, key=on_key, help=t("p1_on_date_help"),
                       format="DD-MM-YYYY")
if on_date > peil:
    st.warning(t("p1_after_peil", peildatum=fmt_date(peil)))

ttw = run("time_to_work", c.scope, **c.params(within_days=within))
paid = run("paid_work_on_date", c.scope, **c.params(on_date=on_date))
if ui.failed(ttw):
    ui.stop()

if len(ttw.df) == 1:  # one doelgroep: its numbers as tiles
    r = ttw.df.iloc[0]
    k1, k2, k3, k4 = st.columns(4)
    k1.metric(t("p1_kpi_ttw_placed", dg=label("dg", r["doelgroep"])), ui.count(r, "placed"), help=t("p1_kpi_ttw_help"))
    k1.caption(t("p1_kpi_ttw_placed_detail", period=f.period.label()))
    k2.metric(t("p1_kpi_within", days=within), ui.count(r, "within_n"), help=t("p1_kpi_within_help"))
    k2.caption(t("p1_kpi_within_detail", x=ui.count(r, "within_n"), n=ui.count(r, "placed"), share=ui.share(r, "within_share", 1),
                 lo=fmt_pct(r["within_lo"], 1), hi=fmt_pct(r["within_hi"], 1)))
    k3.metric(t("p1_kpi_median"), fmt_num(r["median_days"], 0), help=t("p1_kpi_median_help"))
    k3.caption(t("p1_kpi_median_detail", p25=fmt_num(r["p25_days"], 0), p75=fmt_num(r["p75_days"], 0)))
    p = paid.df[paid.df["doelgroep"] == r["doelgroep"]] if not paid.empty else pd.DataFrame()
    k4.metric(t("p1_kpi_paid", date=fmt_date(on_date)), ui.count(p.iloc[0], "paid") if len(p) else "0",
              help=t("p1_kpi_paid_help"))
    if len(p):
        k4.caption(t("p1_kpi_paid_detail", paid=ui.count(p.iloc[0], "paid"), n=ui.count(p.iloc[0], "in_view"),
                     share=ui.share(p.iloc[0], "share", 1), lo=fmt_pct(p["lo"].iloc[0], 1), hi=fmt_pct(p["hi"].iloc[0], 1)))

fig = charts.time_to_work(ttw.df, t("p1_ch_ttw", **c.where_when()), c.source(), within_days=within)
ui.chart(fig, ttw, key="dg-ttw")

dist = run("time_to_work_distribution", c.scope, **c.params())
if not ui.failed(dist):
    fig = charts.time_to_work_distribution(dist.df, t("p1_ch_ttw_dist", **c.where_when()), c.source())
    ui.chart(fig, dist, key="dg-dist")

if not ui.failed(paid):
    fig = charts.paid_work(paid.df, t("p1_ch_paid", date=fmt_date(on_date), where=c.region_name()), c.source())
    ui.chart(fig, paid, key="dg-paid")

dur = run("durability", c.scope, **c.params(peildatum=peil))
if not ui.failed(dur):
    st.caption(t("p1_durable_note", peildatum=fmt_date(peil)))
    if dur.df["eligible"].sum() == 0:
        ui.empty_state(t("p1_durable_none"))
    else:
        fig = charts.durability(dur.df, t("p1_ch_durable", **c.where_when()), c.source())
        ui.chart(fig, dur, key="dg-durable")

st.subheader(t("p1_table"))
table = ttw.df.merge(paid.df[["doelgroep", "in_view", "paid"]] if not paid.empty else
                     pd.DataFrame(columns=["doelgroep", "in_view", "paid"]), on="doelgroep", how="left")
st.dataframe(
    table.assign(doelgroep=[label("dg", g) for g in table["doelgroep"]])[
        ["doelgroep", "placed", "within_n", "median_days", "p25_days", "p75_days", "in_view", "paid"]].rename(columns={
            "doelgroep": t("p1_col_doelgroep"), "placed": t("p1_col_placed"), "within_n": t("p1_col_within", days=within),
            "median_days": t("p1_col_median"), "p25_days": t("p1_col_p25"), "p75_days": t("p1_col_p75"),
            "in_view": t("p1_col_in_view"), "paid": t("p1_col_paid")}),
    hide_index=True, width="stretch")
