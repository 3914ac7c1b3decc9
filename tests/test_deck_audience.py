"""One deck, one audience: a PowerPoint or image made for a public audience carries the publiek numbers,
wherever it is made (an intern page's export dialog, presentation mode, a publiek server); the export
dialog says which audience the file carries; speaker notes and the data dictionary follow the audience."""

from __future__ import annotations

import io
import re
import os

import pandas as pd
import pytest
from conftest import app_test

from meedoen import export, versions
from meedoen.i18n import fmt_int, fmt_pct
from meedoen.query import data
from meedoen.ui import present

WESTLAND = {"periode": "2016-H1", "regio": "GM1783"}
DICT_PAGE = "app_pages/dictionary.py"


@pytest.fixture(scope="module", autouse=True)
def _close_browser():
    yield
    present._drop_renderer()


def _need_images():
    try:
        export.check_available()
    except export.ExportUnavailable as e:
        if os.environ.get("CI"):
            pytest.fail(str(e))
        pytest.skip(str(e))


def _publiek(result: data.Result) -> pd.DataFrame:
    """The same named query with the same parameters, run anew for the publiek audience."""
    v = versions.active(os.environ["MEEDOEN_DATA_DIR"])
    return data.run(result.name, data.Scope.local(v, "publiek"), **result.params).df


def _deck(at):
    from pptx import Presentation

    return Presentation(io.BytesIO(at.session_state["_export_jobs"]["deck"]()))


def _texts(prs) -> tuple[list[str], list[str]]:
    """Per slide: the text on it, and its speaker notes."""
    shown = [" ".join(s.text_frame.text for s in sl.shapes if s.has_text_frame) for sl in prs.slides]
    notes = [sl.notes_slide.notes_text_frame.text if sl.has_notes_slide else "" for sl in prs.slides]
    return shown, notes


def _line(notes: str, start: str) -> str:
    hits = [ln for ln in notes.splitlines() if ln.startswith(start)]
    assert len(hits) == 1, (start, notes)
    return hits[0]


def _check_publiek_deck(at):
    """The deck of the view holds the publiek numbers of the page's queries, and says so."""
    charts = at.session_state["_charts"]
    rate_regions, by_month = charts["rate_regions"], charts["by_month"]
    assert {r.audience for ch in charts.values() for r in ch.results} == {"publiek"}
    prs = _deck(at)
    shown, notes = _texts(prs)
    assert "Weergave: publiek" in shown[0]
    assert all("Cijfers (publiek):" in n for n in notes[1:])

    # KPI tiles: the placement rate of Westland (intern 193 of 276).
    rate = rate_regions.results[0]
    westland = _publiek(rate).set_index("region_code").loc["GM1783"]
    tiles = notes[1]
    assert f"Plaatsingsgraad: {fmt_pct(westland['rate'])} ({fmt_int(westland['placed'])} van " \
           f"{fmt_int(westland['looking'])} werkzoekenden" in tiles
    assert "276" not in " ".join(shown + notes)  # the exact intern count is nowhere in the file

    # The ranking: every ranked gemeente of Haaglanden with its publiek rate and counts; the withheld ones
    # are named in the note under it (as on the page), never ranked.
    from meedoen.charts import regions as region_charts

    ranking = notes[3]
    pub = _publiek(rate)
    pd.testing.assert_frame_equal(pub, rate.df)
    ranked, small, hidden = region_charts.ranking(pub, "GM1783")
    assert len(ranked) >= 3 and len(small) + len(hidden) >= 1
    for _, r in ranked.iterrows():
        line = _line(ranking, r["region_name"] + ":")
        assert f"{fmt_pct(r['rate'], 1)} ({fmt_int(r['placed'])} van {fmt_int(r['looking'])};" in line
    for _, r in pd.concat([small, hidden]).iterrows():
        assert not [ln for ln in ranking.splitlines() if ln.startswith(r["region_name"] + ":")]
    assert region_charts.unranked_note(pub, "GM1783") in ranking.splitlines()
    assert all(name in ranking for name in hidden["region_name"])

    # Placements per month: each kind of work per month, as the publiek query gives it.
    month = notes[2]
    pub = _publiek(by_month.results[0])
    names = {"regulier": "Regulier werk", "garantiebaan": "Garantiebaan", "werkleertraject": "Werkleertraject",
             "beschut_werk": "Beschut werk"}
    for _, r in pub.iterrows():
        if r["work_kind"] not in names:
            continue
        line = _line(month, f"{export.category_text(r['month'], 'nl')}:")
        if pd.isna(r["placed"]):  # one withheld piece up to the protected total, with the kinds it holds
            assert re.search(r"Afgeschermd \([^)]*" + names[r["work_kind"]], line), (r.to_dict(), line)
        else:
            assert f"{names[r['work_kind']]} {fmt_int(r['placed'])}" in line, (r.to_dict(), line)
    return prs


def test_intern_page_exports_publiek_numbers_when_the_dialog_says_so(app_env):
    _need_images()
    at = app_test(WESTLAND)
    assert not at.exception
    assert at.session_state["_ctx"].scope.audience == "intern"
    captions = " ".join(c.value for c in at.caption)
    assert "Dit bestand bevat **interne** cijfers" in captions  # the dialog says what the file carries
    choice = at.segmented_control(key="aud-deck")
    assert choice.value == "intern" and choice.options == ["intern", "publiek"]

    choice.set_value("publiek").run()
    assert not at.exception
    assert at.session_state["_ctx"].scope.audience == "publiek"
    captions = " ".join(c.value for c in at.caption)
    assert "Dit bestand bevat **publieke** cijfers" in captions and "Weergave: **publiek" in captions
    # Every export dialog on the page shows the same choice.
    assert at.segmented_control(key="aud-by_month").value == "publiek"
    _check_publiek_deck(at)

    # Images made now carry the publiek numbers and say so on their source line.
    job = at.session_state["_export_jobs"]["png-by_month"]
    assert "Weergave: publiek" in job.keywords["footer"]
    fig = job.args[0]
    pub = _publiek(at.session_state["_charts"]["by_month"].results[0])
    shown = sorted(float(v) for tr in fig.data if tr.type == "bar" and tr.name != "Afgeschermd"
                   for v in tr.y if v is not None and v == v)  # the withheld pieces apart (up to the total)
    assert shown == sorted(pub["placed"].dropna().astype(float))
    svg = at.session_state["_export_jobs"]["svg-by_month"]().decode()
    assert "Weergave: publiek" in svg

    # Back to intern: the exact numbers again, and the dialog says so.
    at.segmented_control(key="aud-by_month").set_value("intern").run()
    assert at.session_state["_ctx"].scope.audience == "intern"
    assert "Weergave: intern" in at.session_state["_export_jobs"]["png-by_month"].keywords["footer"]


def test_presentation_mode_deck_is_publiek(app_env):
    _need_images()
    at = app_test({**WESTLAND, "presentatie": "1"})
    assert not at.exception
    button = next(b for b in at.get("download_button") if b.proto.id.endswith("-deck") or b.label == "PowerPoint")
    assert "publieke" in button.proto.help
    assert not [s for s in at.get("segmented_control") if str(s.key).startswith("aud-")]  # no intern here
    _check_publiek_deck(at)


def test_publiek_server_has_no_intern_choice(app_env, monkeypatch):
    monkeypatch.setenv("MEEDOEN_AUDIENCE", "publiek")
    at = app_test(WESTLAND)
    assert not at.exception
    assert not [s for s in at.get("segmented_control") if str(s.key).startswith("aud-")]
    assert "Dit bestand bevat **publieke** cijfers" in " ".join(c.value for c in at.caption)


def test_speaker_notes_say_withheld_in_publiek():
    import plotly.graph_objects as go

    fig = go.Figure(go.Bar(x=["Delft", "Westland"], y=[None, 193.0], name="geplaatst"))
    assert export.figure_numbers(fig, "nl", withheld=True) == ["Delft: afgeschermd.", "Westland: 193."]
    assert export.figure_numbers(fig, "en", withheld=True) == ["Delft: withheld.", "Westland: 193."]
    assert export.figure_numbers(fig, "nl") == ["Delft: –.", "Westland: 193."]
    # The 'x' marks drawn for withheld bars are no numbers.
    fig.add_scatter(x=["Delft"], y=[0], mode="text", text=["x"])
    assert export.figure_numbers(fig, "nl", withheld=True) == ["Delft: afgeschermd.", "Westland: 193."]


def test_dictionary_counts_follow_the_audience(app_env, monkeypatch):
    v = versions.active(app_env)
    exact = data.run("table_stats", data.Scope.local(v, "intern")).df.drop_duplicates("table_name")
    pub = data.run("table_stats", data.Scope.local(v, "publiek")).df
    # Rows about persons are counts of people: perturbed like every other; other tables stay exact.
    persons = pub[pub["person_level"]]
    assert set(persons["table_name"]) == {"placements", "pilots", "proeftuinen"}
    assert persons["n_rows"].isna().all() and pub.loc[~pub["person_level"], "person_rows"].isna().all()
    intern = exact.set_index("table_name")
    for _, r in pub.drop_duplicates("table_name").iterrows():
        true = intern.loc[r["table_name"], "person_rows" if r["person_level"] else "n_rows"]
        got = r["person_rows"] if r["person_level"] else r["n_rows"]
        assert abs(got - true) <= (2 if r["person_level"] else 0), r["table_name"]

    monkeypatch.setenv("MEEDOEN_AUDIENCE", "publiek")
    at = app_test({}, DICT_PAGE)
    assert not at.exception
    assert "Aantallen: publiek" in " ".join(c.value for c in at.caption)
    table = next(tb.value for tb in at.table if tb.value.columns[0] == "Tabel")
    shown = dict(zip(table["Tabel"], table["Rijen"]))
    for _, r in pub.drop_duplicates("table_name").iterrows():
        n = r["person_rows"] if r["person_level"] else r["n_rows"]
        assert shown[r["table_name"]] == fmt_int(n), r["table_name"]
    # The filled share of a column: from the perturbed counts.
    cols = next(tb.value for tb in at.table if tb.value.columns[0] == "Kolom").set_index("Kolom")
    end = pub[(pub["table_name"] == "placements") & (pub["column_name"] == "end_date")].iloc[0]
    assert cols.loc["end_date", "Ingevuld"] == fmt_pct(end["person_filled"] / end["person_rows"])
