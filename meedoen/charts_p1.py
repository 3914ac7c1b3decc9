"""Chart builders for the Doelen, Beschut en regulier, Trends and Doelgroepen pages."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from meedoen import charts, strings_p1  # noqa: F401  (strings_p1 registers the strings)
from meedoen.charts import KIND_COLOURS, PALETTE, _finish
from meedoen.i18n import fmt_int, fmt_num, fmt_pct, label, t

ON_TRACK, BEHIND, TARGET = "#0072B2", "#D55E00", "#000000"
SHADE = "rgba(230, 159, 0, 0.15)"


def status_label(status: str) -> str:
    return t(f"p1_st_{status}")


def _pct(a, b) -> str:
    return fmt_pct(a / b) if b else "–"


def _target_hover(name, r) -> str:
    return t("p1_hover_target", name=name, realised=fmt_int(r["realised"]), target=fmt_int(r["target"]),
             pct=_pct(r["realised"], r["target"]), gap=fmt_int(r["gap"]), status=status_label(r["status"]))


def targets_bullet(df: pd.DataFrame, title: str, source: str) -> go.Figure:
    """Bullet chart for one measure: a realised bar per gemeente and year, the target as a black marker."""
    d = df.sort_values(["gemeente_name", "year"], ascending=[False, False]).reset_index(drop=True)
    many_years = d["year"].nunique() > 1
    names = [f"{g} {y}" if many_years else g for g, y in zip(d["gemeente_name"], d["year"])]
    hover = [_target_hover(n, r) for n, (_, r) in zip(names, d.iterrows())]
    fig = go.Figure()
    for on, colour, key in ((True, ON_TRACK, "p1_st_on_track"), (False, BEHIND, "p1_st_behind")):
        m = d["on_track"] == on
        if m.any():
            fig.add_bar(x=d.loc[m, "realised"], y=[names[i] for i in d.index[m]], orientation="h", marker_color=colour,
                        name=f"{t('p1_realised')} ({t(key)})", hovertext=[hover[i] for i in d.index[m]],
                        hoverinfo="text", width=0.55)
    fig.add_scatter(x=d["target"], y=names, mode="markers", name=t("p1_target"),
                    marker=dict(symbol="line-ns", size=26, line=dict(width=4, color=TARGET)), hovertext=hover,
                    hoverinfo="text")
    running = d[~d["finished"] & (d["elapsed"] > 0)]
    if len(running):
        fig.add_scatter(x=running["expected"], y=[names[i] for i in running.index], mode="markers",
                        name=t("p1_expected"), marker=dict(symbol="line-ns", size=18, line=dict(width=2, color="#52606d")),
                        hovertext=[hover[i] for i in running.index], hoverinfo="text")
    fig.update_layout(barmode="overlay", xaxis_title=t("p1_ax_count"), yaxis_title=None)
    fig.update_yaxes(categoryorder="array", categoryarray=names)
    return _finish(fig, title, source, height=max(260, 34 * len(d) + 170))


def targets_by_year(df: pd.DataFrame, title: str, source: str) -> go.Figure:
    """Realised bars against target markers per year, one panel per measure."""
    measures = [m for m in ("plaatsingen", "werkleertrajecten", "beschut_werk") if m in set(df["measure"])]
    fig = make_subplots(rows=len(measures), cols=1, shared_xaxes=True, vertical_spacing=0.12,
                        subplot_titles=[label("ms", m) for m in measures])
    for i, m in enumerate(measures, start=1):
        d = df[df["measure"] == m]
        hover = [t("p1_hover_target", name=f"{label('ms', m)} {y}", realised=fmt_int(r), target=fmt_int(tg),
                   pct=_pct(r, tg), gap=fmt_int(g), status=status_label(("met" if ok else "not_met") if fin else
                                                                         ("on_track" if ok else "behind")))
                 for y, r, tg, g, ok, fin in zip(d["year"], d["realised"], d["target"], d["gap"], d["on_track"], d["finished"])]
        fig.add_bar(x=d["year"], y=d["realised"], marker_color=[ON_TRACK if ok else BEHIND for ok in d["on_track"]],
                    name=t("p1_realised"), hovertext=hover, hoverinfo="text", showlegend=i == 1, row=i, col=1)
        fig.add_scatter(x=d["year"], y=d["target"], mode="markers", name=t("p1_target"), showlegend=i == 1,
                        marker=dict(symbol="line-ew", size=30, line=dict(width=4, color=TARGET)),
                        hovertext=hover, hoverinfo="text", row=i, col=1)
        fig.update_yaxes(title_text=t("p1_ax_count") if i == 1 else None, rangemode="tozero", row=i, col=1)
    fig.update_xaxes(dtick=1, title_text=t("p1_ax_year"), row=len(measures), col=1)
    return _finish(fig, title, source, height=200 * len(measures) + 170)


def _kinds(df: pd.DataFrame) -> list[str]:
    return [k for k in KIND_COLOURS if k in set(df["work_kind"])]


def _shade(fig: go.Figure, start: dt.date, end: dt.date) -> None:
    """Mark the selected period on a time axis."""
    fig.add_vrect(x0=start, x1=end + dt.timedelta(days=1), fillcolor=SHADE, line_width=0, layer="below",
                  annotation_text=t("p1_selected_period"), annotation_position="top left",
                  annotation_font=dict(size=11, color="#52606d"))


def kinds_over_time(df: pd.DataFrame, title: str, source: str, *, shares: bool, period: tuple[dt.date, dt.date]) -> go.Figure:
    """Stacked areas of people placed per quarter by kind of work (counts or shares); the period shaded."""
    fig = go.Figure()
    quarters = sorted(df["quarter"].unique())
    for kind in _kinds(df):
        d = df[df["work_kind"] == kind].set_index("quarter").reindex(quarters)
        placed, total, share = d["placed"].fillna(0), d["total"], d["share"].fillna(0)
        total = df.drop_duplicates("quarter").set_index("quarter")["total"].reindex(quarters)
        hover = [t("p1_hover_kind", kind=label("wk", kind), q=_quarter(q), n=fmt_int(n), total=fmt_int(tt), share=fmt_pct(s, 1))
                 for q, n, tt, s in zip(quarters, placed, total, share)]
        fig.add_scatter(x=quarters, y=share if shares else placed, name=label("wk", kind), mode="lines",
                        stackgroup="one", line=dict(width=0.5, color=KIND_COLOURS[kind]), fillcolor=KIND_COLOURS[kind],
                        hovertext=hover, hoverinfo="text")
    _shade(fig, *period)
    fig.update_layout(xaxis_title=t("p1_ax_quarter"), yaxis_title=t("p1_ax_share") if shares else t("p1_ax_people"),
                      hovermode="x unified")
    if shares:
        fig.update_yaxes(tickformat=".0%", range=[0, 1])
    return _finish(fig, title, source)


def _quarter(q) -> str:
    q = pd.Timestamp(q)
    return f"Q{(q.month - 1) // 3 + 1} {q.year}"


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
    if year is not None and year in set(df["year"]):
        fig.add_vrect(x0=year - 0.5, x1=year + 0.5, fillcolor=SHADE, line_width=0, layer="below")
    fig.update_layout(xaxis_title=t("p1_ax_year"), yaxis_title=t("p1_ax_share_beschut"))
    fig.update_xaxes(dtick=1)
    fig.update_yaxes(tickformat=".0%", rangemode="tozero")
    return _finish(fig, title, source, height=380)


def kinds_by_region(df: pd.DataFrame, title: str, source: str, *, highlight: str | None = None) -> go.Figure:
    """100% stacked horizontal bars: the mix of kinds of work per region."""
    beschut = (df[df["work_kind"].isin(["beschut_werk", "alternatief_beschut"])].groupby("region_name")["share"].sum()
               .reindex(df["region_name"].unique()).fillna(0))
    order = list(beschut.sort_values().index)  # most beschut at the top
    names = {r: (f"<b>{n}</b>" if r == highlight else n) for r, n in zip(df["region_code"], df["region_name"])}
    name_of = dict(zip(df["region_name"], df["region_code"]))
    total = len(order)
    order, gaps = charts.extremes(order, next((n for n, c in name_of.items() if c == highlight), None))
    if gaps:
        title = charts.extremes_title(title, total)
    fig = go.Figure()
    for kind in _kinds(df):
        d = df[df["work_kind"] == kind].set_index("region_name").reindex(order)
        hover = [t("p1_hover_kind_region", region=r, kind=label("wk", kind), n=fmt_int(n), total=fmt_int(tt),
                   share=fmt_pct(s, 1), lo=fmt_pct(lo, 1), hi=fmt_pct(hi, 1)) if pd.notna(n) else ""
                 for r, n, tt, s, lo, hi in zip(order, d["placed"], d["total"], d["share"], d["share_lo"], d["share_hi"])]
        fig.add_bar(x=d["share"].fillna(0), y=[names[name_of[r]] for r in order], orientation="h", name=label("wk", kind),
                    marker_color=KIND_COLOURS[kind], hovertext=hover, hoverinfo="text")
    charts.mark_gaps(fig, gaps)
    fig.update_layout(barmode="stack", xaxis_title=t("p1_ax_share"), yaxis_title=None)
    fig.update_xaxes(tickformat=".0%", range=[0, 1])
    return _finish(fig, title, source, height=max(300, 30 * len(order) + 170))


def _events(fig: go.Figure, events: pd.DataFrame | None, lang: str) -> None:
    """Numbered dotted lines at the events; the full text in the hover of the number and in the list under the chart."""
    if events is None or events.empty:
        return
    for i, (_, e) in enumerate(events.iterrows(), start=1):
        fig.add_vline(x=pd.Timestamp(e["date"]).to_pydatetime(), line_dash="dot", line_color="#52606d", line_width=1)
        fig.add_annotation(x=pd.Timestamp(e["date"]).to_pydatetime(), y=1.0, yref="paper", yanchor="bottom",
                           text=f"<b>{i}</b>", showarrow=False, bgcolor="#ffffff", bordercolor="#52606d", borderwidth=1,
                           font=dict(size=11), hovertext=f"{e['date']:%Y-%m-%d}: {e[lang]}")


def series(df: pd.DataFrame, title: str, source: str, *, rate: bool, grain: str, period: tuple[dt.date, dt.date],
           events: pd.DataFrame | None = None, lang: str = "nl") -> go.Figure:
    """People placed (or the placement rate) per month or quarter, against the same bucket a year earlier."""
    fmt = "%b %Y" if grain == "month" else None
    names = [pd.Timestamp(b).strftime("%Y-%m") if grain == "month" else _quarter(b) for b in df["bucket"]]
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
    fig.add_scatter(x=df["bucket"], y=y_prev, mode="lines", name=t("p1_year_earlier"),
                    line=dict(color="#9DB8D2", width=2, dash="dash"), hovertext=hover_prev, hoverinfo="text")
    fig.add_scatter(x=df["bucket"], y=y, mode="lines+markers" if len(df) <= 24 else "lines", name=t("p1_this_series"),
                    line=dict(color=PALETTE[0], width=3), hovertext=hover, hoverinfo="text")
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


def _dg(df: pd.DataFrame) -> list[str]:
    """Doelgroep labels, in the order of the rows."""
    return [label("dg", g) for g in df["doelgroep"]]


def bucket_label(lo, hi) -> str:
    return t("p1_bucket_open", lo=fmt_int(lo)) if pd.isna(hi) else t("p1_bucket", lo=fmt_int(lo), hi=fmt_int(hi))


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
