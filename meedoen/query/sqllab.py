"""The SQL lab: researchers' own SELECT queries on one data version, safe by construction.

The dashboard never runs a researcher's SQL itself. `SqlLab.run` hands it to a small pool of worker
processes (`meedoen.query.labworker`), each a fresh interpreter with operating-system limits, that opens
the version's lab file (`meedoen.query.labdata`) read-only, checks the statement (`meedoen.query.labcheck`) and
sends back at most `sql_max_rows` rows and `sql_max_result_mb` MB as Arrow IPC bytes. A worker that
overruns the time limit is killed and replaced; one that runs out of memory dies alone. See
`explain_model_markdown` for the whole model.
"""

from __future__ import annotations

import atexit
import dataclasses
import json
import logging
import os
import select
import subprocess
import sys
import tempfile
import threading
import time

import pandas as pd
import pyarrow as pa

from .. import config, contract
from . import labdata
from ..config import ROOT
from ..i18n import t
from .labcheck import ALLOWED_TABLE_FUNCTIONS, MAX_SQL_CHARS, MESSAGES  # noqa: F401  (re-exported)
from .labworker import HEADER
from ..versions import Version

log = logging.getLogger("meedoen.sqllab")

GRACE = 0.3  # seconds past the time limit before a worker that did not answer is killed
START_TIMEOUT = 60.0  # seconds a new worker may take to start (imports)
WAIT_TIMEOUT = 30.0  # seconds a query waits for a free worker
CHECK_TIMEOUT = 10.0  # seconds a worker may take to open the lab file and check a statement


@dataclasses.dataclass(frozen=True)
class LabResult:
    df: pd.DataFrame | None
    error: str | None  # for the researcher, in their language
    truncated: bool
    elapsed: float  # seconds
    row_count: int  # rows in df
    refused: bool = False  # the statement check refused it (it did not run)
    cut: str | None = None  # why the result was truncated: 'rows' or 'bytes'


class _Dead(Exception):
    """The worker died or did not answer in time."""


class _Proc:
    def __init__(self, memory_mb: int, cwd: str, tmpdir: str | None = None):
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
        if tmpdir:
            env["TMPDIR"] = tmpdir
        # glibc gives each thread a malloc arena of 64 MB address space, which RLIMIT_AS counts:
        # without this a worker maps ~950 MB after its first query, with it ~440 MB.
        env["MALLOC_ARENA_MAX"] = "2"
        self.proc = subprocess.Popen([sys.executable, "-m", "meedoen.query.labworker", str(int(memory_mb))],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=cwd, env=env,
                                     close_fds=True)
        self.fd = self.proc.stdout.fileno()

    def read(self, deadline: float, limit: int) -> bytes:
        (n,) = HEADER.unpack(self._exact(HEADER.size, deadline))
        if n > limit:
            raise _Dead(f"answer of {n} bytes")
        return self._exact(n, deadline)

    def _exact(self, n: int, deadline: float) -> bytes:
        buf = bytearray()
        while len(buf) < n:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.fd], [], [], left)[0]:
                raise TimeoutError
            chunk = os.read(self.fd, min(n - len(buf), 1 << 20))
            if not chunk:
                raise _Dead("worker exited")
            buf += chunk
        return bytes(buf)

    def send(self, data: bytes) -> None:
        try:
            self.proc.stdin.write(HEADER.pack(len(data)) + data)
            self.proc.stdin.flush()
        except OSError as e:
            raise _Dead(str(e)) from None

    def kill(self) -> None:
        try:
            self.proc.kill()
        except Exception:  # already gone
            pass
        # Reaping it is nobody's wait: the answer to the researcher does not wait for it.
        threading.Thread(target=self._reap, daemon=True, name="sqllab-reap").start()

    def _reap(self) -> None:
        try:
            self.proc.wait(30)
        except Exception:
            pass
        for f in (self.proc.stdin, self.proc.stdout):
            try:
                f.close()
            except Exception:
                pass


class Pool:
    """A few worker processes; each runs one query at a time. Thread-safe."""

    def __init__(self, size: int, memory_mb: int, tmpdir: str | None = None):
        if size < 1 or memory_mb < 128:
            raise ValueError(f"SQL-lab: sql_workers ({size}) moet minstens 1 zijn en sql_worker_memory_mb "
                             f"({memory_mb}) minstens 128")
        self.size, self.memory_mb = int(size), int(memory_mb)
        self.tmpdir = tmpdir
        self.cwd = tempfile.mkdtemp(prefix="meedoen-lab-", dir=tmpdir)  # an empty working folder, never the checkout
        self._cond = threading.Condition()
        self._idle: list[_Proc] = []
        self._busy: set[_Proc] = set()
        self._starting = 0
        self._failure: str | None = None
        self._closed = False
        self.started = 0  # workers started so far (tests check replacements)

    def _fill(self) -> None:
        """Start workers until the pool is full (called with the lock held)."""
        while not self._closed and len(self._idle) + len(self._busy) + self._starting < self.size:
            self._starting += 1
            threading.Thread(target=self._start, daemon=True, name="sqllab-start").start()

    def _start(self) -> None:
        p = None
        try:
            p = _Proc(self.memory_mb, self.cwd, self.tmpdir)
            hello = json.loads(p.read(time.monotonic() + START_TIMEOUT, 1 << 16))
            assert hello.get("status") == "ready", hello
        except Exception as e:
            log.error("SQL lab worker did not start: %s", e)
            if p:
                p.kill()
            with self._cond:
                self._starting -= 1
                self._failure = str(e) or type(e).__name__
                self._cond.notify_all()
            return
        with self._cond:
            self._starting -= 1
            self.started += 1
            self._failure = None
            if self._closed:
                p.kill()
            else:
                self._idle.append(p)
            self._cond.notify_all()

    def _acquire(self) -> _Proc | None:
        deadline = time.monotonic() + WAIT_TIMEOUT
        with self._cond:
            self._fill()
            while not self._idle:
                left = deadline - time.monotonic()
                if left <= 0 or (self._failure and not self._starting and not self._busy):
                    return None
                self._cond.wait(min(left, 1.0))
                self._fill()
            p = self._idle.pop()
            self._busy.add(p)
            return p

    def _release(self, p: _Proc, healthy: bool) -> None:
        if not healthy:
            p.kill()
        with self._cond:
            self._busy.discard(p)
            if healthy and not self._closed:
                self._idle.append(p)
            else:
                p.kill()
                self._fill()  # a replacement starts at once
            self._cond.notify_all()

    def call(self, request: dict, timeout: float, max_bytes: int) -> tuple[dict, bytes | None]:
        """Send one request; the answer and its data. Raises TimeoutError (worker killed),
        _Dead (worker died: memory, CPU limit) or LookupError (no worker free)."""
        p = self._acquire()
        if p is None:
            raise LookupError(self._failure or "busy")
        healthy = False
        try:
            # Opening the lab file and checking the statement get time of their own (they are
            # bounded by the worker's CPU limit); the time limit starts when the query does.
            p.send(json.dumps(request).encode())
            answer = json.loads(p.read(time.monotonic() + CHECK_TIMEOUT + timeout, 1 << 20))
            if answer.get("status") == "started":
                deadline = time.monotonic() + timeout
                answer = json.loads(p.read(deadline, 1 << 20))
            else:
                deadline = time.monotonic()
            data = None
            if answer.get("status") == "ok":  # the data follows at once; a little time to copy it
                data = p.read(max(deadline, time.monotonic() + 5), max_bytes + (1 << 20))
            healthy = not answer.get("recycle")
            return answer, data
        finally:
            self._release(p, healthy)

    def wait_ready(self, timeout: float = START_TIMEOUT) -> bool:
        """Wait until every worker is started and idle (tests and warm-up); whether they are."""
        deadline = time.monotonic() + timeout
        with self._cond:
            self._fill()
            while len(self._idle) < self.size:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(min(left, 1.0))
                self._fill()
            return True

    def busy(self) -> int:
        with self._cond:
            return len(self._busy)

    def pids(self) -> list[int]:
        with self._cond:
            return [p.proc.pid for p in [*self._idle, *self._busy]]

    def close(self) -> None:
        with self._cond:
            self._closed = True
            procs = [*self._idle, *self._busy]
            self._idle.clear()
        for p in procs:
            p.kill()


_pools: dict[tuple[int, int], Pool] = {}
_pools_lock = threading.Lock()


def pool(size: int | None = None, memory_mb: int | None = None) -> Pool:
    """The process-wide worker pool for these settings (workers start on first use)."""
    key = (int(size if size is not None else config.get("sql_workers")),
           int(memory_mb if memory_mb is not None else config.get("sql_worker_memory_mb")))
    with _pools_lock:
        if key not in _pools:
            _pools[key] = Pool(*key)
        return _pools[key]


@atexit.register
def _close_pools() -> None:
    for p in list(_pools.values()):
        p.close()


def _msg(key: str, **args) -> str:
    return t(f"lab_{key}", **args)


class SqlLab:
    """Researchers' SELECT queries on one data version (optionally restricted to some regions)."""

    def __init__(self, version: Version, time_limit: float | None = None, max_rows: int | None = None,
                 regions: frozenset[str] | set[str] | None = None, max_result_mb: float | None = None,
                 workers: Pool | None = None):
        self.version = version
        self.time_limit = float(time_limit if time_limit is not None else config.get("sql_time_limit"))
        self.max_rows = int(max_rows if max_rows is not None else config.get("sql_max_rows"))
        self.max_result_mb = float(max_result_mb if max_result_mb is not None else config.get("sql_max_result_mb"))
        if self.time_limit <= 0 or self.max_rows < 1 or self.max_result_mb <= 0:  # 0 would mean "no limit"
            raise ValueError(f"SQL-lab: tijdslimiet ({self.time_limit}), maximum aantal rijen ({self.max_rows}) en "
                             f"maximum resultaat ({self.max_result_mb} MB) moeten groter dan 0 zijn")
        self.memory_limit = str(config.get("sql_memory_limit"))
        self.threads = int(config.get("sql_threads"))
        regs = {str(r).strip().upper() for r in regions} if regions is not None else None
        self.regions = None if not regs or "NL" in regs else frozenset(regs)
        self.path = labdata.ensure(version, self.regions)  # built by the dashboard, read by the workers
        self._tables = labdata.schema(self.path)
        self._macros = labdata.table_macros(self.path)
        self.view_names = tuple(contract.TABLES)
        self.workers = workers or pool()

    @property
    def max_bytes(self) -> int:
        return int(self.max_result_mb * (1 << 20))

    def tables(self) -> dict[str, list[tuple[str, str]]]:
        """{view: [(column, DuckDB type), …]} for the editor's schema browser."""
        return {t_: list(cols) for t_, cols in self._tables.items()}

    def _request(self, sql: str, limit: float, check_only: bool = False) -> dict:
        return {"sql": sql, "db": str(self.path), "views": list(self.view_names), "macros": sorted(self._macros),
                "time_limit": limit,
                "max_rows": self.max_rows, "max_bytes": self.max_bytes, "memory_limit": self.memory_limit,
                "threads": self.threads, "check_only": check_only}

    def check(self, sql: str) -> str | None:
        """Why this SQL is refused (in the reader's language), or None when it may run."""
        res = self.run(sql, check_only=True)
        return res.error if res.refused else None

    def run(self, sql: str, time_limit: float | None = None, check_only: bool = False) -> LabResult:
        """Run one SELECT; never raises for bad SQL. `time_limit` (s) may only shorten the lab's limit."""
        limit = self.time_limit if time_limit is None else min(float(time_limit), self.time_limit)
        t0 = time.perf_counter()
        if not isinstance(sql, str) or not sql.strip():
            return self._fail(_msg("empty"), t0, refused=True)
        if len(sql) > MAX_SQL_CHARS:  # never even sent to a worker
            return self._fail(_msg("too_long", n=MAX_SQL_CHARS), t0, refused=True)
        try:
            answer, data = self.workers.call(self._request(sql, limit, check_only), limit + GRACE, self.max_bytes)
        except TimeoutError:
            log.warning("SQL lab: query killed after %.1f s", limit)
            return self._fail(_msg("timeout", limit=limit), t0)
        except _Dead:
            log.warning("SQL lab: worker died during a query")
            return self._fail(_msg("crashed"), t0)
        except LookupError:
            return self._fail(_msg("busy", n=self.workers.size), t0)
        status = answer.get("status")
        if status == "refused":
            return self._fail(_msg(answer["key"], **answer.get("args", {})), t0, refused=True)
        if status == "checked":
            return LabResult(None, None, False, time.perf_counter() - t0, 0)
        if status == "error":
            args = dict(answer.get("args", {}))
            if answer["key"] == "memory":
                args["limit"] = f"{self.memory_limit} / {self.workers.memory_mb} MB"
            return self._fail(_msg(answer["key"], **args), t0)
        table = pa.ipc.open_stream(data).read_all()
        df = table.to_pandas()
        del table
        cut = answer.get("cut")
        return LabResult(df, None, cut is not None, time.perf_counter() - t0, len(df), cut=cut)

    def close(self) -> None:
        """Nothing to free: the workers are shared by every lab of the process."""

    @staticmethod
    def _fail(message: str, t0: float, refused: bool = False) -> LabResult:
        return LabResult(None, message, False, time.perf_counter() - t0, 0, refused=refused)


def explain_model_markdown() -> str:
    """How the SQL lab is protected and what its limits are, for the README."""
    return f"""\
### SQL lab: safety model and limits

The SQL lab is safe by construction: each layer below holds on its own, so a statement that
slips past one still meets the next. The dashboard never runs a researcher's SQL itself.

- **Read-only data, no file access.** For each data version the dashboard builds one DuckDB
  file for the lab (`meedoen/query/labdata.py`, once, in the version's `.cache/`): every contract
  table, the views the shared macros read and the macros of `queries/_definitions.sql`. A
  query opens this file `READ_ONLY` in a new engine with `enable_external_access = false` and
  *no* allowed directories, no extension loading, no temp directory and
  `lock_configuration = true`, and closes it afterwards. So the engine has nothing it could
  write to (writes fail: read-only catalogue), cannot read or write any other file (the data
  folder, the temp folder and the checkout included), and nothing one query does (a temp
  table, a variable) outlives it.
- **Operating-system limits.** Each query runs in one of `sql_workers` worker processes
  (`meedoen/query/labworker.py`), fresh interpreters started by the dashboard, never forks of it.
  A worker limits itself before reading anything: address space `RLIMIT_AS` =
  `sql_worker_memory_mb` (default {_default("sql_worker_memory_mb")} MB; Linux does not enforce an
  RSS limit, and DuckDB 2.0 works under an address-space limit once glibc's per-thread malloc
  arenas (`MALLOC_ARENA_MAX=2`) and Arrow's allocator (`system`) stop reserving address space it
  does not use: a worker maps about 440 MB before its first query), `RLIMIT_FSIZE = 0` (no file
  can grow, even from Python), no core files, and per query `RLIMIT_CPU`. The dashboard kills
  a worker that has not answered {GRACE:g} s after the time limit (one long scalar call is not
  interruptible inside DuckDB) and starts a replacement; a worker that runs out of memory
  fails alone, and is replaced too.
- **Bounded results.** A result comes back as Arrow IPC bytes, at most `sql_max_rows` rows
  (default {_default("sql_max_rows"):,}) and `sql_max_result_mb` MB (default
  {_default("sql_max_result_mb"):g} MB); the page says when and why a result was cut. The
  dashboard reads no answer larger than that, so nothing a researcher types can make the
  dashboard's own process grow by more than about one capped result.
- **The statement check walks the whole parse tree** (`meedoen/query/labcheck.py`, in the worker):
  exactly one statement, and every node of its tree (`json_serialize_sql`) must be a read:
  `SELECT`, set operations, CTEs of those, `DESCRIBE`, `SUMMARIZE`, `PIVOT … IN (…)`, the views
  {", ".join(f"`{t}`" for t in contract.TABLES)}, the shared table macros and the table functions
  {", ".join(f"`{f}`" for f in sorted(ALLOWED_TABLE_FUNCTIONS))}. A write nested anywhere
  (`COPY`/`INSERT`/`UPDATE`/`DELETE … RETURNING` in a `WITH`), DDL, `ATTACH`, `SET`, `PRAGMA`,
  `INSTALL`/`LOAD`, `EXPORT`, dynamic SQL (`query`, `query_table`), file readers (`read_csv`,
  `read_parquet`, every `read_*`, `glob`, a path in `FROM`, a CTE named like a path), names with a catalogue or schema, and
  system functions (`getenv`, `current_setting`, `duckdb_*`) are refused, each with a Dutch
  message (English in the English interface).
- **Region restriction.** A researcher restricted to some regions (`regions` in
  `[auth.users]`) gets a lab file of their own that holds only the rows of their gemeenten
  (directly or via their arbeidsmarktregio or provincie) in every table; the views and macros
  read those tables. Rows of other regions are not in the file, so no query, catalogue name or
  macro can reach them.
- **Limits** (settings): `sql_time_limit` seconds per query (default {_default("sql_time_limit"):g} s,
  counted from the moment the checked query starts; opening and checking come before it),
  DuckDB's `sql_memory_limit` (default {_default("sql_memory_limit")}) and `sql_threads`
  (default {_default("sql_threads")}) inside a worker.
- **What it does not do.** The lab is for signed-in researchers: the worker runs as the
  dashboard's user, so the operating system's file permissions are the last line, and a
  researcher may read every row of the version (or of their regions) by design.
"""


def _default(name: str):
    return next(s.default for s in config.SETTINGS if s.name == name)
