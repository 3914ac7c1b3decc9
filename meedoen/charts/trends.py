"""Charts of the Trends page: placements and placement rate per month or quarter, with events."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..i18n import fmt_int, fmt_pct, lang, t
from . import withheld
from .theme import PALETTE, _finish, _quarter, _shade, month_label
from . import memo


def _events(fig: go.Figure, events: pd.DataFrame | None, lang: str) -> None:
    """Numbered dotted lines at the events; the full text in the hover of the number and in the list under the chart."""
    if events is None or events.empty:
        return
    for i, (_, e) in enumerate(events.iterrows(), start=1):
        fig.add_vline(x=pd.Timestamp(e["date"]).to_pydatetime(), line_dash="dot", line_color="#52606d", line_width=1)
        fig.add_annotation(x=pd.Timestamp(e["date"]).to_pydatetime(), y=1.0, yref="paper", yanchor="bottom",
                           text=f"<b>{i}</b>", showarrow=False, bgcolor="#ffffff", bordercolor="#52606d", borderwidth=1,
                           font=dict(size=11), hovertext=f"{e['date']:%Y-%m-%d}: {e[lang]}")


@memo.figure
def series(df: pd.DataFrame, title: str, source: str, *, rate: bool, grain: str, period: tuple[dt.date, dt.date],
           events: pd.DataFrame | None = None, lang: str = "nl") -> go.Figure:
    """People placed (or the placement rate) per month or quarter, against the same bucket a year earlier."""
    fmt = "%b %Y" if grain == "month" else None
    names = [month_label(b) if grain == "month" else _quarter(b) for b in df["bucket"]]
    fig = go.Figure()
    if rate:
        fig.add_scatter(x=list(df["bucket"]) + list(df["bucket"])[::-1], y=list(df["rate_hi"]) + list(df["rate_lo"])[::-1],
                        fill="toself", fillcolor="rgba(0, 114, 178, 0.15)", line=dict(width=0), hoverinfo="skip",
                        name=t("p1_ci95"))
        hover = [t("p1_hover_rate_bucket", b=n, rate=fmt_pct(r, 1), x=fmt_int(x), n=fmt_int(m), lo=fmt_pct(lo, 1),
                   hi=fmt_pct(hi, 1)) for n, r, x, m, lo, hi in
                 zip(names, df["rate"], df["placed_looking"], df["looking"], df["rate_lo"], df["rate_hi"])]
        hover_prev = [t("p1_hover_rate_prev", rate=fmt_pct(r, 1), x=fmt_int(x), n=fmt_int(m)) if pd.notna(r) else ""
                      for r, x, m in zip(df["rate_prev"], df["placed_looking_prev"], df["looking_prev"])]
        y, y_prev = df["rate"], df["rate_prev"]
    else:
        hover = [t("p1_hover_placed_bucket", b=n, n=fmt_int(x)) for n, x in zip(names, df["placed"])]
        hover_prev = [t("p1_hover_placed_prev", n=fmt_int(x)) if pd.notna(x) else "" for x in df["placed_prev"]]
        y, y_prev = df["placed"], df["placed_prev"]
    # A year earlier without data (before the first year) is left out; a withheld point is a gap with a mark.
    prev_col, col = ("rate_prev", "rate") if rate else ("placed_prev", "placed")
    hid_prev = withheld.hidden(df, prev_col) if prev_col + "__suppressed" in df.columns else np.zeros(len(df), bool)
    keep = (y_prev.notna() | hid_prev).to_numpy()
    fig.add_scatter(x=df["bucket"][keep], y=y_prev[keep], mode="lines", name=t("p1_year_earlier"),
                    line=dict(color="#9DB8D2", width=2, dash="dash"), hovertext=[h for h, k in zip(hover_prev, keep) if k],
                    hoverinfo="text")
    fig.add_scatter(x=df["bucket"], y=y, mode="lines+markers" if len(df) <= 24 else "lines", name=t("p1_this_series"),
                    line=dict(color=PALETTE[0], width=3), hovertext=hover, hoverinfo="text")
    for c, name in ((prev_col, t("p1_year_earlier")), (col, t("p1_this_series"))):
        if c + "__suppressed" in df.columns:  # publiek: withheld points marked at the axis
            withheld.add_point_marks(fig, df["bucket"], withheld.hidden(df, c), name)
    withheld.marked(fig)
    _shade(fig, *period)
    _events(fig, events, lang)
    fig.update_layout(xaxis_title=t("p1_ax_month") if grain == "month" else t("p1_ax_quarter"),
                      yaxis_title=t("ax_rate") + " (%)" if rate else t("p1_ax_people"), hovermode="x unified",
                      margin=dict(t=95))
    if fmt:
        fig.update_xaxes(tickformat=fmt)
    if rate:
        fig.update_yaxes(tickformat=".0%", rangemode="tozero")
    else:
        fig.update_yaxes(rangemode="tozero")
    return _finish(fig, title, source)
