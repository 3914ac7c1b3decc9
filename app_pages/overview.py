"""Overzicht: headline KPIs with their change on a year earlier, and two charts for the selection."""

import streamlit as st

from meedoen import target_state, ui
from meedoen.charts import overview as charts
from meedoen.charts import regions as region_charts
from meedoen.charts import withheld
from meedoen.query.data import peildatum, run
from meedoen.filters import level_label
from meedoen.i18n import fmt_pct, label, t

c = ui.page()
f = c.filters
peil = peildatum(c.version) or f.period.end

rate = run("placement_rate", c.scope, **c.params())
targets = run("kpi_targets_period", c.scope, **c.params(peildatum=peil))
share = run("sheltered_share", c.scope, **c.params())
# The same period a year earlier, through the same queries: the change on the tiles.
prev = f.period.previous_year()
rate_prev = run("placement_rate", c.scope, **c.params(start=prev.start, end=prev.end))
share_prev = run("sheltered_share", c.scope, **c.params(start=prev.start, end=prev.end))

# One row each; counts and rates as the audience may see them ('<5' or 'x' when withheld).
r0 = rate.df.iloc[0] if not rate.empty else {"placed": 0, "looking": 0}
s0 = share.df.iloc[0] if not share.empty else {"beschut": 0, "regulier": 0}
# A year without anyone looking (before the data starts) has nothing to compare with.
p0 = rate_prev.df.iloc[0] if not rate_prev.empty and rate_prev.df["looking"].iloc[0] != 0 else None
q0 = share_prev.df.iloc[0] if not share_prev.empty and share_prev.df["total"].iloc[0] != 0 else None


def points(d: str | None) -> str | None:
    return t("yoy_pp", n=d) if d else None


k1, k2, k3, k4 = st.columns(4)
with k1:
    d = points(ui.change(r0, p0, "rate", 100, 1))
    ui.metric(t("kpi_rate"), ui.share(r0, "rate"),
              t("kpi_rate_detail", placed=ui.count(r0, "placed"), looking=ui.count(r0, "looking"),
                lo=fmt_pct(rate.value("rate_lo")), hi=fmt_pct(rate.value("rate_hi"))), delta=d, help=t("kpi_rate_help"))
    changes = [d]
with k2:
    d = ui.change(r0, p0, "placed")
    ui.metric(t("kpi_placed"), ui.count(r0, "placed"), t("kpi_placed_detail"), delta=d, help=t("kpi_placed_help"))
    changes.append(d)
with k3:
    row = targets.df[targets.df["measure"] == "plaatsingen"] if not targets.empty else targets.df
    if row.empty:
        ui.metric(t("kpi_target"), "–", t("kpi_no_target"), help=t("kpi_target_help"))
    else:
        r = row.iloc[0]
        d = target_state.describe(r, peil)
        part = ""
        if f.programme or f.doelgroep:  # the target covers everyone: say what the filtered part contributed
            what = ", ".join(x for x in (f.programme, f.doelgroep and label("dg", f.doelgroep)) if x)
            part = " · " + t("kpi_target_part", n=ui.count(r, "realised_selection"), what=what)
        ui.metric(t("kpi_target"), f"{ui.count(r, 'realised')} / {d['target']}", d["basis"] + part,
                  delta=d["state"], delta_color=d["colour"], delta_arrow=d["arrow"], help=t("kpi_target_help"))
with k4:
    d = points(ui.change(s0, q0, "share_beschut", 100, 1))
    ui.metric(t("kpi_share_beschut"), ui.share(s0, "share_beschut"),
              t("kpi_share_detail", beschut=ui.count(s0, "beschut"), regulier=ui.count(s0, "regulier")),
              delta=d, delta_color="off", help=t("kpi_share_help"))
    changes.append(d)
if any(changes):  # one line for the arrows of all tiles: a description per tile does not fit beside them
    st.caption(t("yoy_since", period=prev.label()))
ui.protection_note(rate, targets, share, rate_prev, share_prev)

by_month = run("placements_by_month", c.scope, **c.params(grain="month"))
grain = "month"
if f.period.kind != "month" and withheld.mostly_withheld(by_month.df, "placed"):  # publiek: quarters instead
    by_month, grain = run("placements_by_month", c.scope, **c.params(grain="quarter")), "quarter"
if not ui.failed(by_month):
    title = t("ch_by_month" if grain == "month" else "ch_by_quarter", **c.where_when())
    fig = charts.placements_by_month(by_month.df, title if grain == "month" else withheld.coarser_title(title),
                                     c.source(), grain=grain)
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
    ui.chart(fig, comp, national, key="rate_regions", note=region_charts.unranked_note(comp.df, f.region))
