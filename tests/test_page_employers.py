"""Werkgevers page: rendering, key numbers, the empty state, and the 5% norm at its edges (through the SQL)."""

from __future__ import annotations

import datetime as dt
import shutil

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import app_test
from page_checks import EMPTY_NL, _infos, frame_with

from meedoen import contract, versions
from meedoen.query.db import Database


def test_employers_westland_and_west_brabant(app_env):
    at = app_test({"periode": "2016", "regio": "GM1783"}, "app_pages/employers.py")
    assert not at.exception
    labels = {m.label: m.value for m in at.metric}
    assert "Partners MVO Westland" in labels and int(labels["Partners MVO Westland"]) > 0
    assert set(frame_with(at, "Werkgever")["Netwerk"]) == {"MVO Westland"}

    at = app_test({"periode": "2023", "niveau": "arbeidsmarktregio", "regio": "AM25"}, "app_pages/employers.py")
    assert not at.exception
    assert "Partners MetWerk" in {m.label for m in at.metric}
    at.selectbox(key="p2_emp_status").set_value("voldoet_niet").run()
    assert not at.exception
    ranked = frame_with(at, "Werkgever")
    assert len(ranked) > 0 and set(ranked["Norm"]) == {"Voldoet niet"}
    assert (ranked["Tekort (personen)"] > 0).all()


def test_employers_empty_selection(app_env):
    at = app_test({"periode": "2016", "niveau": "arbeidsmarktregio", "regio": "AM25"}, "app_pages/employers.py")
    assert not at.exception  # MetWerk was founded in 2021: no partners in 2016
    assert EMPTY_NL in _infos(at)


END = dt.date(2024, 12, 31)


def _key(i: int) -> str:
    return f"W{i:010x}"


def _norm_db(tmp_path, demo_version) -> Database:
    """A tiny data folder: the demo's small tables, hand-written employers and placements in Westland."""
    for name in ("regions", "targets", "pilots", "proeftuinen"):
        shutil.copy(demo_version.path / f"{name}.parquet", tmp_path / f"{name}.parquet")
    # (staff_count, people in paid work on END)
    employers = {1: (60, 3), 2: (1000, 49), 3: (10, 1), 4: (None, 5), 5: (0, 1), 6: (20, 0), 7: (100, 4)}
    pq.write_table(pa.Table.from_pylist([
        {"employer_key": _key(i), "name": None, "name_public": False, "network": "MVO Westland",
         "join_date": dt.date(2015, 1, 1), "sector": "glastuinbouw", "size_class": "middel", "staff_count": staff,
         "gemeente_code": "GM1783"} for i, (staff, _) in employers.items()], schema=contract.EMPLOYERS.schema),
        tmp_path / "employers.parquet")
    rows = []

    def add(emp, kind="regulier", placed=dt.date(2024, 3, 1), end=None):
        n = len(rows)
        rows.append({"trajectory_id": f"T{n:012x}", "person_key": f"P{n:016x}", "gemeente_code": "GM1783",
                     "organisation": "Patijnenburg", "programme": "MVO Westland", "doelgroep": "banenafspraak",
                     "intake_date": dt.date(2024, 1, 2), "placement_date": placed, "work_kind": kind,
                     "employer_key": _key(emp), "hours_per_week": 24.0, "loonkostensubsidie": False,
                     "no_riskpolis": False, "end_date": end, "outcome": "in_werk" if end is None else "werk_beeindigd"})

    for emp, (_, people) in employers.items():
        for _ in range(people):
            add(emp)
    # Not counted: work that ended before the reference date, a werkleertraject, a placement after it.
    add(7, end=dt.date(2024, 12, 30))
    add(7, kind="werkleertraject")
    add(7, placed=dt.date(2025, 1, 5))
    # Counted: work that ends on the reference date itself.
    add(6, end=END)
    pq.write_table(pa.Table.from_pylist(rows, schema=contract.PLACEMENTS.schema), tmp_path / "placements.parquet")
    return Database(versions.Version("t", tmp_path, {}))


def test_norm_edges(tmp_path, demo_version):
    db = _norm_db(tmp_path, demo_version)
    try:
        df = db.run("employer_norm", {"start": dt.date(2024, 1, 1), "end": END, "region": "GM1783", "programme": None,
                                      "doelgroep": None, "norm": 0.05})
    finally:
        db.close()
    by = {int(k[1:], 16): r for k, r in zip(df["employer_key"], df.itertuples())}
    assert by[1].in_work == 3 and by[1].norm_status == "voldoet" and by[1].gap == 0   # exactly 5% (3 of 60)
    assert by[2].norm_status == "voldoet_niet" and by[2].gap == 1                      # 4.9% (49 of 1000)
    assert by[3].norm_status == "voldoet" and by[3].staff_share == pytest.approx(0.1)  # 1 of 10: no rounding up
    assert by[4].norm_status == "onbekend" and pd.isna(by[4].gap)                       # staff missing
    assert by[5].norm_status == "onbekend"                                             # staff 0
    assert by[6].in_work == 1 and by[6].norm_status == "voldoet"                       # ends on the reference date
    assert by[7].in_work == 4 and by[7].norm_status == "voldoet_niet" and by[7].gap == 1
    first = df.iloc[0]
    assert (first.net_partners, first.net_known, first.net_meets, first.net_unknown) == (7, 5, 3, 2)
    assert first.net_lo < 0.6 < first.net_hi
    # The threshold is a bound parameter: at 10% employer 1 no longer meets it.
    db = _norm_db(tmp_path, demo_version)
    try:
        df = db.run("employer_norm", {"start": dt.date(2024, 1, 1), "end": END, "region": "GM1783", "programme": None,
                                      "doelgroep": None, "norm": 0.10})
    finally:
        db.close()
    assert sorted(int(k[1:], 16) for k in df[df["norm_status"] == "voldoet"]["employer_key"]) == [3]  # exactly 10%


def test_publiek_norm_verdicts_come_from_the_protected_counts(demo_version):
    """A verdict on the exact count would place a perturbed or withheld count on one side of the norm:
    in publiek each status follows from the number in work as shown, and the network tallies from those."""
    from meedoen.query import data

    scope = data.Scope.local(demo_version, "publiek")
    checked = withheld = 0
    for year, region in ((2016, "GM1783"), (2023, "AM25"), (2024, None)):
        r = data.run("employer_norm", scope, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), region=region,
                     programme=None, doelgroep=None, norm=0.05)
        df = r.df
        assert not df.empty
        shown = pd.to_numeric(df["in_work"], errors="coerce")
        decided = df["norm_status"].isin(["voldoet", "voldoet_niet"])
        assert not (decided & shown.isna()).any()
        assert ((shown[decided] >= df.loc[decided, "needed"].astype(float)) == (df.loc[decided, "norm_status"] == "voldoet")).all()
        assert set(df.loc[shown.isna() & (df["norm_status"] != "onbekend"), "norm_status"]) <= {"afgeschermd"}
        for _, rows in df.groupby("network"):
            first = rows.iloc[0]
            assert first.net_meets == (rows["norm_status"] == "voldoet").sum()
            assert first.net_known == rows["norm_status"].isin(["voldoet", "voldoet_niet"]).sum()
            assert first.net_withheld == (rows["norm_status"] == "afgeschermd").sum()
            assert first.net_partners == len(rows)
        checked += int(decided.sum())
        withheld += int((df["norm_status"] == "afgeschermd").sum())
    assert checked > 50 and withheld > 10  # the demo data has both, so the check has something to hold


def test_employers_page_in_publiek_names_withheld_verdicts(app_env, monkeypatch):
    monkeypatch.setenv("MEEDOEN_AUDIENCE", "publiek")
    at = app_test({"periode": "2016", "regio": "GM1783"}, "app_pages/employers.py")
    assert not at.exception
    table = frame_with(at, "Werkgever")
    # Employers with few people in work get no verdict: the tiles count them apart, the list names them below.
    assert "Afgeschermd (te weinig mensen om te tonen)" not in set(table["Norm"])
    assert any("afgeschermd" in c.value and "bekende omvang" in c.value for c in at.caption)
    at.selectbox(key="p2_emp_status").set_value("afgeschermd").run()
    assert not at.exception
    assert any(c.value.startswith(t) for c in at.caption for t in ("Niet in de rangorde",))


def test_the_norm_reads_the_network_employers_rows_alike_with_and_without_the_cache(demo_version, db):
    """employer_norm reads `partner_placements_m` (built with the placements cache, before a version is
    activated): the same rows, and so the same frame, as filtering every placement at query time."""
    from meedoen.query.db import Database

    plain = Database(demo_version, cache=False)
    try:
        assert db.cached and not plain.cached
        sql = "SELECT count(*), sum(rk) FROM partner_placements_m"
        assert db.con.execute(sql).fetchone() == plain.con.execute(sql).fetchone()
        assert db.con.execute(sql).fetchone()[0] > 0
        for region, year in ((None, 2024), ("GM1783", 2016), ("AM21", 2021)):
            p = {"start": dt.date(year, 1, 1), "end": dt.date(year, 12, 31), "region": region, "programme": None,
                 "doelgroep": None, "norm": 0.05}
            pd.testing.assert_frame_equal(db.run("employer_norm", p), plain.run("employer_norm", p))
    finally:
        plain.close()
