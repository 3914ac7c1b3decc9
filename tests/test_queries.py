"""The named queries on the demo data: headers, the published seed figures, region filters, bound parameters."""

import datetime as dt

import pytest

from meedoen.query import db as dbmod


H1_2016 = dict(start=dt.date(2016, 1, 1), end=dt.date(2016, 6, 30))


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


# ------------------------------------------------------------------ declared parameters (the -- params: header)

def test_every_query_declares_exactly_the_parameters_it_uses():
    from meedoen.query.db import PARAM_TYPES, queries

    qs = queries()  # parsing raises on a malformed header or a declared/used mismatch
    assert len(qs) > 25
    for q in qs.values():
        assert {p.name for p in q.declared} == set(q.params), q.name
        for p in q.declared:
            assert p.type in PARAM_TYPES, (q.name, p.name)
            assert not p.choices or p.default in p.choices, (q.name, p.name)
            assert p.type != "path" or p.default, (q.name, p.name)
    assert qs["placement_series"].param("grain").choices == ("month", "quarter")
    assert qs["time_to_work"].param("within_days").default == 21
    assert qs["employer_norm"].param("norm").default == 0.05


@pytest.mark.parametrize("header, problem", [
    ("start, end (dates)", "not a parameter declaration"),
    ("start datum", "unknown type"),
    ("grain text in (month, quarter)", "needs a default"),
    ("grain text in (month, quarter) = week", "is not one of"),
    ("events_path path", "needs its default"),
    ("start date = 2016-01-01", "has no default"),
    ("start date; start date", "declared twice"),
])
def test_a_malformed_params_header_is_refused(header, problem):
    from meedoen.query.db import parse_params

    with pytest.raises(ValueError, match=problem):
        parse_params(header)


def test_a_query_whose_header_and_sql_disagree_is_refused(tmp_path):
    from meedoen.query.db import _parse

    f = tmp_path / "q.sql"
    f.write_text("-- q: test\n-- params: start date\nSELECT $start, $end\n")
    with pytest.raises(ValueError, match="the SQL uses"):
        _parse(f)


def test_the_sql_lab_forms_follow_the_declared_parameters():
    from meedoen.query.db import queries
    from meedoen.ui import research

    q = queries()["placement_rate_by_region"]
    kinds = {p: research.param_kind(q.param(p)) for p in q.params}
    assert kinds == {"start": "date", "end": "date", "level": "choice", "region": "text", "programme": "text",
                     "doelgroep": "text"}
    filters = {"start": dt.date(2016, 1, 1), "end": dt.date(2016, 6, 30), "region": "GM1783", "programme": None,
               "doelgroep": None, "level": "gemeente"}
    assert research.param_defaults(q, filters, None) == filters
    peers = queries()["placement_rate_peers"]
    assert research.param_defaults(peers, filters, None)["peers"] == 10
    assert research.param_defaults(peers, filters, None)["gemeente"] == "GM1783"


# ------------------------------------------------------------------ the run's scope, passed to every query

def test_a_scope_carries_one_version_audience_and_regions(demo_version):
    from meedoen.query import data

    everyone = data.Scope.local(demo_version, "intern")
    rows = data.run("placement_rate_by_region", everyone, start=H1_2016["start"], end=H1_2016["end"],
                    level="gemeente")
    assert rows.version_id == demo_version.id and rows.audience == "intern"
    assert {"GM1783", "GM1916"} <= set(rows.df["region_code"])
    # A viewer bound to Westland: the region parameter is clamped and other gemeenten' rows dropped.
    westland = data.Scope(demo_version, "publiek", frozenset({"GM1783"}), frozenset({"GM1783"}), k=5)
    mine = data.run("placement_rate_by_region", westland, start=H1_2016["start"], end=H1_2016["end"],
                    level="gemeente")
    assert set(mine.df["region_code"]) == {"GM1783"} and mine.audience == "publiek"
    clamped = data.run("placement_rate", westland, start=H1_2016["start"], end=H1_2016["end"], region="GM1916")
    assert clamped.params["region"] == "GM1783"
    assert data.run("placement_rate", data.Scope(None), start=H1_2016["start"]).error == "no data"
