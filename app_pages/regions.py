"""Regio's: map, ranked comparison and table; compare with the country, the arbeidsmarktregio and peers."""

import pandas as pd
import streamlit as st

from meedoen import config, ui
from meedoen.charts import geo
from meedoen.charts import regions as charts
from meedoen.charts import withheld
from meedoen.query.data import run
from meedoen.query.db import queries
from meedoen.filters import level_label
from meedoen.i18n import fmt_pct, lang, t


def drill(key: str, selection, code: str | None) -> None:
    """Go to a region picked on the map or in the table once: a selection that stays must not undo a later choice."""
    if selection != st.session_state.get(f"_seen_{key}"):
        st.session_state[f"_seen_{key}"] = selection
        ui.goto_region(code)


c = ui.page()
f = c.filters

MEASURES = {"rate": "graad", "placed": "geplaatst"}  # value -> its word in the link (maat=)
measure = ui.choice("maat", "regions_measure", list(MEASURES), "rate", words=MEASURES) or "rate"
ui.later().segmented_control(t("measure"), list(MEASURES), key="regions_measure", format_func=lambda m: t(f"m_{m}"))
# All regions of the chosen level, so the selected one is seen against the whole country.
every = run("placement_rate_by_region", c.scope, **c.params(region=None))
national = run("placement_rate", c.scope, **c.params(region=None))
if ui.failed(every):
    ui.stop()

shape = geo.load_boundaries(f.level)
if shape is None:
    st.info(t("no_geo", dir=config.geo_dir()))
else:
    fig = geo.map_figure(
        every.df, shape, value_col=measure, highlight=f.region, lang=lang(),
        value_format=".0%" if measure == "rate" else ",.0f",
        title=t("ch_map", measure=t(f"m_{measure}"), level=level_label(f.level).lower(),
                period=f"{t('all_nl')}, {f.period.label()}"),
        hover_extra_cols={"placed": t("col_placed"), "looking": t("col_looking")}, source=c.source(),
        withheld=every.df["region_code"][withheld.hidden(every.df, measure)], withheld_label=t("wh_piece"))
    event = ui.plot(fig, key="map", on_select="rerun")
    ui.summary(fig)
    st.caption(t("map_click"))  # the source line and the map credit are on the figure
    ui.collect(fig, every, key="map")  # into the deck and presentation mode
    ui.query_and_data(every, key="map")
    picked_code = geo.code_from_selection(event, f.level)
    drill("map", picked_code, picked_code)

# The comparison shown is a choice like the others (vergelijk=); the tabs' state is the label of the open one.
tabs = {t("cmp_national"): "land", t("cmp_amr"): "arbeidsmarktregio", t("cmp_peers"): "vergelijkbaar"}
ui.choice("vergelijk", "regions_tab", list(tabs), t("cmp_national"), words=tabs)
tab_nl, tab_amr, tab_peers = st.tabs(list(tabs), key="regions_tab", on_change="rerun")
with tab_nl:
    fig = charts.rate_by_region(
        every.df, t("ch_rate_regions", level=level_label(f.level).lower(), where=t("all_nl"), period=f.period.label()),
        c.source(), highlight=f.region, national={"rate": national.value("rate")})
    ui.chart(fig, every, national, key="rank_nl", note=charts.unranked_note(every.df, f.region))

gemeente = f.region if f.level == "gemeente" else None
with tab_amr:
    if not gemeente:
        st.info(t("cmp_pick_gemeente"))
    else:
        amr = c.regions.loc[c.regions["code"] == gemeente, "parent_code"].iloc[0]
        within = run("placement_rate_by_region", c.scope, **c.params(region=amr, level="gemeente"))
        if not ui.failed(within):
            fig = charts.rate_by_region(
                within.df, t("ch_rate_regions", level=level_label("gemeente").lower(), where=c.region_name(amr),
                             period=f.period.label()), c.source(), highlight=gemeente, national={"rate": national.value("rate")})
            ui.chart(fig, within, national, key="rank_amr", note=charts.unranked_note(within.df, gemeente))
with tab_peers:
    if not gemeente:
        st.info(t("cmp_pick_gemeente"))
    else:
        peers = run("placement_rate_peers", c.scope, **c.params(gemeente=gemeente, peers=queries()["placement_rate_peers"].param("peers").default))
        if not ui.failed(peers):
            st.caption(t("cmp_peers_help", n=len(peers.df) - 1, name=c.region_name(gemeente)))
            fig = charts.rate_by_region(
                peers.df, t("ch_peers", name=c.region_name(gemeente), period=f.period.label()),
                c.source(), highlight=gemeente, national={"rate": national.value("rate")})
            ui.chart(fig, peers, national, key="rank_peers", note=charts.unranked_note(peers.df, gemeente))

ordered = charts.by_rate(every.df)  # by the rates as shown, never by withheld ones
records = ordered.to_dict("records")
table = ordered.assign(
    **{t("col_rate"): [ui.share(r, "rate") for r in records],
       t("col_interval"): ["x" if pd.isna(lo) else f"{fmt_pct(lo)}–{fmt_pct(hi)}"
                           for lo, hi in zip(ordered["rate_lo"], ordered["rate_hi"])],
       t("col_placed"): [ui.count(r, "placed") for r in records],
       t("col_looking"): [ui.count(r, "looking") for r in records]}
).rename(columns={"region_name": t("col_region")})
cols = [t("col_region"), t("col_placed"), t("col_looking"), t("col_rate"), t("col_interval")]
picked = st.dataframe(table[cols], hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row",
                      key="regions_table")
rows = list(picked.selection.rows) if picked else []
# A selected row number outlives a change of level or period; it only counts when it is new and still exists.
drill("regions_table", rows, ordered["region_code"].iloc[rows[0]] if rows and rows[0] < len(ordered) else None)
