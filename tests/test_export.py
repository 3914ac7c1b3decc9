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
    assert ex.figure_numbers(sankey_fig()) == ["Instroom → Regulier werk | 731",
                                               "Instroom → Beschut werk | 244",
                                               "Instroom → Uitval | 58"]


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
    assert "2024-06-03" in texts and "publiek" in texts

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
    assert "Groningen | 1.234 | 1.301" in notes[0] and "95,5" in notes[0]
    assert "2024 | 538" in notes[1]
    assert "Instroom → Uitval | 58" in notes[2]


@needs_chromium
def test_deck_without_native_uses_pictures(renderer):
    deck = ex.build_deck([ex.SlideSpec("Plaatsingen per regio", bar_fig(), data=REGIONS)],
                         title="t", subtitle="s", footer="", lang="en", renderer=renderer)
    slide = Presentation(io.BytesIO(deck)).slides[1]
    assert [s.shape_type for s in slide.shapes].count(MSO_SHAPE_TYPE.PICTURE) == 1
    assert "Groningen | 1,234 | 1,301" in slide.notes_slide.notes_text_frame.text


# ---------------------------------------------------------------- tables


def table():
    return pd.DataFrame({
        "gemeente_code": ["GM0014", "GM1900", "GM0344"],
        "gemeente": ["Groningen", "Súdwest-Fryslân", "Utrecht, stad"],
        "plaatsingen": [1234, 567, 89],
        "aandeel": [0.5, 0.25, None],
        "peildatum": pd.to_datetime(["2024-05-31"] * 3),
    })


def test_csv_has_bom_commas_and_round_trips():
    data = ex.csv_bytes(table())
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.splitlines()[0] == b"\xef\xbb\xbfgemeente_code,gemeente,plaatsingen,aandeel,peildatum"
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", parse_dates=["peildatum"])
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
