"""Charts of the Pilots page: outflow of a pilot's participants, and their activities."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..i18n import fmt_int, label, t
from . import withheld
from .theme import _finish, _rgba, share_text
from . import memo


PILOT_COLOURS = {"regulier_werk": "#0072B2", "traject_naar_werk": "#56B4E9", "beschut_werk_nodig": "#E69F00",
                 "uitgevallen": "#999999", "lopend": "#CC79A7"}


@memo.figure
def pilot_sankey(df: pd.DataFrame, title: str, source: str) -> go.Figure:
    """Participants → outcome of one pilot (rows of pilot_outflow for that pilot).

    Withheld outcomes (publiek audience) are drawn together as one 'afgeschermd' flow of the protected total
    minus the outcomes shown, so the participants keep their real (protected) number.
    """
    hid = withheld.hidden(df, "n")
    st = withheld.stacks(df.assign(_one=0), "_one", "n", "total", label=lambda r: label("po", r["outcome"])).iloc[0]
    shown = df[~hid]
    if shown.empty and st["state"] != "piece":
        return _finish(go.Figure(), title, source, height=420)
    total = df["total"].iloc[0]
    outcomes, values = list(shown["outcome"]), list(shown["n"])
    labels = [f"{label('po', o)}: {fmt_int(n)}" for o, n in zip(outcomes, values)]
    colours = [PILOT_COLOURS.get(o, "#999999") for o in outcomes]
    hover = [share_text(n, tot, s, lo, hi) for n, tot, s, lo, hi in
             zip(shown["n"], shown["total"], shown["share"], shown["share_lo"], shown["share_hi"])]
    if st["state"] == "piece":
        outcomes.append("__hidden__")
        values.append(st["rest"])
        labels.append(t("p2_node_hidden", n=int(st["hidden"]), total=fmt_int(st["rest"])))
        colours.append(withheld.COLOUR)
        hover.append(withheld.hover(st))
    head = t("p2_node_participants", n=fmt_int(total) if pd.notna(total) else withheld.MARK)
    if st["state"] in ("within_noise", "total_withheld"):  # a withheld outcome without a flow of its own
        head = t("p2_node_with_withheld", head=head, n=int(st["hidden"]))
    fig = go.Figure(go.Sankey(
        arrangement="fixed",
        node=dict(label=[head] + labels, color=["#52606d"] + colours, pad=18, thickness=22, line=dict(width=0),
                  hovertemplate="%{label}<extra></extra>"),
        link=dict(source=[0] * len(outcomes), target=list(range(1, len(outcomes) + 1)), value=values,
                  color=[_rgba(c, 0.55) for c in colours], customdata=hover,
                  hovertemplate="%{target.label}<br>%{customdata}<extra></extra>"),
    ))
    fig.update_layout(margin=dict(l=20, r=20, t=70, b=80))
    return _finish(fig, title, source, height=420)


@memo.figure
def pilot_activities(df: pd.DataFrame, title: str, source: str) -> go.Figure:
    """Horizontal stacked bars: participants per activity, split by outcome; withheld outcomes as one
    'afgeschermd' piece up to the activity's protected total."""
    order = list(dict.fromkeys(df["activity"]))[::-1]  # busiest on top
    hid = withheld.hidden(df, "n")
    fig = go.Figure()
    for o in [o for o in PILOT_COLOURS if o in set(df["outcome"])]:
        d = df[(df["outcome"] == o) & ~hid]
        if d.empty:
            continue
        fig.add_bar(y=d["activity"], x=d["n"], orientation="h", name=label("po", o), marker_color=PILOT_COLOURS[o],
                    customdata=[[fmt_int(n), fmt_int(tot)] for n, tot in zip(d["n"], d["activity_total"])],
                    hovertemplate="%{y}<br>" + label("po", o) + ": %{customdata[0]} " + t("p2_participants")
                    + " (" + t("p2_tbl_n").lower() + " %{customdata[1]})<extra></extra>")
    st = withheld.stacks(df, "activity", "n", "activity_total", label=lambda r: label("po", r["outcome"]))
    withheld.add_piece(fig, st, horizontal=True)
    withheld.add_marks(fig, st, horizontal=True)
    withheld.marked(fig)
    most = pd.to_numeric(df["activity_total"], errors="coerce").max()
    fig.update_layout(barmode="stack", xaxis_title=t("p2_participants"), yaxis_title=None, margin=dict(t=110),
                      yaxis=dict(categoryorder="array", categoryarray=order),
                      xaxis=dict(dtick=1 if pd.isna(most) or most <= 12 else None, rangemode="nonnegative"))
    return _finish(fig, title, source, height=max(320, 40 * len(order) + 180))
