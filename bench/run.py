"""Benchmark at national scale; writes BENCHMARKS.md. Not part of the test suite.

    python -m bench.run --sizes 1M,10M,50M --data /work/benchdata [--reps 5] [--browser-size 10M]
    python -m bench.run --scale --sizes 1M,10M --data /work/benchdata [--n 200]   # bench/scale.py

Data sets are generated outside the repository (once; reused when their manifest matches).
Query timings run in a fresh subprocess per size; browser timings drive `streamlit run app.py`
with headless Chromium.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shlex
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
GEO = os.environ.get("MEEDOEN_GEO_DIR", str(ROOT / "data" / "boundaries"))  # the boundaries kept in the repository
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
URLS = {"overview": "",  # the default page lives at / (/overzicht shows "Page not found" first)
         "regions": "regios", "targets": "doelen", "kinds": "beschut-regulier",
        "trends": "trends", "doelgroepen": "doelgroepen", "pilots": "pilots", "proeftuinen": "proeftuinen",
        "employers": "werkgevers"}
COMPUTED_REGION = "GM0363"  # a gemeente
COMPUTED_PERIOD = "periode=2024-Q2"  # a quarter for the whole country
TARGETS = {"cold_ms": 300, "cached_ms": 20, "open_s": 2.0, "filter_s": 1.0, "rss_gb_50m": 1.5, "p95_s": 4.0,
           "speedup": 10}


def parse_size(s: str) -> int:
    s = s.strip().upper()
    mult = {"K": 1_000, "M": 1_000_000}.get(s[-1], 1)
    return int(float(s[:-1] if s[-1] in "KM" else s) * mult)


def label(n: int) -> str:
    return f"{n // 1_000_000}M" if n % 1_000_000 == 0 else f"{n // 1000}K"


def med(xs):
    return statistics.median(xs) if xs else float("nan")


def log(*a):
    print(time.strftime("%H:%M:%S"), *a, file=sys.stderr, flush=True)


# ------------------------------------------------------------------ data

def ensure_data(base: Path, n: int) -> Path:
    """A demo export set of n placement rows in base/<label>; generated once, in bounded memory."""
    out = base / label(n)
    try:
        if json.loads((out / "manifest.json").read_text())["generator"]["rows"] == n:
            return out
    except (OSError, ValueError, KeyError):
        pass
    tmp = base / f".{label(n)}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    log(f"generating {label(n)} rows into {out}")
    t0 = time.time()
    r = subprocess.run(["/usr/bin/time", "-f", "%M", PY, "-m", "meedoen.demo", "--out", str(tmp), "--rows", str(n)],
                       cwd=ROOT, env={**os.environ, "MEEDOEN_GEO_DIR": GEO}, capture_output=True, text=True, check=True)
    peak_kb = int(r.stderr.strip().splitlines()[-1])
    m = json.loads((tmp / "manifest.json").read_text())
    m["generation"] = {"seconds": round(time.time() - t0, 1), "peak_rss_mb": round(peak_kb / 1024)}
    (tmp / "manifest.json").write_text(json.dumps(m, indent=2))
    shutil.rmtree(out, ignore_errors=True)
    tmp.rename(out)
    return out


def ensure_cache(data_dir: Path) -> dict:
    """The placements cache with its month aggregates (built once, as the loader does before activation):
    build time, file size and the aggregates' row counts."""
    from meedoen import versions
    from meedoen.query.db import cache_path

    target = cache_path(versions.active(data_dir))
    info = target.with_suffix(".json")
    if not (target.exists() and info.exists()):
        log(f"building the placements cache and month aggregates for {data_dir.name}")
        t0 = time.time()
        subprocess.run([PY, "-c", "from meedoen import versions; from meedoen.query.db import Database; "
                        f"Database(versions.active({str(data_dir)!r})).close()"], cwd=ROOT, check=True,
                       env={**os.environ, "MEEDOEN_GEO_DIR": GEO}, capture_output=True, text=True)
        import duckdb

        con = duckdb.connect(str(target), read_only=True)
        rows = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("placements", "placements_x", "agg_placed", "agg_starts", "agg_stops", "agg_ends")}
        con.close()
        info.write_text(json.dumps({"seconds": round(time.time() - t0, 1), "mb": round(target.stat().st_size / 2**20, 1),
                                    "rows": rows}))
    return json.loads(info.read_text())


def page_map(data_dir: Path) -> dict:
    """{view: {page: [[query, params], ...]}} captured by running every page (see bench/pages.py)."""
    r = subprocess.run([PY, "-m", "bench.pages"], cwd=ROOT, capture_output=True, text=True, check=True,
                       env={**os.environ, "MEEDOEN_DATA_DIR": str(data_dir), "MEEDOEN_GEO_DIR": GEO})
    return json.loads(r.stdout)


# ------------------------------------------------------------------ queries (runs in a subprocess per size)

def query_worker(data_dir: Path, pages: dict, reps: int, pandas_reps: int) -> dict:
    """Scan, cold (fresh Database) and cached (st.cache_data) timings per page and per query call; pandas ratios."""
    import logging

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    from meedoen import config, versions
    from meedoen.query import data
    from meedoen.query.db import Database

    from . import pandas_way
    from .pages import from_jsonable

    v = versions.active(data_dir)
    scope = data.Scope.local(v)
    t0 = time.perf_counter()
    first = Database(v, threads=config.get("threads"), memory_limit=config.get("memory_limit"))
    first_open = time.perf_counter() - t0
    first.close()

    calls = {(view, page): [(n, {k: from_jsonable(x) for k, x in p.items()}) for n, p in cl]
             for view, pg in pages.items() for page, cl in pg.items()}
    # scan = a fresh Database with the month aggregates off (every query scans the placements); cold = a fresh
    # Database as a newly started app process has it (the aggregates, from AGG_MIN_ROWS placements on);
    # cached = st.cache_data in a running process.
    scan = {k: [] for k in calls}
    cold = {k: [] for k in calls}
    agg_share = {}
    per_call: dict[str, dict] = {}
    labels = {key: call_labels(cl) for key, cl in calls.items()}
    opens = []
    for _ in range(reps):
        for key, cl in calls.items():
            for use in (False, None):
                t0 = time.perf_counter()
                db = Database(v, threads=config.get("threads"), memory_limit=config.get("memory_limit"),
                              use_aggregates=use)
                t1 = time.perf_counter()
                opens.append(t1 - t0)
                for label, (name, p) in zip(labels[key], cl):
                    before = db.agg_runs
                    q0 = time.perf_counter()
                    db.run(name, p)
                    dq = time.perf_counter() - q0
                    if key[0] == "default":
                        c = per_call.setdefault(f"{key[1]}: {label}", {"scan": [], "cold": [], "agg": False})
                        c["scan" if use is False else "cold"].append(dq)
                        c["agg"] |= db.agg_runs > before
                (cold if use is None else scan)[key].append(time.perf_counter() - t1)
                if use is None:
                    agg_share[key] = [db.agg_runs, db.agg_runs + db.scans]
                db.close()

    cached = {k: [] for k in calls}
    for key, cl in calls.items():  # fill the cache
        for name, p in cl:
            data.run(name, scope, **p)
    for _ in range(reps):
        for key, cl in calls.items():
            t0 = time.perf_counter()
            for name, p in cl:
                data.run(name, scope, **p)
            cached[key].append(time.perf_counter() - t0)

    # pandas: same default-view parameters as the page that runs the query
    pd_times, agree = {}, {}
    db = Database(v, use_aggregates=False)
    defaults, pandas_call = {}, {}
    for page, cl in pages["default"].items():
        for label, (name, p) in zip(call_labels(cl), cl):
            if name not in defaults:
                defaults[name] = {k: from_jsonable(x) for k, x in p.items()}
                pandas_call[name] = f"{page}: {label}"
    for name, f in pandas_way.FUNCS.items():
        if name not in defaults:
            continue
        p = defaults[name]
        ts = []
        for _ in range(pandas_reps):
            t0 = time.perf_counter()
            res = f(v.path, p)
            ts.append(time.perf_counter() - t0)
        pd_times[name] = ts
        agree[name] = pandas_way.same(res, db.run(name, p))
    db.close()
    import resource

    return {"rows": v.manifest.get("rows", {}).get("placements"), "first_open": first_open, "open": med(opens),
            "scan": {f"{a}|{b}": x for (a, b), x in scan.items()},
            "cold": {f"{a}|{b}": x for (a, b), x in cold.items()}, "cached": {f"{a}|{b}": x for (a, b), x in cached.items()},
            "agg_share": {f"{a}|{b}": x for (a, b), x in agg_share.items()},
            "per_call": per_call, "pandas": pd_times, "pandas_call": pandas_call, "agree": agree,
            "load": os.getloadavg(),
            "worker_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def call_labels(cl: list) -> list[str]:
    """A name per call of a page: the query, plus the parameters in which it differs from the page's first
    call of that query (e.g. the all-years targets_by_year call), so no figure is pooled with another."""
    first: dict[str, dict] = {}
    out = []
    for name, p in cl:
        f = first.setdefault(name, p)
        diff = [f"{k}={p[k]}" for k in p if p[k] != f.get(k)]
        out.append(f"{name} ({', '.join(diff)})" if diff else name)
    return out


# ------------------------------------------------------------------ browser

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`streamlit run app.py` on a data folder."""

    def __init__(self, data_dir: Path, logdir: Path, script: Path = ROOT / "app.py"):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "MEEDOEN_DATA_DIR": str(data_dir), "MEEDOEN_GEO_DIR": GEO}
        self.log = open(logdir / f"streamlit-{self.port}.log", "w")
        self.proc = subprocess.Popen(
            [PY, "-m", "streamlit", "run", str(script), "--server.headless", "true", "--server.port",
             str(self.port), "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                if urllib.request.urlopen(self.base + "/_stcore/health", timeout=2).read() == b"ok":
                    return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("streamlit did not start")

    def memory(self) -> dict:
        st = {}
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            k, _, v = line.partition(":")
            if k in ("VmHWM", "VmRSS"):
                st[k] = int(v.split()[0]) / 1024 / 1024  # GB
        return st

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


# All charts drawn: the script finished, nothing loading or stale, and every Plotly chart has its SVG
# (or, for a selection without data, the empty-state message is shown).
DRAWN = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (window.__benchNeedRun && !window.__benchSawRun) return false;
  if (document.querySelectorAll('[data-testid=stSkeleton]').length) return false;
  if (document.querySelectorAll('[data-stale=true]').length) return false;
  const charts = document.querySelectorAll('[data-testid=stPlotlyChart], .meedoen-chart');
  const plots = document.querySelectorAll('.js-plotly-plot');
  // a selection without data shows an empty-state message instead of charts: that is drawn too
  if (!charts.length) return document.querySelectorAll('[data-testid=stAlert]').length > 0;
  if (plots.length < charts.length) return false;
  return Array.from(plots).every(p => p.querySelector('.main-svg'));
}"""
WATCH = """() => {
  window.__benchNeedRun = true; window.__benchSawRun = false;
  const app = document.querySelector('[data-testid=stApp]');
  new MutationObserver(() => {
    if (app.getAttribute('data-test-script-state') === 'running') window.__benchSawRun = true;
  }).observe(app, {attributes: true});
}"""


SCRIPT_DONE = """() => { const a = document.querySelector('[data-testid=stApp]');
  return a && a.getAttribute('data-test-script-state') === 'notRunning'; }"""


async def open_page(browser, url: str, timeout: float = 120, ctx=None) -> tuple[float, int, int, float, float]:
    """Navigation to all charts drawn: (seconds, charts, exceptions, seconds until the app shell showed,
    seconds until the server finished the script run).

    Without `ctx` a fresh browser context (a new visitor: nothing cached in the browser)."""
    own = ctx is None
    if own:
        ctx = await browser.new_context(viewport={"width": 1600, "height": 1000})
    pg = await ctx.new_page()
    try:
        t0 = time.perf_counter()
        await pg.goto(url)
        await pg.wait_for_selector("[data-testid=stApp]", timeout=timeout * 1000)
        shell = time.perf_counter() - t0
        await pg.wait_for_function(SCRIPT_DONE, timeout=timeout * 1000, polling=50)
        script = time.perf_counter() - t0
        await pg.wait_for_function(DRAWN, timeout=timeout * 1000, polling=50)
        dt = time.perf_counter() - t0
        n = await pg.locator(".js-plotly-plot").count()
        exc = await pg.get_by_test_id("stException").count()
        return dt, n, exc, shell, script
    finally:
        await pg.close()
        if own:
            await ctx.close()


async def filter_change(browser, url: str, years: list[int], timeout: float = 120) -> list[float]:
    """Open a page, then pick other years in the sidebar one after another; seconds to charts redrawn."""
    ctx = await browser.new_context(viewport={"width": 1600, "height": 1000})
    pg = await ctx.new_page()
    out = []
    try:
        await pg.goto(url)
        await pg.wait_for_function(DRAWN, timeout=timeout * 1000, polling=50)
        for y in years:
            box = pg.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").first
            await box.click()
            opt = pg.get_by_role("option", name=str(y), exact=True)
            await opt.wait_for()
            await pg.evaluate(WATCH)
            t0 = time.perf_counter()
            await opt.click()
            await pg.wait_for_function(DRAWN, timeout=timeout * 1000, polling=50)
            out.append(time.perf_counter() - t0)
        return out
    finally:
        await ctx.close()


# The floor on this machine: a page with nothing but one small Plotly chart, same browser and server.
BASELINE_APP = """import plotly.graph_objects as go
import streamlit as st

st.title("Baseline")
st.plotly_chart(go.Figure(go.Bar(x=[1, 2, 3], y=[3, 1, 2])))
"""


async def baseline(browser, logdir: Path, reps: int) -> dict:
    """Open a one-chart Streamlit page like the app's pages: what any Streamlit + Plotly page costs here."""
    app = logdir / "baseline_app.py"
    app.write_text(BASELINE_APP)
    srv = Server(logdir, logdir, script=app)
    try:
        ctx = await browser.new_context(viewport={"width": 1600, "height": 1000})
        times = []
        for i in range(reps + 1):
            dt, *_ = await open_page(browser, srv.base + "/", ctx=None if i == 0 else ctx)
            times.append(dt)
        await ctx.close()
        return {"first": times[0], "warm": times[1:]}
    finally:
        srv.stop()


async def ws_session(base: str, timeout: float = 180) -> tuple[float | None, str]:
    """One session as the browser starts it, over Streamlit's websocket without a browser: connect,
    ask for a run of the default page, wait for its script_finished. (seconds, problem)."""
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    t0 = time.perf_counter()
    try:
        async with websockets.connect(base.replace("http", "ws", 1) + "/_stcore/stream", subprotocols=["streamlit"],
                                      max_size=None, open_timeout=timeout) as ws:
            m = BackMsg()
            m.rerun_script.query_string = ""
            await ws.send(m.SerializeToString())
            while True:
                f = ForwardMsg()
                f.ParseFromString(await asyncio.wait_for(ws.recv(), timeout))
                if f.WhichOneof("type") == "delta" and f.delta.new_element.WhichOneof("type") == "exception":
                    return None, "exception in the page"
                if f.WhichOneof("type") == "script_finished":
                    ok = f.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY
                    return (time.perf_counter() - t0, "") if ok else (None, f"finished with {f.script_finished}")
    except Exception as e:  # a time-out or a dropped connection is an error, not a crash
        return None, repr(e)[:200]


async def server_sessions(data_dir: Path, logdir: Path, sessions: int) -> list[dict]:
    """`sessions` simultaneous sessions on the overview, server side only (no browsers competing for
    the cores): a cold round on a fresh server, then a warm one."""
    out = []
    srv = Server(data_dir, logdir)
    try:
        for rnd in ("cold", "warm"):
            t0 = time.perf_counter()
            got = await asyncio.gather(*[ws_session(srv.base) for _ in range(sessions)])
            out.append({"round": rnd, "times": [g[0] for g in got], "errors": sum(1 for g in got if g[0] is None),
                        "problems": [g[1] for g in got if g[1]], "wall": time.perf_counter() - t0})
            log(f"  server sessions {rnd}: {[round(g[0], 2) if g[0] else g[1] for g in got]}")
    finally:
        srv.stop()
    return out


async def browser_size(data_dir: Path, logdir: Path, reps: int, full: bool, sessions: int) -> dict:
    from playwright.async_api import async_playwright

    res: dict = {"pages": {}, "filter": {}}
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        if full:
            res["baseline"] = await baseline(browser, logdir, reps)
            log(f"  baseline one-chart page: first {res['baseline']['first']:.2f}s, warm {med(res['baseline']['warm']):.2f}s")
        srv = Server(data_dir, logdir)
        try:
            warm_ctx = await browser.new_context(viewport={"width": 1600, "height": 1000})
            for page, path in URLS.items():
                times, shells, scripts, info = [], [], [], None
                for i in range(reps + 1 if full else 1):
                    # first: a new visitor on a cold server; then a returning visitor (browser cache) on cached results
                    dt, n, exc, shell, script = await open_page(browser, f"{srv.base}/{path}",
                                                                ctx=None if i == 0 else warm_ctx)
                    times.append(dt)
                    shells.append(shell)
                    scripts.append(script)
                    info = (n, exc)
                # other views: a quarter for the whole country and one gemeente; also what the memory below includes
                computed = {}
                for name, q in (("quarter", COMPUTED_PERIOD), ("gemeente", f"regio={COMPUTED_REGION}")):
                    try:
                        computed[name] = (await open_page(browser, f"{srv.base}/{path}?{q}", timeout=300))[0]
                    except Exception as e:  # recorded, not fatal
                        computed[name] = float("nan")
                        res.setdefault("computed_errors", {})[f"{page} {name}"] = repr(e)[:200]
                res["pages"][page] = {"first": times[0], "warm": times[1:], "charts": info[0], "exceptions": info[1],
                                      "shell_first": shells[0], "shell_warm": shells[1:],
                                      "script_first": scripts[0], "script_warm": scripts[1:], "computed": computed}
                log(f"  {page}: first {times[0]:.2f}s, warm {med(times[1:]):.2f}s, {info[0]} charts")
            await warm_ctx.close()
            res["memory"] = srv.memory()
            if full:
                for page, path in URLS.items():
                    years = [2024, 2023, 2022, 2021, 2020, 2019, 2018][:reps]  # each a new, uncached selection
                    try:  # a year without data for a page draws no chart: record it, do not stop the run
                        res["filter"][page] = await filter_change(browser, f"{srv.base}/{path}", years, timeout=60)
                    except Exception as e:
                        res["filter"][page] = []
                        res.setdefault("filter_errors", {})[page] = repr(e)[:200]
                    log(f"  filter {page}: {med(res['filter'][page]):.2f}s")
                    # the same on one gemeente
                    try:
                        res.setdefault("filter_computed", {})[page] = await filter_change(
                            browser, f"{srv.base}/{path}?regio={COMPUTED_REGION}", years, timeout=60)
                    except Exception as e:
                        res["filter_computed"][page] = []
                        res.setdefault("filter_errors", {})[page + " (computed)"] = repr(e)[:200]
                    log(f"  filter {page} {COMPUTED_REGION}: {med(res['filter_computed'][page]):.2f}s")
                res["memory_after_filters"] = srv.memory()
        finally:
            srv.stop()
        if full:
            res["server_sessions"] = await server_sessions(data_dir, logdir, sessions)
            res["concurrent"] = []
            srv = Server(data_dir, logdir)
            try:
                for rnd in ("cold", "warm"):
                    async def one():
                        try:
                            dt, n, exc, _, script = await open_page(browser, f"{srv.base}/{URLS['overview']}",
                                                                    timeout=180)
                            return dt, exc, script
                        except Exception as e:  # a timeout or a broken page is an error, not a crash
                            return None, repr(e)[:200], None
                    t0 = time.perf_counter()
                    got = await asyncio.gather(*[one() for _ in range(sessions)])
                    res["concurrent"].append({"round": rnd, "times": [g[0] for g in got],
                                              "scripts": [g[2] for g in got],
                                              "errors": sum(1 for g in got if g[0] is None or g[1]),
                                              "wall": time.perf_counter() - t0})
                    log(f"  concurrent {rnd}: {got}")
                res["memory_concurrent"] = srv.memory()
            finally:
                srv.stop()
        await browser.close()
    return res


# ------------------------------------------------------------------ report

def machine() -> dict:
    mem = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal"))
    model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    import duckdb
    import pandas
    import streamlit

    return {"cores": os.cpu_count(), "memory_gb": round(mem / 1024 / 1024, 1), "cpu": model,
            "python": sys.version.split()[0], "duckdb": duckdb.__version__, "pandas": pandas.__version__,
            "streamlit": streamlit.__version__}


def ms(x):
    return f"{x * 1000:,.0f}" if x == x else "–"


def mark(ok: bool) -> str:
    return "✅" if ok else "❌"


def report(res: dict, args, started: float) -> str:
    m = res["machine"]
    sizes = [s for s in res["sizes"]]
    L = ["# Benchmarks", "",
         f"Measured {time.strftime('%Y-%m-%d %H:%M')} on one machine: {m['cores']} cores ({m['cpu']}), "
         f"{m['memory_gb']} GB memory; Python {m['python']}, DuckDB {m['duckdb']}, pandas {m['pandas']}, "
         f"Streamlit {m['streamlit']}. Load average before / after the run: {res['load_before']} / {res['load_after']}"
         + (" (other jobs shared the machine, so timings are noisy). " if float(res["load_before"].split()[0]) > 1.5
            else " (no other jobs). ")
         + 
         f"Whole run: {(time.time() - started) / 60:.1f} min.", "",
         f"Command: `{res['command']}`", "",
         f"Medians of {args.reps} repetitions unless noted. Data: demo generator (`python -m meedoen.demo --rows N`), "
         "342 gemeenten, placements partitioned by intake year.", ""]

    L += ["## Data sets", "", "| size | placement rows | parquet on disk | generation | generator peak RSS | "
          "placements cache with month aggregates: build | file | aggregate rows | rows outside them |",
          "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for s in sizes:
        d = res["data"][s]
        c = d.get("cache") or {}
        r = c.get("rows", {})
        aggs = sum(r.get(t, 0) for t in ("agg_placed", "agg_starts", "agg_stops", "agg_ends"))
        L.append(f"| {s} | {d['rows']:,} | {d['mb']:,} MB | {d['gen_s']} s | {d['gen_mb']} MB | "
                 f"{c.get('seconds', '–')} s | {c.get('mb', '–')} MB | {aggs:,} | {r.get('placements_x', 0):,} |")
    L += ["", "The placements cache and its month aggregates (meedoen/query/aggregates.py) are built once per data "
          "version, by the loader before it activates the version. Aggregate rows: agg_placed + agg_starts + "
          "agg_stops + agg_ends; rows outside them: placements_x (persons with several trajectories, dates out "
          "of order), which the aggregated forms read as the scan does.", ""]

    L += ["", "## Query layer: every page's queries together (ms)", "",
          "Scan = a fresh `Database` (new DuckDB connection over the placements cache) with the month aggregates "
          "off: every query scans the placements. Cold = a fresh `Database` as a newly started app process has it: "
          "the queries whose parameters allow it read the month aggregates (answered / queries in brackets when "
          "not all). Cached = through `meedoen.query.data.run` (st.cache_data per query, parameters and data "
          "version). Views: the pages rendered with these URL filters (`bench/pages.py`): "
          + ", ".join(f"{k} = `{'&'.join(f'{a}={b}' for a, b in v.items()) or 'no filters'}`"
                      for k, v in res.get("views", {}).items())
          + ". Target at 10M: ≤ 300 ms cold, ≤ 20 ms cached per page.", ""]
    head = "| page | view | " + " | ".join(f"{s} scan | {s} cold | {s} cached" for s in sizes) + " |"
    L += [head, "|---|---|" + "---:|---:|---:|" * len(sizes)]
    keys = list(res["queries"][sizes[0]]["cold"])
    for k in keys:
        view, page = k.split("|")
        cells = []
        for s in sizes:
            q = res["queries"][s]
            c, h = med(q["cold"][k]), med(q["cached"][k])
            sc = med(q.get("scan", {}).get(k, []))
            share = q.get("agg_share", {}).get(k)
            agg = f" ({share[0]}/{share[1]})" if share and share[0] != share[1] else ""
            flag = (" " + mark(c <= 0.3)) if s == "10M" else ""
            flag2 = (" " + mark(h <= 0.02)) if s == "10M" else ""
            cells.append(f"{ms(sc)} | {ms(c)}{flag}{agg} | {h * 1000:.1f}{flag2}")
        L.append(f"| {page} | {view} | " + " | ".join(cells) + " |")
    L.append("| *open Database* | | " + " | ".join(
        f" | {ms(res['queries'][s]['open'])} (first: {ms(res['queries'][s]['first_open'])}) | " for s in sizes) + "|")
    L.append("| *load average (1, 5, 15 min) at the end* | | " + " | ".join(
        f" | {' '.join(f'{x:.1f}' for x in res['queries'][s].get('load', []))} | " for s in sizes) + "|")

    L += ["", "## Per query call, default view: scan, month aggregates, pandas (ms)", "",
          "Each call of each page on its own (a query a page calls twice, such as the all-years `targets_by_year`, "
          "has a row per call, named by the parameters that differ). Scan and cold as above; 'agg' = the call was "
          "answered by its aggregated form. pandas = read the placements parquet (needed columns only) with "
          "pyarrow, filter and groupby in pandas, same parameters as the page's first call of the query; 'same' "
          "says the pandas result equals the scan's. Ratio = pandas / scan (target ≥ 10×).", ""]
    L += ["| page: call | agg | " + " | ".join(f"{s} scan | {s} cold | {s} pandas | {s} ratio" for s in sizes)
          + " | same |", "|---|---|" + "---:|---:|---:|---:|" * len(sizes) + "---|"]
    calls = sorted(res["queries"][sizes[0]]["per_call"],
                   key=lambda n: -med(res["queries"][sizes[-1]]["per_call"].get(n, {}).get("scan", [0])))
    for n in calls:
        cells, same = [], ""
        name = n.split(": ", 1)[1].split(" (")[0]
        c0 = res["queries"][sizes[0]]["per_call"][n]
        for s in sizes:
            q = res["queries"][s]
            c = q["per_call"].get(n, {})
            sc, co = med(c.get("scan", [])), med(c.get("cold", []))
            if q.get("pandas_call", {}).get(name) == n and name in q["pandas"]:
                pdt = med(q["pandas"][name])
                r = pdt / sc if sc else float("nan")
                cells.append(f"{ms(sc)} | {ms(co)} | {ms(pdt)} | {r:,.1f}× {mark(r >= 10) if s == '10M' else ''}")
                same = "yes" if all(res["queries"][x]["agree"].get(name) for x in sizes) else "NO"
            else:
                cells.append(f"{ms(sc)} | {ms(co)} | – | –")
        L.append(f"| {n} | {'yes' if c0.get('agg') else ''} | " + " | ".join(cells) + f" | {same} |")

    if any(b.get("memory") for b in res["browser"].values()):  # not with --no-browser
        L += ["", "## App process memory (streamlit, after opening every page)", "",
              "Every page opened with the default filters, for the whole country in one quarter and "
              f"for gemeente {COMPUTED_REGION}. Open (s) = the first open of those views, median over the pages. "
              "Target at 50M: ≤ 1.5 GB.", "",
              "| size | VmHWM (peak RSS) | VmRSS | open, quarter (s) | open, gemeente (s) |",
              "|---|---:|---:|---:|---:|"]
        for s in sizes:
            b = res["browser"].get(s, {}).get("memory")
            if b:
                ok = f" {mark(b['VmHWM'] <= 1.5)}" if s == "50M" else ""
                pages = res["browser"][s].get("pages", {}).values()
                cq = med([p["computed"]["quarter"] for p in pages if "computed" in p])
                cg = med([p["computed"]["gemeente"] for p in pages if "computed" in p])
                L.append(f"| {s} | {b['VmHWM']:.2f} GB{ok} | {b['VmRSS']:.2f} GB | {cq:.2f} | {cg:.2f} |")
    b10 = res["browser"].get(args.browser_size)
    if b10 and "pages" in b10:
        L += ["", f"## Browser at {args.browser_size} (headless Chromium)", "",
              "Open = from navigation to every Plotly chart drawn and the script finished; shell = until the "
              "Streamlit app frame exists (JavaScript loaded); script = until the server finished the page's script "
              "run (all data sent). First = a new visitor (fresh browser context) right after the server started "
              f"(empty result caches); warm = median of the next {args.reps} visits of a "
              "returning visitor (same browser context, cached results). Filter change = another year picked in the "
              f"sidebar, median of {args.reps}: for the whole country and for gemeente "
              f"{COMPUTED_REGION}. Targets: ≤ 2 s to open, ≤ 1 s after a filter change.", "",
              "| page | charts | first open (s) | shell / script (s) | warm open (s) | shell / script (s) | "
              f"filter change, country (s) | filter change, {COMPUTED_REGION} (s) | errors |",
              "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
        if "baseline" in b10:
            bl = b10["baseline"]
            L.append(f"| *baseline: a bare Streamlit page with one Plotly chart* | 1 | {bl['first']:.2f} | | "
                     f"{med(bl['warm']):.2f} | | | | |")
        for page, r in b10["pages"].items():
            fc = b10["filter"].get(page, [])
            fcc = b10.get("filter_computed", {}).get(page, [])
            sf, sw = r.get("script_first", float("nan")), med(r.get("script_warm", []))
            L.append(f"| {page} | {r['charts']} | {r['first']:.2f} {mark(r['first'] <= 2)} | "
                     f"{r['shell_first']:.2f} / {sf:.2f} | {med(r['warm']):.2f} {mark(med(r['warm']) <= 2)} | "
                     f"{med(r['shell_warm']):.2f} / {sw:.2f} | {med(fc):.2f} {mark(med(fc) <= 1)} | "
                     f"{med(fcc):.2f} {mark(med(fcc) <= 1)} | {r['exceptions']} |")
        for i, c in enumerate(b10.get("concurrent", [])):
            ts = sorted(t for t in c["times"] if t is not None)
            ss = sorted(t for t in c.get("scripts", []) if t is not None)
            p95 = ts[min(len(ts) - 1, int(round(0.95 * (len(ts) - 1))))] if ts else float("nan")
            p95s = ss[min(len(ss) - 1, int(round(0.95 * (len(ss) - 1))))] if ss else float("nan")
            if i == 0:  # one table for every round
                L += ["", f"## {args.sessions} simultaneous sessions on the overview at {args.browser_size}", "",
                      "Cold = a freshly started server (all sessions ask for the same results at once); warm = the "
                      "same server right after. Charts = until every chart is drawn in every browser; script = until "
                      "the server finished each session's run (the part the server controls; the browsers share "
                      "this machine's 2 cores with it). Target: all drawn, p95 ≤ 4 s, no errors.", "",
                      "| round | median (s) | p95 (s) | worst (s) | script median (s) | script p95 (s) | errors |",
                      "|---|---:|---:|---:|---:|---:|---:|"]
            L.append(f"| {c['round']} | {med(ts):.2f} | {p95:.2f} {mark(p95 <= 4 and not c['errors'])} | "
                     f"{max(ts) if ts else float('nan'):.2f} | {med(ss):.2f} | {p95s:.2f} | {c['errors']} |")
        srv_rounds = b10.get("server_sessions", [])
        if srv_rounds:
            L += ["", f"The same {args.sessions} sessions without browsers: each is a websocket client that starts a "
                  "session on the overview as the browser does and waits for the server's `script_finished` (all "
                  "charts and tables sent). This is what the server itself takes when 10 people open the page at once.",
                  "", "| round | median (s) | p95 (s) | worst (s) | errors |", "|---|---:|---:|---:|---:|"]
            for c in srv_rounds:
                ts = sorted(t for t in c["times"] if t is not None)
                p95 = ts[min(len(ts) - 1, int(round(0.95 * (len(ts) - 1))))] if ts else float("nan")
                L.append(f"| {c['round']} | {med(ts):.2f} | {p95:.2f} {mark(p95 <= 4 and not c['errors'])} | "
                         f"{max(ts) if ts else float('nan'):.2f} | {c['errors']} |")
        if "memory_concurrent" in b10:
            L.append(f"\nApp memory after the concurrent sessions: VmHWM {b10['memory_concurrent']['VmHWM']:.2f} GB.")
    L += ["", res.get("notes", "")]
    return "\n".join(L) + "\n"


def write_report(path: Path, text: str) -> None:
    """The whole report, keeping the section `--scale` wrote (it is measured and rewritten on its own)."""
    from .scale import keep_section

    path.write_text(keep_section(path.read_text(encoding="utf-8") if path.exists() else "", text), encoding="utf-8")


def main(argv=None) -> None:
    argv = sys.argv[1:] if argv is None else list(argv)
    if "--scale" in argv:  # sampled views, server time per view, browser ratio, conference test: bench/scale.py
        from . import scale

        return scale.main([a for a in argv if a != "--scale"])
    ap = argparse.ArgumentParser(description="Benchmark Meedoen at 1M/10M/50M placement rows; writes BENCHMARKS.md. "
                                 "With --scale: the sampled views and the conference test (python -m bench.scale --help).")
    ap.add_argument("--sizes", default="1M,10M,50M")
    ap.add_argument("--data", type=Path, default=Path(os.environ.get("MEEDOEN_BENCH_DATA", "/tmp/meedoen-bench")),
                    help="where the generated data sets live (outside the repository)")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--pandas-reps", type=int, default=None,
                    help="default: --reps (at 50M rows one pandas pass over all queries takes about 5 minutes)")
    ap.add_argument("--browser-size", default="10M", help="size for the browser timings and the concurrent sessions")
    ap.add_argument("--sessions", type=int, default=10)
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--redo", default=None, help="rerun only some parts of <data>/results.json, e.g. "
                    "'queries:50M,browser': the query timings at 50M and every browser pass")
    ap.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    ap.add_argument("--notes", type=Path, default=ROOT / "bench" / "notes.md", help="appended to the report")
    ap.add_argument("--report-only", action="store_true", help="rewrite the report from <data>/results.json")
    ap.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.report_only:
        res = json.loads((args.data / "results.json").read_text())
        res["notes"] = args.notes.read_text() if args.notes.is_file() else ""
        write_report(args.out, report(res, args, time.time() - res.get("seconds", 0)))
        return

    if args.worker:  # python -m bench.run --worker <data_dir> <pages.json>
        pages = json.loads(Path(args.worker[1]).read_text())
        out = query_worker(Path(args.worker[0]), pages, args.reps, args.pandas_reps or args.reps)
        print(json.dumps(out))
        return

    started = time.time()
    sizes = [parse_size(s) for s in args.sizes.split(",")]
    args.data.mkdir(parents=True, exist_ok=True)
    res = {"machine": machine(), "load_before": " ".join(open("/proc/loadavg").read().split()[:3]),
           "command": "python -m bench.run " + " ".join(shlex.quote(a) for a in argv),
           "sizes": [label(n) for n in sizes], "data": {}, "queries": {}, "browser": {}}
    dirs = {}
    for n in sizes:
        d = ensure_data(args.data, n)
        dirs[label(n)] = d
        m = json.loads((d / "manifest.json").read_text())
        size_mb = sum(f.stat().st_size for f in d.rglob("*.parquet")) // 2**20
        res["data"][label(n)] = {"rows": m["rows"]["placements"], "mb": size_mb,
                                 "gen_s": m.get("generation", {}).get("seconds", "–"),
                                 "gen_mb": m.get("generation", {}).get("peak_rss_mb", "–"),
                                 "cache": ensure_cache(d)}
    log("capturing the queries of every page")
    from .pages import VIEWS

    res["views"] = VIEWS
    pages = page_map(dirs[label(sizes[0])])
    pages_file = args.data / "pages.json"
    pages_file.write_text(json.dumps(pages))
    redo = None
    if args.redo:  # keep the rest of the last full run
        prev = json.loads((args.data / "results.json").read_text())
        res["queries"], res["browser"] = prev["queries"], prev["browser"]
        res["load_before"] = f"{res['load_before']} (this part; earlier parts: {prev['load_before']})"
        started -= prev.get("seconds", 0)
        redo = {part.split(":")[0]: (part.split(":")[1].split("+") if ":" in part else None)
                for part in args.redo.split(",")}
    for s, d in dirs.items():
        if redo is not None and ("queries" not in redo or (redo["queries"] and s not in redo["queries"])):
            continue
        log(f"queries at {s}")
        r = subprocess.run([PY, "-m", "bench.run", "--worker", str(d), str(pages_file), "--reps", str(args.reps),
                            "--pandas-reps", str(args.pandas_reps or args.reps)],
                           cwd=ROOT, capture_output=True, text=True, env={**os.environ, "MEEDOEN_GEO_DIR": GEO})
        if r.returncode:
            raise SystemExit(r.stderr[-3000:])
        res["queries"][s] = json.loads(r.stdout.strip().splitlines()[-1])
        (args.data / "results.partial.json").write_text(json.dumps(res, indent=1, default=str))  # survive a crash later
    logdir = args.data / "logs"
    logdir.mkdir(exist_ok=True)
    if not args.no_browser:
        for s, d in dirs.items():
            if redo is not None and ("browser" not in redo or (redo["browser"] and s not in redo["browser"])):
                continue
            full = s == args.browser_size
            log(f"browser at {s} ({'full' if full else 'memory only'})")
            res["browser"][s] = asyncio.run(browser_size(d, logdir, args.reps, full, args.sessions))
    res["load_after"] = " ".join(open("/proc/loadavg").read().split()[:3])
    res["notes"] = args.notes.read_text() if args.notes.is_file() else ""
    res["seconds"] = time.time() - started
    (args.data / "results.json").write_text(json.dumps(res, indent=1, default=str))
    write_report(args.out, report(res, args, started))
    log(f"wrote {args.out}")


if __name__ == "__main__":
    main()
