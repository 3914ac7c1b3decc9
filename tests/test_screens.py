"""Screens in the browser: presentation mode fits 1280×720 and 1920×1080 with its buttons, the arrow
keys move between slides; every page at phone (390 px) and laptop (1366×768) width has no text running
off the window, cut off or drawn over other text; the print view; filters and presentation mode by
keyboard alone.

One browser context per screen size visits the pages in turn; screenshots go to docs/screenshots/screens
(not kept in git).
"""

import re

import pytest
from a11y import describe, run_axe, severe
from conftest import ROOT, shots_dir, streamlit_server, wait_for_app
from layout_checks import LAYOUT

pytestmark = pytest.mark.browser

WESTLAND_H1 = "periode=2016-H1&niveau=gemeente&regio=GM1783"
VIEWS = {"pilots": "periode=2016&regio=GM1916", "proeftuinen": "periode=2021&niveau=arbeidsmarktregio&regio=AM25",
         "doelen": "periode=2019&regio=GM1708"}
DASHBOARD = ["", "regios", "doelen", "beschut-regulier", "pilots", "proeftuinen", "doelgroepen", "trends",
             "werkgevers"]
OTHER = ["sql", "woordenboek", "beheer"]


def screens_dir():
    d = shots_dir() / "screens"
    d.mkdir(exist_ok=True)
    return d

FIT = """() => {
    const next = [...document.querySelectorAll('button')].find(b => /Volgende|Next/.test(b.innerText));
    const r = next ? next.getBoundingClientRect() : null;
    const count = [...document.querySelectorAll('[data-testid=stMarkdownContainer] strong')]
        .map(e => e.innerText).find(t => /^\\d+ \\/ \\d+$/.test(t));
    const slide = document.querySelector('.st-key-present_slide, .st-key-present_tiles');
    const plot = document.querySelector('.st-key-present_slide .js-plotly-plot');
    const px = e => e ? Math.round(e.getBoundingClientRect().height) : null;
    return {scroll: document.scrollingElement.scrollHeight, height: innerHeight,
            nextBottom: r ? r.bottom : null, count: count || null, slide: px(slide), plot: px(plot)};
}"""

OVERFLOW = """() => {
    const w = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('[data-testid=stMain] *')].filter(e => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.right > w + 1 && getComputedStyle(e).position !== 'fixed';
    }).map(e => (e.dataset.testid || e.tagName) + ' ' + Math.round(e.getBoundingClientRect().right));
    return {scrollWidth: document.scrollingElement.scrollWidth, width: w, wide: wide.slice(0, 8)};
}"""


def _goto(pg, base, path, extra=""):
    pg.goto(f"{base}/{path}?{VIEWS.get(path, WESTLAND_H1)}{extra}")
    wait_for_app(pg, timeout=120_000)


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=["720p", "1080p"])
def test_every_slide_fits_the_screen_with_its_buttons(server, browser, size):
    w, h = size
    ctx = browser.new_context(viewport={"width": w, "height": h})
    problems, slides = [], 0
    try:
        pg = ctx.new_page()
        for path in DASHBOARD:
            _goto(pg, server, path, "&presentatie=1")
            if h == 1080:  # WCAG 2.1 AA of presentation mode in Dutch (axe-core; English in tests/test_a11y.py)
                own = severe(run_axe(pg))
                if own:
                    problems.append(f"/{path} presentation mode: {describe(own)}")
            info = pg.evaluate(FIT)
            m = re.match(r"(\d+) / (\d+)", info["count"] or "")
            total = int(m[2]) if m else 1
            for n in range(1, total + 1):
                if n > 1:
                    # The arrow key moves on (the Volgende button's shortcut), the URL keeps the slide.
                    pg.locator("body").press("ArrowRight")
                    pg.wait_for_url(re.compile(rf"dia={n}\b"), timeout=60_000)
                    wait_for_app(pg, timeout=120_000)
                    info = pg.evaluate(FIT)
                slides += 1
                if info["scroll"] > h or info["nextBottom"] is None or info["nextBottom"] > h:
                    problems.append(f"/{path} slide {n}: {info}")
                # The slide takes the height the screen has (less header and buttons), not a fixed 500 px.
                if info["slide"] is not None and not h - 260 <= info["slide"] <= h - 150:
                    problems.append(f"/{path} slide {n}: slide {info['slide']} px on a {h} px screen")
                # A title (two lines at most) above the chart and a note under it at most.
                if info["plot"] is not None and info["plot"] < info["slide"] - 190:
                    problems.append(f"/{path} slide {n}: chart {info['plot']} px of a {info['slide']} px slide")
                # Nothing in the chart drawn over other text (a two-line title over the legend was).
                layout = pg.evaluate(LAYOUT)
                if layout["overlap"] or layout["cut"] or layout["wide"]:
                    problems.append(f"/{path} slide {n} at {w}×{h}: {layout}")
                if h == 720 and path in ("regios", "doelen"):
                    pg.screenshot(path=str(screens_dir() / f"presentatie-{w}-{path}-{n}.png"))
            if h == 1080 and path in ("", "regios"):
                pg.screenshot(path=str(screens_dir() / f"presentatie-1920-{path or 'overzicht'}.png"))
    finally:
        ctx.close()
    assert slides >= len(DASHBOARD)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("size", [(390, 844), (1366, 768)], ids=["phone", "laptop"])
def test_pages_fit_phone_and_laptop(server, browser, size):
    """No text past the window's edge, cut off by its box, or drawn over other text in a chart."""
    w, h = size
    ctx = browser.new_context(viewport={"width": w, "height": h})
    problems = []
    try:
        pg = ctx.new_page()
        for path in DASHBOARD + OTHER:
            _goto(pg, server, path)
            info = pg.evaluate(LAYOUT)
            name = path or "overzicht"
            pg.screenshot(path=str(screens_dir() / f"{w}-{name}.png"))
            if info["scrollWidth"] > w or info["wide"] or info["cut"] or info["overlap"]:
                problems.append(f"/{path} at {w} px: {info}")
    finally:
        ctx.close()
    assert not problems, "\n".join(problems)


VISIBLE = """(sel) => [...document.querySelectorAll(sel)].filter(e => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden';
}).length"""


def test_print_view(server, browser):
    """Printed: the page title, the filters as text, tiles, charts and tables; no sidebar, buttons or dialogs."""
    ctx = browser.new_context(viewport={"width": 1366, "height": 768})
    try:
        pg = ctx.new_page()
        _goto(pg, server, "")
        pg.emulate_media(media="print")
        pg.wait_for_timeout(500)
        count = lambda sel: pg.evaluate(VISIBLE, sel)  # noqa: E731
        assert count("h1") == 1
        filters = pg.locator(".st-key-print_only_filters").inner_text()
        assert "Periode: eerste helft 2016" in filters and "Regio: Westland" in filters and "Doelgroep: Alle" in filters
        assert count("[data-testid=stMetric]") == 4 and count(".meedoen-chart") == 2
        for hidden in ("[data-testid=stSidebar]", "[data-testid=stButton]", "[data-testid=stDownloadButton]",
                       "[data-testid=stPopover]", "[data-testid=stExpander]", "header[data-testid=stHeader]"):
            assert count(hidden) == 0, hidden
        # The whole page prints, not the first screen of its scrolling box.
        assert pg.evaluate("document.scrollingElement.scrollHeight") > 1100
        pg.screenshot(path=str(screens_dir() / "print-overzicht.png"), full_page=True)
        pdf = pg.pdf(format="A4", print_background=True)
        assert pdf[:4] == b"%PDF" and pdf.count(b"/Type /Page") >= 2
        (screens_dir() / "print-overzicht.pdf").write_bytes(pdf)
        pg.emulate_media(media="screen")
        _goto(pg, server, "woordenboek")
        pg.emulate_media(media="print")
        assert count("[data-testid=stTable]") > 1  # tables print whole
    finally:
        ctx.close()


FOCUSED = """() => {
    const e = document.activeElement;
    if (!['BUTTON', 'INPUT', 'A', 'SUMMARY'].includes(e.tagName)) return ['', ''];  // a focusable region, not a control
    return [e.innerText || '', e.getAttribute('aria-label') || ''];
}"""


def _focused(pg) -> list[str]:
    """The focused element's text lines and label (an icon's ligature name is a line of its own)."""
    text, aria = pg.evaluate(FOCUSED)
    return [line.strip() for line in text.split("\n") if line.strip()] + [aria]


def _tab_to(pg, text, limit=80, key="Tab"):
    for _ in range(limit):
        pg.keyboard.press(key)
        if text in _focused(pg):
            return
    raise AssertionError(f"no keyboard focus reaches {text!r}")


def test_keyboard_only_filters_and_presentation(server, browser):
    ctx = browser.new_context(viewport={"width": 1366, "height": 768})
    try:
        pg = ctx.new_page()
        _goto(pg, server, "")
        # A filter: the kind of period.
        pg.locator("body").focus()
        _tab_to(pg, "Jaar")  # the kind of period: one tab stop, the arrow keys move between its options
        _tab_to(pg, "Kwartaal", limit=4, key="ArrowRight")
        pg.keyboard.press("Enter")
        pg.wait_for_url(re.compile(r"periode=2016-Q"), timeout=60_000)
        wait_for_app(pg, timeout=120_000)
        # The region: typed into its box, picked with Enter.
        pg.locator("body").focus()
        _tab_to(pg, "Regio")
        pg.keyboard.type("Delft")
        pg.keyboard.press("Enter")
        pg.wait_for_url(re.compile(r"regio=GM0503"), timeout=60_000)
        wait_for_app(pg, timeout=120_000)
        # Presentation mode: start, next slide with the arrow key and with the button, leave.
        _tab_to(pg, "Presenteren")
        pg.keyboard.press("Enter")
        pg.wait_for_url(re.compile(r"presentatie=1"), timeout=60_000)
        wait_for_app(pg, timeout=120_000)
        pg.keyboard.press("ArrowRight")
        pg.wait_for_url(re.compile(r"dia=2\b"), timeout=60_000)
        wait_for_app(pg, timeout=120_000)
        _tab_to(pg, "Volgende")
        pg.keyboard.press("Enter")
        pg.wait_for_url(re.compile(r"dia=3\b"), timeout=60_000)
        wait_for_app(pg, timeout=120_000)
        _tab_to(pg, "Uit presentatie")
        pg.keyboard.press("Enter")
        pg.wait_for_url(lambda url: "presentatie" not in url, timeout=60_000)
    finally:
        ctx.close()


@pytest.fixture(scope="module")
def server_with_map(demo_root, tmp_path_factory):
    """The app with the boundary files that ship in data/boundaries, so the Regio's page draws its map."""
    log = tmp_path_factory.mktemp("server-map") / "streamlit.log"
    with streamlit_server(demo_root, log, MEEDOEN_GEO_DIR=str(ROOT / "data" / "boundaries")) as base:
        yield base


LEGEND_SCROLLS = """() => [...document.querySelectorAll('.js-plotly-plot .legend .scrollbar')]
    .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; }).length"""


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=["720p", "1080p"])
def test_map_is_a_slide_that_fits(server_with_map, browser, size):
    w, h = size
    ctx = browser.new_context(viewport={"width": w, "height": h})
    try:
        pg = ctx.new_page()
        _goto(pg, server_with_map, "regios", "&presentatie=1")
        info = pg.evaluate(FIT)
        assert info["scroll"] <= h and info["nextBottom"] is not None and info["nextBottom"] <= h, info
        # The first slide is the map, its whole legend shown (no scroll bar) and the credit kept.
        assert pg.locator(".js-plotly-plot .scatterlayer path.js-fill").count() > 3  # the areas of the map
        assert pg.evaluate(LEGEND_SCROLLS) == 0
        notes = pg.evaluate("() => [...document.querySelectorAll('.js-plotly-plot .annotation-text')].map(e => e.textContent)")
        assert any("CC BY 4.0" in n for n in notes), notes
        pg.screenshot(path=str(screens_dir() / f"presentatie-{w}-regios-kaart.png"))
    finally:
        ctx.close()


# Where a map point is on the screen, in page pixels (Plotly's own axes convert the coordinates).
POINT_ON_SCREEN = """(code) => {
  const gd = document.querySelector('.st-key-map .js-plotly-plot');
  const L = gd._fullLayout;
  for (const tr of gd._fullData) {
    const cd = tr.customdata || [];
    const i = cd.findIndex(row => row && row[0] === code);
    if (i < 0 || !tr.x) continue;
    const xa = L[tr.xaxis.replace('x', 'xaxis')], ya = L[tr.yaxis.replace('y', 'yaxis')];
    const box = gd.getBoundingClientRect();
    return [box.left + xa._offset + xa.l2p(tr.x[i]), box.top + ya._offset + ya.l2p(tr.y[i])];
  }
  return null;
}"""


def test_a_click_on_the_map_goes_to_that_region(server_with_map, browser):
    """The chart element sends a clicked point back (meedoen/ui/chart_element.py): the page goes to that region,
    and the link follows."""
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    _goto(page, server_with_map, "regios")
    assert page.locator("h1").first.inner_text().startswith("Regio's — Westland")
    page.wait_for_function("() => document.querySelector('.st-key-map .main-svg')", timeout=60_000)
    xy = page.evaluate(POINT_ON_SCREEN, "GM1916")
    assert xy, "Leidschendam-Voorburg is not on the map"
    page.mouse.move(*xy)
    page.mouse.click(*xy)
    page.wait_for_function("() => document.querySelector('h1').innerText.includes('Leidschendam-Voorburg')",
                           timeout=60_000)
    assert "regio=GM1916" in page.url
    page.close()


LEGEND_AND_PLOT = """() => {
  const gd = document.querySelector('.st-key-map .js-plotly-plot');
  const r = (e) => { const b = e.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; };
  return {legend: r(gd.querySelector('.legend')), plot: r(gd.querySelector('.nsewdrag')),
          horizontal: gd._fullLayout.legend.orientation === 'h'};
}"""


@pytest.mark.parametrize("width", [390, 1366])
def test_the_maps_legend_leaves_the_country_free_on_a_phone(server_with_map, browser, width):
    """On a narrow screen the map's legend goes under the map (the figure's narrow layout, applied by the chart
    element); on a wide one it stays at the left, beside the country, as in images and slides."""
    page = browser.new_page(viewport={"width": width, "height": 844})
    try:
        _goto(page, server_with_map, "regios")
        page.wait_for_function("() => document.querySelector('.st-key-map .main-svg')", timeout=60_000)
        got = page.evaluate(LEGEND_AND_PLOT)
        legend, plot = got["legend"], got["plot"]
        assert got["horizontal"] == (width < 640), got
        if width < 640:
            assert legend[1] >= plot[3] - 1, got  # under the map, not over it
            assert legend[2] <= width, got
        else:  # a window made narrow in one step: the legend goes under the map, and the map follows the width
            page.set_viewport_size({"width": 600, "height": 844})
            page.wait_for_function("""() => { const b = document.querySelector('.st-key-map .meedoen-chart');
                return b._fullLayout.legend.orientation === 'h'
                    && Math.abs(b._fullLayout.width - parseFloat(getComputedStyle(b).width)) <= 1; }""", timeout=10_000)
    finally:
        page.close()
