"""Peak memory of a load (python -m meedoen.ingest's code path) at the upload limit. Not part of the test suite.

    python -m bench.load --source DIR --work DIR [--rows 13M] [--csv-mb 500] [--formats parquet,csv]
                         [--code REPO]

DIR is a complete demo export set (`python -m meedoen.demo --out DIR --rows 10000000`). From it
the benchmark writes one placements file per format: parquet with --rows rows (rows beyond the
source are copies with new trajectory ids) and CSV cut at --csv-mb megabytes. Each file is then
loaded, with the other tables of DIR, into an empty store in a fresh process, whose peak resident
memory (VmHWM, from /usr/bin/time) is reported with the time taken and the progress reports seen.
--code runs the loader of another checkout (for a before/after comparison).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from meedoen.run import label, log, parse_size

ROOT = Path(__file__).resolve().parent.parent
OTHER = ("pilots", "proeftuinen", "targets", "regions", "employers")

LOADER = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from meedoen import ingest
calls = []
t0 = time.time()
res = ingest.load_exports(sys.argv[3:], Path(sys.argv[2]), progress=lambda f, m: calls.append(round(f, 3)))
print(json.dumps({"ok": res.ok, "seconds": round(time.time() - t0, 1), "progress_calls": len(calls),
                  "problems": [p.message_nl[:200] for p in res.problems if p.is_error][:3]}))
"""


def make_inputs(source: Path, work: Path, rows: int, csv_mb: float, formats: list[str]) -> dict[str, Path]:
    """The placements files to load, written once per size (reused when present)."""
    work.mkdir(parents=True, exist_ok=True)
    src = source / "placements"
    glob = str(src / "**" / "*.parquet") if src.is_dir() else str(source / "placements.parquet")
    con = duckdb.connect(config={"threads": 2, "memory_limit": "2GB", "preserve_insertion_order": False})
    n_src = con.execute(f"SELECT count(*) FROM read_parquet('{glob}')").fetchone()[0]
    out = {}
    if "parquet" in formats:
        p = work / f"placements-{label(rows)}.parquet"
        if not p.exists():
            log(f"writing {p} ({rows:,} rows from {n_src:,})")
            parts, left, k = [], rows, 0
            while left > 0:
                take = min(left, n_src)
                tid = "trajectory_id" if k == 0 else f"'R{k}-' || trajectory_id AS trajectory_id"
                parts.append(f"SELECT * REPLACE ({tid}) FROM read_parquet('{glob}') LIMIT {take}" if k else
                             f"SELECT * FROM read_parquet('{glob}') LIMIT {take}")
                left -= take
                k += 1
            con.execute(f"COPY ({' UNION ALL '.join(f'({x})' for x in parts)}) TO '{p}.tmp' "
                        f"(FORMAT parquet, ROW_GROUP_SIZE 256000)")
            os.replace(f"{p}.tmp", p)
        out["parquet"] = p
    if "csv" in formats:
        p = work / f"placements-{int(csv_mb)}MB.csv"
        if not p.exists():
            # ~140 bytes a row: write a little more than needed, then cut at a line end below the limit.
            n = int(csv_mb * 1024 * 1024 / 120)
            log(f"writing {p} (at most {csv_mb:g} MB)")
            con.execute(f"COPY (SELECT * FROM read_parquet('{glob}') LIMIT {n}) TO '{p}.tmp' (FORMAT csv, HEADER)")
            limit = int(csv_mb * 1024 * 1024) - 1024
            with open(f"{p}.tmp", "rb+") as f:
                if os.path.getsize(f"{p}.tmp") > limit:
                    f.seek(limit)
                    tail = f.read(4096)
                    f.truncate(limit + tail.index(b"\n") + 1)
            os.replace(f"{p}.tmp", p)
        out["csv"] = p
    con.close()
    return out


def csv_rows(p: Path) -> int:
    with open(p, "rb") as f:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 24), b"")) - 1


def measure(code: Path, source: Path, file: Path, work: Path) -> dict:
    store = work / f"store-{file.stem}"
    shutil.rmtree(store, ignore_errors=True)
    others = [str(source / f"{t}.parquet") for t in OTHER if (source / f"{t}.parquet").exists()]
    env = {**os.environ, "MEEDOEN_MAX_UPLOAD_MB": "100000", "PYTHONPATH": str(code)}
    t0 = time.time()
    r = subprocess.run(["/usr/bin/time", "-f", "%M", sys.executable, "-c", LOADER, str(code), str(store), str(file),
                        *others], cwd=code, env=env, capture_output=True, text=True)
    lines = r.stderr.strip().splitlines()
    peak_kb = int(lines[-1]) if lines and lines[-1].isdigit() else None
    try:
        res = json.loads(r.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        res = {"ok": False, "problems": [r.stderr[-500:]]}
    shutil.rmtree(store, ignore_errors=True)
    return {**res, "peak_rss_mb": round(peak_kb / 1024) if peak_kb else None, "wall_s": round(time.time() - t0, 1),
            "exit": r.returncode}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, required=True)
    ap.add_argument("--work", type=Path, default=Path("/tmp/meedoen-load-bench"))
    ap.add_argument("--rows", default="13M")
    ap.add_argument("--csv-mb", type=float, default=500)
    ap.add_argument("--formats", default="parquet,csv")
    ap.add_argument("--code", type=Path, default=ROOT, help="checkout whose loader is measured")
    args = ap.parse_args(argv)
    rows = parse_size(args.rows)
    files = make_inputs(args.source, args.work, rows, args.csv_mb, args.formats.split(","))
    for kind, f in files.items():
        n = rows if kind == "parquet" else csv_rows(f)
        log(f"loading {f.name} with {args.code}")
        m = measure(args.code.resolve(), args.source, f, args.work)
        print(json.dumps({"format": kind, "file": f.name, "file_mb": round(f.stat().st_size / 2**20),
                          "rows": n, "code": str(args.code), **m}), flush=True)


if __name__ == "__main__":
    main()
