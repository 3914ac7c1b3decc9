"""The Onderzoek pages' logic: the SQL lab session (lab per version, history, downloads, named-query
parameters) and the data dictionary (contract plus table statistics). Pages stay thin.

The data dictionary's numbers come from the named query `queries/table_stats.sql`. That file is
generated from the contract (`python -m meedoen.ui.research --table-stats > queries/table_stats.sql`)
and a test checks it is current, so the SQL is fixed text in the repository: no SQL is built at
run time, and no user input ever reaches it (it has no parameters; the only identifiers in it are
contract table and column names, checked against `_IDENT` when generating).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
import sys
from pathlib import Path

import pandas as pd
import streamlit as st

from .. import config, contract, export, versions
from ..query import data
from ..i18n import STRINGS, fmt_date, fmt_int, fmt_num, fmt_pct, lang, t
from ..query.db import queries
from ..query.sqllab import LabResult, SqlLab

HISTORY_MAX = 20

# ------------------------------------------------------------------ access


def lab_refusal(can_sql_lab: bool, audience: str, role: str | None, login_required: bool) -> str | None:
    """Why the SQL lab may not be shown (Dutch/English text), or None when it may.

    Person-level rows must reach neither a public screen nor a viewer: audience first, then role.
    """
    if audience != "intern":
        return t("rs_denied_audience")
    if not can_sql_lab:
        if role is None and login_required:
            return t("rs_denied_login")
        return t("rs_denied_role", role=role or "–")
    return None


# ------------------------------------------------------------------ the lab


@st.cache_resource(max_entries=8, show_spinner=False)
def _lab(version_id: str, path: str, time_limit: float, max_rows: int, max_result_mb: float,
         regions: tuple[str, ...] | None) -> SqlLab:
    v = versions.Version(version_id, Path(path), versions._manifest(Path(path)))
    return SqlLab(v, time_limit=time_limit, max_rows=max_rows, max_result_mb=max_result_mb,
                  regions=frozenset(regions) if regions is not None else None)


def lab(v: versions.Version, regions: set[str] | None = None) -> SqlLab:
    """The lab of a data version for a user restricted to `regions` (None = all), shared by every
    session with the same restriction (limits from the settings)."""
    return _lab(v.id, str(v.path), float(config.get("sql_time_limit")), int(config.get("sql_max_rows")),
                float(config.get("sql_max_result_mb")), tuple(sorted(regions)) if regions is not None else None)


def example_sql(year: int) -> str:
    """A first query that shows the tables, a join and a macro-free aggregate."""
    return (f"-- Plaatsingen per gemeente en soort werk in {year}\n"
            "SELECT r.gemeente_name, p.work_kind, count(*) AS plaatsingen\n"
            "FROM placements p\n"
            "JOIN regions r USING (gemeente_code)\n"
            f"WHERE p.placement_date BETWEEN DATE '{year}-01-01' AND DATE '{year}-12-31'\n"
            "GROUP BY ALL\n"
            "ORDER BY plaatsingen DESC")


def fmt_seconds(seconds: float) -> str:
    """Run time for people: '0,04 s', '3,2 s' (language-aware separators)."""
    return fmt_num(seconds, 2 if seconds < 10 else 1) + " s"


def summary(result: LabResult) -> str:
    return t("rs_summary", rows=fmt_int(result.row_count), seconds=fmt_seconds(result.elapsed))


@dataclasses.dataclass(frozen=True)
class HistoryEntry:
    sql: str
    at: dt.datetime
    ok: bool
    rows: int
    elapsed: float

    def label(self) -> str:
        """The first line of the query that is not a comment, shortened."""
        lines = [ln.strip() for ln in self.sql.splitlines() if ln.strip() and not ln.strip().startswith("--")]
        first = " ".join(lines)[:70] if lines else self.sql.strip()[:70]
        return first + ("…" if len(" ".join(lines)) > 70 else "")

    def caption(self) -> str:
        at = self.at.strftime("%H:%M:%S")
        if not self.ok:
            return t("rs_history_error", at=at)
        return t("rs_history_ok", at=at, rows=fmt_int(self.rows), seconds=fmt_seconds(self.elapsed))


def add_history(history: list[HistoryEntry], sql: str, result: LabResult,
                now: dt.datetime | None = None, limit: int = HISTORY_MAX) -> list[HistoryEntry]:
    """A new history list: this run first, at most `limit` entries."""
    entry = HistoryEntry(sql, now or dt.datetime.now(), result.error is None, result.row_count, result.elapsed)
    return [entry, *history][:limit]


# ------------------------------------------------------------------ downloads


@dataclasses.dataclass(frozen=True)
class Download:
    label_key: str
    file_name: str
    mime: str
    make: object  # () -> bytes; called only when the button is pressed


def downloads(df: pd.DataFrame, stem: str) -> list[Download]:
    """CSV, Parquet and Excel of a result; the files are made only when asked for."""
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", stem).strip("_") or "resultaat"
    lg = lang()  # the page's language, known in the script thread only
    return [
        Download("rs_download_csv", f"{stem}.csv", "text/csv", lambda: export.csv_bytes(df, lang=lg)),
        Download("rs_download_parquet", f"{stem}.parquet", "application/vnd.apache.parquet",
                 lambda: export.parquet_bytes(df)),
        Download("rs_download_excel", f"{stem}.xlsx",
                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", lambda: export.excel_bytes(df)),
    ]


# ------------------------------------------------------------------ named queries: parameters

def fixed_path(param) -> str:
    """The file a path parameter reads: its declared default, inside the app's own folder."""
    return str(config.ROOT / param.default)


def param_kind(param) -> str:
    """'fixed', 'path' (a path with no file of its own: not runnable), 'date', 'int', 'float', 'choice' or 'text'.

    Paths are set by the app and never typed in: a path parameter reaches read_csv() on the
    dashboard's own (not hardened) connection, so a free path would read any file on the server."""
    if param.type == "path":
        return "fixed" if param.default else "path"
    if param.type == "date":
        return "date"
    if param.type in ("int", "number"):
        return "int" if param.type == "int" else "float"
    if param.choices:
        return "choice"
    return "text"


def param_defaults(q, filter_params: dict, peildatum: dt.date | None) -> dict:
    """Prefilled values for a named query's parameters: the global filters, else the declared default."""
    end = filter_params.get("end")
    region = filter_params.get("region")
    derived = {
        "from": filter_params.get("start"),
        "on_date": end,
        "peildatum": peildatum or end,
        "gemeente": region if region and region.startswith("GM") else None,
    }
    out = {}
    for p in q.declared:
        if p.name in filter_params:
            out[p.name] = filter_params[p.name]
        elif p.name in derived:
            out[p.name] = derived[p.name]
        elif p.type == "path":
            out[p.name] = fixed_path(p) if p.default else None
        else:
            out[p.name] = p.default
    return {n: out[n] for n in q.params}


def coerce(param, value):
    """The bound value of a form field: text is stripped and empty text is NULL; a path is the app's own."""
    kind = param_kind(param)
    if kind == "fixed":
        return fixed_path(param)
    if kind == "path":
        raise ValueError("een bestandspad wordt nooit als invoer geaccepteerd")
    if kind == "text":
        value = (value or "").strip()
        return value or None
    return value


def query_text(q, kind: str = "q") -> str:
    """What a named query is (kind 'q') or returns ('qr') in the reader's language (meedoen/texts/queries.py);
    the English is its SQL header."""
    key = f"{kind}_{q.name}"
    if key in STRINGS:
        return t(key)
    return q.description if kind == "q" else q.returns


def params_note(q) -> str:
    """The declared parameters of a named query (its `-- params:` header), as one line; notes in the
    reader's language."""
    notes = {en: key for key, (_, en) in STRINGS.items() if key.startswith("qn_")}
    return "; ".join(str(dataclasses.replace(p, note=t(notes[p.note]) if p.note in notes else p.note))
                     for p in q.declared)


def defaults_key(defaults: dict) -> str:
    """A short stable fingerprint, so the form refills when the sidebar filters change."""
    return hashlib.sha1(repr(sorted(defaults.items())).encode()).hexdigest()[:8]


def run_named(name: str, scope: data.Scope, params: dict) -> data.Result:
    """Run a named query the way charts do (cache, the run's audience); any failure becomes Result.error."""
    try:
        q = queries()[name]
        bound = {k: coerce(q.param(k), val) for k, val in params.items()}
        return data.run(name, scope, **bound)
    except Exception as e:  # a bad value must not take the page down
        v = scope.version
        return data.Result(name, pd.DataFrame(), params, v.id if v else "", error=str(e).splitlines()[0][:300])


# ------------------------------------------------------------------ page building blocks (Streamlit)


def refused_result(message: str) -> LabResult:
    """A result for a statement the lab's check refused (it is not run)."""
    return LabResult(None, message, False, 0.0, 0)


def load_sql(sql: str) -> None:
    """Put a query into the editor (a callback: it runs before the text area is drawn)."""
    st.session_state["rs_sql"] = sql


EDITOR_CSS = "<style>.st-key-rs_sql textarea { font-family: 'Source Code Pro', monospace; font-size: 0.9rem; }</style>"


def show_downloads(df: pd.DataFrame, stem: str, key: str) -> None:
    row = st.container(horizontal=True)
    for d in downloads(df, stem):
        row.download_button(t(d.label_key), d.make, file_name=d.file_name, mime=d.mime, key=f"{key}-{d.file_name}",
                            icon=":material/download:", on_click="ignore")


def show_lab_result(sql: str, result: LabResult, refused: bool, max_rows: int, max_mb: float = 50) -> None:
    """The last run: Dutch message for a refusal or failure, else the rows with count, time and downloads."""
    if result.error:
        if refused:
            st.warning(t("rs_refused", message=result.error), icon=":material/block:")
        else:
            st.error(t("rs_failed", message=result.error), icon=":material/error:")
        return
    st.caption(summary(result))
    if result.truncated and result.cut == "bytes":
        st.warning(t("lab_truncated_bytes", rows=fmt_int(result.row_count), mb=fmt_num(max_mb, 0)),
                   icon=":material/content_cut:")
    elif result.truncated:
        st.warning(t("rs_truncated", rows=fmt_int(max_rows)), icon=":material/content_cut:")
    if result.df is None or result.df.empty:
        st.info(t("rs_no_rows"))
        return
    st.dataframe(result.df, hide_index=True, width="stretch")
    show_downloads(result.df, "sql_lab", key="rs-dl")


def show_tables(tables: dict[str, list[tuple[str, str]]]) -> None:
    """The schema browser: each view with its columns and DuckDB types."""
    st.markdown(f"**{t('rs_tables')}**", help=t("rs_tables_help"))
    for name, cols in tables.items():
        with st.expander(f"`{name}`"):
            st.table(pd.DataFrame([(c, typ.lower()) for c, typ in cols]), hide_index=True, hide_header=True,
                     border="horizontal")


def show_history(history: list[HistoryEntry]) -> None:
    """This session's last runs, newest first; a click puts a query back into the editor."""
    st.markdown(f"**{t('rs_history')}**")
    if not history:
        st.caption(t("rs_history_empty"))
        return
    for i, h in enumerate(history):
        # As inline code: SQL's * and _ would otherwise be read as Markdown emphasis.
        st.button("`" + h.label().replace("`", "'") + "`", key=f"rs_hist_{i}", on_click=load_sql, args=(h.sql,),
                  type="tertiary", icon=":material/check_circle:" if h.ok else ":material/error:", help=t("rs_history_load"))
        st.caption(h.caption())


def named_query_form(q, c) -> tuple[dict, bool]:
    """A named query's description, SQL and parameter fields (prefilled from the sidebar filters).

    Returns the values entered and whether the query may run (never with a free path parameter).
    """
    st.markdown(f"**`queries/{q.name}.sql`** — {_md(query_text(q))}")
    st.markdown(f"**{t('rs_named_returns')}:** {_md(query_text(q, 'qr'))}")
    if params_note(q):
        st.markdown(f"**{t('rs_named_params')}:** {_md(params_note(q))}")
    with st.expander("SQL"):
        st.code(q.sql, language="sql", height=320)
    if not q.params:
        st.caption(t("rs_named_no_params"))
        return {}, True
    defaults = param_defaults(q, c.params() if c.filters else {}, data.peildatum(c.version))
    sig = defaults_key(defaults)
    st.caption(t("rs_named_empty_null"))
    values, runnable = {}, True
    cols = st.columns(3)
    for i, p in enumerate(q.params):
        decl = q.param(p)
        kind, key, box = param_kind(decl), f"rs_p_{q.name}_{p}_{sig}", cols[i % 3]
        label = f"${p}"
        if kind == "fixed":
            box.text_input(label, fixed_path(decl), key=key, disabled=True, help=t("rs_named_fixed"))
            values[p] = fixed_path(decl)
        elif kind == "path":
            box.error(t("rs_named_bad_param", param=p, error=coerce_error(decl)))
            runnable = False
        elif kind == "date":
            values[p] = box.date_input(label, defaults[p], key=key, format="DD-MM-YYYY",
                                       min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31))
        elif kind in ("int", "float"):
            step = 1 if kind == "int" else 0.01
            values[p] = box.number_input(label, value=defaults[p], step=step, key=key)
        elif kind == "choice":
            opts = list(decl.choices)
            values[p] = box.selectbox(label, opts, index=opts.index(defaults[p]) if defaults[p] in opts else 0, key=key)
        else:
            values[p] = box.text_input(label, defaults[p] or "", key=key)
    return values, runnable


def _md(text: str) -> str:
    """Header text as Markdown: a `$` must not start a formula."""
    return text.replace("$", "\\$")


def coerce_error(param) -> str:
    try:
        coerce(param, None)
    except ValueError as e:
        return str(e)
    return ""


def show_named_result(result: data.Result) -> None:
    if result.error:
        st.warning(t("rs_named_failed", name=result.name, error=result.error), icon=":material/error:")
        return
    st.markdown(f"**{t('rs_named_result', name=result.name)}** · " + t("rows", n=fmt_int(len(result.df))))
    st.dataframe(result.df, hide_index=True, width="stretch")
    show_downloads(result.df, result.name, key="rs-named-dl")


# ------------------------------------------------------------------ data dictionary

_IDENT = re.compile(r"^[a-z_][a-z0-9_]*$")
_DATE = "date32[day]"


def table_stats_sql() -> str:
    """The text of queries/table_stats.sql, generated from the contract (one scan per table).

    Rows about persons (tables with a person key) are counted with their cell keys, so the publiek
    audience gets them perturbed and small ones withheld, as every other count of people."""
    lines = [
        "-- table_stats: per table and column of the export contract, the rows of the table, the filled values of the "
        "column and, for date columns, the first and last date.",
        "-- returns: table_name, column_name, person_level (the table has a person key), n_rows, filled (rows and "
        "non-NULL values of a table without person key; else NULL), person_rows, person_filled (the same for a table "
        "with a person key: counts with cell keys), min_date, max_date (date columns only, else NULL); in contract order",
        "-- params: none",
        "-- protect: counts=person_rows,person_filled",
        "-- aggregates: none (counts every column of every table once, for the data dictionary)",
        "-- Generated from meedoen/contract.py: python -m meedoen.ui.research --table-stats > queries/table_stats.sql "
        "(a test checks it is current).",
        "-- Each table is scanned once, in a one-row CTE holding every aggregate; the SELECTs below only unfold it.",
        "-- Placements are read from placements_m, which holds each person's record key (rk); pilots and proeftuinen",
        "-- compute it with the record_key macro.",
        "WITH",
    ]
    ctes, rows = [], []
    pos = 0
    for tb in contract.TABLES.values():
        assert _IDENT.match(tb.name), tb.name
        person = "person_key" in tb.column_names
        src = tb.name
        if person:
            src = "placements_m" if tb.name == "placements" else f"(SELECT *, record_key(person_key) AS rk FROM {tb.name})"
        aggs = ["count(*) AS n_rows"] + (["ck(sum(rk)) AS k_rows"] if person else [])
        for i, c in enumerate(tb.columns):
            assert _IDENT.match(c.name), c.name
            aggs.append(f'count("{c.name}") AS f{i}')
            if person:
                aggs.append(f'ck(sum(rk) FILTER (WHERE "{c.name}" IS NOT NULL)) AS k{i}')
            if str(c.type) == _DATE:
                aggs += [f'min("{c.name}") AS lo{i}', f'max("{c.name}") AS hi{i}']
            lo, hi = (f"lo{i}", f"hi{i}") if str(c.type) == _DATE else ("NULL::DATE", "NULL::DATE")
            pos += 1
            if person:
                counts = (f"true AS person_level, NULL::BIGINT AS n_rows, NULL::BIGINT AS filled, n_rows AS person_rows, "
                          f"f{i} AS person_filled, k_rows AS person_rows__ck, k{i} AS person_filled__ck")
            else:
                counts = (f"false AS person_level, n_rows, f{i} AS filled, NULL::BIGINT AS person_rows, "
                          f"NULL::BIGINT AS person_filled, NULL::UBIGINT AS person_rows__ck, "
                          f"NULL::UBIGINT AS person_filled__ck")
            rows.append(f"SELECT {pos} AS pos, '{tb.name}' AS table_name, '{c.name}' AS column_name, {counts}, "
                        f"{lo} AS min_date, {hi} AS max_date FROM s_{tb.name}")
        ctes.append(f"s_{tb.name} AS MATERIALIZED (\n    SELECT " + ",\n           ".join(aggs)
                    + f"\n    FROM {src}\n)")
    lines.append(",\n".join(ctes))
    lines.append("SELECT table_name, column_name, person_level, n_rows, filled, person_rows, person_filled, "
                 "person_rows__ck, person_filled__ck, min_date, max_date FROM (")
    lines.append("\nUNION ALL\n".join(rows))
    lines.append(")\nORDER BY pos;")
    return "\n".join(lines) + "\n"


def _type_label(c: contract.Column) -> str:
    return t(f"dd_type_{c.type}")


def _allowed(c: contract.Column) -> str:
    parts = []
    if c.allowed:
        parts.append(", ".join(map(str, c.allowed)))
    elif c.pattern:
        parts.append(t("dd_pattern", pattern=c.pattern))
    def num(x: float) -> str:
        if float(x).is_integer() and abs(x) < 10_000:  # years and small counts without a thousands separator
            return f"{x:.0f}"
        return fmt_num(x, 0 if float(x).is_integer() else 2)

    if c.minimum is not None and c.maximum is not None:  # the plausible range a load enforces
        parts.append(f"{num(c.minimum)} – {num(c.maximum)}")
    elif c.minimum is not None:
        parts.append(t("dd_minimum", minimum=num(c.minimum)))
    return "; ".join(parts)


def _example(c: contract.Column) -> str:
    if isinstance(c.example, bool):
        return _yes(c.example)
    if isinstance(c.example, float):
        return fmt_num(c.example, 1)
    if isinstance(c.example, int) and abs(c.example) >= 10_000:  # a count, not a year
        return fmt_int(c.example)
    return str(c.example)


def _yes(b: bool) -> str:
    return t("dd_yes") if b else t("dd_no")


def _date(x) -> str:
    return "–" if x is None or pd.isna(x) else fmt_date(pd.Timestamp(x).date())


def _counts(stats: pd.DataFrame, table: str) -> pd.DataFrame:
    """A table's rows of table_stats, with its counts in `rows` and `filled` whichever kind of table it is,
    and their marks (`rows_mark`, `filled_mark`: '<5' or 'x' when withheld for the audience, else '')."""
    d = stats[stats["table_name"] == table].copy()
    if d.empty:
        return d
    person = bool(d["person_level"].iloc[0])
    src_rows, src_filled = ("person_rows", "person_filled") if person else ("n_rows", "filled")
    d["rows"], d["filled_n"] = d[src_rows], d[src_filled]
    for col, out in ((src_rows, "rows_mark"), (src_filled, "filled_mark")):
        d[out] = [count_mark(r, col) for _, r in d.iterrows()]
    return d


def count_mark(row, col: str) -> str:
    """'' for a count shown; '<k' or 'x' when the audience's protection withholds it."""
    if not bool(row.get(col + "__suppressed", False)):
        return ""
    return f"<{int(config.get('suppress_k'))}" if bool(row.get(col + "__small", False)) else "x"


def table_rows(stats: pd.DataFrame | None, table: str) -> int | str | None:
    """Rows of a table according to table_stats ('<5' or 'x' when withheld), or None when unknown."""
    if stats is None or stats.empty:
        return None
    d = _counts(stats, table)
    if d.empty:
        return None
    if d["rows_mark"].iloc[0]:
        return d["rows_mark"].iloc[0]
    return None if pd.isna(d["rows"].iloc[0]) else int(d["rows"].iloc[0])


def overview(stats: pd.DataFrame | None) -> pd.DataFrame:
    """One row per contract table: name, description, rows, key, person level, required, date range."""
    out = []
    for tb in contract.TABLES.values():
        n = table_rows(stats, tb.name)
        span = ""
        if stats is not None and not stats.empty:
            d = stats[(stats["table_name"] == tb.name) & stats["min_date"].notna()]
            if len(d):
                span = f"{_date(d['min_date'].min())} – {_date(d['max_date'].max())}"
        out.append({
            t("dd_table"): tb.name,
            t("dd_description"): tb.nl if lang() == "nl" else tb.en,
            t("dd_rows"): "–" if n is None else n if isinstance(n, str) else fmt_int(n),
            t("dd_key"): ", ".join(tb.key),
            t("dd_person_level"): _yes(tb.person_level),
            t("dd_required_table"): _yes(tb.name in contract.REQUIRED_TABLES),
            t("dd_dates"): span or "–",
        })
    return pd.DataFrame(out)


def columns(tb: contract.Table, stats: pd.DataFrame | None) -> pd.DataFrame:
    """One row per column of a contract table, with filled share and date range from the data."""
    s = _counts(stats, tb.name).set_index("column_name") if stats is not None and not stats.empty else None
    out = []
    for c in tb.columns:
        row = {
            t("dd_column"): c.name,
            t("dd_type"): _type_label(c),
            t("dd_required"): _yes(c.required),
            t("dd_is_key"): _yes(c.name in tb.key),
            t("dd_meaning"): c.nl if lang() == "nl" else c.en,
            t("dd_allowed"): _allowed(c),
            t("dd_unit"): c.unit,
            t("dd_example"): _example(c),
        }
        if s is not None and c.name in s.index:
            r = s.loc[c.name]
            # Publiek: the share from the perturbed counts; a withheld count keeps its mark, and its dates.
            withheld = r["rows_mark"] or r["filled_mark"]
            n = 0 if withheld or pd.isna(r["rows"]) else int(r["rows"])
            row[t("dd_filled")] = r["filled_mark"] or r["rows_mark"] or (fmt_pct(float(r["filled_n"]) / n) if n else "–")
            row[t("dd_dates")] = ((withheld or f"{_date(r['min_date'])} – {_date(r['max_date'])}")
                                  if str(c.type) == _DATE else "")
        out.append(row)
    return pd.DataFrame(out)


if __name__ == "__main__":
    if "--table-stats" in sys.argv:
        sys.stdout.write(table_stats_sql())
