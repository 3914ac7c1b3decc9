"""Stored views: the pages' standard views computed once per data version.

    python -m meedoen.query.precompute [--data-dir DIR] [--version ID] [--levels provincie,arbeidsmarktregio]

A national export makes every page scan millions of placements. The views people open most
(the whole country for every year, each provincie for the latest year) are therefore computed
once, right after a version is activated, and kept in a DuckDB file beside the placements cache
(`db.stored_path`). `Database.run` serves a stored result when the query text, the shared
definitions and the parameter values match, and computes everything else as before. Results are
stored before protection: every audience still gets its own protection on top.

Which queries a view needs is not listed anywhere: the builder renders each page with
`streamlit.testing` (as the app would) and records what the pages ask for. So the stored views
follow the pages whenever they change.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb

from .. import config, pages, versions
from ..config import ROOT
from .db import Database, _quote, queries, result_key, stored_path

# The pages whose views are stored (the managers' pages; research pages run what people type).
PAGES = pages.STORED
LEVELS = ("provincie",)  # regions stored for the latest year, besides the whole country for every year

log = logging.getLogger("meedoen.query.precompute")


class Recorder:
    """Computes each (query, parameters) once into a new stored-views file and serves it from there."""

    def __init__(self, version: versions.Version, target: Path):
        self.version = version
        self.tmp = target.with_name(f".{target.name}.{os.getpid()}")
        self.tmp.unlink(missing_ok=True)
        self.db = Database(version, threads=config.get("threads"), memory_limit=config.get("memory_limit"),
                           stored=False)
        # Small blocks: hundreds of small result tables would otherwise take 256 kB per column each.
        self.db.con.execute(f"ATTACH {_quote(str(self.tmp))} AS out (BLOCK_SIZE 16384)")
        self.db.con.execute("CREATE TABLE out.stored_index (key VARCHAR PRIMARY KEY, name VARCHAR, params VARCHAR, "
                            "tbl VARCHAR, rows BIGINT, seconds DOUBLE)")
        self.index: dict[str, str] = {}
        self.lock = threading.Lock()

    def run(self, name: str, params: dict | None = None):
        params = params or {}
        key = result_key(name, params)
        with self.lock:
            cur = self.db.con.cursor()
            try:
                if key not in self.index:
                    q = queries()[name]
                    tbl = f"r{len(self.index):05d}_{name}"
                    t0 = time.perf_counter()
                    # CREATE TABLE AS keeps the query's column types and row order exactly.
                    cur.execute(f'CREATE TABLE out."{tbl}" AS {q.sql.strip().rstrip(";")}',
                                {p: params.get(p) for p in q.params})
                    rows = cur.execute(f'SELECT count(*) FROM out."{tbl}"').fetchone()[0]
                    cur.execute("INSERT INTO out.stored_index VALUES (?, ?, ?, ?, ?, ?)",
                                [key, name, repr({p: params.get(p) for p in q.params}), tbl, rows,
                                 time.perf_counter() - t0])
                    self.index[key] = tbl
                return cur.execute(f'SELECT * FROM out."{self.index[key]}"').df()
            finally:
                cur.close()

    def finish(self, target: Path) -> None:
        self.db.con.execute("CHECKPOINT out")
        self.db.con.execute("DETACH out")
        self.db.close()
        os.replace(self.tmp, target)  # readers see the whole file or none

    def abort(self) -> None:
        with contextlib.suppress(Exception):
            self.db.close()
        self.tmp.unlink(missing_ok=True)


def standard_views(db: Database, levels=LEVELS) -> list[dict]:
    """URL parameters of the views to store: the country for every year with data, and each region
    at `levels` for the default (latest) year."""
    opts = db.run("filter_options")
    years = sorted(int(y) for y in opts.loc[opts["kind"] == "year", "value"])
    regions = db.run("region_list")
    views: list[dict] = [{}]
    views += [{"periode": str(y)} for y in reversed(years)]
    for lv in levels:
        views += [{"regio": code} for code in regions.loc[regions["level"] == lv, "code"]]
    return views


def _render(view: dict, names=PAGES) -> list[str]:
    """Render every page of one view (the queries go through the patched Database.run); problems found."""
    from streamlit.testing.v1 import AppTest

    from .. import access, auth

    problems = []
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=3600)
    # Signed in as an administrator: a configured login must not keep the pages from rendering.
    at.session_state[access._USER] = auth.User("stored-views", auth.Role.ADMIN)
    for k, v in view.items():
        at.query_params[k] = v
    for i, page in enumerate(names):
        if i:  # the first run draws the default page (the overview); the filters stay as the URL set them
            at.switch_page(pages.BY_NAME[page].path)
        at.run()
        if at.exception:
            problems.append(f"{page} {view}: {at.exception[0].message[:200]}")
    return problems


def build(root: Path, version_id: str | None = None, levels=LEVELS, names=PAGES,
          views: list[dict] | None = None) -> dict:
    """Build the stored views of a version of the store at `root` (default: the active one).

    The pages render the active version, so this runs right after activation; a version that is no
    longer active when the build ends is still stored (its file is keyed on the version)."""
    root = Path(root)
    v = versions.active(root) if version_id is None else versions.find(root, version_id)
    if v is None:
        raise SystemExit(f"gegevensversie {version_id} niet gevonden" if version_id else "geen actieve gegevensversie")
    target = stored_path(v)
    t0 = time.perf_counter()
    rec = Recorder(v, target)
    real_run = Database.run
    os.environ["MEEDOEN_DATA_DIR"] = str(root)
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    try:
        views = views if views is not None else standard_views(rec.db, levels)
        Database.run = lambda self, name, params=None: rec.run(name, params)  # record what the pages ask for
        problems = []
        for i, view in enumerate(views):
            problems += _render(view, names)
            log.info("view %d/%d %s: %d results", i + 1, len(views), view or "default", len(rec.index))
        n = len(rec.index)
        rec.finish(target)
    except BaseException:
        rec.abort()
        raise
    finally:
        Database.run = real_run
    out = {"version": v.id, "file": str(target), "views": len(views), "results": n,
           "seconds": round(time.perf_counter() - t0, 1), "mb": round(target.stat().st_size / 2**20, 1),
           "built": time.strftime("%Y-%m-%dT%H:%M:%S"), "problems": problems}
    target.with_suffix(".json").write_text(json.dumps(out, indent=1))  # when and how long, for admins
    return out


def start_background(root: Path, version_id: str) -> subprocess.Popen | None:
    """Build a version's stored views in a separate, low-priority process (after a load)."""
    if not config.get("stored_views"):
        return None
    logfile = open(Path(root) / ".stored-views.log", "a")
    return subprocess.Popen([sys.executable, "-m", "meedoen.query.precompute", "--data-dir", str(root), "--version", version_id],
                            cwd=ROOT, stdout=logfile, stderr=subprocess.STDOUT, start_new_session=True,
                            preexec_fn=lambda: os.nice(10))


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description="Compute the pages' standard views of a data version once.")
    ap.add_argument("--data-dir", type=Path, default=None, help="data store (default: setting data_dir)")
    ap.add_argument("--version", default=None, help="version id (default: the active version)")
    ap.add_argument("--levels", default=",".join(LEVELS),
                    help="region levels stored for the latest year, comma separated (empty: none)")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    root = args.data_dir or config.data_dir()
    out = build(root, args.version, levels=tuple(x for x in args.levels.split(",") if x))
    for p in out["problems"][:20]:
        log.warning("page problem: %s", p)
    print({k: v for k, v in out.items() if k != "problems"} | {"problems": len(out["problems"])})


if __name__ == "__main__":
    main()
