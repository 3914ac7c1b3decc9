"""Static exports: PNG/SVG through kaleido + local Chromium, PowerPoint decks, table downloads."""

import datetime as dt
import io
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import duckdb
import pandas as pd
import plotly.graph_objects as go
import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Inches

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run without a conftest too

from meedoen import export as ex  # noqa: E402

needs_chromium = pytest.mark.skipif(
    ex.browser_path() is None,
    reason="no Chromium found (apt-get install -y chromium, or set BROWSER_PATH): "
           "image export cannot be tested here",
)

REGIONS = pd.DataFrame({
    "regio": ["Groningen", "Súdwest-Fryslân", "Utrecht"],
    "2023": [1234, 567, 89],
    "2024": [1301, 602, 95.5],
})


def bar_fig():
    return go.Figure([go.Bar(x=REGIONS["regio"], y=REGIONS[c], name=c) for c in ("2023", "2024")],
                     layout_title_text="Plaatsingen per regio")


def line_fig():
    return go.Figure(go.Scatter(x=["2021", "2022", "2023", "2024"], y=[410, 455, 502, 538],
                                mode="lines+markers", name="plaatsingen"),
                     layout_title_text="Plaatsingen per jaar")


def sankey_fig():
    return go.Figure(go.Sankey(node={"label": ["Instroom", "Regulier werk", "Beschut werk", "Uitval"]},
                               link={"source": [0, 0, 0], "target": [1, 2, 3], "value": [731, 244, 58]}),
                     layout_title_text="Van instroom naar uitkomst")


@pytest.fixture(scope="module")
def renderer():
    with ex.ImageRenderer() as r:
        yield r


def png_width(png: bytes) -> int:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert png[12:16] == b"IHDR"
    return int.from_bytes(png[16:20], "big")


# ---------------------------------------------------------------- offline page, no browser needed


def test_kaleido_page_loads_nothing_from_the_network():
    import kaleido

    opts = ex.page_options()
    assert Path(opts["plotlyjs"]).is_file()
    html = kaleido.PageGenerator(plotly=opts["plotlyjs"], mathjax=opts["mathjax"]).generate_index()
    assert "mathjax" not in html.lower()
    assert "http://" not in html and "https://" not in html
    assert "plotly.min.js" in html


def test_missing_browser_gives_a_dutch_install_hint(monkeypatch, tmp_path):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "geen-chromium"))
    assert ex.browser_path() is None
    with pytest.raises(ex.ExportUnavailable, match="apt-get install -y chromium") as err:
        ex.figure_png(bar_fig())
    assert "BROWSER_PATH" in str(err.value) and "geen-chromium" in str(err.value)
    with pytest.raises(ex.ExportUnavailable):
        ex.build_deck([ex.SlideSpec("Stromen", sankey_fig())], title="t", subtitle="s", footer="f")


def test_native_only_deck_needs_no_browser(monkeypatch, tmp_path):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "geen-chromium"))
    deck = ex.build_deck([ex.SlideSpec("Plaatsingen per regio", bar_fig(), data=REGIONS, native=True)],
                         title="Meedoen", subtitle="Noord, 2024", footer="peildatum 2024-05-31")
    slide = Presentation(io.BytesIO(deck)).slides[1]
    chart = next(s for s in slide.shapes if s.has_chart).chart
    assert list(chart.plots[0].categories) == list(REGIONS["regio"])
    assert [s.name for s in chart.series] == ["2023", "2024"]
    assert list(chart.series[1].values) == [1301, 602, 95.5]


def test_native_chart_only_for_small_bar_or_line_data():
    big = pd.DataFrame({"k": range(ex.NATIVE_MAX_ROWS + 1), "n": 1})
    assert ex.native_chart_kind(ex.SlideSpec("a", bar_fig(), data=REGIONS, native=True)) == "column"
    assert ex.native_chart_kind(ex.SlideSpec("a", line_fig(), data=REGIONS, native=True)) == "line"
    assert ex.native_chart_kind(ex.SlideSpec("a", bar_fig(), data=REGIONS)) is None
    assert ex.native_chart_kind(ex.SlideSpec("a", sankey_fig(), data=REGIONS, native=True)) is None
    assert ex.native_chart_kind(ex.SlideSpec("a", bar_fig(), data=big, native=True)) is None
    assert ex.native_chart_kind(ex.SlideSpec("a", bar_fig(), native=True)) is None


def test_numbers_are_formatted_per_language():
    assert ex.format_number(1234567, "nl") == "1.234.567"
    assert ex.format_number(95.5, "nl") == "95,5"
    assert ex.format_number(1234.25, "en") == "1,234.25"
    assert ex.format_number(float("nan")) == "–"
    assert ex.format_number("Utrecht") == "Utrecht"
    assert ex.figure_numbers(sankey_fig()) == ["Instroom → Regulier werk: 731.",
                                               "Instroom → Beschut werk: 244.",
                                               "Instroom → Uitval: 58."]


# ---------------------------------------------------------------- images


@needs_chromium
def test_figure_png_is_full_hd():
    png = ex.figure_png(bar_fig())
    assert png_width(png) == 1920
    assert ex.png_size(png) == (1920, 1080)


@needs_chromium
@pytest.mark.parametrize("make", [bar_fig, line_fig, sankey_fig])
def test_png_and_svg_of_each_chart_kind(renderer, make):
    png = ex.figure_png(make(), 960, 540, scale=2, renderer=renderer)
    assert png_width(png) >= 1920
    root = ET.fromstring(ex.figure_svg(make(), renderer=renderer))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert make().layout.title.text in ET.tostring(root, encoding="unicode")


# ---------------------------------------------------------------- decks


@needs_chromium
def test_deck_has_title_slide_chart_slides_and_notes(renderer):
    specs = [
        ex.SlideSpec("Plaatsingen per regio", bar_fig(), "Groningen loopt voor.", "demo-export",
                     data=REGIONS, native=True),
        ex.SlideSpec("Plaatsingen per jaar", line_fig(), source="demo-export"),
        ex.SlideSpec("Van instroom naar uitkomst", sankey_fig(), source="demo-export"),
    ]
    deck = ex.build_deck(specs, title="Meedoen in Noord", subtitle="Arbeidsmarktregio Noord, 2021–2024",
                         footer="Export 2024-06-01 · peildatum 2024-05-31", date=dt.date(2024, 6, 3),
                         audience="publiek", renderer=renderer)
    prs = Presentation(io.BytesIO(deck))
    assert (round(prs.slide_width / Inches(1), 2), prs.slide_height) == (13.33, Inches(7.5))
    slides = list(prs.slides)
    assert len(slides) == len(specs) + 1

    first = slides[0]
    texts = " ".join(s.text_frame.text for s in first.shapes if s.has_text_frame)
    assert first.shapes.title.text == "Meedoen in Noord"
    assert "Arbeidsmarktregio Noord, 2021–2024" in texts
    assert "3 jun 2024" in texts and "publiek" in texts

    for spec, slide in zip(specs, slides[1:]):
        assert slide.shapes.title.text == spec.title
        body = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
        assert "Bron: demo-export" in body and "peildatum 2024-05-31" in body
        kinds = [s.shape_type for s in slide.shapes]
        if spec.native:
            assert MSO_SHAPE_TYPE.CHART in kinds and MSO_SHAPE_TYPE.PICTURE not in kinds
        else:
            pic = next(s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE)
            img_w, img_h = ex.png_size(pic.image.blob)
            assert img_w >= 1920
            assert abs(pic.width / pic.height - img_w / img_h) < 0.01  # aspect kept
            assert pic.left >= 0 and pic.left + pic.width <= prs.slide_width

    notes = [s.notes_slide.notes_text_frame.text for s in slides[1:]]
    assert "Groningen loopt voor." in notes[0]
    assert "Groningen: 2023 1.234; 2024 1.301." in notes[0] and "95,5" in notes[0]
    assert "2024: 538." in notes[1]
    assert "Instroom → Uitval: 58." in notes[2]


@needs_chromium
def test_deck_without_native_uses_pictures(renderer):
    deck = ex.build_deck([ex.SlideSpec("Plaatsingen per regio", bar_fig(), data=REGIONS)],
                         title="t", subtitle="s", footer="", lang="en", renderer=renderer)
    slide = Presentation(io.BytesIO(deck)).slides[1]
    assert [s.shape_type for s in slide.shapes].count(MSO_SHAPE_TYPE.PICTURE) == 1
    assert "Groningen: 2023 1,234; 2024 1,301." in slide.notes_slide.notes_text_frame.text


# ---------------------------------------------------------------- tables


def table():
    return pd.DataFrame({
        "gemeente_code": ["GM0014", "GM1900", "GM0344"],
        "gemeente": ["Groningen", "Súdwest-Fryslân", "Utrecht, stad"],
        "plaatsingen": [1234, 567, 89],
        "aandeel": [0.5, 0.25, None],
        "peildatum": pd.to_datetime(["2024-05-31"] * 3),
    })


def test_english_csv_has_bom_commas_and_round_trips():
    data = ex.csv_bytes(table(), lang="en")
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.splitlines()[0] == b"\xef\xbb\xbfgemeente_code,gemeente,plaatsingen,aandeel,peildatum"
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", parse_dates=["peildatum"])
    pd.testing.assert_frame_equal(back, table(), check_dtype=False)


def test_dutch_csv_is_the_dutch_excel_dialect():
    data = ex.csv_bytes(table())  # Dutch is the default
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[0] == "gemeente_code;gemeente;plaatsingen;aandeel;peildatum"
    assert lines[1] == "GM0014;Groningen;1234;0,5;2024-05-31"
    assert lines[3].startswith("GM0344;Utrecht, stad;89;;")  # a comma in text needs no quotes
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", sep=";", decimal=",", parse_dates=["peildatum"])
    pd.testing.assert_frame_equal(back, table(), check_dtype=False)


def test_excel_round_trips():
    back = pd.read_excel(io.BytesIO(ex.excel_bytes(table())), sheet_name="data")
    pd.testing.assert_frame_equal(back, table(), check_dtype=False)


def test_parquet_round_trips_through_duckdb(tmp_path):
    path = tmp_path / "t.parquet"
    path.write_bytes(ex.parquet_bytes(table()))
    back = duckdb.connect().execute("SELECT * FROM read_parquet($p) ORDER BY plaatsingen DESC",
                                    {"p": str(path)}).df()
    pd.testing.assert_frame_equal(back, table(), check_dtype=False)


def test_deck_images_drop_the_figure_title_but_keep_the_original():
    fig = sankey_fig()
    copy = ex._without_title(fig)
    assert copy.layout.title.text is None and copy.layout.margin.t == 30
    assert fig.layout.title.text == "Van instroom naar uitkomst"


# ---------------------------------------------------------------- decks ready to show

MARKUP = __import__("re").compile(r"<\s*/?\s*[a-zA-Z][^>]*>|&[a-z]+;|&#\d+;")


def deck_texts(prs) -> list[str]:
    """Every text in a deck: shapes (titles, boxes, tiles) and speaker notes."""
    out = []
    for slide in prs.slides:
        out += [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        if slide.has_notes_slide:
            out.append(slide.notes_slide.notes_text_frame.text)
    return out


def ranking_fig(n=32):
    names = [f"Gemeente {i:02d}" for i in range(n)]
    rates = [i / n for i in range(n)]
    return go.Figure(
        [go.Bar(x=rates, y=names, orientation="h", name="plaatsingsgraad",
                hovertext=[f"{name}<br>{round(100 * r)}% ({i} van {n})" for i, (name, r) in enumerate(zip(names, rates))],
                error_x=dict(type="data", array=[0.05] * n)),
         go.Scatter(x=[0.5, 0.5], y=[names[0], names[-1]], mode="lines", name="Nederland", showlegend=False,
                    hoverinfo="skip")],
        layout=dict(title_text="Plaatsingsgraad per gemeente<br><sup>de 16 hoogste en 16 laagste van 41</sup>",
                    height=28 * n + 150, yaxis_title="gemeente", xaxis_title="plaatsingsgraad"))


def test_text_without_markup():
    assert ex.plain("Titel<br><sup>de 15 hoogste &amp; laagste</sup>") == "Titel — de 15 hoogste & laagste"
    assert ex.split_title("Titel<br><sup>onder</sup>") == ("Titel", "onder")
    assert ex.split_title("Alleen titel") == ("Alleen titel", "")


def test_notes_read_as_sentences_with_the_numbers():
    rows = ex.figure_rows(ranking_fig(4))
    # The hover text holds the counts; the category it starts with is not repeated.
    assert rows[0] == ("Gemeente 00", [("", "0% (0 van 4)")])
    assert ex.sentences(rows)[:2] == ["Gemeente 00: 0% (0 van 4).", "Gemeente 01: 25% (1 van 4)."]
    months = go.Figure(go.Bar(x=pd.to_datetime(["2016-10-01", "2016-11-01"]), y=[19.0, 2398.0]))
    assert ex.figure_numbers(months) == ["okt 2016: 19.", "nov 2016: 2.398."]
    assert ex.figure_numbers(months, "en") == ["Oct 2016: 19.", "Nov 2016: 2,398."]
    years = go.Figure(go.Bar(x=[2015, 2016], y=[0.462, None]))
    assert ex.figure_numbers(years) == ["2015: 0,46.", "2016: –."]
    assert len(ex.sentences(ex.figure_rows(ranking_fig(50)))) == ex.NOTES_MAX_ROWS + 1


def test_long_ranking_is_paged_top_first():
    fig = ranking_fig(32)
    pages = ex.page_figure(fig)
    assert len(pages) == 3 and all(len(p.data[0].y) <= ex.DECK_MAX_BARS for p in pages)
    # Plotly draws the last category on top: the first page holds the highest.
    assert list(pages[0].data[0].y) == [f"Gemeente {i:02d}" for i in range(17, 32)]
    assert sorted(y for p in pages for y in p.data[0].y) == sorted(fig.data[0].y)
    # Every per-point array is cut with the points.
    assert all(len(p.data[0].error_x.array) == len(p.data[0].y) == len(p.data[0].hovertext) for p in pages)
    assert list(pages[0].data[1].y) == ["Gemeente 31"]  # the reference line keeps its end on the page
    assert ex.page_figure(bar_fig()) == [bar_fig()] or len(ex.page_figure(bar_fig())) == 1


def test_deck_figure_fills_the_picture_area_without_title():
    w, h = ex.deck_image_size()
    box_w, box_h = ex.DECK_BOX_IN[2], ex.DECK_BOX_IN[3]
    assert abs(w / h - box_w / box_h) < 0.01
    out = ex.deck_figure(ranking_fig(10))
    assert out.layout.title.text is None and (out.layout.width, out.layout.height) == (w, h)
    assert out.layout.yaxis.automargin and out.layout.xaxis.automargin


@needs_chromium
def test_deck_of_every_kind_is_clean_and_drawn_at_slide_size(renderer, tmp_path):
    specs = [
        ex.SlideSpec("Kerncijfers — Westland", tiles=[("Plaatsingsgraad", "70%", "193 van 276 werkzoekenden"),
                                                      ("Geplaatst", "193", "personen<br>in de periode")]),
        ex.SlideSpec(ranking_fig(32).layout.title.text, ranking_fig(32), notes="Westland staat bovenaan."),
        ex.SlideSpec("Van instroom naar uitkomst", sankey_fig(), source="demo &amp; export"),
    ]
    deck = ex.build_deck(specs, title="Regio's — <b>Westland</b>", subtitle="eerste helft 2016", footer="f",
                         date=dt.date(2016, 10, 3), audience="publiek", renderer=renderer)
    prs = Presentation(io.BytesIO(deck))
    texts = deck_texts(prs)
    bad = [t for t in texts if MARKUP.search(t)]
    assert not bad, bad
    slides = list(prs.slides)
    # title + tiles + the ranking over 3 slides + sankey
    assert len(slides) == 6
    assert slides[0].shapes.title.text == "Regio's — Westland"
    tiles_text = " ".join(s.text_frame.text for s in slides[1].shapes if s.has_text_frame)
    assert "70%" in tiles_text and "193 van 276 werkzoekenden" in tiles_text
    assert "Plaatsingsgraad: 70% (193 van 276 werkzoekenden)." in slides[1].notes_slide.notes_text_frame.text
    titles = [s.shapes.title.text for s in slides[2:5]]
    assert titles == ["Plaatsingsgraad per gemeente"] * 3
    subs = [" ".join(s.text_frame.text for s in sl.shapes if s.has_text_frame) for sl in slides[2:5]]
    assert all(f"deel {k}/3" in t and "de 16 hoogste" in t for k, t in enumerate(subs, start=1))
    notes = slides[2].notes_slide.notes_text_frame.text
    assert notes.startswith("Plaatsingsgraad per gemeente (de 16 hoogste en 16 laagste van 41 · deel 1/3).")
    assert "Westland staat bovenaan." in notes and "Gemeente 31: 97% (31 van 32)." in notes
    w, h = ex.deck_image_size()
    for k, slide in enumerate(slides[2:], start=2):
        pic = next(s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE)
        img_w, img_h = ex.png_size(pic.image.blob)
        # Drawn at the picture area's size (scale 2): placed 1:1, never squeezed or stretched.
        assert (img_w, img_h) == (w * ex.DECK_IMAGE["scale"], h * ex.DECK_IMAGE["scale"])
        assert abs(pic.width - Inches(ex.DECK_BOX_IN[2])) < Inches(0.01)
        assert abs(pic.height - Inches(ex.DECK_BOX_IN[3])) < Inches(0.01)
        (tmp_path / f"slide-{k}.png").write_bytes(pic.image.blob)


def test_text_alternative_says_the_key_numbers_in_one_sentence():
    fig = ranking_fig(5)
    fig.update_xaxes(tickformat=".0%")
    assert ex.text_alternative(fig) == ("Plaatsingsgraad per gemeente: 5 waarden; hoogste Gemeente 04 (80,0%); "
                                        "laagste Gemeente 00 (0,0%).")
    assert ex.text_alternative(fig, "en").startswith("Plaatsingsgraad per gemeente: 5 values; highest Gemeente 04 (80.0%)")
    assert ex.text_alternative(bar_fig()) == "Plaatsingen per regio: totaal 2023 1.890, 2024 1.998,5; hoogste Groningen (2.535)."
    assert ex.text_alternative(sankey_fig()) == "Van instroom naar uitkomst: grootste stroom Instroom → Regulier werk (731)."


def test_withheld_bars_go_last_in_a_paged_ranking():
    fig = ranking_fig(20)
    x = list(fig.data[0].x)
    for i in range(12, 20):  # the top of the chart is withheld (publiek)
        x[i] = None
    fig.data[0].x = x
    first = ex.page_figure(fig)[0]
    # All 12 ranked bars are on the first page (15 bars), the withheld ones fill it up after them.
    assert {f"Gemeente {i:02d}" for i in range(12)} <= set(first.data[0].y)
    assert sum(v is None for v in first.data[0].x) == ex.DECK_MAX_BARS - 12


@needs_chromium
def test_dutch_figures_get_dutch_month_names(renderer):
    fig = go.Figure(go.Scatter(x=pd.to_datetime(["2016-09-01", "2016-12-01"]), y=[1, 2]),
                    layout=dict(separators=",.", xaxis_tickformat="%b %Y"))
    assert ex.locale_config(fig)["locale"] == "nl"
    svg = renderer.svg(fig, 600, 300).decode()
    assert "okt 2016" in svg and "Oct" not in svg
    fig.update_layout(separators=".,")
    assert ex.locale_config(fig) == {}
