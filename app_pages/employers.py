"""Werkgevers: partner employers per network, the 5% norm, sectors, instruments and a ranked list."""

import dataclasses

import pandas as pd
import streamlit as st

from meedoen import export, ui
from meedoen.charts import employers as charts
from meedoen.query.data import run
from meedoen.query.db import queries
from meedoen.i18n import fmt_date, fmt_int, fmt_names, fmt_pct, label, lang, t

NORM = queries()["employer_norm"].param("norm").default  # MVO Westland: at least 5% of staff from the doelgroep

c = ui.page()
end = c.filters.period.end
# One run for the tiles, the chart and the list: in publiek the verdicts are decided from the protected
# counts (privacy `norms`), so the list is filtered here, on what the reader can see.
norm_all = run("employer_norm", c.scope, **c.params(norm=NORM))
if ui.failed(norm_all):
    ui.stop()

nets = norm_all.df.drop_duplicates("network").sort_values("net_partners", ascending=False)
cols = st.columns(2 * len(nets))
for i, r in enumerate(nets.itertuples()):
    with cols[2 * i]:
        ui.metric(t("p2_kpi_partners", network=r.network), fmt_int(r.net_partners),
                  t("p2_kpi_partners_detail", date=fmt_date(end)), help=t("p2_kpi_partners_help"))
    detail = t("p2_kpi_norm_detail", meets=fmt_int(r.net_meets), known=fmt_int(r.net_known),
               lo=fmt_pct(r.net_lo), hi=fmt_pct(r.net_hi), unknown=fmt_int(r.net_unknown))
    if r.net_withheld:
        detail += " · " + t("p2_kpi_norm_withheld", n=fmt_int(r.net_withheld))
    with cols[2 * i + 1]:
        ui.metric(f"{t('p2_kpi_norm')} ({r.network})", fmt_pct(r.net_share), detail, help=t("p2_norm_help"))

left, right = st.columns(2)
with left:
    by_year = run("employer_partners_by_year", c.scope, **c.params())
    if not ui.failed(by_year):
        fig = charts.partners_by_year(by_year.df, t("p2_ch_partners_year", **c.where_when()), c.source())
        ui.chart(fig, by_year, key="p2_emp_years")
with right:
    fig = charts.norm_by_network(norm_all.df, t("p2_ch_norm", where=c.region_name(), date=fmt_date(end)), c.source())
    ui.chart(fig, norm_all, key="p2_emp_norm")

sec = run("employer_sectors", c.scope, **c.params())
if not ui.failed(sec):
    ui.chart(charts.sectors(sec.df, t("p2_ch_sectors", **c.where_when()), c.source()), sec, key="p2_emp_sectors")

inst = run("employer_instruments", c.scope, **c.params())
if not ui.failed(inst):
    ui.chart(charts.instruments(inst.df, t("p2_ch_instruments", **c.where_when()), c.source()), inst,
             key="p2_emp_instruments")

st.subheader(t("p2_ranked"), help=t("p2_norm_help"))
f1, f2, f3 = st.columns(3)
networks = list(nets["network"])
sectors = sorted(norm_all.df["sector"].unique())
for param, key, opts in (("netwerk", "p2_emp_network", networks), ("sector", "p2_emp_sector", sectors),
                         ("norm", "p2_emp_status", list(charts.NORM_COLOURS))):
    ui.choice(param, key, opts, None)
network = f1.selectbox(t("p2_network"), [None] + networks, key="p2_emp_network",
                       format_func=lambda x: t("p2_all_networks") if x is None else x)
sector = f2.selectbox(t("p2_sector"), [None] + sectors, key="p2_emp_sector",
                      format_func=lambda x: t("p2_all_sectors") if x is None else x)
status = f3.selectbox(t("p2_norm_filter"), [None] + list(charts.NORM_COLOURS), key="p2_emp_status",
                      format_func=lambda x: t("p2_all") if x is None else label("ns", x))
rows = norm_all.df
keep = pd.Series(True, index=rows.index)
for col, value in (("network", network), ("sector", sector), ("norm_status", status)):
    if value is not None:
        keep &= rows[col] == value
ranked = dataclasses.replace(norm_all, df=rows[keep].reset_index(drop=True))
if ranked.empty:
    ui.empty_state(t("p2_ranked_empty"))
else:
    # Ranked by the number in work as shown; withheld ones are named below the list instead.
    d, withheld = ui.ranked(ranked.df, "in_work", "employer")
    table = pd.DataFrame({
        t("p2_col_employer"): d["employer"], t("p2_network"): d["network"], t("p2_sector"): d["sector"],
        t("p2_col_join"): pd.to_datetime(d["join_date"]).dt.date, t("p2_col_staff"): d["staff_count"].astype("Int64"),
        t("p2_col_in_work"): d["in_work"], t("p2_col_share"): d["staff_share"] * 100,
        t("p2_col_status"): [label("ns", s) for s in d["norm_status"]], t("p2_col_gap"): d["gap"].astype("Int64"),
        t("p2_col_placements"): d["placements"], t("p2_col_werkleer"): d["werkleertrajecten"],
        t("p2_col_lks"): d["lks"], t("p2_col_nrp"): d["nrp"],
    })
    st.caption(t("p2_ranked_caption", n=fmt_int(len(ranked.df))))
    st.dataframe(table, hide_index=True, width="stretch", key="p2_emp_table",
                 column_config={t("p2_col_share"): st.column_config.NumberColumn(format="%.1f%%")})
    if len(withheld):
        st.caption(t("p2_ranked_withheld", n=fmt_int(len(withheld)), names=fmt_names(withheld["employer"])))
    st.download_button(t("download_csv"), lambda lg=lang(): export.csv_bytes(table, lang=lg), file_name="werkgevers.csv",
                       mime="text/csv", key="p2_emp_download", on_click="ignore")
    ui.query_and_data(ranked, key="p2_emp_ranked")
