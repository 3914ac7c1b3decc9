"""Texts of the SQL lab's engine and of sign-in protection (nl, en).

The Dutch texts of the lab's refusals live beside the statement check (`meedoen.query.labcheck.MESSAGES`,
which the worker process uses without Streamlit); here they get their English twins.
"""

from meedoen.query.labcheck import MESSAGES

ENGLISH = {
    "empty": "The query is empty. Write one SELECT query.",
    "multi": "Only one statement can run at a time; this input holds {n}. Remove the statement(s) after the first ';'.",
    "too_long": "The query is too long (more than {n} characters).",
    "write": "Only SELECT queries are allowed (also WITH … SELECT). {kind} changes the database and cannot run "
             "in the SQL lab.",
    "nested_write": "Only reading is allowed: this query holds a {kind} statement inside it (for example in a WITH "
                    "part). That cannot run in the SQL lab.",
    "copy": "COPY is not allowed: the SQL lab reads or writes no files. Download the result with the button below "
            "the table.",
    "attach": "ATTACH, DETACH and USE are not allowed: only this data version's data is available.",
    "extension": "Installing or loading extensions (INSTALL/LOAD) is not allowed.",
    "set": "Changing settings and variables (SET/RESET) is not allowed; the SQL lab's time limit, memory and "
           "threads are fixed.",
    "pragma": "PRAGMA statements are not allowed.",
    "export": "EXPORT DATABASE and IMPORT DATABASE are not allowed.",
    "call": "CALL is not allowed; call allowed table functions in a SELECT … FROM.",
    "explain": "EXPLAIN is not allowed in the SQL lab; only SELECT queries.",
    "pivot": "PIVOT without fixed values is not allowed (it is several statements then). Name the values: "
             "PIVOT … ON column IN ('a', 'b') USING count(*).",
    "other": "Only SELECT queries are allowed (also WITH … SELECT); this statement ({kind}) is not.",
    "file": "Reading files with {fn}() is not allowed; use the tables {tables}.",
    "file_table": "Reading a file as a table ('{name}') is not allowed; use the tables {tables}.",
    "cte_name": "The name '{name}' for a WITH part is not allowed: use letters, digits and '_' (DuckDB reads a name "
                "with '/', '.' or ':' as a file).",
    "dynamic": "Dynamic SQL with {fn}() is not allowed; write the query out yourself.",
    "system": "The function {fn}() is not allowed in the SQL lab (system or settings information).",
    "table_function": "The table function {fn}() is not allowed; allowed are: {allowed}.",
    "qualified": "Names with a schema or catalogue ({name}) are not allowed; use the tables {tables}.",
    "unknown_table": "Unknown table '{name}'. Available are: {tables}.",
    "show": "SHOW is not available; the tables and columns are in the schema view beside the editor.",
    "unchecked": "This query cannot be checked and is therefore not run: {detail}",
    "syntax": "Syntax error in the query. Details from DuckDB: {detail}",
    "timeout": "Query stopped after {limit:g} s (the SQL lab's time limit). Make the query smaller, for example "
               "with a WHERE filter or fewer joins.",
    "memory": "Query stopped: the SQL lab's memory ({limit}) ran out. Make the query smaller, for example with a "
              "WHERE filter or a GROUP BY. Details: {detail}",
    "error": "The query could not be run. Details from DuckDB: {detail}",
    "busy": "The SQL lab is busy: all {n} places are in use. Try again in a few seconds.",
    "crashed": "The SQL lab stopped during this query (for example for lack of memory) and was restarted. Make the "
               "query smaller.",
}
assert set(ENGLISH) == set(MESSAGES), set(ENGLISH) ^ set(MESSAGES)

STRINGS: dict[str, tuple[str, str]] = {f"lab_{k}": (MESSAGES[k], ENGLISH[k]) for k in MESSAGES}
STRINGS.update({
    "lab_truncated_bytes": (
        "Resultaat afgekapt: alleen de eerste {rows} rijen worden getoond en gedownload, omdat het resultaat groter is "
        "dan {mb} MB (de grens van het SQL-lab). Maak de query kleiner met minder kolommen, een WHERE-filter, "
        "GROUP BY of LIMIT.",
        "Result cut off: only the first {rows} rows are shown and downloaded, because the result is larger than {mb} "
        "MB (the SQL lab's limit). Narrow the query with fewer columns, a WHERE filter, GROUP BY or LIMIT."),
    "lab_restricted": (
        "U ziet in het SQL-lab alleen de rijen van uw regio's ({regions}), in elke tabel, weergave en macro.",
        "In the SQL lab you see only the rows of your regions ({regions}), in every table, view and macro."),
    # sign-in protection
    "login_locked": (
        "Te veel mislukte pogingen. Wacht {seconds} seconden en probeer het dan opnieuw.",
        "Too many failed attempts. Wait {seconds} seconds, then try again."),
})

