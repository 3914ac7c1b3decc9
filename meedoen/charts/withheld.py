"""Withheld values in charts (publiek audience): the 'afgeschermd' piece of a stack, its marks, a coarser grain.

A stack (a month's bar of kinds of work, a quarter of an area chart, a partner's intakes in a flow) is drawn
up to its protected total: the visible pieces, then one grey hatched 'afgeschermd' piece of
total − sum(visible pieces). Both are published numbers, so the piece tells nothing the tables do not.
When that difference is 0 or less (the perturbation of the visible pieces outweighs the withheld ones) no
piece is drawn; the stack still gets the mark. docs/privacy.md describes the rules (Dutch and English).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..i18n import fmt_int, fmt_pct, t

COLOUR = "#9aa5b1"
PATTERN = dict(shape="/", fgcolor="#52606d", solidity=0.35)
MARK = "x"
MARK_SIZE = 16  # presentation mode raises every text of a chart to at least 22 px
ROLE_PIECE, ROLE_MARK = "withheld", "withheld_mark"
MOSTLY = 0.5  # more than this share of a grain's cells withheld: a coarser grain is used


def hidden(df: pd.DataFrame, col: str) -> np.ndarray:
    """Which values of `col` are withheld (the protection's flag; a missing value where there is no flag)."""
    flag = col + "__suppressed"
    if flag in df.columns:
        return df[flag].fillna(False).to_numpy(bool)
    return pd.to_numeric(df[col], errors="coerce").isna().to_numpy()


def mostly_withheld(df: pd.DataFrame, col: str) -> bool:
    """More than half of the cells withheld: the grain is too fine for this audience."""
    return len(df) > 0 and float(hidden(df, col).mean()) > MOSTLY


def stacks(df: pd.DataFrame, by: str, col: str, total: str | None, label=None) -> pd.DataFrame:
    """Per stack `by`: total (protected; NaN when withheld), shown (sum of the visible
    pieces), hidden (number of withheld pieces), names (their labels), rest (the afgeschermd piece: total −
    shown when above 0, else 0), top (where the stack ends) and state: '' nothing withheld, 'piece' drawn,
    'within_noise' (total − shown ≤ 0: nothing to draw) or 'total_withheld'."""
    h = hidden(df, col)
    vals = pd.to_numeric(df[col], errors="coerce").where(~h)
    tot = (pd.to_numeric(df[total], errors="coerce").where(~hidden(df, total)) if total
           else pd.Series(np.nan, index=df.index))
    rows = []
    for key, idx in df.groupby(by, sort=False).indices.items():
        shown = float(vals.iloc[idx].sum())
        n_hidden = int(h[idx].sum())
        total_v = float(tot.iloc[idx].iloc[0]) if len(idx) else np.nan
        rest = 0.0
        if n_hidden == 0:
            state = ""
        elif np.isnan(total_v):
            state = "total_withheld"
        elif total_v - shown > 0:
            state, rest = "piece", total_v - shown
        else:
            state = "within_noise"
        hidden_names = [label(df.iloc[i]) for i in idx if h[i]] if label else []
        rows.append(dict(key=key, total=total_v, shown=shown, hidden=n_hidden, names=hidden_names, rest=rest,
                         top=shown + rest, state=state))
    return pd.DataFrame(rows, columns=["key", "total", "shown", "hidden", "names", "rest", "top", "state"])


def hover(s) -> str:
    """What the afgeschermd piece or mark of one stack stands for (a row of `stacks`)."""
    what = ", ".join(s["names"]) if len(s["names"]) else t("wh_pieces", n=s["hidden"])
    if s["state"] == "piece":
        return t("wh_hover_piece", what=what, n=fmt_int(s["rest"]), total=fmt_int(s["total"]), shown=fmt_int(s["shown"]))
    if s["state"] == "within_noise":
        return t("wh_hover_noise", what=what, total=fmt_int(s["total"]), shown=fmt_int(s["shown"]))
    return t("wh_hover_total", what=what)


def share_hover(s) -> str:
    """As hover, for a chart of shares (the piece as a share of the total)."""
    if s["state"] == "piece":
        what = ", ".join(s["names"]) if len(s["names"]) else t("wh_pieces", n=s["hidden"])
        return t("wh_hover_piece_share", what=what, share=fmt_pct(s["rest"] / s["total"], 1), n=fmt_int(s["rest"]),
                 total=fmt_int(s["total"]))
    return hover(s)


def add_piece(fig: go.Figure, st: pd.DataFrame, *, horizontal: bool = False, values=None,
              states: tuple[str, ...] = ("piece",), hover_of=None, **kw) -> None:
    """The grey hatched 'afgeschermd' bar piece of every stack that has one (add it after the visible pieces).
    `values(rows)` gives the lengths (default: rest); `states` which stacks get one; `hover_of(row)` the hover."""
    d = st[st["state"].isin(states)]
    if d.empty:
        return
    v = list(d["rest"] if values is None else values(d))
    cats = list(d["key"])
    fig.add_bar(x=v if horizontal else cats, y=cats if horizontal else v, orientation="h" if horizontal else "v",
                name=t("wh_piece"), marker=dict(color=COLOUR, pattern=PATTERN, line=dict(width=0)),
                hovertext=[(hover_of or hover)(s) for _, s in d.iterrows()], hoverinfo="text",
                meta={"role": ROLE_PIECE}, **kw)


def add_marks(fig: go.Figure, st: pd.DataFrame, *, horizontal: bool = False, tops=None, hover_text: bool = True,
              **kw) -> None:
    """The withheld mark at the end of every stack with a withheld piece (drawn or not)."""
    d = st[st["hidden"] > 0]
    if d.empty:
        return
    top = list(d["top"] if tops is None else tops(d))
    cats = list(d["key"])
    fig.add_scatter(x=top if horizontal else cats, y=cats if horizontal else top, mode="text",
                    text=[MARK] * len(d), textposition="middle right" if horizontal else "top center",
                    textfont=dict(size=MARK_SIZE, color="#1f2933"), cliponaxis=False, showlegend=False,
                    name=t("wh_piece"), hovertext=[hover(s) for _, s in d.iterrows()],
                    hoverinfo="text" if hover_text else "skip", meta={"role": ROLE_MARK}, **kw)


def add_point_marks(fig: go.Figure, x, hid, name: str, **kw) -> None:
    """The withheld mark at the axis for every withheld point of a line (the line has a gap there)."""
    xs = [v for v, h in zip(x, hid) if h]
    if not xs:
        return
    fig.add_scatter(x=xs, y=[0] * len(xs), mode="text", text=[MARK] * len(xs), textposition="top center",
                    textfont=dict(size=MARK_SIZE, color="#1f2933"), cliponaxis=False, showlegend=False, name=name,
                    hovertext=[f"{name}: {t('hidden_value')}"] * len(xs), hoverinfo="text", meta={"role": ROLE_MARK},
                    **kw)


def marked(fig: go.Figure) -> go.Figure:
    """Note on the figure that its builder marked the withheld values itself (ui.chart adds no marks of its own)."""
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    fig.update_layout(meta={**meta, "withheld": "marked"})
    return fig


def coarser_title(title: str) -> str:
    """A chart title with the note that a coarser grain is shown because the finer one was mostly withheld."""
    return f"{title}<br><sup>{t('wh_coarser')}</sup>"
