"""Checks of an export against the contract, as DuckDB SQL that returns the offending rows.

Every check yields a `Problem` whose Dutch message names the file, the column, the number of
rows and a few example rows, so that whoever made the export can find and fix them.
The table under check is a DuckDB relation `t` with the contract columns plus `__rij`,
the 1-based data row in the source file (the header is not counted).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, Callable

import duckdb

from . import contract

ERROR, WARNING = "error", "warning"
MIN_DATE = dt.date(2000, 1, 1)
EXAMPLES = 5
ALL_ROWS = 100  # a range violation names every row up to this many


@dataclasses.dataclass
class Problem:
    """One finding about one file: an error blocks the load, a warning does not."""

    file: str
    table: str | None
    column: str | None
    rows_affected: int
    examples: list[dict]
    message_nl: str
    severity: str = ERROR  # "error" | "warning"
    check: str = ""  # short machine name of the check, e.g. "pattern", "duplicate_key"
    detail: str = ""  # technical detail (library messages, parser text), shown behind a "details" toggle

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def __str__(self) -> str:
        return ("FOUT: " if self.is_error else "Waarschuwing: ") + self.message_nl


def has_errors(problems: list[Problem]) -> bool:
    return any(p.is_error for p in problems)


# ---------------------------------------------------------------- Dutch wording

def n_nl(n: int) -> str:
    """A count with Dutch thousands separators: 12.345."""
    return f"{n:,}".replace(",", ".")


def rows_nl(n: int) -> str:
    return f"{n_nl(n)} rij" if n == 1 else f"{n_nl(n)} rijen"


def _value_nl(v: Any) -> str:
    if v is None:
        return "leeg"
    if isinstance(v, (dt.date, dt.datetime)):
        return v.strftime("%d-%m-%Y")
    if isinstance(v, float) and v.is_integer():
        return n_nl(int(v))
    return repr(v) if isinstance(v, str) else str(v)


def examples_nl(examples: list[dict], column: str | None) -> str:
    """'bijvoorbeeld rij 4 ('GM12'), rij 9 ('X')'."""
    if not examples:
        return ""
    parts = []
    for e in examples:
        if "rijen" in e:  # duplicate keys: the key and where it occurs
            key = ", ".join(f"{k}={_value_nl(v)}" for k, v in e.items() if k not in ("rijen", "aantal"))
            parts.append(f"{key} in rij {', '.join(map(str, e['rijen']))}")
        elif "aantal" in e and column in e:  # one example per distinct value
            where = f", eerste in rij {e['rij']}" if e.get("rij") else ""
            parts.append(f"{_value_nl(e[column])} ({rows_nl(e['aantal'])}{where})")
        elif column and column in e and len(e) == 2:
            parts.append(f"rij {e['rij']} ({_value_nl(e[column])})")
        else:
            vals = ", ".join(f"{k}={_value_nl(v)}" for k, v in e.items() if k != "rij")
            parts.append(f"rij {e['rij']} ({vals})")
    return "bijvoorbeeld " + "; ".join(parts)


def message(file: str, column: str | None, n: int, what: str, examples: list[dict] | None = None,
            hint: str = "") -> str:
    """'<file>, kolom 'x': 3 rijen <what>, bijvoorbeeld …. <hint>'."""
    where = f"{file}, kolom '{column}'" if column else file
    ex = examples_nl(examples or [], column)
    text = f"{where}: {rows_nl(n)} {what}" + (f", {ex}" if ex else "") + "."
    return text + (f" {hint}" if hint else "")


# ---------------------------------------------------------------- checks

@dataclasses.dataclass
class _Check:
    name: str
    column: str | None
    cond: str  # SQL boolean over t: true for an offending row
    params: dict
    what: str
    hint: str = ""
    show: tuple[str, ...] = ()  # extra columns in the examples
    all_rows: bool = False  # name every offending row (up to ALL_ROWS), not only the examples


def _date_range_checks(table: contract.Table, upper: dt.date) -> list[_Check]:
    out = []
    for c in table.columns:
        if c.type == contract.D:
            lo, hi = f"min_{c.name}", f"max_{c.name}"
            out.append(_Check(
                "date_range", c.name, f'"{c.name}" < ${lo} OR "{c.name}" > ${hi}', {lo: MIN_DATE, hi: upper},
                f"met een datum buiten het toegestane bereik ({MIN_DATE:%d-%m-%Y} tot en met {upper:%d-%m-%Y})",
                "Controleer of dag en maand niet verwisseld zijn en of het jaartal klopt."))
    return out


def column_checks(table: contract.Table, upper: dt.date) -> list[_Check]:
    """Per-column checks for one contract table, in the order they are reported."""
    checks: list[_Check] = []
    for c in table.columns:
        q = f'"{c.name}"'
        if c.required:
            checks.append(_Check("required", c.name, f"{q} IS NULL", {}, "zonder waarde, terwijl deze kolom verplicht is",
                                 f"({c.nl})"))
        if c.allowed:
            p = f"allowed_{c.name}"
            allowed = ", ".join(map(str, c.allowed))
            checks.append(_Check("allowed", c.name, f"NOT list_contains(${p}, {q})", {p: list(c.allowed)},
                                 "met een waarde die niet is toegestaan", f"Toegestaan: {allowed}."))
        if c.pattern:
            p = f"pattern_{c.name}"
            hint = f"Verwacht patroon {c.pattern}, bijvoorbeeld '{c.example}' ({c.nl.rstrip('.')})."
            checks.append(_Check("pattern", c.name, f"NOT regexp_matches({q}, ${p})", {p: c.pattern},
                                 "met een waarde die niet aan het vaste patroon voldoet", hint))
        if c.minimum is not None or c.maximum is not None:
            lo, hi = f"min_{c.name}", f"max_{c.name}"
            conds, params = [], {}
            if c.minimum is not None:
                conds.append(f"{q} < ${lo}")
                params[lo] = c.minimum
            if c.maximum is not None:
                conds.append(f"{q} > ${hi}")
                params[hi] = c.maximum
            unit = f" {c.unit}" if c.unit else ""
            checks.append(_Check("range", c.name, " OR ".join(conds), params,
                                 f"met een onwaarschijnlijke waarde, buiten het bereik {contract.range_text(c)}{unit}",
                                 "Het bereik staat in het datawoordenboek; controleer eenheid en invoer van deze rijen.",
                                 all_rows=True))
    checks += _date_range_checks(table, upper)
    for start, end in table.date_order:
        checks.append(_Check("date_order", end, f'"{end}" < "{start}"', {},
                             f"waarin '{end}' vóór '{start}' ligt", "Een einddatum kan niet vóór de begindatum liggen.",
                             show=(start,)))
    return checks


def _examples(con: duckdb.DuckDBPyConnection, rel: str, cond: str, params: dict, cols: list[str]) -> list[dict]:
    sel = ", ".join(["__rij"] + [f'"{c}"' for c in cols])
    used = {k: v for k, v in params.items() if f"${k}" in cond}
    rows = con.execute(f"SELECT {sel} FROM {rel} WHERE {cond} ORDER BY __rij LIMIT {EXAMPLES}", used).fetchall()
    return [dict(zip(["rij"] + cols, r)) for r in rows]


def every_row(con: duckdb.DuckDBPyConnection, rel: str, cond: str, params: dict, n: int) -> str:
    """'Alle rijen: 3, 9, 14 en nog 1.204.' — every offending row, up to ALL_ROWS."""
    used = {k: v for k, v in params.items() if f"${k}" in cond}
    rows = [r[0] for r in con.execute(f"SELECT __rij FROM {rel} WHERE {cond} ORDER BY __rij LIMIT {ALL_ROWS}",
                                      used).fetchall()]
    more = f" en nog {n_nl(n - len(rows))}" if n > len(rows) else ""
    return f"Alle rijen: {', '.join(map(str, rows))}{more}."


def check_table(con: duckdb.DuckDBPyConnection, rel: str, table: contract.Table, file: str, upper: dt.date,
                progress: Callable[[float, str], None] | None = None) -> list[Problem]:
    """All single-table checks of relation `rel` (contract columns + __rij) as Problems."""
    checks = column_checks(table, upper)
    problems: list[Problem] = []
    params: dict = {}
    for ch in checks:
        params.update(ch.params)
    # One scan counts every check; examples are fetched only for the checks that fail.
    counts = con.execute(
        "SELECT " + ", ".join(f"count_if(coalesce({ch.cond}, false))" for ch in checks) + f" FROM {rel}", params
    ).fetchall()[0] if checks else ()
    for i, (ch, n) in enumerate(zip(checks, counts)):
        if progress:
            progress(i / max(1, len(checks)), f"controle van {file}")
        if not n:
            continue
        cols = [ch.column, *ch.show] if ch.column else list(ch.show)
        cond = f"coalesce({ch.cond}, false)"
        ex = _examples(con, rel, cond, ch.params, cols)
        msg = message(file, ch.column, int(n), ch.what, ex, ch.hint)
        if ch.all_rows and n > len(ex):
            msg += " " + every_row(con, rel, cond, ch.params, int(n))
        problems.append(Problem(file, table.name, ch.column, int(n), ex, msg, ERROR, ch.name))
    problems += check_duplicates(con, rel, table, file)
    return problems


def check_duplicates(con: duckdb.DuckDBPyConnection, rel: str, table: contract.Table, file: str) -> list[Problem]:
    """Rows whose key (Table.key) occurs more than once."""
    keys = ", ".join(f'"{k}"' for k in table.key)
    notnull = " AND ".join(f'"{k}" IS NOT NULL' for k in table.key)
    # Counting per key spills to disk when it must; row lists are gathered only for the few examples.
    groups = f"""SELECT {keys}, count(*) AS aantal, min(__rij) AS eerste
                 FROM {rel} WHERE {notnull} GROUP BY {keys} HAVING count(*) > 1"""
    con.execute(f"CREATE OR REPLACE TEMP TABLE __dups AS {groups}")
    try:
        n_keys, n_rows = con.execute("SELECT count(*), coalesce(sum(aantal), 0) FROM __dups").fetchall()[0]
        if not n_keys:
            return []
        on = " AND ".join(f'r."{k}" = d."{k}"' for k in table.key)
        dkeys = ", ".join(f'd."{k}"' for k in table.key)
        rows = con.execute(f"""SELECT {dkeys}, d.aantal, list(r.__rij ORDER BY r.__rij)[1:{EXAMPLES}]
                               FROM (SELECT * FROM __dups ORDER BY eerste LIMIT {EXAMPLES}) d JOIN {rel} r ON {on}
                               GROUP BY ALL ORDER BY min(r.__rij)""").fetchall()
    finally:
        con.execute("DROP TABLE IF EXISTS __dups")
    names = [*table.key, "aantal", "rijen"]
    ex = [dict(zip(names, r)) for r in rows]
    key_nl = " + ".join(table.key)
    msg = (f"{file}, sleutel '{key_nl}': {n_nl(n_keys)} {'sleutel komt' if n_keys == 1 else 'sleutels komen'} "
           f"meer dan eens voor ({rows_nl(int(n_rows))}), {examples_nl(ex, None)}. Elke sleutel mag maar één keer voorkomen.")
    return [Problem(file, table.name, ",".join(table.key), int(n_rows), ex, msg, ERROR, "duplicate_key")]


def check_gemeenten(con: duckdb.DuckDBPyConnection, rel: str, table: contract.Table, file: str,
                    regions_rel: str, row_numbers: bool = True) -> list[Problem]:
    """Gemeente codes (that match the pattern) that are not in the regions table, one example per code."""
    if "gemeente_code" not in table.column_names or table.name == "regions":
        return []
    cond = (f"gemeente_code IS NOT NULL AND regexp_matches(gemeente_code, $p) "
            f"AND gemeente_code NOT IN (SELECT gemeente_code FROM {regions_rel} WHERE gemeente_code IS NOT NULL)")
    params = {"p": contract.PATTERNS["gemeente_code"]}
    n, codes = con.execute(f"SELECT count(*), count(DISTINCT gemeente_code) FROM {rel} WHERE {cond}", params).fetchall()[0]
    if not n:
        return []
    rows = con.execute(f"SELECT gemeente_code, count(*), min(__rij) FROM {rel} WHERE {cond} GROUP BY ALL "
                       f"ORDER BY 3 LIMIT {EXAMPLES}", params).fetchall()
    ex = [{"gemeente_code": g, "aantal": k, "rij": r if row_numbers else None} for g, k, r in rows]
    what = ("met een onbekende gemeentecode (" + ("1 code die" if codes == 1 else f"{n_nl(codes)} codes die")
            + " niet in de tabel regions staat" + ("" if codes == 1 else "n") + ")")
    return [Problem(file, table.name, "gemeente_code", int(n), ex,
                    message(file, "gemeente_code", int(n), what, ex,
                            "Lever een regions-tabel mee waarin deze gemeenten staan, of corrigeer de codes."),
                    ERROR, "unknown_gemeente")]
