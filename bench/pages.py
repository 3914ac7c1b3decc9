"""Which named queries each page runs, with which parameters: captured by running the pages.

Every page goes through `meedoen.query.data.run`; wrapping it while `streamlit.testing` AppTest runs
each page records the exact (query, parameters) calls, so the benchmark follows the pages
whenever they change. Run in a subprocess (AppTest imports the app in-process).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Default filters (whole of the Netherlands, the latest year), one gemeente, and views a manager reaches with
# a click or two: another period kind, level or region, an earlier year.
VIEWS = {"default": {}, "region": {"regio": "GM0363"}, "quarter": {"periode": "2024-Q2"},
         "month": {"periode": "2024-05"}, "arbeidsmarktregio": {"regio": "AM21", "periode": "2023-H1"},
         "provincie 2019": {"regio": "PV27", "periode": "2019", "niveau": "provincie"}}


def _jsonable(v):
    if hasattr(v, "isoformat"):
        return {"__date__": v.isoformat()}
    return v


def from_jsonable(v):
    if isinstance(v, dict) and "__date__" in v:
        import datetime as dt

        return dt.date.fromisoformat(v["__date__"])
    return v


def capture() -> dict:
    """{view: {page: [[name, params], ...]}} for every page, on the store in MEEDOEN_DATA_DIR."""
    from streamlit.testing.v1 import AppTest

    import meedoen.query.data as data
    from meedoen.pages import BY_NAME, MANAGERS_PAGES

    calls: list = []
    real = data.run

    def spy(name, scope, **params):
        needed = data.queries()[name].params
        calls.append([name, {p: _jsonable(params.get(p)) for p in needed}])
        return real(name, scope, **params)

    data.run = spy
    out: dict = {}
    for view, query in VIEWS.items():
        out[view] = {}
        for page in MANAGERS_PAGES:  # from the page registry
            calls.clear()
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
            for k, v in query.items():
                at.query_params[k] = v
            at.run()
            if page != "overview":
                calls.clear()  # the first run drew the default page
                at.switch_page(BY_NAME[page].path)
                at.run()
            if at.exception:
                raise RuntimeError(f"{page}: {at.exception[0].message}")
            seen, uniq = set(), []
            for name, params in calls:
                key = (name, json.dumps(params, sort_keys=True))
                if key not in seen:
                    seen.add(key)
                    uniq.append([name, params])
            out[view][page] = uniq
    data.run = real
    return out


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    json.dump(capture(), sys.stdout, indent=1)
