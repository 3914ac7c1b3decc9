"""Data access for pages: the active version, one cached DuckDB set-up per version, cached results.

Results are cached per (query, parameters, data version): when a new version is activated
every page shows the new numbers on its next run, and old entries are simply not asked for.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from . import config, store
from .db import Database, queries


@dataclasses.dataclass
class Result:
    """A named query's rows plus what produced them (shown under every chart)."""

    name: str
    df: pd.DataFrame
    params: dict
    version_id: str
    error: str | None = None

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


def version() -> store.Version | None:
    """The active version; the demo data is generated on first start."""
    root = config.data_dir()
    geo = config.geo_dir()
    try:
        return store.ensure(root, geo if geo.exists() else None)
    except OSError:
        return None


@st.cache_resource(max_entries=3, show_spinner=False)
def database(version_id: str, path: str) -> Database:
    v = store.Version(version_id, Path(path), store._manifest(Path(path)))
    return Database(v, threads=config.get("threads"), memory_limit=config.get("memory_limit"))


@st.cache_data(max_entries=5000, show_spinner=False)
def _cached(name: str, params: tuple, version_id: str, path: str) -> pd.DataFrame:
    return database(version_id, path).run(name, dict(params))


def run(name: str, v: store.Version | None = None, **params) -> Result:
    """Run a named query on the active version with bound parameters (cached)."""
    v = v or version()
    needed = queries()[name].params
    bound = {p: params.get(p) for p in needed}
    if v is None:
        return Result(name, pd.DataFrame(), bound, "", error="no data")
    try:
        df = _cached(name, tuple(sorted(bound.items())), v.id, str(v.path))
    except (duckdb.Error, OSError) as e:  # broken files must not take the page down
        return Result(name, pd.DataFrame(), bound, v.id, error=str(e).splitlines()[0][:300])
    return Result(name, df, bound, v.id)


def peildatum(v: store.Version | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(v.peildatum) if v and v.peildatum else None
    except ValueError:
        return None
