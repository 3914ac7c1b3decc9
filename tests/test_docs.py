"""The documentation points at files that exist: README's "Where things are" table and ARCHITECTURE.md."""

from __future__ import annotations

import re

from conftest import ROOT

from meedoen import pages

PATH = re.compile(r"`([\w./<>-]+\.(?:py|sql|md)|[\w./-]+/)`|\]\(([\w./-]+)\)")


def _section(text: str, heading: str) -> str:
    start = text.index(heading)
    nxt = text.find("\n## ", start + len(heading))
    return text[start: nxt if nxt > 0 else None]


def _paths(text: str) -> set[str]:
    out = set()
    for m in PATH.finditer(text):
        p = m.group(1) or m.group(2)
        if "/" not in p:  # a file named within a folder given on the same line (`meedoen/ui/`: `chart.py`)
            continue
        # `app_pages/<page>.py` and the like stand for one file per page of the registry
        out |= {p.replace("<page>", pg.name) for pg in pages.PAGES} if "<page>" in p else {p}
    return out


def test_every_path_in_the_readme_table_exists():
    section = _section((ROOT / "README.md").read_text(), "## Where things are")
    table = "\n".join(line for line in section.splitlines() if line.startswith("|"))
    paths = _paths(table)
    assert len(paths) > 30  # the scan found the table's paths
    missing = sorted(p for p in paths if not (ROOT / p).exists())
    # only the managers' pages draw charts: the research and admin pages have no chart module
    no_charts = {f"meedoen/charts/{p.name}.py" for p in pages.PAGES if p.section != pages.MANAGERS}
    assert [p for p in missing if p not in no_charts] == []


def test_every_path_in_the_architecture_exists():
    text = (ROOT / "ARCHITECTURE.md").read_text()
    paths = _paths(text)
    assert len(paths) > 15
    no_charts = {f"meedoen/charts/{p.name}.py" for p in pages.PAGES if p.section != pages.MANAGERS}
    assert sorted(p for p in paths if not (ROOT / p).exists() and p not in no_charts) == []


def test_every_page_of_the_registry_has_its_script_chart_texts_and_tests():
    for p in pages.PAGES:
        assert (ROOT / p.path).exists(), p.path
        assert (ROOT / "meedoen" / "texts" / f"{p.name}.py").exists(), p.name
        if p.section == pages.MANAGERS:  # the managers' pages draw charts
            assert (ROOT / "meedoen" / "charts" / f"{p.name}.py").exists(), p.name
