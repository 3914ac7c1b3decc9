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
