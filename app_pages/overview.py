"""Overzicht: headline KPIs and two charts for the selection."""

import pandas as pd
import streamlit as st

from meedoen import ui
from meedoen.charts import overview as charts
from meedoen.charts import regions as region_charts
from meedoen.query.data import run
from meedoen.filters import level_label
from meedoen.i18n import fmt_int, fmt_pct, t

c = ui.page()
f = c.filters

rate = run("placement_rate", c.scope, **c.params())
targets = run("kpi_targets", c.scope, **c.params())
share = run("sheltered_share", c.scope, **c.params())

# One row each; counts and rates as the audience may see them ('<5' or 'x' when withheld).
r0 = rate.df.iloc[0] if not rate.empty else {"placed": 0, "looking": 0}
s0 = share.df.iloc[0] if not share.empty else {"beschut": 0, "regulier": 0}
k1, k2, k3, k4 = st.columns(4)
with k1:
    ui.metric(t("kpi_rate"), ui.share(r0, "rate"),
              t("kpi_rate_detail", placed=ui.count(r0, "placed"), looking=ui.count(r0, "looking"),
                lo=fmt_pct(rate.value("rate_lo")), hi=fmt_pct(rate.value("rate_hi"))), help=t("kpi_rate_help"))
with k2:
    ui.metric(t("kpi_placed"), ui.count(r0, "placed"), t("kpi_placed_detail"))
with k3:
    row = targets.df[targets.df["measure"] == "plaatsingen"] if not targets.empty else targets.df
    if row.empty:
        ui.metric(t("kpi_target"), "–", t("kpi_no_target"))
    else:
        r = row.iloc[0]
        years = str(r["first_year"]) if r["first_year"] == r["last_year"] else f"{r['first_year']}–{r['last_year']}"
        if pd.isna(r["realised"]):  # withheld for this audience: the gap would give it away
            state = t("gap_withheld")
        else:
            gap = int(r["target"] - r["realised"])
            state = t("target_met", gap=fmt_int(-gap)) if gap <= 0 else t("off_track", gap=fmt_int(gap))
        ui.metric(t("kpi_target"), f"{ui.count(r, 'realised')} / {fmt_int(r['target'])}",
                  t("kpi_target_detail", realised=ui.count(r, "realised"), target=fmt_int(r["target"]), years=years,
                    state=state))
with k4:
    ui.metric(t("kpi_share_beschut"), ui.share(s0, "share_beschut"),
              t("kpi_share_detail", beschut=ui.count(s0, "beschut"), regulier=ui.count(s0, "regulier")))
ui.protection_note(rate, targets, share)

by_month = run("placements_by_month", c.scope, **c.params())
if not ui.failed(by_month):
    fig = charts.placements_by_month(by_month.df, t("ch_by_month", **c.where_when()), c.source())
    ui.chart(fig, by_month, key="by_month")

# Compare the selected region with its neighbours: gemeenten within its arbeidsmarktregio,
# otherwise regions of the same level across the country.
parent = None
if f.level == "gemeente" and f.region:
    parent = c.regions.loc[c.regions["code"] == f.region, "parent_code"].iloc[0]
comp = run("placement_rate_by_region", c.scope, **c.params(region=parent))
national = run("placement_rate", c.scope, **c.params(region=None))
if not ui.failed(comp):
    fig = region_charts.rate_by_region(
        comp.df, t("ch_rate_regions", level=level_label(f.level).lower(), where=c.region_name(parent),
                   period=f.period.label()),
        c.source(), highlight=f.region, national={"rate": national.value("rate")})
    ui.chart(fig, comp, national, key="rate_regions")
