"""Data management: load uploaded exports through the loader, list versions, switch back.

The page `app_pages/admin.py` only calls `upload_section` and `versions_section`; everything that
can be tested without a browser (`load_uploads`, `guess_table`, the tables shown) is a plain function.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import tempfile
from pathlib import Path
from typing import BinaryIO, Callable, Union

import pandas as pd
import pyarrow.parquet as pq
import streamlit as st

from .. import config, contract, ingest, versions
from ..i18n import fmt_date, fmt_int, t
from ..validate import ERROR, Problem, examples_nl, n_nl

Upload = Union[bytes, BinaryIO]
Progress = Callable[[float, str], None]
TYPES = ["parquet", "pq", "csv", "txt", "tsv", "xlsx", "xlsm"]
_FLASH = "adm_flash"
_PENDING = "adm_pending"


# ------------------------------------------------------------------ plain functions (tested directly)

def max_upload_mb() -> int:
    """The upload limit in force: the setting, capped by what the Streamlit server accepts."""
    mb = int(config.get("max_upload_mb"))
    try:
        return min(mb, int(st.get_option("server.maxUploadSize")))
    except Exception:  # outside a Streamlit runtime
        return mb


def _size(data: Upload) -> int:
    if isinstance(data, (bytes, bytearray, memoryview)):
        return len(data)
    size = getattr(data, "size", None)
    if size is not None:
        return int(size)
    pos = data.tell()
    data.seek(0, io.SEEK_END)
    end = data.tell()
    data.seek(pos)
    return end


def _safe_name(name: str, i: int) -> str:
    """The base name of an uploaded file (browsers may send a path)."""
    base = Path(str(name).replace("\\", "/")).name.strip()
    return base if base not in ("", ".", "..") else f"bestand_{i + 1}"


def columns_of(name: str, data: Upload) -> list[str]:
    """Column names in the header of an uploaded file; [] when it cannot be read."""
    suffix = Path(name).suffix.lower()
    f = io.BytesIO(bytes(data)) if isinstance(data, (bytes, bytearray, memoryview)) else data
    pos = f.tell()
    try:
        f.seek(0)
        if suffix in (".parquet", ".pq"):
            return list(pq.read_schema(f).names)  # the footer only
        if suffix in (".xlsx", ".xlsm"):
            import openpyxl

            wb = openpyxl.load_workbook(f, read_only=True, data_only=True)
            try:
                ws = next((wb[s] for s in wb.sheetnames if s in contract.TABLES), wb.worksheets[0])
                row = next(ws.iter_rows(max_row=1, values_only=True), ())
                return [str(v) for v in row if v not in (None, "")]
            finally:
                wb.close()
        # CSV: the loader's own sniffer (encoding, delimiter) wants a path.
        with tempfile.NamedTemporaryFile(suffix=".csv") as tmp:
            tmp.write(f.read(1 << 16))
            tmp.flush()
            return ingest._sniff_csv(Path(tmp.name))[2]
    except Exception:  # a broken file is reported by the loader, with its reason
        return []
    finally:
        f.seek(pos)


def guess_table(name: str, data: Upload) -> str | None:
    """The contract table of an upload: from its file name, else from its columns."""
    by_name = ingest._table_from_name(Path(name))
    if by_name:
        return by_name
    cols = columns_of(name, data)
    return ingest.detect_table(cols)[0] if cols else None


def _problem(file: str, table: str | None, message: str, check: str) -> Problem:
    return Problem(file, table, None, 0, [], message, ERROR, check)


def load_uploads(files: list[tuple[str, Upload]], tables: dict[str, str | None] | None, root: Path,
                 peildatum: dt.date | str | None = None, progress: Progress | None = None,
                 max_mb: float | None = None) -> ingest.LoadResult:
    """Check sizes, write the uploads to a temporary folder and load them as one new version.

    `tables` maps a file name to its contract table (None or absent: detected from name and columns).
    The store is only touched by `ingest.load_exports`, which switches atomically or not at all."""
    progress = progress or (lambda f, m: None)
    max_mb = max_upload_mb() if max_mb is None else max_mb
    tables = tables or {}
    if not files:
        return ingest.LoadResult(False, None, [_problem("", None, "Er zijn geen bestanden gekozen.", "no_files")])

    problems: list[Problem] = []
    names = [_safe_name(n, i) for i, (n, _) in enumerate(files)]
    for i, ((raw_name, data), name) in enumerate(zip(files, names)):
        size = _size(data)  # before anything is read or written
        if size > max_mb * 1024 * 1024:
            problems.append(_problem(name, tables.get(raw_name), f"{name}: het bestand is {size / 1024 / 1024:.1f} MB, "
                                     f"groter dan de grens van {n_nl(int(max_mb))} MB (instelling max_upload_mb).",
                                     "too_large"))
        if names.count(name) > 1 and names.index(name) == i:
            problems.append(_problem(name, None, f"{name}: er zijn {names.count(name)} bestanden met deze naam gekozen; "
                                     f"geef elk bestand een eigen naam.", "duplicate_name"))
    if problems:
        return ingest.LoadResult(False, None, problems)

    with tempfile.TemporaryDirectory(prefix="meedoen-upload-") as tmp:
        paths: list[Path] = []
        for i, ((raw_name, data), name) in enumerate(zip(files, names)):
            # One folder per file keeps the original name, which every message quotes.
            path = Path(tmp) / str(i) / name
            path.parent.mkdir()
            if isinstance(data, (bytes, bytearray, memoryview)):
                path.write_bytes(bytes(data))
            else:
                data.seek(0)
                with open(path, "wb") as out:
                    shutil.copyfileobj(data, out, 1 << 20)
            paths.append(path)
            progress(0.05 * (i + 1) / len(files), f"{name} klaarzetten")

        chosen: dict[str, Path] = {}
        for (raw_name, _), name, path in zip(files, names, paths):
            table = tables.get(raw_name) or tables.get(name)
            if table is None:
                with open(path, "rb") as fh:
                    table = guess_table(name, fh)
            if table is None:
                # The loader's own check says why (unreadable, or columns that fit no table).
                found, own = ingest.validate_file(path, None)
                problems += [p for p in own if p.is_error] or [_problem(
                    name, None, f"{name}: kies bij dit bestand een tabel ({', '.join(contract.TABLES)}).", "no_table")]
                continue
            if table in chosen:
                problems.append(_problem(name, table, f"{name}: tabel '{table}' is al gekozen voor {chosen[table].name}; "
                                         f"lever één bestand per tabel.", "duplicate_table"))
                continue
            chosen[table] = path
        if problems:
            return ingest.LoadResult(False, None, problems)
        return ingest.load_exports(chosen, Path(root), progress=lambda f, m: progress(0.05 + 0.95 * f, m),
                                   peildatum=peildatum)


def problems_frame(problems: list[Problem]) -> pd.DataFrame:
    """The loader's findings as a table: file, table, column, rows affected, examples, message."""
    rows = [{
        t("col_severity"): t("sev_error") if p.is_error else t("sev_warning"),
        t("col_file"): p.file or "–",
        t("col_table"): p.table or "–",
        t("col_column"): p.column or "–",
        t("col_rows_affected"): fmt_int(p.rows_affected) if p.rows_affected else "–",
        t("col_examples"): examples_nl(p.examples, p.column) or "–",
        t("col_message"): p.message_nl,
    } for p in sorted(problems, key=lambda p: not p.is_error)]
    cols = [t(k) for k in ("col_severity", "col_file", "col_table", "col_column", "col_rows_affected",
                           "col_examples", "col_message")]
    return pd.DataFrame(rows, columns=cols)


def _date(s: str) -> str:
    try:
        return fmt_date(dt.date.fromisoformat(s[:10]))
    except (TypeError, ValueError):
        return s or "–"


def _created(s: str) -> str:
    try:
        d = dt.datetime.fromisoformat(s)
        return f"{fmt_date(d.date())} {d:%H:%M}"
    except (TypeError, ValueError):
        return s or "–"


def versions_frame(root: Path) -> pd.DataFrame:
    """Every version, newest first: active marker, id, created, source, peildatum, rows per table."""
    out = []
    for v in reversed(ingest.list_versions(root)):
        row = {
            t("col_active"): "●" if v["active"] else "",
            t("col_version"): v["id"],
            t("col_created"): _created(v["created"]),
            t("col_source"): {"demo": t("src_demo"), "upload": t("src_upload")}.get(v["source"], v["source"] or "–"),
            t("col_peildatum"): _date(v["peildatum"]),
        }
        for name in contract.TABLES:
            n = v["rows"].get(name)
            row[name] = fmt_int(n) if n is not None else "–"
        out.append(row)
    return pd.DataFrame(out)


def version_rows(root: Path, version_id: str) -> pd.DataFrame:
    """Rows per table of one version and where each table came from (a file, or the previous version)."""
    v = versions.find(root, version_id)
    if v is None:
        return pd.DataFrame()
    rows, files = v.manifest.get("rows", {}), v.manifest.get("files", {})
    return pd.DataFrame([{t("col_table"): name, t("col_rows"): fmt_int(rows.get(name, 0)),
                          t("col_source"): files.get(name, "–")} for name in contract.TABLES if name in rows])


# ------------------------------------------------------------------ page sections

def flash() -> None:
    """The outcome of the previous run's action (kept across st.rerun)."""
    msg = st.session_state.pop(_FLASH, None)
    if not msg:
        return
    if msg["kind"] == "loaded":
        st.success(t("adm_ok", version=msg["version"], peildatum=_date(msg["peildatum"])), icon=":material/check_circle:")
        rows = version_rows(config.data_dir(), msg["version"])
        if not rows.empty:
            st.markdown(f"**{t('adm_rows_title')}**")
            st.dataframe(rows, hide_index=True, width="stretch")
        if msg["warnings"]:
            with st.expander(t("adm_warnings")):
                st.table(problems_frame(msg["warnings"]), hide_index=True)
    elif msg["kind"] == "switched":
        st.success(t("adm_switched", version=msg["version"]), icon=":material/check_circle:")


def _fmt_size(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    return f"{n / 1024 / 1024:.1f} MB".replace(".", ",") if n >= 100 * 1024 else f"{round(n / 1024)} kB"


def upload_section(root: Path) -> None:
    """Uploader, a table per file, optional peildatum, the Laden button and its outcome."""
    ss = st.session_state
    mb = max_upload_mb()
    n = ss.setdefault("adm_upload_n", 0)
    files = st.file_uploader(t("adm_uploader"), type=TYPES, accept_multiple_files=True, key=f"adm_upload_{n}",
                             help=t("adm_uploader_help", mb=mb), max_upload_size=mb) or []
    tables: dict[str, str | None] = {}
    if files:
        guesses = ss.setdefault("adm_guess", {})
        options = list(contract.TABLES)
        with st.container(border=True):
            st.markdown(f"**{t('adm_files')}**")
            cols = st.columns(3)
            for i, f in enumerate(files):
                fid = getattr(f, "file_id", f.name)
                if fid not in guesses:
                    guesses[fid] = guess_table(f.name, f) if f.size <= mb * 1024 * 1024 else None
                guess = guesses[fid]
                # No guess: an empty choice with a prompt; the loader then says why nothing fits.
                tables[f.name] = cols[i % len(cols)].selectbox(
                    t("adm_table_for", file=f.name, size=_fmt_size(f.size)), options,
                    index=options.index(guess) if guess else None, placeholder=t("adm_table_pick"),
                    key=f"adm_table_{fid}",
                    format_func=lambda x, g=guess: f"{x} ({t('adm_table_detected')})" if x == g else x)
    c1, c2 = st.columns([1, 3], vertical_alignment="bottom")
    peil = c1.date_input(t("adm_peildatum"), value=None, key="adm_peildatum", format="DD-MM-YYYY",
                         help=t("adm_peildatum_help"))
    if not st.button(t("adm_load"), type="primary", key="adm_load", icon=":material/upload:"):
        return
    if not files:
        st.warning(t("adm_no_files"))
        return
    bar = st.progress(0, text=t("adm_progress_start"))
    last = [-1, ""]

    def progress(fraction: float, message: str) -> None:
        pct = int(max(0.0, min(1.0, fraction)) * 100)
        if pct != last[0] or message != last[1]:  # the loader reports often; redraw only on change
            last[0], last[1] = pct, message
            bar.progress(pct, text=f"{pct}% · {message}")

    res = load_uploads([(f.name, f) for f in files], tables, root, peil, progress)
    bar.empty()
    if res.ok:
        v = versions.find(root, res.version_id)
        ss[_FLASH] = {"kind": "loaded", "version": res.version_id, "peildatum": v.peildatum if v else "",
                      "warnings": res.warnings}
        ss["adm_upload_n"] = n + 1  # a fresh, empty uploader: the same files are not loaded twice by accident
        st.rerun()  # the status line above is drawn before the page: show the new version everywhere
    act = versions.active(root)
    st.error(t("adm_failed", n=len(res.errors), version=act.id if act else "–"), icon=":material/error:")
    # A static table: long messages wrap instead of being cut off in a grid cell.
    st.table(problems_frame(res.problems), hide_index=True)
    details(res.problems)


def details(problems: list[Problem]) -> None:
    """What the libraries said (parquet, CSV parser), behind a toggle: the messages above stay Dutch."""
    tech = [p for p in problems if p.detail]
    if tech:
        with st.expander(t("adm_details")):
            st.code("\n".join(f"{p.file or '–'}: {p.detail}" for p in tech), language=None, wrap_lines=True)


def repair_warning(root: Path) -> str | None:
    """The last pointer repair, when no activation followed it (the admin should check the version)."""
    log = versions.activation_log(root)
    if not log or log[-1]["event"] != "REPAIRED":
        return None
    e = log[-1]
    what = t(f"adm_wrong_{e['note']}") if e["note"] in ("missing", "empty", "garbled", "unknown", "unreadable") \
        else t("adm_wrong_garbled")
    return t("adm_repaired", what=what, time=e["time"][:16].replace("T", " "), version=e["id"])


def active_line(root: Path) -> None:
    """Which data version everyone sees now, with its peildatum."""
    v = versions.active(root)
    if v is None:
        st.caption(t("adm_active_none"))
        return
    st.caption(t("adm_active", version=v.id, peildatum=_date(v.peildatum or "")))


def health_section(root: Path) -> None:
    """What is wrong with the data being served, and a repaired pointer, above everything else."""
    from .context import defects_text

    msg = repair_warning(root)
    if msg:
        st.warning(msg, icon=":material/build:")
    v = versions.active(root)
    defects = versions.health(v)
    if defects:
        st.error(t("adm_defects", version=v.id, what=defects_text(defects)), icon=":material/error:")
        tech = [d for d in defects if d.detail]
        if tech:
            with st.expander(t("adm_details")):
                st.code("\n".join(f"{d.file}: {d.detail}" for d in tech), language=None, wrap_lines=True)


def versions_section(root: Path) -> None:
    """The versions table and the two-step switch back to an earlier version."""
    ss = st.session_state
    listed = ingest.list_versions(root)
    if not listed:
        st.info(t("adm_no_versions"))
        return
    # A static table: every column stays in view (a grid scrolls the row counts out of sight).
    st.table(versions_frame(root), hide_index=True)
    st.caption(t("adm_keep_note", n=config.get("keep_versions")))
    by_id = {v["id"]: v for v in listed}
    active = next((v["id"] for v in listed if v["active"]), "–")
    earlier = [v["id"] for v in reversed(listed) if not v["active"]]
    if not earlier:
        st.caption(t("adm_rollback_none"))
        return
    pending = ss.get(_PENDING)
    if pending not in earlier:
        c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
        pick = c1.selectbox(t("adm_rollback_pick"), earlier, key="adm_pick",
                            format_func=lambda i: f"{i} · {t('col_peildatum').lower()} {_date(by_id[i]['peildatum'])}")
        if c2.button(t("adm_rollback"), key="adm_rollback", icon=":material/history:"):
            ss[_PENDING] = pick
            st.rerun()
        return
    st.warning(t("adm_confirm", version=pending, peildatum=_date(by_id[pending]["peildatum"]), active=active),
               icon=":material/warning:")
    row = st.container(horizontal=True)
    if row.button(t("adm_confirm_yes"), type="primary", key="adm_confirm_yes"):
        ss.pop(_PENDING, None)
        res = ingest.rollback(root, pending)
        if res.ok:
            ss[_FLASH] = {"kind": "switched", "version": pending}
            st.rerun()
        for p in res.problems:
            st.error(p.message_nl)
    if row.button(t("adm_confirm_no"), key="adm_confirm_no"):
        ss.pop(_PENDING, None)
        st.rerun()
