"""The query layer: DuckDB views over one data version, and the named queries in `queries/`.

Every number the dashboard shows comes from `Database.run(name, params)`: a file in
`queries/`, run with bound parameters on its own cursor. Identifiers are never parameters
and user input is never formatted into SQL. A query whose header declares when the month
aggregates answer it (meedoen/query/aggregates.py) runs its aggregated form for those values.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import tempfile
import threading
import time
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from .. import contract, privacy
from ..config import ROOT
from ..versions import Version, table_glob
from . import aggregates

QUERY_DIR = ROOT / "queries"
_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")


# The types a parameter can be declared with in a query's `-- params:` header.
PARAM_TYPES = ("date", "int", "number", "text", "region", "gemeente", "path")
# `name type [in (a, b)] [= default] [(what it means)]`, items separated by ';'
_DECL = re.compile(r"^(?P<name>[a-z_][a-z0-9_]*) (?P<type>[a-z]+)(?: in \((?P<choices>[^()]*)\))?"
                   r"(?: = (?P<default>[^\s()]+))?(?: \((?P<note>[^()]*)\))?$")


@dataclasses.dataclass(frozen=True)
class Param:
    """A declared parameter of a named query (the `-- params:` header)."""

    name: str
    type: str  # one of PARAM_TYPES; region = a code of any level or NULL (all of the Netherlands)
    default: object = None  # None = NULL, or no default (dates come from the filters)
    choices: tuple[str, ...] = ()  # the allowed values, when the parameter picks one of a few
    note: str = ""

    def __str__(self) -> str:
        bits = [f"{self.name} {self.type}"]
        if self.choices:
            bits.append(f"in ({', '.join(self.choices)})")
        if self.default is not None:
            bits.append(f"= {self.default}")
        if self.note:
            bits.append(f"({self.note})")
        return " ".join(bits)


def parse_params(text: str) -> tuple[Param, ...]:
    """The parameters declared in a `-- params:` header value; ValueError when one is malformed."""
    text = text.strip()
    if text == "none":
        return ()
    out = []
    for item in text.split(";"):
        m = _DECL.match(item.strip())
        if not m:
            raise ValueError(f"not a parameter declaration ('name type [in (a, b)] [= default] [(note)]'): {item.strip()!r}")
        kind, raw = m["type"], m["default"]
        if kind not in PARAM_TYPES:
            raise ValueError(f"{m['name']}: unknown type {kind!r} (known: {', '.join(PARAM_TYPES)})")
        choices = tuple(c.strip() for c in m["choices"].split(",")) if m["choices"] is not None else ()
        default: object = raw
        if raw is not None:
            if kind == "int":
                default = int(raw)
            elif kind == "number":
                default = float(raw)
            elif kind not in ("text", "path"):
                raise ValueError(f"{m['name']}: a {kind} parameter has no default in the header")
            if choices and default not in choices:
                raise ValueError(f"{m['name']}: default {raw!r} is not one of {choices}")
        elif choices:
            raise ValueError(f"{m['name']}: a parameter with allowed values needs a default")
        if kind == "path" and raw is None:
            raise ValueError(f"{m['name']}: a path parameter needs its default (paths are never typed in)")
        out.append(Param(m["name"], kind, default, choices, (m["note"] or "").strip()))
    names = [p.name for p in out]
    if len(set(names)) != len(names):
        raise ValueError(f"a parameter is declared twice: {', '.join(names)}")
    return tuple(out)


@dataclasses.dataclass(frozen=True)
class NamedQuery:
    name: str
    sql: str
    description: str
    returns: str
    params: tuple[str, ...]  # in order of first use
    protect: str | None = None  # how the result is protected per audience (meedoen.privacy)
    person_rows: bool = False  # one row per person (header `-- rows: person`): data shown to researchers only
    declared: tuple[Param, ...] = ()  # the `-- params:` header, in its order
    # the `-- aggregates:` header: when `agg_sql` (reading the month aggregates) answers; None: always the scan
    aggregates: aggregates.Declaration | None = None
    agg_sql: str | None = None
    agg_params: tuple[str, ...] = ()

    @property
    def path(self) -> Path:
        return QUERY_DIR / f"{self.name}.sql"

    def param(self, name: str) -> Param:
        return next(p for p in self.declared if p.name == name)


def _used(sql: str) -> tuple[str, ...]:
    """The $parameters a query text uses, in order of first use (comments left out)."""
    return tuple(dict.fromkeys(_PARAM.findall(re.sub(r"--[^\n]*", "", sql))))


def _parse(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    header = {}
    for line in text.splitlines():
        if not line.startswith("--"):
            break
        key, _, value = line[2:].strip().partition(":")
        header.setdefault(key.strip(), value.strip())
    params = _used(text)
    try:
        declared = parse_params(header["params"])
    except (KeyError, ValueError) as e:
        raise ValueError(f"queries/{path.name}: the -- params: header: {e}") from None
    if set(params) != {p.name for p in declared}:
        raise ValueError(f"queries/{path.name}: -- params: declares {sorted(p.name for p in declared)}, "
                         f"the SQL uses {sorted(params)}")
    decl, agg_sql = _aggregated(path, text, header, declared)
    agg_params = _used(agg_sql) if agg_sql else ()
    if not set(agg_params) <= set(params):
        raise ValueError(f"queries/aggregated/{path.name} uses {sorted(set(agg_params) - set(params))}, "
                         "which the query does not declare")
    return NamedQuery(path.stem, text, header.get(path.stem, ""), header.get("returns", ""), params,
                      header.get("protect"), header.get("rows", "").startswith("person"), declared,
                      decl, agg_sql, agg_params)


def _aggregated(path: Path, text: str, header: dict, declared) -> tuple:
    """The `-- aggregates:` header and the aggregated form it names (a file in queries/aggregated/, or the
    query itself with a macro swapped); ValueError when they disagree."""
    form = aggregates.FORMS / path.name
    where = f"queries/{path.name}: the -- aggregates: header"
    try:
        decl = aggregates.parse(header["aggregates"], {p.name for p in declared if p.type == "date"})
    except KeyError:
        raise ValueError(f"{where} is missing (when the month aggregates answer, or 'none (why)')") from None
    except ValueError as e:
        raise ValueError(f"{where}: {e}") from None
    if decl is None or decl.swap:
        if form.exists():
            raise ValueError(f"{where} names no file, but queries/aggregated/{path.name} exists")
        if decl is None:
            return None, None
        try:
            return decl, aggregates.swapped(text, decl.swap)
        except ValueError as e:
            raise ValueError(f"{where}: {e}") from None
    if not form.exists():
        raise ValueError(f"{where} declares an aggregated form, but queries/aggregated/{path.name} is missing")
    return decl, form.read_text(encoding="utf-8")


@cache
def queries() -> dict[str, NamedQuery]:
    """All named queries, by name (files starting with '_' are shared definitions), headers parsed once."""
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


# The placements cache of a version (with its month aggregates): built once from the parquet, before the
# version is activated, then opened read-only by every Database of that version. Bump when its layout changes.
CACHE_LAYOUT = 5
# Placements from which a Database answers from the month aggregates: below that they hold about as many rows
# as the placements (so they spare little), and a scan answers in milliseconds anyway.
AGG_MIN_ROWS = 200_000
PERSON_KEY = r"^P[0-9a-f]{16}$"
# The placements of employers in a network (employer_norm): a table in the cache, a view without one.
PARTNER_SQL = "SELECT * FROM {src} WHERE employer_key IN (SELECT employer_key FROM {employers} WHERE network IS NOT NULL)"
# The values the sidebar filters offer; one scan of all placements, so computed once per version.
OPTIONS_SQL = """SELECT DISTINCT 'programme' AS kind, programme AS value FROM {src}
UNION ALL SELECT DISTINCT 'doelgroep', doelgroep FROM {src}
UNION ALL SELECT DISTINCT 'year', CAST(year(intake_date) AS VARCHAR) FROM {src}"""


def cache_path(version: Version, kind: str = "placements") -> Path:
    """Where a derived file of the version lives (placements cache, lab file): beside the data,
    or in the temp folder if that is read-only."""
    # The record keys (and so the aggregates' key sums) depend on the secret: its tag is in the name.
    name = f"{kind}-{version.id}-v{CACHE_LAYOUT}-{privacy.fingerprint(privacy.secret())}.duckdb"
    own = Path(version.path) / ".cache"
    try:
        own.mkdir(exist_ok=True)
        if os.access(own, os.W_OK):
            return own / name
    except OSError:
        pass
    tag = hashlib.sha1(str(Path(version.path).resolve()).encode()).hexdigest()[:10]
    d = Path(tempfile.gettempdir()) / "meedoen-cache"
    d.mkdir(exist_ok=True)
    return d / f"{tag}-{name}"


def build_cache(glob: str, target: Path, threads: int = 2, memory_limit: str = "4GB",
                key: bytes | None = None, employers: str | None = None) -> bool:
    """Write the placements of one version into a compressed DuckDB file, once.

    The person key (P + 16 hex digits, enforced by the contract) is stored as the 64-bit number it
    spells, a one-to-one mapping, so counting and grouping persons works on integers; `multi` marks
    persons with more than one trajectory, so per-person questions only need grouping for them;
    `rk` is the person's record key for the cell key method (meedoen/privacy.py), computed once here.
    The month aggregates (meedoen/query/aggregates.py) go into the same file, and `partner_placements`: the
    rows of employers in a network (`employers`: the version's employers glob), which the networks' norm
    reads instead of every placement.
    Returns False (no cache) when some key does not follow the pattern.
    """
    cols = ", ".join(f'"{c}"' for c in contract.PLACEMENTS.column_names if c != "person_key")
    src = f"read_parquet({_quote(glob)}, union_by_name = true)"
    tmp = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}")
    con = duckdb.connect(str(tmp), config={"threads": threads, "memory_limit": memory_limit,
                                           "preserve_insertion_order": False})
    try:
        bad = con.execute(f"SELECT count(*) FROM {src} WHERE NOT regexp_full_match(person_key, {_quote(PERSON_KEY)})"
                          ).fetchone()[0]
        if bad:
            return False
        num = "('0x' || substr(person_key, 2))::UBIGINT"
        con.execute(privacy.record_key_macro(key if key is not None else privacy.secret()))
        con.execute(f"""CREATE TEMP TABLE m AS SELECT {num} AS person_key, count(*) > 1 AS multi, record_key(person_key) AS rk
            FROM {src} GROUP BY ALL""")
        con.execute(f"""CREATE TABLE placements AS
            SELECT p.*, m.multi, m.rk
            FROM (SELECT {num} AS person_key, {cols} FROM {src}) p JOIN m USING (person_key)""")
        con.execute(f"CREATE TABLE options AS {OPTIONS_SQL.format(src='placements')}")
        emp = (f"read_parquet({_quote(employers)}, union_by_name = true)" if employers
               else "(SELECT NULL::VARCHAR AS employer_key, NULL::VARCHAR AS network WHERE false)")
        con.execute(f"CREATE TABLE partner_placements AS {PARTNER_SQL.format(src='placements', employers=emp)}")
        for stmt in aggregates.build_sql("placements"):
            con.execute(stmt)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    os.replace(tmp, target)
    return True


def create_plain_views(con: duckdb.DuckDBPyConnection, key: bytes | None = None) -> None:
    """The views the shared definitions use, straight over the placements view (no cache):
    every person takes the exact per-person path; record keys are computed as rows are read."""
    con.execute(privacy.record_key_macro(key if key is not None else privacy.secret()))
    con.execute("CREATE OR REPLACE VIEW placements_m AS SELECT *, true AS multi, record_key(person_key) AS rk FROM placements")
    con.execute(f"CREATE OR REPLACE VIEW placement_options AS {OPTIONS_SQL.format(src='placements')}")
    con.execute(f"CREATE OR REPLACE VIEW partner_placements_m AS "
                f"{PARTNER_SQL.format(src='placements_m', employers='employers')}")


class Database:
    """A DuckDB set-up over one data version. Thread-safe: one cursor per query.

    `use_aggregates`: None = the month aggregates from AGG_MIN_ROWS placements on, True / False = always / never
    (both answer the same; the tests and the benchmark compare them)."""

    def __init__(self, version: Version, threads: int = 2, memory_limit: str = "4GB", cache: bool = True,
                 use_aggregates: bool | None = None):
        self.version = version
        self.con = duckdb.connect(":memory:", config={"threads": threads, "memory_limit": memory_limit})
        self.globs = create_views(self.con, version.path)
        self.cached = False
        if cache and "placements" in self.globs:
            self.cached = self._use_cache(threads, memory_limit)
        if not self.cached:
            create_plain_views(self.con)
        self.con.execute(definitions_sql())
        self.aggregated = self.cached and use_aggregates is not False and (
            use_aggregates or self.con.execute("SELECT count(*) FROM pcache.placements").fetchone()[0] >= AGG_MIN_ROWS)
        if self.aggregated:
            self.con.execute(aggregates.MACROS.read_text(encoding="utf-8"))
        self.agg_runs = self.scans = 0  # calls answered by an aggregated form / by the scan
        self._lock = threading.Lock()

    def _use_cache(self, threads: int, memory_limit: str) -> bool:
        """Serve placements from the version's cache file (built on first open); False if it can't be."""
        target = cache_path(self.version)
        try:
            if not target.exists() and not build_cache(self.globs["placements"], target, threads, memory_limit,
                                                       employers=self.globs.get("employers")):
                return False
            self.con.execute(f"ATTACH {_quote(str(target))} AS pcache (READ_ONLY)")
        except (duckdb.Error, OSError):
            return False
        names = contract.PLACEMENTS.column_names
        as_text = ", ".join("printf('P%016x', person_key) AS person_key" if c == "person_key" else f'"{c}"' for c in names)
        cols = ", ".join(f'"{c}"' for c in names)
        # `placements` keeps the contract's text keys; the named queries use `placements_m` (numeric keys).
        self.con.execute(f"CREATE OR REPLACE VIEW placements AS SELECT {as_text} FROM pcache.placements")
        self.con.execute(f"CREATE OR REPLACE VIEW placements_m AS SELECT {cols}, multi, rk FROM pcache.placements")
        self.con.execute(f"CREATE OR REPLACE VIEW partner_placements_m AS SELECT {cols}, multi, rk "
                         "FROM pcache.partner_placements")
        self.con.execute(privacy.record_key_macro(privacy.secret()))  # for pilots and proeftuinen
        self.con.execute("CREATE OR REPLACE VIEW placement_options AS SELECT kind, value FROM pcache.options")
        for t in aggregates.TABLES:
            self.con.execute(f"CREATE OR REPLACE VIEW {t} AS SELECT * FROM pcache.{t}")
        return True

    def run(self, name: str, params: dict | None = None) -> pd.DataFrame:
        q = queries()[name]
        params = params or {}
        missing = [p for p in q.params if p not in params]
        if missing:
            raise KeyError(f"query {name} needs parameters {missing}")
        sql, names = q.sql, q.params
        if self.aggregated and aggregates.applies(q.aggregates, params):
            sql, names = q.agg_sql, q.agg_params
            self.agg_runs += 1
        else:
            self.scans += 1
        with self._lock:  # creating a cursor is not thread-safe; running on it is
            cur = self.con.cursor()
        try:
            return cur.execute(sql, {p: params[p] for p in names}).df()
        finally:
            cur.close()

    def timed(self, name: str, params: dict | None = None) -> tuple[pd.DataFrame, float]:
        t0 = time.perf_counter()
        df = self.run(name, params)
        return df, time.perf_counter() - t0

    def close(self) -> None:
        self.con.close()
