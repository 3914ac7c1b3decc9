"""Query cost over a random sample of views a manager can reach from the UI.

    python -m bench.sample --data DIR [--n 200] [--seed 1] [--scan] [--out FILE]

A view is a combination of the sidebar's filters (period kind × year × part, region level × region,
programme, doelgroep: drawn from the data's own options) and the page's own choices. For each
combination:

1. Record: the managers' pages (meedoen.pages) run in AppTest with the filters as URL parameters, one
   session clicking through the menu. Every page choice (`ui.choice`) gets a value drawn from the
   options the page itself passes, through the link as a visitor's would; `meedoen.query.data.run` is
   wrapped to record each call (query, bound parameters, call site). The calls timed are therefore the
   pages' own and follow them when they change (tests/test_bench_sample.py checks that opening a
   recorded link runs exactly the recorded calls).
2. Time: per page, exactly those calls through `data.run` on a fresh `Database` with empty result
   caches ("cold": the query, its protection, into st.cache_data, as for the first visitor of that
   view after a start), then all of them again ("cached"). Besides wall time the process's CPU time
   (both DuckDB threads) is kept: a shared machine's load disturbs it less.

`--scan` turns the month aggregates off (the same calls, every one a scan of the placements).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def log(*a):
    print(time.strftime("%H:%M:%S"), *a, file=sys.stderr, flush=True)


# ------------------------------------------------------------------ drawing views

def options(v) -> dict:
    """What the sidebar offers for this version: years, regions per level, programmes, doelgroepen."""
    from meedoen.query import data

    scope = data.Scope.local(v)
    regions = data.run("region_list", scope).df
    opts = data.run("filter_options", scope).df
    return {"years": sorted(int(y) for y in opts.loc[opts["kind"] == "year", "value"]),
            "regions": {lv: sorted(regions.loc[regions["level"] == lv, "code"]) for lv in set(regions["level"])},
            "programmes": sorted(opts.loc[opts["kind"] == "programme", "value"]),
            "doelgroepen": sorted(opts.loc[opts["kind"] == "doelgroep", "value"])}


def draw_filters(rng: random.Random, opts: dict) -> dict[str, str]:
    """One sidebar state as URL parameters. The whole country, all programmes and all doelgroepen are
    what most visits show, so they are drawn more often than one of hundreds of single regions would be."""
    from meedoen import filters
    from meedoen.ui.context import _PARTS  # the sidebar's own period kinds and their parts

    kind = rng.choice(list(_PARTS))
    q = {"periode": filters.period_code(kind, rng.choice(opts["years"]), rng.choice(_PARTS[kind])),
         "niveau": rng.choice(filters.LEVELS)}
    codes = opts["regions"].get(q["niveau"], [])
    if codes and rng.random() >= 0.25:
        q["regio"] = rng.choice(codes)
    for key, values in (("programma", opts["programmes"]), ("doelgroep", opts["doelgroepen"])):
        if values and rng.random() >= 0.5:
            q[key] = rng.choice(values)
    return q


def draw_choice(rng: random.Random, opts, default, valid=None):
    """A value for a page choice: one of the page's options, or for an open choice (a number of days,
    a date) a value near the default that the page's own check accepts; half of the time the default."""
    if opts is not None:
        return rng.choice(list(opts) + ([] if default in opts else [default]))
    if rng.random() < 0.5:
        return default
    for _ in range(50):
        if isinstance(default, dt.date):
            value = default + dt.timedelta(days=rng.randint(-730, 730))
        elif isinstance(default, int) and not isinstance(default, bool):
            value = rng.randint(1, 10 * max(default, 1))
        else:
            return default
        try:
            if valid is None or valid(value):
                return value
        except (TypeError, ValueError):
            pass
    return default


# ------------------------------------------------------------------ recording

def site(frame) -> str:
    """Where a page called the query: file and line (stable across views, so calls are not pooled by name)."""
    return f"{Path(frame.f_code.co_filename).name}:{frame.f_lineno}"


class Recorder:
    """While active: every `data.run` call is recorded, and every `ui.choice` on a page's first run gets a
    drawn value through the link. Pages import `run` and `ui` when they run, so patching the modules reaches them."""

    def __init__(self):
        import meedoen.ui as ui
        import meedoen.ui.choices as choices
        from meedoen.query import data

        self.data, self.ui, self.choices = data, ui, choices
        self.real_run, self.real_choice = data.run, choices.choice
        self.calls: list = []  # [name, bound params, call site, audience]
        self.drawn: dict = {}  # param -> URL text of the drawn value (None: the default)
        self.refused: list = []  # drawn values the page did not show
        self.rng = random.Random(0)

    def __enter__(self):
        self.data.run, self.ui.choice, self.choices.choice = self._run, self._choice, self._choice
        return self

    def __exit__(self, *exc):
        self.data.run, self.ui.choice, self.choices.choice = self.real_run, self.real_choice, self.real_choice

    def _run(self, name, scope, **params):
        needed = self.data.queries()[name].params
        self.calls.append([name, {p: params.get(p) for p in needed}, site(sys._getframe(1)), scope.audience])
        return self.real_run(name, scope, **params)

    def _choice(self, param, key, options, default, **kw):
        import streamlit as st

        if not st.session_state.get(self.choices._FRESH, True):  # later runs keep what was chosen
            return self.real_choice(param, key, options, default, **kw)
        words = kw.get("words")
        text = words.__getitem__ if words is not None else kw.get("text", str)
        value = draw_choice(self.rng, options, default, kw.get("valid"))
        if value is None or value == default:
            if param in st.query_params:
                del st.query_params[param]
        else:
            st.query_params[param] = text(value)
        self.drawn[param] = None if value is None else text(value)
        got = self.real_choice(param, key, options, default, **kw)
        if got != value:
            self.refused.append(f"{param}={self.drawn[param]}")
        return got


def unique(calls: list) -> list:
    """Each (query, parameters) once, in first-call order: a repeated call is a cache hit in the app."""
    seen, out = set(), []
    for c in calls:
        k = (c[0], key(c[1]))
        if k not in seen:
            seen.add(k)
            out.append(c)
    return out


def key(params: dict) -> str:
    return json.dumps(params, sort_keys=True, default=str)


def record(link: dict, seed: str, pages=None, timeout: float = 600) -> dict:
    """{page: {"link", "calls", "choices", "problems"}} for one set of filters: one AppTest session that
    opens the link on the default page and then every other managers' page from the menu."""
    from streamlit.testing.v1 import AppTest

    from meedoen.pages import BY_NAME, DEFAULT, MANAGERS_PAGES

    # the default page is where a link lands; the others are opened from the menu in the same session
    order = [DEFAULT.name] + [p for p in MANAGERS_PAGES if p != DEFAULT.name and (pages is None or p in pages)]
    out = {}
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    with Recorder() as rec:
        for i, page in enumerate(order):
            rec.calls, rec.drawn, rec.refused = [], {}, []
            rec.rng = random.Random(f"{seed}:{page}")
            at.query_params = dict(link)  # the filters only: the page's choices come from the draw
            if i:
                at.switch_page(BY_NAME[page].path)
            at.run()
            if pages is not None and page not in pages:
                continue
            problems = [f"exception: {e.message}" for e in at.exception]
            problems += [f"refused: {r}" for r in rec.refused]
            shown = {k: v for k, v in at.query_params.items() if k in link}
            if shown != link:  # the app's own link rewrites what it did not accept
                problems.append(f"filters shown {shown}, asked {link}")
            out[page] = {"link": dict(at.query_params), "calls": unique(rec.calls), "choices": dict(rec.drawn),
                         "problems": problems}
    return out


def record_views(v, n: int, seed: int, pages=None) -> list[dict]:
    """n views: drawn filters, and per page its link, choices and recorded calls."""
    rng = random.Random(seed)
    opts = options(v)
    return [{"filters": (f := draw_filters(rng, opts)), "pages": record(f, f"{seed}:{i}", pages)}
            for i in range(n)]


# ------------------------------------------------------------------ timing

def label(call) -> str:
    """The call site, the query, and the value of any page parameter with a short list of allowed values
    (e.g. grain=quarter; not the sidebar's level): one row per call in the report."""
    from meedoen.query.db import queries

    name, params, where = call[0], call[1], call[2]
    enum = [f"{p.name}={params[p.name]}" for p in queries()[name].declared
            if p.choices and p.name in params and p.name not in _filter_params()]
    return f"{where} {name}" + (f" ({', '.join(enum)})" if enum else "")


def _filter_params() -> set[str]:
    """The parameters the sidebar's filters bind (meedoen.filters.Filters.params)."""
    from meedoen import filters

    return set(filters.Filters(filters.parse_period("2020"), "gemeente", None, None, None).params())


def time_page(v, calls: list, scan: bool) -> dict:
    """The page's calls cold on a fresh Database with empty result caches, then cached."""
    from meedoen import config
    from meedoen.query import data
    from meedoen.query.db import Database

    data._cached.clear()
    data._protected.clear()
    t0 = time.perf_counter()
    db = Database(v, threads=config.get("threads"), memory_limit=config.get("memory_limit"),
                  use_aggregates=False if scan else None)
    opened = time.perf_counter() - t0
    real_db = data.database
    data.database = lambda *_: db  # the app's own path (protection, st.cache_data) around this Database
    try:
        scopes = {aud: data.Scope.local(v, aud) for aud in {c[3] for c in calls}}
        per_call, errors = [], 0
        c0, w0 = time.process_time(), time.perf_counter()
        for c in calls:
            before = db.agg_runs
            q0, p0 = time.perf_counter(), time.process_time()
            r = data.run(c[0], scopes[c[3]], **c[1])
            wall, cpu = time.perf_counter() - q0, time.process_time() - p0
            per_call.append([label(c), wall, cpu, db.agg_runs > before])
            errors += r.error is not None
        cold, cpu = time.perf_counter() - w0, time.process_time() - c0
        w0 = time.perf_counter()
        for c in calls:
            data.run(c[0], scopes[c[3]], **c[1])
        cached = time.perf_counter() - w0
    finally:
        data.database = real_db
        db.close()
    return {"cold": cold, "cpu": cpu, "cached": cached, "open": opened, "calls": per_call, "errors": errors}


def pct(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, round(q * (len(xs) - 1))))] if xs else float("nan")


def run(data_dir: Path, n: int, seed: int, scan: bool = False, pages=None, partial: Path | None = None) -> dict:
    import logging

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    os.environ["MEEDOEN_DATA_DIR"] = str(data_dir)
    os.chdir(ROOT)
    from meedoen import versions

    v = versions.active(data_dir)
    if v is None:
        raise SystemExit(f"no data in {data_dir}")
    rng = random.Random(seed)
    opts = options(v)
    raw = {"version": v.id, "rows": v.manifest.get("rows", {}).get("placements"), "seed": seed, "scan": scan,
           "views": [], "problems": [], "load": [], "record_s": [], "time_s": []}
    for i in range(n):
        if i % 10 == 0:
            raw["load"].append(round(os.getloadavg()[0], 1))
            log(f"view {i}/{n}")
            if i and partial:  # what is measured so far survives a stop
                partial.write_text(json.dumps(summary(raw), indent=1))
        link = draw_filters(rng, opts)
        t0 = time.perf_counter()
        rec = record(link, f"{seed}:{i}", pages)
        t1 = time.perf_counter()
        for page, r in rec.items():
            raw["problems"] += [f"{page} {r['link']}: {p}" for p in r["problems"]]
            t = time_page(v, r["calls"], scan)
            raw["views"].append({"page": page, "link": r["link"], **t})
        raw["record_s"].append(t1 - t0)
        raw["time_s"].append(time.perf_counter() - t1)
    raw["load"].append(round(os.getloadavg()[0], 1))
    return summary(raw)


def summary(raw: dict) -> dict:
    ms = lambda x: round(1000 * x, 1)  # noqa: E731
    pages: dict = {}
    calls: dict = {}
    for view in raw["views"]:
        pages.setdefault(view["page"], []).append(view)
        for lab, wall, cpu, agg in view["calls"]:
            c = calls.setdefault(lab, {"wall": [], "cpu": [], "agg": 0})
            c["wall"].append(wall)
            c["cpu"].append(cpu)
            c["agg"] += agg
    out = {k: raw[k] for k in ("version", "rows", "seed", "scan", "load", "problems")}
    out["combinations"] = len(raw["record_s"])
    out["record_s_per_combination"] = round(statistics.mean(raw["record_s"]), 1) if raw["record_s"] else None
    out["time_s_per_combination"] = round(statistics.mean(raw["time_s"]), 1) if raw["time_s"] else None
    out["open_ms_p50"] = ms(statistics.median(v["open"] for v in raw["views"])) if raw["views"] else None
    out["errors"] = sum(v["errors"] for v in raw["views"])
    out["pages"] = {}
    for p, vs in pages.items():
        cold, cpu, cached = [v["cold"] for v in vs], [v["cpu"] for v in vs], [v["cached"] for v in vs]
        worst = max(vs, key=lambda v: v["cold"])
        out["pages"][p] = {"n": len(vs), "calls_p50": statistics.median(len(v["calls"]) for v in vs),
                           "cold_p50_ms": ms(statistics.median(cold)), "cold_p95_ms": ms(pct(cold, 0.95)),
                           "cold_max_ms": ms(max(cold)), "cpu_p50_ms": ms(statistics.median(cpu)),
                           "cpu_p95_ms": ms(pct(cpu, 0.95)), "cached_p50_ms": ms(statistics.median(cached)),
                           "cached_p95_ms": ms(pct(cached, 0.95)), "slowest": worst["link"]}
    out["calls"] = {c: {"n": len(d["wall"]), "p50_ms": ms(statistics.median(d["wall"])),
                        "p95_ms": ms(pct(d["wall"], 0.95)), "max_ms": ms(max(d["wall"])),
                        "cpu_p95_ms": ms(pct(d["cpu"], 0.95)), "aggregated": round(d["agg"] / len(d["wall"]), 2)}
                    for c, d in sorted(calls.items())}
    out["views"] = [{"page": v["page"], "link": v["link"], "cold_ms": ms(v["cold"]), "cpu_ms": ms(v["cpu"]),
                     "cached_ms": ms(v["cached"])} for v in raw["views"]]
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="a data folder or store (one size)")
    ap.add_argument("--n", type=int, default=200, help="combinations of filters (each opens every page)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--scan", action="store_true", help="without the month aggregates")
    ap.add_argument("--pages", default=None, help="only these pages, comma separated (default: every managers' page)")
    ap.add_argument("--out", type=Path, default=None, help="write the summary as JSON here (else to stdout)")
    args = ap.parse_args(argv)
    res = run(args.data.resolve(), args.n, args.seed, scan=args.scan,
              pages=args.pages.split(",") if args.pages else None,
              partial=args.out.with_suffix(".partial.json") if args.out else None)
    text = json.dumps(res, indent=1)
    if args.out:
        args.out.write_text(text)
    else:
        print(text)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
