"""Loading new exports safely: read, convert to the contract, validate, then switch atomically.

    python -m meedoen.ingest FILE [FILE ...] [--table NAME] [--data-dir DIR] [--peildatum YYYY-MM-DD]
    python -m meedoen.ingest --list
    python -m meedoen.ingest --activate ID

Accepted files: parquet (a file or a folder of parquet files), CSV (comma, semicolon or tab
separated; UTF-8 or Windows-1252; decimal comma or point; dates ISO or dd-mm-yyyy) and Excel
(.xlsx: the sheet named after the table, else the first sheet).

Nothing becomes visible until every table of the new version validates: the version is written
into a hidden folder, checked, and only then published and activated in one `os.replace`.
On any error the folder is removed and ACTIVE is untouched.

Columns outside the contract are a warning, not an error: they are dropped, because the
dashboard reads only the contract columns (exports often carry extra fields).
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import datetime as dt
import io
import json
import os
import re
import shutil
import sys
import tempfile
import threading
import uuid
from pathlib import Path
from typing import Callable, Iterable

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.csv as pcsv
import pyarrow.parquet as pq

from . import config, contract, versions
from .validate import ERROR, WARNING, Problem, has_errors, n_nl, rows_nl
from . import validate

__all__ = ["Problem", "LoadResult", "ExportError", "read_export", "validate_file", "load_exports", "rollback",
           "detect_table", "list_versions", "main"]

Progress = Callable[[float, str], None]
CSV_BLOCK = 4 << 20  # bytes per CSV block: progress and bounded parser memory
BATCH_ROWS = 64_000  # rows per parquet batch read or written
RAW_GROUP = 128_000  # rows per row group of the intermediate files
OUT_GROUP = 256_000  # rows per row group of a version's table files
LOAD_MEMORY = "600MB"  # DuckDB's memory limit during a load; beyond it, it spills to the work folder
NULLS = ["", "NA", "N/A", "#N/A", "NULL", "null"]
ROW = "__rij"


class ExportError(Exception):
    """A file that cannot be read or converted; `problems` says why, in Dutch."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(p.message_nl for p in problems))
        self.problems = problems


@dataclasses.dataclass
class LoadResult:
    ok: bool
    version_id: str | None
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


def _noop(fraction: float, message: str) -> None:
    pass


def _sub(progress: Progress, lo: float, hi: float) -> Progress:
    """A progress callback that maps 0..1 onto lo..hi of the parent."""
    return lambda f, m: progress(lo + (hi - lo) * min(1.0, max(0.0, f)), m)


def _err(file: str, table: str | None, message: str, check: str, column: str | None = None,
         rows: int = 0, severity: str = ERROR, detail: str = "") -> Problem:
    return Problem(file, table, column, rows, [], message, severity, check, detail)


# ---------------------------------------------------------------- reading raw files
# A file is read in blocks (CSV blocks, Excel row chunks, parquet record batches) and each block is
# written at once to a raw parquet file in a work folder, with its 1-based data row number (__rij).
# Conversion and checks then run in DuckDB over that file with a memory limit and a spill folder,
# so the memory a load needs does not grow with the size of the file.

def _size(path: Path) -> int:
    if path.is_dir():
        return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    return path.stat().st_size


def _kind(path: Path) -> str | None:
    if path.is_dir():
        return "parquet"
    suffix = path.suffix.lower()
    return {".parquet": "parquet", ".pq": "parquet", ".csv": "csv", ".txt": "csv", ".tsv": "csv",
            ".xlsx": "excel", ".xlsm": "excel"}.get(suffix)


def _sniff_csv(path: Path) -> tuple[str, str, list[str]]:
    """(encoding, delimiter, header names) from the start of a CSV file."""
    with open(path, "rb") as f:
        sample = f.read(1 << 16)
    try:
        # A multi-byte character may be cut at the end of the sample: ignore only that.
        text = sample.decode("utf-8-sig")
        encoding = "utf-8"
    except UnicodeDecodeError as e:
        if e.start >= len(sample) - 3:
            text, encoding = sample[: e.start].decode("utf-8-sig"), "utf-8"
        else:
            text, encoding = sample.decode("cp1252", errors="replace"), "cp1252"
    first = text.splitlines()[0] if text.strip() else ""
    counts = {d: first.count(d) for d in (";", ",", "\t", "|")}
    delimiter = max(counts, key=counts.get) if max(counts.values()) else ","
    header = next(csv.reader([first], delimiter=delimiter)) if first else []
    return encoding, delimiter, header


class _RawWriter:
    """Writes blocks of raw columns c0..cN plus __rij to one parquet file, numbering the rows."""

    def __init__(self, path: Path):
        self.path = path
        self.rows = 0
        self.schema: pa.Schema | None = None
        self._w: pq.ParquetWriter | None = None

    def reset(self) -> None:
        if self._w is not None:
            self._w.close()
        self.__init__(self.path)

    def write(self, batch: pa.RecordBatch) -> None:
        arrays = list(batch.columns) + [pa.array(np.arange(self.rows + 1, self.rows + batch.num_rows + 1, dtype=np.int64))]
        names = [f"c{i}" for i in range(batch.num_columns)] + [ROW]
        rb = pa.RecordBatch.from_arrays(arrays, names=names)
        if self._w is None:
            self.schema = rb.schema
            self._w = pq.ParquetWriter(str(self.path), self.schema)
        elif rb.schema != self.schema:
            rb = rb.cast(self.schema)
        self._w.write_batch(rb, row_group_size=RAW_GROUP)
        self.rows += batch.num_rows

    def close(self, names: list[str], types: list[pa.DataType] | None = None) -> None:
        if self._w is None:  # no rows: an empty file with the right columns
            types = types or [pa.string()] * len(names)
            self.schema = pa.schema([pa.field(f"c{i}", t) for i, t in enumerate(types)] + [pa.field(ROW, pa.int64())])
            self._w = pq.ParquetWriter(str(self.path), self.schema)
        self._w.close()


class _BadRows(Exception):
    """CSV rows that cannot be parsed: (data row, text) pairs."""

    def __init__(self, rows: list[tuple[int | None, str, str]]):
        super().__init__(f"{len(rows)} bad rows")
        self.rows = rows


def _read_csv(path: Path, progress: Progress, table_hint: str | None, out: _RawWriter) -> list[str]:
    encoding, delimiter, header = _sniff_csv(path)
    names = list(header)
    if not names:
        return []
    size = max(1, path.stat().st_size)

    def read(enc: str) -> None:
        bad: list[tuple[int | None, str, str]] = []

        def invalid(row) -> str:
            # The line number counts the header line: data row = line - 1.
            bad.append((row.number - 1 if row.number else None, row.text[:120],
                        f"{row.actual_columns} in plaats van {row.expected_columns}"))
            return "skip"

        with pa.OSFile(str(path), "rb") as f:
            reader = pcsv.open_csv(
                f,
                read_options=pcsv.ReadOptions(column_names=[f"c{i}" for i in range(len(names))], skip_rows=1,
                                              encoding=enc, block_size=CSV_BLOCK, use_threads=False),
                parse_options=pcsv.ParseOptions(delimiter=delimiter, newlines_in_values=True,
                                                invalid_row_handler=invalid),
                convert_options=pcsv.ConvertOptions(column_types={f"c{i}": pa.string() for i in range(len(names))},
                                                    null_values=NULLS, strings_can_be_null=True,
                                                    quoted_strings_can_be_null=True),
            )
            for batch in reader:
                if not bad:
                    out.write(batch)
                progress(f.tell() / size, f"{path.name} lezen")
        if bad:
            raise _BadRows(bad)

    try:
        read(encoding)
    except pa.ArrowInvalid as e:
        if encoding == "utf-8" and "utf" in str(e).lower():
            out.reset()  # start over: UTF-8 at the start, Windows-1252 further on
            read("cp1252")
        else:
            raise
    return names


def _cell(v) -> str | None:
    """An Excel cell as text, the way a CSV export would have written it."""
    if v is None:
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time(0) else v.isoformat(sep=" ")
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
    return str(v)


def _read_excel(path: Path, progress: Progress, table_hint: str | None, out: _RawWriter) -> list[str]:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        ws = wb[table_hint] if table_hint and table_hint in wb.sheetnames else wb.worksheets[0]
        total = max(1, ws.max_row or 1)
        rows = ws.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            return []
        # Trailing empty header cells are Excel formatting, not columns.
        width = max((i + 1 for i, h in enumerate(header) if h not in (None, "")), default=0)
        names = [str(h) if h is not None else f"kolom_{i + 1}" for i, h in enumerate(header[:width])]
        cols: list[list] = [[] for _ in names]

        def flush():
            if cols and cols[0]:
                out.write(pa.RecordBatch.from_arrays([pa.array(c, type=pa.string()) for c in cols],
                                                     names=[f"c{i}" for i in range(width)]))
                for c in cols:
                    c.clear()

        for k, row in enumerate(rows, 1):
            if all(v is None for v in row[:width]):
                continue  # empty rows below the data
            for i in range(width):
                cols[i].append(_cell(row[i]) if i < len(row) else None)
            if k % 50_000 == 0:
                flush()
                progress(k / total, f"{path.name} lezen")
        flush()
        return names
    finally:
        wb.close()


NESTED = (pa.types.is_struct, pa.types.is_list, pa.types.is_large_list, pa.types.is_map,
          pa.types.is_fixed_size_list, pa.types.is_union, pa.types.is_list_view, pa.types.is_large_list_view)


def _is_nested(t: pa.DataType) -> bool:
    return any(f(t) for f in NESTED) or (pa.types.is_dictionary(t) and _is_nested(t.value_type))


def _read_parquet(path: Path, progress: Progress, table_hint: str | None, out: _RawWriter) -> tuple[list[str], list]:
    files = sorted(path.rglob("*.parquet")) if path.is_dir() else [path]
    pfs = [pq.ParquetFile(f) for f in files]
    if not pfs:
        return [], []
    schema = pa.unify_schemas([pf.schema_arrow for pf in pfs], promote_options="permissive")
    names = schema.names
    types = [schema.field(n).type for n in names]
    if any(_is_nested(t) for t in types):
        return names, types  # refused by name in _convert, before any row is read
    total = max(1, sum(pf.metadata.num_rows for pf in pfs))
    done = 0
    for pf in pfs:
        own = pf.schema_arrow
        for batch in pf.iter_batches(batch_size=BATCH_ROWS, use_threads=False):
            cols = [batch.column(own.get_field_index(n)).cast(schema.field(n).type) if n in own.names
                    else pa.nulls(batch.num_rows, schema.field(n).type) for n in names]
            out.write(pa.RecordBatch.from_arrays(cols, names=[f"c{i}" for i in range(len(names))]))
            done += batch.num_rows
            progress(done / total, f"{path.name} lezen")
    return names, types


READERS = {"csv": _read_csv, "excel": _read_excel, "parquet": _read_parquet}


def _norm_name(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", str(name).strip().lower())


# ---------------------------------------------------------------- table detection

def _score(names: Iterable[str], table: contract.Table) -> float:
    cols = set(table.column_names)
    return len(cols & set(names)) / len(cols)


def detect_table(columns: Iterable[str]) -> tuple[str | None, float]:
    """The contract table whose columns best match `columns`, and the share of its columns present."""
    names = {_norm_name(c) for c in columns}
    best = max(contract.TABLES.values(),
               key=lambda t: (_score(names, t), len(set(t.column_names) & names) / max(1, len(names | set(t.column_names)))))
    score = _score(names, best)
    return (best.name, score) if score >= 0.5 else (None, score)


def _table_from_name(path: Path) -> str | None:
    """The table a file name declares: 'placements.csv', 'placements_2024.xlsx'."""
    stem = path.name.split(".")[0].lower()
    for name in sorted(contract.TABLES, key=len, reverse=True):
        if stem == name or re.match(rf"{name}[\W_]", stem):
            return name
    return None


# ---------------------------------------------------------------- conversion

def _num_sql(s: str, integer: bool) -> str:
    """Text to DOUBLE: decimal comma or point, thousands separators in the other character.

    In an integer column a Dutch grouping (112.000) is thousands, not decimals."""
    grouping = f"WHEN regexp_full_match({s}, '[+-]?\\d{{1,3}}(\\.\\d{{3}})+') THEN replace({s}, '.', '') " if integer else ""
    return f"""TRY_CAST(CASE {grouping}
        WHEN regexp_full_match({s}, '[+-]?\\d{{1,3}}(\\.\\d{{3}})+,\\d*') THEN replace(replace({s}, '.', ''), ',', '.')
        WHEN regexp_full_match({s}, '[+-]?\\d{{1,3}}(,\\d{{3}})+\\.\\d*') THEN replace({s}, ',', '')
        WHEN regexp_full_match({s}, '[+-]?\\d*,\\d+') THEN replace({s}, ',', '.')
        ELSE {s} END AS DOUBLE)"""


def _date_sql(s: str) -> str:
    """Text to DATE: ISO (optionally with a time) or Dutch day-month-year."""
    forms = [
        (r"\d{4}-\d{1,2}-\d{1,2}", "%Y-%m-%d"),
        (r"\d{1,2}-\d{1,2}-\d{4}", "%d-%m-%Y"),
        (r"\d{1,2}/\d{1,2}/\d{4}", "%d/%m/%Y"),
        (r"\d{1,2}\.\d{1,2}\.\d{4}", "%d.%m.%Y"),
        (r"\d{4}/\d{1,2}/\d{1,2}", "%Y/%m/%d"),
    ]
    whens = " ".join(f"WHEN regexp_full_match({s}, '{rx}') THEN CAST(try_strptime({s}, '{fmt}') AS DATE)"
                     for rx, fmt in forms)
    iso_time = r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?"
    return f"CASE {whens} WHEN regexp_full_match({s}, '{iso_time}') THEN TRY_CAST(left({s}, 10) AS DATE) END"


TRUE_WORDS = ["true", "waar", "ja", "j", "yes", "y", "t", "1", "1.0", "x"]
FALSE_WORDS = ["false", "onwaar", "nee", "n", "no", "f", "0", "0.0"]
_DUCK = {contract.D: "DATE", contract.B: "BOOLEAN", contract.F: "DOUBLE", contract.I: "BIGINT", contract.S: "VARCHAR"}


def _is_text(t: pa.DataType) -> bool:
    return (pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t) or pa.types.is_null(t)
            or (pa.types.is_dictionary(t) and _is_text(t.value_type)))


def _convert_sql(i: int, rtype: pa.DataType, target: pa.DataType) -> tuple[str, str, str, bool]:
    """Three stages for raw column c{i}: (s{i} from c{i}, d{i} from s{i}, value from s{i}/d{i}, can fail).

    Staging computes the cleaned text and the number once, not once per use in the final CASE."""
    c, s, d = f'"c{i}"', f"s{i}", f"d{i}"
    text = _is_text(rtype)
    numeric = pa.types.is_integer(rtype) or pa.types.is_floating(rtype)
    first = f"NULLIF(trim(CAST({c} AS VARCHAR)), '')" if text else c
    if rtype == target:
        return c, "NULL", s, False
    if target == contract.S:
        return first if text else f"CAST({c} AS VARCHAR)", "NULL", s, False
    if target == contract.D:
        if text:
            return first, "NULL", _date_sql(s), True
        # Numbers are not dates (reading an Excel serial number would be a guess).
        return first, "NULL", "CAST(NULL AS DATE)" if numeric else f"TRY_CAST({s} AS DATE)", True
    if target == contract.B:
        if text:
            t_words = ", ".join(f"'{w}'" for w in TRUE_WORDS)
            f_words = ", ".join(f"'{w}'" for w in FALSE_WORDS)
            return first, "NULL", (f"CASE WHEN lower({s}) IN ({t_words}) THEN true "
                                   f"WHEN lower({s}) IN ({f_words}) THEN false END"), True
        return first, "NULL", f"TRY_CAST({s} AS BOOLEAN)", True
    if target == contract.I and pa.types.is_integer(rtype):
        return first, "NULL", f"TRY_CAST({s} AS BIGINT)", True
    num = _num_sql(s, integer=target == contract.I) if text else f"TRY_CAST({s} AS DOUBLE)"
    if target == contract.F:
        return first, num, f"CASE WHEN isfinite({d}) THEN {d} END", True
    return first, num, f"CASE WHEN {d} = floor({d}) AND abs({d}) < 9e15 THEN CAST({d} AS BIGINT) END", True


TYPE_NL = {contract.S: "tekst", contract.D: "datum (jjjj-mm-dd of dd-mm-jjjj)", contract.B: "ja/nee (true/false)",
           contract.F: "getal", contract.I: "geheel getal"}


@dataclasses.dataclass
class Prepared:
    """A file read and converted: a parquet file of the contract columns plus __rij, or None when it could not be."""

    file: str
    table: str | None
    data: Path | None
    problems: list[Problem]
    convert_failed: set[str] = dataclasses.field(default_factory=set)
    rows: int = 0


def _duck(work: Path) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection for one load: bounded memory, spilling into the load's work folder."""
    spill = work / "spill"
    spill.mkdir(parents=True, exist_ok=True)
    return duckdb.connect(config={"threads": 2, "memory_limit": LOAD_MEMORY, "temp_directory": str(spill),
                                  "preserve_insertion_order": True})


def _with_progress(con: duckdb.DuckDBPyConnection, sql: str, progress: Progress, message: str,
                   params: dict | None = None):
    """Run one long statement while reporting DuckDB's own progress from this (the caller's) thread."""
    box: dict = {}

    def work():
        try:
            box["rows"] = con.execute(sql, params or {}).fetchall()
        except BaseException as e:  # handed to the caller's thread
            box["error"] = e

    th = threading.Thread(target=work, daemon=True)
    th.start()
    while th.is_alive():
        th.join(0.25)
        try:
            pct = con.query_progress()
        except Exception:
            pct = -1
        if pct is not None and pct >= 0:
            progress(pct / 100, message)
    if "error" in box:
        raise box["error"]
    return box.get("rows")


def _parquet_problem(path: Path) -> tuple[str, str]:
    """(check, what) for a parquet file that cannot be read: truncated or otherwise damaged."""
    files = sorted(path.rglob("*.parquet")) if path.is_dir() else [path]
    for f in files:
        try:
            with open(f, "rb") as fh:
                head = fh.read(4)
                fh.seek(max(0, f.stat().st_size - 4))
                tail = fh.read(4)
        except OSError:
            continue
        if head != b"PAR1":
            return "corrupt", f"geen geldig parquet-bestand: {f.name} begint niet als een parquet-bestand (beschadigd of een ander soort bestand)"
        if tail != b"PAR1":
            return "corrupt", (f"geen geldig parquet-bestand: {f.name} is afgekapt of beschadigd, het einde van het "
                               f"bestand ontbreekt (onvolledig geüpload of gekopieerd?)")
    return "corrupt", "geen geldig parquet-bestand (beschadigd of onvolledig)"


def _prepare(path: Path, table: str | None, declared: str | None = None, progress: Progress = _noop,
             max_mb: float | None = None, work: Path | None = None) -> Prepared:
    """Read one file and convert it to its contract table; bad input becomes Problems, never an exception.
    Intermediate files go to `work` (a folder the caller removes)."""
    path = Path(path)
    file = path.name
    claimed = table or declared
    if not path.exists():
        return Prepared(file, claimed, None, [_err(file, claimed, f"{file}: bestand niet gevonden ({path}).", "not_found")])
    kind = _kind(path)
    if kind is None:
        return Prepared(file, claimed, None, [_err(
            file, claimed, f"{file}: onbekend bestandstype '{path.suffix}'. Gebruik parquet, CSV of Excel (.xlsx).",
            "file_type")])
    size = _size(path)
    max_mb = config.get("max_upload_mb") if max_mb is None else max_mb
    if size > max_mb * 1024 * 1024:
        return Prepared(file, claimed, None, [_err(
            file, claimed, f"{file}: het bestand is {size / 1024 / 1024:.1f} MB, groter dan de grens van "
            f"{n_nl(int(max_mb))} MB (instelling max_upload_mb).", "too_large")])
    if size == 0:
        return Prepared(file, claimed, None, [_err(file, claimed, f"{file}: het bestand is leeg (0 bytes).", "empty")])
    work = Path(work) if work else Path(tempfile.mkdtemp(prefix="meedoen-load-"))
    work.mkdir(parents=True, exist_ok=True)
    raw_path = work / f"raw-{uuid.uuid4().hex[:8]}.parquet"
    out = _RawWriter(raw_path)
    types = None
    try:
        got = READERS[kind](path, _sub(progress, 0, 0.5), claimed, out)
        names, types = got if isinstance(got, tuple) else (got, None)
        out.close(names, types)
    except _BadRows as e:
        out.reset()
        return Prepared(file, claimed, None, [_bad_rows_problem(file, claimed, e.rows)])
    except Exception as e:  # corrupt or unreadable input must become a message, not a traceback
        try:
            out.reset()
        except Exception:
            pass
        check, what = (_parquet_problem(path) if kind == "parquet" else
                       ("corrupt", {"excel": "geen geldig Excel-bestand (.xlsx)", "csv": "geen leesbaar CSV-bestand"}[kind]))
        return Prepared(file, claimed, None, [_err(file, claimed, f"{file}: {what}.", check,
                                                   detail=_technical(e))])
    return _convert(raw_path, names, types, out.rows, file, table, declared, work, _sub(progress, 0.5, 1.0))


def _technical(e: BaseException) -> str:
    text = str(e).strip()
    return f"{type(e).__name__}: {text[:1000]}" if text else type(e).__name__


def _bad_rows_problem(file: str, table: str | None, rows: list[tuple[int | None, str, str]]) -> Problem:
    """CSV rows with the wrong number of fields: every row named (up to ALL_ROWS)."""
    numbered = [r for r in rows if r[0] is not None]
    listed = ", ".join(str(r[0]) for r in numbered[:validate.ALL_ROWS])
    more = f" en nog {n_nl(len(numbered) - validate.ALL_ROWS)}" if len(numbered) > validate.ALL_ROWS else ""
    first = rows[0]
    msg = (f"{file}: {rows_nl(len(rows))} met een verkeerd aantal velden, " +
           (f"rij {listed}{more}" if numbered else "rijnummer onbekend") +
           f" (rij {first[0]}: {first[2]} velden). Controleer scheidingstekens en aanhalingstekens in deze rijen.")
    ex = [{"rij": r, "inhoud": text} for r, text, _ in rows[:validate.EXAMPLES]]
    detail = "\n".join(f"rij {r}: {text}" for r, text, _ in rows[:validate.EXAMPLES])
    return Problem(file, table, None, len(rows), ex, msg, ERROR, "csv_parse", detail)


def _convert(raw_path: Path, raw_names: list[str], raw_types: list | None, n: int, file: str, table: str | None,
             declared: str | None, work: Path, progress: Progress = _noop) -> Prepared:
    problems: list[Problem] = []
    names = [_norm_name(x) for x in raw_names]
    if not names:
        return Prepared(file, (table or declared), None, [_err(file, (table or declared), f"{file}: het bestand bevat geen kolommen.", "empty")])
    detected, score = detect_table(names)
    # Another table "wins" only when it matches clearly better; otherwise report missing columns.
    def wrong(claimed: str) -> bool:
        return bool(detected and detected != claimed and score >= 0.8 and score > _score(names, contract.TABLES[claimed]))

    if table is not None and table not in contract.TABLES:
        return Prepared(file, table, None, [_err(file, table, f"{file}: onbekende tabel '{table}'. Kies uit: "
                                                 f"{', '.join(contract.TABLES)}.", "unknown_table")])
    claimed = table or declared
    if claimed and wrong(claimed):
        how = "aangeboden als" if table else "de bestandsnaam wijst op"
        own = _score(names, contract.TABLES[claimed])
        return Prepared(file, claimed, None, [_err(
            file, claimed, f"{file}: verkeerde tabel: {how} '{claimed}', maar de kolommen horen bij '{detected}' "
            f"({round(score * 100)}% van de kolommen van '{detected}', {round(own * 100)}% van '{claimed}'). "
            f"Kies de juiste tabel of lever het juiste bestand.", "wrong_table")])
    table = claimed or detected
    if table is None:
        return Prepared(file, None, None, [_err(
            file, None, f"{file}: de kolommen passen bij geen enkele tabel van het contract "
            f"({', '.join(contract.TABLES)}). Gevonden kolommen: {', '.join(names[:12])}.", "unknown_table")])
    t = contract.TABLES[table]

    # Columns: first occurrence of a (normalised) name wins; the rest is reported.
    pos: dict[str, int] = {}
    for i, nm in enumerate(names):
        if nm in pos:
            problems.append(_err(file, table, f"{file}: kolom '{nm}' komt meer dan eens voor; de eerste wordt gebruikt.",
                                 "duplicate_column", nm, n, WARNING))
        else:
            pos.setdefault(nm, i)
    missing = [c for c in t.column_names if c not in pos]
    for c in missing:
        col = t.column(c)
        problems.append(_err(file, table, f"{file}: kolom '{c}' ontbreekt (verplicht in tabel '{table}': {col.nl}); "
                             f"dit geldt voor alle {rows_nl(n)}.",
                             "missing_column", c, n))
    extra = [nm for nm in pos if nm not in t.column_names]
    if extra:
        problems.append(_err(file, table, f"{file}: {len(extra)} kolom(men) buiten het contract worden genegeerd: "
                             f"{', '.join(extra)}.", "extra_column", ", ".join(extra), n, WARNING))
    raw_schema = pq.read_schema(raw_path)
    nested = [c for c in t.column_names if c in pos and _is_nested(raw_schema.field(pos[c]).type)]
    for c in nested:
        rtype = raw_schema.field(pos[c]).type
        problems.append(_err(file, table, f"{file}, kolom '{c}': bevat samengestelde waarden (een lijst, structuur of "
                             f"map) in plaats van {TYPE_NL[t.column(c).type]}. Lever één enkele waarde per cel.",
                             "nested", c, n, detail=f"parquet-type: {rtype}"))
    if n == 0 and not nested:
        problems.append(_err(file, table, f"{file}: het bestand bevat kolomnamen maar geen rijen.", "empty"))
    if missing or n == 0 or nested:
        return Prepared(file, table, None, problems, rows=n)

    conv_path = work / f"conv-{uuid.uuid4().hex[:8]}.parquet"
    con = _duck(work)
    try:
        stage1, stage2, final, can_fail = [f"{ROW}"], [], [f"{ROW}"], []
        for c in t.columns:
            i = pos[c.name]
            a, b, v, fails = _convert_sql(i, raw_schema.field(i).type, c.type)
            stage1.append(f"{a} AS s{i}")
            stage2.append(f"{b} AS d{i}")
            final.append(f'{v} AS "{c.name}"')
            if fails:
                final.append(f"s{i} IS NOT NULL AS has{i}")
                can_fail.append((c, i))
        raw = f"read_parquet({_q(str(raw_path))})"
        _with_progress(con, f"COPY (SELECT {', '.join(final)} FROM "
                       f"(SELECT *, {', '.join(stage2)} FROM (SELECT {', '.join(stage1)} FROM {raw}))) "
                       f"TO {_q(str(conv_path))} (FORMAT parquet, ROW_GROUP_SIZE {RAW_GROUP})",
                       _sub(progress, 0, 0.8), f"{file} omzetten")
        conv = f"read_parquet({_q(str(conv_path))})"
        failed = set()
        if can_fail:
            conds = [f'has{i} AND "{c.name}" IS NULL' for c, i in can_fail]
            counts = con.execute("SELECT " + ", ".join(f"count_if({x})" for x in conds) + f" FROM {conv}").fetchall()[0]
            for (c, i), cond, k in zip(can_fail, conds, counts):
                if not k:
                    continue
                failed.add(c.name)
                rows = con.execute(f"SELECT {ROW}, CAST(c{i} AS VARCHAR) FROM {raw} WHERE {ROW} IN "
                                   f"(SELECT {ROW} FROM {conv} WHERE {cond} ORDER BY {ROW} LIMIT {validate.EXAMPLES}) "
                                   f"ORDER BY {ROW}").fetchall()
                ex = [{"rij": r, c.name: v} for r, v in rows]
                problems.append(Problem(file, table, c.name, int(k), ex, validate.message(
                    file, c.name, int(k), f"met een waarde die geen {TYPE_NL[c.type]} is", ex,
                    "Deze waarden kunnen niet worden omgezet."), ERROR, "type"))
    finally:
        con.close()
    raw_path.unlink(missing_ok=True)
    progress(1.0, f"{file} omgezet")
    return Prepared(file, table, conv_path, problems, failed, rows=n)


def _contract_batches(conv_path: Path, table: str, work: Path):
    """The converted rows as record batches in the contract's schema, in file order."""
    t = contract.TABLES[table]
    cols = ", ".join(f'"{c}"' for c in t.column_names)
    con = _duck(work)
    try:
        reader = con.sql(f"SELECT {cols} FROM read_parquet({_q(str(conv_path))})").to_arrow_reader(BATCH_ROWS)
        for batch in reader:
            yield pa.RecordBatch.from_arrays([batch.column(i).cast(f.type) for i, f in enumerate(t.schema)],
                                             schema=t.schema)
    finally:
        con.close()


def _write_contract(conv_path: Path, table: str, target: Path, work: Path) -> None:
    """Write the contract table file from the converted rows, one batch at a time."""
    with pq.ParquetWriter(str(target), contract.TABLES[table].schema) as w:
        for batch in _contract_batches(conv_path, table, work):
            w.write_batch(batch, row_group_size=OUT_GROUP)


def _contract_table(conv_path: Path, table: str, work: Path) -> pa.Table:
    batches = list(_contract_batches(conv_path, table, work))
    return pa.Table.from_batches(batches, schema=contract.TABLES[table].schema)


# ---------------------------------------------------------------- public: read and check one file

def read_export(path: Path, table: str | None = None, progress: Progress | None = None) -> pa.Table:
    """One export file converted to its contract table's schema; raises ExportError (Dutch problems) if it can't be."""
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="meedoen-read-") as work:
        prep = _prepare(path, table, None if table else _table_from_name(path), progress or _noop, work=Path(work))
        if prep.data is None or has_errors([p for p in prep.problems if p.check == "type"]):
            raise ExportError([p for p in prep.problems if p.is_error] or prep.problems)
        return _contract_table(prep.data, prep.table, Path(work))


def _upper(peildatum: dt.date | None) -> dt.date:
    base = peildatum or dt.date.today()
    return base + dt.timedelta(days=365)


def _check_prepared(prep: Prepared, peildatum: dt.date | None, work: Path, progress: Progress = _noop) -> list[Problem]:
    """Single-table checks on converted data (columns that failed conversion are already reported)."""
    t = contract.TABLES[prep.table]
    con = _duck(work)
    try:
        con.execute(f"CREATE VIEW t AS SELECT * FROM read_parquet({_q(str(prep.data))})")
        problems = validate.check_table(con, "t", t, prep.file, _upper(peildatum), progress)
    finally:
        con.close()
    # A value that could not be converted is reported once, as a type problem, not again as empty.
    return [p for p in problems if not (p.check == "required" and p.column in prep.convert_failed)]


def validate_file(path: Path, table: str | None = None, root: Path | None = None,
                  peildatum: dt.date | None = None, progress: Progress | None = None) -> tuple[str | None, list[Problem]]:
    """Check one file without loading it: (table, problems). Gemeente codes are checked against the
    active version's regions when `root` is given."""
    path = Path(path)
    progress = progress or _noop
    try:
        with tempfile.TemporaryDirectory(prefix="meedoen-check-") as w:
            work = Path(w)
            prep = _prepare(path, table, None if table else _table_from_name(path), _sub(progress, 0, 0.7), work=work)
            if prep.data is None:
                return prep.table, prep.problems
            problems = prep.problems + _check_prepared(prep, peildatum, work, _sub(progress, 0.7, 0.9))
            act = versions.active(Path(root)) if root else None
            rglob = versions.table_glob(act.path, "regions") if act else None
            if rglob and prep.table != "regions":
                con = _duck(work)
                try:
                    con.execute(f"CREATE VIEW t AS SELECT * FROM read_parquet({_q(str(prep.data))})")
                    con.execute(f"CREATE VIEW regions AS SELECT * FROM read_parquet({_q(rglob)}, union_by_name = true)")
                    problems += validate.check_gemeenten(con, "t", contract.TABLES[prep.table], prep.file, "regions")
                finally:
                    con.close()
            progress(1.0, "klaar")
            return prep.table, problems
    except Exception as e:  # last resort: the caller gets a message, never a traceback
        return table, [_err(path.name, table, f"{path.name}: onverwachte fout bij het controleren.", "internal",
                            detail=_technical(e))]


def _q(s: str) -> str:
    return "'" + str(s).replace("'", "''") + "'"


# ---------------------------------------------------------------- public: load a new version

def _declare(files: dict[str, Path] | list[Path]) -> list[tuple[str | None, str | None, Path]]:
    """(explicit table, table from file name, path) per file."""
    if isinstance(files, dict):
        return [(t, None, Path(p)) for t, p in files.items()]
    return [(None, _table_from_name(Path(p)), Path(p)) for p in files]


def _copy_table(src: Path, dst_dir: Path, table: str) -> str | None:
    """Copy a table of the active version (hard links where possible: versions never change)."""
    single = src / f"{table}.parquet"
    folder = src / table
    if single.is_file():
        _link_or_copy(single, dst_dir / single.name)
        return single.name
    if folder.is_dir() and any(folder.rglob("*.parquet")):
        shutil.copytree(folder, dst_dir / table, copy_function=_link_or_copy)
        return table + "/"
    return None


def _link_or_copy(src, dst) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _peildatum(given: dt.date | None, con: duckdb.DuckDBPyConnection, dirp: Path, loaded: list[str],
               previous: versions.Version | None = None) -> dt.date:
    """The given peildatum; else, when placements are loaded, the latest date in the loaded tables
    that is not in the future; else (targets, regions, … only) the previous version's peildatum:
    the state of the trajectories has not moved."""
    if given:
        return given
    if "placements" not in loaded and previous is not None and previous.peildatum:
        try:
            return dt.date.fromisoformat(previous.peildatum)
        except ValueError:
            pass
    today = dt.date.today()
    latest = None
    for name in loaded:
        t = contract.TABLES[name]
        dates = [c.name for c in t.columns if c.type == contract.D]
        g = versions.table_glob(dirp, name)
        if not dates or not g:
            continue
        expr = ", ".join(f'max(CASE WHEN "{d}" <= $today THEN "{d}" END)' for d in dates)
        for v in con.execute(f"SELECT {expr} FROM read_parquet({_q(g)}, union_by_name = true)", {"today": today}).fetchall()[0]:
            if v and (latest is None or v > latest):
                latest = v
    return latest or today


def load_exports(files: dict[str, Path] | list[Path], root: Path, progress: Progress | None = None,
                 peildatum: dt.date | str | None = None) -> LoadResult:
    """Validate the files and, only if everything is in order, make them the active data version."""
    root = Path(root)
    progress = progress or _noop
    if isinstance(peildatum, str):
        try:
            peildatum = dt.date.fromisoformat(peildatum)
        except ValueError:
            return LoadResult(False, None, [_err("", None, f"Ongeldige peildatum '{peildatum}': gebruik jjjj-mm-dd.",
                                                 "peildatum")])
    try:
        with versions.lock(root):
            return _load_locked(_declare(files), root, progress, peildatum)
    except Exception as e:  # never a traceback for the caller; the half-written folder is already gone
        return LoadResult(False, None, [_err("", None, "Het laden is afgebroken door een onverwachte fout; de actieve "
                                             "gegevens zijn ongewijzigd.", "internal", detail=_technical(e))])


def _load_locked(entries, root: Path, progress: Progress, peildatum: dt.date | None) -> LoadResult:
    problems: list[Problem] = []
    if not entries:
        return LoadResult(False, None, [_err("", None, "Er zijn geen bestanden opgegeven.", "no_files")])
    versions.cleanup(root)  # we hold the lock: any half-written folder is from an interrupted load
    act = versions.active(root)
    tmp = versions.new_version_dir(root, "load")
    published: Path | None = None
    try:
        # 1. Read, convert and check each file on its own; write only what is clean.
        by_table: dict[str, str] = {}
        step = 0.8 / len(entries)
        work = tmp / ".work"
        for k, (explicit, declared, path) in enumerate(entries):
            sub = _sub(progress, k * step, (k + 1) * step)
            prep = _prepare(path, explicit, declared, _sub(sub, 0, 0.6), work=work)
            problems += prep.problems
            if prep.table in by_table and prep.table is not None:
                problems.append(_err(prep.file, prep.table, f"{prep.file}: tabel '{prep.table}' is al geleverd in "
                                     f"{by_table[prep.table]}; lever één bestand per tabel.", "duplicate_table"))
                continue
            if prep.data is None:
                continue
            by_table[prep.table] = prep.file
            checks = _check_prepared(prep, peildatum, work, _sub(sub, 0.6, 0.85))
            problems += checks
            if has_errors(prep.problems) or has_errors(checks):
                continue
            sub(0.9, f"{prep.file} wegschrijven")
            _write_contract(prep.data, prep.table, tmp / f"{prep.table}.parquet", work)
            prep.data.unlink(missing_ok=True)
        shutil.rmtree(work, ignore_errors=True)
        if has_errors(problems):
            return _fail(tmp, problems)

        # 2. Tables not supplied come from the active version, unchanged.
        progress(0.82, "overige tabellen overnemen")
        sources = {t: f for t, f in by_table.items()}
        for name in contract.TABLES:
            if name in by_table:
                continue
            copied = _copy_table(act.path, tmp, name) if act else None
            if copied:
                sources[name] = f"overgenomen uit versie {act.id} ({copied})"
        for name in versions.missing_tables(tmp):
            problems.append(_err("", name, f"Tabel '{name}' ontbreekt: die is niet geleverd en er is geen actieve "
                                 f"versie om hem uit over te nemen.", "missing_table"))
        if has_errors(problems):
            return _fail(tmp, problems)

        # 3. Across tables: every gemeente code must be in regions (new or kept).
        progress(0.88, "gemeentecodes controleren")
        con = _duck(work)
        try:
            con.execute(f"CREATE VIEW regions AS SELECT * FROM read_parquet({_q(versions.table_glob(tmp, 'regions'))})")
            rows = {}
            for name, t in contract.TABLES.items():
                g = versions.table_glob(tmp, name)
                if not g:
                    continue
                con.execute(f"CREATE OR REPLACE VIEW t AS SELECT *, file_row_number + 1 AS {ROW} "
                            f"FROM read_parquet({_q(g)}, union_by_name = true, file_row_number = true)")
                # Row numbers only mean something in a file that was just supplied.
                file = by_table.get(name) or f"{name} (overgenomen uit versie {act.id if act else '?'})"
                problems += validate.check_gemeenten(con, "t", t, file, "regions", row_numbers=name in by_table)
                rows[name] = con.execute("SELECT count(*) FROM t").fetchall()[0][0]
            peil = _peildatum(peildatum, con, tmp, list(by_table), act)
        finally:
            con.close()
            shutil.rmtree(work, ignore_errors=True)
        if has_errors(problems):
            return _fail(tmp, problems)

        # 4. Manifest, publish, switch.
        manifest = {
            "source": "upload",
            "peildatum": peil.isoformat(),
            "created": dt.datetime.now().isoformat(timespec="seconds"),
            "based_on": act.id if act else None,
            "files": sources,
            "rows": rows,
            "warnings": [p.message_nl for p in problems if not p.is_error],
        }
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
        progress(0.9, "nieuwe versie voorbereiden")
        version = versions.publish(tmp)
        published = version.path
        _prepare_version(version)
        progress(0.97, "nieuwe versie activeren")
        versions.activate(root, published.name, keep=config.get("keep_versions"))
        progress(1.0, "klaar")
        return LoadResult(True, published.name, problems)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        active_now = versions.active(root)
        if published and (not active_now or active_now.path != published):
            shutil.rmtree(published, ignore_errors=True)
        raise


def _fail(tmp: Path, problems: list[Problem]) -> LoadResult:
    shutil.rmtree(tmp, ignore_errors=True)
    return LoadResult(False, None, problems)


def rollback(root: Path, version_id: str) -> LoadResult:
    """Make an earlier version active again (nothing is deleted)."""
    root = Path(root)
    with versions.lock(root):
        ids = [v.id for v in versions.list_versions(root)]
        if version_id not in ids:
            return LoadResult(False, None, [_err("", None, f"Versie '{version_id}' bestaat niet. Beschikbaar: "
                                                 f"{', '.join(ids) or 'geen'}.", "unknown_version")])
        missing = versions.missing_tables(versions.versions_dir(root) / version_id)
        if missing:
            return LoadResult(False, None, [_err("", None, f"Versie '{version_id}' is onvolledig (ontbreekt: "
                                                 f"{', '.join(missing)}) en kan niet actief worden.", "incomplete_version")])
        _prepare_version(versions.find(root, version_id))  # kept from its load, or built now (a newer cache layout)
        versions.activate(root, version_id)
    return LoadResult(True, version_id, [])


def _prepare_version(version: versions.Version | None) -> None:
    """Build the placements cache with its month aggregates before the version goes live (once per version),
    so no visitor waits for it and every view is fast from the first second."""
    from .query.db import Database

    if version is None:
        return
    try:
        Database(version, threads=config.get("threads"), memory_limit=config.get("memory_limit")).close()
    except (duckdb.Error, OSError):  # the app builds it on first use instead
        pass


def list_versions(root: Path) -> list[dict]:
    """Every version with its id, source, peildatum, row counts and whether it is active."""
    root = Path(root)
    act = versions.active(root)
    return [{"id": v.id, "active": bool(act and act.id == v.id), "source": v.manifest.get("source", ""),
             "peildatum": v.peildatum, "created": v.manifest.get("created", ""), "rows": v.manifest.get("rows", {})}
            for v in versions.list_versions(root)]


# ---------------------------------------------------------------- CLI

def _print_progress(fraction: float, message: str) -> None:
    sys.stderr.write(f"\r{round(fraction * 100):3d}%  {message[:60]:<60}")
    sys.stderr.flush()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m meedoen.ingest",
                                 description="Nieuwe exports controleren en als actieve dataversie laden.")
    ap.add_argument("files", nargs="*", type=Path, metavar="FILE")
    ap.add_argument("--table", choices=list(contract.TABLES), help="tabel van het (enige) bestand")
    ap.add_argument("--data-dir", type=Path, default=None, help="data store (standaard: instelling data_dir)")
    ap.add_argument("--peildatum", default=None, help="peildatum jjjj-mm-dd (standaard: laatste datum in de data)")
    ap.add_argument("--list", action="store_true", help="versies tonen")
    ap.add_argument("--activate", metavar="ID", help="een eerdere versie weer actief maken")
    args = ap.parse_args(argv)
    root = args.data_dir or config.data_dir()

    if args.list:
        for v in list_versions(root):
            rows = ", ".join(f"{k} {n_nl(n)}" for k, n in v["rows"].items())
            print(f"{'*' if v['active'] else ' '} {v['id']}  {v['source']:<7} peildatum {v['peildatum']}  {rows}")
        return 0
    if args.activate:
        res = rollback(root, args.activate)
        print(f"Versie {args.activate} is nu actief." if res.ok else "\n".join(map(str, res.problems)))
        return 0 if res.ok else 1
    if not args.files:
        ap.error("geef één of meer bestanden, --list of --activate ID")
    if args.table and len(args.files) != 1:
        ap.error("--table kan alleen met één bestand")
    files = {args.table: args.files[0]} if args.table else list(args.files)
    res = load_exports(files, root, progress=_print_progress if sys.stderr.isatty() else None, peildatum=args.peildatum)
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    for p in res.problems:
        print(p)
    if res.ok:
        print(f"Geladen en actief: versie {res.version_id}.")
        return 0
    print(f"Niet geladen: {len(res.errors)} fout(en). De actieve data is ongewijzigd.")
    return 1


if __name__ == "__main__":
    sys.exit(main())
