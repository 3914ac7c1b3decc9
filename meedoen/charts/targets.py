"""Charts of the Doelen page: realised against the taakstelling."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..i18n import fmt_int, fmt_pct, label, t
from .theme import BEHIND, ON_TRACK, TARGET, _finish
from . import memo


def status_label(status: str) -> str:
    return t(f"p1_st_{status}")


def _pct(a, b) -> str:
    return fmt_pct(a / b) if b else "–"


def _target_hover(name, r) -> str:
    return t("p1_hover_target", name=name, realised=fmt_int(r["realised"]), target=fmt_int(r["target"]),
             pct=_pct(r["realised"], r["target"]), gap=fmt_int(r["gap"]), status=status_label(r["status"]))


MAX_ROWS = 30  # a bullet chart with hundreds of rows is unreadable; the table keeps them all
MIN_RANK_TARGET = 5  # below this target one person more or less swings the share reached: too small to rank


def lowest(df: pd.DataFrame, n: int = MAX_ROWS) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Rows of one measure ranked by the share of their target reached, the lowest (the largest gap for the
    size of the target) first: the `n` lowest; the rows with a target below MIN_RANK_TARGET (too small to
    rank); and the rows whose realised count is withheld (never ranked: their order would give it away)."""
    realised = pd.to_numeric(df["realised"], errors="coerce")
    withheld = df[realised.isna()]
    small = df[realised.notna() & (df["target"] < MIN_RANK_TARGET)]
    ok = df[realised.notna() & (df["target"] >= MIN_RANK_TARGET)]
    ranked = ok.assign(_share=realised[ok.index] / ok["target"]).sort_values(["_share", "gemeente_name", "year"])
    return ranked.head(n).drop(columns="_share"), small, withheld


@memo.figure
def targets_bullet(df: pd.DataFrame, title: str, source: str, *, ranked: bool = False) -> go.Figure:
    """Bullet chart for one measure: a realised bar per gemeente and year, the target as a black marker.
    In the order of `df` from the top when `ranked` (see lowest), else alphabetically."""
    if ranked:
        d = df.iloc[::-1].reset_index(drop=True)  # bars are drawn from the bottom up
    else:
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


@memo.figure
def targets_by_year(df: pd.DataFrame, title: str, source: str) -> go.Figure:
    """Realised bars against target markers per year, one panel per measure."""
    measures = [m for m in ("plaatsingen", "werkleertrajecten", "beschut_werk") if m in set(df["measure"])]
    fig = make_subplots(rows=len(measures), cols=1, shared_xaxes=True, vertical_spacing=0.12,
                        subplot_titles=[label("ms", m) for m in measures])
    for i, m in enumerate(measures, start=1):
        d = df[df["measure"] == m]
        states = d["status"] if "status" in d else [("met" if ok else "not_met") if fin else ("on_track" if ok else "behind")
                                                    for ok, fin in zip(d["on_track"], d["finished"])]
        hover = [t("p1_hover_target", name=f"{label('ms', m)} {y}", realised=fmt_int(r), target=fmt_int(tg),
                   pct=_pct(r, tg), gap=fmt_int(g), status=status_label(st))
                 for y, r, tg, g, st in zip(d["year"], d["realised"], d["target"], d["gap"], states)]
        fig.add_bar(x=d["year"], y=d["realised"], marker_color=[ON_TRACK if ok else BEHIND for ok in d["on_track"]],
                    name=t("p1_realised"), hovertext=hover, hoverinfo="text", showlegend=i == 1, row=i, col=1)
        fig.add_scatter(x=d["year"], y=d["target"], mode="markers", name=t("p1_target"), showlegend=i == 1,
                        marker=dict(symbol="line-ew", size=30, line=dict(width=4, color=TARGET)),
                        hovertext=hover, hoverinfo="text", row=i, col=1)
        fig.update_yaxes(title_text=t("p1_ax_count") if i == 1 else None, rangemode="tozero", row=i, col=1)
    fig.update_xaxes(dtick=1, title_text=t("p1_ax_year"), row=len(measures), col=1)
    return _finish(fig, title, source, height=200 * len(measures) + 170)
