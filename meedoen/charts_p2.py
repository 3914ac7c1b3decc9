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


def _source_below(fig: go.Figure, px: int = 62) -> go.Figure:
    """Move the source line px pixels under the plot, clear of the x-axis title (small charts)."""
    lay = fig.layout
    bottom = max(lay.margin.b or 80, px + 30)
    fig.update_layout(margin=dict(b=bottom))
    plot_h = lay.height - (lay.margin.t or 70) - bottom
    lay.annotations[-1].y = -px / plot_h
    return fig


def share_text(n, total, share, lo, hi) -> str:
    """'22% (2 of 9; 95% interval 6%–55%)'."""
    return t("p2_share_ci", share=fmt_pct(share), n=fmt_int(n), total=fmt_int(total), lo=fmt_pct(lo), hi=fmt_pct(hi))


# ------------------------------------------------------------------ pilots

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


# ------------------------------------------------------------------ proeftuinen

def proeftuin_sankey(df: pd.DataFrame, title: str, source: str) -> go.Figure:
    """Three columns: intake per partner → route → outcome (rows of proeftuin_flow)."""
    partners = list(dict.fromkeys(df["partner"]))
    routes = [r for r in ROUTE_COLOURS if r in set(df["route"])]
    outcomes = [o for o in PT_COLOURS if o in set(df["outcome"])]
    p_tot = df.groupby("partner")["n"].sum()
    r_tot = df.groupby("route")["n"].sum()
    o_tot = df.groupby("outcome")["n"].sum()
    labels = ([t("p2_node_intake", partner=p, n=fmt_int(p_tot[p])) for p in partners]
              + [f"{label('pr', r)} ({fmt_int(r_tot[r])})" for r in routes]
              + [f"{label('pto', o)} ({fmt_int(o_tot[o])})" for o in outcomes])
    colours = ([PALETTE[i % len(PALETTE)] if len(partners) > 1 else "#52606d" for i in range(len(partners))]
               + [ROUTE_COLOURS[r] for r in routes] + [PT_COLOURS[o] for o in outcomes])
    idx = {("p", p): i for i, p in enumerate(partners)}
    idx.update({("r", r): len(partners) + i for i, r in enumerate(routes)})
    idx.update({("o", o): len(partners) + len(routes) + i for i, o in enumerate(outcomes)})
    src, tgt, val, col, hover = [], [], [], [], []
    for (p, r), n in df.groupby(["partner", "route"], sort=False)["n"].sum().items():
        src.append(idx[("p", p)]); tgt.append(idx[("r", r)]); val.append(int(n)); col.append(_rgba(ROUTE_COLOURS[r], 0.35))
        hover.append(f"{p} → {label('pr', r)}: {fmt_int(n)} {t('p2_participants')} "
                     f"({t('p2_of', n=fmt_pct(n / p_tot[p]), total=fmt_int(p_tot[p]))})")
    for (r, o), n in df.groupby(["route", "outcome"], sort=False)["n"].sum().items():
        src.append(idx[("r", r)]); tgt.append(idx[("o", o)]); val.append(int(n)); col.append(_rgba(PT_COLOURS[o], 0.4))
        hover.append(f"{label('pr', r)} → {label('pto', o)}: {fmt_int(n)} {t('p2_participants')} "
                     f"({t('p2_of', n=fmt_pct(n / r_tot[r]), total=fmt_int(r_tot[r]))})")
    fig = go.Figure(go.Sankey(
        arrangement="snap",
        node=dict(label=labels, color=colours, pad=14, thickness=20, line=dict(width=0),
                  hovertemplate="%{label}<extra></extra>"),
        link=dict(source=src, target=tgt, value=val, color=col, customdata=hover,
                  hovertemplate="%{customdata}<extra></extra>"),
    ))
    fig.update_layout(margin=dict(l=20, r=20, t=70, b=80))
    return _finish(fig, title, source, height=480)


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


# ------------------------------------------------------------------ employers

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


def norm_by_network(df: pd.DataFrame, title: str, source: str) -> go.Figure:
    """Stacked horizontal bars per network: partners meeting the norm, not meeting it, unknown."""
    nets = df.drop_duplicates("network")
    counts = {"voldoet": nets["net_meets"], "voldoet_niet": nets["net_known"] - nets["net_meets"],
              "onbekend": nets["net_unknown"]}
    rate = [share_text(m, k, s, lo, hi) for m, k, s, lo, hi in
            zip(nets["net_meets"], nets["net_known"], nets["net_share"], nets["net_lo"], nets["net_hi"])]
    fig = go.Figure()
    for status, values in counts.items():
        fig.add_bar(y=nets["network"], x=values, orientation="h", name=label("ns", status),
                    marker_color=NORM_COLOURS[status], customdata=rate,
                    hovertemplate="%{y}<br>" + label("ns", status) + ": %{x} " + t("p2_ax_employers")
                    + "<br>" + t("p2_kpi_norm") + ": %{customdata}<extra></extra>")
    fig.update_layout(barmode="stack", xaxis_title=t("p2_ax_employers"), yaxis_title=None, margin=dict(t=150),
                      yaxis=dict(automargin=True))
    return _source_below(_finish(fig, title, source, height=max(420, 70 * len(nets) + 300)))


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
