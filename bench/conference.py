"""The conference test: N people open the same shared link within a few seconds.

    python -m bench.conference --data /work/benchdata/10M [--sessions 100] [--within 10] [--replicas 1,2]
        [--link "regios?periode=2025-Q2&niveau=provincie"]

Each session is a websocket client that starts a session the way a browser does (Streamlit's
`/_stcore/stream`, a rerun of the linked page with its query string) and waits for the end of the
script run; every chart the page sends counts (a chart arrives only after its query has run).
The server is `scripts/serve.sh --replicas N` on a fresh start: one process, or N replicas behind
nginx with sticky sessions. Reports per round: sessions drawn, errors, p50/p95/max time to the last
chart, the machine load.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GEO = os.environ.get("MEEDOEN_GEO_DIR", str(ROOT / "data" / "boundaries"))  # the boundaries kept in the repository
LINK = "regios?periode=2025-Q2&niveau=provincie"


def free_port(n: int = 1) -> int:
    """A port p with p .. p + n free (serve.sh puts replicas on the ports after its own)."""
    for _ in range(50):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            p = s.getsockname()[1]
        if p + n < 65000 and all(_free(p + i) for i in range(1, n + 1)):
            return p
    raise RuntimeError("no free ports")


def is_chart(element) -> bool:
    """A chart in a ForwardMsg: the app's own chart element, or st.plotly_chart (presentation mode, the bare page)."""
    kind = element.WhichOneof("type")
    return kind == "plotly_chart" or (kind == "bidi_component"
                                      and element.bidi_component.component_name == "meedoen_chart")


def chart_bytes(element) -> int:
    if element.WhichOneof("type") == "plotly_chart":
        return len(element.plotly_chart.spec.encode())
    return len(element.bidi_component.bytes)


def _free(p: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", p))
            return True
        except OSError:
            return False


class Served:
    """`scripts/serve.sh --replicas N` on a data folder; stopped with its whole process group."""

    def __init__(self, data_dir: Path, replicas: int, logdir: Path, script: Path | None = None):
        self.port = free_port(replicas)
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = open(logdir / f"serve-{replicas}-{self.port}.log", "w")
        env = {**os.environ, "MEEDOEN_DATA_DIR": str(data_dir), "MEEDOEN_GEO_DIR": GEO}
        cmd = ["bash", str(ROOT / "scripts" / "serve.sh"), "--replicas", str(replicas), "--port", str(self.port)]
        if script is not None:  # another Streamlit script (the bare baseline page), one process
            cmd = [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
                   "--server.port", str(self.port), "--browser.gatherUsageStats", "false",
                   "--server.fileWatcherType", "none"]
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=self.log,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.time() + 300
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"serve.sh ended: see {self.log.name}")
            try:
                if urllib.request.urlopen(self.base + "/_stcore/health", timeout=2).read() == b"ok":
                    # with replicas, nginx answers once they all do (serve.sh waits for them)
                    return
            except OSError:
                time.sleep(0.5)
        self.stop()
        raise RuntimeError("server did not start")

    def rss_mb(self) -> float:
        """Resident memory of the Streamlit processes started here (MB, summed)."""
        total = 0
        for d in Path("/proc").iterdir():
            if not d.name.isdigit():
                continue
            try:
                if os.getpgid(int(d.name)) != self.proc.pid or b"streamlit" not in (d / "cmdline").read_bytes():
                    continue
                total += next(int(x.split()[1]) for x in (d / "status").read_text().splitlines() if x.startswith("VmRSS"))
            except (OSError, StopIteration, ProcessLookupError):
                continue
        return round(total / 1024, 1)

    def stop(self):
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.log.close()


async def session(base: str, link: str, delay: float, timeout: float = 300) -> dict:
    """One visitor opening `link` after `delay` seconds: seconds from opening to the script run's end
    (all charts sent), the number of charts, and any problem."""
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    await asyncio.sleep(delay)
    path, _, query = link.partition("?")
    t0 = time.perf_counter()
    charts = 0
    try:
        async with websockets.connect(base.replace("http", "ws", 1) + "/_stcore/stream", subprotocols=["streamlit"],
                                      max_size=None, open_timeout=timeout, ping_timeout=None) as ws:
            m = BackMsg()
            m.rerun_script.query_string = query
            m.rerun_script.page_name = path
            await ws.send(m.SerializeToString())
            while True:
                f = ForwardMsg()
                f.ParseFromString(await asyncio.wait_for(ws.recv(), timeout))
                kind = f.WhichOneof("type")
                if kind == "delta" and f.delta.WhichOneof("type") == "new_element":
                    el = f.delta.new_element.WhichOneof("type")
                    if el == "exception":
                        return {"seconds": None, "charts": charts, "problem": "exception in the page"}
                    charts += is_chart(f.delta.new_element)
                if kind == "script_finished":
                    if f.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                        return {"seconds": None, "charts": charts, "problem": f"finished with {f.script_finished}"}
                    if not charts:
                        return {"seconds": None, "charts": 0, "problem": "no chart drawn"}
                    return {"seconds": time.perf_counter() - t0, "charts": charts, "problem": ""}
    except Exception as e:  # a time-out or a dropped connection is an error of the round, not a crash
        return {"seconds": None, "charts": charts, "problem": repr(e)[:200]}


def _pages() -> dict[str, str]:
    """The managers' pages and their addresses, from the page registry (the default page lives at /)."""
    from meedoen.pages import BY_NAME, MANAGERS_PAGES

    return {p: "" if BY_NAME[p].default else BY_NAME[p].url_path for p in MANAGERS_PAGES}


PAGES = _pages()


async def long_run(srv: "Served", query: str, views: int, every: int = 50, timeout: float = 300) -> list:
    """`views` warm page views in one session, cycling through the pages; the server's memory every
    `every` views: does memory grow without Streamlit's forced collection after each run?"""
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    out = [(0, srv.rss_mb())]
    paths = list(PAGES.values())
    async with websockets.connect(srv.base.replace("http", "ws", 1) + "/_stcore/stream", subprotocols=["streamlit"],
                                  max_size=None, open_timeout=timeout, ping_timeout=None) as ws:
        for i in range(1, views + 1):
            m = BackMsg()
            m.rerun_script.query_string = query
            m.rerun_script.page_name = paths[i % len(paths)]
            await ws.send(m.SerializeToString())
            while True:
                f = ForwardMsg()
                f.ParseFromString(await asyncio.wait_for(ws.recv(), timeout))
                if f.WhichOneof("type") == "script_finished":
                    break
            if i % every == 0:
                out.append((i, srv.rss_mb()))
    return out


async def script_times(base: str, query: str, reps: int, timeout: float = 300) -> dict:
    """Warm script time per page: in one session, each page is run once (results cached), then `reps`
    more times; seconds from asking for the run to its end, as the server reports it to the browser.
    Also what one view sends: all messages, and the largest chart's figure (the regions page: its map)."""
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    out = {}
    async with websockets.connect(base.replace("http", "ws", 1) + "/_stcore/stream", subprotocols=["streamlit"],
                                  max_size=None, open_timeout=timeout, ping_timeout=None) as ws:
        for page, path in PAGES.items():
            times, size, chart = [], 0, 0
            for i in range(reps + 1):
                m = BackMsg()
                m.rerun_script.query_string = query
                m.rerun_script.page_name = path
                t0 = time.perf_counter()
                await ws.send(m.SerializeToString())
                n = biggest = 0
                while True:
                    raw = await asyncio.wait_for(ws.recv(), timeout)
                    n += len(raw)
                    f = ForwardMsg()
                    f.ParseFromString(raw)
                    kind = f.WhichOneof("type")
                    if kind == "delta" and is_chart(f.delta.new_element):
                        biggest = max(biggest, chart_bytes(f.delta.new_element))
                    if kind == "script_finished":
                        break
                if i:
                    times.append(time.perf_counter() - t0)
                    size, chart = n, biggest
            out[page] = {"warm_ms": [round(1000 * x, 1) for x in times],
                         "median_ms": round(1000 * statistics.median(times), 1), "bytes": size,
                         "largest_chart_bytes": chart}
    return out


FIRST_CHART = """() => { const p = document.querySelector('.js-plotly-plot .main-svg'); return !!p; }"""

# Recorded in the page from its first moment: long main-thread tasks, and when the first chart's SVG
# appears (a MutationObserver runs right after the task that drew it) and how many charts appeared with it.
TIMELINE = """
window.__bench = {long: [], drawn: null, together: 0};
new PerformanceObserver(l => { for (const e of l.getEntries()) window.__bench.long.push([e.startTime, e.duration]); })
  .observe({type: 'longtask', buffered: true});
new MutationObserver(() => {
  const b = window.__bench;
  if (b.drawn !== null) return;
  const n = [...document.querySelectorAll('.js-plotly-plot')].filter(g => g.querySelector('.main-svg')).length;
  if (n) { b.drawn = performance.now(); b.together = n; }
}).observe(document, {childList: true, subtree: true});
"""
READ_TIMELINE = """() => {
  const b = window.__bench;
  // Plotly's code: Streamlit's chart chunk (the bare page) or the app's own build (meedoen/ui/chart_element.py)
  const e = performance.getEntriesByType('resource').find(r => /\\/(PlotlyChart\\.[^/]*|plotly-meedoen\\.min)\\.js$/.test(r.name));
  return {drawn: b.drawn, together: b.together, long: b.long,
          chunk: e ? [e.startTime, e.requestStart, e.responseEnd] : null};
}"""

# A bare one-chart page at a path of its own, as the app's pages other than the overview are:
# Streamlit's front end first asks for /<page>/_stcore/health, and only after a 100 ms back-off for the root.
BASELINE_PAGE_APP = """import plotly.graph_objects as go
import streamlit as st


def start():
    st.title("Start")


def chart():
    st.title("Baseline")
    st.plotly_chart(go.Figure(go.Bar(x=[1, 2, 3], y=[3, 1, 2])))


st.navigation([st.Page(start, title="Start", url_path="start", default=True),
               st.Page(chart, title="Grafiek", url_path="grafiek")]).run()
"""
BARE, BARE_PAGE = "bare one-chart page", "bare one-chart page at /grafiek"


def _phases(t: dict) -> dict:
    """Milliseconds after navigation: when the page asked for Plotly's component, how long the request waited for
    a free connection, when it had arrived, the main thread's busy time from then until the first chart was drawn
    (Plotly's module evaluation and the drawing of every chart drawn in the same task), and the drawing."""
    out = {"drawn_ms": t["drawn"], "together": t["together"]}
    if t.get("chunk"):
        asked, sent, arrived = t["chunk"]
        out.update(asked_ms=asked, queued_ms=sent - asked, arrived_ms=arrived)
        if t["drawn"] is not None:
            out["busy_after_arrival_ms"] = sum(min(s + d, t["drawn"]) - max(s, arrived) for s, d in t["long"]
                                               if s + d > arrived and s < t["drawn"])
    return out


async def first_chart(data_dir: Path, logdir: Path, pages: list[str], reps: int) -> dict:
    """Seconds from navigation to the first drawn Plotly chart, for a bare one-chart Streamlit page (at the
    root and at a page path) and for app pages, each served by its own fresh process in the same run
    (headless Chromium). First = a new visitor on a fresh server; warm = median of `reps` new visitors after
    that, with the median of their phases (see `_phases`)."""
    from playwright.async_api import async_playwright

    from .run import BASELINE_APP, CHROMIUM, CHROMIUM_ARGS

    app = logdir / "baseline_app.py"
    app.write_text(BASELINE_APP)
    app_page = logdir / "baseline_page_app.py"
    app_page.write_text(BASELINE_PAGE_APP)
    out = {}
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for name, script, path in ([(BARE, app, ""), (BARE_PAGE, app_page, "grafiek")]
                                       + [(pg, None, PAGES[pg]) for pg in pages]):
                srv = Served(data_dir, 1, logdir, script=script)
                try:
                    times, phases = [], []
                    for _ in range(reps + 1):
                        ctx = await browser.new_context(viewport={"width": 1600, "height": 1000})
                        await ctx.add_init_script(TIMELINE)
                        page = await ctx.new_page()
                        t0 = time.perf_counter()
                        await page.goto(f"{srv.base}/{path}")
                        await page.wait_for_function(FIRST_CHART, timeout=300_000, polling=50)
                        times.append(time.perf_counter() - t0)
                        phases.append(_phases(await page.evaluate(READ_TIMELINE)))
                        await ctx.close()
                    later = phases[1:]
                    out[name] = {"first_s": round(times[0], 2), "warm_s": round(statistics.median(times[1:]), 2),
                                 "load": round(os.getloadavg()[0], 1),
                                 "phases_ms": {k: round(statistics.median(ph[k] for ph in later))
                                               for k in later[0] if all(ph.get(k) is not None for ph in later)}}
                    print(time.strftime("%H:%M:%S"), name, out[name], file=sys.stderr, flush=True)
                finally:
                    srv.stop()
        finally:
            await browser.close()
    return out


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    if not xs:
        return float("nan")
    return xs[min(len(xs) - 1, max(0, round(q * (len(xs) - 1))))]


async def round_(base: str, link: str, sessions: int, within: float, seed: int = 1) -> dict:
    rng = random.Random(seed)
    delays = sorted(rng.uniform(0, within) for _ in range(sessions))
    load0 = os.getloadavg()[0]
    t0 = time.perf_counter()
    got = await asyncio.gather(*[session(base, link, d) for d in delays])
    ok = [g["seconds"] for g in got if g["seconds"] is not None]
    return {"sessions": sessions, "within_s": within, "drawn": len(ok), "errors": sessions - len(ok),
            "problems": sorted({g["problem"] for g in got if g["problem"]})[:5],
            "charts": statistics.median([g["charts"] for g in got]) if got else 0,
            "p50_s": statistics.median(ok) if ok else float("nan"), "p95_s": pct(ok, 0.95),
            "max_s": max(ok) if ok else float("nan"), "wall_s": time.perf_counter() - t0,
            "load_before": round(load0, 2), "load_after": round(os.getloadavg()[0], 2)}


def run(data_dir: Path, replicas: list[int], sessions: int, within: float, link: str, logdir: Path) -> list[dict]:
    out = []
    for n in replicas:
        srv = Served(data_dir, n, logdir)
        try:
            for rnd in ("cold", "warm"):  # cold: a fresh server; warm: the same link again
                r = asyncio.run(round_(srv.base, link, sessions, within))
                r.update(replicas=n, round=rnd, link=link)
                print(time.strftime("%H:%M:%S"), json.dumps(r), file=sys.stderr, flush=True)
                out.append(r)
        finally:
            srv.stop()
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="a data folder or store")
    ap.add_argument("--sessions", type=int, default=100)
    ap.add_argument("--within", type=float, default=10.0, help="seconds over which the sessions open")
    ap.add_argument("--replicas", default="1,2", help="comma separated, e.g. 1,2")
    ap.add_argument("--link", default=LINK, help="the shared link: page path and query string")
    ap.add_argument("--out", type=Path, default=None, help="write the results as JSON here")
    ap.add_argument("--script-times", type=int, default=0, metavar="REPS",
                    help="instead: warm script time per page over REPS reruns in one session (1 process)")
    ap.add_argument("--browser", type=int, default=0, metavar="REPS",
                    help="instead: first chart in headless Chromium, the bare one-chart page against app pages")
    ap.add_argument("--browser-pages", default=",".join(PAGES), help="with --browser: these pages (comma separated)")
    ap.add_argument("--long", type=int, default=0, metavar="VIEWS",
                    help="with --script-times: then VIEWS more warm views, the server's memory every 50")
    args = ap.parse_args(argv)
    logdir = Path(os.environ.get("TMPDIR", "/tmp")) / "meedoen-bench"
    logdir.mkdir(exist_ok=True)
    if args.browser:
        res = asyncio.run(first_chart(args.data, logdir, args.browser_pages.split(","), args.browser))
        if args.out:
            args.out.write_text(json.dumps(res, indent=1))
        print(json.dumps(res, indent=1))
        return
    if args.script_times:
        srv = Served(args.data, 1, logdir)
        try:
            load0 = os.getloadavg()[0]
            q = args.link.partition("?")[2]
            res = {"query": q, "load_before": round(load0, 2),
                   "pages": asyncio.run(script_times(srv.base, q, args.script_times)),
                   "load_after": round(os.getloadavg()[0], 2)}
            if args.long:
                res["memory_mb"] = asyncio.run(long_run(srv, q, args.long))
        finally:
            srv.stop()
        if args.out:
            args.out.write_text(json.dumps(res, indent=1))
        print(json.dumps(res, indent=1))
        return
    res = run(args.data, [int(x) for x in args.replicas.split(",")], args.sessions, args.within, args.link, logdir)
    if args.out:
        args.out.write_text(json.dumps(res, indent=1))
    print(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
