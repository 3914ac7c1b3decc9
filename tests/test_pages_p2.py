"""Pilots, proeftuinen and werkgevers pages: rendering, key numbers, empty states, and the 5% norm at its edges."""

from __future__ import annotations

import datetime as dt
import shutil
import sys

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import ROOT, app_test, open_panels

if str(ROOT) not in sys.path:  # plain `pytest` puts only tests/ on the path
    sys.path.insert(0, str(ROOT))

from meedoen import charts_p2, contract, i18n, store  # noqa: E402
from meedoen.db import Database  # noqa: E402

EMPTY_NL = "Geen gegevens voor deze selectie"


def _frame(at, column: str):
    """The first dataframe on the page that has this column."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def _infos(at) -> str:
    return " ".join(i.value for i in at.info)


# ------------------------------------------------------------------ pilots

def test_pilots_leidschendam_voorburg_2016(app_env):
    at = app_test({"periode": "2016", "regio": "GM1916"}, "app_pages/pilots.py")
    assert not at.exception
    assert "Leidschendam-Voorburg" in at.title[0].value and "2016" in at.title[0].value
    assert at.selectbox(key="p2_pilot").value == "Alternatief beschut werk 2016|GM1916"
    table = _frame(at, "Uitkomst")
    assert dict(zip(table["Uitkomst"], table["Aantal"])) == {
        "Regulier betaald werk": "2 / 9", "Traject naar werk": "1 / 9", "Beschut werk nodig": "6 / 9"}
    acts = _frame(open_panels(at), "activity")  # the query's data, under the chart
    assert acts.drop_duplicates("activity")["activity_total"].sum() == 9


def test_pilots_2017_shows_the_next_pilot(app_env):
    at = app_test({"periode": "2017", "regio": "GM1916"}, "app_pages/pilots.py")
    assert not at.exception
    assert at.selectbox(key="p2_pilot").value == "Alternatief beschut werk 2017|GM1916"
    table = _frame(at, "Uitkomst")
    assert dict(zip(table["Uitkomst"], table["Aantal"]))["Regulier betaald werk"] == "3 / 16"


def test_pilots_empty_selection(app_env):
    at = app_test({"periode": "2016", "regio": "GM0119"}, "app_pages/pilots.py")
    assert not at.exception
    assert EMPTY_NL in _infos(at)
    assert not [s for s in at.selectbox if s.key == "p2_pilot"]


def test_pilot_sankey_counts(db):
    df = db.run("pilot_outflow", {"start": dt.date(2016, 1, 1), "end": dt.date(2016, 12, 31), "region": "GM1916"})
    fig = charts_p2.pilot_sankey(df, "t", "s")
    assert list(fig.data[0].link.value) == [2, 1, 6]
    assert list(fig.data[0].node.label) == ["Deelnemers (9)", "Regulier betaald werk: 2", "Traject naar werk: 1",
                                            "Beschut werk nodig: 6"]
    i18n.set_lang("en")
    try:
        fig = charts_p2.pilot_sankey(df, "t", "s")
    finally:
        i18n.set_lang("nl")
    assert fig.data[0].node.label[1] == "Regular paid job: 2"
    assert "2 of 9" in fig.data[0].link.customdata[0]


# ------------------------------------------------------------------ proeftuinen

PARTNERS = {"WVS", "Werkplein Hart van West-Brabant", "ISD Brabantse Wal"}


def test_proeftuinen_west_brabant_2021(app_env):
    at = app_test({"periode": "2021", "niveau": "arbeidsmarktregio", "regio": "AM25"}, "app_pages/proeftuinen.py")
    assert not at.exception
    sel = at.selectbox(key="p2_partner")
    assert set(sel.options) - {"Alle partners"} == PARTNERS
    assert {m.label.removeprefix("Mediaan ") for m in at.metric} == PARTNERS
    flow = _frame(open_panels(at), "route")  # the query's data, under the chart (stays open)
    assert set(flow["partner"]) == PARTNERS
    # Partner filter: only WVS remains, with the same number of intakes as before.
    wvs_total = int(flow.loc[flow["partner"] == "WVS", "n"].sum())
    sel.set_value("WVS").run()
    assert not at.exception
    flow = _frame(at, "route")
    assert set(flow["partner"]) == {"WVS"} and int(flow["n"].sum()) == wvs_total
    assert [m.label for m in at.metric] == ["Mediaan WVS"]


def test_proeftuinen_before_2021_is_empty(app_env):
    at = app_test({"periode": "2019", "niveau": "arbeidsmarktregio", "regio": "AM25"}, "app_pages/proeftuinen.py")
    assert not at.exception
    assert EMPTY_NL in _infos(at)


# ------------------------------------------------------------------ werkgevers

def test_employers_westland_and_west_brabant(app_env):
    at = app_test({"periode": "2016", "regio": "GM1783"}, "app_pages/employers.py")
    assert not at.exception
    labels = {m.label: m.value for m in at.metric}
    assert "Partners MVO Westland" in labels and int(labels["Partners MVO Westland"]) > 0
    assert set(_frame(at, "Werkgever")["Netwerk"]) == {"MVO Westland"}

    at = app_test({"periode": "2023", "niveau": "arbeidsmarktregio", "regio": "AM25"}, "app_pages/employers.py")
    assert not at.exception
    assert "Partners MetWerk" in {m.label for m in at.metric}
    at.selectbox(key="p2_emp_status").set_value("voldoet_niet").run()
    assert not at.exception
    ranked = _frame(at, "Werkgever")
    assert len(ranked) > 0 and set(ranked["Norm"]) == {"Voldoet niet"}
    assert (ranked["Tekort (personen)"] > 0).all()


def test_employers_empty_selection(app_env):
    at = app_test({"periode": "2016", "niveau": "arbeidsmarktregio", "regio": "AM25"}, "app_pages/employers.py")
    assert not at.exception  # MetWerk was founded in 2021: no partners in 2016
    assert EMPTY_NL in _infos(at)


# ------------------------------------------------------------------ the 5% norm, through the SQL

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
    return Database(store.Version("t", tmp_path, {}))


def test_norm_edges(tmp_path, demo_version):
    db = _norm_db(tmp_path, demo_version)
    try:
        df = db.run("employer_norm", {"start": dt.date(2024, 1, 1), "end": END, "region": "GM1783", "programme": None,
                                      "doelgroep": None, "norm": 0.05, "network": None, "sector": None, "status": None})
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
                                      "doelgroep": None, "norm": 0.10, "network": None, "sector": None,
                                      "status": "voldoet"})
    finally:
        db.close()
    assert sorted(int(k[1:], 16) for k in df["employer_key"]) == [3]  # exactly 10%
