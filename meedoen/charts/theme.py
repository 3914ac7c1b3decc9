"""The charts' theme: one Plotly template for the whole app, the palette, and helpers every chart uses.

Builders (one module per page in this package) take a query result's DataFrame and plain labels,
and return a figure; they never query. Every figure carries a title (what, where, when), axis units, a source line and
hover texts with exact numbers.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from ..i18n import MONTHS, d3_locale_separators, fmt_int, fmt_pct, lang, t

# Okabe–Ito: distinguishable with the common forms of colour blindness.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
KIND_COLOURS = {"regulier": "#0072B2", "garantiebaan": "#56B4E9", "werkleertraject": "#009E73",
                "beschut_werk": "#E69F00", "alternatief_beschut": "#D55E00"}
HIGHLIGHT, MUTED, NATIONAL = "#D55E00", "#9DB8D2", "#000000"
ON_TRACK, BEHIND, TARGET = "#0072B2", "#D55E00", "#000000"
FONT = "Source Sans Pro, Segoe UI, Helvetica, Arial, sans-serif"

# Bar series also differ by a light hatching, so a chart of several series can be read without colour
# (WCAG 1.4.1): the template gives the n-th bar trace of a figure the n-th pattern; the first has none.
PATTERNS = ("", "/", ".", "x", "\\", "+", "-", "|")

_OWN = go.layout.Template(
    data=dict(bar=[go.Bar(marker_pattern=dict(shape=p, fillmode="overlay", fgopacity=0.45, size=7, solidity=0.25))
                   for p in PATTERNS]),
    layout=go.Layout(
        font=dict(family=FONT, size=14, color="#1f2933"),
        title=dict(font=dict(size=18), x=0, xanchor="left", y=0.97, yanchor="top"),
        colorway=PALETTE,
        margin=dict(l=60, r=30, t=70, b=80),
        hoverlabel=dict(font_size=14),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0, xanchor="left", title_text=""),
        # Tick labels are not checked against the chart's edges: Plotly's default ("hide past div") measures
        # each label in the browser, a layout pass each. The margins hold the outer labels of a value or date axis.
        xaxis=dict(showgrid=False, ticks="outside", ticklabeloverflow="allow"),
        yaxis=dict(gridcolor="#e5e7eb", zeroline=False, ticklabeloverflow="allow"),
    )
)
# Merged once and made the default, so every new figure starts with it. Naming "plotly_white+meedoen"
# on each figure instead would merge and validate both templates every time: about 150 ms per chart.
# Streamlit makes its own template the default when its Plotly module loads: load it first.
import streamlit.elements.plotly_chart  # noqa: E402, F401


def _white_for_our_traces() -> go.layout.Template:
    """Plotly's "plotly_white" cut to what our charts use: the two trace types a template styles here (bar,
    scatter; a Sankey takes nothing from it) and a 2D layout without the defaults of maps, polar, ternary and
    3D plots and of colour scales (every colour here is named). Each figure carries its template to the browser
    and Plotly validates it again on every copy: the whole template is 9 kB and about 10 ms per figure."""
    white = pio.templates["plotly_white"].to_plotly_json()
    layout = {k: v for k, v in white["layout"].items()
              if k not in ("geo", "polar", "ternary", "scene", "mapbox", "map", "coloraxis", "colorscale")}
    return go.layout.Template(data={k: white["data"][k] for k in ("bar", "scatter")}, layout=layout)


pio.templates["meedoen"] = pio.templates.merge_templates(_white_for_our_traces(), _OWN)
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


SHADE = "rgba(230, 159, 0, 0.15)"


def _shade(fig: go.Figure, start: dt.date, end: dt.date) -> None:
    """Mark the selected period on a time axis."""
    fig.add_vrect(x0=start, x1=end + dt.timedelta(days=1), fillcolor=SHADE, line_width=0, layer="below",
                  annotation_text=t("p1_selected_period"), annotation_position="top left",
                  annotation_font=dict(size=11, color="#52606d"))


def _quarter(q) -> str:
    q = pd.Timestamp(q)
    return f"Q{(q.month - 1) // 3 + 1} {q.year}"


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
