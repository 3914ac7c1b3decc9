"""Static exports: chart images (PNG/SVG), PowerPoint decks and table downloads.

Images are drawn by kaleido 1.x in the locally installed Chromium, with plotly.py's own
bundled plotly.js and MathJax turned off, so nothing is fetched from a CDN. See
docs/exports.md.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import io
import math
import os
import shutil
import threading
from pathlib import Path
from typing import Any

import pandas as pd

# Typical names of a Chromium/Chrome executable, tried in this order after BROWSER_PATH.
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
INSTALL_HINT = "Installeer Chromium op de server: `apt-get install -y chromium`"

# Deck charts are drawn at 960 × 420 layout px with scale 2: a 1920 px wide bitmap whose
# fonts stay readable on a projector, at the aspect of the picture area of a chart slide.
DECK_IMAGE = {"width": 960, "height": 420, "scale": 2}
# A native (editable) chart only makes sense for a small table.
NATIVE_MAX_ROWS = 60
NATIVE_MAX_SERIES = 12
# Speaker notes list at most this many numbers per chart.
NOTES_MAX_ROWS = 40

LABELS = {
    "nl": {"made": "Gemaakt op", "audience": "Weergave", "source": "Bron", "slide": "Dia",
           "numbers": "Cijfers", "more": "en nog {n} rijen"},
    "en": {"made": "Created on", "audience": "Audience", "source": "Source", "slide": "Slide",
           "numbers": "Numbers", "more": "and {n} more rows"},
}
AUDIENCES = {"nl": {"intern": "intern", "publiek": "publiek"},
             "en": {"intern": "internal", "publiek": "public"}}


class ExportError(RuntimeError):
    """An export failed; the message is Dutch and can be shown as is."""


class ExportUnavailable(ExportError):
    """Images cannot be made here: kaleido or Chromium is missing or does not start."""


# ---------------------------------------------------------------- images (kaleido)


def plotly_js_path() -> Path:
    """The plotly.min.js bundled with plotly.py (the version the figures were built for)."""
    import plotly

    return Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"


def browser_path() -> Path | None:
    """The Chromium kaleido will use: BROWSER_PATH if set, else the first on PATH; None if none."""
    env = os.environ.get("BROWSER_PATH")
    if env:
        p = Path(env)
        return p if p.is_file() and os.access(p, os.X_OK) else None
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return Path(found)
    return None


def check_available() -> Path:
    """Raise ExportUnavailable (Dutch message) unless kaleido and Chromium are present."""
    try:
        import kaleido  # noqa: F401
    except ImportError as e:
        raise ExportUnavailable(
            f"Afbeeldingen maken kan niet: het Python-pakket kaleido ontbreekt ({e}). "
            "Installeer de requirements opnieuw.") from e
    path = browser_path()
    if path is None:
        env = os.environ.get("BROWSER_PATH")
        where = (f"BROWSER_PATH wijst naar {env!r}, maar daar staat geen uitvoerbaar programma"
                 if env else "er is geen Chromium gevonden (gezocht: " + ", ".join(BROWSER_NAMES) + ")")
        raise ExportUnavailable(
            f"Afbeeldingen en PowerPoint maken kan niet: {where}. {INSTALL_HINT}, "
            "of zet BROWSER_PATH op het pad van Chromium.")
    if not plotly_js_path().is_file():
        raise ExportUnavailable(
            f"Afbeeldingen maken kan niet: {plotly_js_path()} ontbreekt in het plotly-pakket.")
    return path


def page_options() -> dict[str, Any]:
    """Kaleido's page options: local plotly.js, no MathJax (its default is a CDN URL).

    plotly.io.to_image cannot switch MathJax off in plotly 7.1: it passes
    `pio.defaults.mathjax` on only when truthy, so None/False leave kaleido's CDN default.
    """
    return {"plotlyjs": plotly_js_path(), "mathjax": False}


def _fig_title(fig: Any) -> str:
    try:
        text = fig.layout.title.text
    except AttributeError:
        text = None
    return f"'{text}'" if text else "zonder titel"


class ImageRenderer:
    """One headless Chromium, kept open for many images; use as a context manager."""

    def __init__(self, *, timeout: float = 60.0):
        self.timeout = timeout
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._kaleido: Any = None
        self._lock = threading.Lock()

    def __enter__(self) -> ImageRenderer:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _run(self, coro: Any, timeout: float | None = None) -> Any:
        # The browser lives on its own event loop thread, so callers (Streamlit's script
        # thread, pytest, a loop already running) never share or block an asyncio loop.
        fut = asyncio.run_coroutine_threadsafe(coro, self._loop)
        return fut.result(timeout)

    def open(self) -> None:
        """Start Chromium; raise ExportUnavailable if it is missing or does not start."""
        if self._kaleido is not None:
            return
        path = check_available()
        import kaleido

        async def start():
            k = kaleido.Kaleido(n=1, timeout=self.timeout, path=str(path), **page_options())
            await k.open()
            return k

        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True,
                                        name="meedoen-kaleido")
        self._thread.start()
        try:
            self._kaleido = self._run(start(), timeout=self.timeout)
        except Exception as e:
            self._stop_loop()
            raise ExportUnavailable(
                f"Chromium ({path}) start niet voor het maken van afbeeldingen: {e}. "
                f"{INSTALL_HINT}.") from e

    def close(self) -> None:
        """Close Chromium and its event loop thread."""
        if self._kaleido is not None:
            try:
                self._run(self._kaleido.close(), timeout=30)
            except Exception:  # closing is best effort; the process dies with us anyway
                pass
            self._kaleido = None
        self._stop_loop()

    def _stop_loop(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            if self._thread is not None:
                self._thread.join(timeout=10)
            self._loop.close()
        self._loop = self._thread = None

    def render(self, fig: Any, *, format: str, width: int, height: int, scale: float = 1) -> bytes:
        """One figure as image bytes (png, svg, jpg, webp or pdf)."""
        if self._kaleido is None:
            self.open()
        opts = {"format": format, "width": width, "height": height, "scale": scale}
        with self._lock:
            try:
                return self._run(self._kaleido.calc_fig(fig, opts=opts),
                                 timeout=self.timeout + 5)
            except Exception as e:
                raise ExportError(
                    f"De grafiek {_fig_title(fig)} kon niet als {format.upper()} worden "
                    f"gemaakt: {type(e).__name__}: {e}") from e

    def png(self, fig: Any, width: int = 1920, height: int = 1080, *, scale: float = 1) -> bytes:
        """The figure as PNG bytes; pixel width = width × scale."""
        return self.render(fig, format="png", width=width, height=height, scale=scale)

    def svg(self, fig: Any, width: int = 1920, height: int = 1080) -> bytes:
        """The figure as SVG bytes."""
        return self.render(fig, format="svg", width=width, height=height)


def figure_png(fig: Any, width: int = 1920, height: int = 1080, *, scale: float = 1,
               renderer: ImageRenderer | None = None) -> bytes:
    """A figure as PNG (width × scale px wide); starts Chromium unless a renderer is given."""
    if renderer is not None:
        return renderer.png(fig, width, height, scale=scale)
    with ImageRenderer() as r:
        return r.png(fig, width, height, scale=scale)


def figure_svg(fig: Any, width: int = 1920, height: int = 1080, *,
               renderer: ImageRenderer | None = None) -> bytes:
    """A figure as SVG; starts Chromium unless a renderer is given."""
    if renderer is not None:
        return renderer.svg(fig, width, height)
    with ImageRenderer() as r:
        return r.svg(fig, width, height)


# ---------------------------------------------------------------- numbers for notes


def format_number(v: Any, lang: str = "nl") -> str:
    """A number as text: 1.234,5 (nl) or 1,234.5 (en); other values as str; missing as '–'."""
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
        return "–"
    if isinstance(v, bool) or not isinstance(v, (int, float)) and not hasattr(v, "dtype"):
        return str(v)
    try:
        f = float(v)
    except (TypeError, ValueError):
        return str(v)
    text = f"{int(f):,}" if f.is_integer() else f"{f:,.2f}".rstrip("0").rstrip(".")
    if lang == "nl":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def _table_lines(rows: list[list[Any]], header: list[str] | None, lang: str) -> list[str]:
    lab = LABELS.get(lang, LABELS["nl"])
    lines = [" | ".join(header)] if header else []
    for row in rows[:NOTES_MAX_ROWS]:
        lines.append(" | ".join(format_number(v, lang) for v in row))
    if len(rows) > NOTES_MAX_ROWS:
        lines.append("… " + lab["more"].format(n=len(rows) - NOTES_MAX_ROWS))
    return lines


def figure_numbers(fig: Any, lang: str = "nl") -> list[str]:
    """The numbers behind a figure's bar/line/pie/sankey traces, as text lines."""
    lines: list[str] = []
    for tr in getattr(fig, "data", ()):
        name = getattr(tr, "name", None)
        if tr.type == "sankey":
            labels = list(tr.node.label or [])
            src, tgt, val = tr.link.source or (), tr.link.target or (), tr.link.value or ()
            rows = [[labels[s] if s < len(labels) else s, labels[t] if t < len(labels) else t, v]
                    for s, t, v in zip(src, tgt, val)]
            lines += _table_lines([[f"{a} → {b}", v] for a, b, v in rows], None, lang)
        elif tr.type == "pie":
            lines += _table_lines([list(r) for r in zip(tr.labels or (), tr.values or ())], None, lang)
        elif hasattr(tr, "x") and hasattr(tr, "y") and tr.x is not None and tr.y is not None:
            horizontal = getattr(tr, "orientation", None) == "h"
            cats, vals = (tr.y, tr.x) if horizontal else (tr.x, tr.y)
            if name:
                lines.append(f"{name}:")
            lines += _table_lines([list(r) for r in zip(cats, vals)], None, lang)
    return lines


def data_numbers(df: pd.DataFrame, lang: str = "nl") -> list[str]:
    """A small table as text lines, header first."""
    return _table_lines(df.astype(object).values.tolist(), [str(c) for c in df.columns], lang)


# ---------------------------------------------------------------- decks (python-pptx)


@dataclasses.dataclass
class SlideSpec:
    """One chart slide: a Plotly figure plus what the audience and the speaker need."""

    title: str
    figure: Any = None
    notes: str = ""
    source: str = ""
    data: pd.DataFrame | None = None
    # Ask for an editable PowerPoint chart built from `data` (simple bar/line charts only).
    native: bool = False


def native_chart_kind(spec: SlideSpec) -> str | None:
    """'column', 'bar' or 'line' when the slide can be a native chart, else None (image)."""
    df = spec.data
    if not spec.native or df is None or df.empty or df.shape[1] < 2:
        return None
    if len(df) > NATIVE_MAX_ROWS or df.shape[1] - 1 > NATIVE_MAX_SERIES:
        return None
    if not all(pd.api.types.is_numeric_dtype(df[c]) for c in df.columns[1:]):
        return None
    traces = list(getattr(spec.figure, "data", ()) or ())
    if not traces:
        return "column"
    types = {t.type for t in traces}
    if types == {"bar"}:
        return "bar" if getattr(traces[0], "orientation", None) == "h" else "column"
    if types == {"scatter"} and all("lines" in (t.mode or "lines") for t in traces):
        return "line"
    return None


def _emu_fit(img_w: int, img_h: int, box: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    """Position and size that fit an image in a box, aspect preserved, centred."""
    left, top, width, height = box
    s = min(width / img_w, height / img_h)
    w, h = int(img_w * s), int(img_h * s)
    return left + (width - w) // 2, top + (height - h) // 2, w, h


def _without_title(fig: Any) -> Any:
    """A copy without the figure title (the slide title says it) and its top margin."""
    import plotly.graph_objects as go

    if not isinstance(fig, go.Figure):
        return fig
    out = go.Figure(fig)
    out.update_layout(title_text=None)
    if out.layout.margin.t is None:
        out.update_layout(margin_t=30)
    return out


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR header."""
    if png[:8] != b"\x89PNG\r\n\x1a\n" or png[12:16] != b"IHDR":
        raise ValueError("geen PNG-bestand")
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def build_deck(slides: list[SlideSpec], *, title: str, subtitle: str, footer: str,
               lang: str = "nl", date: dt.date | None = None, audience: str | None = None,
               renderer: ImageRenderer | None = None) -> bytes:
    """A 16:9 .pptx: a title slide, then one slide per chart with source line and notes."""
    from pptx import Presentation
    from pptx.chart.data import CategoryChartData
    from pptx.dml.color import RGBColor
    from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Emu, Inches, Pt

    lab = LABELS.get(lang, LABELS["nl"])
    if audience is None:
        from . import config

        audience = str(config.get("audience"))
    audience_text = AUDIENCES.get(lang, AUDIENCES["nl"]).get(audience, audience)
    date = date or dt.date.today()
    grey = RGBColor(0x59, 0x59, 0x59)

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    margin = Inches(0.5)
    inner_w = prs.slide_width - 2 * margin

    def text_box(slide, left, top, width, height, text, size, *, color=grey, align=None):
        tf = slide.shapes.add_textbox(left, top, width, height).text_frame
        tf.word_wrap = True
        p = tf.paragraphs[0]
        p.text = text
        p.font.size = Pt(size)
        p.font.color.rgb = color
        if align is not None:
            p.alignment = align
        return tf

    # Title slide; the default template's placeholders are placed for 4:3, so move them.
    s = prs.slides.add_slide(prs.slide_layouts[0])
    s.shapes.title.text = title
    s.shapes.title.left, s.shapes.title.top = margin, Inches(2.0)
    s.shapes.title.width, s.shapes.title.height = inner_w, Inches(1.5)
    sub = s.placeholders[1]
    sub.left, sub.top, sub.width, sub.height = margin, Inches(3.6), inner_w, Inches(1.0)
    sub.text = subtitle
    text_box(s, margin, Inches(5.0), inner_w, Inches(0.9),
             f"{lab['made']} {date.isoformat()} · {lab['audience']}: {audience_text}", 16,
             align=PP_ALIGN.CENTER)
    if footer:
        text_box(s, margin, Inches(6.8), inner_w, Inches(0.4), footer, 11, align=PP_ALIGN.CENTER)

    # Render every image first, in one browser, so a missing Chromium fails before any work.
    images: dict[int, bytes] = {}
    needs_image = [i for i, sp in enumerate(slides) if native_chart_kind(sp) is None
                   and sp.figure is not None]
    if needs_image:
        own = renderer is None
        r = renderer or ImageRenderer()
        try:
            for i in needs_image:
                images[i] = r.png(_without_title(slides[i].figure), DECK_IMAGE["width"],
                                  DECK_IMAGE["height"], scale=DECK_IMAGE["scale"])
        finally:
            if own:
                r.close()

    box = (margin, Inches(1.25), inner_w, Inches(5.45))
    kinds = {"column": XL_CHART_TYPE.COLUMN_CLUSTERED, "bar": XL_CHART_TYPE.BAR_CLUSTERED,
             "line": XL_CHART_TYPE.LINE_MARKERS}
    total = len(slides) + 1
    for i, sp in enumerate(slides):
        s = prs.slides.add_slide(prs.slide_layouts[5])  # "Title Only"
        t = s.shapes.title
        t.left, t.top, t.width, t.height = margin, Inches(0.3), inner_w, Inches(0.9)
        t.text = sp.title
        t.text_frame.paragraphs[0].font.size = Pt(30)
        t.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT

        kind = native_chart_kind(sp)
        if kind is not None:
            df = sp.data
            cd = CategoryChartData()
            cd.categories = [str(c) for c in df.iloc[:, 0]]
            for col in df.columns[1:]:
                cd.add_series(str(col), [None if pd.isna(v) else float(v) for v in df[col]])
            chart = s.shapes.add_chart(kinds[kind], *box, cd).chart
            chart.has_title = False  # the slide title names the chart
            chart.has_legend = df.shape[1] > 2
            if chart.has_legend:
                chart.legend.position = XL_LEGEND_POSITION.BOTTOM
                chart.legend.include_in_layout = False
            chart.font.size = Pt(14)
        elif i in images:
            png = images[i]
            left, top, w, h = _emu_fit(*png_size(png), box)
            s.shapes.add_picture(io.BytesIO(png), Emu(left), Emu(top), Emu(w), Emu(h))

        src = f"{lab['source']}: {sp.source}" if sp.source else ""
        line = " · ".join(x for x in (src, footer) if x)
        text_box(s, margin, Inches(6.85), inner_w - Inches(1.2), Inches(0.45), line, 11)
        text_box(s, prs.slide_width - margin - Inches(1.2), Inches(6.85), Inches(1.2),
                 Inches(0.45), f"{i + 2}/{total}", 11, align=PP_ALIGN.RIGHT)

        notes = [sp.notes.strip()] if sp.notes.strip() else []
        numbers = (data_numbers(sp.data, lang) if sp.data is not None
                   else figure_numbers(sp.figure, lang))
        if numbers:
            notes.append(f"{lab['numbers']}:\n" + "\n".join(numbers))
        if line:
            notes.append(line)
        s.notes_slide.notes_text_frame.text = "\n\n".join(notes)

    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


# ---------------------------------------------------------------- tables


def csv_bytes(df: pd.DataFrame, *, sep: str = ",") -> bytes:
    """CSV, UTF-8 with BOM (Excel then reads é, ë, â right), comma-separated, '.' decimals."""
    return df.to_csv(index=False, sep=sep, lineterminator="\r\n").encode("utf-8-sig")


def excel_bytes(df: pd.DataFrame, *, sheet_name: str = "data") -> bytes:
    """An .xlsx with one sheet, header row frozen."""
    out = df.copy()
    for c in out.columns:
        # Excel cannot store time zones; keep the local wall-clock time.
        if isinstance(out[c].dtype, pd.DatetimeTZDtype):
            out[c] = out[c].dt.tz_localize(None)
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        out.to_excel(xw, sheet_name=sheet_name, index=False)
        ws = xw.sheets[sheet_name]
        ws.freeze_panes = "A2"
        for i, c in enumerate(out.columns, start=1):
            width = max([len(str(c))] + [len(str(v)) for v in out[c].head(200)])
            ws.column_dimensions[ws.cell(1, i).column_letter].width = min(60, width + 2)
    return buf.getvalue()


def parquet_bytes(df: pd.DataFrame) -> bytes:
    """Parquet (pyarrow, zstd), without the pandas index."""
    buf = io.BytesIO()
    df.to_parquet(buf, index=False, engine="pyarrow", compression="zstd")
    return buf.getvalue()
