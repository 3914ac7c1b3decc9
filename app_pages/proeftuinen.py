"""Proeftuinen: from intake via route to outcome per partner, and the time from intake to work."""

import streamlit as st

from meedoen import ui
from meedoen.charts import proeftuinen as charts
from meedoen.query.data import run
from meedoen.i18n import fmt_int, fmt_num, t

c = ui.page()
if c.filters.programme or c.filters.doelgroep:
    st.caption(t("p2_filters_not_used", what=t("p2_proeftuinen_what")))

everyone = run("proeftuin_flow", c.scope, **c.params(partner=None))
if ui.failed(everyone):
    ui.stop()
partners = list(dict.fromkeys(everyone.df["partner"]))
partner = ui.choice("partner", "p2_partner", partners, None)
ui.later().selectbox(t("p2_partner"), [None] + partners, key="p2_partner", placeholder=t("p2_all_partners"),
                     format_func=lambda p: t("p2_all_partners") if p is None else p)
st.caption(t("p2_pt_cohort"))

flow = run("proeftuin_flow", c.scope, **c.params(partner=partner)) if partner else everyone
if not ui.failed(flow):
    fig = charts.proeftuin_sankey(flow.df, t("p2_ch_pt_flow", **c.where_when()), c.source())
    ui.chart(fig, flow, key="p2_pt_flow")

share = run("proeftuin_outcome_share", c.scope, **c.params(partner=partner))
if not ui.failed(share):
    fig = charts.proeftuin_outcome_share(share.df, t("p2_ch_pt_share", **c.where_when()), c.source())
    ui.chart(fig, share, key="p2_pt_share")

st.subheader(t("p2_time_heading"), help=t("p2_time_help"))
ttw = run("proeftuin_time_to_work", c.scope, **c.params(partner=partner))
if not ui.failed(ttw):
    per = ttw.df.drop_duplicates("partner")
    for col, r in zip(st.columns(len(per)), per.itertuples()):
        col.metric(t("p2_median_days", partner=r.partner), f"{fmt_num(r.median_days)} {t('p2_days')}",
                   help=t("p2_median_help"))
        col.caption(t("p2_median_detail", median=fmt_num(r.median_days), n=fmt_int(r.n), p25=fmt_num(r.p25_days),
                      p75=fmt_num(r.p75_days)))
    fig = charts.time_to_work(ttw.df, t("p2_ch_pt_time", **c.where_when()), c.source())
    ui.chart(fig, ttw, key="p2_pt_time")
