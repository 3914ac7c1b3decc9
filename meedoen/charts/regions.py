"""Charts that compare regions (Regio's and Overzicht pages): placement rate per region, and the
highest/lowest cut used by every comparison of many regions."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..i18n import fmt_int, fmt_pct, t
from .theme import HIGHLIGHT, MUTED, NATIONAL, _finish


EXTREMES = 15  # with more regions than twice this, a comparison shows the highest and lowest ones


def extremes(keys: list, highlight=None) -> tuple[list, list[float]]:
    """Of regions in chart order, the first and last EXTREMES and the chosen one; and where the
    left-out ones were (bar positions for a dotted line).

    All 342 gemeenten would make a chart of thousands of pixels that nobody reads and every browser
    has to draw; the table under the chart holds all of them."""
    keys = list(keys)
    if len(keys) <= 2 * EXTREMES:
        return keys, []
    middle = [highlight] if highlight in keys[EXTREMES:-EXTREMES] else []
    return keys[:EXTREMES] + middle + keys[-EXTREMES:], [EXTREMES - 0.5] + ([EXTREMES + 0.5] if middle else [])


def extremes_title(title: str, total: int) -> str:
    return f"{title}<br><sup>{t('ch_extremes', n=EXTREMES, total=fmt_int(total))}</sup>"


def mark_gaps(fig: go.Figure, gaps: list[float]) -> None:
    for y in gaps:
        fig.add_hline(y=y, line_dash="dot", line_color="#9aa5b1", line_width=1)


def rate_by_region(df: pd.DataFrame, title: str, source: str, *, highlight: str | None = None,
                   national: dict | None = None) -> go.Figure:
    """Horizontal bars of a placement rate per region with 95% intervals; the chosen region highlighted.
    Many regions: the highest and lowest only (see extremes)."""
    d = df.sort_values("rate")
    keep, gaps = extremes(d["region_code"], highlight)
    if gaps:
        title = extremes_title(title, len(d))
        d = d[d["region_code"].isin(keep)]
    colours = [HIGHLIGHT if c == highlight else MUTED for c in d["region_code"]]
    hover = [t("hover_rate", rate=fmt_pct(r, 1), placed=fmt_int(p), looking=fmt_int(n), lo=fmt_pct(lo), hi=fmt_pct(hi))
             for r, p, n, lo, hi in zip(d["rate"], d["placed"], d["looking"], d["rate_lo"], d["rate_hi"])]
    fig = go.Figure(go.Bar(
        x=d["rate"], y=d["region_name"], orientation="h", marker_color=colours,
        error_x=dict(type="data", symmetric=False, array=d["rate_hi"] - d["rate"], arrayminus=d["rate"] - d["rate_lo"],
                     color="#52606d", thickness=1),
        hovertext=hover, hoverinfo="y+text", name=t("ax_rate"),
    ))
    mark_gaps(fig, gaps)
    if national and national.get("rate") is not None:
        fig.add_vline(x=national["rate"], line_dash="dash", line_color=NATIONAL,
                      annotation_text=f"{t('national')} {fmt_pct(national['rate'])}", annotation_position="top")
    fig.update_layout(xaxis_title=t("ax_rate"), xaxis_tickformat=".0%", yaxis_title=None, showlegend=False)
    return _finish(fig, title, source, height=max(320, 28 * len(d) + 150))
