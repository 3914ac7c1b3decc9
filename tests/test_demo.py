"""The demo data: it follows the contract, is deterministic, covers the seed regions; data/README.md is generated from the contract."""

import pyarrow.parquet as pq
import pytest

from meedoen import contract, versions


@pytest.mark.parametrize("table", contract.REQUIRED_TABLES + ("employers",))
def test_demo_tables_follow_the_contract(demo_version, db, table):
    glob = versions.table_glob(demo_version.path, table)
    assert glob, f"{table} missing"
    files = sorted(demo_version.path.glob(f"{table}.parquet")) or sorted(demo_version.path.glob(f"{table}/**/*.parquet"))
    for f in files:
        schema = pq.read_schema(f)
        for col in contract.TABLES[table].columns:
            assert schema.field(col.name).type == col.type, (f, col.name)
    t = contract.TABLES[table]
    for col in t.columns:
        if col.required:
            assert db.con.execute(f'SELECT count(*) FROM {table} WHERE "{col.name}" IS NULL').fetchone()[0] == 0, col.name
        if col.allowed:
            bad = db.con.execute(f'SELECT DISTINCT "{col.name}" FROM {table} WHERE "{col.name}" IS NOT NULL '
                                 f'AND "{col.name}" NOT IN ({",".join("?" * len(col.allowed))})', list(col.allowed)).fetchall()
            assert bad == [], (col.name, bad)
        if col.pattern:
            n = db.con.execute(f'SELECT count(*) FROM {table} WHERE NOT regexp_matches("{col.name}", ?)', [col.pattern]).fetchone()[0]
            assert n == 0, col.name
    key = ", ".join(f'"{k}"' for k in t.key)
    dupes = db.con.execute(f"SELECT count(*) FROM (SELECT {key} FROM {table} GROUP BY ALL HAVING count(*) > 1)").fetchone()[0]
    assert dupes == 0
    for a, b in t.date_order:
        assert db.con.execute(f"SELECT count(*) FROM {table} WHERE {b} < {a}").fetchone()[0] == 0, (a, b)


def test_demo_is_deterministic(tmp_path):
    from meedoen import demo

    a = demo.generate(tmp_path / "a")
    b = demo.generate(tmp_path / "b")
    assert a["rows"] == b["rows"]
    for name in ("pilots.parquet", "targets.parquet", "regions.parquet"):
        assert pq.read_table(tmp_path / "a" / name).equals(pq.read_table(tmp_path / "b" / name))


def test_demo_covers_seed_regions_and_years(db):
    amrs = {r[0] for r in db.con.execute("SELECT DISTINCT arbeidsmarktregio_name FROM regions").fetchall()}
    assert {"Haaglanden", "Zuid-Holland Centraal", "Regio Zwolle", "West-Brabant"} <= amrs
    assert db.con.execute("SELECT count(DISTINCT provincie_code) FROM regions").fetchone()[0] >= 4
    years = db.con.execute("SELECT min(year(intake_date)), max(year(intake_date)) FROM placements").fetchone()
    assert years == (2015, 2025)


def test_data_readme_is_generated_from_the_contract():
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "data" / "README.md").read_text()
    assert readme.strip() == contract.to_markdown().strip(), "run: python -m meedoen.contract --markdown > data/README.md"
