"""Sampled views, server time per view, browser ratio and the conference test, at each size: run and report.

    python -m bench.run --scale --sizes 1M,10M --data /work/benchdata [--n 200] [--conference-size 10M]
        [--replicas 1,2] [--scan-size 10M] [--report-only]

(`python -m bench.scale` takes the same options.) Per size, in a fresh process each:
`python -m bench.sample` (the sampled filter combinations, every managers' page cold and cached, per
call); at --conference-size `python -m bench.conference` for the warm script time and bytes per page
view, the browser's first chart against a bare one-chart page, and the conference test with 1 and N
replicas. Raw results are kept in <data>/scale-results.json (a later run at another size adds to them);
the section between the markers in BENCHMARKS.md is rewritten, the rest of the file is left alone.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import time
from pathlib import Path

from .conference import BARE, BARE_PAGE

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
BEGIN, END = "<!-- scale:begin -->", "<!-- scale:end -->"
TARGETS = {"cold_p95_ms": {"10M": 300, "50M": 1000}, "cached_p95_ms": 20, "script_ms": 100, "map_kb": 150,
           "browser_ratio": 1.3, "conference_p95_s": 10}


def log(*a):
    print(time.strftime("%H:%M:%S"), *a, file=sys.stderr, flush=True)


def _json_of(cmd: list[str], out: Path) -> dict:
    """Run a bench module in its own process; it writes its JSON to `out`. Its progress goes to our stderr."""
    env = {**os.environ, "MEEDOEN_GEO_DIR": os.environ.get("MEEDOEN_GEO_DIR", str(ROOT / "data" / "boundaries"))}
    r = subprocess.run(cmd + ["--out", str(out)], cwd=ROOT, stdout=subprocess.DEVNULL, env=env)
    if r.returncode:
        raise SystemExit(f"failed ({r.returncode}): {shlex.join(cmd)}")
    return json.loads(out.read_text())


def measure(args, sizes: list[str], dirs: dict[str, Path], res: dict) -> dict:
    work = args.data / "scale"
    work.mkdir(parents=True, exist_ok=True)
    for s in sizes:
        log(f"sampled views at {s} ({args.n} combinations)")
        r = _json_of([PY, "-m", "bench.sample", "--data", str(dirs[s]), "--n", str(args.n), "--seed", str(args.seed)],
                     work / f"sample-{s}.json")
        r["measured"] = time.strftime("%Y-%m-%d %H:%M")
        res.setdefault("sample", {})[s] = r
        _keep(args, res)
    if args.scan_size:
        log(f"sampled views at {args.scan_size} without the month aggregates ({args.scan_n} combinations)")
        res["scan"] = {args.scan_size: _json_of([PY, "-m", "bench.sample", "--data", str(dirs[args.scan_size]),
                                                 "--n", str(args.scan_n), "--seed", str(args.seed), "--scan"],
                                                work / f"scan-{args.scan_size}.json")}
        _keep(args, res)
    s = args.conference_size
    if s:
        d = str(dirs[s])
        log(f"warm script time per page at {s}")
        res["script"] = {s: _json_of([PY, "-m", "bench.conference", "--data", d, "--script-times",
                                      str(args.script_reps), "--long", str(args.long), "--link",
                                      "?" + args.script_query], work / f"script-{s}.json")}
        _keep(args, res)
        if not args.no_browser:
            log(f"browser first chart at {s}")
            res["browser"] = {s: _json_of([PY, "-m", "bench.conference", "--data", d, "--browser",
                                           str(args.browser_reps)], work / f"browser-{s}.json")}
            _keep(args, res)
        log(f"conference test at {s}, replicas {args.replicas}")
        res["conference"] = {s: _json_of([PY, "-m", "bench.conference", "--data", d, "--sessions", str(args.sessions),
                                          "--within", str(args.within), "--replicas", args.replicas, "--link",
                                          args.link], work / f"conference-{s}.json")}
        _keep(args, res)
    return res


def _keep(args, res: dict) -> None:
    """After every part: what is measured so far survives a stop."""
    (args.data / "scale-results.json").write_text(json.dumps(res, indent=1))


# ------------------------------------------------------------------ report

def _f(x, nd=0):
    return "–" if x is None or x != x else f"{x:,.{nd}f}"


def _mark(ok: bool) -> str:
    return "✅" if ok else "❌"


def _size_key(s: str) -> float:
    from .run import parse_size

    return parse_size(s)


def _growth(values: list) -> str:
    """'×a → ×b': each size against the one before (the sizes' rows grow 10× and 5×)."""
    out = [f"×{b / a:.1f}" if a and b and a == a and b == b else "–" for a, b in zip(values, values[1:])]
    return " → ".join(out) if out else "–"


def _link(q: dict) -> str:
    return "`" + "&".join(f"{k}={v}" for k, v in q.items()) + "`"


def report(res: dict) -> str:
    L = [BEGIN, "## Sampled views at scale: every page cold and cached, server time, browser, conference", ""]
    m = res.get("machine", {})
    if m:
        L += [f"Machine: {m['cores']} cores ({m['cpu']}), {m['memory_gb']} GB; Python {m['python']}, DuckDB "
              f"{m['duckdb']}, Streamlit {m['streamlit']}. Commands: {'; '.join(f'`{c}`' for c in res.get('commands', []))}. "
              "Each part below says when it ran and the machine's load (1-minute average; 2 cores).", ""]
    # Results kept from an older form of this benchmark (other fields) are left out, not half shown.
    sample = {s: v for s, v in res.get("sample", {}).items()
              if {"open_ms_p50", "calls", "measured"} <= v.keys()
              and all("cpu_p95_ms" in d for d in v.get("pages", {}).values())}
    sizes = sorted(sample, key=_size_key)
    if sizes:
        first = sample[sizes[0]]
        counts = ", ".join(f"{sample[s]['combinations']} at {s}" for s in sizes)
        L += [f"### Sampled filter combinations, per page ({counts})", "",
              "Random views a manager reaches from the sidebar and the pages (`python -m bench.sample`, seed "
              f"{first['seed']}, the same sequence at every size): period kind × year × part, region level × region "
              "(a quarter of them the whole country), programme and doelgroep (half of them all), and each page's own "
              "choices (`ui.choice`: a value from the options the page offers, through the link). The calls are "
              "recorded by running the pages themselves (AppTest, `meedoen.query.data.run` wrapped), so they follow "
              "the pages; `tests/test_bench_sample.py` checks that a view's link runs exactly those calls. Per page "
              "and view: all its distinct calls together (the sidebar's `region_list` and `filter_options` "
              "included). Cold = a fresh `Database` with empty result caches: the query, its protection and "
              "st.cache_data, as for the first visitor of that view after a start (the month aggregates are built "
              "before a version is activated, so nothing waits for work after a load); cached = the same calls "
              "again. CPU = the process's CPU time for the cold calls (both DuckDB threads), which other jobs "
              "disturb less than wall time. Growth = cold p95 at each size against the size before.", ""]
        head = "| page | " + " | ".join(f"{s} cold p50 / p95 (ms) | {s} CPU p95 | {s} cached p95" for s in sizes)
        L += [head + " | growth of cold p95 |", "|---|" + "---:|---:|---:|" * len(sizes) + "---:|"]
        pages = list(dict.fromkeys(p for s in sizes for p in sample[s]["pages"]))
        for p in pages:
            cells, p95s = [], []
            for s in sizes:
                d = sample[s]["pages"].get(p)
                if not d:
                    cells.append("– | – | –")
                    p95s.append(None)
                    continue
                tgt = TARGETS["cold_p95_ms"].get(s)
                flag = f" {_mark(d['cold_p95_ms'] <= tgt)}" if tgt else ""
                cflag = f" {_mark(d['cached_p95_ms'] <= TARGETS['cached_p95_ms'])}" if s == "10M" else ""
                cells.append(f"{_f(d['cold_p50_ms'])} / {_f(d['cold_p95_ms'])}{flag} | {_f(d['cpu_p95_ms'])} | "
                             f"{_f(d['cached_p95_ms'], 1)}{cflag}")
                p95s.append(d["cold_p95_ms"])
            L.append(f"| {p} | " + " | ".join(cells) + f" | {_growth(p95s)} |")
        L.append("| *open a `Database` (p50)* | " + " | ".join(f"{_f(sample[s]['open_ms_p50'])} | | " for s in sizes)
                 + " | |")
        L.append("| *load during the run* | " + " | ".join(
            f"{min(sample[s]['load'])}–{max(sample[s]['load'])} | | " for s in sizes) + " | |")
        L += ["", "Targets (issue 17): at 10M every page ≤ 300 ms cold (p95) and ≤ 20 ms cached (p95); at 50M "
              "≤ 1 s cold (p95). Measured: " + "; ".join(
                  f"{s} {sample[s]['measured']}, {_f(sample[s]['record_s_per_combination'], 1)} s recording and "
                  f"{_f(sample[s]['time_s_per_combination'], 1)} s timing per combination"
                  for s in sizes if sample[s].get("measured")) + ".", ""]
        problems = [(s, x) for s in sizes for x in sample[s].get("problems", [])]
        errors = sum(sample[s].get("errors", 0) for s in sizes)
        if problems or errors:
            L += [f"Views a page did not accept or calls that failed: {len(problems)} / {errors}, e.g. "
                  + "; ".join(f"{s}: {x}" for s, x in problems[:3]) + ".", ""]
        big = sizes[-1]
        L += [f"Slowest sampled view per page at {big} (cold):", "", "| page | cold (ms) | link |", "|---|---:|---|"]
        for p in pages:
            d = sample[big]["pages"].get(p)
            if d:
                L.append(f"| {p} | {_f(d['cold_max_ms'])} | {_link(d['slowest'])} |")
        L.append("")

        scan = next(iter(res.get("scan", {}).values()), None)
        scan_size = next(iter(res.get("scan", {})), None)
        L += ["### Per query call (cold, ms)", "",
              "Every call on its own, named by where the page makes it (file:line) and the value of any "
              "parameter with a short list of choices: the all-years `targets_by_year` call, a year-earlier "
              "comparison or a national reference are rows of their own, not pooled with other calls of the "
              "same query. n = sampled views that made the call. Aggregates = share of those calls answered "
              "from the month aggregates at the largest size (the others: queries declared `none` or parameters "
              "the declaration does not cover)." + (f" Scan = {scan_size} with the aggregates off, the first "
                                                    f"{scan['combinations']} combinations of the same sample."
                                                    if scan else ""), ""]
        head = "| call | " + " | ".join(f"{s} n | {s} p50 / p95" for s in sizes) + \
               (f" | {scan_size} scan p50 / p95" if scan else "") + " | growth of p95 | aggregates |"
        L += [head, "|---|" + "---:|---:|" * len(sizes) + ("---:|" if scan else "") + "---:|---:|"]
        calls = sorted(set().union(*(sample[s]["calls"] for s in sizes)),
                       key=lambda c: -sample[big]["calls"].get(c, {"p95_ms": 0})["p95_ms"])
        for c in calls:
            cells, p95s = [], []
            for s in sizes:
                d = sample[s]["calls"].get(c)
                cells.append(f"{d['n']} | {_f(d['p50_ms'])} / {_f(d['p95_ms'])}" if d else "– | –")
                p95s.append(d["p95_ms"] if d else None)
            if scan:
                d = scan["calls"].get(c)
                cells.append(f"{_f(d['p50_ms'])} / {_f(d['p95_ms'])}" if d else "–")
            agg = sample[big]["calls"].get(c, {}).get("aggregated")
            L.append(f"| {c} | " + " | ".join(cells) + f" | {_growth(p95s)} | {'–' if agg is None else f'{agg:.0%}'} |")
        if scan:
            L += ["", f"Pages at {scan_size} with the aggregates off (cold p95, ms): " + ", ".join(
                f"{p} {_f(d['cold_p95_ms'])}" for p, d in scan["pages"].items()) + f"; load {min(scan['load'])}–"
                f"{max(scan['load'])}."]
        L.append("")

    for size, sc in res.get("script", {}).items():
        reps = len(next(iter(sc["pages"].values()))["warm_ms"])
        L += ["### Server time per page view (warm)", "",
              f"At {size}: one app process (`scripts/serve.sh`), one websocket session without a browser, each page "
              f"opened with {f'`?{q}`' if (q := sc['query']) else 'the default view (no filters in the link)'} "
              f"once and then {reps} more times with its results cached: from asking "
              "for the run to its end, median. Sent = all messages of one view; largest chart = the biggest figure "
              "of the view (on the regions page its map). Load before / after: "
              f"{sc['load_before']} / {sc['load_after']}. Targets: ≤ 100 ms per view, the regions map ≤ 150 kB.", "",
              "| page | median warm script (ms) | sent per view (kB) | largest chart (kB) |", "|---|---:|---:|---:|"]
        for p, d in sc["pages"].items():
            kb = d.get("largest_chart_bytes", 0) / 1024
            flag = f" {_mark(kb <= TARGETS['map_kb'])}" if p == "regions" else ""
            L.append(f"| {p} | {_f(d['median_ms'])} {_mark(d['median_ms'] <= TARGETS['script_ms'])} | "
                     f"{_f(d['bytes'] / 1024)} | {_f(kb)}{flag} |")
        if sc.get("memory_mb"):
            L += ["", "Memory of the app process over a long run of warm views (views: MB): "
                  + ", ".join(f"{v}: {mb:,.0f}" for v, mb in sc["memory_mb"]) + "."]
        L.append("")

    for size, br in res.get("browser", {}).items():
        base, base_page = br.get(BARE, {}), br.get(BARE_PAGE, {})
        L += ["### Browser: first chart against a bare Streamlit page", "",
              f"At {size}, headless Chromium: seconds from navigation to the first drawn Plotly chart, each page "
              "served by a fresh process in the same run. First = the first visitor of a fresh server; later = "
              "median of the new visitors after that. Ratio = later ÷ the bare page's later. Target ≤ 1.3×. "
              "The second ratio compares with the same bare page at a page path of its own (`/grafiek`), as every "
              "page but the overview is. Phases (ms after navigation, medians of the later visitors): when the "
              "page asked for Plotly's code (the bare page: Streamlit's chart component, 4.7 MB; the app's pages: "
              "static/plotly-meedoen.min.js, 1.3 MB), how long that request waited for one of the "
              "browser's six connections, when it had arrived, the main thread's busy time from then to the first "
              "chart (Plotly's module evaluation and the drawing), and how many charts appeared in that same moment.",
              "",
              "| page | first (s) | later (s) | × bare | × bare at a page path | Plotly asked / waited / arrived | "
              "busy after arrival | charts drawn together | load |",
              "|---|---:|---:|---:|---:|---|---:|---:|---:|"]
        for name, d in br.items():
            ratio = d["warm_s"] / base["warm_s"] if base.get("warm_s") else float("nan")
            ratio_page = d["warm_s"] / base_page["warm_s"] if base_page.get("warm_s") else float("nan")
            flag = "" if name in (BARE, BARE_PAGE) else f" {_mark(ratio <= TARGETS['browser_ratio'])}"
            ph = d.get("phases_ms", {})
            asked = (f"{_f(ph.get('asked_ms'))} / {_f(ph.get('queued_ms'))} / {_f(ph.get('arrived_ms'))}"
                     if "asked_ms" in ph else "–")
            L.append(f"| {name} | {d['first_s']} | {d['warm_s']} | {ratio:.2f}{flag} | {_f(ratio_page, 2)} | {asked} | "
                     f"{_f(ph.get('busy_after_arrival_ms'))} | {ph.get('together', '–')} | {d['load']} |")
        L.append("")

    for size, rounds in res.get("conference", {}).items():
        r0 = rounds[0]
        L += ["### The conference test", "",
              f"At {size}: {r0['sessions']} sessions open the same shared link (`{r0['link']}`) within "
              f"{r0['within_s']:.0f} s (random start times), each a websocket client that starts a session as a "
              "browser does and waits until the page's script run ends (every chart sent). Cold = right after the "
              "server started; warm = the same link again. Replicas: `scripts/serve.sh --replicas N` (nginx, "
              "cookie-sticky sessions). Target: all drawn, 0 errors, p95 ≤ 10 s.", "",
              "| replicas | round | drawn | errors | p50 (s) | p95 (s) | max (s) | load before / after |",
              "|---:|---|---:|---:|---:|---:|---:|---|"]
        for r in rounds:
            ok = r["errors"] == 0 and r["p95_s"] <= TARGETS["conference_p95_s"]
            L.append(f"| {r['replicas']} | {r['round']} | {r['drawn']}/{r['sessions']} | {r['errors']} | "
                     f"{_f(r['p50_s'], 1)} | {_f(r['p95_s'], 1)} {_mark(ok)} | {_f(r['max_s'], 1)} | "
                     f"{r['load_before']} / {r['load_after']} |")
            if r.get("problems"):
                L.append(f"|  | problems | {'; '.join(r['problems'])[:200]} | | | | | |")
        L.append("")
    L.append(END)
    return "\n".join(L)


def write(path: Path, section: str) -> None:
    """Replace the section between the markers; the first time, put it right after the title."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if BEGIN in text and END in text:
        a, b = text.index(BEGIN), text.index(END) + len(END)
        text = text[:a] + section + text[b:]
    else:
        i = text.find("\n## ")
        text = (text[:i + 1] + section + "\n\n" + text[i + 1:]) if i >= 0 else text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")


def keep_section(old: str, new: str) -> str:
    """`new` (a whole report) with the section between the markers carried over from `old`."""
    if BEGIN not in old or END not in old or BEGIN in new:
        return new
    section = old[old.index(BEGIN):old.index(END) + len(END)]
    i = new.find("\n## ")
    return new[:i + 1] + section + "\n\n" + new[i + 1:] if i >= 0 else new + "\n" + section + "\n"


def main(argv=None) -> None:
    from .run import ensure_cache, ensure_data, label, machine, parse_size

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path(os.environ.get("MEEDOEN_BENCH_DATA", "/tmp/meedoen-bench")),
                    help="one generated data set per size lives here (as for python -m bench.run)")
    ap.add_argument("--sizes", default="1M,10M", help="sampled views at these sizes")
    ap.add_argument("--n", type=int, default=200, help="filter combinations per size (each opens every managers' page)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--scan-size", default="", help="also sample this size with the month aggregates off")
    ap.add_argument("--scan-n", type=int, default=40, help="combinations for the scan (the first of the same sample)")
    ap.add_argument("--conference-size", default="10M", help="size for script times, browser and conference ('' = none)")
    ap.add_argument("--replicas", default="1,2")
    ap.add_argument("--sessions", type=int, default=100)
    ap.add_argument("--within", type=float, default=10.0)
    ap.add_argument("--script-reps", type=int, default=5)
    ap.add_argument("--long", type=int, default=500, help="warm views after the script times, memory every 50")
    ap.add_argument("--browser-reps", type=int, default=3)
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--link", default="regios?periode=2025-Q2&niveau=provincie", help="the conference test's link")
    ap.add_argument("--script-query", default="", help="the filters every page is opened with for the script times "
                    "(default: none, the default view: the latest year, every gemeente on the map)")
    ap.add_argument("--report-only", action="store_true", help="only rewrite the section from <data>/scale-results.json")
    ap.add_argument("--write", type=Path, default=ROOT / "BENCHMARKS.md")
    args = ap.parse_args(argv)
    keep = args.data / "scale-results.json"
    res = json.loads(keep.read_text()) if keep.exists() else {}
    if not args.report_only:
        sizes = [label(parse_size(s)) for s in args.sizes.split(",") if s]
        args.scan_size = label(parse_size(args.scan_size)) if args.scan_size else ""
        args.conference_size = label(parse_size(args.conference_size)) if args.conference_size else ""
        args.data.mkdir(parents=True, exist_ok=True)
        dirs = {}
        for s in dict.fromkeys(sizes + [x for x in (args.scan_size, args.conference_size) if x]):
            dirs[s] = ensure_data(args.data, parse_size(s))
            ensure_cache(dirs[s])  # built before anything is timed, as the loader does before activation
        res["machine"] = machine()
        cmd = "python -m bench.run --scale " + shlex.join(argv if argv is not None else sys.argv[1:])
        res["commands"] = [c for c in res.get("commands", []) if c != cmd] + [cmd]  # a run may come in parts
        res = measure(args, sizes, dirs, res)
    write(args.write, report(res))
    log(f"wrote {args.write}")


if __name__ == "__main__":
    main()
