"""WCAG 2.1 AA in the browser: axe-core on every page, Dutch and English, normal and presentation mode.
Where the pages are opened anyway, the check runs there: the manager pages in Dutch in
tests/test_browser_links.py, in English in tests/test_browser.py, in presentation mode in Dutch in
tests/test_screens.py; here the other pages, and presentation mode in English.

One app server for the whole run (conftest's `server`) and one browser context per language and
mode that visits every page in turn, so the module stays a few minutes on two cores.
"""

import pytest
from a11y import count_nodes, describe, run_axe, severe
from conftest import wait_for_app

pytestmark = pytest.mark.browser

WESTLAND_H1 = "periode=2016-H1&niveau=gemeente&regio=GM1783"
VIEWS = {"pilots": "periode=2016&regio=GM1916", "proeftuinen": "periode=2021&niveau=arbeidsmarktregio&regio=AM25",
         "doelen": "periode=2019&regio=GM1708"}
DASHBOARD = ["", "regios", "doelen", "beschut-regulier", "pilots", "proeftuinen", "doelgroepen", "trends",
             "werkgevers"]
OTHER = ["sql", "woordenboek", "beheer"]  # no presentation mode on these


def _open(pg, base, path, lang, presenting):
    q = VIEWS.get(path, WESTLAND_H1) + ("&taal=en" if lang == "en" else "") + ("&presentatie=1" if presenting else "")
    pg.goto(f"{base}/{path}?{q}")
    wait_for_app(pg, timeout=120_000)


# Presentation mode in Dutch: tests/test_screens.py checks every page's first slide at 1920×1080.
@pytest.mark.parametrize("lang,presenting", [("nl", False), ("en", False), ("en", True)],
                         ids=["normal-nl", "normal-en", "presentatie-en"])
def test_no_serious_violations_from_the_app(server, browser, lang, presenting):
    ctx = browser.new_context(viewport={"width": 1366, "height": 768})
    found, seen = {}, {}
    try:
        pg = ctx.new_page()
        # The manager pages in normal mode are checked where tests/test_browser.py opens them anyway
        # (Dutch: every page drawn; English: every page at its own address).
        for path in (DASHBOARD if presenting else OTHER):
            _open(pg, server, path, lang, presenting)
            violations = run_axe(pg)
            seen[path or "overzicht"] = count_nodes([v for v in violations if v["impact"] in ("serious", "critical")])
            own = severe(violations)
            if own:
                found[path or "overzicht"] = own
    finally:
        ctx.close()
    print(f"serious/critical nodes per page incl. framework ({lang}, presenting={presenting}): {seen}")
    assert not found, "\n".join(f"/{p}:\n{describe(v)}" for p, v in found.items())
