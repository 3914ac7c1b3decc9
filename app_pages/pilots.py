"""Pilots: outflow of each pilot's participants (participants → outcome) and their activities."""

import pandas as pd
import streamlit as st

from meedoen import ui
from meedoen.charts import pilots as charts
from meedoen.query.data import run
from meedoen.i18n import fmt_date, fmt_int, fmt_pct, label, t

c = ui.page()
if c.filters.programme or c.filters.doelgroep:
    st.caption(t("p2_filters_not_used", what=t("p2_pilots_what")))

outflow = run("pilot_outflow", c.scope, **c.params())
if ui.failed(outflow):
    ui.stop()
df = outflow.df
runs = df.drop_duplicates(["pilot", "gemeente_code"])
keys = [f"{p}|{g}" for p, g in zip(runs["pilot"], runs["gemeente_code"])]
names = {k: t("p2_pilot_option", pilot=p, gemeente=gn, n=fmt_int(n))
         for k, p, gn, n in zip(keys, runs["pilot"], runs["gemeente_name"], runs["total"])}
# In the link (pilot=) by its name; by name|gemeente when the pilot ran in more than one gemeente shown.
twice = set(runs["pilot"][runs["pilot"].duplicated()])
words = {k: k if k.split("|")[0] in twice else k.split("|")[0] for k in keys}
back = {**{k: k for k in keys}, **{w: k for k, w in words.items()}}
choice = ui.choice("pilot", "p2_pilot", keys, keys[0], text=words.__getitem__, parse=back.__getitem__)  # the largest
ui.later().selectbox(t("p2_pilot_pick"), keys, key="p2_pilot", format_func=names.get)
pilot, gemeente = choice.split("|")
d = df[(df["pilot"] == pilot) & (df["gemeente_code"] == gemeente)]
first = d.iloc[0]
end = fmt_date(first["pilot_end"]) if pd.notna(first["pilot_end"]) else t("p2_running")
st.caption(t("p2_pilot_caption", gemeente=first["gemeente_name"], start=fmt_date(first["pilot_start"]), end=end,
             n=fmt_int(first["total"])))

left, right = st.columns([3, 2])
with left:
    fig = charts.pilot_sankey(d, t("p2_ch_outflow", pilot=pilot, **c.where_when()), c.source())
    ui.chart(fig, outflow, key="p2_pilot_sankey")
with right:
    table = pd.DataFrame({
        t("p2_tbl_outcome"): [label("po", o) for o in d["outcome"]],
        t("p2_tbl_n"): [f"{ui.count(r, 'n')} / {ui.count(r, 'total')}" for _, r in d.iterrows()],
        t("p2_tbl_share"): [ui.share(r, "share") for _, r in d.iterrows()],
        t("p2_tbl_ci"): ["x" if pd.isna(lo) else f"{fmt_pct(lo)}–{fmt_pct(hi)}" for lo, hi in zip(d["share_lo"], d["share_hi"])],
    })
    st.dataframe(table, hide_index=True, width="stretch", key="p2_pilot_table")
    st.caption(t("p2_outflow_help"))
    ui.protection_note(outflow)

acts = run("pilot_activities", c.scope, **c.params(pilot=pilot))
if not ui.failed(acts):
    fig = charts.pilot_activities(acts.df, t("p2_ch_activities", pilot=pilot, **c.where_when()), c.source())
    ui.chart(fig, acts, key="p2_pilot_activities")
