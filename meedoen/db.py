"""The query layer: DuckDB views over one data version, and the named queries in `queries/`.

Every number the dashboard shows comes from `Database.run(name, params)`: a file in
`queries/`, run with bound parameters on its own cursor. Identifiers are never parameters
and user input is never formatted into SQL.
"""

from __future__ import annotations

import dataclasses
import re
import threading
import time
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from . import contract
from .config import ROOT
from .store import Version, table_glob

QUERY_DIR = ROOT / "queries"
_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")


@dataclasses.dataclass(frozen=True)
class NamedQuery:
    name: str
    sql: str
    description: str
    returns: str
    params: tuple[str, ...]  # in order of first use
    protect: str | None = None  # how the result is protected per audience (meedoen.protect)
    person_rows: bool = False  # one row per person (header `-- rows: person`): data shown to researchers only

    @property
    def path(self) -> Path:
        return QUERY_DIR / f"{self.name}.sql"


def _parse(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    header = {}
    for line in text.splitlines():
        if not line.startswith("--"):
            break
        key, _, value = line[2:].strip().partition(":")
        header[key.strip()] = value.strip()
    params = tuple(dict.fromkeys(_PARAM.findall(re.sub(r"--[^\n]*", "", text))))
    return NamedQuery(path.stem, text, header.get(path.stem, ""), header.get("returns", ""), params,
                      header.get("protect"), header.get("rows", "").startswith("person"))


@cache
def queries() -> dict[str, NamedQuery]:
    """All named queries, by name (files starting with '_' are shared definitions)."""
    return {p.stem: _parse(p) for p in sorted(QUERY_DIR.glob("*.sql")) if not p.name.startswith("_")}


def _quote(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def create_views(con: duckdb.DuckDBPyConnection, path: Path) -> dict[str, str]:
    """One view per contract table over the version's parquet files; only the contract columns.

    A missing optional table becomes an empty view with the right columns, so queries still run.
    Returns {table: glob} for the tables that have files.
    """
    globs = {}
    for t in contract.TABLES.values():
        g = table_glob(path, t.name)
        cols = ", ".join(f'"{c}"' for c in t.column_names)
        if g:
            globs[t.name] = g
            con.execute(f"CREATE OR REPLACE VIEW {t.name} AS SELECT {cols} FROM read_parquet({_quote(g)}, union_by_name = true)")
        else:
            typed = ", ".join(f"CAST(NULL AS {_duck_type(c.type)}) AS \"{c.name}\"" for c in t.columns)
            con.execute(f"CREATE OR REPLACE VIEW {t.name} AS SELECT {typed} WHERE false")
    return globs


def _duck_type(t) -> str:
    return {"string": "VARCHAR", "date32[day]": "DATE", "bool": "BOOLEAN", "double": "DOUBLE",
            "int64": "BIGINT"}[str(t)]


def definitions_sql() -> str:
    return (QUERY_DIR / "_definitions.sql").read_text(encoding="utf-8")


class Database:
    """A DuckDB set-up over one data version. Thread-safe: one cursor per query."""

    def __init__(self, version: Version, threads: int = 2, memory_limit: str = "4GB"):
        self.version = version
        self.con = duckdb.connect(":memory:", config={"threads": threads, "memory_limit": memory_limit})
        self.globs = create_views(self.con, version.path)
        self.con.execute(definitions_sql())
        self._lock = threading.Lock()

    def run(self, name: str, params: dict | None = None) -> pd.DataFrame:
        q = queries()[name]
        params = params or {}
        missing = [p for p in q.params if p not in params]
        if missing:
            raise KeyError(f"query {name} needs parameters {missing}")
        with self._lock:  # creating a cursor is not thread-safe; running on it is
            cur = self.con.cursor()
        try:
            return cur.execute(q.sql, {p: params[p] for p in q.params}).df()
        finally:
            cur.close()

    def timed(self, name: str, params: dict | None = None) -> tuple[pd.DataFrame, float]:
        t0 = time.perf_counter()
        df = self.run(name, params)
        return df, time.perf_counter() - t0

    def close(self) -> None:
        self.con.close()
