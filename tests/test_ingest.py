"""The loader: bad files are refused with a precise Dutch message and leave the active data untouched;
good files in every accepted format load, switch atomically, and can be rolled back."""

from __future__ import annotations

import datetime as dt
import threading
import time
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import fingerprint

from meedoen import contract, ingest, versions
from meedoen.query.db import Database



def table_df(root: Path, name: str, n: int | None = None) -> pd.DataFrame:
    """A contract table of the active version as pandas (first n rows)."""
    act = versions.active(root)
    g = versions.table_glob(act.path, name)
    import duckdb

    df = duckdb.sql(f"SELECT * FROM read_parquet('{g}') ORDER BY ALL").df()[contract.TABLES[name].column_names]
    return df.head(n).reset_index(drop=True) if n else df


def write_csv(df: pd.DataFrame, path: Path, sep: str = ",", encoding: str = "utf-8", decimal: str = ".",
              date_format: str | None = None) -> Path:
    df = df.copy()
    for c in df.columns:
        if pd.api.types.is_datetime64_any_dtype(df[c]) and date_format:
            df[c] = df[c].dt.strftime(date_format)
    df.to_csv(path, sep=sep, index=False, encoding=encoding, decimal=decimal)
    return path


# ---------------------------------------------------------------- the corpus of bad files

def _placements(root, tmp, edit, name="placements.csv", n=60):
    df = table_df(root, "placements", n)
    df["hours_per_week"] = df["hours_per_week"].astype(object)
    df = edit(df) if edit else df
    return write_csv(df, tmp / name)


def _set(col, rows, value):
    def edit(df):
        df[col] = df[col].astype(object)
        for r in rows:
            df.loc[r, col] = value
        return df
    return edit


def _pilots(root, tmp, edit, name="pilots.csv"):
    df = table_df(root, "pilots")
    df = edit(df) if edit else df
    return write_csv(df, tmp / name)


def bad_missing_column(root, tmp):
    return {"placements": _placements(root, tmp, lambda d: d.drop(columns=["outcome"]))}


def bad_wrong_table_declared(root, tmp):
    return {"placements": _pilots(root, tmp, None, name="export.csv")}


def bad_wrong_table_by_name(root, tmp):
    return [_pilots(root, tmp, None, name="targets.csv")]


def bad_unknown_columns(root, tmp):
    p = tmp / "iets.csv"
    p.write_text("naam,adres,telefoon\nJan,Straat 1,0612345678\n")
    return [p]


def bad_empty_file(root, tmp):
    p = tmp / "placements.csv"
    p.write_bytes(b"")
    return [p]


def bad_header_only(root, tmp):
    p = tmp / "targets.csv"
    p.write_text(",".join(contract.TARGETS.column_names) + "\n")
    return [p]


def bad_corrupt_parquet(root, tmp):
    p = tmp / "targets.parquet"
    p.write_bytes(b"PAR1" + bytes(range(256)) * 8)
    return [p]


def bad_truncated_parquet(root, tmp):
    good = versions.active(root).path / "targets.parquet"
    p = tmp / "targets.parquet"
    data = good.read_bytes()
    p.write_bytes(data[: len(data) // 2])
    return [p]


def bad_corrupt_excel(root, tmp):
    p = tmp / "targets.xlsx"
    p.write_bytes(b"PK\x03\x04 dit is geen werkmap")
    return [p]


def bad_unknown_file_type(root, tmp):
    p = tmp / "targets.json"
    p.write_text("[]")
    return [p]


def bad_not_a_number(root, tmp):
    return [_placements(root, tmp, _set("hours_per_week", [2, 5, 7], "veel"))]


def bad_not_a_date(root, tmp):
    return [_placements(root, tmp, _set("intake_date", [3, 4], "31-02-2016"))]


def bad_not_a_bool(root, tmp):
    return [_placements(root, tmp, _set("loonkostensubsidie", [6], "misschien"))]


def bad_not_allowed(root, tmp):
    return [_placements(root, tmp, _set("outcome", [1, 9], "klaar"))]


def bad_gemeente_pattern(root, tmp):
    return [_placements(root, tmp, _set("gemeente_code", [0, 1, 2, 3], "1783"))]


def bad_person_key_bsn(root, tmp):
    return [_placements(root, tmp, _set("person_key", [10], "123456782"))]


def bad_unknown_gemeente(root, tmp):
    return [_placements(root, tmp, _set("gemeente_code", [4, 5], "GM9999"))]


def bad_duplicate_key(root, tmp):
    def edit(df):
        df.loc[7, "trajectory_id"] = df.loc[2, "trajectory_id"]
        return df
    return [_placements(root, tmp, edit)]


def bad_date_before_2000(root, tmp):
    return [_placements(root, tmp, _set("intake_date", [8], "1999-12-31"))]


def bad_date_far_future(root, tmp):
    return [_placements(root, tmp, _set("end_date", [11], "2099-01-01"))]


def bad_end_before_start(root, tmp):
    def edit(df):
        df["end_date"] = df["end_date"].astype(object)
        df.loc[3, "end_date"] = (df.loc[3, "start_date"] - pd.Timedelta(days=10)).date().isoformat()
        return df
    return [_pilots(root, tmp, edit)]


def bad_negative_hours(root, tmp):
    return [_placements(root, tmp, _set("hours_per_week", [12, 13, 14], "-8"))]


def bad_implausible_hours(root, tmp):
    # Too low and too high in one file: both are named, and every offending row is listed.
    def edit(df):
        df = _set("hours_per_week", [2, 20, 21, 22, 23, 24], "-8")(df)
        df.loc[4, "hours_per_week"] = "400"
        return df
    return [_placements(root, tmp, edit)]


def bad_nested_parquet(root, tmp):
    df = table_df(root, "placements", 20)
    t = pa.Table.from_pandas(df, preserve_index=False)
    nested = pa.array([{"naam": o, "plaats": "Naaldwijk"} for o in df["organisation"]])
    t = t.set_column(t.schema.get_field_index("organisation"), "organisation", nested)
    pq.write_table(t, tmp / "placements.parquet")
    return [tmp / "placements.parquet"]


def bad_csv_row_fields(root, tmp):
    p = write_csv(table_df(root, "pilots"), tmp / "pilots.csv")
    lines = p.read_text().splitlines()
    lines[4] += ",extra,veld"  # data row 4
    lines[9] = lines[9].rsplit(",", 2)[0]  # data row 9: two fields short
    p.write_text("\n".join(lines) + "\n")
    return [p]


def bad_required_empty(root, tmp):
    return [_placements(root, tmp, _set("doelgroep", [15], None))]


def bad_below_minimum_year(root, tmp):
    df = table_df(root, "targets")
    df.loc[0, "year"] = 1999
    return [write_csv(df, tmp / "targets.csv")]


def bad_regions_drop_used_gemeente(root, tmp):
    # New regions without Westland: the kept placements still use GM1783.
    df = table_df(root, "regions")
    return [write_csv(df[df.gemeente_code != "GM1783"], tmp / "regions.csv")]


def bad_stedelijkheid_not_allowed(root, tmp):
    df = table_df(root, "regions")
    df.loc[0, "stedelijkheid"] = 7
    return [write_csv(df, tmp / "regions.csv")]


def bad_two_files_same_table(root, tmp):
    df = table_df(root, "targets")
    (tmp / "a").mkdir()
    return [write_csv(df, tmp / "targets.csv"), write_csv(df, tmp / "a" / "targets_2.csv")]


def bad_excel_value(root, tmp):
    df = table_df(root, "targets")
    df["target"] = df["target"].astype(object)
    df.loc[4, "target"] = "achttien"
    p = tmp / "targets.xlsx"
    df.to_excel(p, index=False)
    return [p]


def bad_parquet_fraction_in_int(root, tmp):
    df = table_df(root, "targets")
    t = pa.Table.from_pandas(df, preserve_index=False).set_column(3, "target", pa.array(df["target"] + 0.5))
    pq.write_table(t, tmp / "targets.parquet")
    return [tmp / "targets.parquet"]


def bad_too_large(root, tmp):
    return [write_csv(table_df(root, "targets"), tmp / "targets.csv")]


# (maker, check, fragments that must all be in the message, rows_affected or None)
CORPUS = [
    (bad_missing_column, "missing_column", ["placements.csv", "kolom 'outcome' ontbreekt", "alle 60 rijen"], 60),
    (bad_wrong_table_declared, "wrong_table", ["export.csv", "verkeerde tabel", "'placements'", "'pilots'"], None),
    (bad_wrong_table_by_name, "wrong_table", ["targets.csv", "verkeerde tabel", "'pilots'"], None),
    (bad_unknown_columns, "unknown_table", ["iets.csv", "geen enkele tabel", "naam, adres, telefoon"], None),
    (bad_empty_file, "empty", ["placements.csv", "leeg"], None),
    (bad_header_only, "empty", ["targets.csv", "geen rijen"], None),
    (bad_corrupt_parquet, "corrupt", ["targets.parquet", "geen geldig parquet-bestand"], None),
    (bad_truncated_parquet, "corrupt", ["targets.parquet", "geen geldig parquet-bestand", "afgekapt"], None),
    (bad_corrupt_excel, "corrupt", ["targets.xlsx", "geen geldig Excel-bestand"], None),
    (bad_unknown_file_type, "file_type", ["targets.json", "onbekend bestandstype"], None),
    (bad_not_a_number, "type", ["placements.csv", "kolom 'hours_per_week'", "3 rijen", "geen getal", "rij 3 ('veel')"], 3),
    (bad_not_a_date, "type", ["kolom 'intake_date'", "2 rijen", "geen datum", "rij 4 ('31-02-2016')"], 2),
    (bad_not_a_bool, "type", ["kolom 'loonkostensubsidie'", "1 rij ", "ja/nee", "rij 7 ('misschien')"], 1),
    (bad_not_allowed, "allowed", ["kolom 'outcome'", "2 rijen", "niet is toegestaan", "rij 2 ('klaar')", "in_werk"], 2),
    (bad_gemeente_pattern, "pattern", ["kolom 'gemeente_code'", "4 rijen", "patroon", "rij 1 ('1783')"], 4),
    (bad_person_key_bsn, "pattern", ["kolom 'person_key'", "1 rij ", "rij 11 ('123456782')", "nooit BSN"], 1),
    (bad_unknown_gemeente, "unknown_gemeente", ["kolom 'gemeente_code'", "2 rijen", "onbekende gemeentecode",
                                                "'GM9999' (2 rijen, eerste in rij 5)"], 2),
    (bad_duplicate_key, "duplicate_key", ["sleutel 'trajectory_id'", "1 sleutel komt meer dan eens voor", "2 rijen",
                                          "in rij 3, 8"], 2),
    (bad_date_before_2000, "date_range", ["kolom 'intake_date'", "1 rij ", "buiten het toegestane bereik",
                                          "rij 9 (31-12-1999)"], 1),
    (bad_date_far_future, "date_range", ["kolom 'end_date'", "1 rij ", "rij 12 (01-01-2099)"], 1),
    (bad_end_before_start, "date_order", ["pilots.csv", "kolom 'end_date'", "1 rij ", "vóór 'start_date'", "rij 4 (end_date=", "start_date="], 1),
    (bad_negative_hours, "range", ["kolom 'hours_per_week'", "3 rijen", "buiten het bereik 0 – 60 uur/week",
                                   "rij 13 (-8)"], 3),
    (bad_implausible_hours, "range", ["kolom 'hours_per_week'", "7 rijen", "buiten het bereik 0 – 60",
                                      "rij 3 (-8)", "rij 5 (400)", "Alle rijen: 3, 5, 21, 22, 23, 24, 25."], 7),
    (bad_nested_parquet, "nested", ["placements.parquet", "kolom 'organisation'", "samengestelde waarden",
                                    "één enkele waarde per cel"], None),
    (bad_csv_row_fields, "csv_parse", ["pilots.csv", "2 rijen met een verkeerd aantal velden", "rij 4, 9"], 2),
    (bad_required_empty, "required", ["kolom 'doelgroep'", "1 rij ", "zonder waarde", "rij 16"], 1),
    (bad_below_minimum_year, "range", ["targets.csv", "kolom 'year'", "1 rij ", "2000 – 2100", "rij 1 (1999)"], 1),
    (bad_regions_drop_used_gemeente, "unknown_gemeente", ["placements (overgenomen uit versie", "onbekende gemeentecode", "1 code die niet in de tabel regions staat",
      "'GM1783' ("], None),
    (bad_stedelijkheid_not_allowed, "allowed", ["regions.csv", "kolom 'stedelijkheid'", "1 rij ", "rij 1 (7)"], 1),
    (bad_two_files_same_table, "duplicate_table", ["targets_2.csv", "al geleverd in targets.csv"], None),
    (bad_excel_value, "type", ["targets.xlsx", "kolom 'target'", "1 rij ", "geen geheel getal", "rij 5 ('achttien')"], 1),
    (bad_parquet_fraction_in_int, "type", ["targets.parquet", "kolom 'target'", "geen geheel getal"], None),
    (bad_too_large, "too_large", ["targets.csv", "groter dan de grens van 0 MB", "max_upload_mb"], None),
]


@pytest.mark.parametrize("maker, check, fragments, rows", CORPUS, ids=[c[0].__name__[4:] for c in CORPUS])
def test_bad_file_is_refused_and_active_data_unchanged(root, tmp_path, monkeypatch, maker, check, fragments, rows):
    if maker is bad_too_large:
        monkeypatch.setenv("MEEDOEN_MAX_UPLOAD_MB", "0")
    files = maker(root, tmp_path)
    before = fingerprint(root)
    n_versions = len(versions.list_versions(root))

    res = ingest.load_exports(files, root)

    assert not res.ok and res.version_id is None
    found = [p for p in res.problems if p.check == check and p.is_error]
    assert found, [p.message_nl for p in res.problems]
    msg = found[0].message_nl
    for frag in fragments:
        assert frag in msg, msg
    if rows is not None:
        assert found[0].rows_affected == rows
        assert found[0].examples or check == "missing_column"
    assert fingerprint(root) == before
    assert len(versions.list_versions(root)) == n_versions
    assert not [p for p in versions.versions_dir(root).iterdir() if p.name.startswith(".")]  # no half-written folder


def test_corpus_has_twenty_distinct_kinds():
    assert len({c[0] for c in CORPUS}) >= 20


# ---------------------------------------------------------------- good files

def test_semicolon_decimal_comma_cp1252_csv_loads(root, tmp_path):
    df = table_df(root, "placements", 80)
    df.loc[0, "organisation"] = "Stichting Café Zeeën"
    df.loc[1, "hours_per_week"] = 24.5
    p = write_csv(df, tmp_path / "placements.csv", sep=";", encoding="cp1252", decimal=",", date_format="%d-%m-%Y")
    raw = p.read_bytes()
    assert b"Caf\xe9" in raw and b"24,5" in raw and b";" in raw  # the file really is what the test claims

    res = ingest.load_exports([p], root)

    assert res.ok, [str(x) for x in res.problems]
    act = versions.active(root)
    assert act.id == res.version_id and act.manifest["source"] == "upload"
    got = pq.read_table(act.path / "placements.parquet")
    assert got.schema == contract.PLACEMENTS.schema
    g = got.to_pandas()
    assert g.loc[0, "organisation"] == "Stichting Café Zeeën"
    assert g.loc[1, "hours_per_week"] == 24.5
    assert list(g["intake_date"]) == [d.date() for d in df["intake_date"]]
    assert act.manifest["rows"]["placements"] == 80
    # The other tables were kept from the previous version.
    assert act.manifest["rows"]["pilots"] == len(table_df(root, "pilots"))
    assert "overgenomen" in act.manifest["files"]["pilots"]


def test_excel_loads(root, tmp_path):
    df = table_df(root, "pilots")
    p = tmp_path / "deelnemers.xlsx"
    df.to_excel(p, index=False, sheet_name="pilots")

    res = ingest.load_exports({"pilots": p}, root, peildatum="2024-06-30")

    assert res.ok, [str(x) for x in res.problems]
    act = versions.active(root)
    assert act.peildatum == "2024-06-30"
    got = pq.read_table(act.path / "pilots.parquet")
    assert got.equals(pa.Table.from_pandas(df, preserve_index=False).cast(contract.PILOTS.schema))


def test_read_export_converts_both_date_forms_and_detects_table(tmp_path, base_store):
    df = table_df(base_store, "proeftuinen", 4)
    text = write_csv(df, tmp_path / "x.csv").read_text().splitlines()
    # Second data row with Dutch dates, the others ISO.
    d = df.loc[1, "intake_date"]
    text[2] = text[2].replace(d.strftime("%Y-%m-%d"), d.strftime("%d-%m-%Y"))
    assert d.strftime("%d-%m-%Y") in text[2]
    (tmp_path / "x.csv").write_text("\n".join(text) + "\n")

    got = ingest.read_export(tmp_path / "x.csv")

    assert got.schema == contract.PROEFTUINEN.schema
    assert got.column("intake_date").to_pylist() == [x.date() for x in df["intake_date"]]
    assert ingest.detect_table(df.columns)[0] == "proeftuinen"


def test_utf8_header_with_cp1252_further_on_and_dutch_thousands(tmp_path):
    head = ";".join(contract.REGIONS.column_names)
    rows = [f"GM{i:04d};Plaats {i};AM01;Regio;PV20;Groningen;112.000;2;21,5" for i in range(3000)]
    rows.append("GM9998;Súdwest-Fryslân;AM01;Regio;PV21;Fryslân;1.234;3;1.234,5")
    p = tmp_path / "regions.csv"
    p.write_bytes("\n".join([head, *rows]).encode("cp1252"))
    assert len(p.read_bytes()) > 1 << 16  # the first non-ASCII byte lies beyond the sniffed sample

    got = ingest.read_export(p).to_pylist()

    assert got[0]["inwoners"] == 112_000 and got[0]["bijstand_per_1000"] == 21.5
    assert got[-1]["gemeente_name"] == "Súdwest-Fryslân"
    assert got[-1]["inwoners"] == 1234 and got[-1]["bijstand_per_1000"] == 1234.5


def test_parquet_with_other_native_types_is_converted(tmp_path, base_store):
    df = table_df(base_store, "pilots")
    t = pa.Table.from_pandas(df, preserve_index=False)  # dates as timestamps
    t = t.set_column(1, "gemeente_code", t.column("gemeente_code").dictionary_encode())
    pq.write_table(t, tmp_path / "p.parquet")
    assert pq.read_schema(tmp_path / "p.parquet").field("start_date").type != pa.date32()

    got = ingest.read_export(tmp_path / "p.parquet", "pilots")

    assert got.equals(pa.Table.from_pandas(df, preserve_index=False).cast(contract.PILOTS.schema))


def test_read_export_raises_export_error_with_dutch_problems(tmp_path):
    p = tmp_path / "targets.parquet"
    p.write_bytes(b"not parquet at all")
    with pytest.raises(ingest.ExportError) as e:
        ingest.read_export(p, "targets")
    assert e.value.problems[0].check == "corrupt" and "targets.parquet" in str(e.value)


def test_extra_columns_are_a_warning_and_dropped(root, tmp_path):
    df = table_df(root, "targets")
    df["opmerking"] = "x"
    res = ingest.load_exports([write_csv(df, tmp_path / "targets.csv")], root)
    assert res.ok
    assert [w.check for w in res.warnings] == ["extra_column"] and "opmerking" in res.warnings[0].message_nl
    assert pq.read_schema(versions.active(root).path / "targets.parquet").names == contract.TARGETS.column_names


def test_validate_file_reports_without_loading(root, tmp_path):
    before = fingerprint(root)
    files = bad_unknown_gemeente(root, tmp_path)
    table, problems = ingest.validate_file(files[0], root=root)
    assert table == "placements" and [p.check for p in problems] == ["unknown_gemeente"]
    assert fingerprint(root) == before and len(versions.list_versions(root)) == 1


def test_progress_is_reported_in_blocks(root, tmp_path, monkeypatch):
    monkeypatch.setattr(ingest, "CSV_BLOCK", 4096)
    p = write_csv(table_df(root, "placements", 2000), tmp_path / "placements.csv")
    calls = []
    res = ingest.load_exports([p], root, progress=lambda f, m: calls.append((f, m)))
    assert res.ok
    fractions = [f for f, _ in calls]
    assert len([m for _, m in calls if "lezen" in m]) > 5  # read in many blocks
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and all(0 <= f <= 1 for f in fractions)


def test_load_switches_atomically_while_reader_keeps_reading(root, tmp_path, monkeypatch):
    """A reader reads the pointer over and over while a load switches it: every read names the old
    or the new version (never nothing, never a half-written id), the switch happens once, and the
    version each read names serves that version's own rows."""
    old = versions.active(root)
    n_old = len(table_df(root, "placements"))
    p = write_csv(table_df(root, "placements", 150), tmp_path / "placements.csv")
    errors, seen = [], []
    started, done, in_switch = threading.Event(), threading.Event(), threading.Event()
    reads_in_switch = []
    real_write = versions._write_durably

    def slow_switch(target, text):
        # Hold the switch open until the reader has read the pointer during it, before and after the rename.
        in_switch.set()
        n = len(seen)
        while len(seen) < n + 3:
            time.sleep(0.001)
        real_write(target, text)
        n = len(seen)
        while len(seen) < n + 3:
            time.sleep(0.001)
        in_switch.clear()

    monkeypatch.setattr(versions, "_write_durably", slow_switch)
    dbs = {}

    def reader():
        try:
            while True:
                finished = done.is_set()  # read once more after the switch
                try:
                    raw = (root / "ACTIVE").read_text()
                    v = versions.active(root)
                    seen.append((raw, v.id if v else None))
                    if in_switch.is_set():
                        reads_in_switch.append(raw)
                    if v.id not in dbs:
                        dbs[v.id] = Database(v, threads=1, memory_limit="500MB")
                    n = int(dbs[v.id].con.cursor().execute("SELECT count(*) FROM placements").fetchall()[0][0])
                    if n != (n_old if v.id == old.id else 150):
                        errors.append(f"version {v.id} served {n} rows")
                    dbs[v.id].run("region_list")
                except Exception as e:  # pragma: no cover - the failure we are guarding against
                    errors.append(e)
                started.set()
                if finished:
                    break
        finally:
            for db in dbs.values():
                db.close()

    t = threading.Thread(target=reader)
    t.start()
    started.wait()
    res = ingest.load_exports([p], root)
    done.set()
    t.join()

    assert res.ok and not errors, errors
    assert len(reads_in_switch) >= 6  # the pointer really was read while it was being switched
    assert {raw for raw, _ in seen} <= {old.id, res.version_id}
    assert all(raw == vid for raw, vid in seen)
    ids = [vid for _, vid in seen]
    assert ids[0] == old.id and ids[-1] == res.version_id
    switches = sum(1 for a, b in zip(ids, ids[1:]) if a != b)
    assert switches == 1  # old … old, new … new
    assert (root / "ACTIVE").read_text() == res.version_id


def test_rollback_restores_previous_version(root, tmp_path):
    before = fingerprint(root)
    old = versions.active(root).id
    res = ingest.load_exports([write_csv(table_df(root, "targets", 30), tmp_path / "targets.csv")], root)
    assert res.ok and versions.active(root).id == res.version_id

    back = ingest.rollback(root, old)

    assert back.ok and versions.active(root).id == old
    # the data as before, plus the version's placements cache with its month aggregates, built before the switch
    after = fingerprint(root)
    cache = [k for k in after if "/.cache/placements-" in k and k not in before]
    assert len(cache) == 1 and {k: h for k, h in after.items() if k not in cache} == before
    assert not ingest.rollback(root, "bestaat-niet").ok
    assert "bestaat niet" in ingest.rollback(root, "bestaat-niet").problems[0].message_nl


def test_keep_versions_prunes_old_versions(root, tmp_path, monkeypatch):
    monkeypatch.setenv("MEEDOEN_KEEP_VERSIONS", "1")
    demo_id = versions.active(root).id
    ids, df = [], table_df(root, "targets")
    for n in (10, 20, 30, 40):
        res = ingest.load_exports([write_csv(df.head(n), tmp_path / "targets.csv")], root)
        assert res.ok
        ids.append(res.version_id)
    kept = [v.id for v in versions.list_versions(root)]
    # the active one, the one active before it, and keep_versions (1) others
    assert kept == ids[-3:] and demo_id not in kept
    assert versions.active(root).manifest["rows"]["targets"] == 40


def test_first_load_into_empty_store_needs_every_required_table(tmp_path):
    root = tmp_path / "leeg"
    df = pd.DataFrame({"gemeente_code": ["GM1783"], "year": [2020], "measure": ["plaatsingen"], "target": [5],
                       "source": ["SZW"]})
    res = ingest.load_exports([write_csv(df, tmp_path / "targets.csv")], root)
    assert not res.ok
    assert {p.table for p in res.problems if p.check == "missing_table"} == {"placements", "pilots", "proeftuinen",
                                                                            "regions"}
    assert versions.active(root) is None and not list(versions.versions_dir(root).iterdir())


def test_cli(root, tmp_path, capsys):
    bad = bad_not_allowed(root, tmp_path)[0]
    assert ingest.main([str(bad), "--data-dir", str(root)]) == 1
    out = capsys.readouterr().out
    assert "FOUT" in out and "kolom 'outcome'" in out and "ongewijzigd" in out

    good = write_csv(table_df(root, "targets", 12), tmp_path / "t.csv")
    assert ingest.main([str(good), "--table", "targets", "--data-dir", str(root), "--peildatum", "2025-01-31"]) == 0
    new_id = versions.active(root).id
    assert versions.active(root).peildatum == "2025-01-31"

    assert ingest.main(["--list", "--data-dir", str(root)]) == 0
    listing = capsys.readouterr().out
    assert f"* {new_id}" in listing and "upload" in listing

    old = [v.id for v in versions.list_versions(root) if v.id != new_id][0]
    assert ingest.main(["--activate", old, "--data-dir", str(root)]) == 0
    assert versions.active(root).id == old
