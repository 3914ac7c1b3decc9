"""Static exports: chart images (PNG/SVG), PowerPoint decks and table downloads.

Images are drawn by kaleido 1.x in the locally installed Chromium, with plotly.py's own
bundled plotly.js and MathJax turned off, so nothing is fetched from a CDN. See
docs/exports.md.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import html
import io
import math
import os
import re
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

class _Labels:
    """The deck's own words in one language, from meedoen/texts/present.py (keys dk_<name>)."""

    def __init__(self, lang: str):
        self.lang = lang

    def __getitem__(self, name: str) -> str:
        from .i18n import text

        return text("dk_" + name, self.lang)


def deck_words(lang: str) -> _Labels:
    return _Labels(lang if lang in ("nl", "en") else "nl")


def audience_text(audience: str, lang: str) -> str:
    """'publiek' / 'public', 'intern' / 'internal'."""
    from .i18n import STRINGS, text

    key = "ex_aud_" + str(audience)
    return text(key, lang) if key in STRINGS else str(audience)


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
        spec = written_dates(fig)  # kaleido takes no Plotly config, so no locale: Dutch months written out
        with self._lock:
            try:
                return self._run(self._kaleido.calc_fig(spec, opts=opts),
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


def locale_config(fig: Any) -> dict:
    """Plotly config that names months and days in the figure's language: Dutch when the figure uses
    Dutch separators (decimal comma; set by the chart theme), else Plotly's English. Plotly.js takes
    the locale from its config, on screen (ui/chart_element.py) and in kaleido alike."""
    from .i18n import MONTHS

    try:
        separators = fig.layout.separators
    except AttributeError:
        separators = None
    if not separators or separators[0] != ",":
        return {}
    days = ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"]
    months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
              "november", "december"]
    return {"locale": "nl", "locales": {"nl": {"dictionary": PLOTLY_NL, "format": {
        "days": days, "shortDays": [d[:2] for d in days], "months": months, "shortMonths": MONTHS["nl"],
        "date": "%d-%m-%Y", "decimal": ",", "thousands": "."}}}}


# The chart buttons and messages Plotly's own Dutch locale leaves in English (or misspells).
PLOTLY_NL = {
    "Autoscale": "Automatisch schalen", "Box Select": "Rechthoek selecteren", "Compare data on hover":
    "Waarden vergelijken bij aanwijzen", "Download plot as a PNG": "Grafiek downloaden als PNG",
    "Download plot": "Grafiek downloaden", "Image download succeeded": "Afbeelding gedownload",
    "Lasso Select": "Lasso selecteren", "Pan": "Verschuiven",
    "Preparing image - this may take a few seconds": "Afbeelding maken, dit kan enkele seconden duren",
    "Reset axes": "Assen herstellen", "Reset": "Herstellen", "Reset view": "Beeld herstellen",
    "Show closest data on hover": "Dichtstbijzijnde waarde tonen bij aanwijzen",
    "Sorry, there was a problem downloading your image!": "De afbeelding kon niet worden gedownload.",
    "Toggle Spike Lines": "Hulplijnen aan of uit", "Toggle show closest data on hover":
    "Dichtstbijzijnde waarde tonen aan of uit", "Zoom": "Zoomen", "Zoom in": "Inzoomen", "Zoom out": "Uitzoomen",
    "Double-click to zoom back out": "Dubbelklik om uit te zoomen",
}


_MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60)


def _dates(values: Any) -> list[pd.Timestamp] | None:
    vals = _listish(values)
    if not vals:
        return None
    try:
        if not all(isinstance(v, (dt.date, pd.Timestamp)) or "datetime64" in type(v).__name__ for v in vals):
            return None
        return [pd.Timestamp(v) for v in vals if not pd.isna(v)]
    except (TypeError, ValueError):
        return None


def written_dates(fig: Any) -> Any:
    """A Dutch figure (see locale_config) with its date axes' tick labels written out ('okt 2016'), for
    kaleido: without a Plotly config there is no locale, and Plotly names months in English."""
    import plotly.graph_objects as go

    if not isinstance(fig, go.Figure) or not locale_config(fig):
        return fig
    from .i18n import fmt_month

    out = None
    axes = [k for k in fig.layout.to_plotly_json() if k.startswith("xaxis")] or ["xaxis"]
    for name in axes:
        ax = fig.layout[name]
        if ax.tickvals is not None or ax.type not in (None, "-", "date"):
            continue
        ref = "x" + name[len("xaxis"):]
        days = [d for tr in fig.data if (getattr(tr, "xaxis", None) or "x") == ref
                for d in (_dates(getattr(tr, "x", None)) or [])]
        if not days:
            continue
        lo, hi = min(days), max(days)
        first, last = lo.year * 12 + lo.month - 1, hi.year * 12 + hi.month - 1
        step = next((s for s in _MONTH_STEPS if (last - first) / s <= 7), _MONTH_STEPS[-1])
        months = [m for m in range(first - first % step + (step if first % step else 0), last + 1, step)] or [first]
        ticks = [dt.date(m // 12, m % 12 + 1, 1) for m in months]
        out = out or go.Figure(fig)
        out.layout[name].update(tickvals=ticks, ticktext=[str(d.year) if step >= 12 else fmt_month(d, "nl")
                                                          for d in ticks])
    return out or fig


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
    from .i18n import fmt_value

    return fmt_value(v, lang)


# ---------------------------------------------------------------- text without markup

_BREAK = re.compile(r"<br\s*/?>", re.I)
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")


def plain(text: Any, *, br: str = " — ") -> str:
    """Plotly's HTML-ish text (<br>, <sup>, <b>, entities) as plain text for a slide or notes."""
    if text is None:
        return ""
    s = _BREAK.sub(br, str(text))
    s = html.unescape(_TAG.sub("", s))
    return re.sub(r"[ \t]+", " ", s).strip()


def split_title(text: Any) -> tuple[str, str]:
    """A figure title as (title, subtitle): the part after the first <br> is the subtitle."""
    parts = _BREAK.split(str(text or ""), maxsplit=1)
    return plain(parts[0]), plain(parts[1]) if len(parts) > 1 else ""


_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]00:00:00(?:\.0+)?)?$")


def category_text(v: Any, lang: str) -> str:
    """A chart category as text: first-of-month dates as 'okt 2016', other dates as dates."""
    from .i18n import fmt_date, fmt_month

    if isinstance(v, (pd.Timestamp, dt.datetime, dt.date)):
        v = pd.Timestamp(v).isoformat()
    s = str(v)
    m = _ISO.match(s)
    if m:
        d = dt.date(int(m[1]), int(m[2]), int(m[3]))
        return fmt_month(d, lang) if d.day == 1 else fmt_date(d, lang)
    if isinstance(v, str):
        return plain(s)
    try:
        if float(v).is_integer() and 1000 <= float(v) <= 2999:
            return str(int(float(v)))  # a year, not 2.015
    except (TypeError, ValueError):
        pass
    return format_number(v, lang)


def _listish(v: Any) -> list | None:
    if v is None or isinstance(v, str):
        return None
    try:
        return list(v)
    except TypeError:
        return None


def _numeric(values: list) -> bool:
    return bool(values) and all(isinstance(v, (int, float)) and not isinstance(v, bool)
                                or hasattr(v, "dtype") and pd.api.types.is_number(v) for v in values
                                if v is not None)


def _categories_values(tr: Any) -> tuple[list, list] | None:
    """(categories, values) of a bar or scatter trace; horizontal when oriented so, or when x holds
    the numbers and y the names (a marker trace on a horizontal bar chart)."""
    x, y = _listish(getattr(tr, "x", None)), _listish(getattr(tr, "y", None))
    if x is None or y is None:
        return None
    horizontal = getattr(tr, "orientation", None) == "h" or (_numeric(x) and not _numeric(y))
    return (y, x) if horizontal else (x, y)


def _strip_category(text: str, cat: str) -> str:
    for sep in (" — ", ", ", ": ", " "):
        if text.startswith(cat + sep):
            return text[len(cat) + len(sep):]
    return text


def _role(tr: Any) -> str | None:
    meta = getattr(tr, "meta", None)
    return meta.get("role") if isinstance(meta, dict) else None


def _reads_out(tr: Any) -> bool:
    """Whether a trace carries numbers to read out: not a map area, a reference line drawn as a
    trace, or the text marks of withheld values (mode 'text')."""
    if getattr(tr, "fill", None) in ("toself", "tonext") or _role(tr) in ("class", "missing", "halo", "highlight"):
        return False
    if getattr(tr, "hoverinfo", None) in ("skip", "none"):
        return False
    return not (tr.type == "scatter" and getattr(tr, "mode", None) == "text")


def _map_points(tr: Any) -> list[tuple[str, float | None, str]]:
    """(region name, value, value text) of a map's label points (meedoen/charts/geo.py)."""
    meta = tr.meta if isinstance(tr.meta, dict) else {}
    values = list(meta.get("values") or [])
    extra = list(meta.get("extra") or [])
    out = []
    for j, row in enumerate(tr.customdata if tr.customdata is not None else ()):
        row = list(row)
        said = ", ".join([str(row[2])] + [f"{lab} {v}" for lab, v in zip(extra, row[3:])])
        out.append((plain(row[1]), values[j] if j < len(values) else None, said))
    return out


def _box(tr: Any) -> tuple[int, float, float, float] | None:
    """(n, first quartile, median, third quartile) of a box trace's values."""
    import numpy as np

    values = _listish(tr.x if getattr(tr, "orientation", None) == "h" else tr.y) or []
    vals = np.array([float(v) for v in values if v is not None and _numeric([v]) and not math.isnan(float(v))])
    if not len(vals):
        return None
    q1, med, q3 = np.percentile(vals, [25, 50, 75])
    return len(vals), float(q1), float(med), float(q3)


def figure_rows(fig: Any, lang: str = "nl", *, withheld: bool = False) -> list[tuple[str, list[tuple[str, str]]]]:
    """The numbers behind a figure as (category, [(series, value text), …]) rows.

    A series' hover texts are used where given (they hold the counts behind a rate); a value that
    several series share (one hover text on the bar and on its target marker) is said once. A missing
    value reads 'afgeschermd' when `withheld` (publiek: it is withheld), else '–'."""
    rows: dict[str, list[tuple[str, str]]] = {}
    traces = [tr for tr in (getattr(fig, "data", ()) or ()) if _reads_out(tr)]
    missing = deck_words(lang)["withheld"] if withheld else "–"

    def number(v: Any) -> str:
        text = format_number(v, lang)
        return missing if text == "–" else text

    for i, tr in enumerate(traces):
        name = plain(getattr(tr, "name", None) or "")
        if _role(tr) == "points":  # a map: the regions with a value, highest first
            shown = [p for p in _map_points(tr) if p[1] is not None and not math.isnan(float(p[1]))]
            for region, _, said in sorted(shown, key=lambda p: -float(p[1])):
                rows.setdefault(region, []).append(("", said))
            continue
        if tr.type == "sankey":
            labels = [plain(x) for x in (tr.node.label or [])]
            for s_, t_, v in zip(tr.link.source or (), tr.link.target or (), tr.link.value or ()):
                a = labels[s_] if s_ < len(labels) else str(s_)
                b = labels[t_] if t_ < len(labels) else str(t_)
                rows.setdefault(f"{a} → {b}", []).append(("", number(v)))
            continue
        if tr.type == "pie":
            for c, v in zip(tr.labels or (), tr.values or ()):
                rows.setdefault(plain(c), []).append(("", number(v)))
            continue
        if tr.type == "box":
            spread = _box(tr)
            if spread:
                n, q1, med, q3 = spread
                lab = deck_words(lang)
                rows.setdefault(name, []).append(("", f"{lab['median']} {format_number(med, lang)} (n = "
                                                      f"{format_number(n, lang)}; {lab['quartiles']} "
                                                      f"{format_number(q1, lang)}–{format_number(q3, lang)})"))
            continue
        if tr.type not in ("bar", "scatter"):
            continue
        cv = _categories_values(tr)
        if cv is None:
            continue
        hover = _listish(getattr(tr, "hovertext", None)) or _listish(getattr(tr, "text", None))
        for j, (c, v) in enumerate(zip(*cv)):
            cat = category_text(c, lang)
            series = name if len(traces) > 1 else ""
            if format_number(v, lang) == "–":  # withheld (publiek) or missing: its hover text has no numbers
                value = missing
            elif hover and j < len(hover) and hover[j] not in (None, ""):
                # A hover text says what it is; the series name in front would repeat it.
                value, series = _strip_category(plain(hover[j], br=", "), cat), ""
            else:
                value = number(v)
            parts = rows.setdefault(cat, [])
            if (series, value) in parts or (not series and any(value == have for _, have in parts)):
                continue  # said already (one hover text on a bar and on its target marker)
            parts.append((series, value))
    return [(c, parts) for c, parts in rows.items()]


def table_rows(df: pd.DataFrame, lang: str = "nl") -> list[tuple[str, list[tuple[str, str]]]]:
    """A small table (first column the category) as rows like figure_rows."""
    out = []
    for rec in df.astype(object).values.tolist():
        out.append((category_text(rec[0], lang),
                    [(str(c), format_number(v, lang)) for c, v in zip(df.columns[1:], rec[1:])]))
    return out


def sentences(rows: list[tuple[str, list[tuple[str, str]]]], lang: str = "nl",
              limit: int = None) -> list[str]:
    """Rows as sentences a speaker can read out: 'Westland: 69,9% (193 van 276).'"""
    lab = deck_words(lang)
    limit = NOTES_MAX_ROWS if limit is None else limit
    out = []
    for cat, parts in rows[:limit]:
        said = "; ".join(f"{series} {value}" if series else value for series, value in parts)
        out.append(f"{cat}: {said}." if said else f"{cat}.")
    if len(rows) > limit:
        out.append(lab["more"].format(n=len(rows) - limit).capitalize() + ".")
    return out


def figure_numbers(fig: Any, lang: str = "nl", *, withheld: bool = False) -> list[str]:
    """The numbers behind a figure's bar/line/pie/sankey traces, as sentences."""
    return sentences(figure_rows(fig, lang, withheld=withheld), lang)


def data_numbers(df: pd.DataFrame, lang: str = "nl") -> list[str]:
    """A small table as sentences, one per row."""
    return sentences(table_rows(df, lang), lang)


def _is_pct(fig: Any, tr: Any) -> bool:
    """Whether a trace's values are fractions shown as percentages (its value axis says so)."""
    horizontal = getattr(tr, "orientation", None) == "h"
    ax = fig.layout.xaxis if horizontal else fig.layout.yaxis
    return "%" in str(ax.tickformat or "")


def text_alternative(fig: Any, lang: str = "nl") -> str:
    """One sentence with a chart's key numbers, for a screen reader and the speaker notes:
    what it shows, how many values, the highest and lowest (or, for stacked series, the total
    per series and the highest category)."""
    from .i18n import fmt_pct

    lab = deck_words(lang)
    title = split_title(getattr(getattr(fig.layout, "title", None), "text", None))[0]
    traces = [t for t in getattr(fig, "data", ()) if _reads_out(t)]
    bits: list[str] = []
    points = [t for t in traces if _role(t) == "points"]
    if points:  # a map: its regions, the highest and the lowest
        shown = [(r, v, said) for r, v, said in _map_points(points[0]) if v is not None and not math.isnan(float(v))]
        if shown:
            hi, lo = max(shown, key=lambda p: p[1]), min(shown, key=lambda p: p[1])
            bits.append(f"{len(shown)} {lab['items']}")
            bits.append(f"{lab['highest']} {hi[0]} ({hi[2].split(', ')[0]})")
            if len(shown) > 1:
                bits.append(f"{lab['lowest']} {lo[0]} ({lo[2].split(', ')[0]})")
    elif traces and all(t.type == "box" for t in traces):  # the median per group
        medians = [(plain(t.name or ""), spread[2]) for t in traces if (spread := _box(t))]
        if medians:
            hi, lo = max(medians, key=lambda p: p[1]), min(medians, key=lambda p: p[1])
            bits.append(f"{len(medians)} {lab['items']}")
            bits.append(f"{lab['highest']} {lab['median']} {hi[0]} ({format_number(hi[1], lang)})")
            if len(medians) > 1:
                bits.append(f"{lab['lowest']} {lab['median']} {lo[0]} ({format_number(lo[1], lang)})")
    elif traces and traces[0].type == "sankey":
        tr = traces[0]
        labels = [plain(x) for x in (tr.node.label or [])]
        links = list(zip(tr.link.source or (), tr.link.target or (), tr.link.value or ()))
        if links:
            s_, t_, v = max(links, key=lambda x: x[2] or 0)
            bits.append(f"{lab['flows']} {labels[s_]} → {labels[t_]} ({format_number(v, lang)})")
    else:
        series = []
        for tr in traces:
            if tr.type not in ("bar", "scatter"):
                continue
            cv = _categories_values(tr)
            if cv is None:
                continue
            pct = _is_pct(fig, tr)
            pts = [(category_text(c, lang), float(v)) for c, v in zip(*cv)
                   if v is not None and _numeric([v]) and not math.isnan(float(v))]
            if pts:
                series.append((plain(tr.name or ""), pts, pct))
        fmt = (lambda v, pct: fmt_pct(v, 1, lang) if pct else format_number(v, lang))
        if len(series) == 1 or (series and all(not name for name, _, _ in series)):
            pts = [p for _, ps, _ in series for p in ps]
            pct = series[0][2]
            hi, lo = max(pts, key=lambda p: p[1]), min(pts, key=lambda p: p[1])
            bits.append(f"{len(pts)} {lab['items']}")
            bits.append(f"{lab['highest']} {hi[0]} ({fmt(hi[1], pct)})")
            if len(pts) > 1:
                bits.append(f"{lab['lowest']} {lo[0]} ({fmt(lo[1], pct)})")
        elif series:
            pct = any(p for _, _, p in series)
            if not pct:
                per = ", ".join(f"{name} {format_number(sum(v for _, v in ps), lang)}" for name, ps, _ in series)
                bits.append(f"{lab['total']} {per}")
                totals: dict[str, float] = {}
                for _, ps, _ in series:
                    for c, v in ps:
                        totals[c] = totals.get(c, 0) + v
                c, v = max(totals.items(), key=lambda x: x[1])
                bits.append(f"{lab['highest']} {c} ({format_number(v, lang)})")
            else:
                for name, ps, p in series[:4]:
                    c, v = max(ps, key=lambda x: x[1])
                    bits.append(f"{name}: {lab['highest']} {c} ({fmt(v, p)})")
    said = "; ".join(bits)
    return f"{title}: {said}." if title and said else (f"{title}." if title else (said + "." if said else ""))


# ---------------------------------------------------------------- decks (python-pptx)


@dataclasses.dataclass
class SlideSpec:
    """One slide: a Plotly figure or KPI tiles, plus what the audience and the speaker need."""

    title: str
    figure: Any = None
    notes: str = ""
    source: str = ""
    data: pd.DataFrame | None = None
    # Ask for an editable PowerPoint chart built from `data` (simple bar/line charts only).
    native: bool = False
    subtitle: str = ""
    # KPI tiles instead of a chart: (label, value, detail) each.
    tiles: list[tuple[str, str, str]] | None = None


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


# The picture area of a chart slide, in inches, and the layout pixels per inch of its image: the
# image is drawn at exactly the area's size (no squeezing), at scale 2 for a sharp projector.
DECK_BOX_IN = (0.5, 1.55, 12.333, 5.15)  # left, top, width, height
DECK_PX_PER_IN = 96
DECK_FONT = 16  # layout px: 12 pt on the slide
# A bar ranking gets at most this many bars per slide; longer ones are paged ("1/2", "2/2").
DECK_MAX_BARS = 15


def deck_image_size() -> tuple[int, int]:
    """Layout width and height (px) of a chart image: the slide's picture area at 96 px/inch."""
    return round(DECK_BOX_IN[2] * DECK_PX_PER_IN), round(DECK_BOX_IN[3] * DECK_PX_PER_IN)


def _ranking_categories(fig: Any) -> list | None:
    """The categories of a horizontal bar chart, top of the chart first; None for other charts."""
    bars = [t for t in getattr(fig, "data", ()) if t.type == "bar" and getattr(t, "orientation", None) == "h"]
    if not bars:
        return None
    cats: list = []
    for tr in bars:
        for c in _listish(tr.y) or []:
            if c not in cats:
                cats.append(c)
    ax = fig.layout.yaxis
    if ax.categoryarray is not None and ax.categoryorder in (None, "array"):
        order = [c for c in ax.categoryarray if c in cats]
        cats = order + [c for c in cats if c not in order]
    # Plotly draws the first category at the bottom unless the axis is reversed.
    cats = cats if ax.autorange == "reversed" else cats[::-1]
    # A withheld value (publiek) has no place in the ranking: such bars go last, so the first
    # page shows the top of the ranking, not the gaps.
    valued = set()
    for tr in bars:
        for c, v in zip(_listish(tr.y) or [], _listish(tr.x) or []):
            if v is not None and _numeric([v]) and not math.isnan(float(v)):
                valued.add(c)
    return [c for c in cats if c in valued] + [c for c in cats if c not in valued]


_POINT_ARRAYS = ("x", "y", "text", "hovertext", "customdata", "width", "offset", "marker.color",
                 "marker.opacity", "marker.pattern.shape", "marker.line.color", "marker.line.width",
                 "error_x.array", "error_x.arrayminus", "error_y.array", "error_y.arrayminus")


def _keep_points(tr: Any, keep: list[int], n: int) -> None:
    """Keep only the given points of a trace in every per-point array."""
    for path in _POINT_ARRAYS:
        *parents, leaf = path.split(".")
        obj = tr
        for part in parents:
            obj = getattr(obj, part, None)
            if obj is None:
                break
        if obj is None:
            continue
        values = _listish(getattr(obj, leaf, None))
        if values is not None and len(values) == n:
            setattr(obj, leaf, [values[i] for i in keep])


def page_figure(fig: Any, per_page: int = DECK_MAX_BARS) -> list[Any]:
    """A long bar ranking split into figures of at most `per_page` bars, top of the ranking first;
    any other figure as the only page."""
    import plotly.graph_objects as go

    cats = _ranking_categories(fig) if isinstance(fig, go.Figure) else None
    if not cats or len(cats) <= per_page:
        return [fig]
    pages = []
    for start in range(0, len(cats), per_page):
        wanted = set(cats[start:start + per_page])
        out = go.Figure(fig)
        for tr in out.data:
            cv = _categories_values(tr) if tr.type in ("bar", "scatter") else None
            if cv is None:
                continue
            cat_list = cv[0]
            if not any(c in cats for c in cat_list):
                continue  # not drawn along the category axis (a reference line)
            _keep_points(tr, [i for i, c in enumerate(cat_list) if c in wanted], len(cat_list))
        # Horizontal lines across the bars mark gaps in the whole ranking (between the highest and
        # the lowest); on one page they would stand outside its bars.
        out.layout.shapes = [sh for sh in out.layout.shapes
                             if not (sh.type == "line" and sh.yref == "y" and sh.y0 == sh.y1)]
        if out.layout.yaxis.categoryarray is not None:
            out.layout.yaxis.categoryarray = [c for c in out.layout.yaxis.categoryarray if c in wanted]
        pages.append(out)
    return pages


def deck_figure(fig: Any) -> Any:
    """A copy laid out for the slide's picture area: no title (the slide has it), type sized for a
    slide, axis titles and labels given the room they need."""
    import plotly.graph_objects as go

    if not isinstance(fig, go.Figure):
        return fig
    w, h = deck_image_size()
    out = go.Figure(fig)
    out.update_layout(title_text=None, width=w, height=h, font_size=DECK_FONT,
                      legend_font_size=DECK_FONT, margin=dict(t=40, b=60, l=20, r=30, autoexpand=True))
    map_like = any(getattr(t, "fill", None) == "toself" for t in out.data)
    if not map_like:
        out.update_xaxes(automargin=True, tickfont_size=DECK_FONT, title_font_size=DECK_FONT,
                         title_standoff=8)
        out.update_yaxes(automargin=True, tickfont_size=DECK_FONT, title_font_size=DECK_FONT,
                         title_standoff=8)
        axes = [k for k in out.layout.to_plotly_json() if k.startswith("yaxis")]
        if len(axes) > 1:
            # Stacked subplots: one y title spans short subplots; wrap it and set it smaller so
            # it is not cut at the top and bottom of the picture.
            for k in axes:
                ax = out.layout[k]
                if ax.title and ax.title.text and len(plain(ax.title.text)) > 16:
                    words = plain(ax.title.text).split(" ", 1)
                    ax.title.text = "<br>".join(words)
                    ax.title.font.size = DECK_FONT - 3
    if out.layout.legend.orientation == "h":
        # Above the plot: a legend under the x axis collides with its title at this size.
        out.update_layout(legend=dict(y=1.02, yanchor="bottom", x=0, xanchor="left"))
    return out


def deck_slides(spec: SlideSpec, lang: str = "nl") -> list[SlideSpec]:
    """One spec as the slides it needs: a long ranking becomes several, numbered in the title."""
    if spec.tiles is not None or spec.figure is None or native_chart_kind(spec) is not None:
        return [spec]
    pages = page_figure(spec.figure)
    if len(pages) == 1:
        return [spec]
    lab = deck_words(lang)
    out = []
    for k, fig in enumerate(pages, start=1):
        sub = " · ".join(x for x in (spec.subtitle, f"{lab['part']} {k}/{len(pages)}") if x)
        out.append(dataclasses.replace(spec, figure=fig, subtitle=sub,
                                       notes=spec.notes if k == 1 else "", data=None if k > 1 else spec.data))
    return out


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR header."""
    if png[:8] != b"\x89PNG\r\n\x1a\n" or png[12:16] != b"IHDR":
        raise ValueError("geen PNG-bestand")
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def build_deck(slides: list[SlideSpec], *, title: str, subtitle: str, footer: str,
               lang: str = "nl", date: dt.date | None = None, audience: str | None = None,
               renderer: ImageRenderer | None = None) -> bytes:
    """A 16:9 .pptx: a title slide, then one slide per chart (long rankings paged) or set of KPI
    tiles, each with a source line and speaker notes that read as sentences with the numbers."""
    from pptx import Presentation
    from pptx.chart.data import CategoryChartData
    from pptx.dml.color import RGBColor
    from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Emu, Inches, Pt

    from .i18n import fmt_date

    lab = deck_words(lang)
    if audience is None:
        from . import config

        audience = str(config.get("audience"))
    aud_text = audience_text(audience, lang)
    date = date or dt.date.today()
    grey = RGBColor(0x4A, 0x4A, 0x4A)
    dark = RGBColor(0x11, 0x14, 0x18)
    footer = plain(footer)

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    margin = Inches(0.5)
    inner_w = prs.slide_width - 2 * margin

    def text_box(slide, left, top, width, height, text, size, *, color=grey, align=None, bold=False):
        tf = slide.shapes.add_textbox(left, top, width, height).text_frame
        tf.word_wrap = True
        p = tf.paragraphs[0]
        p.text = text
        p.font.size = Pt(size)
        p.font.bold = bold
        p.font.color.rgb = color
        if align is not None:
            p.alignment = align
        return tf

    # Title slide; the default template's placeholders are placed for 4:3, so move them.
    s = prs.slides.add_slide(prs.slide_layouts[0])
    s.shapes.title.text = plain(title)
    s.shapes.title.left, s.shapes.title.top = margin, Inches(2.0)
    s.shapes.title.width, s.shapes.title.height = inner_w, Inches(1.5)
    sub = s.placeholders[1]
    sub.left, sub.top, sub.width, sub.height = margin, Inches(3.6), inner_w, Inches(1.0)
    sub.text = plain(subtitle)
    text_box(s, margin, Inches(5.0), inner_w, Inches(0.9),
             f"{lab['made']} {fmt_date(date, lang)} · {lab['audience']}: {aud_text}", 16,
             align=PP_ALIGN.CENTER)
    if footer:
        text_box(s, margin, Inches(6.8), inner_w, Inches(0.4), footer, 11, align=PP_ALIGN.CENTER)

    pages = [p for sp in slides for p in deck_slides(
        dataclasses.replace(sp, title=split_title(sp.title)[0],
                            subtitle=plain(sp.subtitle) or split_title(sp.title)[1]), lang)]

    # Render every image first, in one browser, so a missing Chromium fails before any work.
    images: dict[int, bytes] = {}
    needs_image = [i for i, sp in enumerate(pages) if sp.tiles is None and sp.figure is not None
                   and native_chart_kind(sp) is None]
    img_w, img_h = deck_image_size()
    if needs_image:
        own = renderer is None
        r = renderer or ImageRenderer()
        try:
            for i in needs_image:
                images[i] = r.png(deck_figure(pages[i].figure), img_w, img_h, scale=DECK_IMAGE["scale"])
        finally:
            if own:
                r.close()

    box = tuple(Inches(v) for v in DECK_BOX_IN)
    kinds = {"column": XL_CHART_TYPE.COLUMN_CLUSTERED, "bar": XL_CHART_TYPE.BAR_CLUSTERED,
             "line": XL_CHART_TYPE.LINE_MARKERS}
    total = len(pages) + 1
    for i, sp in enumerate(pages):
        s = prs.slides.add_slide(prs.slide_layouts[5])  # "Title Only"
        t = s.shapes.title
        t.left, t.top, t.width, t.height = margin, Inches(0.3), inner_w, Inches(0.8)
        t.text = sp.title
        t.text_frame.word_wrap = True
        t.text_frame.paragraphs[0].font.size = Pt(28 if len(sp.title) <= 70 else 24)
        t.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT
        if sp.subtitle:
            text_box(s, margin, Inches(1.1), inner_w, Inches(0.4), sp.subtitle, 16)

        kind = native_chart_kind(sp)
        if sp.tiles is not None:
            n = max(1, len(sp.tiles))
            cols = min(n, 4)
            rows_n = -(-n // cols)
            gap = Inches(0.25)
            tw = (box[2] - gap * (cols - 1)) // cols
            th = min(Inches(2.4), (box[3] - gap * (rows_n - 1)) // rows_n)
            for k, (label, value, detail) in enumerate(sp.tiles):
                left = box[0] + (k % cols) * (tw + gap)
                top = box[1] + (k // cols) * (th + gap)
                shape = s.shapes.add_shape(1, left, top, tw, th)  # rectangle
                shape.fill.solid()
                shape.fill.fore_color.rgb = RGBColor(0xF2, 0xF5, 0xF8)
                shape.line.color.rgb = RGBColor(0xC8, 0xD0, 0xD8)
                tf = shape.text_frame
                tf.word_wrap = True
                tf.vertical_anchor = MSO_ANCHOR.TOP
                for j, (text, size, bold) in enumerate(((plain(label), 16, False), (plain(value), 40, True),
                                                        (plain(detail), 13, False))):
                    p = tf.paragraphs[0] if j == 0 else tf.add_paragraph()
                    p.text = text
                    p.font.size = Pt(size)
                    p.font.bold = bold
                    p.font.color.rgb = dark if bold else grey
                    p.alignment = PP_ALIGN.LEFT
        elif kind is not None:
            df = sp.data
            cd = CategoryChartData()
            cd.categories = [category_text(c, lang) for c in df.iloc[:, 0]]
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

        src = f"{lab['source']}: {plain(sp.source)}" if sp.source else ""
        line = " · ".join(x for x in (src, footer) if x)
        text_box(s, margin, Inches(6.85), inner_w - Inches(1.2), Inches(0.45), line, 11)
        text_box(s, prs.slide_width - margin - Inches(1.2), Inches(6.85), Inches(1.2),
                 Inches(0.45), f"{i + 2}/{total}", 11, align=PP_ALIGN.RIGHT)

        heading = sp.title + (f" ({sp.subtitle})" if sp.subtitle else "") + "."
        notes = [heading]
        if plain(sp.notes, br=" "):
            notes.append(plain(sp.notes, br=" "))
        if sp.tiles is not None:
            numbers = [f"{plain(a)}: {plain(b)}" + (f" ({plain(c)})" if plain(c) else "") + "."
                       for a, b, c in sp.tiles]
        elif sp.data is not None:
            numbers = data_numbers(sp.data, lang)
        else:
            numbers = figure_numbers(sp.figure, lang, withheld=audience == "publiek")
        if numbers:
            notes.append(f"{lab['numbers']} ({aud_text}):\n" + "\n".join(numbers))
        if line:
            notes.append(line + ".")
        s.notes_slide.notes_text_frame.text = "\n\n".join(notes)

    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


# ---------------------------------------------------------------- tables


# CSV as Excel opens it by double-click: in Dutch Excel the list separator is ';' and the decimal
# sign ','; UTF-8 with BOM so é, ë and â come out right in both.
CSV_DIALECTS = {"nl": {"sep": ";", "decimal": ","}, "en": {"sep": ",", "decimal": "."}}


def csv_bytes(df: pd.DataFrame, *, lang: str = "nl") -> bytes:
    """CSV in the Excel dialect of the page's language: Dutch ';' and decimal comma, English ','
    and decimal point; UTF-8 with BOM, CRLF line ends."""
    d = CSV_DIALECTS.get(lang, CSV_DIALECTS["nl"])
    return df.to_csv(index=False, sep=d["sep"], decimal=d["decimal"],
                     lineterminator="\r\n").encode("utf-8-sig")


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
