"""Presentation mode, chart exports and shareable links: the parts that need no Streamlit.

The UI (meedoen/ui/) computes every text in the script thread and hands it in, because the
download callables run on another thread where the session language is not known.
"""

from __future__ import annotations

import collections
import dataclasses
import hashlib
import threading
import urllib.parse
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio

from .. import export
from ..charts import theme
from ..charts.theme import MUTED

# Larger type for a projector, read from the back of a room; layered on the app template.
_PRESENTATION = go.layout.Template(
    layout=go.Layout(
        font=dict(size=22),
        title=dict(font=dict(size=32)),
        hoverlabel=dict(font_size=22),
        legend=dict(font=dict(size=22)),
        margin=dict(l=90, r=50, t=120, b=110),
    )
)
# Merged once (naming "a+b+c" per figure would merge them on every call).
pio.templates["meedoen_presentation"] = pio.templates.merge_templates(pio.templates[theme.TEMPLATE], _PRESENTATION)
PRESENT_TEMPLATE = "meedoen_presentation"
# px: the height a slide's figure is laid out for (its title's place). On screen the slide takes the
# window's height less the header and the buttons (CSS in ui/presentation.py): about 520 px on a
# 1280×720 screen, 880 px on 1920×1080.
PRESENT_HEIGHT = 500
SLIDE_MIN_HEIGHT = 280
# A ranking on one screen shows at most this many bars (22 px type needs about 25 px a bar); the
# rest is cut with a note: the page and the PowerPoint show it whole.
PRESENT_MAX_BARS = 11  # a gemeente and its 10 comparable gemeenten stay whole
# A darker shade of the muted bar colour: the light one is too faint on a projector.
PRESENT_MUTED = "#6C8EB4"
MIN_FONT = 22

# Chart images: 960 layout px at scale 2, so the bitmap is 1920 px wide and the text is
# twice as big as at scale 1 (see docs/exports.md).
IMAGE_WIDTH, IMAGE_MIN_HEIGHT, IMAGE_SCALE = 960, 540, 2


# ---------------------------------------------------------------- figures


def _is_source(ann: Any, source: str | None) -> bool:
    return bool(source) and ann.text == source


def presentation_height(fig: go.Figure) -> int:
    """Every slide has one height that fits the screen; long rankings are cut instead (see below)."""
    return PRESENT_HEIGHT


def presentation_figure(fig: go.Figure, *, source: str | None = None, height: int | None = None,
                        lang: str | None = None) -> go.Figure:
    """A copy with projector-sized type that fits the screen; the source line is dropped (the header
    shows it); a ranking longer than PRESENT_MAX_BARS keeps its top bars, with a note."""
    from ..i18n import fmt_int, lang as current_lang, text

    pages = export.page_figure(fig, PRESENT_MAX_BARS)
    total = len(export._ranking_categories(fig) or ())
    out = go.Figure(pages[0])
    if len(pages) > 1:
        # The cut is said in the title's second line, where the page's chart says what it shows.
        main = export.split_title(figure_title(fig))[0]
        language = lang or current_lang()
        note = text("pr_cut", language, n=PRESENT_MAX_BARS, total=fmt_int(total, language))
        out.update_layout(title_text=f"{main}<br><sup>{note}</sup>")
    height = height or presentation_height(fig)
    # Plotly measures a "top" anchored title by its first line only, so a second line pushes it off
    # the top edge: anchor the first line's baseline 44 px below the top instead.
    out.update_layout(title_y=1 - 44 / height, title_yref="container", title_yanchor="bottom")
    is_map = any(getattr(tr, "fill", None) == "toself" for tr in out.data)
    out.update_layout(template=PRESENT_TEMPLATE, height=height, font_size=22, title_font_size=32,
                      legend_font_size=22, hoverlabel_font_size=22,
                      # A map needs no room for axes: it gets the height the slide has.
                      margin=dict(l=20, r=20, t=90, b=40) if is_map else dict(l=90, r=50, t=120, b=110))
    anns = []
    for a in out.layout.annotations:
        if _is_source(a, source):
            continue
        if source and str(a.text or "").startswith(source + " · "):
            # A map's source line with the boundaries' credit: the header shows the source, the credit stays.
            a.update(text=str(a.text)[len(source) + 3:], font_size=16)
            anns.append(a)
            continue
        size = a.font.size if a.font and a.font.size else None
        a.font.size = max(MIN_FONT, round(size * 1.6)) if size else MIN_FONT
        anns.append(a)
    out.layout.annotations = anns
    out.update_xaxes(automargin=True, tickfont_size=22, title_font_size=24)
    # Stacked subplots: one axis title would outgrow its short subplot at full size.
    stacked = sum(1 for k in out.layout.to_plotly_json() if k.startswith("yaxis")) > 1
    out.update_yaxes(automargin=True, tickfont_size=22, title_font_size=18 if stacked else 24)
    for tr in out.data:
        marker = getattr(tr, "marker", None)
        colour = getattr(marker, "color", None) if marker is not None else None
        if isinstance(colour, str) and colour == MUTED:
            marker.color = PRESENT_MUTED
        elif isinstance(colour, (list, tuple)):
            marker.color = [PRESENT_MUTED if c == MUTED else c for c in colour]
        text = getattr(tr, "textfont", None)  # marks such as the withheld 'x': readable from the back of a room
        if text is not None and isinstance(text.size, (int, float)) and text.size < MIN_FONT:
            text.size = MIN_FONT
        for err in ("error_x", "error_y"):
            e = getattr(tr, err, None)
            if e is not None and (e.array is not None or e.type is not None):
                e.update(thickness=2.5, width=10)  # hairlines vanish on a projector
    if is_map:  # each colour class is its own legend group: without the gap between groups the legend fits
        out.update_layout(legend_tracegroupgap=2)
    if out.layout.legend.orientation == "h":
        # Above the plot, under the title: the bigger title needs the room.
        out.update_layout(legend=dict(y=1.02, yanchor="bottom"))
    if export._ranking_categories(out):
        out.update_yaxes(tickmode="linear", dtick=1)  # every name of a ranking, none skipped
    return out


def slide_figure(fig: go.Figure, *, source: str | None = None, lang: str | None = None) -> tuple[go.Figure, str, str]:
    """A slide on the screen: the presentation copy at the slide's CSS height, and its title and subtitle,
    which the slide writes as text above the chart. A title drawn by Plotly sits at a fixed fraction of a
    height the server cannot know (the screen's), so at 1080p its second line ran into the legend; as
    text above the chart it takes the lines it needs at any screen size. The figure keeps its title
    (the stylesheet hides it) and gives back the room it took; a horizontal legend widens the top margin
    itself."""
    out = presentation_figure(fig, source=source, lang=lang)
    title, subtitle = export.split_title(figure_title(out))
    is_map = any(getattr(tr, "fill", None) == "toself" for tr in out.data)
    # The height is the chart's least: the slide's CSS height less the title and a note decides (Streamlit
    # keeps a stretched chart at least its figure's height, 450 px when none is set).
    out.update_layout(height=SLIDE_MIN_HEIGHT, autosize=True, margin_t=10 if is_map else 24,
                      margin_b=10 if is_map else 30)  # the x axis takes what its labels need (automargin)
    # Notes on the plot's top edge: event numbers (paper) and a reference line's label (add_vline: y domain).
    on_top = [a for a in out.layout.annotations if a.visible is not False
              and (a.yref == "paper" or str(a.yref or "").endswith("domain"))
              and (a.y or 0) >= 0.98 and a.yanchor == "bottom"]
    legend, default = out.layout.legend, out.layout.template.layout.legend
    if on_top and (legend.orientation or default.orientation) == "h" and out.layout.showlegend is not False:
        # Notes along the top of the plot (event numbers): the legend goes to the top edge, above them,
        # in pixels, since the figure's height is the screen's.
        out.update_layout(legend=dict(yref="container", y=1, yanchor="top"), margin_t=24 + 40 + 36)
    elif on_top:  # room for the notes (a reference line's label, event numbers) in 22 px type
        out.update_layout(margin_t=24 + 36)
    return out, title, subtitle


def image_size(fig: go.Figure) -> tuple[int, int]:
    """Layout width and height for an image export (at scale 2: 1920 px wide)."""
    h = int(fig.layout.height or IMAGE_MIN_HEIGHT)
    return IMAGE_WIDTH, max(IMAGE_MIN_HEIGHT, h)


def export_figure(fig: go.Figure, *, source: str | None, footer: str) -> go.Figure:
    """A copy for a PNG/SVG file: the footer (audience, date) added to the source line, pinned
    to the bottom edge so it stays inside the picture at any export height."""
    out = go.Figure(fig)
    w, h = image_size(out)
    # The app's page gives the title room on the left; a file has no page around it.
    out.update_layout(width=w, height=h, title_pad_l=16)
    m = out.layout.margin
    top = m.t if m.t is not None else 70
    bottom = max(m.b if m.b is not None else 80, 60)
    out.update_layout(margin_t=top, margin_b=bottom)
    plot_h = max(1, h - top - bottom)
    y = -(bottom - 6) / plot_h
    anns, found = [], False
    for a in out.layout.annotations:
        if _is_source(a, source) and not found:
            found = True
            a.text = f"{a.text} · {footer}" if footer else a.text
            a.update(y=y, yref="paper", yanchor="bottom")
        anns.append(a)
    if not found and (source or footer):
        anns.append(go.layout.Annotation(
            text=" · ".join(x for x in (source, footer) if x), showarrow=False, xref="paper", yref="paper",
            x=0, xanchor="left", y=y, yanchor="bottom", font=dict(size=11, color="#52606d")))
    out.layout.annotations = anns
    return out


def screen_figure(fig: go.Figure, source: str | None) -> tuple[go.Figure, str | None]:
    """A copy for the page, and its source line: the page writes the title and the source line as text
    above and under the chart (they wrap on a phone, where a chart cannot). Both stay in the figure (the
    title hidden by the page's stylesheet, the source line not drawn) and the room they took is given
    back; axes take the margin they need."""
    out = go.Figure(fig)
    said = None
    for a in out.layout.annotations:
        if source and str(a.text or "").startswith(source):
            a.visible = False
            said = str(a.text)
    m = out.layout.margin
    title = figure_title(fig)
    if title:
        lines = 1 + title.count("<br>")
        out.update_layout(margin_t=max(24, (m.t if m.t is not None else 70) - 30 * lines))
    if said:
        out.update_layout(margin_b=max(40, (m.b if m.b is not None else 80) - 30))
    if not any(getattr(tr, "fill", None) == "toself" for tr in out.data):  # not a map
        out.update_xaxes(automargin=True)
        out.update_yaxes(automargin=True)
        for axis in (out.layout.xaxis, out.layout.yaxis):
            text = axis.title.text if axis.title else None
            if text and "<br>" not in text and len(text) > 36:  # a long axis title in lines that fit a phone
                axis.title.text = "<br>".join(_lines(text, 32))
    legend, default = out.layout.legend, out.layout.template.layout.legend
    orientation, y, anchor = (legend.orientation or default.orientation, legend.y if legend.y is not None else default.y,
                              legend.yanchor or default.yanchor)
    on_top = [a for a in out.layout.annotations if a.visible is not False and a.yref == "paper"
              and (a.y or 0) >= 0.98 and a.yanchor == "bottom"]
    if on_top and orientation == "h" and (y or 0) >= 1 and anchor == "bottom":
        # Notes along the top of the plot (event numbers, subplot titles): the legend goes above them.
        m = out.layout.margin
        top, bottom = (m.t if m.t is not None else 70), (m.b if m.b is not None else 80)
        plot_h = max(1, (out.layout.height or 420) - top - bottom)
        out.update_layout(legend_y=y + 26 / plot_h, legend_yanchor="bottom", legend_orientation="h",
                          margin_t=top + 26)
    return out, said


def _lines(text: str, width: int) -> list[str]:
    """Words in lines of at most about `width` characters."""
    lines = [""]
    for word in text.split(" "):
        if lines[-1] and len(lines[-1]) + 1 + len(word) > width:
            lines.append(word)
        else:
            lines[-1] = f"{lines[-1]} {word}".strip()
    return lines


def without_source(fig: go.Figure, source: str | None) -> go.Figure:
    """A copy without the source line (a slide carries it as text); a map keeps its boundaries' credit."""
    out = go.Figure(fig)
    anns = []
    for a in out.layout.annotations:
        if _is_source(a, source):
            continue
        if source and str(a.text or "").startswith(source + " · "):
            a.text = str(a.text)[len(source) + 3:]
        anns.append(a)
    out.layout.annotations = anns
    return out


def figure_title(fig: go.Figure) -> str:
    """The figure's title text, '' when none."""
    try:
        return fig.layout.title.text or ""
    except AttributeError:
        return ""


# ---------------------------------------------------------------- images (cached, one browser)


_renderer: export.ImageRenderer | None = None
_renderer_lock = threading.Lock()
_unavailable: str | None = None  # why Chromium last failed to start (Dutch), shown by the UI
_cache: collections.OrderedDict[str, bytes] = collections.OrderedDict()
_cache_lock = threading.Lock()
CACHE_MAX = 64


def _shared_renderer() -> export.ImageRenderer:
    global _renderer, _unavailable
    with _renderer_lock:
        if _renderer is None:
            r = export.ImageRenderer()
            try:
                r.open()  # raises ExportUnavailable with a Dutch message
            except export.ExportUnavailable as e:
                # A download callable cannot show a message itself: the next run shows this one.
                _unavailable = str(e)
                raise
            _renderer, _unavailable = r, None
        return _renderer


def unavailable() -> str | None:
    """The Dutch reason the last start of Chromium failed, or None."""
    return _unavailable


def _drop_renderer() -> None:
    """Forget a browser that failed, so the next export starts a fresh one."""
    global _renderer
    with _renderer_lock:
        r, _renderer = _renderer, None
    if r is not None:
        r.close()


def _cached(key: str, make) -> bytes:
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    data = make()
    with _cache_lock:
        _cache[key] = data
        while len(_cache) > CACHE_MAX:
            _cache.popitem(last=False)
    return data


def fig_hash(fig: go.Figure, *extra: object) -> str:
    """A key for the image cache: the figure's JSON plus the export options."""
    h = hashlib.sha256(fig.to_json().encode())
    for e in extra:
        h.update(repr(e).encode())
    return h.hexdigest()


def image_bytes(fig: go.Figure, fmt: str, *, source: str | None = None, footer: str = "") -> bytes:
    """PNG (1920 px wide) or SVG of a chart, footer on the source line; cached by figure hash."""
    out = export_figure(fig, source=source, footer=footer)
    w, h = image_size(out)

    def make() -> bytes:
        try:
            r = _shared_renderer()
            if fmt == "png":
                return r.png(out, w, h, scale=IMAGE_SCALE)
            return r.svg(out, w, h)
        except export.ExportUnavailable:
            raise
        except export.ExportError:
            _drop_renderer()
            raise

    return _cached(fig_hash(out, fmt, w, h), make)


# ---------------------------------------------------------------- decks


@dataclasses.dataclass
class Collected:
    """A chart the page drew: the figure, the results behind it and its widget key."""

    fig: go.Figure
    results: tuple
    key: str
    note: str = ""  # what the page says under the chart (e.g. who is not ranked): in the notes too

    @property
    def title(self) -> str:
        return figure_title(self.fig)


@dataclasses.dataclass
class Tile:
    """A KPI tile as the page shows it, for its slide: label, value and the line under it."""

    label: str
    value: str
    detail: str = ""
    delta: str = ""  # the change beside the value (on a slide as on the page; in notes after the detail)
    delta_color: str = "normal"
    delta_arrow: str = "auto"

    @property
    def text(self) -> str:
        return " · ".join(x for x in (self.detail, self.delta) if x)


def deck_bytes(charts: list[Collected], *, title: str, subtitle: str, footer: str, source: str | None,
               lang: str, audience: str, category: str = "", value: str = "",
               tiles: list[Tile] | None = None, tiles_title: str = "",
               summaries: dict[str, str] | None = None) -> bytes:
    """The PowerPoint of a page: title slide, the KPI tiles (when the page has them), one slide per
    chart (a long ranking over several), notes that read the numbers out.

    `summaries` (chart key -> one sentence with the key numbers, the chart's text alternative)
    open a chart's notes. `category` and `value` are kept for callers of the earlier signature."""
    slides = []
    if tiles:
        slides.append(export.SlideSpec(title=tiles_title or title, tiles=[(x.label, x.value, x.text) for x in tiles]))
    for ch in charts:
        slides.append(export.SlideSpec(title=ch.title or ch.key, figure=without_source(ch.fig, source),
                                       notes="\n".join(x for x in ((summaries or {}).get(ch.key)
                                                                     or export.text_alternative(ch.fig, lang), ch.note)
                                                        if x)))
    try:
        return export.build_deck(slides, title=title, subtitle=subtitle, footer=footer, lang=lang,
                                 audience=audience, renderer=_shared_renderer())
    except export.ExportUnavailable:
        raise
    except export.ExportError:
        _drop_renderer()
        raise


# ---------------------------------------------------------------- links


SLIDE_PARAM, PRESENT_PARAM = "dia", "presentatie"


def share_link(base: str, query: dict[str, str]) -> str:
    """The address of a view: base URL (page path kept, its own query dropped) plus the view's
    parameters in a stable order."""
    parts = urllib.parse.urlsplit(base or "")
    q = urllib.parse.urlencode([(k, str(v)) for k, v in query.items() if v is not None and v != ""])
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path or "/", q, ""))


def parse_link(url: str) -> tuple[str, dict[str, str]]:
    """Path and parameters of a link (the last value of a repeated parameter wins)."""
    parts = urllib.parse.urlsplit(url)
    return parts.path, dict(urllib.parse.parse_qsl(parts.query))


def slide_number(value: Any, default: int = 1) -> int:
    """A 1-based slide number from the URL; anything invalid gives the default."""
    try:
        n = int(str(value))
    except (TypeError, ValueError):
        return default
    return n if n >= 1 else default
