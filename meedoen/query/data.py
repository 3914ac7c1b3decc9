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

from .. import access, config, privacy, versions
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


def audience() -> str:
    try:
        return access.audience()
    except Exception:  # outside a Streamlit session: the configured audience
        return config.get("audience")


def run(name: str, v: versions.Version | None = None, **params) -> Result:
    """Run a named query on the active version with bound parameters (cached)."""
    v = v or version()
    needed = queries()[name].params
    bound = {p: params.get(p) for p in needed}
    if v is None:
        return Result(name, pd.DataFrame(), bound, "", error="no data")
    aud = audience()
    try:
        bound, keep = _restrict(name, bound, v)
    except PermissionError as e:
        return Result(name, pd.DataFrame(), bound, v.id, error=str(e), audience=aud)
    try:
        df = _protected(name, tuple(sorted(bound.items())), v.id, str(v.path), aud,
                        int(config.get("suppress_k")), bool(config.get("round_publiek")))
    except (duckdb.Error, OSError) as e:  # broken files must not take the page down
        return Result(name, pd.DataFrame(), bound, v.id, error=str(e).splitlines()[0][:300], audience=aud)
    if keep is not None:
        for col in ("region_code", "gemeente_code"):
            if col in df.columns:
                df = df[df[col].isin(keep)].reset_index(drop=True)
    return Result(name, df, bound, v.id, audience=aud)


def region_parents(v: versions.Version) -> pd.DataFrame:
    """gemeente → arbeidsmarktregio, provincie for all of the country (never restricted: it decides the restriction)."""
    return _cached("region_parents", (), v.id, str(v.path))


def _restrict(name: str, bound: dict, v: versions.Version) -> tuple[dict, set[str] | None]:
    """For a user restricted to some regions: their region in the parameters, and the codes rows may show.

    Enforced here, under every page, so no URL, filter or comparison chart can reach another region.
    """
    try:
        if access.allowed_regions() is None:
            return bound, None
    except Exception:  # outside a Streamlit session: nobody is signed in
        return bound, None
    parents = region_parents(v)
    keep = access.permitted(parents)
    bound = dict(bound)
    for p in ("region", "gemeente"):
        if p in bound:
            wanted = bound[p]
            bound[p] = wanted if wanted in keep else access.clamp(wanted, parents)
    return bound, keep


def peildatum(v: versions.Version | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(v.peildatum) if v and v.peildatum else None
    except ValueError:
        return None
