"""axe-core in the browser: inject the rule engine into a page and run the WCAG 2.1 A/AA rules.

axe-core comes from the npm registry; scripts/test.sh installs it into .cache/node (ignored by
git), or AXE_CORE_JS points at an axe.min.js.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
AXE_JS = ROOT / ".cache" / "node" / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SEVERE = ("serious", "critical")

# Findings in Streamlit's own markup that the app cannot change, with the upstream reference.
# Each is (rule id, data-testid of the Streamlit element the flagged node sits in). Listed in the README.
FRAMEWORK = [
    # st.navigation's sidebar: a <ul> whose children are <div> section wrappers around the <li>s.
    ("list", "stSidebarNav"),
    ("listitem", "stSidebarNav"),
    # st.table wraps its <table> in a scrolling <div> without tabindex.
    ("scrollable-region-focusable", "stTable"),
]


def axe_js() -> Path:
    """The axe.min.js to inject; skip (fail on CI) when it is not installed."""
    p = Path(os.environ.get("AXE_CORE_JS") or AXE_JS)
    if not p.is_file():
        msg = f"axe-core is missing at {p}: run scripts/test.sh (npm install --prefix .cache/node axe-core)"
        if os.environ.get("CI"):
            pytest.fail(msg)
        pytest.skip(msg)
    return p


def run_axe(pg) -> list[dict]:
    """The WCAG 2.1 A/AA violations on the page as axe reports them (one dict per rule)."""
    if not pg.evaluate("typeof window.axe !== 'undefined'"):
        pg.add_script_tag(path=str(axe_js()))
    result = pg.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                               resultTypes: ['violations'], elementRef: true});
            // The Streamlit elements (data-testid) each node sits in, innermost first.
            const within = (el) => {
                const ids = [];
                for (let e = el; e; e = e.parentElement) if (e.dataset && e.dataset.testid) ids.push(e.dataset.testid);
                return ids;
            };
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200),
                                          within: within(n.element),
                                          summary: (n.failureSummary || '').slice(0, 300)}))}));
        }""",
        TAGS,
    )
    return result


def _framework(rule: str, within: list[str]) -> bool:
    return any(rule == r and testid in within for r, testid in FRAMEWORK)


def severe(violations: list[dict]) -> list[dict]:
    """Serious and critical violations from the app's own markup (framework findings dropped)."""
    out = []
    for v in violations:
        if v["impact"] not in SEVERE:
            continue
        nodes = [n for n in v["nodes"] if not _framework(v["id"], n["within"])]
        if nodes:
            out.append({**v, "nodes": nodes})
    return out


def count_nodes(violations: list[dict]) -> int:
    return sum(len(v["nodes"]) for v in violations)


def describe(violations: list[dict]) -> str:
    """A readable list for an assertion message."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])}×): {v['help']}")
        for n in v["nodes"][:5]:
            lines.append(f"    {n['target']}  {n['html'][:120]}  {n['summary'][:160]}")
    return "\n".join(lines)
