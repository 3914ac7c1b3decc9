"""Proeftuinen page: rendering, key numbers, the empty state."""

from __future__ import annotations


from conftest import app_test, open_panels
from page_checks import EMPTY_NL, _infos, frame_with


PARTNERS = {"WVS", "Werkplein Hart van West-Brabant", "ISD Brabantse Wal"}


def test_proeftuinen_west_brabant_2021(app_env):
    at = app_test({"periode": "2021", "niveau": "arbeidsmarktregio", "regio": "AM25"}, "app_pages/proeftuinen.py")
    assert not at.exception
    sel = at.selectbox(key="p2_partner")
    assert set(sel.options) - {"Alle partners"} == PARTNERS
    assert {m.label.removeprefix("Mediaan ") for m in at.metric} == PARTNERS
    flow = frame_with(open_panels(at), "route")  # the query's data, under the chart (stays open)
    assert set(flow["partner"]) == PARTNERS
    # Partner filter: only WVS remains, with the same number of intakes as before.
    wvs_total = int(flow.loc[flow["partner"] == "WVS", "n"].sum())
    sel.set_value("WVS").run()
    assert not at.exception
    flow = frame_with(at, "route")
    assert set(flow["partner"]) == {"WVS"} and int(flow["n"].sum()) == wvs_total
    assert [m.label for m in at.metric] == ["Mediaan WVS"]


def test_proeftuinen_before_2021_is_empty(app_env):
    at = app_test({"periode": "2019", "niveau": "arbeidsmarktregio", "regio": "AM25"}, "app_pages/proeftuinen.py")
    assert not at.exception
    assert EMPTY_NL in _infos(at)
