"""Data access for pages: the active version, one cached DuckDB set-up per version, cached results.

Results are cached per (query, parameters, data version): when a new version is activated
every page shows the new numbers on its next run, and old entries are simply not asked for.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from .. import access, auth, config, privacy, versions
from .db import Database, queries


@dataclasses.dataclass
class Result:
    """A named query's rows plus what produced them (shown under every chart)."""

    name: str
    df: pd.DataFrame
    params: dict
    version_id: str
    error: str | None = None
    audience: str = "intern"

    @property
    def sql(self) -> str:
        return queries()[self.name].sql

    @property
    def empty(self) -> bool:
        return self.error is not None or self.df.empty

    def value(self, col: str, default=None):
        """The first row's value of a column (for one-row results such as KPIs)."""
        if self.empty or pd.isna(self.df[col].iloc[0]):
            return default
        return self.df[col].iloc[0]


_run = threading.local()  # the version pinned by the script run in this thread, with its lease


def _active() -> versions.Version | None:
    root = config.data_dir()
    geo = config.geo_dir()
    try:
        return versions.ensure(root, geo if geo.exists() else None)
    except OSError:
        return None


def begin_run() -> versions.Version | None:
    """Resolve the version once for this script run and hold a lease on it until end_run (or the
    next begin_run in this thread): every query, chart, download and export of the run uses it,
    and pruning cannot remove it while the run reads it."""
    end_run()
    v = _active()
    if v is None:
        return None
    try:
        lease = versions.pin(config.data_dir())
    except OSError:
        lease = None
    # pin() reads the pointer again: the lease and the version served are always the same one.
    _run.lease = lease
    _run.version = lease.version if lease is not None else v
    return _run.version


def end_run() -> None:
    lease = getattr(_run, "lease", None)
    _run.lease = _run.version = None
    if lease is not None:
        lease.release()


@contextmanager
def pinned():
    """One version for everything inside (a script run, a test, an export built outside a run)."""
    v = begin_run()
    try:
        yield v
    finally:
        end_run()


def version() -> versions.Version | None:
    """The version of this run (see begin_run); outside a run, the active version.
    The demo data is generated on first start."""
    v = getattr(_run, "version", None)
    return v if v is not None else _active()


@st.cache_resource(max_entries=3, show_spinner=False)
def database(version_id: str, path: str) -> Database:
    v = versions.Version(version_id, Path(path), versions._manifest(Path(path)))
    return Database(v, threads=config.get("threads"), memory_limit=config.get("memory_limit"))


@st.cache_data(max_entries=5000, show_spinner=False)
def _cached(name: str, params: tuple, version_id: str, path: str) -> pd.DataFrame:
    return database(version_id, path).run(name, dict(params))


@st.cache_data(max_entries=5000, show_spinner=False)
def _protected(name: str, params: tuple, version_id: str, path: str, audience: str, k: int,
               round_tens: bool) -> pd.DataFrame:
    # Protection is part of the cached result: every page, chart, table and download of the
    # audience gets the same protected numbers, and nobody can skip it.
    df = _cached(name, params, version_id, path)
    return privacy.apply(df, privacy.parse(queries()[name].protect), audience, k, round_tens)


@dataclasses.dataclass(frozen=True)
class Scope:
    """What one run of a page may see, resolved once at its start and handed to every query:
    the data version (one per run, even when a new one is activated meanwhile), the audience,
    the regions of a restricted user and the protection settings."""

    version: versions.Version | None
    audience: str = "intern"  # 'intern' or 'publiek'
    allowed: frozenset[str] | None = None  # the user's own region codes; None = not restricted
    permitted: frozenset[str] | None = None  # codes rows may show (allowed gemeenten, regions wholly made of them)
    k: int = 5  # counts below k are withheld for 'publiek'
    round_tens: bool = False

    @property
    def restricted(self) -> bool:
        return self.permitted is not None

    def clamp(self, code: str | None) -> str | None:
        """The region to query: `code` when the user may see it, else the widest region they may see."""
        if not self.restricted or code in self.permitted:
            return code
        return auth.clamp_region(code, self.allowed, auth.region_parents_from(region_parents(self.version)))

    @classmethod
    def local(cls, v: versions.Version | None, audience: str | None = None) -> Scope:
        """Outside a session (tests, benchmark, command line): nobody signed in, the configured audience."""
        return cls(v, audience or config.get("audience"), k=int(config.get("suppress_k")),
                   round_tens=bool(config.get("round_publiek")))


def scope() -> Scope:
    """This session's scope, resolved now: call once at the start of a run (ui.setup) and pass it on."""
    v = version()
    allowed = access.allowed_regions()
    permitted = access.permitted(region_parents(v)) if allowed is not None and v is not None else None
    return Scope(v, access.audience(), frozenset(allowed) if permitted is not None else None,
                 frozenset(permitted) if permitted is not None else None, int(config.get("suppress_k")),
                 bool(config.get("round_publiek")))


def run(name: str, scope: Scope, **params) -> Result:
    """Run a named query in a run's scope with bound parameters (cached, protected for its audience)."""
    v = scope.version
    needed = queries()[name].params
    bound = {p: params.get(p) for p in needed}
    if v is None:
        return Result(name, pd.DataFrame(), bound, "", error="no data")
    aud = scope.audience
    try:
        bound = _restrict(bound, scope)
    except PermissionError as e:
        return Result(name, pd.DataFrame(), bound, v.id, error=str(e), audience=aud)
    try:
        df = _protected(name, tuple(sorted(bound.items())), v.id, str(v.path), aud, scope.k, scope.round_tens)
    except (duckdb.Error, OSError) as e:  # broken files must not take the page down
        return Result(name, pd.DataFrame(), bound, v.id, error=str(e).splitlines()[0][:300], audience=aud)
    if scope.restricted:
        for col in ("region_code", "gemeente_code"):
            if col in df.columns:
                df = df[df[col].isin(scope.permitted)].reset_index(drop=True)
    return Result(name, df, bound, v.id, audience=aud)


def region_parents(v: versions.Version) -> pd.DataFrame:
    """gemeente → arbeidsmarktregio, provincie for all of the country (never restricted: it decides the restriction)."""
    return _cached("region_parents", (), v.id, str(v.path))


def _restrict(bound: dict, scope: Scope) -> dict:
    """For a user restricted to some regions: their region in the parameters (rows are filtered in run).

    Enforced here, under every page, so no URL, filter or comparison chart can reach another region.
    """
    if not scope.restricted:
        return bound
    bound = dict(bound)
    for p in ("region", "gemeente"):
        if p in bound:
            bound[p] = scope.clamp(bound[p])
    return bound


def peildatum(v: versions.Version | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(v.peildatum) if v and v.peildatum else None
    except ValueError:
        return None
