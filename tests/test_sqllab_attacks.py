"""The SQL lab under attack: each attempt is refused, stopped or cut, changes no file and leaves the lab working.

Every attempt is checked for its effects, not just its message: no file of the data store, the
workers' temp folder or the checkout changed (hashes before and after), the process hosting the lab
(the dashboard's, here the test's) did not grow by 100 MB, the answer came within the time limit
plus one second, and the lab answers the next query correctly. Small limits keep this fast.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from meedoen import demo, i18n
from meedoen.query import labdata
from meedoen.query.sqllab import MESSAGES, Pool, SqlLab
from meedoen.versions import Version

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 2.0  # seconds: the lab's time limit in these tests
MAX_MB = 4  # the result cap in these tests
WORKER_MB = 1024  # address space of a worker in these tests
SKIP_DIRS = {".git", ".venv", "__pycache__", ".pytest_cache", ".hypothesis"}  # tooling caches


def _hashes(folder: Path) -> dict[str, str]:
    """Content hash of every file, and every folder, under `folder`."""
    out = {}
    for f in sorted(folder.rglob("*")):
        out[str(f.relative_to(folder))] = hashlib.sha256(f.read_bytes()).hexdigest() if f.is_file() else "dir"
    return out


def _checkout() -> dict[str, tuple[int, int]]:
    """Size and modification time of every file of the checkout (not git's or the caches)."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(ROOT):
        dirnames[:] = [d for d in dirnames if d not in SKIP_DIRS]
        for name in filenames:
            st = os.stat(os.path.join(dirpath, name))
            out[os.path.join(dirpath, name)] = (st.st_size, st.st_mtime_ns)
    return out


def _load_slack() -> float:
    """Seconds added to the bound on a machine far busier than its cores (shared CI): the wall
    clock then runs ahead of the work, and the kill itself waits for a core."""
    return 2.0 if os.getloadavg()[0] > 2 * (os.cpu_count() or 1) else 0.0


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    store = tmp_path_factory.mktemp("attack-store")
    demo.generate(store / "v1", rows=None, geo_dir=None)
    version = Version("attack", store / "v1", {})
    tmp = tmp_path_factory.mktemp("attack-tmp")
    old = os.environ.get("MEEDOEN_SQL_MEMORY_LIMIT")
    os.environ["MEEDOEN_SQL_MEMORY_LIMIT"] = "256MB"
    workers = Pool(2, WORKER_MB, tmpdir=str(tmp))
    try:
        lab = SqlLab(version, time_limit=LIMIT, max_rows=1000, max_result_mb=MAX_MB, workers=workers)
        assert workers.wait_ready()
        pilots = lab.run("SELECT count(*) AS n FROM pilots").df["n"][0]
        lab.run("SELECT * FROM placements LIMIT 1000")  # warm: pandas and Arrow conversion loaded
        yield {"lab": lab, "store": store, "tmp": tmp, "data": (store / "v1").resolve(), "pilots": pilots,
               "rss": _rss_mb(), "version": version}
    finally:
        workers.close()
        if old is None:
            os.environ.pop("MEEDOEN_SQL_MEMORY_LIMIT", None)
        else:
            os.environ["MEEDOEN_SQL_MEMORY_LIMIT"] = old


BIG = "SELECT count(*) FROM range(100000000) a, range(100000000) b WHERE a.range + b.range = -1"
SLOW = "SELECT count(*) FROM range(10000000000000) WHERE range % 7 = 3"  # no memory, just time
LONG_SUM = "SELECT " + "+".join(["1"] * 45_000)  # ~90,000 characters: long but within the length limit
DEEP = "SELECT " + "(" * 3000 + "1" + ")" * 3000
MANY_UNIONS = " UNION ALL ".join(["SELECT 1"] * 4000)

# (id, SQL with {data} = version folder, {tmp} = workers' temp folder, {root} = checkout; outcome)
# outcome: 'refused' (the check refused it), 'stopped' (it ran and was stopped, or failed), 'cut'
# (it ran and the result was truncated to the caps), 'error' (refused or stopped: either is safe).
ATTACKS = [
    # nested writes
    ("cte_delete", "WITH a AS (DELETE FROM placements RETURNING *) SELECT count(*) FROM a", "refused"),
    ("cte_insert", "WITH a AS (INSERT INTO pilots SELECT * FROM pilots RETURNING *) SELECT count(*) FROM a", "refused"),
    ("cte_update", "WITH a AS (UPDATE targets SET target = 0 RETURNING *) SELECT * FROM a", "refused"),
    ("subquery_cte_delete", "SELECT * FROM (WITH x AS (DELETE FROM regions RETURNING *) SELECT * FROM x)", "refused"),
    ("exists_cte_delete", "SELECT 1 WHERE EXISTS (WITH d AS (DELETE FROM pilots RETURNING 1) SELECT * FROM d)",
     "refused"),
    ("materialized_insert", "WITH a AS MATERIALIZED (INSERT INTO targets SELECT * FROM targets RETURNING *) "
                            "SELECT * FROM a", "refused"),
    ("cte_copy_manifest", "WITH a AS (COPY (SELECT 'x' AS peildatum) TO '{data}/manifest.json') SELECT 1", "refused"),
    ("cte_copy_table", "WITH a AS (COPY placements TO '{data}/placements.parquet' (FORMAT parquet)) SELECT 1",
     "refused"),
    ("top_insert", "INSERT INTO pilots SELECT * FROM pilots", "refused"),
    ("top_update", "UPDATE targets SET target = 999", "refused"),
    ("top_delete", "DELETE FROM placements", "refused"),
    ("create_view_shadow", "CREATE OR REPLACE VIEW placements_m AS SELECT * FROM placements_m LIMIT 0", "refused"),
    ("create_temp_view", "CREATE TEMP VIEW pilots AS SELECT 1 AS fake", "refused"),
    ("alter_rename", "ALTER TABLE pilots RENAME TO p2", "refused"),
    ("checkpoint", "CHECKPOINT", "refused"),
    # files, every route
    ("read_csv", "SELECT * FROM read_csv('/etc/passwd')", "refused"),
    ("path_in_from", "SELECT * FROM '/etc/passwd'", "refused"),
    ("quoted_path_identifier", 'SELECT * FROM "{data}/pilots.parquet"', "refused"),
    ("manifest_as_table", "FROM '{data}/manifest.json'", "refused"),
    ("cte_name_is_path", "WITH \"/etc/passwd\" AS (SELECT 1) SELECT * FROM (SELECT * FROM '/etc/passwd')", "refused"),
    ("cte_path_other_scope", "SELECT * FROM (WITH \"{data}/pilots.parquet\" AS (SELECT 1) SELECT 1), "
                             "(SELECT * FROM \"{data}/pilots.parquet\")", "refused"),
    ("read_text", "SELECT * FROM read_text('{data}/manifest.json')", "refused"),
    ("read_parquet_list", "SELECT * FROM read_parquet(['{data}/pilots.parquet'])", "refused"),
    ("glob", "SELECT * FROM glob('{data}/*')", "refused"),
    ("parquet_metadata", "SELECT * FROM parquet_metadata('{data}/pilots.parquet')", "refused"),
    ("describe_path", "DESCRIBE '/etc/passwd'", "refused"),
    ("summarize_path", "SUMMARIZE SELECT * FROM '/etc/passwd'", "refused"),
    ("copy_to_checkout", "COPY (SELECT 1) TO '{root}/x.csv'", "refused"),
    ("copy_to_tmp", "COPY (SELECT 1) TO '{tmp}/x.csv'", "refused"),
    ("copy_to_data", "COPY pilots TO '{data}/pilots.parquet' (FORMAT parquet)", "refused"),
    ("export_database", "EXPORT DATABASE '{tmp}/exp'", "refused"),
    ("attach_file", "ATTACH '{tmp}/a.duckdb' AS a", "refused"),
    ("attach_memory", "ATTACH ':memory:' AS m", "refused"),
    ("load_extension", "LOAD httpfs", "refused"),
    # dynamic SQL
    ("query_copy", "SELECT * FROM query('COPY (SELECT 1) TO ''{tmp}/q.csv''')", "refused"),
    ("query_table", "SELECT * FROM query_table('pilots')", "refused"),
    ("execute_serialized", "SELECT json_execute_serialized_sql(json_serialize_sql('SELECT 1'))", "refused"),
    ("prepare", "PREPARE p AS DELETE FROM pilots", "refused"),
    # settings and the catalogue
    ("unlock", "SET lock_configuration = false", "refused"),
    ("external_access", "SET enable_external_access = true", "refused"),
    ("read_setting", "SELECT current_setting('allowed_directories')", "refused"),
    ("pragma_memory", "PRAGMA memory_limit = '100GB'", "refused"),
    ("duckdb_settings", "SELECT * FROM duckdb_settings()", "refused"),
    ("set_variable", "SET VARIABLE x = 1", "refused"),
    ("use_system", "USE system", "refused"),
    ("catalog_qualified", "SELECT * FROM system.main.duckdb_settings()", "refused"),
    ("information_schema", "SELECT * FROM information_schema.tables", "refused"),
    ("getenv", "SELECT getenv('HOME')", "refused"),
    # huge scalars, lists and results
    ("huge_repeat", "SELECT length(repeat('x', 1500000000)) AS n", "stopped"),
    ("huge_list", "SELECT list(range) FROM range(300000000)", "stopped"),
    ("huge_string_agg", "SELECT length(string_agg(repeat('x', 1000), ',')) FROM range(3000000)", "stopped"),
    ("huge_range_list", "SELECT len(range(0, 2000000000))", "stopped"),
    ("huge_rows", "SELECT repeat('x', 1000000) AS s FROM range(1000)", "stopped"),
    ("wide_result", "SELECT repeat('x', 10000) AS s FROM range(100000)", "cut"),
    ("long_result", "SELECT * FROM range(100000000)", "cut"),
    # runaway joins and recursion
    ("cross_join_placements", "SELECT count(*) FROM placements a, placements b, placements c", "stopped"),
    ("cartesian_range", BIG, "stopped"),
    ("recursive_forever", "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT max(n) FROM r",
     "stopped"),
    ("recursive_doubling", "WITH RECURSIVE r(s) AS (SELECT 'x' UNION ALL SELECT s || s FROM r) "
                           "SELECT max(length(s)) FROM r", "stopped"),
    # very long SQL
    ("too_long", "SELECT 1" + " " * 200_000, "refused"),
    ("long_expression", LONG_SUM, "error"),
    ("deep_nesting", DEEP, "error"),
    ("many_unions", MANY_UNIONS, "error"),
]


def test_there_are_enough_distinct_attacks():
    assert len({a[0] for a in ATTACKS}) == len(ATTACKS) >= 40
    assert len({a[1] for a in ATTACKS}) == len(ATTACKS)


@pytest.mark.parametrize("sql,outcome", [a[1:] for a in ATTACKS], ids=[a[0] for a in ATTACKS])
def test_attack(setup, sql, outcome):
    lab = setup["lab"]
    assert lab.workers.wait_ready()  # a worker killed by the previous attempt is replaced first
    sql = sql.format(data=setup["data"], tmp=setup["tmp"], root=ROOT)
    store, tmp, checkout = _hashes(setup["store"]), _hashes(setup["tmp"]), _checkout()
    t0 = time.monotonic()
    res = lab.run(sql)
    took = time.monotonic() - t0

    if outcome == "refused":
        assert res.refused and res.error and res.df is None, res
    elif outcome == "stopped":
        assert res.error and not res.refused and res.df is None, res
    elif outcome == "error":
        assert res.error and res.df is None, res
    else:  # cut: it ran, within both caps, and says so
        assert res.error is None and res.truncated and res.cut in ("rows", "bytes"), res
        assert res.row_count <= lab.max_rows and res.df.memory_usage(deep=True).sum() <= 2 * MAX_MB * 2**20
    assert took <= LIMIT + 1 + _load_slack(), f"answered after {took:.1f} s"
    assert _hashes(setup["store"]) == store
    assert _hashes(setup["tmp"]) == tmp
    assert _checkout() == checkout
    assert _rss_mb() - setup["rss"] < 100
    after = lab.run("SELECT count(*) AS n FROM pilots")
    assert after.error is None and after.df["n"][0] == setup["pilots"]


def test_killed_worker_is_replaced(setup):
    lab = setup["lab"]
    assert lab.workers.wait_ready()
    pids, started = set(lab.workers.pids()), lab.workers.started
    res = lab.run("SELECT length(repeat(repeat('x', 100000), 100000)) AS n")  # one long scalar call
    assert res.error and not res.refused
    assert lab.workers.wait_ready()
    assert len(lab.workers.pids()) == lab.workers.size
    if res.error == MESSAGES["timeout"].format(limit=LIMIT) or lab.workers.started > started:
        assert lab.workers.started > started and set(lab.workers.pids()) != pids
    assert lab.run("SELECT 42 AS x").df["x"][0] == 42


def test_the_time_limit_holds_for_a_single_long_scalar_call(setup):
    """The interrupt is not checked inside one scalar call: the worker is killed, the researcher told."""
    lab = setup["lab"]
    assert lab.workers.wait_ready()
    started = lab.workers.started
    t0 = time.monotonic()
    # One call of list_transform does all the work (about 2 GB of regular-expression scanning, ~10 s on
    # a fast idle core), in pieces small enough for the worker's memory.
    res = lab.run("SELECT list_sum(list_transform(range(50000), lambda x: "
                  "length(regexp_replace(repeat('ab', 20000 + x % 7), '(a|b)+c', 'x', 'g'))))")
    took = time.monotonic() - t0
    assert res.error and took <= LIMIT + 1 + _load_slack()
    if res.error == MESSAGES["timeout"].format(limit=LIMIT):
        assert lab.workers.wait_ready() and lab.workers.started >= started
    assert lab.run("SELECT count(*) AS n FROM pilots").df["n"][0] == setup["pilots"]


def test_result_cap_in_bytes_is_reported(setup):
    res = setup["lab"].run("SELECT repeat('x', 20000) AS s FROM range(5000)")  # ~95 MB asked, 4 MB allowed
    assert res.cut == "bytes" and res.truncated and 0 < res.row_count < 5000, res
    assert res.row_count * 20_000 <= MAX_MB * 2**20 < (res.row_count + 1) * 20_000 + 2**16


def test_refusals_are_dutch_by_default_and_english_on_request(setup):
    lab = setup["lab"]
    sql = "WITH a AS (DELETE FROM pilots RETURNING *) SELECT * FROM a"
    assert "Alleen lezen is toegestaan" in lab.run(sql).error
    i18n.set_lang("en")
    try:
        assert "Only reading is allowed" in lab.run(sql).error
        assert "Query stopped after 1 s" in lab.run(SLOW, time_limit=1).error
    finally:
        i18n.set_lang("nl")


# ------------------------------------------------------------------ the operating system's limits


def test_worker_cannot_write_any_file_even_from_python(tmp_path):
    """RLIMIT_FSIZE 0 in the worker: not even Python code in it can grow a file."""
    target = tmp_path / "x.txt"
    code = ("import sys; from meedoen.query import labworker; labworker.limit_self(1024); "
            f"f = open({str(target)!r}, 'w'); f.write('x' * 10); f.flush()")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode != 0 and "File too large" in proc.stderr
    assert not target.exists() or target.stat().st_size == 0


def test_worker_address_space_is_limited_and_duckdb_still_works():
    """RLIMIT_AS, not RSS: DuckDB 2.0 works under it, and an allocation past it fails in the worker."""
    code = ("import resource, duckdb; from meedoen.query import labworker; labworker.limit_self(512); "
            "print(resource.getrlimit(resource.RLIMIT_AS)[0] >> 20); "
            "con = duckdb.connect(config={'memory_limit': '2GB', 'threads': 1}); "
            "print(con.execute('SELECT sum(range) FROM range(10000000)').fetchone()[0]); "
            "\ntry:\n    con.execute(\"SELECT length(repeat('x', 900000000))\").fetchall()\n"
            "except duckdb.OutOfMemoryException:\n    print('oom')\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.stdout.split() == ["512", str(sum(range(10_000_000))), "oom"], proc.stderr


# ------------------------------------------------------------------ region restriction


@pytest.fixture(scope="module")
def restricted(setup):
    lab = SqlLab(setup["version"], time_limit=LIMIT, max_rows=5000, max_result_mb=MAX_MB, regions={"GM1783"},
                 workers=setup["lab"].workers)
    return lab


GM_TABLES = ("placements", "pilots", "proeftuinen", "targets", "regions", "employers")


def test_restricted_lab_sees_only_its_regions_in_every_table(setup, restricted):
    full = setup["lab"]
    for table in GM_TABLES:
        res = restricted.run(f"SELECT DISTINCT gemeente_code FROM {table}")
        assert res.error is None, res.error
        assert set(res.df["gemeente_code"]) <= {"GM1783"}, table
        mine = full.run(f"SELECT count(*) AS n FROM {table} WHERE gemeente_code = 'GM1783'").df["n"][0]
        assert restricted.run(f"SELECT count(*) AS n FROM {table}").df["n"][0] == mine, table
    assert full.run("SELECT count(DISTINCT gemeente_code) AS n FROM placements").df["n"][0] > 1


def test_restricted_lab_macros_see_only_its_regions(restricted):
    for sql in ("SELECT DISTINCT gemeente_code FROM sel_placements(NULL, NULL, NULL)",
                "SELECT DISTINCT gemeente_code FROM person_period(NULL, NULL, NULL, DATE '2000-01-01', "
                "DATE '2100-01-01')",
                "SELECT DISTINCT gemeente_code FROM realised(NULL, DATE '2000-01-01', DATE '2100-01-01')"):
        res = restricted.run(sql)
        assert res.error is None, res.error
        assert set(res.df["gemeente_code"]) <= {"GM1783"}, sql
    assert restricted.run("SELECT count(*) AS n FROM sel_placements('GM1916', NULL, NULL)").df["n"][0] == 0


def test_restricted_lab_file_holds_no_other_rows(restricted):
    """Even past the check (any catalogue name), the restricted engine has no rows of other regions."""
    import duckdb

    con = duckdb.connect(str(restricted.path), read_only=True)
    try:
        catalogs = {r[0] for r in con.execute("SELECT database_name FROM duckdb_databases()").fetchall()}
        assert catalogs == {restricted.path.stem, "system", "temp"}
        for table in GM_TABLES:
            assert con.execute(f"SELECT count(*) FROM {table} WHERE gemeente_code <> 'GM1783'").fetchone()[0] == 0
    finally:
        con.close()
    for sql in (f'SELECT * FROM "{restricted.path.stem}".main.placements', "SELECT * FROM memory.main.placements",
                f"SELECT * FROM '{labdata.lab_path(restricted.version)}'"):
        assert restricted.run(sql).refused


def test_restriction_by_arbeidsmarktregio(setup):
    full = setup["lab"]
    am = full.run("SELECT arbeidsmarktregio_code AS am FROM regions WHERE gemeente_code = 'GM1783'").df["am"][0]
    members = set(full.run(f"SELECT gemeente_code FROM regions WHERE arbeidsmarktregio_code = '{am}'")
                  .df["gemeente_code"])
    lab = SqlLab(setup["version"], time_limit=LIMIT, regions={am}, workers=full.workers)
    got = set(lab.run("SELECT DISTINCT gemeente_code FROM placements").df["gemeente_code"])
    assert got and got <= members and "GM1783" in got
    assert SqlLab(setup["version"], regions={"NL"}, workers=full.workers).regions is None
