"""Pilots page: rendering, key numbers, the empty state, the Sankey counts."""

from __future__ import annotations

import datetime as dt

from conftest import app_test, open_panels
from page_checks import EMPTY_NL, _infos, frame_with

from meedoen import i18n
from meedoen.charts import pilots as pilot_charts


def test_pilots_leidschendam_voorburg_2016(app_env):
    at = app_test({"periode": "2016", "regio": "GM1916"}, "app_pages/pilots.py")
    assert not at.exception
    assert "Leidschendam-Voorburg" in at.title[0].value and "2016" in at.title[0].value
    assert at.selectbox(key="p2_pilot").value == "Alternatief beschut werk 2016|GM1916"
    table = frame_with(at, "Uitkomst")
    assert dict(zip(table["Uitkomst"], table["Aantal"])) == {
        "Regulier betaald werk": "2 / 9", "Traject naar werk": "1 / 9", "Beschut werk nodig": "6 / 9"}
    acts = frame_with(open_panels(at), "activity")  # the query's data, under the chart
    assert acts.drop_duplicates("activity")["activity_total"].sum() == 9


def test_pilots_2017_shows_the_next_pilot(app_env):
    at = app_test({"periode": "2017", "regio": "GM1916"}, "app_pages/pilots.py")
    assert not at.exception
    assert at.selectbox(key="p2_pilot").value == "Alternatief beschut werk 2017|GM1916"
    table = frame_with(at, "Uitkomst")
    assert dict(zip(table["Uitkomst"], table["Aantal"]))["Regulier betaald werk"] == "3 / 16"


def test_pilots_empty_selection(app_env):
    at = app_test({"periode": "2016", "regio": "GM0119"}, "app_pages/pilots.py")
    assert not at.exception
    assert EMPTY_NL in _infos(at)
    assert not [s for s in at.selectbox if s.key == "p2_pilot"]


def test_pilot_sankey_counts(db):
    df = db.run("pilot_outflow", {"start": dt.date(2016, 1, 1), "end": dt.date(2016, 12, 31), "region": "GM1916"})
    fig = pilot_charts.pilot_sankey(df, "t", "s")
    assert list(fig.data[0].link.value) == [2, 1, 6]
    assert list(fig.data[0].node.label) == ["Deelnemers (9)", "Regulier betaald werk: 2", "Traject naar werk: 1",
                                            "Beschut werk nodig: 6"]
    i18n.set_lang("en")
    try:
        fig = pilot_charts.pilot_sankey(df, "t", "s")
    finally:
        i18n.set_lang("nl")
    assert fig.data[0].node.label[1] == "Regular paid job: 2"
    assert "2 of 9" in fig.data[0].link.customdata[0]
