"""Charts of the Proeftuinen page: participants → route → outcome, outcome shares, time to work."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..i18n import fmt_int, fmt_pct, label, t
from . import withheld
from .theme import PALETTE, _finish, _rgba, share_text
from . import memo


PT_COLOURS = {"regulier_werk": "#0072B2", "werkleertraject": "#009E73", "beschut_werk": "#E69F00",
              "ondersteuning": "#CC79A7", "uitgevallen": "#999999", "lopend": "#F0E442"}


ROUTE_COLOURS = {"ontwikkeling_naar_werk": "#56B4E9", "eerst_ondersteuning": "#D55E00"}


@memo.figure
def proeftuin_sankey(df: pd.DataFrame, title: str, source: str) -> go.Figure:
    """Three columns: intake per partner → route → outcome (rows of proeftuin_flow).

    A partner's intake is its protected total (partner_total); the withheld cells of a partner go as one grey
    'afgeschermd' flow from its intake, of the total minus the cells shown. Routes and outcomes show the sum
    of the flows drawn, with '+ x' where a withheld cell belongs to them.
    """
    hid = withheld.hidden(df, "n")
    shown = df[~hid]
    partners = list(dict.fromkeys(df["partner"]))
    routes = [r for r in ROUTE_COLOURS if r in set(shown["route"])]
    outcomes = [o for o in PT_COLOURS if o in set(shown["outcome"])]
    st = withheld.stacks(df, "partner", "n", "partner_total",
                         label=lambda r: f"{label('pr', r['route'])} → {label('pto', r['outcome'])}").set_index("key")
    p_tot = df.groupby("partner", sort=False)["partner_total"].first()
    r_tot = shown.groupby("route")["n"].sum()
    o_tot = shown.groupby("outcome")["n"].sum()
    r_more, o_more = set(df.loc[hid, "route"]), set(df.loc[hid, "outcome"])

    def total(n, more: bool) -> str:
        return t("wh_flow_total", n=fmt_int(n)) if more else fmt_int(n)

    def intake(p) -> str:
        n = p_tot[p]
        head = t("p2_node_intake", partner=p, n=fmt_int(n) if pd.notna(n) else withheld.MARK)
        return t("p2_node_with_withheld", head=head, n=int(st.loc[p, "hidden"])) \
            if st.loc[p, "state"] in ("within_noise", "total_withheld") else head

    labels = ([intake(p) for p in partners]
              + [f"{label('pr', r)} ({total(r_tot[r], r in r_more)})" for r in routes]
              + [f"{label('pto', o)} ({total(o_tot[o], o in o_more)})" for o in outcomes])
    colours = ([PALETTE[i % len(PALETTE)] if len(partners) > 1 else "#52606d" for i in range(len(partners))]
               + [ROUTE_COLOURS[r] for r in routes] + [PT_COLOURS[o] for o in outcomes])
    idx = {("p", p): i for i, p in enumerate(partners)}
    idx.update({("r", r): len(partners) + i for i, r in enumerate(routes)})
    idx.update({("o", o): len(partners) + len(routes) + i for i, o in enumerate(outcomes)})
    src, tgt, val, col, hover = [], [], [], [], []
    for (p, r), n in shown.groupby(["partner", "route"], sort=False)["n"].sum().items():
        src.append(idx[("p", p)]); tgt.append(idx[("r", r)]); val.append(int(n)); col.append(_rgba(ROUTE_COLOURS[r], 0.35))
        hover.append(f"{p} → {label('pr', r)}: {fmt_int(n)} {t('p2_participants')} "
                     f"({t('p2_of', n=fmt_pct(n / p_tot[p]), total=fmt_int(p_tot[p]))})")
    for (r, o), n in shown.groupby(["route", "outcome"], sort=False)["n"].sum().items():
        src.append(idx[("r", r)]); tgt.append(idx[("o", o)]); val.append(int(n)); col.append(_rgba(PT_COLOURS[o], 0.4))
        hover.append(f"{label('pr', r)} → {label('pto', o)}: {fmt_int(n)} {t('p2_participants')}")
    pieces = st[st["state"] == "piece"]
    if len(pieces):  # one afgeschermd node, one flow from each partner with withheld cells
        hidden_node = len(labels)
        labels.append(f"{t('wh_piece')} ({fmt_int(pieces['rest'].sum())})")
        colours.append(withheld.COLOUR)
        for p, s in pieces.iterrows():
            src.append(idx[("p", p)]); tgt.append(hidden_node); val.append(float(s["rest"]))
            col.append(_rgba(withheld.COLOUR, 0.55)); hover.append(f"{p} → {withheld.hover(s)}")
    fig = go.Figure(go.Sankey(
        arrangement="snap",
        node=dict(label=labels, color=colours, pad=14, thickness=20, line=dict(width=0),
                  hovertemplate="%{label}<extra></extra>"),
        link=dict(source=src, target=tgt, value=val, color=col, customdata=hover,
                  hovertemplate="%{customdata}<extra></extra>"),
    ))
    fig.update_layout(margin=dict(l=20, r=20, t=70, b=80))
    return _finish(fig, title, source, height=480)


@memo.figure
def proeftuin_outcome_share(df: pd.DataFrame, title: str, source: str) -> go.Figure:
    """Grouped bars: share of each outcome among a partner's intakes, with 95% Wilson intervals."""
    fig = go.Figure()
    partners = list(dict.fromkeys(df["partner"]))
    for o in [o for o in PT_COLOURS if o in set(df["outcome"])]:
        d = df[df["outcome"] == o]
        fig.add_bar(
            x=d["partner"], y=d["share"], name=label("pto", o), marker_color=PT_COLOURS[o],
            error_y=dict(type="data", symmetric=False, array=d["share_hi"] - d["share"],
                         arrayminus=d["share"] - d["share_lo"], color="#52606d", thickness=1),
            customdata=[share_text(n, tot, s, lo, hi) for n, tot, s, lo, hi in
                        zip(d["n"], d["total"], d["share"], d["share_lo"], d["share_hi"])],
            hovertemplate="%{x}<br>" + label("pto", o) + ": %{customdata}<extra></extra>")
    fig.update_layout(barmode="group", yaxis_title=t("p2_ax_share_intakes"), yaxis_tickformat=".0%", xaxis_title=None,
                      xaxis=dict(categoryorder="array", categoryarray=partners))
    return _finish(fig, title, source, height=440)


@memo.figure
def time_to_work(df: pd.DataFrame, title: str, source: str) -> go.Figure:
    """Box plot per partner of the days from intake to work, every person a dot."""
    fig = go.Figure()
    for i, p in enumerate(dict.fromkeys(df["partner"])):
        d = df[df["partner"] == p]
        fig.add_box(
            x=d["days"], name=p, orientation="h", boxpoints="all", jitter=0.4, pointpos=0,
            marker=dict(size=5, opacity=0.6), line=dict(width=1.5), marker_color=PALETTE[i % len(PALETTE)],
            customdata=[label("pto", o) for o in d["outcome"]],
            hovertemplate="%{y}<br>%{x} " + t("p2_days") + " · %{customdata}<extra></extra>",
        )
    fig.update_layout(xaxis_title=t("p2_days"), yaxis_title=None, showlegend=False, xaxis_rangemode="tozero")
    return _finish(fig, title, source, height=max(320, 90 * df["partner"].nunique() + 180))
