"""Month aggregates: every declared aggregated form gives exactly the scan's result, cell keys included,
so both audiences see the same protected numbers."""

from __future__ import annotations

import calendar
import datetime as dt
import random
import zlib

import duckdb
import pandas as pd
import pytest

from meedoen import filters, privacy, versions
from meedoen.query import aggregates
from meedoen.query.db import Database, _parse, queries

SAMPLE = 12  # parameter combinations per query (seeded: the same sample every run)
K = 5


@pytest.fixture(scope="module")
def odd_version(tmp_path_factory):
    """The demo data plus rows that must take the scan's own path: persons with several trajectories across
    gemeenten, programmes and doelgroepen, dates out of order, dates on month boundaries."""
    root = tmp_path_factory.mktemp("agg") / "store"
    versions.ensure(root, geo_dir=None)
    v = versions.active(root)
    src = str(v.path / "placements" / "**" / "*.parquet")
    base = duckdb.sql(f"SELECT * FROM read_parquet('{src}', union_by_name = true) "
                      "WHERE placement_date IS NOT NULL ORDER BY trajectory_id LIMIT 400").df()
    rng = random.Random(7)
    gems = sorted(set(base["gemeente_code"]))
    rows = []
    for i, r in enumerate(base.to_dict("records")):
        r["trajectory_id"] = f"TX{i:08d}"
        r["person_key"] = f"P{0xabc0000000000000 + i // 3:016x}"  # three trajectories per person
        kind, d0 = i % 8, r["intake_date"]
        if kind == 0:  # ended before the intake
            r["end_date"] = d0 - dt.timedelta(days=rng.randint(1, 90))
        elif kind == 1:  # placed before the intake
            r["placement_date"] = d0 - dt.timedelta(days=rng.randint(1, 60))
        elif kind == 2:  # ended before the placement
            r["end_date"] = r["placement_date"] - dt.timedelta(days=rng.randint(1, 40))
        elif kind == 3:  # dates on the first and the last day of a month
            r["intake_date"] = d0.replace(day=1)
            last = r["placement_date"]
            r["placement_date"] = last.replace(day=calendar.monthrange(last.year, last.month)[1])
            r["end_date"] = r["placement_date"] + dt.timedelta(days=184)
        elif kind == 4:  # another gemeente and doelgroep for the same person
            r["gemeente_code"] = rng.choice(gems)
            r["doelgroep"] = "jongeren"
        elif kind == 5:  # not placed, ended on a month's last day
            r["placement_date"] = None
            r["work_kind"] = None
            e = d0 + dt.timedelta(days=200)
            r["end_date"] = e.replace(day=calendar.monthrange(e.year, e.month)[1])
        rows.append(r)
    for j, r in enumerate(rows):  # every fourth person: one trajectory (not multi), dates out of order
        if (j // 3) % 4 == 0:
            r["person_key"] = f"P{0xdef0000000000000 + j:016x}"
    con = duckdb.connect()
    con.register("odd", pd.DataFrame(rows))
    out = v.path / "placements" / "intake_year=2099"
    out.mkdir()
    con.execute("COPY (SELECT * REPLACE (intake_date::DATE AS intake_date, placement_date::DATE AS placement_date, "
                f"end_date::DATE AS end_date) FROM odd) TO '{out / 'odd.parquet'}' (FORMAT parquet)")
    con.close()
    return v


@pytest.fixture(scope="module")
def both(odd_version):
    agg, scan = Database(odd_version, use_aggregates=True), Database(odd_version, use_aggregates=False)
    yield agg, scan
    agg.close()
    scan.close()


def combinations(db: Database, n: int, seed: int) -> list[dict]:
    """Parameter values the UI can produce (period kind × level × region × programme × doelgroep × page choices),
    drawn around the placements present, so that most results are not empty."""
    rng = random.Random(seed)
    cells = db.con.execute("""SELECT DISTINCT p.gemeente_code, r.arbeidsmarktregio_code, r.provincie_code,
        p.programme, p.doelgroep FROM placements_m p JOIN regions r USING (gemeente_code) ORDER BY ALL""").fetchall()
    gems = sorted({c[0] for c in cells})
    out = []
    for _ in range(n):
        y = rng.randint(2015, 2025)
        kind = rng.choice(["year", "half", "quarter", "month"])
        part = {"year": None, "half": rng.randint(1, 2), "quarter": rng.randint(1, 4), "month": rng.randint(1, 12)}[kind]
        p = filters.parse_period(filters.period_code(kind, y, part))
        gm, am, pv, prog, dg = rng.choice(cells)
        out.append({"start": p.start, "end": p.end, "level": rng.choice(filters.LEVELS),
                    "region": rng.choice([None, gm, am, pv]),
                    "programme": prog if rng.random() < 0.4 else None, "doelgroep": dg if rng.random() < 0.4 else None,
                    "gemeente": rng.choice(gems), "peers": 10, "grain": rng.choice(["month", "quarter"]),
                    "from": dt.date(2015, 1, 1), "on_date": p.end, "peildatum": dt.date(2025, 12, 31)})
    # the targets page's all-years call (targets_by_year over every year up to the next)
    out.append({**out[0], "start": dt.date(2000, 1, 1), "end": dt.date(2026, 12, 31)})
    return out


def assert_same(agg: Database, scan: Database, name: str, params: dict, seen: list | None = None) -> bool:
    """The aggregated and the scanned result are equal as computed (cell keys included) and as each audience
    sees them; True when the aggregates answered. `seen` collects the results' sizes."""
    q = queries()[name]
    p = {k: params[k] for k in q.params}
    before = agg.agg_runs
    got, want = agg.run(name, p), scan.run(name, p)
    # exact: a cell key one off is a different perturbation (pandas would allow a relative 1e-5 otherwise)
    pd.testing.assert_frame_equal(got, want, check_exact=True, obj=f"{name} {p}")
    if seen is not None:
        seen.append(len(got))
    spec = privacy.parse(q.protect)
    for audience in privacy.AUDIENCES:
        pd.testing.assert_frame_equal(privacy.apply(got, spec, audience, K), privacy.apply(want, spec, audience, K),
                                      check_exact=True, obj=f"{name} {audience} {p}")
    return agg.agg_runs > before


AGGREGATED = sorted(n for n, q in queries().items() if q.aggregates is not None)


@pytest.mark.parametrize("name", AGGREGATED)
def test_aggregated_equals_scan(both, name):
    """Same rows, columns, types, order and cell keys as the scan, over a sample of parameter combinations."""
    agg, scan = both
    combos = combinations(scan, SAMPLE, seed=zlib.crc32(name.encode()))
    sizes: list[int] = []
    used = sum(assert_same(agg, scan, name, p, sizes) for p in combos)
    assert used >= SAMPLE // 2, f"{name}: the aggregates answered only {used} of {len(combos)}"
    assert sum(n > 0 for n in sizes) >= SAMPLE // 2, f"{name}: mostly empty results {sizes}"
    assert scan.agg_runs == 0


def test_the_all_years_targets_call(both):
    """The targets page's history (every year with a target, up to next year) from the aggregates, for a region
    and for the whole country; the publiek numbers are perturbed (so the cell keys were compared)."""
    agg, scan = both
    for region in (None, "PV28", "GM1783"):
        p = {"region": region, "start": dt.date(2000, 1, 1), "end": dt.date(2026, 12, 31),
             "peildatum": dt.date(2025, 12, 31)}
        assert assert_same(agg, scan, "targets_by_year", p)
    df = agg.run("targets_by_year", {**p, "region": None})
    assert df["year"].nunique() >= 5 and (df["realised"] >= 40).all()
    pub = privacy.apply(df, privacy.parse(queries()["targets_by_year"].protect), "publiek", K)
    assert (pub["realised"] != df["realised"]).any()


def test_publiek_numbers_follow_the_cell_keys(both):
    """A wrong key sum would change the published numbers: the perturbation is not all zero here, and a result
    with every key shifted by one record is perturbed differently somewhere."""
    agg, _ = both
    p = {"start": dt.date(2016, 1, 1), "end": dt.date(2016, 12, 31), "region": None, "level": "gemeente",
         "programme": None, "doelgroep": None}
    df = agg.run("placement_rate_by_region", p)
    spec = privacy.parse(queries()["placement_rate_by_region"].protect)
    pub = privacy.apply(df, spec, "publiek", K)
    shifted = df.assign(looking__ck=(df["looking__ck"].astype("int64") + (1 << 46)) % privacy.KEY_MOD)
    assert (pub["looking"] != df["looking"]).any()
    assert not pub["looking"].equals(privacy.apply(shifted, spec, "publiek", K)["looking"])


def test_odd_rows_are_kept_out_of_the_aggregates(both):
    agg, _ = both
    con = agg.con
    n_x, n_multi = con.execute("SELECT count(*), count(*) FILTER (WHERE multi) FROM placements_x").fetchone()
    total, keys = con.execute("SELECT count(*), sum(rk) FROM placements_m").fetchone()
    in_aggs, agg_keys = con.execute("SELECT sum(n), sum(k) FROM agg_starts").fetchone()
    x_keys = con.execute("SELECT sum(rk) FROM placements_x").fetchone()[0]
    assert n_multi > 200 and n_x > n_multi  # persons with several trajectories, and rows with dates out of order
    assert in_aggs + n_x == total  # every row counted once: in the aggregates or among the exceptions
    assert agg_keys + x_keys == keys  # and so is every record key


def test_off_grid_values_scan(both):
    """A period that does not start and end on month boundaries is answered by the scan."""
    agg, scan = both
    p = {"region": None, "programme": None, "doelgroep": None, "start": dt.date(2019, 3, 2), "end": dt.date(2019, 5, 31)}
    assert not assert_same(agg, scan, "placement_rate", p)
    assert assert_same(agg, scan, "placement_rate", {**p, "start": dt.date(2019, 3, 1)})
    s = {"region": None, "programme": None, "doelgroep": None, "grain": "quarter", "from": dt.date(2015, 1, 1),
         "end": dt.date(2019, 5, 31)}
    assert not assert_same(agg, scan, "placement_series", s)  # May ends no quarter
    assert assert_same(agg, scan, "placement_series", {**s, "grain": "month"})


def test_small_exports_scan(odd_version):
    """Below AGG_MIN_ROWS placements the scan answers (cheaper there); the aggregates are built all the same."""
    d = Database(odd_version)
    try:
        assert d.cached and not d.aggregated
        assert d.con.execute("SELECT count(*) FROM agg_placed").fetchone()[0] > 0
        d.run("placement_rate", {"region": None, "programme": None, "doelgroep": None,
                                 "start": dt.date(2019, 1, 1), "end": dt.date(2019, 12, 31)})
        assert (d.agg_runs, d.scans) == (0, 1)
    finally:
        d.close()


# ------------------------------------------------------------------ the declarations (`-- aggregates:` headers)

def test_every_query_declares_whether_the_aggregates_answer_it():
    """One `-- aggregates:` line per query: when its aggregated form answers, or why it cannot."""
    for name, q in queries().items():
        lines = [ln for ln in q.sql.splitlines() if ln.startswith("-- aggregates:")]
        assert len(lines) == 1, name
        if q.aggregates is None:
            assert q.agg_sql is None and lines[0].startswith("-- aggregates: none ("), name
            assert not (aggregates.FORMS / f"{name}.sql").exists(), name
        else:
            assert q.agg_sql and set(q.agg_params) <= set(q.params), name
    assert {f.stem for f in aggregates.FORMS.glob("*.sql")} <= set(AGGREGATED)
    assert {"placement_rate", "placement_series", "targets_by_year", "durability", "paid_work_on_date"} <= set(AGGREGATED)
    # placements per employer, and medians, cannot come from counts per gemeente and month
    assert not {"employer_norm", "employer_sectors", "employer_instruments", "time_to_work"} & set(AGGREGATED)


def test_conditions_on_parameter_values():
    d = aggregates.parse("start=month_start end=month_end", {"start", "end"})
    assert aggregates.applies(d, {"start": dt.date(2024, 4, 1), "end": dt.date(2024, 6, 30)})
    assert not aggregates.applies(d, {"start": dt.date(2024, 4, 2), "end": dt.date(2024, 6, 30)})
    assert not aggregates.applies(d, {"start": dt.date(2024, 4, 1), "end": dt.date(2024, 6, 29)})
    assert not aggregates.applies(d, {"start": None, "end": dt.date(2024, 6, 30)})
    assert aggregates.applies(d, {"start": "2024-02-01", "end": "2024-02-29"})
    g = aggregates.parse("end=grain_end", {"end"})
    assert aggregates.applies(g, {"end": dt.date(2024, 6, 30), "grain": "quarter"})
    assert not aggregates.applies(g, {"end": dt.date(2024, 5, 31), "grain": "quarter"})
    assert aggregates.applies(g, {"end": dt.date(2024, 5, 31), "grain": "month"})
    assert not aggregates.applies(None, {})


@pytest.mark.parametrize("header, problem", [
    ("none", "needs its reason"),
    ("none yet", "needs its reason"),
    ("", "no condition"),
    ("start=whenever", "not a condition"),
    ("start = month_start", "not a condition"),
    ("region=month_start", "not a date parameter"),
    ("start=month_start with realised", "not a macro X_n"),
    ("start=month_start with no_such_n", "not a macro X_n"),
    ("start=month_start with targets_vs_realised_n realised_in", "not a macro X_n"),  # every one is checked
])
def test_a_malformed_aggregates_header_is_refused(header, problem):
    with pytest.raises(ValueError, match=problem):
        aggregates.parse(header, {"start", "end"})


@pytest.mark.parametrize("name, header, problem", [
    ("q", None, "header is missing"),
    ("q", "none (why)", None),
    ("q", "start=month_start", "queries/aggregated/q.sql is missing"),
    ("q", "start=month_start with person_period_n", "does not read person_period"),
    ("q", "start=month_start with realised_in_n person_period_n", "does not read realised_in"),
    ("placement_rate", "none (why)", "names no file, but queries/aggregated/placement_rate.sql exists"),
    ("placement_rate", "start=month_start", "which the query does not declare"),  # the real form reads more
])
def test_a_query_whose_declaration_and_forms_disagree_is_refused(tmp_path, name, header, problem):
    f = tmp_path / f"{name}.sql"
    f.write_text(f"-- {name}: test\n-- params: start date\n"
                 + (f"-- aggregates: {header}\n" if header else "") + "SELECT $start\n")
    if problem is None:
        assert _parse(f).aggregates is None
        return
    with pytest.raises(ValueError, match=problem):
        _parse(f)


def test_the_published_figures_come_from_the_aggregates_too(demo_version):
    """Westland, first half of 2016: 193 of 276 placed (70%); Steenwijkerland 2019: 21 in beschut werk."""
    d = Database(demo_version, use_aggregates=True)
    try:
        rate = d.run("placement_rate", {"start": dt.date(2016, 1, 1), "end": dt.date(2016, 6, 30), "region": "GM1783",
                                        "programme": None, "doelgroep": None}).iloc[0]
        kpi = d.run("kpi_targets", {"start": dt.date(2019, 1, 1), "end": dt.date(2019, 12, 31), "region": "GM1708"})
        assert d.agg_runs == 2
    finally:
        d.close()
    assert (rate["placed"], rate["looking"], round(rate["rate"] * 100)) == (193, 276, 70)
    assert kpi.loc[kpi["measure"] == "beschut_werk", "realised"].iloc[0] == 21
