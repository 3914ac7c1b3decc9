"""Charts of the Doelgroepen page: time to work, paid work on a date, durability."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..i18n import fmt_int, fmt_num, fmt_pct, label, t
from .theme import BEHIND, KIND_COLOURS, PALETTE, _finish
from . import memo


def _dg(df: pd.DataFrame) -> list[str]:
    """Doelgroep labels, in the order of the rows."""
    return [label("dg", g) for g in df["doelgroep"]]


def bucket_label(lo, hi) -> str:
    return t("p1_bucket_open", lo=fmt_int(lo)) if pd.isna(hi) else t("p1_bucket", lo=fmt_int(lo), hi=fmt_int(hi))


@memo.figure
def time_to_work(df: pd.DataFrame, title: str, source: str, *, within_days: int) -> go.Figure:
    """Median days from first intake to first placement per doelgroep, with the 25th–75th percentile range."""
    d = df.sort_values("median_days", ascending=False)
    hover = [t("p1_hover_ttw", dg=label("dg", g), med=fmt_num(m, 0), p25=fmt_num(a, 0), p75=fmt_num(b, 0), n=fmt_int(n),
               w=fmt_int(w), days=within_days, share=fmt_pct(s, 1), lo=fmt_pct(lo, 1), hi=fmt_pct(hi, 1))
             for g, m, a, b, n, w, s, lo, hi in zip(d["doelgroep"], d["median_days"], d["p25_days"], d["p75_days"],
                                                   d["placed"], d["within_n"], d["within_share"], d["within_lo"], d["within_hi"])]
    fig = go.Figure(go.Bar(
        x=d["median_days"], y=_dg(d), orientation="h", marker_color=PALETTE[0], name=t("p1_median"),
        error_x=dict(type="data", symmetric=False, array=d["p75_days"] - d["median_days"],
                     arrayminus=d["median_days"] - d["p25_days"], color="#52606d", thickness=1.5),
        hovertext=hover, hoverinfo="text"))
    fig.add_vline(x=within_days, line_dash="dash", line_color=BEHIND,
                  annotation_text=t("p1_within_line", days=within_days), annotation_position="top")
    fig.update_layout(xaxis_title=t("p1_ax_days_median"), yaxis_title=None, showlegend=False)
    return _finish(fig, title, source, height=max(280, 45 * len(d) + 170))


@memo.figure
def time_to_work_distribution(df: pd.DataFrame, title: str, source: str) -> go.Figure:
    """Share of persons per bucket of days to first work, one bar colour per doelgroep."""
    fig = go.Figure()
    buckets = df.drop_duplicates("bucket").sort_values("bucket")
    names = [bucket_label(a, b) for a, b in zip(buckets["days_lo"], buckets["days_hi"])]
    for i, g in enumerate(sorted(df["doelgroep"].unique())):
        d = df[df["doelgroep"] == g].sort_values("bucket")
        hover = [t("p1_hover_bucket", dg=label("dg", g), b=n, x=fmt_int(x), total=fmt_int(tt), share=fmt_pct(s, 1))
                 for n, x, tt, s in zip(names, d["n"], d["total"], d["share"])]
        fig.add_bar(x=names, y=d["share"], name=label("dg", g), marker_color=PALETTE[i % len(PALETTE)],
                    hovertext=hover, hoverinfo="text")
    fig.update_layout(barmode="group", xaxis_title=t("p1_ax_days"), yaxis_title=t("p1_ax_share_placed"))
    fig.update_yaxes(tickformat=".0%")
    return _finish(fig, title, source)


@memo.figure
def paid_work(df: pd.DataFrame, title: str, source: str) -> go.Figure:
    """Share of persons in paid work on a date per doelgroep, with the 95% Wilson interval."""
    d = df.sort_values("share")
    hover = [t("p1_hover_paid", dg=label("dg", g), share=fmt_pct(s, 1), paid=fmt_int(p), n=fmt_int(n), lo=fmt_pct(lo, 1),
               hi=fmt_pct(hi, 1), reg=fmt_int(a), gar=fmt_int(b), bes=fmt_int(c))
             for g, s, p, n, lo, hi, a, b, c in zip(d["doelgroep"], d["share"], d["paid"], d["in_view"], d["lo"], d["hi"],
                                                     d["regulier"], d["garantiebaan"], d["beschut_werk"])]
    fig = go.Figure(go.Bar(
        x=d["share"], y=_dg(d), orientation="h", marker_color=KIND_COLOURS["regulier"],
        error_x=dict(type="data", symmetric=False, array=d["hi"] - d["share"], arrayminus=d["share"] - d["lo"],
                     color="#52606d", thickness=1.5),
        text=[f"{fmt_int(p)} / {fmt_int(n)}" for p, n in zip(d["paid"], d["in_view"])], textposition="inside",
        hovertext=hover, hoverinfo="text"))
    fig.update_layout(xaxis_title=t("p1_ax_share_paid"), yaxis_title=None, showlegend=False)
    fig.update_xaxes(tickformat=".0%", range=[0, 1])
    return _finish(fig, title, source, height=max(280, 45 * len(d) + 170))


@memo.figure
def durability(df: pd.DataFrame, title: str, source: str) -> go.Figure:
    """Share still in work 6 and 12 months after the first placement, per doelgroep, with 95% intervals."""
    fig = go.Figure()
    for months, colour in ((6, PALETTE[2]), (12, PALETTE[0])):
        d = df[df["months"] == months].sort_values("doelgroep")
        hover = [t("p1_hover_durable", dg=label("dg", g), m=months, share=fmt_pct(s, 1), x=fmt_int(x), n=fmt_int(n),
                   placed=fmt_int(p), lo=fmt_pct(lo, 1), hi=fmt_pct(hi, 1)) if n else
                 t("p1_hover_durable_none", dg=label("dg", g), m=months, placed=fmt_int(p))
                 for g, s, x, n, p, lo, hi in zip(d["doelgroep"], d["share"], d["still"], d["eligible"], d["placed"],
                                                  d["lo"], d["hi"])]
        fig.add_bar(x=_dg(d), y=d["share"], name=t("p1_after_months", m=months), marker_color=colour,
                    error_y=dict(type="data", symmetric=False, array=(d["hi"] - d["share"]).fillna(0),
                                 arrayminus=(d["share"] - d["lo"]).fillna(0), color="#52606d", thickness=1.5),
                    hovertext=hover, hoverinfo="text")
    fig.update_layout(barmode="group", xaxis_title=None, yaxis_title=t("p1_ax_share_still"))
    fig.update_yaxes(tickformat=".0%", range=[0, 1])
    return _finish(fig, title, source)
