"""Targets that read correctly: kpi_targets_period against hand counts, and the texts of the tile."""

from __future__ import annotations

import datetime as dt

import pytest

from meedoen import i18n, target_state

D = dt.date
PEIL = D(2025, 12, 31)


def _kpi(db, start, end, region, peil=PEIL, programme=None, doelgroep=None):
    return db.run("kpi_targets_period", dict(start=start, end=end, region=region, peildatum=peil, programme=programme,
                                             doelgroep=doelgroep)).set_index("measure")


def test_a_finished_year_is_met_or_not_met_with_the_difference(db):
    df = _kpi(db, D(2016, 1, 1), D(2016, 12, 31), "GM1783")
    r = df.loc["plaatsingen"]
    assert (r["realised"], r["target"], r["target_period"], r["finished"], r["gap"]) == (293, 290, 290, True, -3)
    i18n.set_lang("nl")
    d = target_state.describe(r, PEIL)
    assert d["state"] == "gehaald: 3 boven het doel" and d["basis"] == "jaardoel 2016" and d["target"] == "290"
    assert (d["status"], d["colour"], d["arrow"]) == ("met", "green", "up")
    r = _kpi(db, D(2019, 1, 1), D(2019, 12, 31), "GM1708").loc["beschut_werk"]
    assert target_state.describe(r, PEIL)["state"] == "gehaald: 3 boven het doel"  # 21 against 18


def test_half_a_year_is_compared_with_half_the_annual_target(db):
    whole = _kpi(db, D(2016, 1, 1), D(2016, 12, 31), "GM1783").loc["plaatsingen"]
    h2 = _kpi(db, D(2016, 7, 1), D(2016, 12, 31), "GM1783").loc["plaatsingen"]
    assert h2["target"] == 290 and not h2["whole_years"]
    assert h2["target_period"] == round(290 * 184 / 366)  # the days of H2 in the leap year 2016
    assert h2["gap"] == h2["target_period"] - h2["realised"] and h2["realised"] < whole["realised"]
    i18n.set_lang("nl")
    d = target_state.describe(h2, PEIL)
    assert d["basis"] == f"doel naar rato van de periode: {h2['target_period']} van jaardoel 290 (2016)"
    assert d["state"].startswith("gehaald" if h2["gap"] <= 0 else "niet gehaald")


def test_a_running_year_is_compared_with_the_target_up_to_the_peildatum(db):
    peil = D(2025, 6, 30)
    r = _kpi(db, D(2025, 1, 1), D(2025, 12, 31), None, peil).loc["plaatsingen"]
    assert not r["finished"]
    assert r["expected"] == round(r["target"] * 181 / 365)
    i18n.set_lang("en")
    d = target_state.describe(r, peil)
    assert d["status"] == ("on_track" if r["realised"] >= r["expected"] else "behind")
    assert ("on schedule" if d["status"] == "on_track" else "behind schedule") in d["state"] and "30 Jun 2025" in d["state"]
    i18n.set_lang("nl")


def test_a_programme_filter_counts_its_part_of_the_realised_against_the_whole_target(db, raw):
    every = _kpi(db, D(2016, 1, 1), D(2016, 12, 31), "GM1783")
    mem = _kpi(db, D(2016, 1, 1), D(2016, 12, 31), "GM1783", programme="Meetellen en Meedoen")
    # The target and its state belong to all programmes: the same with or without the filter.
    cols = ["realised", "target", "target_period", "finished", "gap"]
    assert mem[cols].equals(every[cols]) and (every["realised_selection"] == every["realised"]).all()
    p = raw["p"]
    p = p[(p["gemeente_code"] == "GM1783") & (p["programme"] == "Meetellen en Meedoen")
          & (p["placement_date"].dt.year == 2016)]
    assert mem.loc["plaatsingen", "realised_selection"] == p.loc[p["work_kind"].isin(["regulier", "garantiebaan"]),
                                                                 "person_key"].nunique()
    assert mem.loc["werkleertrajecten", "realised_selection"] == (p["work_kind"] == "werkleertraject").sum() == 87


@pytest.mark.parametrize("gap,status,text", [(0, "met", "gehaald: precies het doel"), (2, "not_met", "niet gehaald: 2 onder het doel"),
                                             (-5, "on_track", "op schema: 5 boven het doel tot 31 dec 2025 (doel tot dan: 10)"),
                                             (4, "behind", "achter op schema: 4 onder het doel tot 31 dec 2025 (doel tot dan: 10)")])
def test_state_texts(gap, status, text):
    i18n.set_lang("nl")
    row = dict(realised=10 - gap, target=20, target_period=10, expected=10, whole_years=False, finished=status in ("met", "not_met"),
               gap=gap, first_year=2016, last_year=2016)
    d = target_state.describe(row, D(2025, 12, 31))
    assert d["state"] == text and d["status"] == status
