"""Screens in the browser: presentation mode fits 1280×720 and 1920×1080 with its buttons, the arrow
keys move between slides; pages at phone and laptop width do not overflow sideways.

One browser context per screen size visits the pages in turn; screenshots go to docs/screenshots.
"""

import re

import pytest
from conftest import shots_dir, wait_for_app

pytestmark = pytest.mark.browser

WESTLAND_H1 = "periode=2016-H1&niveau=gemeente&regio=GM1783"
VIEWS = {"pilots": "periode=2016&regio=GM1916", "proeftuinen": "periode=2021&niveau=arbeidsmarktregio&regio=AM25",
         "doelen": "periode=2019&regio=GM1708"}
DASHBOARD = ["", "regios", "doelen", "beschut-regulier", "pilots", "proeftuinen", "doelgroepen", "trends",
             "werkgevers"]

FIT = """() => {
    const next = [...document.querySelectorAll('button')].find(b => /Volgende|Next/.test(b.innerText));
    const r = next ? next.getBoundingClientRect() : null;
    const count = [...document.querySelectorAll('[data-testid=stMarkdownContainer] strong')]
        .map(e => e.innerText).find(t => /^\\d+ \\/ \\d+$/.test(t));
    return {scroll: document.scrollingElement.scrollHeight, height: innerHeight,
            nextBottom: r ? r.bottom : null, count: count || null};
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
                if h == 720 and path in ("regios", "doelen"):
                    pg.screenshot(path=str(shots_dir() / f"presentatie-{w}-{path}-{n}.png"))
            if h == 1080 and path == "":
                pg.screenshot(path=str(shots_dir() / "presentatie-1920-overzicht.png"))
    finally:
        ctx.close()
    assert slides >= len(DASHBOARD)
    assert not problems, "\n".join(problems)
