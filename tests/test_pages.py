"""Every manager page: every chart has a title, a source line, hover texts and the app colours."""

from __future__ import annotations

import re

import pytest

from meedoen import filters
from meedoen.charts import theme

from page_checks import WESTLAND_H1, STEENWIJK_2019, STATUSHOUDERS, _charts, _role


def _rgb(colour: str) -> tuple[int, int, int] | None:
    c = colour.strip().lower()
    if c in ("white", "black"):
        return (255, 255, 255) if c == "white" else (0, 0, 0)
    if re.fullmatch(r"#[0-9a-f]{6}", c):
        return tuple(int(c[i:i + 2], 16) for i in (1, 3, 5))
    m = re.fullmatch(r"rgba?\(([\d.\s]+),([\d.\s]+),([\d.\s]+)(,[\d.\s]+)?\)", c)
    if m:
        return tuple(round(float(m.group(i))) for i in (1, 2, 3))
    return None


OKABE_ITO = {_rgb(c) for c in theme.PALETTE}


APP_COLOURS = OKABE_ITO | {_rgb(theme.MUTED)}


def _app_colour(colour: str) -> bool:
    """An Okabe–Ito colour (at any opacity), the muted bar colour, or a neutral grey."""
    if colour in ("", "transparent") or re.fullmatch(r"rgba\(.*,\s*0\)", colour.replace(" ", "")):
        return True
    rgb = _rgb(colour)
    assert rgb is not None, f"unreadable colour {colour!r}"
    return rgb in APP_COLOURS or max(rgb) - min(rgb) <= 32


def _colours(obj) -> list[str]:
    """Every explicit colour in a trace or shape (marker, line, fill, sankey nodes and links, error bars)."""
    out = []
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k in ("color", "fillcolor", "bgcolor", "bordercolor") and isinstance(v, str):
                out.append(v)
            elif k in ("color", "fillcolor") and isinstance(v, list):
                out.extend(x for x in v if isinstance(x, str))
            elif k not in ("customdata", "hovertext", "text", "x", "y", "hoverlabel"):
                out.extend(_colours(v))
    elif isinstance(obj, list):
        for v in obj:
            out.extend(_colours(v))
    return out


def _has_hover(tr: dict) -> bool:
    if tr["type"] == "sankey":
        return bool(tr["node"].get("hovertemplate")) and bool(tr["link"].get("hovertemplate"))
    text = tr.get("hovertext")
    return bool(tr.get("hovertemplate")) or bool(text if isinstance(text, str) else any(text or []))


PAGES = [
    ("overview", None, WESTLAND_H1, False),
    ("overview", None, {"periode": "2019", "niveau": "provincie"}, False),
    ("regios", "app_pages/regions.py", WESTLAND_H1, True),
    ("regios", "app_pages/regions.py", {"periode": "2019", "niveau": "arbeidsmarktregio"}, False),
    ("doelen", "app_pages/targets.py", STEENWIJK_2019, False),
    ("beschut-regulier", "app_pages/kinds.py", WESTLAND_H1, False),
    ("trends", "app_pages/trends.py", WESTLAND_H1, False),
    ("doelgroepen", "app_pages/doelgroepen.py", STATUSHOUDERS, False),
    ("doelgroepen", "app_pages/doelgroepen.py", STEENWIJK_2019, False),
    ("pilots", "app_pages/pilots.py", {"periode": "2016", "regio": "GM1916"}, False),
    ("proeftuinen", "app_pages/proeftuinen.py", {"periode": "2021", "niveau": "arbeidsmarktregio", "regio": "AM25"}, False),
    ("werkgevers", "app_pages/employers.py", {"periode": "2021", "niveau": "arbeidsmarktregio", "regio": "AM25"}, False),
]


@pytest.mark.parametrize("name,page,query,with_map", PAGES, ids=[f"{p[0]}-{p[2]['periode']}" for p in PAGES])
def test_every_chart_has_title_source_hover_and_app_colours(render, raw, name, page, query, with_map):
    at = render(page, query, with_map)
    figs = _charts(at)
    assert figs, name
    code = query.get("regio")
    regions = raw["regions"]
    where = {"Nederland"}  # a national comparison says so
    if code:  # the region itself, or the larger region it is compared within
        hit = regions[(regions["gemeente_code"] == code) | (regions["arbeidsmarktregio_code"] == code)
                      | (regions["provincie_code"] == code)].iloc[0]
        where |= {hit["arbeidsmarktregio_name"], hit["provincie_name"]} | (
            {hit["gemeente_name"]} if code.startswith("GM") else set())
    period = filters.parse_period(query["periode"])
    # A title names the period, or its year(s): targets run per whole year, histories "t/m" the next year's target.
    when = [period.label()] + [str(y) for y in range(period.start.year, period.end.year + 2)]
    for fig in figs:
        lay = fig["layout"]
        title = (lay.get("title") or {}).get("text", "")
        assert title.strip(), (name, "no title")
        assert any(w in title for w in where), (name, title, where)
        assert any(w in title for w in when), (name, title, when)
        assert any("Bron" in a.get("text", "") or "peildatum" in a.get("text", "") for a in lay.get("annotations", [])), (
            name, title, "no source line")
        assert lay["template"]["layout"]["colorway"] == theme.PALETTE, (name, title)
        hovered = [tr for tr in fig["data"] if _has_hover(tr)]
        assert hovered, (name, title, "no hover")
        for tr in fig["data"]:
            role = _role(tr)
            if tr not in hovered:  # only shapes around the data (interval bands, map areas, an outline) go without
                assert tr.get("hoverinfo") == "skip" and (tr.get("fill") == "toself" or role in ("highlight", "halo")), (
                    name, title, tr.get("name"))
            if role in ("class", "missing"):
                continue  # the choropleth's classes use a sequential scale on purpose
            bad = [c for c in _colours({k: v for k, v in tr.items() if k != "meta"}) if not _app_colour(c)]
            assert not bad, (name, title, tr.get("name"), bad)
        bad = [c for c in _colours(lay.get("shapes", [])) if not _app_colour(c)]
        assert not bad, (name, title, "shapes", bad)
