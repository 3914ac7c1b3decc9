"""Page-level choices in the link: read from the URL, checked (a bad value is named in Dutch), kept in the URL."""

from __future__ import annotations

import pytest
from conftest import app_test

WESTLAND_2016 = {"periode": "2016", "regio": "GM1783"}
MEM = {**WESTLAND_2016, "programma": "Meetellen en Meedoen", "doelgroep": "statushouder"}


def _warnings(at) -> str:
    return " ".join(w.value for w in at.warning)


def _q(at, key):
    v = at.query_params.get(key)
    return v[0] if isinstance(v, list) else v


def test_seed_figure_four_in_paid_work_on_27_october_2016_by_link(app_env):
    at = app_test({**MEM, "stand": "2016-10-27"}, "app_pages/doelgroepen.py")
    assert not at.exception and not at.warning, _warnings(at)
    assert at.date_input(key="p1_on_date_2016").value.isoformat() == "2016-10-27"
    assert {m.label: m.value for m in at.metric}["Betaald werk op 27 okt 2016"] == "4"
    assert _q(at, "stand") == "2016-10-27"  # the link keeps the choice


@pytest.mark.parametrize("page,query,key,value", [
    ("app_pages/regions.py", {"maat": "geplaatst"}, "regions_measure", "placed"),
    ("app_pages/regions.py", {"vergelijk": "vergelijkbaar"}, "regions_tab", "Vergelijkbare gemeenten"),
    ("app_pages/kinds.py", {"toon": "aandelen"}, "p1_kinds_mode", "shares"),
    ("app_pages/trends.py", {"per": "kwartaal"}, "p1_trends_grain", "quarter"),
    ("app_pages/doelgroepen.py", {"binnen": "7"}, "p1_within", 7),
    ("app_pages/employers.py", {"netwerk": "MVO Westland", "norm": "voldoet_niet"}, "p2_emp_status", "voldoet_niet"),
    ("app_pages/employers.py", {"sector": "glastuinbouw"}, "p2_emp_sector", "glastuinbouw"),
])
def test_a_choice_comes_from_the_link_and_stays_in_it(app_env, page, query, key, value):
    at = app_test({**WESTLAND_2016, **query}, page)
    assert not at.exception and not at.warning, _warnings(at)
    assert at.session_state[key] == value
    for k, v in query.items():
        assert _q(at, k) == v


def test_the_pilot_and_the_partner_in_the_link(app_env, db):
    import datetime as dt

    def runs(y):
        df = db.run("pilot_outflow", dict(start=dt.date(y, 1, 1), end=dt.date(y, 12, 31), region=None))
        return list(dict.fromkeys(f"{p}|{g}" for p, g in zip(df["pilot"], df["gemeente_code"])))

    year = next(y for y in range(2016, 2026) if len(runs(y)) > 1)
    at = app_test({"periode": str(year)}, "app_pages/pilots.py")
    first, other = runs(year)[:2]
    assert at.session_state["p2_pilot"] == first  # the largest pilot: the default, so not in the link
    assert _q(at, "pilot") is None
    at.session_state["p2_pilot"] = other
    at.run()
    word = _q(at, "pilot")
    assert word == other.split("|")[0]  # by its name: it ran in one gemeente
    again = app_test({"periode": str(year), "pilot": word}, "app_pages/pilots.py")
    assert not again.warning and again.session_state["p2_pilot"] == other

    at = app_test({"periode": "2021", "niveau": "arbeidsmarktregio", "regio": "AM25", "partner": "WVS"},
                  "app_pages/proeftuinen.py")
    assert not at.exception and not at.warning and at.session_state["p2_partner"] == "WVS"
    assert _q(at, "partner") == "WVS"


def test_a_choice_made_on_the_page_goes_into_the_link_and_back_to_the_default_out(app_env):
    at = app_test(WESTLAND_2016, "app_pages/kinds.py")
    assert _q(at, "toon") is None
    at.segmented_control(key="p1_kinds_mode").set_value("shares").run()
    assert _q(at, "toon") == "aandelen"
    at.segmented_control(key="p1_kinds_mode").set_value("counts").run()
    assert _q(at, "toon") is None
    assert _q(at, "periode") == "2016" and _q(at, "regio") == "GM1783"  # the filters stay


@pytest.mark.parametrize("page,query,named", [
    ("app_pages/regions.py", {"maat": "x"}, "maat=x. Mogelijk: graad, geplaatst. Getoond: graad."),
    ("app_pages/regions.py", {"vergelijk": "buren"}, "vergelijk=buren"),
    ("app_pages/doelgroepen.py", {"binnen": "9999"}, "binnen=9999. Mogelijk: 1 tot en met 730. Getoond: 21."),
    ("app_pages/doelgroepen.py", {"binnen": "drie"}, "binnen=drie"),
    ("app_pages/doelgroepen.py", {"stand": "2016-13-40"}, "stand=2016-13-40"),
    ("app_pages/doelgroepen.py", {"stand": "1999-01-01"}, "stand=1999-01-01"),
    ("app_pages/pilots.py", {"regio": "GM1916", "pilot": "Onbekend"}, "pilot=Onbekend"),
    ("app_pages/employers.py", {"sector": "ruimtevaart"}, "sector=ruimtevaart"),
    ("app_pages/trends.py", {"per": "week"}, "per=week. Mogelijk: maand, kwartaal. Getoond: maand."),
])
def test_an_invalid_choice_is_named_in_dutch(app_env, page, query, named):
    at = app_test({**WESTLAND_2016, **query}, page)
    assert not at.exception
    assert f"Ongeldige waarde in de link genegeerd: {named}" in _warnings(at)
    for k in set(query) - {"regio"}:
        assert _q(at, k) is None  # the default is shown, and the link says so


def test_an_invalid_choice_in_english(app_env):
    at = app_test({**WESTLAND_2016, "maat": "x", "taal": "en"}, "app_pages/regions.py")
    assert "Invalid value in the link ignored: maat=x. Possible: graad, geplaatst. Shown: graad." in _warnings(at)


def test_an_out_of_range_period_says_so(app_env):
    at = app_test({"periode": "2014-H1", "regio": "GM1783"})
    assert not at.exception
    assert "periode=2014-H1 ligt buiten de gegevens (2015–2025); getoond: 2025" in _warnings(at)
    assert at.title[0].value.endswith(", 2025") and _q(at, "periode") == "2025"
