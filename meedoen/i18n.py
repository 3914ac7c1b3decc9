"""Dutch and English: every visible string, value label and number/date format.

`t("key")` looks a string up in the current language; STRINGS holds (nl, en) pairs, one module per
page in meedoen/texts/, so a test can check that nothing exists in one language only.
"""

from __future__ import annotations

import datetime as dt
import math
import threading

LANGS = ("nl", "en")
_local = threading.local()  # outside Streamlit (tests, exports, CLI)

from . import texts

# Loaded explicitly from meedoen/texts/ (one module per page, plus common): nothing registers
# strings by being imported.
STRINGS: dict[str, tuple[str, str]] = texts.load()

MONTHS = {
    "nl": ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}


def _session():
    """The Streamlit session state when running inside a session (language is per user)."""
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        if get_script_run_ctx(suppress_warning=True) is not None:
            import streamlit as st

            return st.session_state
    except Exception:
        pass
    return None


def set_lang(value: str) -> None:
    value = value if value in LANGS else "nl"
    ss = _session()
    if ss is not None:
        ss["_lang"] = value
        _local.run_lang = value
    _local.lang = value


def begin_run() -> None:
    """Forget the language remembered by the previous run of this thread (call at the start of a run)."""
    _local.run_lang = None


def lang() -> str:
    # Called for every formatted number; reading session state each time is slow, so a run
    # remembers it (begin_run() clears it, set_lang() updates it).
    remembered = getattr(_local, "run_lang", None)
    if remembered is not None:
        return remembered
    ss = _session()
    if ss is not None and "_lang" in ss:
        _local.run_lang = ss["_lang"]
        return ss["_lang"]
    return getattr(_local, "lang", "nl")


def t(key: str, **kw) -> str:
    nl, en = STRINGS[key]
    s = en if lang() == "en" else nl
    return s.format(**kw) if kw else s


def text(key: str, language: str, **kw) -> str:
    """t() in a given language: for files made outside the session's thread (decks, images)."""
    nl, en = STRINGS[key]
    s = en if language == "en" else nl
    return s.format(**kw) if kw else s


def label(prefix: str, value) -> str:
    """Display label of a contract value, e.g. label('wk', 'beschut_werk')."""
    key = f"{prefix}_{value}"
    return t(key) if key in STRINGS else str(value)


def _lang(lang: str | None) -> str:
    return lang if lang in LANGS else globals()["lang"]()


def _seps(lang: str | None = None) -> tuple[str, str]:
    return (".", ",") if _lang(lang) == "nl" else (",", ".")


def _missing(x) -> bool:
    """None, NaN, pd.NA and NaT."""
    if x is None or x is _NA:
        return True
    if isinstance(x, float):
        return math.isnan(x)
    try:
        return bool(x != x)  # numpy NaN and NaT are not equal to themselves
    except (TypeError, ValueError):
        return False


try:  # pandas' missing value, without importing pandas for every user of this module
    from pandas import NA as _NA
except ImportError:  # pragma: no cover - pandas is a requirement
    _NA = object()

# The one formatting function per language for numbers, percentages, dates and months: every
# number on screen, in a download label, a deck or speaker notes goes through these, so a Dutch
# page never shows 19.0, 46.2% or None.


def fmt_num(x, digits: int = 0, lang: str | None = None) -> str:
    """1.234,5 in Dutch, 1,234.5 in English; '–' for missing."""
    if _missing(x):
        return "–"
    s = f"{float(x):,.{digits}f}"
    if s.startswith("-") and not s.strip("-0.,"):
        s = s[1:]  # -0 is 0
    thousands, decimal = _seps(lang)
    return s.replace(",", "\0").replace(".", decimal).replace("\0", thousands)


def fmt_int(x, lang: str | None = None) -> str:
    return fmt_num(x, 0, lang)


def fmt_pct(x, digits: int = 0, lang: str | None = None) -> str:
    """A fraction as a percentage: 0.462 → 46,2% (nl, digits=1) or 46.2% (en)."""
    if _missing(x):
        return "–"
    return fmt_num(100 * float(x), digits, lang) + "%"


def fmt_names(names, limit: int = 12) -> str:
    """'A, B, C' or, past `limit`, 'A, B, … en 7 andere': a note under a chart stays short (the table has all)."""
    names = list(names)
    if len(names) <= limit:
        return ", ".join(names)
    return t("names_more", names=", ".join(names[:limit]), n=fmt_int(len(names) - limit))


def _as_date(d) -> dt.date:
    if hasattr(d, "to_pydatetime"):
        d = d.to_pydatetime()
    if isinstance(d, str):
        d = dt.date.fromisoformat(d[:10])
    return d


def fmt_date(d, lang: str | None = None) -> str:
    """31 okt 2016 (nl) or 31 Oct 2016 (en); '–' for missing."""
    if _missing(d):
        return "–"
    d = _as_date(d)
    return f"{d.day} {MONTHS[_lang(lang)][d.month - 1]} {d.year}"


def fmt_month(d, lang: str | None = None) -> str:
    """okt 2016 (nl) or Oct 2016 (en); '–' for missing."""
    if _missing(d):
        return "–"
    d = _as_date(d)
    return f"{MONTHS[_lang(lang)][d.month - 1]} {d.year}"


def fmt_value(v, lang: str | None = None, *, digits: int = 2) -> str:
    """Any table cell as text: whole numbers without decimals (19.0 → 19), other numbers with
    at most `digits` decimals, dates as dates, missing as '–', text unchanged."""
    if isinstance(v, bool):
        return str(v)
    if _missing(v):
        return "–"
    if isinstance(v, (dt.datetime,)) or hasattr(v, "to_pydatetime"):
        ts = _as_date(v)
        if (ts.hour, ts.minute, ts.second) != (0, 0, 0):
            return f"{fmt_date(ts, lang)} {ts:%H:%M}"
        return fmt_date(ts, lang)
    if isinstance(v, dt.date):
        return fmt_date(v, lang)
    if isinstance(v, (int, float)) or hasattr(v, "dtype") or type(v).__name__ == "Decimal":
        try:
            f = float(v)
        except (TypeError, ValueError):
            return str(v)
        if math.isinf(f):
            return str(v)
        if f.is_integer():
            return fmt_num(f, 0, lang)
        text = fmt_num(f, digits, lang)
        decimal = _seps(lang)[1]
        return text.rstrip("0").rstrip(decimal) if decimal in text else text
    return str(v)


def d3_locale_separators(lang: str | None = None) -> str:
    """Plotly 'separators' layout value: decimal then thousands."""
    thousands, decimal = _seps(lang)
    return decimal + thousands
