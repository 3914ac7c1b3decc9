"""Presentation mode, chart and deck exports, shareable links and English coverage of the app."""

from __future__ import annotations

import datetime as dt
import functools
import io
import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import app_test, open_panels
from page_checks import chart_elements, chart_spec

from meedoen import export, filters, i18n
from meedoen.ui import present

ROOT = Path(__file__).resolve().parent.parent
WESTLAND = {"periode": "2016-H1", "regio": "GM1783"}


def _charts(node) -> list:
    return chart_elements(node)


def _fig(el) -> dict:
    return chart_spec(el)


def _fig_title(el) -> str:
    return (_fig(el)["layout"].get("title") or {}).get("text") or ""


def _block(at, key: str):
    """The container with st.container(key=key) in the main area."""
    found = []

    def walk(node):
        if getattr(getattr(node, "proto", None), "id", "").endswith("-" + key):
            found.append(node)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at.main)
    assert len(found) == 1, key
    return found[0]


def _need_images():
    try:
        export.check_available()
    except export.ExportUnavailable as e:
        if os.environ.get("CI"):
            pytest.fail(str(e))
        pytest.skip(str(e))


@pytest.fixture(scope="module", autouse=True)
def _close_browser():
    yield
    present._drop_renderer()


# ------------------------------------------------------------------ presentation mode

def test_presentation_mode_shows_one_chart_with_header_and_slides(app_env):
    at = app_test({**WESTLAND, "presentatie": "1"})
    assert not at.exception
    body = _block(at, "page_body")
    assert _charts(body) == []  # the page's charts are collected, not drawn in place
    assert len(_charts(at)) == 0  # slide 1 holds the tiles
    css = " ".join(h.value for h in at.get("html"))
    assert ".st-key-page_body {display: none" in css and 'data-testid="stSidebar"' in css
    head = _block(at, "present_head")
    text = " ".join(m.value for m in head.markdown) + " ".join(h.value for h in head.get("html"))
    assert "Westland" in text and "eerste helft 2016" in text and "Bron: Meedoen demodata" in text
    assert "publiek" in text  # presentation mode is the public audience
    assert at.query_params["presentatie"] == "1" and at.query_params["dia"] == "1"
    # The first slide: the page's KPI tiles, with publiek numbers (193 of 275; 276 looking intern).
    assert _charts(at) == []
    tiles = _block(at, "present_tiles")
    assert [m.value for m in tiles.metric][:2] == ["70%", "193"]
    assert any(c.value.startswith("193 van 275 werkzoekenden") for c in tiles.caption)
    assert at.button(key="pr_prev").disabled

    at.button(key="pr_next").click().run()
    assert at.query_params["dia"] == "2"
    first = _fig_title(_charts(at)[0])
    assert first.startswith("Plaatsingen per maand")
    # Projector type on the shown copy; the page's own figure is left alone.
    spec = _fig(_charts(at)[0])["layout"]
    assert spec["font"]["size"] >= 22 and spec["title"]["font"]["size"] >= 30
    # The figure's height is only the chart's least: the slide's CSS height (the screen less header and
    # buttons) decides; the browser tests check it fits 1280×720 and fills 1920×1080.
    assert spec["height"] == present.SLIDE_MIN_HEIGHT and spec["autosize"] is True
    # The title is text above the chart (it wraps; Plotly's own is hidden and gives its room back).
    slide = _block(at, "present_slide")
    heading = " ".join(h.value for h in slide.get("html"))
    assert '<h2 class="pr-title">Plaatsingen per maand' in heading and spec["margin"]["t"] < 60
    css = " ".join(h.value for h in at.get("html"))
    assert ".st-key-present_slide, .st-key-present_tiles {flex: 0 0 auto !important; height: max(420px, calc(100vh - 200px))" in css

    at.button(key="pr_next").click().run()
    assert at.query_params["dia"] == "3"
    assert len(_charts(at)) == 1 and _fig_title(_charts(at)[0]).startswith("Plaatsingsgraad per gemeente")
    assert at.button(key="pr_next").disabled
    assert any(m.value == "**3 / 3**" for m in at.markdown)

    at.button(key="pr_exit").click().run()
    assert "presentatie" not in at.query_params and "dia" not in at.query_params
    assert len(_charts(at)) == 2 and at.title[0].value.startswith("Overzicht")


def test_slide_from_the_url_is_clamped_to_the_page(app_env):
    at = app_test({**WESTLAND, "presentatie": "1", "dia": "9"})
    assert not at.exception
    assert at.query_params["dia"] == "3"
    assert _fig_title(_charts(at)[0]).startswith("Plaatsingsgraad per gemeente")


def test_sidebar_toggle_starts_presentation(app_env):
    at = app_test(WESTLAND)
    assert len(_charts(at)) == 2
    at.toggle(key="w_present").set_value(True).run()
    assert at.query_params["presentatie"] == "1"
    assert len(_charts(at)) == 0 and _block(at, "present_tiles")  # the tiles come first


def test_page_without_charts_says_so(app_env):
    # Pilots in Westland: the demo has no pilot there, so the page draws no chart.
    at = app_test({**WESTLAND, "presentatie": "1"}, "app_pages/pilots.py")
    assert not at.exception
    assert _charts(at) == []
    assert any("geen grafieken om te presenteren" in i.value for i in at.info)


# ------------------------------------------------------------------ exports

@pytest.fixture(scope="module")
def overview(demo_root):
    """The overview page in normal mode, with the download jobs its buttons use."""
    mp = pytest.MonkeyPatch()
    mp.setenv("MEEDOEN_DATA_DIR", str(demo_root))
    mp.setenv("MEEDOEN_GEO_DIR", str(demo_root / "no-geo"))
    try:
        at = app_test(WESTLAND)
    finally:
        mp.undo()
    assert not at.exception
    return at


def test_every_chart_has_png_svg_and_csv_buttons(overview):
    jobs = overview.session_state["_export_jobs"]
    for key in ("by_month", "rate_regions"):
        assert {f"png-{key}", f"svg-{key}"} <= set(jobs)
    assert "csv-rate_regions-placement_rate_by_region" in jobs and "csv-rate_regions-placement_rate" in jobs
    labels = {b.label for b in overview.get("download_button")}
    assert {"Afbeelding (PNG, 1920 px)", "Vectorafbeelding (SVG)", "PowerPoint van deze weergave"} <= labels
    csv = jobs["csv-by_month-placements_by_month"]().decode("utf-8-sig")
    # Intern: exact counts, and a column marking the small groups (the data has some).
    assert csv.splitlines()[0] == "month;work_kind;placed;total;kleine groep (<5)"  # Dutch Excel dialect


def test_english_page_downloads_the_english_csv_dialect_and_every_chart_has_a_summary(app_env):
    at = app_test({**WESTLAND, "taal": "en"})
    assert not at.exception
    jobs = at.session_state["_export_jobs"]
    lines = jobs["csv-rate_regions-placement_rate_by_region"]().decode("utf-8-sig").splitlines()
    assert lines[0].startswith("region_code,region_name,") and ";" not in lines[0]
    assert re.search(r",0\.\d+,", lines[1])  # a rate with a decimal point
    summaries = [c.value for c in at.caption if c.value.startswith("Summary: ")]
    assert len(summaries) == len(_charts(at)) == 2
    assert "highest" in summaries[1] and "lowest" in summaries[1]


def test_status_line_keeps_the_version_behind_details(overview):
    v = overview.session_state["_ctx"].version
    status = next(c.value for c in overview.caption if c.value.startswith("Peildatum:"))
    assert "Weergave:" in status and v.id not in status
    details = next(p for p in overview.get("popover") if p.proto.popover.label == "Details")
    assert any(v.id in m.value for m in details.markdown)
    assert any("Demodata" in m.value for m in overview.markdown)  # the badge, an element of its own


def test_chart_title_and_source_are_text_on_the_page(overview):
    headings = [m.value for m in overview.markdown if m.value.startswith("#### ")]
    assert headings[0].startswith("#### Plaatsingen per maand naar soort werk")
    assert sum(c.value.startswith("Bron: Meedoen demodata") for c in overview.caption) == 2
    fig = _fig(_charts(overview)[0])["layout"]
    # The figure keeps both (images and decks draw them); the page's copy does not draw the source line.
    assert fig["title"]["text"].startswith("Plaatsingen per maand")
    assert [a.get("visible") for a in fig["annotations"] if a["text"].startswith("Bron:")] == [False]
    assert ".st-key-page_body .meedoen-chart .g-gtitle {display: none;}" in \
        " ".join(h.value for h in overview.get("html"))


def test_png_and_svg_of_a_chart(overview):
    _need_images()
    jobs = overview.session_state["_export_jobs"]
    png = jobs["png-by_month"]()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    w, h = export.png_size(png)
    assert w >= 1920 and h >= 1080
    svg = jobs["svg-by_month"]()
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    text = "".join(root.itertext())
    assert "Plaatsingen per maand" in text
    assert "Weergave: intern" in text  # the audience in force is on the exported file
    assert jobs["png-by_month"]() is png  # a second click is served from the cache


def test_powerpoint_of_the_view(overview):
    _need_images()
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    charts = list(overview.session_state["_charts"].values())
    deck = Presentation(io.BytesIO(overview.session_state["_export_jobs"]["deck"]()))
    slides = list(deck.slides)
    assert len(slides) == len(charts) + 2 == 4  # title, KPI tiles, one per chart
    assert slides[0].shapes.title.text == "Overzicht — Westland"
    title_texts = " ".join(s.text_frame.text for s in slides[0].shapes if s.has_text_frame)
    assert "eerste helft 2016" in title_texts and "Weergave: intern" in title_texts
    assert slides[1].shapes.title.text.startswith("Kerncijfers — Westland")
    assert "Plaatsingsgraad: 70% (193 van 276 werkzoekenden" in slides[1].notes_slide.notes_text_frame.text
    for slide, ch in zip(slides[2:], charts):
        assert slide.shapes.title.text == export.split_title(ch.title)[0]  # the note's line goes to the notes
        assert any(s.shape_type == MSO_SHAPE_TYPE.PICTURE for s in slide.shapes)
        assert "Bron: Meedoen demodata" in " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
    notes = slides[3].notes_slide.notes_text_frame.text
    assert "Westland" in notes and "193 van 276" in notes  # the numbers behind the rate
    assert "jan 2016" in slides[2].notes_slide.notes_text_frame.text


def test_without_chromium_the_dutch_message_is_shown(app_env, monkeypatch, tmp_path):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "geen-chromium"))
    at = app_test(WESTLAND)
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert len(warnings) == 2 and all("apt-get install -y chromium" in w for w in warnings)  # one per chart
    assert at.button(key="deck_off").disabled
    labels = {b.label for b in at.get("download_button")}
    assert "Afbeelding (PNG, 1920 px)" not in labels and "PowerPoint van deze weergave" not in labels
    assert "Data (CSV): placements_by_month" in labels  # tables need no browser


def _panels(at) -> dict:
    """The "Query en data" expanders of the page, by chart key."""
    return {e.proto.id.split("-", 2)[2].removeprefix("qd-"): e for e in at.expander if "-qd-" in e.proto.id}


def test_query_panels_are_built_only_when_opened(app_env):
    at = app_test(WESTLAND)
    assert not at.exception
    panels = _panels(at)
    assert set(panels) == {"by_month", "rate_regions"}  # one closed panel under every chart
    assert all(at.session_state[f"qd-{k}"] is False for k in panels)
    # Closed: no SQL, no table, no CSV bytes sent (the only code block is the share link).
    assert [c.value for c in at.code if not c.value.startswith("http")] == []
    assert not at.dataframe
    assert not [b for b in at.get("download_button") if b.label == "CSV downloaden"]
    assert all(not p.children for p in panels.values())

    open_panels(at)
    assert not at.exception
    assert len([c for c in at.code if not c.value.startswith("http")]) == 3  # rate_regions has two queries
    assert len(at.dataframe) == 3
    assert len([b for b in at.get("download_button") if b.label == "CSV downloaden"]) == 3


def test_open_panel_shows_the_query_sql_and_its_data(app_env, db):
    at = open_panels(app_test(WESTLAND))
    assert not at.exception
    panel = _panels(at)["by_month"]
    assert panel.label == "Query en data"
    sql = (ROOT / "queries" / "placements_by_month.sql").read_text()
    assert [c.value.strip() for c in panel.code] == [sql.strip()]
    assert [c.language for c in panel.code] == ["sql"]
    assert [m.value for m in panel.markdown] == ["**`queries/placements_by_month.sql`**"]
    assert [c.value for c in panel.caption] == ["Parameters: `$grain` = `month`, `$region` = `GM1783`, `$programme` = `None`, "
                                                "`$doelgroep` = `None`, `$start` = `2016-01-01`, `$end` = `2016-06-30`"]
    # The table is the query's rows, run again here straight on the data.
    expected = db.run("placements_by_month", {"grain": "month", "start": dt.date(2016, 1, 1), "end": dt.date(2016, 6, 30),
                                              "region": "GM1783", "programme": None, "doelgroep": None})
    shown = panel.dataframe[0].value
    assert len(shown) == len(expected) > 0
    assert list(shown["work_kind"]) == list(expected["work_kind"])
    assert shown["placed"].astype(int).tolist() == expected["placed"].astype(int).tolist()


def test_export_figure_puts_the_footer_on_the_source_line():
    import plotly.graph_objects as go

    from meedoen.charts import theme

    fig = theme._finish(go.Figure(go.Bar(x=["a"], y=[1])), "T", "Bron: x")
    out = present.export_figure(fig, source="Bron: x", footer="Weergave: publiek")
    texts = [a.text for a in out.layout.annotations]
    assert texts == ["Bron: x · Weergave: publiek"]
    assert (out.layout.width, out.layout.height) == (960, 540)
    # Inside the picture: above the bottom edge, below the plot.
    a = out.layout.annotations[0]
    plot_h = out.layout.height - out.layout.margin.t - out.layout.margin.b
    assert a.yanchor == "bottom" and -out.layout.margin.b / plot_h < a.y < 0
    assert [a.text for a in fig.layout.annotations] == ["Bron: x"]  # the original is untouched


# ------------------------------------------------------------------ shareable links

def _link(at) -> str:
    codes = [c.value for c in at.code if c.value.startswith("http")]
    assert len(codes) == 1
    return codes[0]


def test_link_round_trip_restores_the_view(app_env):
    view = {"periode": "2016-Q3", "regio": "GM1783", "doelgroep": "banenafspraak", "taal": "en"}
    at = app_test(view)
    assert not at.exception
    at.button(key="pr_start").click().run()
    at.button(key="pr_next").click().run()
    link = _link(at)
    path, q = present.parse_link(link)
    assert path == "/"
    assert q == {"periode": "2016-Q3", "niveau": "gemeente", "regio": "GM1783", "doelgroep": "banenafspraak",
                 "taal": "en", "presentatie": "1", "dia": "2"}
    shown = _fig_title(_charts(at)[0])

    again = app_test(q)
    assert not again.exception
    c1, c2 = at.session_state["_ctx"], again.session_state["_ctx"]
    assert c2.filters == c1.filters
    assert again.session_state["present"] is True and again.session_state["_lang"] == "en"
    assert _fig_title(_charts(again)[0]) == shown  # same slide, in English
    assert _link(again) == link
    parsed, problems = filters.from_query(q, regions=set(c1.regions["code"]), programmes=set(),
                                          doelgroepen={"banenafspraak"}, default_period="2025")
    assert parsed == c1.filters and problems == []


def test_link_keeps_the_page_path(app_env):
    at = app_test({"periode": "2019", "regio": "GM1708"}, "app_pages/targets.py")
    path, q = present.parse_link(_link(at))
    assert path == "/doelen" and q == {"periode": "2019", "niveau": "gemeente", "regio": "GM1708"}


def test_share_link_building():
    assert present.share_link("https://x.nl/doelen?old=1#top", {"periode": "2016", "regio": "GM1783"}) == \
        "https://x.nl/doelen?periode=2016&regio=GM1783"
    assert present.share_link("http://h:8501", {"a": "b c"}) == "http://h:8501/?a=b+c"
    assert [present.slide_number(v) for v in ("3", "0", "-1", "x", None)] == [3, 1, 1, 1, 1]


# ------------------------------------------------------------------ language

def _all_strings() -> dict:
    return i18n.STRINGS  # every module of meedoen/texts/, loaded by i18n itself


def test_every_t_key_exists_in_both_languages():
    strings = _all_strings()
    call = re.compile(r"""\bt\(\s*(["'])([A-Za-z0-9_]+)\1\s*[,)]""")
    files = [ROOT / "app.py", *sorted((ROOT / "meedoen").rglob("*.py")), *sorted((ROOT / "app_pages").glob("*.py"))]
    files = [f for f in files if f.name != "i18n.py"]  # defines t(); its docstring shows t("key")
    keys = {(f.name, m[2]) for f in files for m in call.finditer(f.read_text())}
    assert len(keys) > 100  # the scan found the calls
    missing = sorted(k for k in keys if k[1] not in strings)
    assert missing == []
    empty = sorted(k for k, (nl, en) in strings.items() if not nl.strip() or not en.strip())
    assert empty == []


@functools.lru_cache(maxsize=1)
def _dutch_fragments() -> frozenset[str]:
    """Pieces of Dutch text (between placeholders) that do not occur in any English string."""
    strings = _all_strings()
    english = " ".join(en for _, en in strings.values())
    out = set()
    for nl, en in strings.values():
        for piece in re.split(r"\{[^}]*\}", nl):
            piece = piece.strip(" ,.:;()—–-")
            if len(piece) >= 10 and piece not in english:
                out.add(piece)
    return frozenset(out)


def _texts(at) -> list[str]:
    # Not the query parameters under a chart: those are data values (pilot names).
    out = [e.value for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning")
           for e in getattr(at, kind) if "`$" not in e.value]
    out += [w.label for kind in ("button", "selectbox", "segmented_control", "toggle", "metric", "expander")
            for w in getattr(at, kind)]
    for el in _charts(at):
        lay = _fig(el)["layout"]
        out.append((lay.get("title") or {}).get("text") or "")
        out += [(v.get("title") or {}).get("text") or "" for k, v in lay.items() if k.startswith(("xaxis", "yaxis"))]
        out += [a.get("text", "") for a in lay.get("annotations", [])]
        out += [tr.get("name") or "" for tr in _fig(el)["data"]]
    return out


def _axis_titles(el) -> list[str]:
    lay = _fig(el)["layout"]
    return [(lay[k].get("title") or {}).get("text") or "" for k in sorted(lay) if k.startswith(("xaxis", "yaxis"))]


PAGES = {"overview": WESTLAND, "regions": WESTLAND, "targets": {"periode": "2019", "regio": "GM1708"},
         "kinds": WESTLAND, "trends": WESTLAND, "doelgroepen": WESTLAND,
         "pilots": {"periode": "2016", "regio": "GM1916"},
         "proeftuinen": {"periode": "2021", "niveau": "arbeidsmarktregio", "regio": "AM25"},
         "employers": WESTLAND}


@pytest.fixture(scope="module")
def data_names(db) -> list[str]:
    """Names that come from the data (pilots, proeftuinen, regions, employers): never translated."""
    sql = ("SELECT DISTINCT pilot FROM pilots UNION SELECT DISTINCT proeftuin FROM proeftuinen "
           "UNION SELECT DISTINCT gemeente_name FROM regions UNION SELECT DISTINCT arbeidsmarktregio_name FROM regions "
           "UNION SELECT DISTINCT provincie_name FROM regions UNION SELECT DISTINCT name FROM employers")
    return sorted((r[0] for r in db.con.execute(sql).fetchall() if r[0]), key=len, reverse=True)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_in_english(app_env, data_names, page):
    at = open_panels(app_test({**PAGES[page], "taal": "en"}, f"app_pages/{page}.py"))  # their texts too
    assert not at.exception, at.exception[0].value
    en_title, en_charts = at.title[0].value, _charts(at)
    assert en_charts, "the view should draw charts"
    texts = [functools.reduce(lambda s, n: s.replace(n, "·"), data_names, s) for s in _texts(at)]
    dutch = [(f, s) for s in texts for f in _dutch_fragments() if f in s]
    assert dutch == []
    assert all(_fig(el)["layout"]["separators"] == ".," for el in en_charts)  # 1,234.5

    at.segmented_control(key="f_lang").set_value("nl").run()
    assert not at.exception
    assert any(f in s for s in _texts(at) for f in _dutch_fragments())  # the check can see Dutch
    nl_charts = _charts(at)
    assert len(nl_charts) == len(en_charts)
    name = i18n.STRINGS["page_" + page]
    if name[0] != name[1]:  # Pilots, Proeftuinen: the same word in both languages
        assert at.title[0].value != en_title
    for en, nl in zip(en_charts, nl_charts):
        assert _fig_title(en) != _fig_title(nl)
        assert _fig(nl)["layout"]["separators"] == ",."  # 1.234,5
        for a, b in zip(_axis_titles(en), _axis_titles(nl)):
            assert a != b or not a, (a, b)


def test_slide_title_is_text_and_the_legend_clears_notes_on_top():
    """On the screen a slide's height is the screen's: the title is text above the chart (a title drawn
    at a fraction of the height ran into the legend at 1080p) and a legend over event numbers sits at
    the top edge in pixels."""
    import plotly.graph_objects as go
    from meedoen.charts import theme

    fig = go.Figure([go.Scatter(x=[1, 2], y=[3, 4], name="deze periode"), go.Scatter(x=[1, 2], y=[2, 3], name="eerder")])
    fig.update_layout(template=theme.TEMPLATE, title_text="Geplaatst per maand<br><sup>Westland</sup>")
    plain, _, _ = present.slide_figure(fig)
    assert plain.layout.legend.yref != "container" and plain.layout.margin.t < 60
    fig.add_annotation(x=1, y=1.0, yref="paper", yanchor="bottom", text="1", showarrow=False)
    out, title, subtitle = present.slide_figure(fig)
    assert (title, subtitle) == ("Geplaatst per maand", "Westland")
    assert (out.layout.legend.yref, out.layout.legend.y, out.layout.legend.yanchor) == ("container", 1, "top")
    assert out.layout.margin.t >= 90 and out.layout.height == present.SLIDE_MIN_HEIGHT
