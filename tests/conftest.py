"""Shared fixtures: one demo data store per test session, AppTest and browser harnesses."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# A fixed secret for the record keys, so the perturbed numbers of a test run are always the same.
os.environ.setdefault("MEEDOEN_CELL_KEY_SECRET", "test-secret-of-the-cell-key-method")
# Sign-ins in tests sign their cookies with a key of their own, not the user's.
os.environ.setdefault("MEEDOEN_SECRET_FILE", os.path.join(tempfile.gettempdir(), f"meedoen-test-{os.getpid()}",
                                                          "cookie-secret"))
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


@pytest.fixture(scope="session")
def demo_root(tmp_path_factory) -> Path:
    """A data store holding the demo data (the built-in seed regions: small and fast)."""
    from meedoen import versions

    root = tmp_path_factory.mktemp("store")
    versions.ensure(root, geo_dir=None)
    return root


@pytest.fixture(scope="session")
def demo_version(demo_root):
    from meedoen import versions

    return versions.active(demo_root)


@pytest.fixture(scope="session")
def db(demo_version):
    from meedoen.query.db import Database

    d = Database(demo_version)
    yield d
    d.close()


@pytest.fixture
def app_env(demo_root, monkeypatch):
    """Point the app at the demo store (AppTest runs in this process)."""
    monkeypatch.setenv("MEEDOEN_DATA_DIR", str(demo_root))
    monkeypatch.setenv("MEEDOEN_GEO_DIR", str(demo_root / "no-geo"))
    return demo_root


def app_test(query: dict | None = None, page: str | None = None):
    """Run the app (optionally a page) with URL query parameters; returns the AppTest."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run()
    if page:
        # The page opens with the link's parameters, as in a browser (the first page dropped the ones it
        # does not use).
        for k, v in (query or {}).items():
            at.query_params[k] = v
        at.switch_page(page)
        at.run()
    return at


def open_panels(at):
    """Open every "Query en data" panel on the page (their content is only built when open); returns `at`."""
    # An expander's proto id is "$$ID-<hash>-<user key>"; the panels' user keys start with "qd-".
    keys = [e.proto.id.split("-", 2)[2] for e in at.expander if e.proto.id.count("-") >= 2]
    keys = [k for k in keys if k.startswith("qd-")]
    assert keys, "no Query en data panel on this page"
    for k in keys:
        at.session_state[k] = True
    return at.run()


# ------------------------------------------------------------------ browser

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _need_chromium():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: .ci/run must install it (apt-get install -y chromium)")
        pytest.skip("no Chromium at /usr/bin/chromium (apt-get install -y chromium)")


@contextlib.contextmanager
def streamlit_server(root: Path, log: Path, args: tuple[str, ...] = (), **env_extra):
    """`streamlit run app.py` on a free port, serving the store at `root`; yields the base URL.
    `args`: more command-line options (e.g. `--secrets.files`)."""
    port = _free_port()
    env = {**os.environ, "MEEDOEN_DATA_DIR": str(root), **env_extra}
    env.setdefault("MEEDOEN_GEO_DIR", str(root / "no-geo"))
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless", "true",
             "--server.port", str(port), "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
             *args],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(base + "/_stcore/health", timeout=2).read() == b"ok":
                break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("streamlit did not start:\n" + log.read_text()[-3000:])
    try:
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="session")
def server(demo_root, tmp_path_factory):
    """The app on the demo store; yields the base URL."""
    _need_chromium()
    geo = os.environ.get("MEEDOEN_GEO_DIR")
    extra = {"MEEDOEN_GEO_DIR": geo} if geo else {}
    with streamlit_server(demo_root, tmp_path_factory.mktemp("server") / "streamlit.log", **extra) as base:
        yield base


def fingerprint(root: Path) -> dict[str, str]:
    """Hash of the ACTIVE pointer and of every file of the active version (to prove nothing changed)."""
    import hashlib

    from meedoen import versions

    act = versions.active(root)
    out = {"ACTIVE": (root / "ACTIVE").read_text()}
    for f in sorted(act.path.rglob("*")):
        if f.is_file():
            out[str(f.relative_to(root))] = hashlib.sha256(f.read_bytes()).hexdigest()
    return out


@pytest.fixture(scope="session")
def browser():
    _need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1600, "height": 1000})
    pg = ctx.new_page()
    yield pg
    ctx.close()


def wait_for_app(pg, timeout=180_000) -> None:
    """Wait until the script finished and nothing is loading any more."""
    pg.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=timeout)
    pg.wait_for_function("document.querySelectorAll('[data-testid=stSkeleton]').length === 0", timeout=timeout)
    pg.wait_for_timeout(500)
    pg.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=timeout)


def shots_dir() -> Path:
    d = ROOT / "docs" / "screenshots"
    d.mkdir(parents=True, exist_ok=True)
    return d


# ------------------------------------------------------------------ page tests: the raw data and rendering once per module

@pytest.fixture(scope="module")
def raw(demo_version):
    """The demo tables as pandas frames, read straight from the parquet files."""
    import pandas as pd
    import pyarrow.parquet as pq

    p = pq.read_table(demo_version.path / "placements").to_pandas()
    for col in ("intake_date", "placement_date", "end_date"):
        p[col] = pd.to_datetime(p[col])
    regions = pq.read_table(demo_version.path / "regions.parquet").to_pandas()
    p = p.merge(regions[["gemeente_code", "arbeidsmarktregio_code", "provincie_code"]], on="gemeente_code")
    targets = pq.read_table(demo_version.path / "targets.parquet").to_pandas()
    return {"p": p, "regions": regions, "targets": targets}


@pytest.fixture(scope="module")
def geo_dir(tmp_path_factory):
    """A boundary folder with four small squares: three seed gemeenten and one without data."""
    from page_checks import MAP_CODES, _square

    d = tmp_path_factory.mktemp("geo")
    names = ["Westland", "Midden-Delfland", "Leidschendam-Voorburg", "Groningen"]
    feats = [_square(c, n, 4.1 + 0.3 * i, 52.0 + 0.1 * i) for i, (c, n) in enumerate(zip(MAP_CODES, names))]
    (d / "gemeente_2024.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": feats}), encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def render(demo_root, geo_dir):
    """Render a page once per module (read-only use); later tests reuse the same run."""
    cache: dict = {}
    mp = pytest.MonkeyPatch()

    def get(page: str | None, query: dict, with_map: bool = False):
        key = (page, json.dumps(query, sort_keys=True), with_map)
        if key not in cache:
            mp.setenv("MEEDOEN_DATA_DIR", str(demo_root))
            mp.setenv("MEEDOEN_GEO_DIR", str(geo_dir if with_map else demo_root / "no-geo"))
            at = app_test(query, page)
            assert not at.exception, (page, query, [e.value for e in at.exception])
            cache[key] = at
        return cache[key]

    yield get
    mp.undo()


@pytest.fixture(scope="module")
def base_store(tmp_path_factory) -> Path:
    """A store with the small demo version active, built once per test module."""
    from meedoen import versions

    root = tmp_path_factory.mktemp("base") / "store"
    versions.ensure(root, geo_dir=None)
    return root


@pytest.fixture
def root(base_store, tmp_path) -> Path:
    """A private copy of the base store, for tests that load into it or break it."""
    dst = tmp_path / "store"
    shutil.copytree(base_store, dst)
    return dst
