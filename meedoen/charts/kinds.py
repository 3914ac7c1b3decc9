"""Charts of the Beschut en regulier page: kinds of work over time, the beschut share per year, per region."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from ..i18n import fmt_int, fmt_pct, label, t
from .theme import KIND_COLOURS, SHADE, _finish, _quarter, _shade
from .regions import extremes, extremes_title, mark_gaps


def _kinds(df: pd.DataFrame) -> list[str]:
    return [k for k in KIND_COLOURS if k in set(df["work_kind"])]


def kinds_over_time(df: pd.DataFrame, title: str, source: str, *, shares: bool, period: tuple[dt.date, dt.date]) -> go.Figure:
    """Stacked areas of people placed per quarter by kind of work (counts or shares); the period shaded."""
    fig = go.Figure()
    quarters = sorted(df["quarter"].unique())
    for kind in _kinds(df):
        d = df[df["work_kind"] == kind].set_index("quarter").reindex(quarters)
        placed, total, share = d["placed"].fillna(0), d["total"], d["share"].fillna(0)
        total = df.drop_duplicates("quarter").set_index("quarter")["total"].reindex(quarters)
        hover = [t("p1_hover_kind", kind=label("wk", kind), q=_quarter(q), n=fmt_int(n), total=fmt_int(tt), share=fmt_pct(s, 1))
                 for q, n, tt, s in zip(quarters, placed, total, share)]
        fig.add_scatter(x=quarters, y=share if shares else placed, name=label("wk", kind), mode="lines",
                        stackgroup="one", line=dict(width=0.5, color=KIND_COLOURS[kind]), fillcolor=KIND_COLOURS[kind],
                        hovertext=hover, hoverinfo="text")
    _shade(fig, *period)
    fig.update_layout(xaxis_title=t("p1_ax_quarter"), yaxis_title=t("p1_ax_share") if shares else t("p1_ax_people"),
                      hovermode="x unified")
    if shares:
        fig.update_yaxes(tickformat=".0%", range=[0, 1])
    return _finish(fig, title, source)


def share_beschut_by_year(df: pd.DataFrame, title: str, source: str, *, year: int | None = None) -> go.Figure:
    """Share beschut of beschut + regulier placements per year, with the 95% Wilson band."""
    hover = [t("p1_hover_beschut", year=y, share=fmt_pct(s, 1), beschut=fmt_int(b), n=fmt_int(b + r),
               lo=fmt_pct(lo, 1), hi=fmt_pct(hi, 1))
             for y, s, b, r, lo, hi in zip(df["year"], df["share_beschut"], df["beschut"], df["regulier"], df["lo"], df["hi"])]
    fig = go.Figure()
    fig.add_scatter(x=list(df["year"]) + list(df["year"])[::-1], y=list(df["hi"]) + list(df["lo"])[::-1], fill="toself",
                    fillcolor="rgba(230, 159, 0, 0.2)", line=dict(width=0), hoverinfo="skip", name=t("p1_ci95"))
    fig.add_scatter(x=df["year"], y=df["share_beschut"], mode="lines+markers", name=t("p1_share_beschut"),
                    line=dict(color=KIND_COLOURS["beschut_werk"], width=3), hovertext=hover, hoverinfo="text")
    if year is not None and year in set(df["year"]):
        fig.add_vrect(x0=year - 0.5, x1=year + 0.5, fillcolor=SHADE, line_width=0, layer="below")
    fig.update_layout(xaxis_title=t("p1_ax_year"), yaxis_title=t("p1_ax_share_beschut"))
    fig.update_xaxes(dtick=1)
    fig.update_yaxes(tickformat=".0%", rangemode="tozero")
    return _finish(fig, title, source, height=380)


def kinds_by_region(df: pd.DataFrame, title: str, source: str, *, highlight: str | None = None) -> go.Figure:
    """100% stacked horizontal bars: the mix of kinds of work per region."""
    beschut = (df[df["work_kind"].isin(["beschut_werk", "alternatief_beschut"])].groupby("region_name")["share"].sum()
               .reindex(df["region_name"].unique()).fillna(0))
    order = list(beschut.sort_values().index)  # most beschut at the top
    names = {r: (f"<b>{n}</b>" if r == highlight else n) for r, n in zip(df["region_code"], df["region_name"])}
    name_of = dict(zip(df["region_name"], df["region_code"]))
    total = len(order)
    order, gaps = extremes(order, next((n for n, c in name_of.items() if c == highlight), None))
    if gaps:
        title = extremes_title(title, total)
    fig = go.Figure()
    for kind in _kinds(df):
        d = df[df["work_kind"] == kind].set_index("region_name").reindex(order)
        hover = [t("p1_hover_kind_region", region=r, kind=label("wk", kind), n=fmt_int(n), total=fmt_int(tt),
                   share=fmt_pct(s, 1), lo=fmt_pct(lo, 1), hi=fmt_pct(hi, 1)) if pd.notna(n) else ""
                 for r, n, tt, s, lo, hi in zip(order, d["placed"], d["total"], d["share"], d["share_lo"], d["share_hi"])]
        fig.add_bar(x=d["share"].fillna(0), y=[names[name_of[r]] for r in order], orientation="h", name=label("wk", kind),
                    marker_color=KIND_COLOURS[kind], hovertext=hover, hoverinfo="text")
    mark_gaps(fig, gaps)
    fig.update_layout(barmode="stack", xaxis_title=t("p1_ax_share"), yaxis_title=None)
    fig.update_xaxes(tickformat=".0%", range=[0, 1])
    return _finish(fig, title, source, height=max(300, 30 * len(order) + 170))
