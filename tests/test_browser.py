"""The real app in headless Chromium: charts drawn, no exceptions, links that reopen the view."""

import pytest
from a11y import describe, run_axe, severe
from conftest import shots_dir, wait_for_app

from meedoen.i18n import t
from meedoen.pages import BY_NAME, MANAGERS_PAGES

pytestmark = pytest.mark.browser

WESTLAND_H1 = "periode=2016-H1&niveau=gemeente&regio=GM1783"


def _check_page(pg):
    wait_for_app(pg)
    assert pg.get_by_test_id("stException").count() == 0, pg.get_by_test_id("stException").first.inner_text()
    charts = pg.locator(".meedoen-chart")
    charts.first.wait_for(timeout=120_000)
    # Plotly has drawn: an SVG with marks inside the chart container.
    pg.wait_for_function(
        "[...document.querySelectorAll('.meedoen-chart .main-svg')].length > 0", timeout=120_000)
    return charts.count()


def test_overview_draws_charts_and_kpis(server, page):
    page.goto(f"{server}/?{WESTLAND_H1}")
    assert _check_page(page) >= 2
    body = page.inner_text("body")
    assert "70%" in body and "193" in body
    page.screenshot(path=str(shots_dir() / "overzicht.png"), full_page=False)


def test_copied_link_reopens_the_view(server, browser, page):
    page.goto(f"{server}/?{WESTLAND_H1}")
    _check_page(page)
    url = page.url
    assert "regio=GM1783" in url and "periode=2016-H1" in url
    fresh = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        pg2 = fresh.new_page()
        pg2.goto(url)
        _check_page(pg2)
        assert "193 van 276" in pg2.inner_text("body")
    finally:
        fresh.close()


def test_deep_link_to_a_page_in_a_fresh_browser(server, browser):
    ctx = browser.new_context()
    try:
        pg = ctx.new_page()
        pg.goto(f"{server}/doelen?periode=2019&niveau=gemeente&regio=GM1708")
        _check_page(pg)
        text = pg.inner_text("body")
        assert "Page not found" not in text
        assert "Steenwijkerland" in text and "Filters" in text  # the router ran: sidebar filters are there
    finally:
        ctx.close()


# Every manager page drawn, without exceptions and with WCAG 2.1 AA (Dutch): tests/test_browser_links.py,
# which opens each page with its choices anyway.


def test_presentation_mode_in_the_browser(server, page):
    page.goto(f"{server}/?presentatie=1&periode=2016-H1&regio=GM1783")
    wait_for_app(page)
    assert not page.get_by_test_id("stSidebar").is_visible()
    assert not page.get_by_test_id("stMetric").first.is_visible()  # the page's own tiles hidden with its body
    # The first slide: the KPI tiles, large.
    tiles = page.locator(".st-key-present_tiles [data-testid=stMetric]")
    assert tiles.count() == 4 and tiles.first.is_visible()
    body = page.inner_text("body")
    assert "Westland" in body and "eerste helft 2016" in body and "Bron: Meedoen demodata" in body
    assert "1 / 3" in body
    page.get_by_role("button", name="Volgende").click()
    page.wait_for_url("**dia=2**", timeout=30_000)
    assert _check_page(page) == 1  # one chart per screen; the page's own charts are not drawn
    assert "presentatie=1" in page.url and "dia=2" in page.url
    assert "2 / 3" in page.inner_text("body")


# Every page's own address, as a manager would paste it into a new browser (Dutch and English).
OWN_PATHS = {"overzicht": ("Overzicht", "Overview"), "regios": ("Regio's", "Regions"), "doelen": ("Doelen", "Targets"),
             "beschut-regulier": ("Beschut en regulier", "Sheltered and regular"), "trends": ("Trends", "Trends"),
             "doelgroepen": ("Doelgroepen", "Target groups"), "pilots": ("Pilots", "Pilots"),
             "proeftuinen": ("Proeftuinen", "Proeftuinen"), "werkgevers": ("Werkgevers", "Employers")}


# Dutch: tests/test_browser_links.py opens every page at its own address in a fresh browser too.
@pytest.mark.parametrize("lang", ["en"])
@pytest.mark.parametrize("path", list(OWN_PATHS))
def test_every_page_opens_at_its_own_address_in_a_fresh_browser(server, browser, path, lang):
    """Also WCAG 2.1 AA of the English page (axe-core)."""
    ctx = browser.new_context()
    try:
        pg = ctx.new_page()
        pg.goto(f"{server}/{path}" + ("?taal=en" if lang == "en" else ""))
        wait_for_app(pg)
        body = pg.inner_text("body")
        assert "Page not found" not in body and "could not be found" not in body
        assert pg.get_by_test_id("stException").count() == 0
        title = pg.locator("h1").first.inner_text()
        assert title.startswith(OWN_PATHS[path][lang == "en"]), title
        assert f"/{path}" in pg.url
        own = severe(run_axe(pg))
        assert not own, describe(own)
    finally:
        ctx.close()


def _sent(base: str, page_name: str, query: str) -> list[tuple[int, str, str]]:
    """What one new session's first run sends, in order: (root container, element type, a heading's text)
    per element (root 0 = the page, 1 = the sidebar)."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.sync.client import connect

    out = []
    with connect(base.replace("http", "ws", 1) + "/_stcore/stream", subprotocols=["streamlit"], max_size=None) as ws:
        m = BackMsg()
        m.rerun_script.query_string, m.rerun_script.page_name = query, page_name
        ws.send(m.SerializeToString())
        while True:
            f = ForwardMsg()
            f.ParseFromString(ws.recv(timeout=120))
            if f.WhichOneof("type") == "script_finished":
                return out
            if f.WhichOneof("type") == "delta" and f.delta.WhichOneof("type") == "new_element":
                el = f.delta.new_element
                kind = el.WhichOneof("type")
                if kind == "bidi_component" and el.bidi_component.component_name == "meedoen_chart":
                    kind = "chart"  # the app's chart element (meedoen/ui/chart_element.py)
                out.append((f.metadata.delta_path[0], kind, el.heading.body if kind == "heading" else ""))


WIDGETS = {"selectbox", "multiselect", "button_group", "checkbox", "radio", "slider", "number_input", "date_input",
           "text_input", "button", "download_button"}


@pytest.mark.parametrize("name", MANAGERS_PAGES)
def test_the_first_chart_is_sent_before_any_widget(server, name):
    """The browser fetches a kind of widget's code when the first one arrives, over a few connections: the
    sidebar's filters and a page's own choices come after the page's first chart (ui.widgets, ui.later), so
    the chart component is not queued behind them."""
    entry = BY_NAME[name]
    sent = _sent(server, "" if entry.default else entry.url_path, "")
    assert any(kind == "heading" and text.startswith(t(entry.title) + " — ") for _, kind, text in sent), sent
    first_chart = next(i for i, (_, kind, _) in enumerate(sent) if kind == "chart")
    widgets = [i for i, (_, kind, _) in enumerate(sent) if kind in WIDGETS]
    sidebar = [i for i in widgets if sent[i][0] == 1]
    assert sidebar, sent
    assert first_chart < widgets[0], sent


def test_filters_show_the_view_of_the_link_and_still_change_it(server, page):
    """The filters are read before the page and drawn after it: the sidebar shows the view of the link,
    choosing another year redraws the page for it, and the language switch takes at once."""
    page.goto(f"{server}/doelen?periode=2016-H1&niveau=provincie&regio=PV28")
    wait_for_app(page)
    side, main = page.get_by_test_id("stSidebar"), page.get_by_test_id("stMain")
    assert side.get_by_role("combobox", name="Regio", exact=True).input_value() == "Zuid-Holland"
    assert side.get_by_role("combobox", name="Halfjaar", exact=True).input_value() == "H1"
    year = side.get_by_role("combobox", name="Jaar", exact=True)
    assert year.input_value() == "2016"
    assert "Zuid-Holland" in main.get_by_test_id("stHeading").first.inner_text()
    year.click()
    page.get_by_role("option", name="2017", exact=True).click()
    wait_for_app(page)
    assert "2017" in main.get_by_test_id("stHeading").first.inner_text()
    assert "periode=2017-H1" in page.url and "regio=PV28" in page.url
    side.get_by_text("English", exact=True).click()
    wait_for_app(page)
    assert main.get_by_test_id("stHeading").first.inner_text().startswith("Targets — Zuid-Holland")
    assert side.get_by_role("combobox", name="Region", exact=True).input_value() == "Zuid-Holland"
    assert side.get_by_role("combobox", name="Year", exact=True).input_value() == "2017"


def test_switching_the_language_there_and_back_keeps_the_view(server, page):
    """A selectbox sends its choice back as the label it showed: after a switch to English and back, the month,
    the region level, the region and a page's own choice are still those of the view (not the old labels)."""
    page.goto(f"{server}/regios?periode=2016-05&niveau=gemeente&regio=GM1783&maat=geplaatst")
    wait_for_app(page)
    side = page.get_by_test_id("stSidebar")
    for lang, heading in (("English", "Regions — Westland, May 2016"), ("Nederlands", "Regio's — Westland, mei 2016"),
                          ("English", "Regions — Westland, May 2016")):
        side.get_by_text(lang, exact=True).click()
        page.wait_for_function("(h) => document.querySelector('h1')?.innerText.startsWith(h)", arg=heading,
                               timeout=60_000)
        wait_for_app(page)
        assert page.get_by_test_id("stException").count() == 0, page.get_by_test_id("stException").first.inner_text()
        for part in ("periode=2016-05", "niveau=gemeente", "regio=GM1783", "maat=geplaatst"):
            assert part in page.url, (lang, page.url)


# Installed before the page's own code: when each chart's SVG appears, in page time (a MutationObserver runs
# right after the task that drew it).
TURNS = """
window.__drawnAt = [];
const seen = new Set();
new MutationObserver(() => document.querySelectorAll('.js-plotly-plot').forEach(g => {
  if (!seen.has(g) && g.querySelector('.main-svg')) { seen.add(g); window.__drawnAt.push(performance.now()); }
})).observe(document, {childList: true, subtree: true});
"""


def test_charts_are_drawn_one_after_the_other_in_dutch(server, browser):
    """The page's first chart is on the screen before the second is drawn (not all in one task), the chart code is
    the app's own build, and the chart's buttons speak Dutch."""
    ctx = browser.new_context()
    try:
        pg = ctx.new_page()
        pg.add_init_script(TURNS)
        pg.goto(f"{server}/?{WESTLAND_H1}")
        _check_page(pg)
        pg.wait_for_function("() => window.__drawnAt.length >= 2", timeout=60_000)
        times = pg.evaluate("() => window.__drawnAt")
        assert len(times) == 2 and times[0] < times[1], times  # two separate moments
        loaded = pg.evaluate("() => performance.getEntriesByType('resource').map(r => r.name)")
        assert any(u.endswith("/app/static/plotly-meedoen.min.js") for u in loaded), loaded
        assert not any("PlotlyChart" in u for u in loaded)  # Streamlit's full Plotly build is not loaded
        titles = pg.evaluate("() => [...document.querySelectorAll('.meedoen-chart .modebar-btn')]"
                             ".map(b => b.getAttribute('data-title'))")
        assert "Volledig scherm (Esc om terug te gaan)" in titles, titles
        assert "Verschuiven" in titles and "Assen herstellen" in titles, titles  # Plotly's own buttons in Dutch too
        # Nothing to Plotly's cloud, no box or lasso selection (the map is clicked), and no picture of the screen
        # copy without its title, source and audience (images come from the "Downloaden" menu).
        assert not {"Share chart...", "Box Select", "Lasso Select", "Pan", "Zoom in", "Grafiek downloaden als PNG",
                    "Download plot as a PNG"} & set(titles), titles
        assert pg.get_by_role("figure").first.get_attribute("aria-label").startswith("Plaatsingen per maand")
        # A rerun that leaves a chart as it was keeps its drawing (no purge and redraw): open "Query en data".
        pg.evaluate("() => { window.__svg = document.querySelector('.meedoen-chart .main-svg'); }")
        pg.get_by_text("Query en data").first.click()
        pg.get_by_text("queries/", exact=False).first.wait_for(timeout=60_000)
        wait_for_app(pg)
        assert pg.evaluate("() => document.querySelector('.meedoen-chart .main-svg') === window.__svg")
        # Full screen: the chart fills the screen's height; Esc (leaving full screen) gives it its own again.
        before = pg.evaluate("() => document.querySelector('.meedoen-chart').clientHeight")
        pg.locator(".meedoen-chart").first.hover()
        pg.locator(".meedoen-chart").first.locator("[data-title^='Volledig scherm']").click()
        pg.wait_for_function("() => document.fullscreenElement?.classList.contains('meedoen-chart')", timeout=10_000)
        pg.wait_for_function(f"() => document.fullscreenElement.clientHeight > {before} + 100", timeout=10_000)
        pg.evaluate("() => document.exitFullscreen()")
        pg.wait_for_function(f"() => !document.fullscreenElement && "
                             f"document.querySelector('.meedoen-chart').clientHeight === {before}", timeout=10_000)
    finally:
        ctx.close()


def test_a_chart_that_cannot_load_its_code_says_so(server, browser):
    ctx = browser.new_context()
    try:
        pg = ctx.new_page()
        pg.route("**/plotly-meedoen.min.js", lambda route: route.abort())
        pg.goto(f"{server}/?{WESTLAND_H1}")
        wait_for_app(pg)
        pg.wait_for_function("() => document.querySelector('.meedoen-chart')?.innerText.includes('niet worden getekend')",
                             timeout=60_000)
        assert pg.get_by_test_id("stMetric").count() == 4  # the rest of the page is there
        # Once the code loads again (the next run), the charts are drawn and the message is gone.
        pg.unroute("**/plotly-meedoen.min.js")
        pg.get_by_test_id("stSidebar").get_by_text("Kwartaal", exact=True).click()
        pg.wait_for_function("() => document.querySelectorAll('.meedoen-chart .main-svg').length >= 2", timeout=60_000)
        assert pg.locator(".meedoen-failed").count() == 0
    finally:
        ctx.close()
