"""Chart builders: one Plotly template for the whole app, one function per chart type.

Builders take a query result's DataFrame and plain labels, and return a figure; they never
query. Every figure carries a title (what, where, when), axis units, a source line and
hover texts with exact numbers.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from .i18n import MONTHS, d3_locale_separators, fmt_int, fmt_pct, label, lang, t

# Okabe–Ito: distinguishable with the common forms of colour blindness.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
KIND_COLOURS = {"regulier": "#0072B2", "garantiebaan": "#56B4E9", "werkleertraject": "#009E73",
                "beschut_werk": "#E69F00", "alternatief_beschut": "#D55E00"}
HIGHLIGHT, MUTED, NATIONAL = "#D55E00", "#9DB8D2", "#000000"
FONT = "Source Sans Pro, Segoe UI, Helvetica, Arial, sans-serif"

_OWN = go.layout.Template(
    layout=go.Layout(
        font=dict(family=FONT, size=14, color="#1f2933"),
        title=dict(font=dict(size=18), x=0, xanchor="left", y=0.97, yanchor="top"),
        colorway=PALETTE,
        margin=dict(l=60, r=30, t=70, b=80),
        hoverlabel=dict(font_size=14),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0, xanchor="left", title_text=""),
        xaxis=dict(showgrid=False, ticks="outside"),
        yaxis=dict(gridcolor="#e5e7eb", zeroline=False),
    )
)
# Merged once and made the default, so every new figure starts with it. Naming "plotly_white+meedoen"
# on each figure instead would merge and validate both templates every time: about 150 ms per chart.
# Streamlit makes its own template the default when its Plotly module loads: load it first.
import streamlit.elements.plotly_chart  # noqa: E402, F401

pio.templates["meedoen"] = pio.templates.merge_templates(pio.templates["plotly_white"], _OWN)
pio.templates.default = "meedoen"
TEMPLATE = "meedoen"


def month_label(m) -> str:
    """'mrt 2016' / 'Mar 2016': Plotly's own date labels are English only."""
    m = pd.Timestamp(m)
    return f"{MONTHS[lang()][m.month - 1]} {m.year}"


def _finish(fig: go.Figure, title: str, source: str, height: int = 420) -> go.Figure:
    if "<br>" in title:
        # A "top" anchored title of two lines is pushed off the top edge; anchor the first line's baseline instead.
        fig.update_layout(title=dict(yanchor="bottom", y=1 - 30 / height))
    if fig.layout.template.layout.colorway != tuple(PALETTE):  # someone changed Plotly's default template
        fig.update_layout(template=TEMPLATE)
    fig.update_layout(
        title_text=title, height=height, separators=d3_locale_separators(),
        annotations=list(fig.layout.annotations) + [
            dict(text=source, showarrow=False, xref="paper", yref="paper", x=0, y=-0.2, xanchor="left",
                 yanchor="top", font=dict(size=11, color="#52606d"))
        ],
    )
    return fig


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


EXTREMES = 15  # with more regions than twice this, a comparison shows the highest and lowest ones


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


def rate_by_region(df: pd.DataFrame, title: str, source: str, *, highlight: str | None = None,
                   national: dict | None = None) -> go.Figure:
    """Horizontal bars of a placement rate per region with 95% intervals; the chosen region highlighted.
    Many regions: the highest and lowest only (see extremes)."""
    d = df.sort_values("rate")
    keep, gaps = extremes(d["region_code"], highlight)
    if gaps:
        title = extremes_title(title, len(d))
        d = d[d["region_code"].isin(keep)]
    colours = [HIGHLIGHT if c == highlight else MUTED for c in d["region_code"]]
    hover = [t("hover_rate", rate=fmt_pct(r, 1), placed=fmt_int(p), looking=fmt_int(n), lo=fmt_pct(lo), hi=fmt_pct(hi))
             for r, p, n, lo, hi in zip(d["rate"], d["placed"], d["looking"], d["rate_lo"], d["rate_hi"])]
    fig = go.Figure(go.Bar(
        x=d["rate"], y=d["region_name"], orientation="h", marker_color=colours,
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
