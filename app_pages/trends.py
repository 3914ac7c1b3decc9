"""Trends: people placed and the placement rate per month or quarter, against a year earlier, with events."""

import datetime as dt

import streamlit as st

from meedoen import ui
from meedoen.charts import trends as charts
from meedoen.charts import withheld
from meedoen.config import ROOT
from meedoen.query.data import run
from meedoen.query.db import queries
from meedoen.i18n import fmt_date, fmt_int, fmt_num, fmt_pct, lang, t

# Our own reference data, declared in queries/events.sql; bound as a parameter, never user input.
EVENTS = ROOT / queries()["events"].param("events_path").default
GRAIN = queries()["placement_series"].param("grain")  # month or quarter
GRAIN_WORDS = {"month": "maand", "quarter": "kwartaal"}  # their words in the link (per=)

c = ui.page()
f = c.filters

opts = run("filter_options", c.scope)
years = sorted(int(y) for y in opts.df.loc[opts.df["kind"] == "year", "value"]) if not opts.empty else []
first = dt.date(years[0] if years else f.period.year - 4, 1, 1)
grain = ui.choice("per", "p1_trends_grain", GRAIN.choices, GRAIN.default, words=GRAIN_WORDS) or GRAIN.default
ui.later().segmented_control(t("p1_grain"), GRAIN.choices, key="p1_trends_grain",
                             format_func=lambda g: t(f"p1_grain_{g}"))
st.caption(t("p1_trends_intro", grain=t(f"p1_grain_{grain}"), first=fmt_date(first)))

now = run("placement_rate", c.scope, **c.params())
prev_p = f.period.previous_year()
prev = run("placement_rate", c.scope, **c.params(start=prev_p.start, end=prev_p.end))
n0 = now.df.iloc[0] if not now.empty else {}
p0 = prev.df.iloc[0] if not prev.empty else {}
k1, k2, k3 = st.columns(3)
with k1:
    r, p = now.value("rate"), prev.value("rate")
    ui.metric(t("p1_kpi_now", period=f.period.label()), fmt_pct(r, 1),
              t("p1_kpi_rate_detail", placed=ui.count(n0, "placed"), looking=ui.count(n0, "looking"),
                lo=fmt_pct(now.value("rate_lo"), 1), hi=fmt_pct(now.value("rate_hi"), 1)),
              delta=t("p1_delta_pt", d=fmt_num(100 * (r - p), 1)) if r is not None and p is not None else None,
              help=t("p1_kpi_rate_help"))
with k2:
    ui.metric(t("p1_kpi_prev", period=prev_p.label()), fmt_pct(prev.value("rate"), 1),
              t("p1_kpi_rate_detail", placed=ui.count(p0, "placed"), looking=ui.count(p0, "looking"),
                lo=fmt_pct(prev.value("rate_lo"), 1), hi=fmt_pct(prev.value("rate_hi"), 1)),
              help=t("p1_kpi_rate_help"))
with k3:
    n, m = now.value("placed"), prev.value("placed")
    ui.metric(t("p1_kpi_placed_now", period=f.period.label()), ui.count(n0, "placed") if len(n0) else "0",
              delta=t("p1_delta_n", d=("+" if n >= m else "") + fmt_int(n - m), prev=fmt_int(m))
              if n is not None and m is not None else None, help=t("p1_kpi_placed_help"))
ui.protection_note(now, prev)

s = run("placement_series", c.scope, **c.params(grain=grain, **{"from": first}))
coarser = grain == "month" and withheld.mostly_withheld(s.df, "placed")  # publiek: quarters instead
if coarser:
    grain = "quarter"
    s = run("placement_series", c.scope, **c.params(grain=grain, **{"from": first}))
ev = run("events", c.scope, events_path=str(EVENTS), region=f.region, end=f.period.end, **{"from": first})
if ev.error:
    st.warning(t("query_failed", name=ev.name, error=ev.error))
if ui.failed(s) or s.df["placed"].sum() == 0 and s.df["looking"].sum() == 0:
    if not s.empty:
        ui.empty_state()
    ui.stop()
events = None if ev.empty else ev.df
where = dict(grain=t(f"p1_grain_{grain}"), **c.where_when())
for rate, key in ((False, "placed"), (True, "rate")):
    title = t(f"p1_ch_series_{key}", **where)
    fig = charts.series(s.df, withheld.coarser_title(title) if coarser else title, c.source(), rate=rate, grain=grain,
                           period=(f.period.start, f.period.end), events=events, lang=lang())
    ui.chart(fig, s, ev, key=f"trend-{key}")

st.subheader(t("p1_events_head"))
if events is None:
    st.caption(t("p1_events_none"))
else:
    st.markdown("\n".join(
        "- " + t("p1_event_line", i=i, date=fmt_date(e["date"]), text=e[lang()],
                 scope=t("p1_event_national") if e["national"] else "")
        for i, (_, e) in enumerate(events.iterrows(), start=1)))
