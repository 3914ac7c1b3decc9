"""Stored views: the pages' standard views computed once per version, served by the query layer."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pytest

from meedoen.query import db as dbmod
from meedoen import ingest, versions
from meedoen.query import precompute
from meedoen.query.db import Database, result_key, stored_path

VIEWS = [{}, {"periode": "2024"}]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A demo store whose active version has stored views of two views of every page."""
    root = tmp_path_factory.mktemp("stored") / "store"
    versions.ensure(root, geo_dir=None)
    out = precompute.build(root, views=VIEWS)
    return root, versions.active(root), out


def _index(v) -> list[tuple]:
    d = Database(v)
    try:
        return d.con.execute("SELECT key, name, params FROM views.stored_index").fetchall()
    finally:
        d.close()


def test_build_records_what_every_page_asks_for(built):
    root, v, out = built
    assert out["problems"] == [] and out["views"] == 2
    assert Path(out["file"]) == stored_path(v) and stored_path(v).exists()
    names = {name for _, name, _ in _index(v)}
    # every managers' page contributes its own queries
    for n in ("placement_rate", "placement_rate_by_region", "targets_realised", "work_kind_by_quarter",
              "placement_series", "time_to_work", "pilot_outflow", "proeftuin_flow", "employer_norm"):
        assert n in names, n
    # the second view (2024) is stored besides the default year
    ends = {p for _, name, p in _index(v) if name == "placement_rate"}
    assert any("2024, 12, 31" in p for p in ends) and len(ends) >= 2


def test_stored_results_equal_computed_ones(built):
    """Same rows, columns, types and order as computing the query: pages cannot tell the difference."""
    _, v, _ = built
    with_store, plain = Database(v), Database(v, stored=False)
    try:
        rows = with_store.con.execute("SELECT name, params FROM views.stored_index").fetchall()
        assert len(rows) > 40
        for name, params in rows:
            p = eval(params, {"datetime": dt})  # written by the builder from the parameter dict
            pd.testing.assert_frame_equal(with_store.run(name, p), plain.run(name, p), obj=f"{name} {p}")
        assert with_store.hits == len(rows) and with_store.misses == 0
        assert plain.hits == 0 and plain.misses == len(rows)
    finally:
        with_store.close()
        plain.close()


def test_other_parameters_are_computed(built):
    _, v, _ = built
    d = Database(v)
    try:
        p = {"region": None, "programme": None, "doelgroep": None,
             "start": dt.date(2019, 3, 1), "end": dt.date(2019, 5, 31)}
        got = d.run("placement_rate", p)
        assert d.misses == 1 and d.hits == 0
        pd.testing.assert_frame_equal(got, Database(v, stored=False).run("placement_rate", p))
    finally:
        d.close()


def test_key_follows_query_text_definitions_and_parameters(monkeypatch):
    p = {"region": None, "programme": None, "doelgroep": None, "start": dt.date(2024, 1, 1), "end": dt.date(2024, 12, 31)}
    k = result_key("placement_rate", p)
    assert k == result_key("placement_rate", dict(p, unused="x"))  # only the query's own parameters count
    assert k != result_key("placement_rate", dict(p, region="PV27"))
    assert k != result_key("placement_rate", dict(p, end=dt.date(2024, 6, 30)))
    assert k != result_key("placement_rate", dict(p, end="2024-12-31"))  # a date is not its text
    assert k != result_key("placements_by_month", p)
    # a changed shared definition (or query) gives new keys, so an old stored result is never served
    dbmod._query_digest.cache_clear()
    monkeypatch.setattr(dbmod, "definitions_sql", lambda: "-- changed\n")
    try:
        assert result_key("placement_rate", p) != k
    finally:
        dbmod._query_digest.cache_clear()


def test_database_picks_up_views_built_later(tmp_path):
    root = tmp_path / "store"
    versions.ensure(root, geo_dir=None)
    v = versions.active(root)
    d = Database(v)
    try:
        assert not d.stored
        first = d.run("region_list")
        assert d.misses == 1
        precompute.build(root, views=[{}], names=("pilots",))
        d._next_check = 0  # looked for again at most every few seconds; do not wait in a test
        again = d.run("region_list")
        assert d.hits == 1 and d.stored
        pd.testing.assert_frame_equal(first, again)
    finally:
        d.close()


def test_unreadable_views_file_is_ignored(built, tmp_path):
    root, v, _ = built
    copy = tmp_path / "store"
    shutil.copytree(root, copy)
    cv = versions.active(copy)
    stored_path(cv).write_bytes(b"not a duckdb file" * 100)
    d = Database(cv)
    try:
        assert not d.stored
        assert d.run("region_list").shape[0] > 0 and d.misses == 1
    finally:
        d.close()


def test_load_prepares_cache_before_activation_and_starts_the_views(tmp_path, monkeypatch):
    root = tmp_path / "store"
    versions.ensure(root, geo_dir=None)
    before = versions.active(root)
    started, active_when_started = [], []

    def fake_start(r, vid):
        started.append((Path(r), vid))
        active_when_started.append(versions.active(root).id)

    monkeypatch.setattr(precompute, "start_background", fake_start)
    pilots = before.path / "pilots.parquet"
    res = ingest.load_exports({"pilots": pilots}, root)
    assert res.ok, [str(p) for p in res.problems]
    new = versions.active(root)
    assert new.id != before.id and started == [(root, new.id)] and active_when_started == [new.id]
    assert dbmod.cache_path(new).exists()  # built during the load, not by the first visitor

    # a rollback to a version that has no stored views starts them too; one that has them does not
    stored_path(before).parent.mkdir(exist_ok=True)
    res = ingest.rollback(root, before.id)
    assert res.ok and started[-1] == (root, before.id)
    stored_path(new).write_bytes(b"")
    ingest.rollback(root, new.id)
    assert started[-1] == (root, before.id) and len(started) == 2


def test_background_start_respects_the_setting(tmp_path, monkeypatch):
    monkeypatch.setenv("MEEDOEN_STORED_VIEWS", "0")
    assert precompute.start_background(tmp_path, "x") is None


def test_admin_page_says_whether_views_are_ready(built, tmp_path):
    from meedoen.ui import admin

    root, v, out = built
    assert f"{out['results']} resultaten" in admin.views_status(v)
    copy = tmp_path / "store"
    shutil.copytree(root, copy)
    cv = versions.active(copy)
    stored_path(cv).unlink()
    assert "geen weergaven vooraf berekend" in admin.views_status(cv)
    (stored_path(cv).parent / f".{stored_path(cv).name}.123").write_bytes(b"")
    assert "op de achtergrond" in admin.views_status(cv)
