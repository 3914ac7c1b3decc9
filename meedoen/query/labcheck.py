"""The SQL lab's statement check: accept one statement only when every node of its parse tree reads.

This runs inside the lab's worker process (`meedoen.query.labworker`), on the worker's own DuckDB, so a
statement built to crash the parser takes down a worker, never the dashboard. It imports nothing
but duckdb and the standard library.

The check is the first of several layers (see `meedoen.query.sqllab.explain_model_markdown`): even a
statement that got past it finds an engine with nothing it could write to and no file access.
Refusals carry a message key and its values; the Dutch text is `MESSAGES`, the English text is
in `meedoen.texts.lab` (the dashboard shows the reader's language).
"""

from __future__ import annotations

import json
import re

MAX_SQL_CHARS = 100_000
MAX_TREE_CHARS = 1_000_000  # the serialized parse tree; ordinary queries stay far below it
MAX_SET_OPERATIONS = 500
_SET_OPERATION = re.compile(r"\b(union|except|intersect)\b", re.IGNORECASE)

# Table functions a query may call: generators and the shared table macros (added per lab).
ALLOWED_TABLE_FUNCTIONS = frozenset({"range", "generate_series", "unnest", "json_each", "json_tree"})

# Scalar functions that reveal the environment or the configuration, or write to the log.
DENIED_FUNCTIONS = frozenset({"getenv", "current_setting", "getvariable", "write_log", "set_variable",
                              "current_setting_value"})
# Name prefixes of functions that read files, run SQL or expose the system catalogue.
DENIED_PREFIXES = ("read_", "parquet_", "sniff_", "glob", "query", "json_execute", "duckdb_", "pragma_",
                   "enable_", "disable_", "checkpoint", "force_checkpoint", "arrow_scan", "pandas_scan",
                   "python_", "which_secret", "truncate_duckdb", "iceberg_", "delta_", "sqlite_", "postgres_",
                   "mysql_", "ducklake_", "icu_", "test_", "load_", "install_")
FILE_PREFIXES = ("read_", "parquet_", "sniff_", "glob")
DYNAMIC_SQL = ("query", "query_table", "json_execute_serialized_sql")

# Every kind of node a read-only statement is made of, by the parse tree's "type" (query nodes,
# table references, result modifiers, order terms) and "class" (expressions). A node of any other
# kind (a write nested in a CTE, a COPY, one DuckDB adds later) refuses the whole statement.
READ_QUERY_NODES = frozenset({"SELECT_NODE", "SET_OPERATION_NODE", "RECURSIVE_CTE_NODE", "CTE_NODE"})
ALLOWED_REF_TYPES = frozenset({"BASE_TABLE", "JOIN", "SUBQUERY", "TABLE_FUNCTION", "EXPRESSION_LIST",
                               "EMPTY", "PIVOT", "SHOW_REF"})
ALLOWED_TYPES = READ_QUERY_NODES | ALLOWED_REF_TYPES | frozenset({
    "DISTINCT_MODIFIER", "LIMIT_MODIFIER", "ORDER_MODIFIER", "LIMIT_PERCENT_MODIFIER",
    "ORDER_DEFAULT", "ASCENDING", "DESCENDING"})
ALLOWED_CLASSES = frozenset({
    "BETWEEN", "CASE", "CAST", "COLLATE", "COLUMN_REF", "COMPARISON", "CONJUNCTION", "CONSTANT", "DEFAULT",
    "FUNCTION", "LAMBDA", "LAMBDA_REF", "OPERATOR", "PARAMETER", "POSITIONAL_REFERENCE", "STAR", "SUBQUERY",
    "TYPE", "WINDOW"})
# A CTE name is a plain identifier: a name with '/', '.', ':' … could also be a file to DuckDB.
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

# One Dutch message per refused category.
MESSAGES = {
    "empty": "De query is leeg. Schrijf één SELECT-query.",
    "multi": "Er mag maar één opdracht tegelijk worden uitgevoerd; deze invoer bevat er {n}. "
             "Haal de opdracht(en) na de eerste ';' weg.",
    "too_long": "De query is te lang (meer dan {n} tekens).",
    "write": "Alleen SELECT-query's zijn toegestaan (ook WITH … SELECT). {kind} wijzigt de database "
             "en kan in het SQL-lab niet.",
    "nested_write": "Alleen lezen is toegestaan: deze query bevat binnenin een {kind}-opdracht "
                    "(bijvoorbeeld in een WITH-deel). Die kan in het SQL-lab niet.",
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
    "cte_name": "De naam '{name}' voor een WITH-deel is niet toegestaan: gebruik letters, cijfers en '_' "
                "(een naam met '/', '.' of ':' leest DuckDB als bestand).",
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
    "busy": "Het SQL-lab is bezet: alle {n} plaatsen zijn in gebruik. Probeer het over een paar seconden opnieuw.",
    "crashed": "Het SQL-lab is tijdens deze query gestopt (bijvoorbeeld door te veel geheugen) en is opnieuw "
               "gestart. Maak de query kleiner.",
}

_STATEMENT_CATEGORY = {
    "INSERT": "write", "UPDATE": "write", "DELETE": "write", "CREATE": "write", "DROP": "write",
    "ALTER": "write", "MERGE_INTO": "write", "CREATE_FUNC": "write", "VACUUM": "write", "ANALYZE": "write",
    "TRANSACTION": "write", "PREPARE": "write", "EXECUTE": "write",
    "COPY": "copy", "COPY_DATABASE": "copy", "ATTACH": "attach", "DETACH": "attach",
    "LOAD": "extension", "EXTENSION": "extension", "SET": "set", "VARIABLE_SET": "set",
    "PRAGMA": "pragma", "EXPORT": "export", "CALL": "call", "EXPLAIN": "explain", "MULTI": "pivot",
}


class Refused(Exception):
    """A statement the lab will not run: a message key and its values."""

    def __init__(self, key: str, **args):
        super().__init__(key)
        self.key = key
        self.args_ = args

    def message(self) -> str:
        """The Dutch text (the dashboard translates by key)."""
        return MESSAGES[self.key].format(**self.args_)


def detail(e: BaseException) -> str:
    text = str(e).strip()
    return text if len(text) < 2000 else text[:2000] + " …"


def check(con, sql: str, views: tuple[str, ...], table_macros: frozenset[str]) -> None:
    """Raise Refused unless `sql` is one statement whose every parse-tree node is a read."""
    if not isinstance(sql, str) or not sql.strip():
        raise Refused("empty")
    if len(sql) > MAX_SQL_CHARS:
        raise Refused("too_long", n=MAX_SQL_CHARS)
    if len(_SET_OPERATION.findall(sql)) > MAX_SET_OPERATIONS:  # parsing thousands of them takes seconds
        raise Refused("unchecked", detail=f"meer dan {MAX_SET_OPERATIONS} keer UNION, EXCEPT of INTERSECT")
    try:
        statements = con.extract_statements(sql)
    except Exception as e:  # ParserException, or the parser giving up on a pathological input
        raise Refused("syntax", detail=detail(e)) from None
    if not statements:
        raise Refused("empty")
    if len(statements) > 1:
        raise Refused("multi", n=len(statements))
    try:
        kind = statements[0].type.name
    except ValueError:  # a statement type this duckdb's Python enum does not know (UPDATE EXTENSIONS)
        raise Refused("other", kind=_keyword(sql)) from None
    if kind != "SELECT":
        raise _statement_refusal(kind, sql)
    try:
        text = con.execute("SELECT json_serialize_sql($sql)", {"sql": sql}).fetchall()[0][0]
        if len(text) > MAX_TREE_CHARS:  # thousands of UNIONs: checking alone would take seconds
            raise Refused("unchecked", detail="de query is te groot (te veel onderdelen)")
        tree = json.loads(text)
    except Refused:
        raise
    except Exception as e:  # also RecursionError for absurdly deep trees
        raise Refused("unchecked", detail=detail(e)) from None
    if tree.get("error") or len(tree.get("statements", [])) != 1:
        raise Refused("unchecked", detail=tree.get("error_message", ""))
    try:
        _Walker(views, table_macros).walk(tree["statements"][0], frozenset())
    except RecursionError:
        raise Refused("unchecked", detail="de query is te diep genest") from None


class _Walker:
    def __init__(self, views: tuple[str, ...], table_macros: frozenset[str]):
        self.views = {v.lower() for v in views}
        self.view_list = ", ".join(views)
        self.table_functions = ALLOWED_TABLE_FUNCTIONS | {m.lower() for m in table_macros}

    def walk(self, node, ctes: frozenset[str]) -> None:
        """Check every node; `ctes` are the CTE names in scope (a CTE is visible in its query and below)."""
        if isinstance(node, list):
            for x in node:
                self.walk(x, ctes)
            return
        if not isinstance(node, dict):
            return
        if "info_type" in node:  # the payload of COPY, CREATE, ATTACH … statements
            raise Refused("nested_write", kind=str(node["info_type"]).removesuffix("_INFO"))
        cte_map = node.get("cte_map")
        if isinstance(cte_map, dict):
            names = [entry["key"] for entry in cte_map.get("map", [])]
            for name in names:
                if not _IDENTIFIER.match(str(name)):
                    raise Refused("cte_name", name=name)
            ctes = ctes | {str(n).lower() for n in names}
        if "class" in node:
            if node["class"] not in ALLOWED_CLASSES:
                raise Refused("unchecked", detail=f"{node['class']}")
            if node["class"] == "FUNCTION":
                self._function(node)
        elif isinstance(node.get("type"), str):
            kind = node["type"]
            if kind.endswith("_NODE") and kind not in READ_QUERY_NODES:
                raise Refused("nested_write", kind=kind.removesuffix("_QUERY_NODE").removesuffix("_NODE"))
            if kind not in ALLOWED_TYPES:
                raise Refused("unchecked", detail=kind)
            if kind in ALLOWED_REF_TYPES and "alias" in node:
                self._ref(node, ctes)
        for value in node.values():
            if isinstance(value, (dict, list)):
                self.walk(value, ctes)

    def _function(self, node: dict) -> None:
        name = str(node.get("function_name", "")).lower()
        if node.get("schema") or node.get("catalog"):
            raise Refused("qualified", name=".".join(node.get("qualified_name", {}).get("path", [name])),
                          tables=self.view_list)
        if name in DYNAMIC_SQL:
            raise Refused("dynamic", fn=name)
        if name.startswith(FILE_PREFIXES):
            raise Refused("file", fn=name, tables=self.view_list)
        if name in DENIED_FUNCTIONS or name.startswith(DENIED_PREFIXES):
            raise Refused("system", fn=name)

    def _ref(self, node: dict, ctes: frozenset[str]) -> None:
        ref = node["type"]
        if ref == "SHOW_REF" and node.get("table_name"):
            if not _IDENTIFIER.match(node["table_name"]):
                raise Refused("file_table", name=node["table_name"], tables=self.view_list)
            raise Refused("show")
        if ref == "TABLE_FUNCTION":
            fn = node["function"]
            if fn.get("class") != "FUNCTION":
                raise Refused("unchecked", detail=str(fn.get("class")))
            self._function(fn)  # the specific message for file and system functions
            name = fn["function_name"].lower()
            if name not in self.table_functions:
                raise Refused("table_function", fn=name, allowed=", ".join(sorted(self.table_functions)))
        if ref == "BASE_TABLE":
            name = node["table_name"]
            path = ".".join(node.get("qualified_name", {}).get("path", [name]))
            if node.get("catalog_name") or node.get("schema_name") or node.get("at_clause"):
                raise Refused("qualified", name=path, tables=self.view_list)
            if not _IDENTIFIER.match(name):  # DuckDB would read this as a file path
                raise Refused("file_table", name=name, tables=self.view_list)
            if name.lower() in ctes or name.lower() in self.views:
                return
            raise Refused("unknown_table", name=name, tables=self.view_list)


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


def _statement_refusal(kind: str, sql: str) -> Refused:
    word = _keyword(sql)
    category = _KEYWORD_CATEGORY.get(word) or _STATEMENT_CATEGORY.get(kind, "other")
    if kind == "MULTI" and word not in ("PIVOT", "UNPIVOT", "SELECT", "WITH", "FROM"):
        category = "other"
    return Refused(category, kind=word or kind)
