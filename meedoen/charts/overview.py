"""Charts of the Overzicht page: placements per month."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..i18n import fmt_int, label, t
from . import withheld
from .theme import KIND_COLOURS, _finish, _quarter, month_label
from . import memo


@memo.figure
def placements_by_month(df: pd.DataFrame, title: str, source: str, *, grain: str = "month") -> go.Figure:
    """Stacked bars of people placed per month (or quarter), one colour per kind of work; withheld kinds as one
    'afgeschermd' piece up to the month's protected total."""
    name = month_label if grain == "month" else _quarter
    hid = withheld.hidden(df, "placed")
    fig = go.Figure()
    for kind in [k for k in KIND_COLOURS if k in set(df["work_kind"])]:
        d = df[(df["work_kind"] == kind) & ~hid]
        if d.empty:
            continue
        fig.add_bar(
            x=d["month"], y=d["placed"], name=label("wk", kind), marker_color=KIND_COLOURS[kind],
            customdata=[[fmt_int(v), name(m)] for v, m in zip(d["placed"], d["month"])],
            hovertemplate="%{customdata[1]}<br>" + label("wk", kind) + ": %{customdata[0]} " + t("ax_people") + "<extra></extra>",
        )
    st = withheld.stacks(df, "month", "placed", "total" if "total" in df.columns else None,
                         label=lambda r: label("wk", r["work_kind"]))
    withheld.add_piece(fig, st)
    withheld.add_marks(fig, st)
    withheld.marked(fig)
    fig.update_layout(barmode="stack", xaxis_title=t("ax_month") if grain == "month" else t("p1_ax_quarter"),
                      yaxis_title=t("ax_people"), yaxis_rangemode="nonnegative")
    months = sorted(pd.to_datetime(df["month"]).unique())
    step = max(1, len(months) // 12)
    fig.update_xaxes(tickvals=months[::step], ticktext=[name(m) for m in months[::step]])
    return _finish(fig, title, source)
