"""Doelen: realised against the taakstelling per gemeente, year and measure, with on-track state and gap."""

import datetime as dt

import pandas as pd
import streamlit as st

from meedoen import ui
from meedoen.charts import targets as charts
from meedoen.query.data import peildatum, run
from meedoen.i18n import fmt_date, fmt_int, label, t

MAX_ROWS = 30  # a bullet chart with hundreds of rows is unreadable; the table keeps them all

c = ui.page()
f = c.filters
peil = peildatum(c.version)
if peil is None:
    st.caption(t("p1_peil_missing"))
    peil = f.period.end
# Targets are per whole year: widen the period to the years it touches.
y0, y1 = f.period.start.year, f.period.end.year
years = str(y0) if y0 == y1 else f"{y0}–{y1}"
p = dict(region=f.region, start=dt.date(y0, 1, 1), end=dt.date(y1, 12, 31), peildatum=peil)
st.caption(t("p1_targets_intro", years=years, peildatum=fmt_date(peil)) + " " + t("p1_targets_filters_note"))

rows = run("targets_realised", c.scope, **p)
totals = run("targets_by_year", c.scope, **p)
if rows.error:
    ui.failed(rows)
    ui.stop()
if rows.df.empty:
    ui.empty_state(t("p1_no_targets"))
    ui.stop()

cols = st.columns(len(totals.df) or 1)
for col, (_, r) in zip(cols, totals.df.iterrows()):
    gap = None if pd.isna(r["gap"]) else int(r["gap"])  # withheld with its count for this audience
    with col:
        ui.metric(t("p1_kpi_measure", measure=label("ms", r["measure"]), years=str(r["year"])),
                  f"{ui.count(r, 'realised')} / {fmt_int(r['target'])}",
                  t("p1_kpi_detail", realised=ui.count(r, "realised"), target=fmt_int(r["target"]),
                    on_track=fmt_int(r["gemeenten_met"]), gemeenten=fmt_int(r["gemeenten"])),
                  delta=(None if gap is None else t("p1_kpi_gap_above", n=fmt_int(-gap)) if gap < 0
                         else t("p1_kpi_gap_exact") if gap == 0 else t("p1_kpi_gap_below", n=fmt_int(gap))),
                  delta_color="normal" if r["on_track"] else "inverse")

df = rows.df
for measure in [m for m in ("plaatsingen", "werkleertrajecten", "beschut_werk") if m in set(df["measure"])]:
    d = df[df["measure"] == measure]
    if len(d) > MAX_ROWS:
        st.caption(t("p1_targets_capped", shown=MAX_ROWS, total=len(d)))
        d = d.assign(_r=d["realised"] / d["target"].clip(lower=1)).nsmallest(MAX_ROWS, "_r")
    fig = charts.targets_bullet(d, t("p1_ch_targets", measure=label("ms", measure), where=c.region_name(),
                                        years=years), c.source())
    ui.chart(fig, rows, key=f"targets-{measure}")

st.subheader(t("p1_table"))
table = ui.display_frame(df).assign(measure=[label("ms", m) for m in df["measure"]],
                  status=[charts.status_label(s) for s in df["status"]])
st.dataframe(
    table[["gemeente_name", "year", "measure", "target", "realised", "gap", "expected", "status"]].rename(columns={
        "gemeente_name": t("p1_col_gemeente"), "year": t("p1_col_year"), "measure": t("p1_col_measure"),
        "target": t("p1_col_target"), "realised": t("p1_col_realised"), "gap": t("p1_col_gap"),
        "expected": t("p1_col_expected"), "status": t("p1_col_status")}),
    hide_index=True, width="stretch", column_config={t("p1_col_expected"): st.column_config.NumberColumn(format="%.1f"),
                                                     t("p1_col_year"): st.column_config.NumberColumn(format="%d")})

st.subheader(t("p1_years_head"))
# History up to the next year: next year's target is usually known before it starts.
history = run("targets_by_year", c.scope, **{**p, "start": dt.date(2000, 1, 1), "end": dt.date(y1 + 1, 12, 31)})
if not ui.failed(history):
    fig = charts.targets_by_year(history.df, t("p1_ch_targets_years", where=c.region_name(), last=y1 + 1),
                                    c.source())
    ui.chart(fig, history, key="targets-years")
