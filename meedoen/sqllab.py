"""The SQL lab: researchers' own SELECT queries on one data version, in a hardened DuckDB.

Two layers, each enough on its own for the common escapes:

1. The engine. A separate in-memory DuckDB per data version whose configuration is locked
   after set-up: no file access outside the version folder, no extensions, no spilling to
   disk, fixed threads, memory and execution time (see `_harden`).
2. The statement check. Exactly one statement, a SELECT (WITH … SELECT, FROM …, DESCRIBE,
   SUMMARIZE, PIVOT with an IN list), reading only the contract views, its own CTEs and a
   short list of table functions and macros, and no system or settings functions. The
   engine alone would still allow `COPY … TO` and `EXPORT DATABASE` *into* the version
   folder, `CREATE`, `SET VARIABLE` and dynamic SQL, so this check is not optional.

DuckDB's own security notes say fully untrusted SQL needs an OS sandbox as well: the lab
is meant for signed-in researchers.
"""

from __future__ import annotations

import dataclasses
import json
import secrets
import threading
import time
from pathlib import Path

import duckdb
import pandas as pd

from . import config, contract, db
from .store import Version

MAX_SQL_CHARS = 100_000

# Table functions a query may call: generators and the shared table macros (added per lab).
ALLOWED_TABLE_FUNCTIONS = frozenset({"range", "generate_series", "unnest", "json_each", "json_tree"})

# Scalar functions that reveal the environment or the configuration, or write to the log.
DENIED_FUNCTIONS = frozenset({"getenv", "current_setting", "getvariable", "write_log"})
# Name prefixes of functions that read files, run SQL or expose the system catalogue.
DENIED_PREFIXES = ("read_", "parquet_", "sniff_", "glob", "query", "json_execute", "duckdb_", "pragma_",
                   "enable_", "disable_", "checkpoint", "force_checkpoint", "arrow_scan", "pandas_scan",
                   "python_", "which_secret", "truncate_duckdb", "iceberg_", "delta_", "sqlite_", "postgres_",
                   "mysql_")
FILE_PREFIXES = ("read_", "parquet_", "sniff_", "glob")
DYNAMIC_SQL = ("query", "query_table", "json_execute_serialized_sql")

# Table reference kinds a SELECT may use; anything else (new in a later DuckDB) is refused.
ALLOWED_REF_TYPES = frozenset({"BASE_TABLE", "JOIN", "SUBQUERY", "TABLE_FUNCTION", "EXPRESSION_LIST",
                               "EMPTY", "PIVOT", "SHOW_REF"})

# One Dutch message per refused category.
MESSAGES = {
    "empty": "De query is leeg. Schrijf één SELECT-query.",
    "multi": "Er mag maar één opdracht tegelijk worden uitgevoerd; deze invoer bevat er {n}. "
             "Haal de opdracht(en) na de eerste ';' weg.",
    "too_long": "De query is te lang (meer dan {n} tekens).",
    "write": "Alleen SELECT-query's zijn toegestaan (ook WITH … SELECT). {kind} wijzigt de database "
             "en kan in het SQL-lab niet.",
    "copy": "COPY is niet toegestaan: het SQL-lab leest of schrijft geen bestanden. "
            "Download het resultaat met de knop onder de tabel.",
    "attach": "ATTACH, DETACH en USE zijn niet toegestaan: alleen de gegevens van deze dataversie zijn beschikbaar.",
    "extension": "Extensies installeren of laden (INSTALL/LOAD) is niet toegestaan.",
    "set": "Instellingen en variabelen wijzigen (SET/RESET) is niet toegestaan; "
           "tijdslimiet, geheugen en threads van het SQL-lab liggen vast.",
    "pragma": "PRAGMA-opdrachten zijn niet toegestaan.",
    "export": "EXPORT DATABASE en IMPORT DATABASE zijn niet toegestaan.",
    "call": "CALL is niet toegestaan; roep toegestane tabelfuncties aan in een SELECT … FROM.",
    "explain": "EXPLAIN is niet toegestaan in het SQL-lab; alleen SELECT-query's.",
    "pivot": "PIVOT zonder vaste waarden is niet toegestaan (het zijn dan meerdere opdrachten). "
             "Noem de waarden: PIVOT … ON kolom IN ('a', 'b') USING count(*).",
    "other": "Alleen SELECT-query's zijn toegestaan (ook WITH … SELECT); deze opdracht ({kind}) niet.",
    "file": "Bestanden lezen met {fn}() is niet toegestaan; gebruik de tabellen {tables}.",
    "file_table": "Een bestand als tabel lezen ('{name}') is niet toegestaan; gebruik de tabellen {tables}.",
    "dynamic": "Dynamische SQL met {fn}() is niet toegestaan; schrijf de query zelf uit.",
    "system": "De functie {fn}() is niet toegestaan in het SQL-lab (systeem- of instellingsinformatie).",
    "table_function": "De tabelfunctie {fn}() is niet toegestaan; toegestaan zijn: {allowed}.",
    "qualified": "Namen met een schema of catalogus ({name}) zijn niet toegestaan; gebruik de tabellen {tables}.",
    "unknown_table": "Onbekende tabel '{name}'. Beschikbaar zijn: {tables}.",
    "show": "SHOW is niet beschikbaar; de tabellen en kolommen staan in de schemaweergave naast de editor.",
    "unchecked": "Deze query kan niet worden gecontroleerd en wordt daarom niet uitgevoerd: {detail}",
    "syntax": "Syntaxfout in de query. Details van DuckDB: {detail}",
    "timeout": "Query afgebroken na {limit:g} s (de tijdslimiet van het SQL-lab). "
               "Maak de query kleiner, bijvoorbeeld met een WHERE-filter of minder joins.",
    "memory": "Query afgebroken: het geheugen van het SQL-lab ({limit}) is op. "
              "Maak de query kleiner, bijvoorbeeld met een WHERE-filter of een GROUP BY. Details: {detail}",
    "error": "De query kon niet worden uitgevoerd. Details van DuckDB: {detail}",
}

_STATEMENT_CATEGORY = {
    "INSERT": "write", "UPDATE": "write", "DELETE": "write", "CREATE": "write", "DROP": "write",
    "ALTER": "write", "MERGE_INTO": "write", "CREATE_FUNC": "write", "VACUUM": "write", "ANALYZE": "write",
    "TRANSACTION": "write", "PREPARE": "write", "EXECUTE": "write",
    "COPY": "copy", "COPY_DATABASE": "copy", "ATTACH": "attach", "DETACH": "attach",
    "LOAD": "extension", "EXTENSION": "extension", "SET": "set", "VARIABLE_SET": "set",
    "PRAGMA": "pragma", "EXPORT": "export", "CALL": "call", "EXPLAIN": "explain", "MULTI": "pivot",
}


@dataclasses.dataclass(frozen=True)
class LabResult:
    df: pd.DataFrame | None
    error: str | None  # Dutch, for the researcher
    truncated: bool
    elapsed: float  # seconds
    row_count: int  # rows in df


class _Refused(Exception):
    """A statement the lab will not run; the message is the Dutch explanation."""


def _sql_string(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def _detail(e: Exception) -> str:
    text = str(e).strip()
    return text if len(text) < 2000 else text[:2000] + " …"


class SqlLab:
    """A hardened DuckDB over one data version, for researchers' own SELECT queries. Thread-safe."""

    def __init__(self, version: Version, time_limit: float | None = None, max_rows: int | None = None):
        self.version = version
        self.time_limit = float(time_limit if time_limit is not None else config.get("sql_time_limit"))
        self.max_rows = int(max_rows if max_rows is not None else config.get("sql_max_rows"))
        if self.time_limit <= 0 or self.max_rows < 1:  # 0 would mean "no limit" to DuckDB
            raise ValueError(f"SQL-lab: tijdslimiet ({self.time_limit}) en maximum aantal rijen ({self.max_rows}) "
                             "moeten groter dan 0 zijn")
        self.memory_limit = str(config.get("sql_memory_limit"))
        self.threads = int(config.get("sql_threads"))
        self.folder = Path(version.path).resolve()
        self._lock = threading.Lock()
        self._con = duckdb.connect(":memory:")
        self._build()

    # ------------------------------------------------------------------ set-up

    def _build(self) -> None:
        con = self._con
        # Views and macros first. lock_configuration freezes settings, not the catalogue, so
        # they could be made later too; but creating a view binds it (reads parquet footers),
        # simplest while file access is open. Keeping them intact is the statement check's job.
        db.create_views(con, self.folder)
        # The shared macros read these; a throwaway record-key secret, so the lab never holds the real one.
        db.create_plain_views(con, key=secrets.token_bytes(32))
        con.execute(db.definitions_sql())
        self.view_names = tuple(contract.TABLES)
        self.table_macros = frozenset(r[0] for r in con.execute(
            "SELECT function_name FROM duckdb_functions() WHERE function_type = 'table_macro' "
            "AND schema_name = 'main' AND NOT internal").fetchall())
        self._harden(con)
        self._verify(con)
        self._tables = self._read_tables()

    def _harden(self, con: duckdb.DuckDBPyConnection) -> None:
        """Lock the engine down; the order matters (see comments)."""
        # temp_directory can no longer be changed once external access is off; '' = never spill.
        con.execute("SET temp_directory = ''")
        # Must come before enable_external_access=false; the trailing '/' stops a sibling
        # folder with the same prefix (…/v1 vs …/v10) from being allowed too.
        con.execute(f"SET allowed_directories = [{_sql_string(str(self.folder) + '/')}]")
        con.execute("SET enable_external_access = false")
        con.execute("SET autoinstall_known_extensions = false")
        con.execute("SET autoload_known_extensions = false")
        con.execute("SET allow_community_extensions = false")
        con.execute("SET allow_persistent_secrets = false")
        # LOCAL settings: GLOBAL so every cursor (one per run) inherits them.
        con.execute("SET GLOBAL python_enable_replacements = false")  # no access to Python variables
        con.execute(f"SET threads = {self.threads:d}")
        con.execute(f"SET memory_limit = {_sql_string(self.memory_limit)}")
        con.execute("SET max_temp_directory_size = '0B'")
        # The engine's own time limit backs up the per-run timer (both end in an interrupt).
        con.execute(f"SET GLOBAL max_execution_time = {int(self.time_limit * 1000):d}")
        con.execute("SET lock_configuration = true")

    def _verify(self, con: duckdb.DuckDBPyConnection) -> None:
        """Fail loudly at start-up if a hardening setting did not take effect (as seen by a cursor)."""
        expected = {
            "allowed_directories": [str(self.folder) + "/"],
            "enable_external_access": False,
            "autoinstall_known_extensions": False,
            "autoload_known_extensions": False,
            "python_enable_replacements": False,
            "threads": self.threads,
            "max_temp_directory_size": "0 bytes",
            "temp_directory": "",
            "max_execution_time": int(self.time_limit * 1000),
            "lock_configuration": True,
        }
        cur = con.cursor()
        try:
            for name, want in expected.items():
                got = cur.execute(f"SELECT current_setting({_sql_string(name)})").fetchone()[0]
                if got != want:
                    raise RuntimeError(f"SQL-lab: instelling {name} is {got!r}, verwacht {want!r}")
        finally:
            cur.close()

    def _read_tables(self) -> dict[str, list[tuple[str, str]]]:
        cur = self._cursor()
        try:
            rows = cur.execute(
                "SELECT table_name, column_name, data_type FROM duckdb_columns() "
                "WHERE schema_name = 'main' ORDER BY column_index").fetchall()
        finally:
            cur.close()
        out: dict[str, list[tuple[str, str]]] = {t: [] for t in self.view_names}
        for table, col, typ in rows:
            if table in out:
                out[table].append((col, typ))
        return out

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        with self._lock:  # creating a cursor is not thread-safe; running on it is
            return self._con.cursor()

    # ------------------------------------------------------------------ public

    def tables(self) -> dict[str, list[tuple[str, str]]]:
        """{view: [(column, DuckDB type), …]} for the editor's schema browser."""
        return {t: list(cols) for t, cols in self._tables.items()}

    def check(self, sql: str) -> str | None:
        """The Dutch reason this SQL is refused, or None when it may run."""
        cur = self._cursor()
        try:
            self._check(cur, sql)
            return None
        except _Refused as e:
            return str(e)
        finally:
            cur.close()

    def run(self, sql: str, time_limit: float | None = None) -> LabResult:
        """Run one SELECT; never raises for bad SQL. `time_limit` (s) may only shorten the lab's limit."""
        limit = self.time_limit if time_limit is None else min(float(time_limit), self.time_limit)
        t0 = time.perf_counter()
        cur = self._cursor()
        timer = threading.Timer(limit, cur.interrupt)
        timer.daemon = True
        try:
            self._check(cur, sql)
            timer.start()
            df = cur.sql(sql).limit(self.max_rows + 1).df()
            timer.cancel()
        except _Refused as e:
            return self._fail(str(e), t0)
        except duckdb.InterruptException:
            return self._fail(MESSAGES["timeout"].format(limit=limit), t0)
        except duckdb.OutOfMemoryException as e:
            return self._fail(MESSAGES["memory"].format(limit=self.memory_limit, detail=_detail(e)), t0)
        except duckdb.ParserException as e:
            return self._fail(MESSAGES["syntax"].format(detail=_detail(e)), t0)
        except Exception as e:  # any other DuckDB or conversion error goes back to the researcher
            return self._fail(MESSAGES["error"].format(detail=_detail(e)), t0)
        finally:
            timer.cancel()
            cur.close()
        truncated = len(df) > self.max_rows
        if truncated:
            df = df.iloc[: self.max_rows].reset_index(drop=True)
        return LabResult(df, None, truncated, time.perf_counter() - t0, len(df))

    def close(self) -> None:
        self._con.close()

    @staticmethod
    def _fail(message: str, t0: float) -> LabResult:
        return LabResult(None, message, False, time.perf_counter() - t0, 0)

    # ------------------------------------------------------------------ the statement check

    def _check(self, cur: duckdb.DuckDBPyConnection, sql: str) -> None:
        if not isinstance(sql, str) or not sql.strip():
            raise _Refused(MESSAGES["empty"])
        if len(sql) > MAX_SQL_CHARS:
            raise _Refused(MESSAGES["too_long"].format(n=MAX_SQL_CHARS))
        try:
            statements = cur.extract_statements(sql)
        except duckdb.ParserException as e:
            raise _Refused(MESSAGES["syntax"].format(detail=_detail(e))) from None
        if not statements:
            raise _Refused(MESSAGES["empty"])
        if len(statements) > 1:
            raise _Refused(MESSAGES["multi"].format(n=len(statements)))
        try:
            kind = statements[0].type.name
        except ValueError:  # a statement type this duckdb's Python enum does not know (UPDATE EXTENSIONS)
            raise _Refused(MESSAGES["other"].format(kind=_keyword(sql))) from None
        if kind != "SELECT":
            raise _Refused(_statement_message(kind, sql))
        try:
            tree = json.loads(cur.execute("SELECT json_serialize_sql($sql)", {"sql": sql}).fetchall()[0][0])
        except Exception as e:
            raise _Refused(MESSAGES["unchecked"].format(detail=_detail(e))) from None
        if tree.get("error") or len(tree.get("statements", [])) != 1:
            raise _Refused(MESSAGES["unchecked"].format(detail=tree.get("error_message", "")))
        cte_names = {name.lower() for name in _cte_names(tree)}
        self._walk(tree["statements"][0], cte_names)

    def _table_list(self) -> str:
        return ", ".join(self.view_names)

    def _walk(self, node, ctes: set[str]) -> None:
        if isinstance(node, list):
            for x in node:
                self._walk(x, ctes)
            return
        if not isinstance(node, dict):
            return
        if node.get("class") == "FUNCTION" and "function_name" in node:
            self._check_function(node)
        if _is_table_ref(node):
            self._check_ref(node, ctes)
        for value in node.values():
            if isinstance(value, (dict, list)):
                self._walk(value, ctes)

    def _check_function(self, node: dict) -> None:
        name = node["function_name"].lower()
        if node.get("schema") or node.get("catalog"):
            raise _Refused(MESSAGES["qualified"].format(name=".".join(node["qualified_name"]["path"]),
                                                        tables=self._table_list()))
        if name in DYNAMIC_SQL:
            raise _Refused(MESSAGES["dynamic"].format(fn=name))
        if name.startswith(FILE_PREFIXES):
            raise _Refused(MESSAGES["file"].format(fn=name, tables=self._table_list()))
        if name in DENIED_FUNCTIONS or name.startswith(DENIED_PREFIXES):
            raise _Refused(MESSAGES["system"].format(fn=name))

    def _check_ref(self, node: dict, ctes: set[str]) -> None:
        ref = node["type"]
        if ref not in ALLOWED_REF_TYPES:
            raise _Refused(MESSAGES["unchecked"].format(detail=ref))
        if ref == "SHOW_REF" and node.get("table_name"):
            raise _Refused(MESSAGES["show"])
        if ref == "TABLE_FUNCTION":
            fn = node["function"]
            self._check_function(fn)  # the specific message for file and system functions
            name = fn["function_name"].lower()
            allowed = ALLOWED_TABLE_FUNCTIONS | self.table_macros
            if name not in allowed:
                raise _Refused(MESSAGES["table_function"].format(fn=name, allowed=", ".join(sorted(allowed))))
        if ref == "BASE_TABLE":
            name = node["table_name"]
            if node.get("catalog_name") or node.get("schema_name") not in ("", "main"):
                raise _Refused(MESSAGES["qualified"].format(name=".".join(node["qualified_name"]["path"]),
                                                            tables=self._table_list()))
            if name.lower() in ctes or name.lower() in self.view_names:
                return
            if any(c in name for c in "/\\.:*"):  # DuckDB would read this as a file path
                raise _Refused(MESSAGES["file_table"].format(name=name, tables=self._table_list()))
            raise _Refused(MESSAGES["unknown_table"].format(name=name, tables=self._table_list()))


def _is_table_ref(node: dict) -> bool:
    """A FROM-clause item of a serialized statement (expressions have a class, query nodes modifiers)."""
    return "type" in node and "alias" in node and "sample" in node and "class" not in node and "modifiers" not in node


def _cte_names(node) -> list[str]:
    """Every CTE name defined anywhere in a serialized statement."""
    out = []
    if isinstance(node, list):
        for x in node:
            out += _cte_names(x)
    elif isinstance(node, dict):
        cte_map = node.get("cte_map")
        if isinstance(cte_map, dict):
            out += [entry["key"] for entry in cte_map.get("map", [])]
        for value in node.values():
            if isinstance(value, (dict, list)):
                out += _cte_names(value)
    return out


def _keyword(sql: str) -> str:
    """The first word of the statement, for messages."""
    for line in sql.splitlines():
        line = line.split("--", 1)[0].strip()
        if line:
            return line.split()[0].upper().rstrip(";")
    return ""


# DuckDB reports some statements as another type (IMPORT DATABASE as PRAGMA, USE and
# PRAGMA x = y as SET, CHECKPOINT as CALL): the first word picks the clearer message.
_KEYWORD_CATEGORY = {"IMPORT": "export", "EXPORT": "export", "USE": "attach", "INSTALL": "extension",
                     "FORCE": "extension", "LOAD": "extension", "PRAGMA": "pragma", "CHECKPOINT": "write",
                     "COPY": "copy"}


def _statement_message(kind: str, sql: str) -> str:
    word = _keyword(sql)
    category = _KEYWORD_CATEGORY.get(word) or _STATEMENT_CATEGORY.get(kind, "other")
    if kind == "MULTI" and word not in ("PIVOT", "UNPIVOT", "SELECT", "WITH", "FROM"):
        category = "other"
    return MESSAGES[category].format(kind=word or kind)


def explain_model_markdown() -> str:
    """How the SQL lab is protected and what its limits are, for the README."""
    return f"""\
### SQL lab: safety model and limits

The SQL lab runs researchers' own queries on the active data version, in a DuckDB of its
own (in memory, one per data version), never on the dashboard's connection.

- **Read only, one statement.** Exactly one `SELECT` per run (also `WITH … SELECT`,
  `FROM …`, `DESCRIBE`, `SUMMARIZE`, `PIVOT … IN (…)`). Refused, each with its own Dutch
  message: more statements, `INSERT`/`UPDATE`/`DELETE`/`CREATE`/`DROP`/`ALTER`, `COPY`,
  `ATTACH`/`DETACH`/`USE`, `INSTALL`/`LOAD`, `SET`/`RESET`, `PRAGMA`, `EXPORT`/`IMPORT
  DATABASE`, `CALL`, `EXPLAIN`.
- **Only the data.** A query reads the views {", ".join(f"`{t}`" for t in contract.TABLES)},
  its own CTEs, the shared macros of `queries/_definitions.sql` (`sel_placements`, …) and
  the table functions {", ".join(f"`{f}`" for f in sorted(ALLOWED_TABLE_FUNCTIONS))}.
  File readers (`read_csv`, `read_parquet`, `read_text`, `read_json`, `glob`, `sniff_csv`,
  a path in `FROM`), dynamic SQL (`query`, `query_table`), and system functions
  (`getenv`, `current_setting`, `duckdb_*`, `pragma_*`) are refused.
- **Locked engine.** Even a statement that got past the check could not do much: file
  access is limited to the version's own folder (`allowed_directories`,
  `enable_external_access = false`), extensions cannot be installed or loaded, nothing
  spills to disk, and `lock_configuration = true` freezes all of this. The check still
  matters, because DuckDB allows writing into an allowed folder.
- **Limits** (settings): a query stops after `sql_time_limit` seconds (default
  {_default("sql_time_limit"):g} s), returns at most `sql_max_rows` rows (default
  {_default("sql_max_rows"):,}; a cut result says so), and uses at most `sql_memory_limit`
  memory (default {_default("sql_memory_limit")}) and `sql_threads` thread(s) (default
  {_default("sql_threads")}).
- **Not a sandbox.** As DuckDB's own security notes say, fully untrusted SQL needs an
  operating-system sandbox as well: the lab is for signed-in researchers, not the public.
"""


def _default(name: str):
    return next(s.default for s in config.SETTINGS if s.name == name)
