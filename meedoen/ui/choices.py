"""Page-level choices in the address bar: every choice that changes what a page shows has a URL key.

A page declares each choice with `choice(param, key, options, default)`, which returns its value, and
draws the widget with `later()`: after the page, in the place it has now (see later()).
On the first run of a visit to the page (a fresh browser, an opened link, a page switch) the value
comes from `?param=`, checked against what is allowed; a value that is not allowed is named in a
warning (Dutch or English) and the default is shown. After the page ran, `sync()` writes the page's
choices that differ from their default into the address bar and drops the keys of other pages, so
the address is always the view. The global filters keep their own keys (meedoen.filters).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from ..i18n import t

# The keys of the global filters, the language and presentation mode (written by ui.context).
GLOBAL_KEYS = frozenset({"periode", "niveau", "regio", "programma", "doelgroep", "taal", "presentatie", "dia"})
_PAGE = "_choices_page"  # the page of the previous run
_FRESH = "_choices_fresh"  # this run starts a visit to the page: read the choices from the link
DECLARED = "_choices_declared"  # param -> (widget key, default, to URL text), declared this run
_LATER = "_choices_later"  # widgets to draw after the page: (their place, widget name, args, kwargs)
_BAD = object()


def begin(page_id: str) -> None:
    """Before a page runs: note whether this run starts a visit to it."""
    ss = st.session_state
    ss[_FRESH] = ss.get(_PAGE) != page_id
    ss[_PAGE] = page_id
    ss[DECLARED] = {}
    ss[_LATER] = []


def choice(param: str, key: str, options: Sequence | None, default, *, words: dict | None = None,
           parse: Callable[[str], object] | None = None, text: Callable[[object], str] = str,
           valid: Callable[[object], bool] | None = None, allowed: str | None = None):
    """The value of a page choice, also put in the widget's state under `key`. Call it before the widget
    and create the widget without a default of its own (the state holds it).

    options: the allowed values (None: any value `valid` accepts); words: the URL word of each value
    (else `text` and `parse`, by default the value's own text); allowed: how the warning names what
    is allowed, when the options are not a short list."""
    if words is not None:
        back = {w: v for v, w in words.items()}
        text, parse = words.__getitem__, back.__getitem__
    ss = st.session_state
    ss.setdefault(DECLARED, {})[param] = (key, default, text)
    fresh = bool(ss.get(_FRESH, True))
    if fresh or key not in ss:
        value = default
        raw = st.query_params.get(param) if fresh else None  # later runs keep what the user chose
        if raw is not None:
            got = _parse(raw, options, parse)
            ok = got is not _BAD and (options is None or got in options) and (valid is None or _ok(valid, got))
            if ok:
                value = got
            else:
                what = allowed or ", ".join(text(o) for o in options or ())
                shown = t("all") if default is None else text(default)
                st.warning(t("url_bad_choice", what=f"{param}={raw}", allowed=what, shown=shown))
        ss[key] = value
    elif options is not None and ss[key] is not None and ss[key] not in options:
        ss[key] = default  # the options changed under it (another selection or language)
    return ss[key]


def _ok(valid, value) -> bool:
    try:
        return bool(valid(value))
    except (TypeError, ValueError):
        return False


def _parse(raw: str, options, parse):
    if parse is not None:
        try:
            return parse(raw)
        except (ValueError, TypeError, KeyError):
            return _BAD
    for o in options or ():
        if str(o) == raw:
            return o
    return _BAD


def sync() -> None:
    """After the page ran: its choices that differ from their default in the address bar; other keys out."""
    ss = st.session_state
    want: dict[str, str] = {}
    for param, (key, default, text) in ss.get(DECLARED, {}).items():
        value = ss.get(key, default)
        if value is not None and value != default:
            try:
                want[param] = text(value)
            except (KeyError, TypeError, ValueError):
                pass  # a value the link cannot name (options changed mid-run): leave it out
    for param in [p for p in st.query_params.keys() if p not in GLOBAL_KEYS and p not in want]:
        del st.query_params[param]
    for param, value in want.items():
        if st.query_params.get(param) != value:
            st.query_params[param] = value


class _Later:
    """Stands for a container: a widget called on it is drawn by draw_later(), in the place kept now."""

    def __init__(self, where):
        self._place = where.container()

    def __getattr__(self, widget: str):
        def record(*args, **kwargs) -> None:
            st.session_state.setdefault(_LATER, []).append((self._place, widget, args, kwargs))
        return record


def later(where=None) -> _Later:
    """A page choice's widget, drawn after the page in the place it has now: `later().selectbox(...)`,
    `later(column).number_input(...)`. The page runs on the value `choice()` returned (the widget's key
    holds the same value), and its charts reach the browser before the widget does: the browser fetches a
    kind of widget's code when the first one arrives, and those small requests would queue before the
    chart component."""
    return _Later(where if where is not None else st)


def draw_later() -> None:
    """Draw the widgets the page asked for with later(), in order (app.py, after the page)."""
    for place, widget, args, kwargs in st.session_state.pop(_LATER, []):
        getattr(place, widget)(*args, **kwargs)
