"""Charts that compare regions (Regio's and Overzicht pages): placement rate per region, and the
highest/lowest cut used by every comparison of many regions."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..i18n import fmt_int, fmt_names, fmt_pct, t
from .theme import HIGHLIGHT, MUTED, NATIONAL, _finish
from . import memo


EXTREMES = 15  # with more regions than twice this, a comparison shows the highest and lowest ones
MIN_RANK = 20  # people looking below which a rate is too uncertain to rank (one person moves it 5 points or more)


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


def ranking(df: pd.DataFrame, highlight: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Regions by their placement rate as shown (lowest first, then by name); the ones too small to rank
    (fewer than MIN_RANK people looking, or nobody; the chosen region stays in the ranking, marked); and the
    ones whose rate is withheld for the audience: never ranked, as their place would tell the withheld value."""
    rate = pd.to_numeric(df["rate"], errors="coerce")
    looking = pd.to_numeric(df["looking"], errors="coerce")
    hidden = df["rate__suppressed"].astype(bool) if "rate__suppressed" in df else pd.Series(False, index=df.index)
    hidden |= rate.isna() & looking.isna()
    small = ~hidden & (rate.isna() | (looking < MIN_RANK))
    keep = ~hidden & (~small | ((df["region_code"] == highlight) & rate.notna()))
    ranked = df[keep].assign(_rate=rate[keep]).sort_values(["_rate", "region_name"]).drop(columns="_rate")
    return ranked, df[small & ~keep], df[hidden].sort_values("region_name")


def by_rate(df: pd.DataFrame) -> pd.DataFrame:
    """Rows for a table in the ranking's order: the regions it ranks, highest rate first; then the ones too
    small to rank and last the withheld ones, each by name (their place says nothing about their rate)."""
    ranked, small, hidden = ranking(df)
    ranked = (ranked.assign(_rate=pd.to_numeric(ranked["rate"], errors="coerce"))
              .sort_values(["_rate", "region_name"], ascending=[False, True]).drop(columns="_rate"))
    return pd.concat([ranked, small.sort_values("region_name"), hidden]).reset_index(drop=True)


def unranked_note(df: pd.DataFrame, highlight: str | None = None) -> str | None:
    """The note under a ranking: which regions it leaves out, and why (None when it leaves none out)."""
    _, small, hidden = ranking(df, highlight)
    notes = []
    if len(small):
        notes.append(t("rank_too_small", n=fmt_int(len(small)), k=MIN_RANK))
    if len(hidden):
        notes.append(t("rank_withheld", n=fmt_int(len(hidden)), names=fmt_names(hidden["region_name"])))
    return " ".join(notes) or None


@memo.figure
def rate_by_region(df: pd.DataFrame, title: str, source: str, *, highlight: str | None = None,
                   national: dict | None = None) -> go.Figure:
    """Horizontal bars of a placement rate per region with 95% intervals, highest on top; the chosen region
    highlighted. Only regions that can be ranked (see ranking; unranked_note names the others). Many regions:
    the highest and lowest only (see extremes)."""
    d, small, hidden = ranking(df, highlight)
    notes = []
    keep, gaps = extremes(d["region_code"], highlight)
    if gaps:
        notes.append(t("ch_extremes", n=EXTREMES, total=fmt_int(len(d))))
        d = d[d["region_code"].isin(keep)]
    if len(small) + len(hidden):
        notes.append(t("rank_left_out", n=fmt_int(len(small) + len(hidden))))
    if notes:
        title = f"{title}<br><sup>{' · '.join(notes)}</sup>"
    looking = pd.to_numeric(d["looking"], errors="coerce")
    names = [f"{n} ({t('rank_small_mark')})" if c == highlight and not (x >= MIN_RANK) else n
             for c, n, x in zip(d["region_code"], d["region_name"], looking)]
    colours = [HIGHLIGHT if c == highlight else MUTED for c in d["region_code"]]
    hover = [t("hover_rate", rate=fmt_pct(r, 1), placed=fmt_int(p), looking=fmt_int(n), lo=fmt_pct(lo), hi=fmt_pct(hi))
             for r, p, n, lo, hi in zip(d["rate"], d["placed"], d["looking"], d["rate_lo"], d["rate_hi"])]
    fig = go.Figure(go.Bar(
        x=d["rate"], y=names, orientation="h", marker_color=colours,
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
