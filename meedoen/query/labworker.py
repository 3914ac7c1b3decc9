"""A SQL lab worker process: runs researchers' queries under limits the operating system enforces.

    python -m meedoen.query.labworker <address-space MB>

Started by the dashboard (`meedoen.query.sqllab.Pool`) as a fresh interpreter (never a fork of the
Streamlit process), it talks over stdin/stdout in frames (4-byte big-endian length + bytes):
a JSON request in, a JSON answer out, followed for a result by one frame of Arrow IPC bytes.

Before reading anything it limits itself: RLIMIT_AS (address space; DuckDB 2.0 does not reserve
large virtual ranges, so a limit of a few hundred MB above its memory_limit works), RLIMIT_FSIZE 0
(it cannot grow any file), RLIMIT_CORE 0 (a crash leaves no core file); and per query RLIMIT_CPU.
Each query gets a fresh DuckDB opened on the lab file READ_ONLY with external access off, no
allowed directories, no extensions, no temp directory and a locked configuration; it is closed
after the query, so nothing one query does outlives it.
"""

from __future__ import annotations

import json
import math
import os
import resource
import signal
import struct
import sys
import threading
import time

HEADER = struct.Struct(">I")
BATCH_ROWS = 256  # rows per Arrow batch: wide rows must not make one batch outgrow the result cap by much
MAX_REQUEST = 1 << 20


def _read_exact(f, n: int) -> bytes | None:
    buf = bytearray()
    while len(buf) < n:
        chunk = f.read(n - len(buf))
        if not chunk:
            return None
        buf += chunk
    return bytes(buf)


def read_frame(f, limit: int) -> bytes | None:
    head = _read_exact(f, HEADER.size)
    if head is None:
        return None
    (n,) = HEADER.unpack(head)
    if n > limit:
        raise ValueError(f"frame of {n} bytes")
    return _read_exact(f, n)


def write_frame(f, data: bytes) -> None:
    f.write(HEADER.pack(len(data)))
    f.write(data)
    f.flush()


def limit_self(memory_mb: int) -> None:
    """The limits that hold for the whole life of this process."""
    as_bytes = int(memory_mb) << 20
    resource.setrlimit(resource.RLIMIT_AS, (as_bytes, as_bytes))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    # A file write would raise SIGXFSZ (terminate); as an error the query just fails.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


def limit_cpu(seconds: float) -> None:
    """CPU time for the next query: what this process used so far plus `seconds` (SIGXCPU ends it)."""
    used = resource.getrusage(resource.RUSAGE_SELF)
    total = used.ru_utime + used.ru_stime
    soft = int(math.ceil(total + seconds))
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


# The hardening of every query's engine; `lock_configuration` comes last and freezes the rest.
def engine_config(memory_limit: str, threads: int, time_limit: float) -> dict:
    return {
        "enable_external_access": False,  # no file but the database itself; allowed_directories stays empty
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": False,
        "allow_community_extensions": False,
        "allow_persistent_secrets": False,
        "temp_directory": "",  # never spill to disk
        "max_temp_directory_size": "0B",
        "python_enable_replacements": False,  # no access to Python variables
        "memory_limit": memory_limit,
        "threads": threads,
        "max_execution_time": int(time_limit * 1000),
        "lock_configuration": True,
    }


EXPECTED = {"enable_external_access": False, "lock_configuration": True, "allowed_directories": [],
            "autoinstall_known_extensions": False, "autoload_known_extensions": False, "temp_directory": "",
            "python_enable_replacements": False}


class Worker:
    def __init__(self, out, memory_mb: int = 1 << 20):
        import duckdb
        import pyarrow as pa

        from . import labcheck

        self.duckdb, self.pa, self.labcheck = duckdb, pa, labcheck
        self.out = out
        self.memory_mb = memory_mb
        self._catalogues: dict[str, tuple] = {}  # a lab file never changes: its catalogue is read once

    def send(self, answer: dict, data: bytes | None = None) -> None:
        # After running out of memory, or when much address space stays mapped, the next query
        # deserves a fresh process: the dashboard replaces this one.
        answer["recycle"] = answer.get("key") == "memory" or _vm_mb() > self.memory_mb * 0.75
        write_frame(self.out, json.dumps(answer).encode())
        if data is not None:
            write_frame(self.out, data)

    def open(self, req: dict):
        con = self.duckdb.connect(req["db"], read_only=True,
                                  config=engine_config(req["memory_limit"], int(req["threads"]),
                                                       float(req["time_limit"])))
        for name, want in EXPECTED.items():  # fail loudly if a hardening setting did not take
            got = con.execute(f"SELECT current_setting('{name}')").fetchone()[0]
            if got != want:
                con.close()
                raise RuntimeError(f"SQL-lab: instelling {name} is {got!r}, verwacht {want!r}")
        return con

    def catalogue(self, con, path: str) -> tuple[tuple[str, ...], frozenset[str]]:
        """The lab file's tables and views, and its table macros."""
        if path not in self._catalogues:
            self._catalogues[path] = self._read_catalogue(con)
        return self._catalogues[path]

    def _read_catalogue(self, con) -> tuple[tuple[str, ...], frozenset[str]]:
        names = tuple(r[0] for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE NOT internal AND schema_name = 'main' "
            "UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT internal AND schema_name = 'main' "
            "ORDER BY 1").fetchall())
        macros = frozenset(r[0] for r in con.execute(
            "SELECT function_name FROM duckdb_functions() WHERE function_type = 'table_macro' "
            "AND schema_name = 'main' AND NOT internal").fetchall())
        return names, macros

    def handle(self, req: dict) -> None:
        limit = float(req["time_limit"])
        limit_cpu(limit * max(1, int(req["threads"])) + 2)
        t0 = time.perf_counter()
        con = self.open(req)
        try:
            if "macros" in req:  # the dashboard read the (immutable) lab file's catalogue once
                views, macros = tuple(req["views"]), frozenset(req["macros"])
            else:
                views, macros = self.catalogue(con, req["db"])
            shown = tuple(v for v in req.get("views", views) if v in views)
            try:
                self.labcheck.check(con, req["sql"], shown or views, macros)
            except self.labcheck.Refused as e:
                return self.send({"status": "refused", "key": e.key, "args": e.args_})
            if req.get("check_only"):
                return self.send({"status": "checked"})
            # The time limit counts from here: opening and checking are not the query's time.
            write_frame(self.out, json.dumps({"status": "started"}).encode())
            self.run(con, req, limit, t0)
        finally:
            con.close()

    def run(self, con, req: dict, limit: float, t0: float) -> None:
        duckdb, pa = self.duckdb, self.pa
        max_rows, max_bytes = int(req["max_rows"]), int(req["max_bytes"])
        cur = con.cursor()
        timer = threading.Timer(limit, cur.interrupt)
        timer.daemon = True
        timer.start()
        try:
            reader = cur.sql(req["sql"]).limit(max_rows + 1).to_arrow_reader(BATCH_ROWS)
            batches, rows, size, cut = [], 0, 0, None
            schema = reader.schema
            for batch in reader:
                if rows + batch.num_rows > max_rows:
                    batch, cut = batch.slice(0, max_rows - rows), "rows"
                if size + batch.nbytes > max_bytes:
                    batch, cut = _fit(batch, max_bytes - size), "bytes"
                batches.append(batch)
                rows += batch.num_rows
                size += batch.nbytes
                if cut:
                    break
            timer.cancel()
            sink = pa.BufferOutputStream()
            with pa.ipc.new_stream(sink, schema) as w:
                for b in batches:
                    w.write_batch(b)
            data = sink.getvalue().to_pybytes()
        except duckdb.InterruptException:
            return self.send({"status": "error", "key": "timeout", "args": {"limit": limit}})
        except (duckdb.OutOfMemoryException, MemoryError) as e:
            return self.send({"status": "error", "key": "memory",
                              "args": {"detail": self.labcheck.detail(e)}})
        except duckdb.ParserException as e:
            return self.send({"status": "error", "key": "syntax", "args": {"detail": self.labcheck.detail(e)}})
        except Exception as e:  # any other DuckDB or conversion error goes back to the researcher
            if "out of memory" in str(e).lower() or isinstance(e, pa.ArrowMemoryError):
                return self.send({"status": "error", "key": "memory", "args": {"detail": self.labcheck.detail(e)}})
            if "interrupt" in str(e).lower():
                return self.send({"status": "error", "key": "timeout", "args": {"limit": limit}})
            return self.send({"status": "error", "key": "error", "args": {"detail": self.labcheck.detail(e)}})
        finally:
            timer.cancel()
            cur.close()
        self.send({"status": "ok", "rows": rows, "cut": cut, "elapsed": time.perf_counter() - t0}, data)


def _vm_mb() -> float:
    """This process's address space in MB (what RLIMIT_AS counts)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _fit(batch, budget: int):
    """The longest first part of a record batch that takes at most `budget` bytes."""
    lo, hi = 0, batch.num_rows
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if batch.slice(0, mid).nbytes <= budget:
            lo = mid
        else:
            hi = mid - 1
    return batch.slice(0, lo)


def main(argv: list[str]) -> int:
    # Arrow's own allocators reserve address space in large arenas, which RLIMIT_AS counts:
    # the system allocator takes only what is used.
    os.environ["ARROW_DEFAULT_MEMORY_POOL"] = "system"
    limit_self(int(argv[0]))
    inp, out = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing printed by accident may corrupt the frames
    worker = Worker(out, int(argv[0]))
    worker.send({"status": "ready", "pid": os.getpid()})
    while True:
        try:
            raw = read_frame(inp, MAX_REQUEST)
        except ValueError:
            return 2
        if raw is None:  # the dashboard went away
            return 0
        req = json.loads(raw)
        try:
            worker.handle(req)
        except MemoryError as e:
            worker.send({"status": "error", "key": "memory", "args": {"detail": str(e)[:300]}})
        except Exception as e:
            worker.send({"status": "error", "key": "error", "args": {"detail": str(e)[:2000]}})


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
