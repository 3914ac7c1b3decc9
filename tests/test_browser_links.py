"""Every view has an address: in a real browser, each page opened with non-default choices shows the same
in a fresh browser as where the link was made, a choice made on the page goes into the link, a bad value is
named, and every published figure of the source articles opens from the link in the README."""

from __future__ import annotations

import re
import urllib.parse

import pytest
from a11y import describe, run_axe, severe
from conftest import ROOT, shots_dir, wait_for_app

pytestmark = pytest.mark.browser

MEM = "periode=2016&regio=GM1783&programma=Meetellen+en+Meedoen&doelgroep=statushouder"

# page: (the link's query, what the page must show for its choices)
VIEWS = {
    "overzicht": ("periode=2016-H2&niveau=gemeente&regio=GM1783&programma=Meetellen+en+Meedoen",
                  ["Overzicht — Westland, tweede helft 2016", "waarvan"]),
    "regios": ("periode=2019&regio=GM1708&maat=geplaatst&vergelijk=vergelijkbaar",
               ["seg:Geplaatst", "tab:Vergelijkbare gemeenten"]),
    "doelen": ("periode=2016-H2&regio=GM1783", ["doel naar rato van de periode"]),
    "beschut-regulier": ("periode=2016&regio=GM1783&toon=aandelen", ["seg:Aandelen"]),
    "trends": ("periode=2016-H1&regio=GM1783&per=kwartaal", ["seg:kwartaal"]),
    "doelgroepen": (f"{MEM}&binnen=14&stand=2016-10-27", ["input:14", "input:2016-10-27", "Betaald werk op 27 okt 2016"]),
    "pilots": ("periode=2019&pilot=Jobcoach+op+de+werkvloer", ["select:Jobcoach op de werkvloer"]),
    "proeftuinen": ("periode=2021&niveau=arbeidsmarktregio&regio=AM25&partner=WVS", ["select:WVS"]),
    "werkgevers": ("periode=2016&regio=GM1783&netwerk=MVO+Westland&sector=glastuinbouw&norm=voldoet",
                   ["select:MVO Westland", "select:glastuinbouw", "select:Voldoet aan de norm"]),
}

# What a page shows, as text: the title, the KPI tiles, the chart titles, the state of every choice.
SHOWN = """() => {
  const txt = (sel, f = e => e.innerText.trim()) => [...document.querySelectorAll(sel)].map(f);
  return {
    title: txt('h1'),
    metrics: txt('[data-testid=stMetric]'),
    charts: txt('.meedoen-chart .gtitle', e => e.textContent),
    seg: txt('[data-testid=stMain] button[aria-checked=true]'),
    tab: txt('[role=tab][aria-selected=true]'),
    select: txt('[data-testid=stMain] [data-testid=stSelectbox] input', e => e.value),
    input: txt('[data-testid=stMain] input[type=number], [data-testid=stMain] [data-testid=stDateInput] input',
               e => e.value),
    sidebar: txt('[data-testid=stSidebar] [data-testid=stSelectbox] input', e => e.value),
    warnings: txt('[data-testid=stAlertContentWarning]'),
    body: txt('[data-testid=stMain]'),
    marks: txt('.meedoen-chart text', e => e.textContent),
  };
}"""


def _shown(pg) -> dict:
    wait_for_app(pg)
    assert pg.get_by_test_id("stException").count() == 0, pg.get_by_test_id("stException").first.inner_text()
    return pg.evaluate(SHOWN)


def _view(shown: dict) -> dict:
    """What is compared between two browsers: all but the chart's axis ticks, which follow the drawn width (a chart
    drawn in a tab that was hidden at first gets other ticks)."""
    return {k: v for k, v in shown.items() if k != "marks"}


def _query(url: str) -> dict:
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))


def _fresh(browser, url: str, check=None) -> tuple[dict, str]:
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        pg = ctx.new_page()
        pg.goto(url)
        shown = _shown(pg)
        if check:
            check(pg)
        return shown, pg.url
    finally:
        ctx.close()


def _drawn_and_accessible(name: str):
    """The page's charts are drawn (Plotly's SVG), and WCAG 2.1 AA of the Dutch page (axe-core; the English
    pages in tests/test_browser.py, presentation mode and the other pages in tests/test_a11y.py and
    tests/test_screens.py)."""
    def check(pg):
        pg.wait_for_function(
            "[...document.querySelectorAll('.meedoen-chart .main-svg')].length > 0", timeout=120_000)
        pg.screenshot(path=str(shots_dir() / f"{name}.png"), full_page=False)
        own = severe(run_axe(pg))
        assert not own, describe(own)
    return check


def _has(shown: dict, want: str) -> bool:
    kind, _, text = want.partition(":") if re.match(r"^(seg|tab|select|input):", want) else ("", "", want)
    if kind:
        return any(text in v for v in shown[kind])
    return any(text in v for vals in shown.values() for v in vals)


@pytest.mark.parametrize("path", list(VIEWS))
def test_every_page_with_its_choices_shows_the_same_in_a_fresh_browser(server, browser, path):
    query, wants = VIEWS[path]
    first, url = _fresh(browser, f"{server}/{path}?{query}", _drawn_and_accessible(path))
    assert first["warnings"] == [], first["warnings"]
    missing = [w for w in wants if not _has(first, w)]
    assert not missing, (missing, first)
    # The address keeps every choice (and the app adds nothing the link did not ask for, but the level).
    assert _query(url) == {"niveau": "gemeente", **dict(urllib.parse.parse_qsl(query))}, url
    again, url2 = _fresh(browser, url)
    assert _view(again) == _view(first)
    assert _query(url2) == _query(url)


def test_choices_made_on_the_page_go_into_the_link(server, browser):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        pg = ctx.new_page()
        pg.goto(f"{server}/beschut-regulier?periode=2016&regio=GM1783")
        _shown(pg)
        assert "toon" not in _query(pg.url)
        pg.locator("[data-testid=stMain] button[aria-checked]").filter(has_text="Aandelen").click()
        pg.wait_for_url("**toon=aandelen**", timeout=60_000)
        mine = _shown(pg)

        pg.goto(f"{server}/regios?periode=2019&regio=GM1708")
        _shown(pg)
        pg.get_by_role("tab", name="Vergelijkbare gemeenten").click()
        pg.wait_for_url("**vergelijk=vergelijkbaar**", timeout=60_000)
        regions = _shown(pg)
        regions_url = pg.url
    finally:
        ctx.close()
    shown, _ = _fresh(browser, f"{server}/beschut-regulier?periode=2016&niveau=gemeente&regio=GM1783&toon=aandelen")
    assert _view(shown) == _view(mine) and "Aandelen" in shown["seg"]
    shown, _ = _fresh(browser, regions_url)
    assert _view(shown) == _view(regions) and shown["tab"] == ["Vergelijkbare gemeenten"]


@pytest.mark.parametrize("path,query,says", [
    ("overzicht", "periode=2014&regio=GM1783", "periode=2014 ligt buiten de gegevens (2015–2025); getoond: 2025"),
    ("regios", "periode=2016&regio=GM1783&maat=x", "maat=x. Mogelijk: graad, geplaatst. Getoond: graad."),
    ("doelgroepen", f"{MEM}&stand=2016-02-30", "stand=2016-02-30"),
])
def test_a_bad_value_in_a_link_is_named_in_dutch(server, browser, path, query, says):
    shown, url = _fresh(browser, f"{server}/{path}?{query}")
    assert any("Ongeldige waarde in de link genegeerd" in w and says in w for w in shown["warnings"]), shown["warnings"]
    key = says.split("=")[0]
    assert _query(url).get(key) != dict(urllib.parse.parse_qsl(query))[key]  # the link now says what is shown


def _figure_links() -> list[tuple[str, str, list[str]]]:
    """The README's table of published figures: (figure, link, what it shows)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| ([^|`]+) \| `(/[^`]+)` \| ((?:`[^`]+` ?)+)\|$", text, re.M)
    return [(fig.strip(), link, re.findall(r"`([^`]+)`", shows)) for fig, link, shows in rows]


FIGURES = _figure_links()


def _number(text: str) -> float:
    return float(text.replace(".", "").replace(",", ".").rstrip("%"))


@pytest.mark.parametrize("figure,link,shows", FIGURES, ids=[f[1] for f in FIGURES])
def test_every_published_figure_opens_from_its_link(server, browser, figure, link, shows):
    shown, _ = _fresh(browser, server + link)
    assert shown["warnings"] == [], shown["warnings"]
    tiles = {}
    for m in shown["metrics"]:
        label, _, rest = m.partition("\n")
        tiles[label.strip()] = rest.strip().split("\n")[0]
    body = " ".join(v for vals in shown.values() for v in vals)
    for want in shows:
        m = re.fullmatch(r"(.+) ([=>]) (.+)", want)
        if not m:
            assert want in body, (figure, want)
        elif m[2] == "=":
            assert tiles.get(m[1]) == m[3], (figure, want, tiles)
        else:
            assert _number(tiles[m[1]]) > _number(m[3]), (figure, want, tiles)


def test_the_readme_lists_the_published_figures():
    assert len(FIGURES) >= 8
    assert any("27 okt 2016" in s for _, _, shows in FIGURES for s in shows)
