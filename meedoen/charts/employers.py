"""Charts of the Werkgevers page: partners per year, the norm per network, sectors, instruments."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..i18n import fmt_int, label, t
from . import withheld
from .theme import PALETTE, _finish, _source_below, share_text
from . import memo


NORM_COLOURS = {"voldoet": "#009E73", "voldoet_niet": "#D55E00", "onbekend": "#999999", "afgeschermd": withheld.COLOUR}


@memo.figure
def partners_by_year(df: pd.DataFrame, title: str, source: str) -> go.Figure:
    """Bars per network: partner employers at the end of each year; hover gives the newcomers."""
    fig = go.Figure()
    for i, (net, d) in enumerate(df.groupby("network", sort=True)):
        fig.add_bar(x=d["year"], y=d["partners"], name=net, marker_color=PALETTE[i % len(PALETTE)],
                    customdata=[[fmt_int(p), fmt_int(j)] for p, j in zip(d["partners"], d["joined"])],
                    hovertemplate=f"{net} %{{x}}<br>%{{customdata[0]}} {t('p2_ax_employers')} "
                    f"(+%{{customdata[1]}})<extra></extra>")
    fig.update_layout(barmode="group", xaxis_title=t("year").lower(), yaxis_title=t("p2_ax_employers"),
                      xaxis=dict(dtick=1, tickformat="d"), margin=dict(t=110))
    return _source_below(_finish(fig, title, source, height=420))


@memo.figure
def norm_by_network(df: pd.DataFrame, title: str, source: str) -> go.Figure:
    """Stacked horizontal bars per network: partners meeting the norm, not meeting it, unknown and, in
    publiek, withheld (hatched: their number in work is too small to show, so no verdict either)."""
    nets = df.drop_duplicates("network")
    counts = {"voldoet": nets["net_meets"], "voldoet_niet": nets["net_known"] - nets["net_meets"],
              "onbekend": nets["net_unknown"]}
    if "net_withheld" in nets and nets["net_withheld"].sum():
        counts["afgeschermd"] = nets["net_withheld"]
    rate = [share_text(m, k, s, lo, hi) for m, k, s, lo, hi in
            zip(nets["net_meets"], nets["net_known"], nets["net_share"], nets["net_lo"], nets["net_hi"])]
    fig = go.Figure()
    for status, values in counts.items():
        fig.add_bar(y=nets["network"], x=values, orientation="h", name=label("ns", status),
                    marker_color=NORM_COLOURS[status], customdata=rate,
                    marker_pattern=withheld.PATTERN if status == "afgeschermd" else None,
                    hovertemplate="%{y}<br>" + label("ns", status) + ": %{x} " + t("p2_ax_employers")
                    + "<br>" + t("p2_kpi_norm") + ": %{customdata}<extra></extra>")
    fig.update_layout(barmode="stack", xaxis_title=t("p2_ax_employers"), yaxis_title=None, margin=dict(t=150),
                      yaxis=dict(automargin=True))
    return _source_below(_finish(fig, title, source, height=max(420, 70 * len(nets) + 300)))


@memo.figure
def sectors(df: pd.DataFrame, title: str, source: str) -> go.Figure:
    """Grouped horizontal bars per sector: placements, werkleertrajecten, people in work."""
    d = df.iloc[::-1]
    fig = go.Figure()
    for col, key, colour in (("placements", "p2_m_placements", "#0072B2"), ("werkleertrajecten", "p2_m_werkleer", "#009E73"),
                             ("in_work", "p2_m_in_work", "#E69F00")):
        fig.add_bar(y=d["sector"], x=d[col], orientation="h", name=t(key), marker_color=colour,
                    customdata=[[fmt_int(v), fmt_int(e), fmt_int(p)] for v, e, p in zip(d[col], d["employers"], d["partners"])],
                    hovertemplate="%{y}<br>" + t(key) + ": %{customdata[0]}<br>" + t("p2_ax_employers")
                    + ": %{customdata[1]} (" + t("p2_network").lower() + ": %{customdata[2]})<extra></extra>")
    fig.update_layout(barmode="group", xaxis_title=t("p2_ax_count"), yaxis_title=None, yaxis=dict(automargin=True),
                      margin=dict(t=100))
    return _finish(fig, title, source, height=max(360, 55 * len(d) + 200))


@memo.figure
def instruments(df: pd.DataFrame, title: str, source: str) -> go.Figure:
    """Grouped bars per network: share of placements with loonkostensubsidie / no-riskpolis, 95% intervals."""
    d = df.assign(net=[n if isinstance(n, str) else t("p2_no_network") for n in df["network"]])
    fig = go.Figure()
    for i, inst in enumerate(("loonkostensubsidie", "no_riskpolis")):
        x = d[d["instrument"] == inst]
        fig.add_bar(x=x["net"], y=x["share"], name=label("in", inst), marker_color=PALETTE[i],
                    error_y=dict(type="data", symmetric=False, array=x["share_hi"] - x["share"],
                                 arrayminus=x["share"] - x["share_lo"], color="#52606d", thickness=1),
                    customdata=[share_text(n, tot, s, lo, hi) for n, tot, s, lo, hi in
                                zip(x["n"], x["total"], x["share"], x["share_lo"], x["share_hi"])],
                    hovertemplate="%{x}<br>" + label("in", inst) + ": %{customdata}<extra></extra>")
    fig.update_layout(barmode="group", yaxis_title=t("p2_ax_share_placements"), yaxis_tickformat=".0%", xaxis_title=None)
    return _finish(fig, title, source, height=400)
