"""Charts of the Pilots page: outflow of a pilot's participants, and their activities."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..i18n import fmt_int, label, t
from .theme import _finish, _rgba, share_text


PILOT_COLOURS = {"regulier_werk": "#0072B2", "traject_naar_werk": "#56B4E9", "beschut_werk_nodig": "#E69F00",
                 "uitgevallen": "#999999", "lopend": "#CC79A7"}


def pilot_sankey(df: pd.DataFrame, title: str, source: str) -> go.Figure:
    """Participants → outcome of one pilot (rows of pilot_outflow for that pilot).

    Withheld outcomes (publiek audience) are drawn together as one 'withheld' flow, so the
    chart shows that people are missing instead of silently dropping them.
    """
    hidden = df[df["n"].isna()]
    df = df[df["n"].notna()]
    total_known = pd.notna(hidden["total"].iloc[0] if len(hidden) else df["total"].iloc[0] if len(df) else None)
    if len(hidden) and total_known:
        rest = float(hidden["total"].iloc[0]) - df["n"].sum()
        df = pd.concat([df, pd.DataFrame({"outcome": ["__hidden__"], "n": [rest], "total": [hidden["total"].iloc[0]],
                                          "share": [None], "share_lo": [None], "share_hi": [None]})],
                       ignore_index=True)
    if df.empty:
        return _finish(go.Figure(), title, source, height=420)
    total = df["total"].iloc[0]
    outcomes = list(df["outcome"])
    labels = [t("p2_node_participants", n=fmt_int(total) if pd.notna(total) else "x")] + [
        t("p2_node_hidden", n=len(hidden), total=fmt_int(n)) if o == "__hidden__" else f"{label('po', o)}: {fmt_int(n)}"
        for o, n in zip(outcomes, df["n"])]
    colours = ["#52606d"] + [PILOT_COLOURS.get(o, "#999999") for o in outcomes]
    hover = [share_text(n, tot, s, lo, hi) for n, tot, s, lo, hi in
             zip(df["n"], df["total"], df["share"], df["share_lo"], df["share_hi"])]
    fig = go.Figure(go.Sankey(
        arrangement="fixed",
        node=dict(label=labels, color=colours, pad=18, thickness=22, line=dict(width=0),
                  hovertemplate="%{label}<extra></extra>"),
        link=dict(source=[0] * len(outcomes), target=list(range(1, len(outcomes) + 1)), value=list(df["n"]),
                  color=[_rgba(PILOT_COLOURS.get(o, "#999999"), 0.55) for o in outcomes], customdata=hover,
                  hovertemplate="%{target.label}<br>%{customdata}<extra></extra>"),
    ))
    fig.update_layout(margin=dict(l=20, r=20, t=70, b=80))
    return _finish(fig, title, source, height=420)


def pilot_activities(df: pd.DataFrame, title: str, source: str) -> go.Figure:
    """Horizontal stacked bars: participants per activity, split by outcome."""
    order = list(dict.fromkeys(df["activity"]))[::-1]  # busiest on top
    fig = go.Figure()
    for o in [o for o in PILOT_COLOURS if o in set(df["outcome"])]:
        d = df[df["outcome"] == o]
        fig.add_bar(y=d["activity"], x=d["n"], orientation="h", name=label("po", o), marker_color=PILOT_COLOURS[o],
                    customdata=[[fmt_int(n), fmt_int(tot)] for n, tot in zip(d["n"], d["activity_total"])],
                    hovertemplate="%{y}<br>" + label("po", o) + ": %{customdata[0]} " + t("p2_participants")
                    + " (" + t("p2_tbl_n").lower() + " %{customdata[1]})<extra></extra>")
    fig.update_layout(barmode="stack", xaxis_title=t("p2_participants"), yaxis_title=None, margin=dict(t=110),
                      yaxis=dict(categoryorder="array", categoryarray=order), xaxis=dict(dtick=1 if df["activity_total"].max() <= 12 else None))
    return _finish(fig, title, source, height=max(320, 40 * len(order) + 180))
