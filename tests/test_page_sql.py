"""SQL page: queries, refusals, limits, history, access, named queries, downloads; the README's safety model."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pandas as pd
import pyarrow.dataset as pads
import pytest
from conftest import ROOT, app_test, open_panels

from meedoen import i18n
from meedoen.ui import research
from meedoen.query.db import Param, queries
from meedoen.query.sqllab import LabResult, explain_model_markdown


SQL_PAGE = "app_pages/sql.py"


SLOW_SQL = "SELECT count(*) FROM range(100000000) a, range(100000000) b WHERE a.range + b.range = -1"


def _dataset(version, table: str) -> pads.Dataset:
    """The table's parquet file(s) of the demo version, read directly (not through DuckDB)."""
    single = Path(version.path) / f"{table}.parquet"
    return pads.dataset(single if single.exists() else Path(version.path) / table, format="parquet")


def _run_sql(at, sql: str):
    at.text_area(key="rs_sql").input(sql)
    at.button(key="rs_run").click().run()
    assert not at.exception, at.exception
    return at


def _texts(elements) -> str:
    return " ".join(e.value for e in elements)


def _captions(at) -> str:
    return _texts(at.caption)


def test_sql_page_runs_a_query_with_the_right_row_count(app_env, demo_version):
    tbl = _dataset(demo_version, "placements").to_table(columns=["gemeente_code", "intake_date"]).to_pandas()
    expected = int(((tbl["gemeente_code"] != "GM0000")
                    & (pd.to_datetime(tbl["intake_date"]).dt.year.isin([2016, 2017]))).sum())
    assert expected > 1000  # a count with thousands separators: checks the Dutch format too

    at = app_test({"periode": "2016"}, SQL_PAGE)
    assert not at.exception
    assert at.text_area(key="rs_sql").value.strip()  # an example query is there to start from
    _run_sql(at, "SELECT trajectory_id, intake_date FROM placements "
                 "WHERE gemeente_code <> 'GM0000' AND year(intake_date) IN (2016, 2017)")
    frame = next(d.value for d in at.dataframe if "trajectory_id" in d.value.columns)
    assert len(frame) == expected
    dutch = f"{expected:,}".replace(",", ".")
    assert f"{dutch} rijen ·" in _captions(at) and " s" in _captions(at)
    assert not at.warning and not at.error


def test_sql_page_refuses_copy_with_a_dutch_message(app_env, tmp_path):
    target = tmp_path / "x.csv"
    at = app_test({}, SQL_PAGE)
    _run_sql(at, f"COPY placements TO '{target}'")
    assert "COPY is niet toegestaan" in _texts(at.warning)
    assert "Niet uitgevoerd" in _texts(at.warning)
    assert not target.exists()
    assert not [d for d in at.dataframe if "trajectory_id" in d.value.columns]
    # The refusal is in the history too, marked as an error.
    assert at.session_state["rs_history"][0].ok is False


def test_sql_page_timeout_is_a_dutch_error(app_env, monkeypatch):
    monkeypatch.setenv("MEEDOEN_SQL_TIME_LIMIT", "0.3")
    at = app_test({}, SQL_PAGE)
    _run_sql(at, SLOW_SQL)
    assert "Query afgebroken na 0.3 s" in _texts(at.error)


def test_sql_page_says_when_the_result_is_cut_off(app_env, monkeypatch, demo_version):
    monkeypatch.setenv("MEEDOEN_SQL_MAX_ROWS", "5")
    assert _dataset(demo_version, "regions").count_rows() > 5
    at = app_test({}, SQL_PAGE)
    _run_sql(at, "SELECT * FROM regions")
    frame = next(d.value for d in at.dataframe if "gemeente_code" in d.value.columns)
    assert len(frame) == 5
    assert "afgekapt" in _texts(at.warning) and "eerste 5 rijen" in _texts(at.warning)
    assert "5 rijen ·" in _captions(at)


def test_history_keeps_runs_and_loads_one_back(app_env):
    at = app_test({}, SQL_PAGE)
    first, second = "SELECT count(*) AS n FROM pilots", "SELECT count(*) AS n FROM targets"
    _run_sql(at, first)
    _run_sql(at, second)
    history = at.session_state["rs_history"]
    assert [h.sql for h in history] == [second, first] and all(h.ok for h in history)
    assert at.button(key="rs_hist_1").label == "`SELECT count(*) AS n FROM pilots`"
    at.button(key="rs_hist_1").click().run()
    assert not at.exception
    assert at.text_area(key="rs_sql").value == first


def test_downloads_read_back(app_env):
    at = app_test({}, SQL_PAGE)
    _run_sql(at, "SELECT gemeente_code, gemeente_name, inwoners, bijstand_per_1000 FROM regions "
                 "UNION ALL SELECT 'GM9999', 'Súdwest-Fryslân ë', 1, 2.5 ORDER BY gemeente_code")
    assert {b.label for b in at.get("download_button")} == {"CSV", "Parquet", "Excel"}
    df = at.session_state["rs_result"][1].df  # the frame the page shows and hands to the buttons
    files = {d.file_name: d.make() for d in research.downloads(df, "sql_lab")}
    assert set(files) == {"sql_lab.csv", "sql_lab.parquet", "sql_lab.xlsx"}
    back = {
        "csv": pd.read_csv(io.BytesIO(files["sql_lab.csv"]), encoding="utf-8-sig", sep=";", decimal=","),
        "parquet": pd.read_parquet(io.BytesIO(files["sql_lab.parquet"])),
        "excel": pd.read_excel(io.BytesIO(files["sql_lab.xlsx"]), sheet_name="data"),
    }
    for kind, got in back.items():
        assert list(got.columns) == list(df.columns), kind
        assert len(got) == len(df), kind
        assert "Súdwest-Fryslân ë" in set(got["gemeente_name"]), kind
        assert got["bijstand_per_1000"].astype(float).tolist() == pytest.approx(df["bijstand_per_1000"].tolist())


def test_named_query_matches_the_chart_page(app_env):
    q = {"periode": "2016-H1", "regio": "GM1783"}
    at = app_test(q, SQL_PAGE)
    at.selectbox(key="rs_named").select("placement_rate").run()
    region = next(w for w in at.text_input if w.label == "$region")
    assert region.value == "GM1783"  # prefilled from the sidebar filters
    assert [d.value for d in at.date_input if d.label in ("$start", "$end")] == [dt.date(2016, 1, 1),
                                                                                 dt.date(2016, 6, 30)]
    at.button(key="rs_named_run").click().run()
    assert not at.exception
    frame = next(d.value for d in at.dataframe if "placed" in d.value.columns)
    assert int(frame["placed"].iloc[0]) == 193

    overview = app_test(q, "app_pages/overview.py")
    assert not overview.exception
    placed = next(m.value for m in overview.metric if m.label == "Geplaatst")
    assert placed == str(int(frame["placed"].iloc[0]))
    # Every "Query en data" block offers CSV, Parquet and Excel, with unique keys.
    labels = [b.label for b in open_panels(overview).get("download_button")]
    assert labels.count("CSV downloaden") == labels.count("Parquet downloaden") == labels.count("Excel downloaden") > 0


def test_named_query_path_parameter_is_fixed_never_typed(app_env):
    at = app_test({"periode": "2016", "regio": "GM1783"}, SQL_PAGE)
    at.selectbox(key="rs_named").select("events").run()
    path = next(w for w in at.text_input if w.label == "$events_path")
    own = str(ROOT / "data" / "events.csv")
    assert path.disabled and path.value == own
    # Even a value handed in is replaced by the app's own file.
    assert research.coerce(queries()["events"].param("events_path"), "/etc/passwd") == own
    with pytest.raises(ValueError):  # a path with no file of its own is never taken from input
        research.coerce(Param("other_path", "path"), "/etc/passwd")


@pytest.mark.parametrize("env, reason", [
    ({"MEEDOEN_LOCAL_ROLE": "viewer"}, "alleen voor onderzoekers en beheerders"),
    ({"MEEDOEN_AUDIENCE": "publiek"}, "publieke weergave"),
    ({"MEEDOEN_AUDIENCE": "publiek", "MEEDOEN_LOCAL_ROLE": "admin"}, "publieke weergave"),
])
def test_sql_page_refused_without_right_or_in_public(app_env, monkeypatch, env, reason):
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    at = app_test({}, SQL_PAGE)
    assert not at.exception
    assert reason in _texts(at.warning)
    assert not at.text_area and not at.dataframe and not at.get("download_button")
    assert not [s for s in at.selectbox if s.key == "rs_named"]


def test_lab_refusal_rules():
    i18n.set_lang("nl")
    assert research.lab_refusal(True, "intern", "researcher", False) is None
    assert "publieke" in research.lab_refusal(True, "publiek", "admin", False)
    assert "'viewer'" in research.lab_refusal(False, "intern", "viewer", False)
    assert "Log in" in research.lab_refusal(False, "intern", None, True)


def test_history_is_capped_newest_first():
    h = []
    for i in range(25):
        h = research.add_history(h, f"SELECT {i}", LabResult(None, None, False, 0.01, 1))
    assert len(h) == research.HISTORY_MAX and h[0].sql == "SELECT 24" and h[-1].sql == "SELECT 5"


def test_readme_explains_the_sql_lab():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## SQL lab: safety model" in readme
    assert explain_model_markdown().strip() in readme, "copy meedoen.query.sqllab.explain_model_markdown() into README.md"


def test_named_queries_are_described_in_dutch_and_english():
    from meedoen.i18n import STRINGS
    from meedoen.query.db import queries

    notes = {en for key, (_, en) in STRINGS.items() if key.startswith("qn_")}
    for name, q in queries().items():
        # The English is the query's own header; the Dutch says the same for a Dutch page.
        assert STRINGS[f"q_{name}"][1] == q.description, name
        assert STRINGS[f"qr_{name}"][1] == q.returns, name
        assert all(p.note in notes for p in q.declared if p.note), name
    i18n.set_lang("nl")
    q = queries()["placement_rate"]
    assert research.query_text(q) == "aandeel van de werkzoekenden in de periode dat werd geplaatst."
    assert "code van elk niveau, NULL = heel Nederland" in research.params_note(q)
