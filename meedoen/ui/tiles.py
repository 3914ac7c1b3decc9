"""Protected numbers on screen: counts and rates as the audience may see them ('<5', 'x'), tables
without flag columns, the legend of the marks, and an 'x' where a chart withholds a value."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from .. import config, i18n
from ..charts import memo
from ..i18n import fmt_int, t
from ..query import data


def metric(label: str, value: str, detail: str | None = None, *, delta: str | None = None, help: str | None = None,
           delta_color: str = "normal", delta_arrow: str = "auto") -> None:
    """A KPI tile: label, value, optional change and a line under it. Also collected for the page's
    deck and its presentation (one slide of tiles)."""
    from . import present
    from .context import _tiles

    st.metric(label, value, delta=delta, delta_color=delta_color, delta_arrow=delta_arrow, help=help)
    if detail:
        st.caption(detail)
    _tiles().append(present.Tile(label, value, detail or "", delta or "", delta_color, delta_arrow))


def k() -> int:
    return int(config.get("suppress_k"))


def count(row, col: str) -> str:
    """A count as text for the audience: '<5' when below k and hidden, 'x' when hidden as a complement."""
    if bool(row.get(col + "__suppressed", False)):
        return f"<{k()}" if bool(row.get(col + "__small", False)) else "x"
    return fmt_int(row.get(col))


def share(row, col: str, digits: int = 0) -> str:
    """A rate as text: 'x' when it is hidden (its group is too small or its count is hidden)."""
    if bool(row.get(col + "__suppressed", False)):
        return "x"
    return i18n.fmt_pct(row.get(col), digits)


def display_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A result for on-screen tables, without flag columns.

    Publiek: withheld cells as '<5' or 'x'. Intern: exact numbers (still sortable) and a column
    that marks rows with a small group.
    """
    return _display_frame(df, k())


@memo.frame  # a table with withheld cells is written out as text: kept per rows, language and k
def _display_frame(df: pd.DataFrame, k: int) -> pd.DataFrame:
    out = df.copy()
    flags = [c for c in df.columns if c.endswith("__suppressed") or c.endswith("__small") or c == "small"]
    smalls = [c for c in df.columns if c.endswith("__small")]
    if df.attrs.get("audience") == "intern" and smalls:
        any_small = df[smalls].any(axis=1)
        if any_small.any():
            out[t("small_group_col", k=k)] = np.where(any_small, "*", "")
    for flag in [c for c in flags if c.endswith("__suppressed")]:
        col = flag[: -len("__suppressed")]
        if col not in df.columns:
            continue
        hid = df[flag].to_numpy(bool)
        small = df.get(col + "__small", pd.Series(False, index=df.index)).to_numpy(bool)
        if hid.any():
            # One text column (Arrow needs one type): counts as integers, other values with two decimals.
            is_count = col + "__small" in df.columns
            text = [i18n.fmt_num(v, 0 if is_count else 2) for v in df[col]]
            for i in np.flatnonzero(hid):
                text[i] = f"<{k}" if small[i] else "x"
            out[col] = text
    return out.drop(columns=flags)


def protection_note(*results: data.Result) -> None:
    """Under a chart or table: what the marks mean, when a mark is shown."""
    hidden = small = False
    for r in results:
        if r.empty:
            continue
        hidden |= any(r.df[c].any() for c in r.df.columns if c.endswith("__suppressed"))
        small |= any(r.df[c].any() for c in r.df.columns if c.endswith("__small"))
    if hidden and results[0].audience == "publiek":
        st.caption(t("legend_publiek", k=k()))
    elif small:
        st.caption(t("legend_intern", k=k()))


def _is_nan(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def mark_hidden(fig, copy: bool = False):
    """Show hidden values as an 'x' at the axis instead of leaving a silent gap (unless the chart marks them itself).
    `copy`: mark a copy when there is something to mark, and leave `fig` as it is (a kept figure, see memo)."""
    if isinstance(fig.layout.meta, dict) and fig.layout.meta.get("withheld") == "marked":
        return fig
    extra = []
    for tr in fig.data:
        if tr.type == "bar":
            horizontal = tr.orientation == "h"
            vals = list(tr.x if horizontal else tr.y) if (tr.x if horizontal else tr.y) is not None else []
            idx = [i for i, v in enumerate(vals) if _is_nan(v)]
            if not idx:
                continue
            cats = list(tr.y if horizontal else tr.x) if (tr.y if horizontal else tr.x) is not None else []
            pts = [cats[i] for i in idx if i < len(cats)]
            extra.append(dict(x=[0] * len(pts) if horizontal else pts, y=pts if horizontal else [0] * len(pts),
                              name=tr.name, xaxis=tr.xaxis, yaxis=tr.yaxis))
        elif tr.type == "scatter" and tr.y is not None and tr.x is not None:
            ys = list(tr.y)
            idx = [i for i, v in enumerate(ys) if _is_nan(v)]
            if idx and any(not _is_nan(v) for v in ys):
                xs = list(tr.x)
                extra.append(dict(x=[xs[i] for i in idx], y=[0] * len(idx), name=tr.name, xaxis=tr.xaxis,
                                  yaxis=tr.yaxis))
    if extra and copy:
        fig = go.Figure(fig)
    for e in extra:
        fig.add_scatter(x=e["x"], y=e["y"], mode="text", text=["x"] * len(e["x"]), textfont=dict(size=14),
                        showlegend=False, xaxis=e["xaxis"], yaxis=e["yaxis"], cliponaxis=False,
                        hovertemplate=f"{e['name'] or ''}: {t('hidden_value')}<extra></extra>")
    return fig


def change(now, before, col: str, scale: float = 1, digits: int = 0) -> str | None:
    """now[col] - before[col] as '+1.234' or '-5' (scale 100: a rate in points), from the values as the
    audience sees them; None when either is withheld or missing. An ASCII sign, so st.metric colours it."""
    def shown(row) -> bool:
        return (row is not None and len(row) and not bool(row.get(col + "__suppressed", False))
                and not _is_nan(row.get(col)) and not pd.isna(row.get(col)))

    if not (shown(now) and shown(before)):
        return None
    d = (float(now[col]) - float(before[col])) * scale
    return ("+" if d >= 0 else "-") + i18n.fmt_num(abs(d), digits)



def ranked(df: pd.DataFrame, col: str, name: str, descending: bool = True) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A ranking by `col` as the audience sees it (ties by `name`), and apart the rows whose `col` is withheld:
    those are never ranked, as their place would tell the withheld value (show them in a note below)."""
    value = pd.to_numeric(df[col], errors="coerce")
    hidden = value.isna()
    if col + "__suppressed" in df:
        hidden |= df[col + "__suppressed"].astype(bool)
    shown = df[~hidden].assign(_v=value[~hidden]).sort_values(["_v", name], ascending=[not descending, True])
    return shown.drop(columns="_v").reset_index(drop=True), df[hidden].sort_values(name).reset_index(drop=True)
