"""Beschut en regulier: the mix of kinds of work over time and by region, and the shift in the beschut share."""

import pandas as pd
import streamlit as st

from meedoen import ui
from meedoen.charts import kinds as charts
from meedoen.query.data import run
from meedoen.filters import level_label
from meedoen.i18n import fmt_int, fmt_num, fmt_pct, label, t

c = ui.page()
f = c.filters
st.caption(t("p1_kinds_intro"))

share = run("sheltered_share", c.scope, **c.params())
prev = run("sheltered_share", c.scope, **c.params(start=f.period.previous_year().start, end=f.period.previous_year().end))
counts = run("work_kind_counts", c.scope, **c.params())
if ui.failed(counts):
    ui.stop()

cols = st.columns(1 + len(counts.df))
with cols[0]:
    s, p = share.value("share_beschut"), prev.value("share_beschut")
    delta = None
    if s is not None and p is not None:
        delta = t("p1_kpi_beschut_delta", delta=fmt_num(100 * (s - p), 1) + " %-pt", year=f.period.previous_year().label())
    s0 = share.df.iloc[0] if not share.empty else {}
    both = share.value("beschut") + share.value("regulier") if s0 is not None and len(s0) and \
        not (pd.isna(s0["beschut"]) or pd.isna(s0["regulier"])) else None
    ui.metric(t("p1_share_beschut"), ui.share(s0, "share_beschut", 1) if len(s0) else "–",
              t("p1_kpi_beschut_detail", beschut=ui.count(s0, "beschut") if len(s0) else "0",
                n=fmt_int(both) if both is not None else "x",
                lo=fmt_pct(share.value("lo"), 1), hi=fmt_pct(share.value("hi"), 1)), delta=delta, delta_color="off",
              help=t("p1_kpi_beschut_help"))
# All placements of the period, as protected by its own query (a sum of withheld cells would undercount).
total = ui.count(share.df.iloc[0], "total") if not share.empty else fmt_int(counts.df["placed"].sum())
for col, (_, r) in zip(cols[1:], counts.df.iterrows()):
    with col:
        ui.metric(label("wk", r["work_kind"]), ui.count(r, "placed"),
                  t("p1_kpi_kind_detail", share=ui.share(r, "share", 1), total=total), help=t("p1_kpi_kind_help"))
ui.protection_note(share, counts)

over_time = run("work_kind_by_quarter", c.scope, **c.params())
if not ui.failed(over_time):
    modes = {"counts": "aantallen", "shares": "aandelen"}  # value -> its word in the link (toon=)
    mode = ui.choice("toon", "p1_kinds_mode", list(modes), "counts", words=modes) or "counts"
    ui.later().segmented_control(t("p1_show"), list(modes), key="p1_kinds_mode", format_func=lambda m: t(f"p1_{m}"))
    fig = charts.kinds_over_time(over_time.df, t("p1_ch_kinds_time", **c.where_when()), c.source(),
                                    shares=mode == "shares", period=(f.period.start, f.period.end))
    ui.chart(fig, over_time, key="kinds-time")

by_year = run("sheltered_share_by_year", c.scope, **c.params())
if not ui.failed(by_year):
    fig = charts.share_beschut_by_year(by_year.df, t("p1_ch_share_beschut", **c.where_when()), c.source(),
                                          year=f.period.year if f.period.kind == "year" else None)
    ui.chart(fig, by_year, key="kinds-share-year")

# A single gemeente is compared with the other gemeenten of its arbeidsmarktregio.
parent = None
if f.level == "gemeente" and f.region:
    parent = c.regions.loc[c.regions["code"] == f.region, "parent_code"].iloc[0]
by_region = run("work_kind_by_region", c.scope, **c.params(region=parent))
if not ui.failed(by_region):
    fig = charts.kinds_by_region(
        by_region.df, t("p1_ch_kinds_region", level=level_label(f.level).lower(), where=c.region_name(parent),
                        period=f.period.label()), c.source(), highlight=f.region)
    ui.chart(fig, by_region, key="kinds-region")
