"""The sampled-view benchmark (bench/sample.py) measures what the pages run: its views open without
complaint, and opening a view's link runs exactly the calls the benchmark times."""

from __future__ import annotations

import json

import streamlit as st
from conftest import app_test

from bench import sample
from meedoen.pages import BY_NAME, DEFAULT, MANAGERS_PAGES
from meedoen.query.db import Database
from meedoen.ui.choices import GLOBAL_KEYS


def open_link(link: dict, page: str, before_page=None):
    """A fresh session opening the page's link, as tests/conftest.py app_test does; `before_page` runs
    just before the page's own run (after the landing page)."""
    at = app_test(link)
    if page != DEFAULT.name:
        for k, v in link.items():
            at.query_params[k] = v
        at.switch_page(BY_NAME[page].path)
    if before_page:
        before_page()
    return at.run()


def test_sampled_views_are_what_the_pages_run(app_env, demo_version, monkeypatch):
    views = sample.record_views(demo_version, n=2, seed=3)
    assert [sorted(v["pages"]) for v in views] == [sorted(MANAGERS_PAGES)] * 2
    # The draw reaches the pages' own choices, not only the sidebar's filters.
    assert any(set(r["link"]) - GLOBAL_KEYS for v in views for r in v["pages"].values())

    # Every query that reaches the database, below the result caches: a page that ran a query some other
    # way than through data.run (where the benchmark records) would show here and not in the recording.
    seen = []
    real = Database.run

    def spy(self, name, params=None):
        seen.append((name, json.dumps(params or {}, sort_keys=True, default=str)))
        return real(self, name, params)

    monkeypatch.setattr(Database, "run", spy)

    def fresh():
        st.cache_data.clear()
        seen.clear()

    for view in views:
        for page, rec in view["pages"].items():
            assert not rec["problems"], (page, rec["link"], rec["problems"])
            at = open_link(rec["link"], page, before_page=fresh)
            assert not at.exception, (page, rec["link"], [e.message for e in at.exception])
            assert dict(at.query_params) == rec["link"], page  # nothing in the link refused or rewritten
            recorded = {(c[0], sample.key(c[1])) for c in rec["calls"]}
            assert set(seen) == recorded, (page, rec["link"], set(seen) ^ recorded)
