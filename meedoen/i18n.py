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


def label(prefix: str, value) -> str:
    """Display label of a contract value, e.g. label('wk', 'beschut_werk')."""
    key = f"{prefix}_{value}"
    return t(key) if key in STRINGS else str(value)


def _seps() -> tuple[str, str]:
    return (".", ",") if lang() == "nl" else (",", ".")


def fmt_num(x, digits: int = 0) -> str:
    """1.234,5 in Dutch, 1,234.5 in English; '–' for missing."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    s = f"{x:,.{digits}f}"
    thousands, decimal = _seps()
    return s.replace(",", "\0").replace(".", decimal).replace("\0", thousands)


def fmt_int(x) -> str:
    return fmt_num(x, 0)


def fmt_pct(x, digits: int = 0) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    return fmt_num(100 * x, digits) + "%"


def fmt_names(names, limit: int = 12) -> str:
    """'A, B, C' or, past `limit`, 'A, B, … en 7 andere': a note under a chart stays short (the table has all)."""
    names = list(names)
    if len(names) <= limit:
        return ", ".join(names)
    return t("names_more", names=", ".join(names[:limit]), n=fmt_int(len(names) - limit))


def fmt_date(d: dt.date) -> str:
    if lang() == "en":
        return f"{d.day} {MONTHS['en'][d.month - 1]} {d.year}"
    return f"{d.day} {MONTHS['nl'][d.month - 1]} {d.year}"


def d3_locale_separators() -> str:
    """Plotly 'separators' layout value: decimal then thousands."""
    thousands, decimal = _seps()
    return decimal + thousands
