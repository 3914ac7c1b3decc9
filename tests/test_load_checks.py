"""The loader's checks and messages: plausible ranges from the contract, nested types, damaged files
named as such, technical detail kept out of the Dutch message, and a load that streams."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from meedoen import contract, ingest, versions, validate



def active_table(root: Path, name: str) -> pa.Table:
    cols = ", ".join(contract.TABLES[name].column_names)
    g = versions.table_glob(versions.active(root).path, name)
    return duckdb.sql(f"SELECT {cols} FROM read_parquet('{g}') ORDER BY ALL").to_arrow_table().cast(
        contract.TABLES[name].schema)


# ---------------------------------------------------------------- 5. plausibility in the contract

NUMERIC = [(t.name, c) for t in contract.TABLES.values() for c in t.columns if c.numeric]


@pytest.mark.parametrize("table, col", NUMERIC, ids=[f"{t}.{c.name}" for t, c in NUMERIC])
def test_every_numeric_column_has_a_range_shown_in_the_data_dictionary(table, col):
    assert col.minimum is not None and col.maximum is not None and col.minimum < col.maximum
    readme = (Path(__file__).resolve().parent.parent / "data" / "README.md").read_text()
    row = next(line for line in readme.splitlines() if line.startswith(f"| `{col.name}` |"))
    assert contract.range_text(col) in row


def test_hours_per_week_is_0_to_60_declared_once():
    c = contract.PLACEMENTS.column("hours_per_week")
    assert (c.minimum, c.maximum) == (0, 60)
    src = (Path(contract.__file__)).read_text()
    assert src.count("maximum=60") == 1
    # The checks read the bound from the contract, not a copy of it.
    checks = [ch for ch in validate.column_checks(contract.PLACEMENTS, __import__("datetime").date(2030, 1, 1))
              if ch.name == "range" and ch.column == "hours_per_week"]
    assert checks and checks[0].params == {"min_hours_per_week": 0, "max_hours_per_week": 60}


def test_dictionary_page_shows_the_range(app_env):
    from conftest import app_test

    at = app_test({}, "app_pages/dictionary.py")
    assert not at.exception
    tables = [tb.value for tb in at.table if tb.value.columns[0] == "Kolom"]
    placements, targets = tables[0].set_index("Kolom"), tables[3].set_index("Kolom")
    assert placements.loc["hours_per_week", "Toegestane waarden"] == "0 – 60"
    assert targets.loc["year", "Toegestane waarden"] == "2000 – 2100"


def test_the_demo_data_is_within_every_range(base_store):
    v = versions.active(base_store)
    con = duckdb.connect()
    for t in contract.TABLES.values():
        g = versions.table_glob(v.path, t.name)
        if not g:
            continue
        con.execute(f"CREATE OR REPLACE VIEW t AS SELECT *, 1 AS __rij FROM read_parquet('{g}')")
        bad = [p.message_nl for p in validate.check_table(con, "t", t, t.name, __import__("datetime").date(2030, 1, 1))
               if p.check == "range"]
        assert not bad, bad


def test_too_high_and_too_low_are_both_named_with_every_row(root, tmp_path):
    t = active_table(root, "placements").slice(0, 300)
    hours = t.column("hours_per_week").to_pylist()
    for i in (10, 11, 250, 260):
        hours[i] = -8.0
    for i in (20, 150, 299):
        hours[i] = 400.0
    t = t.set_column(t.schema.get_field_index("hours_per_week"), "hours_per_week", pa.array(hours, pa.float64()))
    pq.write_table(t, tmp_path / "placements.parquet")

    res = ingest.load_exports([tmp_path / "placements.parquet"], root)

    assert not res.ok
    p = next(p for p in res.errors if p.check == "range")
    assert p.rows_affected == 7
    assert "rij 11 (-8)" in p.message_nl and "rij 21 (400)" in p.message_nl
    assert "Alle rijen: 11, 12, 21, 151, 251, 261, 300." in p.message_nl


def test_nested_values_are_refused_in_dutch(tmp_path, base_store):
    t = active_table(base_store, "pilots")
    t = t.set_column(t.schema.get_field_index("activity"), "activity",
                     pa.array([[a, "extra"] for a in t.column("activity").to_pylist()]))
    pq.write_table(t, tmp_path / "pilots.parquet")
    with pytest.raises(ingest.ExportError) as e:
        ingest.read_export(tmp_path / "pilots.parquet")
    p = e.value.problems[0]
    assert p.check == "nested" and p.column == "activity"
    assert "samengestelde waarden" in p.message_nl and "list" in p.detail


# ---------------------------------------------------------------- 8. Dutch message, technical detail apart

ENGLISH = ("magic", "footer", "Parquet", "Arrow", "Invalid", "Error", "error", "Expected", "columns, got")


@pytest.mark.parametrize("content, fragment", [
    (b"PAR1" + bytes(range(256)) * 8, "afgekapt"),
    (b"dit is helemaal geen parquet", "begint niet als een parquet-bestand"),
])
def test_damaged_parquet_is_named_and_the_technical_text_is_in_the_details(tmp_path, content, fragment):
    p = tmp_path / "targets.parquet"
    p.write_bytes(content)
    table, problems = ingest.validate_file(p)
    assert problems[0].check == "corrupt"
    msg = problems[0].message_nl
    assert "targets.parquet" in msg and fragment in msg
    assert not [w for w in ENGLISH if w in msg], msg
    assert problems[0].detail  # what the library said, for whoever wants it


def test_truncated_version_of_a_good_file(tmp_path, base_store):
    good = (versions.active(base_store).path / "targets.parquet").read_bytes()
    p = tmp_path / "targets.parquet"
    p.write_bytes(good[: len(good) * 2 // 3])
    _, problems = ingest.validate_file(p)
    assert problems[0].check == "corrupt" and "afgekapt" in problems[0].message_nl


def test_csv_parse_errors_name_the_rows(tmp_path, base_store):
    t = active_table(base_store, "targets")
    p = tmp_path / "targets.csv"
    import pyarrow.csv as pcsv

    pcsv.write_csv(t, p)
    lines = p.read_text().splitlines()
    lines[7] += ",extra veld"
    lines[30] = lines[30].split(",")[0]
    p.write_text("\n".join(lines) + "\n")
    _, problems = ingest.validate_file(p)
    bad = [x for x in problems if x.check == "csv_parse"]
    assert bad, [x.message_nl for x in problems]
    msg = bad[0].message_nl
    assert "rij 7, 30" in msg and "verkeerd aantal velden" in msg
    assert not [w for w in ENGLISH if w in msg], msg


# ---------------------------------------------------------------- 7. a load streams

def test_a_load_streams_in_blocks_and_never_holds_the_whole_table(root, tmp_path, monkeypatch):
    """Many blocks in, many row groups out, DuckDB under a small memory limit, and no call that
    gathers a whole table in memory."""
    t = active_table(root, "placements")
    n = t.num_rows
    import pyarrow.csv as pcsv

    p = tmp_path / "placements.csv"
    pcsv.write_csv(t, p)
    monkeypatch.setattr(ingest, "CSV_BLOCK", 64 << 10)
    monkeypatch.setattr(ingest, "OUT_GROUP", 2_000)
    monkeypatch.setattr(ingest, "LOAD_MEMORY", "64MB")
    blocks = []
    real_write = ingest._RawWriter.write

    def write(self, batch):
        blocks.append(batch.num_rows)
        return real_write(self, batch)

    def whole(*a, **k):
        raise AssertionError("a whole table was gathered in memory")

    monkeypatch.setattr(ingest._RawWriter, "write", write)
    monkeypatch.setattr(ingest.pa, "concat_tables", whole)
    monkeypatch.setattr(ingest, "_contract_table", whole)
    limits = []
    real_duck = ingest._duck
    monkeypatch.setattr(ingest, "_duck", lambda work: limits.append(1) or real_duck(work))

    res = ingest.load_exports([p], root)

    assert res.ok, [x.message_nl for x in res.problems]
    assert sum(blocks) == n and len(blocks) > 5 and max(blocks) < n
    out = pq.ParquetFile(versions.active(root).path / "placements.parquet")
    assert out.metadata.num_rows == n and out.num_row_groups >= n // 2_000
    assert limits  # every DuckDB step of the load ran on the bounded connection
    con = real_duck(tmp_path / "w")
    assert con.execute("SELECT current_setting('memory_limit')").fetchone()[0].endswith("MiB")  # not GiB
    con.close()
