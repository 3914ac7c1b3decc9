"""Foundation: contract, demo data, query layer, URL state, the overview page."""

import datetime as dt

import pyarrow.parquet as pq
import pytest
from conftest import app_test

from meedoen import contract, db as dbmod, filters, store

H1_2016 = dict(start=dt.date(2016, 1, 1), end=dt.date(2016, 6, 30))


# ------------------------------------------------------------------ contract and demo data

@pytest.mark.parametrize("table", contract.REQUIRED_TABLES + ("employers",))
def test_demo_tables_follow_the_contract(demo_version, db, table):
    glob = store.table_glob(demo_version.path, table)
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


# ------------------------------------------------------------------ query layer

def test_every_named_query_has_a_header_and_runs(db):
    params = dict(H1_2016, region="GM1783", programme=None, doelgroep=None, level="gemeente")
    for name, q in dbmod.queries().items():
        assert q.description, f"{name}.sql lacks a '-- {name}: ...' header line"
        assert "returns:" in q.sql and "params:" in q.sql, name


def test_placement_rate_westland_first_half_2016(db):
    df = db.run("placement_rate", dict(H1_2016, region="GM1783", programme=None, doelgroep=None))
    row = df.iloc[0]
    assert (row["placed"], row["looking"]) == (193, 276)
    assert round(row["rate"] * 100) == 70
    assert row["rate_lo"] < row["rate"] < row["rate_hi"]


def test_westland_2016_targets(db):
    df = db.run("kpi_targets", dict(start=dt.date(2016, 1, 1), end=dt.date(2016, 12, 31), region="GM1783"))
    t = dict(zip(df["measure"], df["target"]))
    assert t["plaatsingen"] == 290 and t["werkleertrajecten"] == 150


def test_steenwijkerland_beschut_werk_2019_and_2020_target(db):
    df = db.run("kpi_targets", dict(start=dt.date(2019, 1, 1), end=dt.date(2019, 12, 31), region="GM1708"))
    row = df[df["measure"] == "beschut_werk"].iloc[0]
    assert (row["realised"], row["target"]) == (21, 18)
    df = db.run("kpi_targets", dict(start=dt.date(2020, 1, 1), end=dt.date(2020, 12, 31), region="GM1708"))
    assert df.loc[df["measure"] == "beschut_werk", "target"].iloc[0] == 17


def test_region_filter_any_level_and_missing_params(db):
    by_gm = db.run("placement_rate", dict(H1_2016, region="GM1783", programme=None, doelgroep=None)).iloc[0]
    by_amr = db.run("placement_rate", dict(H1_2016, region="AM21", programme=None, doelgroep=None)).iloc[0]
    assert by_amr["looking"] > by_gm["looking"]
    with pytest.raises(KeyError):
        db.run("placement_rate", dict(H1_2016))


def test_parameters_are_bound_not_formatted(db):
    evil = "GM1783' OR '1'='1"
    df = db.run("placement_rate", dict(H1_2016, region=evil, programme=None, doelgroep=None))
    assert df.iloc[0]["looking"] == 0


# ------------------------------------------------------------------ URL state

def test_period_codes():
    p = filters.parse_period("2016-H1")
    assert (p.start, p.end) == (dt.date(2016, 1, 1), dt.date(2016, 6, 30))
    assert filters.parse_period("2016-Q4").end == dt.date(2016, 12, 31)
    assert filters.parse_period("2016-02").end == dt.date(2016, 2, 29)
    for bad in ("2016-H3", "16", "2016-13", "x; DROP", "1800"):
        assert filters.parse_period(bad) is None


def test_url_values_are_validated():
    f, problems = filters.from_query(
        {"periode": "2016-H9", "regio": "GM9999", "niveau": "wijk", "programma": "x", "doelgroep": "y"},
        regions={"GM1783"}, programmes={"MVO Westland"}, doelgroepen={"statushouder"}, default_period="2025")
    assert f.period.code == "2025" and f.region is None and f.programme is None and f.doelgroep is None
    assert f.level == "gemeente"
    assert len(problems) == 5
    f, problems = filters.from_query({"periode": "2016-H1", "regio": "GM1783"}, regions={"GM1783"},
                                     programmes=set(), doelgroepen=set(), default_period="2025")
    assert problems == [] and f.to_query() == {"periode": "2016-H1", "niveau": "gemeente", "regio": "GM1783"}


# ------------------------------------------------------------------ the overview page

def _metrics(at):
    return {m.label: m.value for m in at.metric}


def test_overview_westland_first_half_2016(app_env):
    at = app_test({"periode": "2016-H1", "regio": "GM1783"})
    assert not at.exception
    m = _metrics(at)
    assert m["Plaatsingsgraad"] == "70%"
    assert m["Geplaatst"] == "193"
    captions = " ".join(c.value for c in at.caption)
    assert "193 van 276" in captions
    assert "Westland" in at.title[0].value and "eerste helft 2016" in at.title[0].value
    assert at.query_params["regio"] == ["GM1783"] or at.query_params["regio"] == "GM1783"
    assert "Demodata" in captions


def test_overview_other_selection_and_english(app_env):
    at = app_test({"periode": "2019", "regio": "GM1708", "taal": "en"})
    assert not at.exception
    m = _metrics(at)
    assert "Placement rate" in m and m["Placement rate"].endswith("%")
    assert "Steenwijkerland" in at.title[0].value


def test_overview_empty_selection_shows_empty_state(app_env):
    # Meetellen en Meedoen ran in Westland only: in Steenwijkerland there is nothing to show.
    at = app_test({"periode": "2016", "regio": "GM1708", "programma": "Meetellen en Meedoen"})
    assert not at.exception
    assert _metrics(at)["Geplaatst"] == "0"
    assert any("Geen gegevens" in i.value for i in at.info)


def test_overview_bad_url_values_give_a_warning_not_an_error(app_env):
    at = app_test({"periode": "2016-H7", "regio": "GM0000"})
    assert not at.exception
    assert any("Ongeldige waarde" in w.value for w in at.warning)


def test_every_setting_is_documented_in_the_readme():
    from pathlib import Path

    from meedoen.config import SETTINGS

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    for s in SETTINGS:
        assert f"| `{s.name}` |" in readme, s.name
