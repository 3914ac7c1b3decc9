"""A deck of every page opens cleanly: plain text without markup on every slide and in every note, every
chart drawn at the size of its picture area, the KPI tiles and the map as slides, notes on every slide."""

from __future__ import annotations

import io
import os
import re

import pytest
from conftest import ROOT, app_test

from meedoen import export, pages
from meedoen.ui import present

VIEWS = {"pilots": {"periode": "2016", "regio": "GM1916"},
         "proeftuinen": {"periode": "2021", "niveau": "arbeidsmarktregio", "regio": "AM25"},
         "targets": {"periode": "2019", "regio": "GM1708"}}
WESTLAND = {"periode": "2016-H1", "niveau": "gemeente", "regio": "GM1783"}
MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>|&[a-z]+;|&#\d+;")


@pytest.fixture(scope="module", autouse=True)
def _close_browser():
    yield
    present._drop_renderer()


@pytest.mark.parametrize("page", [p for p in pages.PAGES if p.section == pages.MANAGERS], ids=lambda p: p.name)
def test_deck_of_every_page_opens_cleanly(app_env, monkeypatch, page):
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    try:
        export.check_available()
    except export.ExportUnavailable as e:
        if os.environ.get("CI"):
            pytest.fail(str(e))
        pytest.skip(str(e))
    monkeypatch.setenv("MEEDOEN_GEO_DIR", str(ROOT / "data" / "boundaries"))  # the map of Regio's
    at = app_test(VIEWS.get(page.name, WESTLAND), page.path)
    assert not at.exception
    charts, tiles = at.session_state["_charts"], at.session_state["_tiles"]
    prs = Presentation(io.BytesIO(at.session_state["_export_jobs"]["deck"]()))
    slides = list(prs.slides)
    # Title, the tiles (when the page has them), then each chart (a long ranking over several slides).
    assert len(slides) >= 1 + bool(tiles) + len(charts)
    if page.name == "regions":
        assert "map" in charts
    w, h = export.deck_image_size()
    for n, slide in enumerate(slides, start=1):
        texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        bad = [t for t in texts + [notes] if MARKUP.search(t)]
        assert not bad, (page.name, n, bad)
        if n == 1:
            continue
        assert "Cijfers (intern):" in notes, (page.name, n)  # the numbers, read out
        for pic in (s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE):
            assert export.png_size(pic.image.blob) == (w * export.DECK_IMAGE["scale"], h * export.DECK_IMAGE["scale"])
    if tiles:
        shown = " ".join(s.text_frame.text for s in slides[1].shapes if s.has_text_frame)
        assert all(t.value in shown for t in tiles), page.name
