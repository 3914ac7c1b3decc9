"""Chart builders for the pilots, proeftuinen and werkgevers pages; they never query."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from . import strings_p2  # noqa: F401  (registers the strings)
from .charts import PALETTE, _finish
from .i18n import fmt_int, fmt_num, fmt_pct, label, t

PILOT_COLOURS = {"regulier_werk": "#0072B2", "traject_naar_werk": "#56B4E9", "beschut_werk_nodig": "#E69F00",
                 "uitgevallen": "#999999", "lopend": "#CC79A7"}
PT_COLOURS = {"regulier_werk": "#0072B2", "werkleertraject": "#009E73", "beschut_werk": "#E69F00",
              "ondersteuning": "#CC79A7", "uitgevallen": "#999999", "lopend": "#F0E442"}
ROUTE_COLOURS = {"ontwikkeling_naar_werk": "#56B4E9", "eerst_ondersteuning": "#D55E00"}
NORM_COLOURS = {"voldoet": "#009E73", "voldoet_niet": "#D55E00", "onbekend": "#999999"}


def _rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    return f"rgba({int(h[0:2], 16)},{int(h[2:4], 16)},{int(h[4:6], 16)},{alpha})"


def share_text(n, total, share, lo, hi) -> str:
    """'22% (2 of 9; 95% interval 6%–55%)'."""
    return t("p2_share_ci", share=fmt_pct(share), n=fmt_int(n), total=fmt_int(total), lo=fmt_pct(lo), hi=fmt_pct(hi))


# ------------------------------------------------------------------ pilots

def pilot_sankey(df: pd.DataFrame, title: str, source: str) -> go.Figure:
    """Participants → outcome of one pilot (rows of pilot_outflow for that pilot)."""
    total = int(df["total"].iloc[0])
    outcomes = list(df["outcome"])
    labels = [t("p2_node_participants", n=fmt_int(total))] + [
        f"{label('po', o)}: {fmt_int(n)}" for o, n in zip(outcomes, df["n"])]
    colours = ["#52606d"] + [PILOT_COLOURS.get(o, "#999999") for o in outcomes]
    hover = [share_text(n, tot, s, lo, hi) for n, tot, s, lo, hi in
             zip(df["n"], df["total"], df["share"], df["share_lo"], df["share_hi"])]
    fig = go.Figure(go.Sankey(
        arrangement="fixed",
        node=dict(label=labels, color=colours, pad=18, thickness=22, line=dict(width=0),
                  hovertemplate="%{label}<extra></extra>"),
        link=dict(source=[0] * len(outcomes), target=list(range(1, len(outcomes) + 1)), value=list(df["n"]),
                  color=[_rgba(PILOT_COLOURS.get(o, "#999999"), 0.4) for o in outcomes], customdata=hover,
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
    fig.update_layout(barmode="stack", xaxis_title=t("p2_participants"), yaxis_title=None,
                      yaxis=dict(categoryorder="array", categoryarray=order), xaxis=dict(dtick=1 if df["activity_total"].max() <= 12 else None))
    return _finish(fig, title, source, height=max(320, 40 * len(order) + 180))
