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
    assert any(m.value == "Demodata" or "Demodata" in m.value for m in at.markdown)  # the badge


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


def _tiles(at) -> dict:
    return {m.label: m.proto for m in at.metric}


def test_overview_finished_year_says_met_with_the_difference(app_env):
    at = app_test({"periode": "2016", "regio": "GM1783"})
    assert not at.exception
    tile = _tiles(at)["Plaatsingen t.o.v. doel"]
    assert tile.body == "293 / 290" and tile.delta == "gehaald: 3 boven het doel"
    captions = " ".join(c.value for c in at.caption)
    assert "jaardoel 2016" in captions and "te gaan" not in captions


def test_overview_half_year_is_compared_with_the_pro_rata_target(app_env, db):
    import datetime as dt

    at = app_test({"periode": "2016-H2", "regio": "GM1783"})
    row = db.run("kpi_targets_period", dict(start=dt.date(2016, 7, 1), end=dt.date(2016, 12, 31), region="GM1783",
                                            peildatum=dt.date(2025, 12, 31), programme=None, doelgroep=None)
                 ).set_index("measure").loc["plaatsingen"]
    tile = _tiles(at)["Plaatsingen t.o.v. doel"]
    assert row["target_period"] == 146 and tile.body == f"{row['realised']} / 146"
    assert tile.delta.startswith("gehaald" if row["realised"] >= 146 else "niet gehaald")
    assert "doel naar rato van de periode: 146 van jaardoel 290 (2016)" in " ".join(c.value for c in at.caption)


def test_overview_tiles_say_what_they_count_and_the_target_tile_honours_the_programme(app_env):
    at = app_test({"periode": "2016", "regio": "GM1783", "programma": "Meetellen en Meedoen"})
    tiles = _tiles(at)
    for label in ("Plaatsingsgraad", "Geplaatst", "Plaatsingen t.o.v. doel", "Aandeel beschut"):
        assert "queries/_definitions.sql" in tiles[label].help, label  # each names its definition
    assert "alleen regulier werk en garantiebanen" in tiles["Geplaatst"].help  # why the two differ
    assert "daarom minder dan 'Geplaatst'" in tiles["Plaatsingen t.o.v. doel"].help
    assert "meer dan 'Regulier werk' op de pagina Beschut en regulier" in tiles["Aandeel beschut"].help
    captions = " ".join(c.value for c in at.caption)
    # The target is the gemeente's, for all programmes; the tile says what the chosen programme added to it.
    assert tiles["Plaatsingen t.o.v. doel"].body == "293 / 290"
    assert "waarvan 6 uit Meetellen en Meedoen (het doel geldt voor alle programma's en doelgroepen samen)" in captions
    assert "regulier en garantiebaan" in captions


def test_the_definitions_named_in_the_help_texts_exist():
    import re

    from meedoen.config import ROOT
    from meedoen.i18n import STRINGS
    from meedoen.query.db import queries

    defs = (ROOT / "queries" / "_definitions.sql").read_text()
    macros = set(re.findall(r"CREATE OR REPLACE MACRO (\w+)", defs))
    named = 0
    for key, (nl, en) in STRINGS.items():
        for text in (nl, en):
            for m in re.finditer(r"(?:Definitie|Definition): (.*?)(?:\.$|$)", text):
                for word in re.findall(r"\b[a-z]+_[a-z_]+\b", m.group(1)):
                    assert word in macros or word in queries(), (key, word)
                    named += 1
    assert named > 20


def test_overview_change_on_a_year_earlier(app_env, db):
    import datetime as dt

    at = app_test({"periode": "2016-H1", "regio": "GM1783"})
    now, before = (db.run("placement_rate", dict(start=dt.date(y, 1, 1), end=dt.date(y, 6, 30), region="GM1783",
                                                programme=None, doelgroep=None)).iloc[0] for y in (2016, 2015))
    tiles = _tiles(at)
    d = int(now["placed"]) - int(before["placed"])
    assert tiles["Geplaatst"].delta == ("+" if d >= 0 else "-") + str(abs(d))
    assert "verschil met dezelfde periode een jaar eerder (eerste helft 2015)" in " ".join(c.value for c in at.caption)
    pp = (now["rate"] - before["rate"]) * 100
    assert tiles["Plaatsingsgraad"].delta == ("+" if pp >= 0 else "-") + f"{abs(pp):.1f}".replace(".", ",") + " procentpunt"


def test_overview_change_in_publiek_comes_from_the_protected_counts(app_env, monkeypatch, demo_version):
    import datetime as dt

    from meedoen.query import data

    monkeypatch.setenv("MEEDOEN_AUDIENCE", "publiek")
    at = app_test({"periode": "2016-H1", "regio": "GM1783"})
    scope = data.Scope.local(demo_version, "publiek")
    now, before = (data.run("placement_rate", scope, start=dt.date(y, 1, 1), end=dt.date(y, 6, 30), region="GM1783",
                            programme=None, doelgroep=None).df.iloc[0] for y in (2016, 2015))
    d = int(now["placed"]) - int(before["placed"])
    assert _tiles(at)["Geplaatst"].delta == ("+" if d >= 0 else "-") + str(abs(d))


def test_overview_first_year_has_no_change(app_env):
    at = app_test({"periode": "2015", "regio": "GM1783"})
    assert not at.exception
    assert _tiles(at)["Geplaatst"].delta == ""
    assert "een jaar eerder" not in " ".join(c.value for c in at.caption)
