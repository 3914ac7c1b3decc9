"""Doelen: realised against the taakstelling: the chosen period against its own target, then per gemeente,
year and measure, and over the years."""

import dataclasses
import datetime as dt

import streamlit as st

from meedoen import target_state, ui
from meedoen.charts import targets as charts
from meedoen.query.data import peildatum, run
from meedoen.i18n import fmt_date, fmt_int, fmt_names, label, t

MEASURES = ("plaatsingen", "werkleertrajecten", "beschut_werk")

c = ui.page()
f = c.filters
peil = peildatum(c.version)
if peil is None:
    st.caption(t("p1_peil_missing"))
    peil = f.period.end
# Targets are per whole year: the charts and the table widen the period to the years it touches.
y0, y1 = f.period.start.year, f.period.end.year
years = str(y0) if y0 == y1 else f"{y0}–{y1}"
p = dict(region=f.region, start=dt.date(y0, 1, 1), end=dt.date(y1, 12, 31), peildatum=peil)
st.caption(t("p1_targets_intro", years=years, peildatum=fmt_date(peil)) + " " + t("p1_targets_filters_note"))

rows = run("targets_realised", c.scope, **p)
period = run("kpi_targets_period", c.scope, **c.params(peildatum=peil, programme=None, doelgroep=None))
if rows.error:
    ui.failed(rows)
    ui.stop()
if rows.df.empty:
    ui.empty_state(t("p1_no_targets"))
    ui.stop()
# Met, on track or not as the shown (in publiek: perturbed) counts say, in the charts, the table and its data.
rows = dataclasses.replace(rows, df=target_state.restate(rows.df))
df = rows.df

kpi = period.df.set_index("measure") if not period.empty else None
shown = [m for m in MEASURES if kpi is not None and m in kpi.index]
for col, measure in zip(st.columns(len(shown) or 1), shown):
    r = kpi.loc[measure]
    d = target_state.describe(r, peil)
    at_years = df[df["measure"] == measure]
    with col:
        ui.metric(t("p1_kpi_measure", measure=label("ms", measure), period=f.period.label()),
                  f"{ui.count(r, 'realised')} / {d['target']}",
                  t("p1_kpi_detail", basis=d["basis"], on_track=fmt_int(int(at_years["on_track"].sum())),
                    gemeenten=fmt_int(at_years["gemeente_code"].nunique()), years=years),
                  delta=d["state"], delta_color=d["colour"], delta_arrow=d["arrow"], help=t(f"p1_kpi_help_{measure}"))
ui.protection_note(period)

for measure in [m for m in MEASURES if m in set(df["measure"])]:
    d = df[df["measure"] == measure]
    ranked = len(d) > charts.MAX_ROWS
    if ranked:  # the lowest share of the target reached first; what cannot be ranked is said below the chart
        d, small, withheld = charts.lowest(d)
        st.caption(t("p1_targets_capped", shown=len(d), total=len(df[df["measure"] == measure])))
    fig = charts.targets_bullet(d, t("p1_ch_targets", measure=label("ms", measure), where=c.region_name(),
                                     years=years), c.source(), ranked=ranked)
    notes = []
    if ranked and len(small):
        notes.append(t("p1_targets_too_small", n=fmt_int(len(small)), k=charts.MIN_RANK_TARGET))
    if ranked and len(withheld):
        notes.append(t("p1_targets_withheld", n=fmt_int(len(withheld)), names=fmt_names(
            [f"{g} {y}" if y0 != y1 else g for g, y in zip(withheld["gemeente_name"], withheld["year"])])))
    ui.chart(fig, rows, key=f"targets-{measure}", note=" ".join(notes))

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
# History up to the next year, when the data reaches it (the peildatum's year): a year not begun has nothing
# realised to show, and the title names the last year drawn.
last = min(y1 + 1, max(y1, peil.year))
history = run("targets_by_year", c.scope, **{**p, "start": dt.date(2000, 1, 1), "end": dt.date(last, 12, 31)})
if not ui.failed(history) and not history.df.empty:
    history = dataclasses.replace(history, df=target_state.restate(history.df))
    fig = charts.targets_by_year(history.df, t("p1_ch_targets_years", where=c.region_name(),
                                               last=int(history.df["year"].max())), c.source())
    ui.chart(fig, history, key="targets-years")
