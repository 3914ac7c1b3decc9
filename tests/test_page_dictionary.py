"""Datawoordenboek page: the contract's tables and columns with counts from the data; the generated table_stats query."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pyarrow.dataset as pads
from conftest import ROOT, app_test

from meedoen import contract, i18n, versions
from meedoen.ui import research


DICT_PAGE = "app_pages/dictionary.py"


def _texts(elements) -> str:
    return " ".join(e.value for e in elements)


def _captions(at) -> str:
    return _texts(at.caption)


def _dataset(version, table: str) -> pads.Dataset:
    """The table's parquet file(s) of the demo version, read directly (not through DuckDB)."""
    single = Path(version.path) / f"{table}.parquet"
    return pads.dataset(single if single.exists() else Path(version.path) / table, format="parquet")


def _table(at, first_column: str) -> list[pd.DataFrame]:
    return [tb.value for tb in at.table if tb.value.columns[0] == first_column]


def test_dictionary_lists_the_contract_and_right_counts(app_env, demo_version):
    at = app_test({}, DICT_PAGE)
    assert not at.exception
    assert at.title[0].value == "Datawoordenboek"
    overview = _table(at, "Tabel")[0]
    assert list(overview["Tabel"]) == list(contract.TABLES)
    shown = dict(zip(overview["Tabel"], overview["Rijen"]))
    for name in contract.TABLES:
        direct = _dataset(demo_version, name).count_rows()
        assert shown[name] == f"{direct:,}".replace(",", "."), name
    per_table = _table(at, "Kolom")
    assert [list(df["Kolom"]) for df in per_table] == [t.column_names for t in contract.TABLES.values()]
    # Dates: first and last intake of placements, against pyarrow.
    intake = _dataset(demo_version, "placements").to_table(columns=["intake_date"]).column("intake_date").to_pylist()
    row = per_table[0].set_index("Kolom").loc["intake_date"]
    assert row["Eerste – laatste datum"] == f"{i18n.fmt_date(min(intake))} – {i18n.fmt_date(max(intake))}"
    assert row["Type"] == "datum" and row["Verplicht"] == "ja"
    assert per_table[0].set_index("Kolom").loc["trajectory_id", "Sleutel"] == "ja"
    doelgroep = per_table[0].set_index("Kolom").loc["doelgroep", "Toegestane waarden"]
    assert doelgroep == ", ".join(contract.DOELGROEPEN)
    p = versions.active(app_env).peildatum
    assert i18n.fmt_date(dt.date.fromisoformat(p)) in _captions(at)


def test_dictionary_in_english(app_env):
    # AppTest formats widget options in this thread: give it the same language as the session.
    i18n.set_lang("en")
    try:
        at = app_test({"taal": "en"}, DICT_PAGE)
    finally:
        i18n.set_lang("nl")
    assert not at.exception
    assert at.title[0].value == "Data dictionary"
    cols = _table(at, "Column")
    assert len(cols) == len(contract.TABLES)
    assert cols[0].set_index("Column").loc["person_key", "Meaning"] == contract.PLACEMENTS.column("person_key").en


def test_dictionary_is_for_every_role(app_env, monkeypatch):
    monkeypatch.setenv("MEEDOEN_LOCAL_ROLE", "viewer")
    at = app_test({}, DICT_PAGE)
    assert not at.exception and len(_table(at, "Kolom")) == len(contract.TABLES)


def test_table_stats_query_is_generated_from_the_contract():
    text = (ROOT / "queries" / "table_stats.sql").read_text(encoding="utf-8")
    assert text == research.table_stats_sql(), \
        "run: python -m meedoen.ui.research --table-stats > queries/table_stats.sql"


def test_table_stats_covers_every_column(db):
    df = db.run("table_stats")
    expected = [(t.name, c.name) for t in contract.TABLES.values() for c in t.columns]
    assert list(zip(df["table_name"], df["column_name"])) == expected
    dates = df[df["min_date"].notna()]
    assert set(zip(dates["table_name"], dates["column_name"])) <= {
        (t.name, c.name) for t in contract.TABLES.values() for c in t.columns if str(c.type) == "date32[day]"}
