"""The SQL lab: escapes refused, limits enforced, normal queries answered, on real demo parquet."""

from __future__ import annotations

import contextlib
import hashlib
import threading
import time
from pathlib import Path

import duckdb
import pyarrow.dataset as ds
import pytest

from meedoen import contract, demo
from meedoen.query import labdata, labworker
from meedoen.query.sqllab import MESSAGES, SqlLab, explain_model_markdown
from meedoen.versions import Version, table_glob

ROOT = Path(__file__).resolve().parent.parent

SLOW_SQL = "SELECT count(*) FROM range(100000000) a, range(100000000) b WHERE a.range + b.range = -1"


@pytest.fixture(scope="module")
def version(tmp_path_factory) -> Version:
    path = tmp_path_factory.mktemp("store") / "v1"
    demo.generate(path, rows=None, geo_dir=None)
    return Version("test", path, {})


@pytest.fixture(scope="module")
def lab(version):
    lab = SqlLab(version)
    lab.workers.wait_ready()
    yield lab
    lab.close()


@pytest.fixture()
def outside(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("outside")


def _fragment(key: str) -> str:
    """A fixed part of a refusal message, to tell the categories apart."""
    return MESSAGES[key].split("{")[0][:40]


# (id, SQL with {data} = the version folder and {out} = a folder outside it, message key,
#  a path that must not exist afterwards)
ESCAPES = [
    ("read_csv_passwd", "SELECT * FROM read_csv('/etc/passwd')", "file", None),
    ("read_csv_auto", "SELECT * FROM read_csv_auto('/etc/passwd')", "file", None),
    ("read_text", "SELECT * FROM read_text('/etc/hostname')", "file", None),
    ("read_blob", "SELECT * FROM read_blob('/etc/hostname')", "file", None),
    ("read_json_in_data", "SELECT * FROM read_json('{data}/manifest.json')", "file", None),
    ("read_parquet_in_data", "SELECT * FROM read_parquet('{data}/pilots.parquet')", "file", None),
    ("glob", "SELECT * FROM glob('/*')", "file", None),
    ("glob_in_where", "SELECT 1 FROM pilots WHERE EXISTS (SELECT 1 FROM glob('{data}/*'))", "file", None),
    ("sniff_csv", "SELECT * FROM sniff_csv('/etc/passwd')", "file", None),
    ("path_as_table", "SELECT * FROM '/etc/passwd'", "file_table", None),
    ("path_in_describe", "DESCRIBE '/etc/passwd'", "file_table", None),
    ("copy_out", "COPY (SELECT 1) TO '{out}/x.csv'", "copy", "{out}/x.csv"),
    ("copy_into_data", "COPY (SELECT 1) TO '{data}/x.csv'", "copy", "{data}/x.csv"),
    ("copy_view_into_data", "COPY pilots TO '{data}/pilots.csv'", "copy", "{data}/pilots.csv"),
    ("attach", "ATTACH '{out}/a.duckdb' AS a", "attach", "{out}/a.duckdb"),
    ("detach", "DETACH memory", "attach", None),
    ("install", "INSTALL httpfs", "extension", None),
    ("load", "LOAD httpfs", "extension", None),
    ("set_threads", "SET threads = 8", "set", None),
    ("unlock", "SET lock_configuration = false", "set", None),
    ("reset", "RESET memory_limit", "set", None),
    ("set_variable", "SET VARIABLE x = 1", "set", None),
    ("pragma", "PRAGMA version", "pragma", None),
    ("pragma_set", "PRAGMA threads = 4", "pragma", None),
    ("export_out", "EXPORT DATABASE '{out}/exp'", "export", "{out}/exp"),
    ("export_into_data", "EXPORT DATABASE '{data}/exp'", "export", "{data}/exp"),
    ("import", "IMPORT DATABASE '{data}'", "export", None),
    ("call", "CALL pragma_version()", "call", None),
    ("two_statements", "SELECT 1; DROP VIEW placements", "multi", None),
    ("create_table", "CREATE TABLE t AS SELECT 1", "write", None),
    ("create_view", "CREATE OR REPLACE VIEW pilots AS SELECT 1 AS x", "write", None),
    ("drop_view", "DROP VIEW placements", "write", None),
    ("insert_via_cte", "WITH a AS (SELECT 1) INSERT INTO t SELECT * FROM a", "write", None),
    ("getenv", "SELECT getenv('HOME')", "system", None),
    ("current_setting", "SELECT current_setting('allowed_directories')", "system", None),
    ("duckdb_settings", "SELECT * FROM duckdb_settings()", "system", None),
    ("qualified_function", "SELECT * FROM system.main.duckdb_settings()", "qualified", None),
    ("pragma_function", "SELECT * FROM pragma_table_info('pilots')", "system", None),
    ("query_dynamic", "SELECT * FROM query('SELECT 42')", "dynamic", None),
    ("query_table", "SELECT * FROM query_table('pilots')", "dynamic", None),
    ("execute_serialized", "SELECT * FROM json_execute_serialized_sql('{{}}')", "dynamic", None),
    ("catalog_view", "SELECT * FROM information_schema.tables", "qualified", None),
    ("unknown_table", "SELECT * FROM pg_settings", "unknown_table", None),
    ("secret", "CREATE SECRET s (TYPE s3, KEY_ID 'a', SECRET 'b')", "write", None),
    ("explain_analyze", "EXPLAIN ANALYZE SELECT 1", "explain", None),
]


@pytest.mark.parametrize("sql,key,must_not_exist", [e[1:] for e in ESCAPES], ids=[e[0] for e in ESCAPES])
def test_escape_attempts_are_refused(lab, version, outside, sql, key, must_not_exist):
    fmt = {"data": Path(version.path).resolve(), "out": outside}
    res = lab.run(sql.format(**fmt))
    assert res.df is None and res.row_count == 0 and not res.truncated
    assert res.error and _fragment(key) in res.error, res.error
    if must_not_exist:
        assert not Path(must_not_exist.format(**fmt)).exists()


def test_refusal_categories_have_distinct_messages():
    keys = {e[2] for e in ESCAPES}
    assert len({_fragment(k) for k in keys}) == len(keys)


def _store_hashes(folder: Path) -> dict[str, str]:
    return {str(f.relative_to(folder)): hashlib.sha256(f.read_bytes()).hexdigest()
            for f in sorted(folder.rglob("*")) if f.is_file()}


def _parquet_rows(version) -> dict[str, int]:
    """Rows per table, read straight from the version's parquet (not through the lab)."""
    out = {}
    for name in contract.TABLES:
        g = table_glob(Path(version.path), name)
        out[name] = ds.dataset(g.replace("/**/*.parquet", ""), format="parquet").count_rows() if g else 0
    return out


def test_lab_still_intact_after_escape_attempts(lab, version):
    before = _store_hashes(Path(version.path))
    schema = labdata.schema(lab.path)  # read from the lab file itself, not from the lab's cached list
    attempts = ("SET threads = 8", "SELECT 1; DROP VIEW placements", "CREATE OR REPLACE VIEW pilots AS SELECT 1 AS x",
                "WITH a AS (DELETE FROM pilots RETURNING *) SELECT * FROM a",
                "WITH a AS (COPY (SELECT 1 AS x) TO '{data}/pilots.parquet' (FORMAT parquet)) SELECT 1",
                "WITH a AS (INSERT INTO regions SELECT * FROM regions RETURNING *) SELECT count(*) FROM a",
                "COPY (SELECT '{{}}' AS m) TO '{data}/manifest.json'")
    for sql in attempts:
        assert lab.run(sql.format(data=Path(version.path).resolve())).error
    assert _store_hashes(Path(version.path)) == before  # every file of the version, the lab file included
    assert labdata.schema(lab.path) == schema and "x" not in dict(schema["pilots"])
    counts = _parquet_rows(version)
    for name, n in counts.items():
        res = lab.run(f"SELECT count(*) AS n FROM {name}")
        assert res.error is None and res.df["n"][0] == n, name
    settings = lab.run("SELECT current_setting('threads')")  # refused by the check ...
    assert settings.refused
    with _engine(lab) as con:  # ... and the engine itself still has its own settings
        assert con.execute("SELECT current_setting('threads')").fetchone()[0] == lab.threads


@contextlib.contextmanager
def _engine(lab):
    """The engine a worker opens for a query (same file, same configuration), here in the test process."""
    con = duckdb.connect(str(lab.path), read_only=True,
                         config=labworker.engine_config(lab.memory_limit, lab.threads, lab.time_limit))
    try:
        yield con
    finally:
        con.close()


def test_engine_is_locked_even_without_the_statement_check(lab, version, outside):
    """Defence in depth: the worker's engine, given SQL the check would refuse, cannot read, write or unlock."""
    before = _store_hashes(Path(version.path))
    with _engine(lab) as cur:
        settings = dict(cur.execute(
            "SELECT name, value FROM duckdb_settings() WHERE name IN ('enable_external_access', "
            "'lock_configuration', 'autoinstall_known_extensions', 'autoload_known_extensions', "
            "'python_enable_replacements', 'max_temp_directory_size', 'threads', 'allowed_directories', "
            "'temp_directory')").fetchall())
        assert settings == {"enable_external_access": "false", "lock_configuration": "true",
                            "autoinstall_known_extensions": "false", "autoload_known_extensions": "false",
                            "python_enable_replacements": "false", "max_temp_directory_size": "0 bytes",
                            "threads": str(lab.threads), "allowed_directories": "[]", "temp_directory": ""}
        assert cur.execute("SELECT current_setting('max_execution_time')").fetchone()[0] == int(lab.time_limit * 1000)
        for sql in ("SET lock_configuration = false", "SET enable_external_access = true",
                    "SET GLOBAL max_execution_time = 0", "SET allowed_configs = ['threads']",
                    "SET allowed_directories = ['/']"):
            with pytest.raises(duckdb.Error, match="locked|Cannot change"):
                cur.execute(sql)
        data = Path(version.path).resolve()
        for sql in ("SELECT * FROM read_csv('/etc/passwd')", f"SELECT * FROM '{data}/pilots.parquet'",
                    f"COPY (SELECT 1) TO '{outside}/raw.csv'", f"COPY (SELECT 1) TO '{data}/raw.csv'",
                    f"COPY (SELECT 1) TO '{ROOT}/raw.csv'", f"ATTACH '{outside}/a.duckdb' AS a",
                    "ATTACH ':memory:' AS m", "CREATE TABLE t AS SELECT 1", "DROP VIEW placements_m",
                    "DELETE FROM pilots", "UPDATE targets SET target = 0", "INSERT INTO regions SELECT * FROM regions",
                    "CREATE OR REPLACE VIEW pilots AS SELECT 1", f"EXPORT DATABASE '{outside}/exp'",
                    "LOAD httpfs", "INSTALL httpfs"):
            with pytest.raises(duckdb.Error):
                cur.execute(sql).fetchall()
        cur.execute("CHECKPOINT")  # accepted, but a read-only database has nothing to write (hashes below)
    assert not (outside / "raw.csv").exists() and not (ROOT / "raw.csv").exists() and not (data / "raw.csv").exists()
    assert not list(outside.iterdir())
    assert _store_hashes(Path(version.path)) == before


def test_pilot_outcomes_leidschendam_voorburg(lab):
    res = lab.run("""
        WITH p AS (SELECT * FROM pilots WHERE pilot = 'Alternatief beschut werk 2016' AND gemeente_code = 'GM1916')
        SELECT outcome, count(DISTINCT person_key) AS n FROM p GROUP BY outcome ORDER BY outcome
    """)
    assert res.error is None, res.error
    assert dict(zip(res.df["outcome"], res.df["n"])) == {"regulier_werk": 2, "traject_naar_werk": 1,
                                                         "beschut_werk_nodig": 6}
    assert res.row_count == 3 and not res.truncated and res.elapsed >= 0


def test_shared_macros_and_read_only_forms_are_allowed(lab):
    assert lab.run("SELECT count(*) AS n FROM sel_placements('GM1783', NULL, NULL)").df["n"][0] > 0
    assert lab.run("SELECT round(wilson_lo(2, 9), 3) AS lo").df["lo"][0] == pytest.approx(0.063, abs=1e-3)
    assert list(lab.run("DESCRIBE pilots").df["column_name"]) == [c for c, _ in lab.tables()["pilots"]]
    pivot = lab.run("PIVOT (SELECT outcome FROM pilots WHERE pilot = 'Alternatief beschut werk 2016') "
                    "ON outcome IN ('regulier_werk', 'beschut_werk_nodig') USING count(*)")
    assert pivot.error is None and pivot.df.iloc[0].to_dict() == {"regulier_werk": 2, "beschut_werk_nodig": 6}
    assert lab.run("SELECT 1 AS x -- a comment").df["x"][0] == 1


def test_pivot_without_values_is_refused_with_a_hint(lab):
    res = lab.run("PIVOT pilots ON outcome USING count(*)")
    assert res.error == MESSAGES["pivot"]


def test_tables_lists_every_view_with_types(lab):
    tables = lab.tables()
    assert {"placements", "pilots", "proeftuinen", "targets", "regions", "employers"} <= set(tables)
    assert ("outcome", "VARCHAR") in tables["pilots"]
    assert ("start_date", "DATE") in tables["pilots"]


@pytest.mark.parametrize("sql,expected_prefix", [
    ("SELEC 1", MESSAGES["syntax"].split("{")[0]),
    ("SELECT nope FROM pilots", MESSAGES["error"].split("{")[0]),
    ("SELECT 1/0::INTEGER, error('kapot')", MESSAGES["error"].split("{")[0]),
    ("", MESSAGES["empty"]),
    ("-- only a comment", MESSAGES["empty"]),
], ids=["syntax", "unknown_column", "runtime", "empty", "comment_only"])
def test_bad_sql_returns_a_dutch_error_never_raises(lab, sql, expected_prefix):
    res = lab.run(sql)
    assert res.df is None and res.error.startswith(expected_prefix), res.error


def test_syntax_error_carries_duckdb_detail(lab):
    res = lab.run("SELECT * FORM pilots")
    assert "FORM" in res.error and "syntax error" in res.error


def test_row_cap_reports_truncation(version):
    lab = SqlLab(version, max_rows=10)
    try:
        cut = lab.run("SELECT range AS i FROM range(1000) ORDER BY i DESC")
        assert cut.truncated and cut.row_count == 10 and len(cut.df) == 10
        assert list(cut.df["i"]) == list(range(999, 989, -1))  # the order of the query is kept
        exact = lab.run("SELECT range AS i FROM range(10)")
        assert not exact.truncated and exact.row_count == 10
    finally:
        lab.close()


def test_slow_query_is_cancelled_and_lab_recovers(version):
    lab = SqlLab(version, time_limit=1)
    try:
        res = lab.run(SLOW_SQL)
        assert res.error == MESSAGES["timeout"].format(limit=1)
        assert "afgebroken na 1 s" in res.error
        assert lab.run("SELECT count(*) AS n FROM pilots").df["n"][0] == 188
    finally:
        lab.close()


def test_per_call_limit_can_only_shorten(version):
    lab = SqlLab(version, time_limit=1)
    try:
        assert lab.run(SLOW_SQL, time_limit=0.5).error == MESSAGES["timeout"].format(limit=0.5)
        assert lab.run(SLOW_SQL, time_limit=30).error == MESSAGES["timeout"].format(limit=1)
    finally:
        lab.close()


def test_other_queries_run_while_one_is_slow(version):
    lab = SqlLab(version, time_limit=2)
    assert lab.workers.size >= 2 and lab.workers.wait_ready()
    times = {}

    def timed(name, sql):
        start = time.monotonic()
        times[name] = (start, lab.run(sql), time.monotonic())

    t = threading.Thread(target=timed, args=("slow", SLOW_SQL))
    t.start()
    while lab.workers.busy() == 0 and t.is_alive():  # the slow query holds a worker now
        time.sleep(0.01)
    timed("quick", "SELECT count(*) AS n FROM pilots WHERE gemeente_code = 'GM1916'")
    t.join()
    s_start, slow, s_end = times["slow"]
    q_start, quick, q_end = times["quick"]
    assert quick.error is None and quick.df["n"][0] > 0
    assert slow.error == MESSAGES["timeout"].format(limit=2)
    assert s_start < q_start and q_end < s_end  # the quick one ran inside the slow one's run: they overlapped


def test_explain_model_markdown_names_the_limits():
    text = explain_model_markdown()
    for word in ("sql_time_limit", "sql_max_rows", "sql_memory_limit", "lock_configuration", "COPY", "read_csv"):
        assert word in text


def test_memory_limit_stops_a_greedy_query(lab):
    res = lab.run("SELECT list(range) FROM range(300000000)")  # ~2.4 GB as one list
    # Stopped by the memory limit, or (on a very busy machine) by the time limit first.
    assert res.error.startswith(MESSAGES["memory"].split("{")[0]) or \
        res.error == MESSAGES["timeout"].format(limit=lab.time_limit), res.error
    assert lab.run("SELECT 1 AS x").df["x"][0] == 1
