"""The SQL lab's data: one read-only DuckDB file per data version, and one per region restriction.

The dashboard builds these files (once, on first use, then reuses them); the lab's worker processes
only ever open them read-only. A file holds every contract table as a table, the views the shared
macros read (`placements_m`, `placement_options`) and the macros of `queries/_definitions.sql`, so a
worker needs no file but this one, and can be locked down completely once it is open.

A researcher restricted to some regions gets a file that holds only the rows of their gemeenten
(and of the regions made of them) in every table: rows of other regions are not in it, so no
query, view or macro can reach them.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import threading
from pathlib import Path

import duckdb

from .. import contract
from . import db
from ..versions import Version, table_glob

# Bump when the layout of the lab file changes.
LAB_LAYOUT = 1
_lock = threading.Lock()


def _tag(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:10]


def lab_path(version: Version, regions: frozenset[str] | None = None) -> Path:
    """Where the lab file of a version (for these regions; None = all) lives."""
    kind = f"lab{LAB_LAYOUT}-{_tag(db.definitions_sql())}"
    if regions is not None:
        kind += "-r" + _tag(",".join(sorted(regions)))
    return db.cache_path(version, kind)


def ensure(version: Version, regions: frozenset[str] | None = None) -> Path:
    """The lab file for this version and region restriction, built if it is not there yet."""
    target = lab_path(version, regions)
    if target.exists():
        return target
    with _lock:  # one build per process at a time; other processes write their own temp file
        if not target.exists():
            if regions is None:
                _build_full(version, target)
            else:
                _build_restricted(ensure(version, None), regions, target)
    return target


def _tmp(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}")


def _finish(con: duckdb.DuckDBPyConnection, tmp: Path, target: Path) -> None:
    """Views and macros, then the file takes its place whole (readers never see half of it)."""
    # A throwaway record-key secret: the lab file never holds the real one.
    db.create_plain_views(con, key=secrets.token_bytes(32))
    con.execute(db.definitions_sql())
    con.execute("CHECKPOINT")
    con.close()
    os.replace(tmp, target)


def _connect(tmp: Path) -> duckdb.DuckDBPyConnection:
    from .. import config

    tmp.unlink(missing_ok=True)
    return duckdb.connect(str(tmp), config={"threads": int(config.get("threads")),
                                            "memory_limit": str(config.get("memory_limit"))})


def _build_full(version: Version, target: Path) -> None:
    tmp = _tmp(target)
    con = _connect(tmp)
    try:
        for t in contract.TABLES.values():
            g = table_glob(Path(version.path), t.name)
            cols = ", ".join(f'"{c}"' for c in t.column_names)
            if g:
                con.execute(f"CREATE TABLE {t.name} AS SELECT {cols} FROM read_parquet({db._quote(g)}, "
                            "union_by_name = true)")
            else:  # an optional table the export lacks: empty, with the contract's columns
                typed = ", ".join(f'CAST(NULL AS {db._duck_type(c.type)}) AS "{c.name}"' for c in t.columns)
                con.execute(f"CREATE TABLE {t.name} AS SELECT {typed} WHERE false")
        _finish(con, tmp, target)
    except BaseException:
        con.close()
        tmp.unlink(missing_ok=True)
        raise


def _build_restricted(full: Path, regions: frozenset[str], target: Path) -> None:
    """Only the rows of the permitted gemeenten: those in `regions` directly or via their
    arbeidsmarktregio or provincie (as `access.permitted` decides for the pages)."""
    tmp = _tmp(target)
    con = _connect(tmp)
    try:
        con.execute(f"ATTACH {db._quote(str(full))} AS src (READ_ONLY)")
        codes = sorted(regions)
        con.execute("CREATE TABLE regions AS SELECT * FROM src.regions WHERE gemeente_code IN (SELECT unnest($c)) "
                    "OR arbeidsmarktregio_code IN (SELECT unnest($c)) OR provincie_code IN (SELECT unnest($c))",
                    {"c": codes})
        for t in contract.TABLES.values():
            if t.name == "regions":
                continue
            con.execute(f"CREATE TABLE {t.name} AS SELECT * FROM src.{t.name} "
                        "WHERE gemeente_code IN (SELECT gemeente_code FROM regions)")
        con.execute("DETACH src")
        _finish(con, tmp, target)
    except BaseException:
        con.close()
        tmp.unlink(missing_ok=True)
        raise


def schema(path: Path) -> dict[str, list[tuple[str, str]]]:
    """{table: [(column, DuckDB type), …]} of the contract tables in a lab file, in contract order."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        rows = con.execute("SELECT table_name, column_name, data_type FROM duckdb_columns() "
                           "WHERE schema_name = 'main' ORDER BY column_index").fetchall()
    finally:
        con.close()
    out: dict[str, list[tuple[str, str]]] = {t: [] for t in contract.TABLES}
    for table, col, typ in rows:
        if table in out:
            out[table].append((col, typ))
    return out


def table_macros(path: Path) -> frozenset[str]:
    """The table macros of a lab file (the shared definitions), read once by the dashboard."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        return frozenset(r[0] for r in con.execute(
            "SELECT function_name FROM duckdb_functions() WHERE function_type = 'table_macro' "
            "AND schema_name = 'main' AND NOT internal").fetchall())
    finally:
        con.close()
