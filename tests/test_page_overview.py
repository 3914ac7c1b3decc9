"""Overzicht page: the seed figures on screen, English, the empty state, a bad link."""

from conftest import app_test


def _metrics(at):
    return {m.label: m.value for m in at.metric}


def test_overview_westland_first_half_2016(app_env):
    at = app_test({"periode": "2016-H1", "regio": "GM1783"})
    assert not at.exception
    m = _metrics(at)
    assert m["Plaatsingsgraad"] == "70%"
    assert m["Geplaatst"] == "193"
    captions = " ".join(c.value for c in at.caption)
    assert "193 van 276" in captions
    assert "Westland" in at.title[0].value and "eerste helft 2016" in at.title[0].value
    assert at.query_params["regio"] == ["GM1783"] or at.query_params["regio"] == "GM1783"
    assert "Demodata" in captions


def test_overview_other_selection_and_english(app_env):
    at = app_test({"periode": "2019", "regio": "GM1708", "taal": "en"})
    assert not at.exception
    m = _metrics(at)
    assert "Placement rate" in m and m["Placement rate"].endswith("%")
    assert "Steenwijkerland" in at.title[0].value


def test_overview_empty_selection_shows_empty_state(app_env):
    # Meetellen en Meedoen ran in Westland only: in Steenwijkerland there is nothing to show.
    at = app_test({"periode": "2016", "regio": "GM1708", "programma": "Meetellen en Meedoen"})
    assert not at.exception
    assert _metrics(at)["Geplaatst"] == "0"
    assert any("Geen gegevens" in i.value for i in at.info)


def test_overview_bad_url_values_give_a_warning_not_an_error(app_env):
    at = app_test({"periode": "2016-H7", "regio": "GM0000"})
    assert not at.exception
    assert any("Ongeldige waarde" in w.value for w in at.warning)
