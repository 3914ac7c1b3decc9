"""Charts of the Overzicht page: placements per month."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..i18n import fmt_int, label, t
from .theme import KIND_COLOURS, _finish, month_label


def placements_by_month(df: pd.DataFrame, title: str, source: str) -> go.Figure:
    """Stacked bars of people placed per month, one colour per kind of work."""
    fig = go.Figure()
    for kind in [k for k in KIND_COLOURS if k in set(df["work_kind"])]:
        d = df[df["work_kind"] == kind]
        fig.add_bar(
            x=d["month"], y=d["placed"], name=label("wk", kind), marker_color=KIND_COLOURS[kind],
            customdata=[[fmt_int(v), month_label(m)] for v, m in zip(d["placed"], d["month"])],
            hovertemplate="%{customdata[1]}<br>" + label("wk", kind) + ": %{customdata[0]} " + t("ax_people") + "<extra></extra>",
        )
    fig.update_layout(barmode="stack", xaxis_title=t("ax_month"), yaxis_title=t("ax_people"))
    months = sorted(pd.to_datetime(df["month"]).unique())
    step = max(1, len(months) // 12)
    fig.update_xaxes(tickvals=months[::step], ticktext=[month_label(m) for m in months[::step]])
    return _finish(fig, title, source)
