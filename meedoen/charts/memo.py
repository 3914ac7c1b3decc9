"""One figure per chart, rows and language, shared by every session.

Building a Plotly figure and turning it into what the browser gets costs far more than the query behind it
once that is cached: a warm page view was mostly figure work. A builder decorated with `figure` is called
once per distinct input (its rows, labels, options and the language) and its figure is kept; the page's
other forms of it (the screen copy, its text alternative, the publiek marks) are kept with it (`derived`).

A kept figure is shared, so nobody may change it: whoever needs another form copies (`present.screen_figure`,
`present.slide_figure`, `tiles.mark_hidden`'s callers). `tests/test_figure_memo.py` checks that a
page run leaves every kept figure as it was built.
"""

from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import functools
import hashlib
import inspect
import json
import threading
from typing import Any, Callable

import numpy as np
import pandas as pd

from ..i18n import lang

# What is kept, in MB as estimated by `_megabytes`: a chart with its screen form takes about 0.1 MB, a map of
# 342 gemeenten (10,000 points) about 1.2 MB. The least recently used go first.
MAX_FIGURES_MB = 150
MAX_FRAMES_MB = 50
CHECK = False  # tests: remember each kept figure's JSON as built, so `changed()` finds one that was changed


@dataclasses.dataclass
class _Entry:
    fig: Any
    keep: tuple  # arguments compared by identity, held so their ids stay theirs
    built: str | None = None  # the figure's JSON as built (CHECK)
    derived: dict = dataclasses.field(default_factory=dict)
    children: dict = dataclasses.field(default_factory=dict)  # id -> figure derived from this one (held)
    children_built: dict = dataclasses.field(default_factory=dict)  # id -> its JSON as made (CHECK)


_lock = threading.Lock()
_figures: collections.OrderedDict[bytes, tuple[_Entry, float]] = collections.OrderedDict()
_by_id: dict[int, _Entry] = {}  # id(figure) -> its entry (kept figures and the figures derived from them)
stats = collections.Counter()  # builds / hits, for the benchmark and the tests


class Unkeyable(TypeError):
    """An argument this module cannot fingerprint: the figure is built, not kept."""


def _feed(h, v: Any, by_identity: bool = False) -> None:
    if by_identity:
        h.update(b"id%d;" % id(v))
    elif v is None or isinstance(v, (bool, int, float, str, dt.date, pd.Timestamp, np.generic)):
        h.update(repr((type(v).__name__, v)).encode())
    elif isinstance(v, pd.DataFrame):
        h.update(b"df" + repr((list(v.columns), [str(t) for t in v.dtypes], v.shape, sorted(v.attrs.items()))).encode())
        h.update(pd.util.hash_pandas_object(v, index=True).to_numpy().tobytes())
    elif isinstance(v, (pd.Series, pd.Index)):
        h.update(b"s" + repr((getattr(v, "name", None), str(v.dtype), len(v))).encode())
        h.update(pd.util.hash_pandas_object(v, index=isinstance(v, pd.Series)).to_numpy().tobytes())
    elif isinstance(v, (list, tuple)):
        h.update(b"[%d" % len(v))
        for x in v:
            _feed(h, x)
        h.update(b"]")
    elif isinstance(v, dict):  # in order: a mapping of labels is drawn in its order
        h.update(b"{%d" % len(v))
        for k, x in v.items():
            _feed(h, k)
            _feed(h, x)
        h.update(b"}")
    else:
        raise Unkeyable(type(v).__name__)


def key(builder: Callable, arguments: dict, by_identity: tuple[str, ...] = ()) -> tuple[bytes, tuple]:
    """The fingerprint of one call (its arguments by name, and the language its labels are in) and the
    arguments held by identity."""
    h = hashlib.blake2b(digest_size=20)
    h.update(f"{builder.__module__}.{builder.__qualname__}|{lang()}|".encode())
    keep = []
    for name, v in arguments.items():
        h.update(name.encode() + b"=")
        ident = name in by_identity
        _feed(h, v, by_identity=ident)
        if ident:
            keep.append(v)
    return h.digest(), tuple(keep)


def _megabytes(v: Any) -> float:
    """About what a kept figure (with its screen form) or table takes."""
    if isinstance(v, pd.DataFrame):
        return 0.01 + v.memory_usage(deep=True).sum() / 2**20
    points = sum(len(tr.x) for tr in v.data if getattr(tr, "x", None) is not None)
    return 0.1 + points * 0.00011


_sizes: dict[int, float] = collections.defaultdict(float)  # id(store) -> MB kept in it


def _kept(fn: Callable, store: collections.OrderedDict, limit_mb: Callable[[], float], make_entry: Callable,
          value: Callable, by_identity: tuple[str, ...] = ()) -> Callable:
    """`fn` with its results kept in `store` per `key`, up to `limit_mb()` (least recently used first out)."""
    sig = inspect.signature(fn)

    @functools.wraps(fn)
    def kept(*args, **kwargs):
        try:
            k, keep = key(fn, sig.bind(*args, **kwargs).arguments, by_identity)
        except TypeError:  # Unkeyable, or a column pandas cannot hash: made each time
            stats["unkeyable"] += 1
            return fn(*args, **kwargs)
        with _lock:
            e = store.get(k)
            if e is not None:
                store.move_to_end(k)
                stats["hits"] += 1
                return value(e[0])
        made = fn(*args, **kwargs)
        mb = _megabytes(made)
        with _lock:
            stats["builds"] += 1
            if k not in store:
                store[k] = (make_entry(made, keep), mb)
                _sizes[id(store)] += mb
                while _sizes[id(store)] > limit_mb() and len(store) > 1:
                    old, old_mb = store.popitem(last=False)[1]
                    _sizes[id(store)] -= old_mb
                    _forget(old)
            return value(store[k][0])

    kept.build = fn  # the function itself, nothing kept (tests)
    return kept


def figure(builder: Callable | None = None, *, by_identity: tuple[str, ...] = ()):
    """Keep the builder's figure per input. `by_identity`: arguments compared by identity instead of content
    (large, never-changed objects such as the cached boundary files); the others by content."""

    def entry(fig, keep) -> _Entry:
        _by_id[id(fig)] = _Entry(fig, keep, fig.to_json() if CHECK else None)
        return _by_id[id(fig)]

    def wrap(fn: Callable) -> Callable:
        return _kept(fn, _figures, lambda: MAX_FIGURES_MB, entry, lambda e: e.fig, by_identity)

    return wrap(builder) if builder is not None else wrap


_frames: collections.OrderedDict[bytes, Any] = collections.OrderedDict()


def frame(fn: Callable) -> Callable:
    """Keep a function's table per input, as `figure` does for builders (a publiek table with its withheld
    cells written out as text takes longer than the page around it). Each caller gets its own copy."""
    return _kept(fn, _frames, lambda: MAX_FRAMES_MB, lambda df, keep: df, lambda df: df.copy())


def _forget(e: Any) -> None:
    if isinstance(e, _Entry):
        _by_id.pop(id(e.fig), None)
        for child in e.children:
            _by_id.pop(child, None)


def derived(fig: Any, what: Any, make: Callable[[], Any]) -> Any:
    """`make()`, kept with `fig` when that is a kept figure (else just made): the screen copy, a text, a
    marked copy. A derived figure counts as kept too, so what is derived from it is kept as well."""
    what = (id(fig), what)  # a kept figure and the figures derived from it share one entry
    with _lock:
        e = _by_id.get(id(fig))
        if e is None or (e.fig is not fig and e.children.get(id(fig)) is not fig):
            e = None
        elif what in e.derived:
            stats["derived_hits"] += 1
            return e.derived[what]
    value = make()
    if e is None:
        return value
    with _lock:
        value = e.derived.setdefault(what, value)
        if hasattr(value, "to_plotly_json") and value is not fig and id(value) not in _by_id:
            # a figure derived from a kept one (the publiek marks): what is derived from it is kept with it
            e.children[id(value)] = value
            _by_id[id(value)] = e
            if CHECK:
                e.children_built[id(value)] = value.to_json()
    return value


def changed() -> list[str]:
    """The titles of kept figures that are no longer as built (CHECK), derived ones included."""
    with _lock:
        entries = [e for e, _ in _figures.values()]
    out = []
    same = lambda fig, built: json.loads(fig.to_json()) == json.loads(built)  # noqa: E731 (key order may differ)
    for e in entries:
        if e.built is not None and not same(e.fig, e.built):
            out.append(str(e.fig.layout.title.text))
        for child, built in e.children_built.items():
            if not same(e.children[child], built):
                out.append("derived: " + str(e.children[child].layout.title.text))
    return out


def clear() -> None:
    with _lock:
        _frames.clear()
        _figures.clear()
        _sizes.clear()
        _by_id.clear()
        stats.clear()
