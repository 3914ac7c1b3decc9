"""Charts of the Beschut en regulier page: kinds of work over time, the beschut share per year, per region."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..i18n import fmt_int, fmt_pct, label, t
from . import withheld
from .theme import KIND_COLOURS, SHADE, _finish, _quarter, _shade
from .regions import extremes, extremes_title, mark_gaps
from . import memo


def _kinds(df: pd.DataFrame) -> list[str]:
    return [k for k in KIND_COLOURS if k in set(df["work_kind"])]


@memo.figure
def kinds_over_time(df: pd.DataFrame, title: str, source: str, *, shares: bool, period: tuple[dt.date, dt.date]) -> go.Figure:
    """Stacked areas of people placed per quarter by kind of work (counts or shares); the period shaded.
    Withheld kinds are one grey 'afgeschermd' area up to the quarter's protected total, marked with an 'x'."""
    fig = go.Figure()
    quarters = sorted(df["quarter"].unique())
    rows = df.assign(_hidden=withheld.hidden(df, "placed"))
    total = df.drop_duplicates("quarter").set_index("quarter")["total"].reindex(quarters)
    for kind in _kinds(df):
        # Every quarter: 0 where the kind is absent; left out where its count is withheld (it is in the grey piece).
        d = rows[rows["work_kind"] == kind].set_index("quarter").reindex(quarters)
        d = d[~d["_hidden"].fillna(False).astype(bool)]
        if d.empty:
            continue
        placed, share = d["placed"].fillna(0), d["share"].fillna(0)
        hover = [t("p1_hover_kind", kind=label("wk", kind), q=_quarter(q), n=fmt_int(n), total=fmt_int(total[q]),
                   share=fmt_pct(s, 1)) for q, n, s in zip(d.index, placed, share)]
        fig.add_scatter(x=list(d.index), y=share if shares else placed, name=label("wk", kind), mode="lines",
                        stackgroup="one", line=dict(width=0.5, color=KIND_COLOURS[kind]), fillcolor=KIND_COLOURS[kind],
                        hovertext=hover, hoverinfo="text")
    st = withheld.stacks(df, "quarter", "placed", "total", label=lambda r: label("wk", r["work_kind"]))
    st = st.set_index("key").reindex(quarters).reset_index(names="key")
    # Shares of a quarter whose total is withheld are unknown: the whole quarter is afgeschermd.
    piece = st["state"].eq("piece")
    if shares:
        y = np.where(piece, st["rest"] / st["total"], np.where(st["state"].eq("total_withheld"), 1.0, 0.0))
        tops = [1.0 if s == "total_withheld" else min(1.0, top / tt) if tt > 0 else 0.0
                for s, top, tt in zip(st["state"], st["top"], st["total"])]
        hover = [withheld.share_hover(s) if s["hidden"] else "" for _, s in st.iterrows()]
    else:
        y, tops = st["rest"].to_numpy(), list(st["top"])
        hover = [withheld.hover(s) if s["hidden"] else "" for _, s in st.iterrows()]
    if (st["hidden"] > 0).any():
        fig.add_scatter(x=quarters, y=y, name=t("wh_piece"), mode="lines", stackgroup="one",
                        line=dict(width=0.5, color=withheld.COLOUR), fillcolor=withheld.COLOUR,
                        fillpattern=withheld.PATTERN, hovertext=hover, hoverinfo="text",
                        meta={"role": withheld.ROLE_PIECE})
        st = st.assign(top=tops)
        withheld.add_marks(fig, st, hover_text=False)
    withheld.marked(fig)
    _shade(fig, *period)
    fig.update_layout(xaxis_title=t("p1_ax_quarter"), yaxis_title=t("p1_ax_share") if shares else t("p1_ax_people"),
                      hovermode="x unified")
    if shares:
        fig.update_yaxes(tickformat=".0%", range=[0, 1.08])
    else:
        fig.update_yaxes(rangemode="nonnegative")
    return _finish(fig, title, source)


@memo.figure
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
    withheld.add_point_marks(fig, df["year"], withheld.hidden(df, "share_beschut"), t("p1_share_beschut"))
    withheld.marked(fig)
    if year is not None and year in set(df["year"]):
        fig.add_vrect(x0=year - 0.5, x1=year + 0.5, fillcolor=SHADE, line_width=0, layer="below")
    fig.update_layout(xaxis_title=t("p1_ax_year"), yaxis_title=t("p1_ax_share_beschut"))
    fig.update_xaxes(dtick=1)
    fig.update_yaxes(tickformat=".0%", rangemode="tozero")
    return _finish(fig, title, source, height=380)


@memo.figure
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
    hid = withheld.hidden(df, "placed")
    ys = {r: names[name_of[r]] for r in order}
    for kind in _kinds(df):
        d = df[(df["work_kind"] == kind) & ~hid].set_index("region_name").reindex(order).dropna(subset=["share"])
        hover = [t("p1_hover_kind_region", region=r, kind=label("wk", kind), n=fmt_int(n), total=fmt_int(tt),
                   share=fmt_pct(s, 1), lo=fmt_pct(lo, 1), hi=fmt_pct(hi, 1))
                 for r, n, tt, s, lo, hi in zip(d.index, d["placed"], d["total"], d["share"], d["share_lo"], d["share_hi"])]
        fig.add_bar(x=d["share"], y=[ys[r] for r in d.index], orientation="h", name=label("wk", kind),
                    marker_color=KIND_COLOURS[kind], hovertext=hover, hoverinfo="text")
    # Withheld kinds: one grey piece up to 100% of the region's protected total; a withheld total: all of the bar.
    st = withheld.stacks(df[df["region_name"].isin(order)], "region_name", "placed", "total",
                         label=lambda r: label("wk", r["work_kind"]))
    st = st.assign(key=[ys[r] for r in st["key"]])
    withheld.add_piece(fig, st, horizontal=True, states=("piece", "total_withheld"), hover_of=withheld.share_hover,
                       values=lambda d: np.where(d["state"] == "piece", d["rest"] / d["total"], 1.0))
    withheld.add_marks(fig, st, horizontal=True, tops=lambda d: [1.0 if s == "total_withheld" else min(1.0, top / tt)
                                                                  for s, top, tt in zip(d["state"], d["top"], d["total"])])
    withheld.marked(fig)
    mark_gaps(fig, gaps)
    fig.update_layout(barmode="stack", xaxis_title=t("p1_ax_share"), yaxis_title=None)
    fig.update_xaxes(tickformat=".0%", range=[0, 1.04 if (st["hidden"] > 0).any() else 1])  # room for the marks
    return _finish(fig, title, source, height=max(300, 30 * len(order) + 170))
