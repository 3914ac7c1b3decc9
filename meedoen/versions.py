"""The data store: versions of the exports and a fault-tolerant pointer to the active one.

    <data_dir>/versions/<id>/<table>.parquet | <table>/…   one complete export set each
    <data_dir>/versions/<id>/manifest.json                 source, peildatum, row counts
    <data_dir>/ACTIVE                                       the id of the version being served
    <data_dir>/ACTIVATIONS.log                              every activation, appended, never rewritten
    <data_dir>/leases/<id>.lease                            held (shared flock) by every process reading <id>

A new version is written beside the others in a hidden folder and only becomes active when
`activate` replaces ACTIVE (temp file, fsync, rename, directory fsync): readers see the old
version or the new one, never half of one. A missing, empty or garbled ACTIVE is repaired from
the activation log: the last version *activated*, never simply the newest on disk.
Pruning never removes the active version, the one active before it, or a version that a
running reader holds a lease on. A data_dir that holds export files directly (no ACTIVE) is
served in place as one version.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import fcntl
import hashlib
import json
import logging
import os
import re
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

from . import contract

ACTIVE = "ACTIVE"
LOG = "ACTIVATIONS.log"
LEASES = "leases"
log = logging.getLogger("meedoen.versions")
# A version id as written by this module (also what a garbled pointer fails to be).
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,120}$")


@dataclasses.dataclass(frozen=True)
class Version:
    id: str
    path: Path
    manifest: dict

    @property
    def peildatum(self) -> str:
        return self.manifest.get("peildatum", "")

    @property
    def is_demo(self) -> bool:
        return self.manifest.get("source") == "demo"

    @property
    def is_plain(self) -> bool:
        return self.id.startswith("plain-")


def table_glob(path: Path, table: str) -> str | None:
    """The parquet glob of a table in an export folder, or None when it is absent."""
    single = path / f"{table}.parquet"
    if single.is_file():
        return str(single)
    folder = path / table
    if folder.is_dir() and any(folder.rglob("*.parquet")):
        return str(folder / "**" / "*.parquet")
    return None


def _manifest(path: Path) -> dict:
    try:
        return json.loads((path / "manifest.json").read_text())
    except (OSError, ValueError):
        return {}


def _plain_version(root: Path) -> Version:
    """An export folder read in place; its id changes whenever a file changes."""
    h = hashlib.sha1()
    for f in sorted(root.rglob("*.parquet")):
        st = f.stat()
        h.update(f"{f.relative_to(root)}:{st.st_size}:{st.st_mtime_ns}".encode())
    manifest = _manifest(root)
    if "peildatum" not in manifest:
        newest = max((f.stat().st_mtime for f in root.rglob("*.parquet")), default=0)
        manifest["peildatum"] = dt.date.fromtimestamp(newest).isoformat() if newest else ""
    return Version("plain-" + h.hexdigest()[:10], root, manifest)


def versions_dir(root: Path) -> Path:
    return Path(root) / "versions"


def list_versions(root: Path) -> list[Version]:
    vdir = versions_dir(root)
    if not vdir.is_dir():
        return []
    return [Version(p.name, p, _manifest(p)) for p in sorted(vdir.iterdir()) if p.is_dir() and not p.name.startswith(".")]


def find(root: Path, version_id: str) -> Version | None:
    """The version with this id, or None."""
    if not version_id or not _ID.match(version_id):
        return None
    path = versions_dir(root) / version_id
    return Version(version_id, path, _manifest(path)) if path.is_dir() else None


def complete(path: Path) -> bool:
    """Every required table is there and the manifest was written (the last step of a load)."""
    return (path / "manifest.json").is_file() and not missing_tables(path)


# ---------------------------------------------------------------- durable writes

def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_durably(target: Path, text: str) -> None:
    """Replace `target` with `text`: temp file, fsync, rename, directory fsync."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}")
    with open(tmp, "w") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, target)
    _fsync_dir(target.parent)


def _append_log(root: Path, event: str, vid: str, note: str = "") -> None:
    line = f"{dt.datetime.now(dt.timezone.utc).isoformat(timespec='seconds')}\t{event}\t{vid}" + (f"\t{note}" if note else "")
    path = Path(root) / LOG
    new = not path.exists()
    with open(path, "a") as f:
        f.write(line.replace("\n", " ") + "\n")
        f.flush()
        os.fsync(f.fileno())
    if new:
        _fsync_dir(path.parent)


def activation_log(root: Path) -> list[dict]:
    """The activation log, oldest first: {time, event, id, note}; unreadable lines are skipped."""
    try:
        text = (Path(root) / LOG).read_text(errors="replace")
    except OSError:
        return []
    out = []
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 3 and parts[1] in ("ACTIVATED", "REPAIRED") and _ID.match(parts[2]):
            out.append({"time": parts[0], "event": parts[1], "id": parts[2], "note": "\t".join(parts[3:])})
    return out


def _activated(root: Path) -> list[str]:
    """Version ids in the order they were made active (a repair counts: it is what was served)."""
    return [e["id"] for e in activation_log(root)]


def repairs(root: Path) -> list[dict]:
    """Times the pointer had to be repaired from the log (shown on the admin page)."""
    return [e for e in activation_log(root) if e["event"] == "REPAIRED"]


# ---------------------------------------------------------------- the pointer

def _read_pointer(root: Path) -> tuple[str | None, str]:
    """(version id, '') when ACTIVE names a complete version; else (None, what is wrong)."""
    pointer = Path(root) / ACTIVE
    try:
        raw = pointer.read_bytes()
    except FileNotFoundError:
        return None, "missing"
    except OSError:
        return None, "unreadable"
    try:
        vid = raw.decode("ascii").strip()
    except UnicodeDecodeError:
        return None, "garbled"
    if not vid:
        return None, "empty"
    if not _ID.match(vid):
        return None, "garbled"
    path = versions_dir(root) / vid
    if not path.is_dir():
        return None, "unknown"
    return vid, ""


def _from_log(root: Path) -> Version | None:
    """The last activated version that is still complete on disk."""
    for vid in reversed(_activated(root)):
        v = find(root, vid)
        if v and complete(v.path):
            return v
    return None


def active(root: Path) -> Version | None:
    """The version being served, or None when the store is empty.

    A damaged pointer is repaired from the activation log (and the repair logged): the version
    served is always the last one activated, never a newer one that was loaded but not activated
    or that an admin rolled back from."""
    root = Path(root)
    vid, wrong = _read_pointer(root)
    if vid:
        return Version(vid, versions_dir(root) / vid, _manifest(versions_dir(root) / vid))
    if wrong != "missing" or (root / LOG).exists() or list_versions(root):
        v = _from_log(root)
        if v is not None:
            _repair(root, v, wrong)
            return v
    if root.is_dir() and table_glob(root, "placements"):
        return _plain_version(root)
    return None


_WRONG_NL = {"missing": "ontbrak", "empty": "was leeg", "garbled": "was onleesbaar", "unknown":
             "verwees naar een versie die niet bestaat", "unreadable": "kon niet worden gelezen"}


def _repair(root: Path, v: Version, wrong: str) -> None:
    """Rewrite ACTIVE to `v` if no writer is busy (it would rewrite it itself); log it either way once."""
    try:
        with lock(root, wait=False):
            if _read_pointer(root)[0]:  # repaired by someone else meanwhile
                return
            _write_durably(root / ACTIVE, v.id)
            _append_log(root, "REPAIRED", v.id, wrong)
    except BlockingIOError:
        return  # a load or rollback is running and will write the pointer; serve `v` meanwhile
    except OSError as e:  # a read-only store: serve from the log, say so in the server log
        log.warning("ACTIVE %s, could not be rewritten (%s); serving version %s from the activation log", wrong, e, v.id)
        return
    log.warning("ACTIVE %s; repaired from the activation log: version %s", wrong, v.id)


def repair_note_nl(entry: dict) -> str:
    """A repair in Dutch, for the admin page."""
    what = _WRONG_NL.get(entry.get("note", ""), "was beschadigd")
    return (f"De verwijzing naar de actieve versie (ACTIVE) {what} en is op {entry['time'][:16].replace('T', ' ')} UTC "
            f"hersteld uit het activatielogboek: versie {entry['id']}, de laatst geactiveerde.")


# ---------------------------------------------------------------- writing versions

def new_version_dir(root: Path, label: str) -> Path:
    """A fresh, not yet active, folder for a version; its name sorts by time."""
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S%f")
    path = versions_dir(root) / f".{stamp}-{label}"  # hidden until complete
    path.mkdir(parents=True)
    return path


def _fsync_tree(path: Path) -> None:
    """Flush every file and folder of a version before it is published (a crash must not leave
    an activated version with empty files)."""
    for d, _, files in os.walk(path):
        for name in files:
            fd = os.open(os.path.join(d, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        _fsync_dir(Path(d))


def publish(tmp: Path) -> Version:
    """Make a completed version folder visible (still not active)."""
    _fsync_tree(tmp)
    final = tmp.with_name(tmp.name.lstrip("."))
    tmp.rename(final)
    _fsync_dir(final.parent)
    return Version(final.name, final, _manifest(final))


def activate(root: Path, vid: str, keep: int | None = None) -> None:
    """Switch every reader to version `vid` at once, log it, then prune old versions."""
    root = Path(root)
    if not _ID.match(vid) or not (versions_dir(root) / vid).is_dir():
        raise FileNotFoundError(vid)
    _ensure_log(root)
    _write_durably(root / ACTIVE, vid)
    _append_log(root, "ACTIVATED", vid)
    if keep is not None:
        prune(root, keep)


def _ensure_log(root: Path) -> None:
    """A store from before the log: start it with the version served now."""
    if (root / LOG).exists():
        return
    vid, _ = _read_pointer(root)
    if vid:
        _append_log(root, "ACTIVATED", vid, "begin van het logboek")


def protected(root: Path) -> set[str]:
    """Versions pruning must keep: the active one, the one active before it, and leased ones."""
    root = Path(root)
    keep = set()
    act = active(root)
    if act:
        keep.add(act.id)
    for vid in reversed(_activated(root)):
        if act is None or vid != act.id:
            keep.add(vid)  # the rollback target
            break
    return keep | {v.id for v in list_versions(root) if leased(root, v.id)}


def prune(root: Path, keep: int) -> list[str]:
    """Remove the oldest versions beyond the `keep` newest others; never a protected one.
    Called with the store lock held. Returns the ids removed."""
    root = Path(root)
    safe = protected(root)
    others = [v for v in list_versions(root) if v.id not in safe]
    removed = []
    for v in others[: max(0, len(others) - keep)]:
        if _remove_unleased(root, v):
            removed.append(v.id)
    return removed


# ---------------------------------------------------------------- leases

def _lease_file(root: Path, vid: str) -> Path:
    return Path(root) / LEASES / f"{vid}.lease"


class Lease:
    """A reader's hold on a version: a shared flock on its lease file while the version is read.

    The kernel drops the lock when the process ends, also on kill -9, so a dead reader never
    keeps a version alive; pruning removes a version only while it holds the lock exclusively."""

    def __init__(self, root: Path, version: Version, hold: bool = True):
        self.version = version
        self._fd: int | None = None
        self._unheld = not hold or version.is_plain
        if self._unheld:
            return
        path = _lease_file(root, version.id)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_SH)
        except OSError:
            os.close(fd)
            raise
        self._fd = fd
        try:  # which process holds it, for whoever looks (the lock itself is what counts)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        except OSError:
            pass
        if not version.path.is_dir():  # pruned just before we got the lock
            self.release()
            raise FileNotFoundError(version.id)

    def release(self) -> None:
        if self._fd is not None:
            try:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
            finally:
                os.close(self._fd)
                self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None or self._unheld

    def __enter__(self) -> "Lease":
        return self

    def __exit__(self, *exc) -> None:
        self.release()

    def __del__(self):  # a lease dropped without release (a session that went away)
        try:
            self.release()
        except Exception:
            pass


def pin(root: Path) -> Lease | None:
    """The active version with a lease on it, or None when there is no data."""
    root = Path(root)
    for _ in range(5):
        v = active(root)
        if v is None:
            return None
        try:
            return Lease(root, v)
        except FileNotFoundError:  # pruned between reading the pointer and locking: read again
            continue
        except OSError:  # a read-only store cannot hold leases; nobody can prune it either
            return Lease(root, v, hold=False)
    return None


def leased(root: Path, vid: str) -> bool:
    """Whether some live process holds a lease on version `vid`."""
    path = _lease_file(root, vid)
    if not path.exists():
        return False
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as e:
        return e.errno in (errno.EWOULDBLOCK, errno.EAGAIN)
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


def _remove_unleased(root: Path, v: Version) -> bool:
    """Delete a version unless a reader holds a lease on it (checked and held atomically)."""
    path = _lease_file(root, v.id)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        shutil.rmtree(v.path, ignore_errors=True)
        try:
            path.unlink()
        except OSError:
            pass
        return True
    finally:
        os.close(fd)


# ---------------------------------------------------------------- writers

@contextmanager
def lock(root: Path, wait: bool = True):
    """One writer at a time (first-start demo generation, loads, rollbacks, repairs).
    With wait=False, BlockingIOError when another writer holds it."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".lock", "w") as f:
        fcntl.flock(f, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def cleanup(root: Path) -> list[str]:
    """Remove what an interrupted load left behind: hidden half-written version folders, temp
    pointer files, and versions published after the last activation but never activated.
    Called with the store lock held (a running load holds it, so nothing in progress is touched)."""
    root = Path(root)
    removed = []
    vdir = versions_dir(root)
    if vdir.is_dir():
        for p in vdir.iterdir():
            if p.name.startswith(".") and p.is_dir():
                shutil.rmtree(p, ignore_errors=True)
                removed.append(p.name)
    for p in root.glob(f".{ACTIVE}.*"):
        p.unlink(missing_ok=True)
        removed.append(p.name)
    vid, _ = _read_pointer(root)
    activated = _activated(root)
    if vid and activated and activated[-1] != vid:
        # Killed between writing the pointer and logging it (or the reverse): the pointer is what
        # was served, so the log catches up with it.
        _append_log(root, "ACTIVATED", vid, "bijgewerkt na onderbroken activering")
        activated.append(vid)
    if activated:
        last = max(activated)  # ids sort by creation time
        cur = active(root)
        safe = protected(root)
        for v in list_versions(root):
            never = v.id > last and v.id not in activated  # published by a load that never activated it
            broken = not complete(v.path) and v.id not in safe  # half removed by an interrupted prune
            if (never or broken) and (cur is None or v.id != cur.id) and _remove_unleased(root, v):
                removed.append(v.id)
    if removed:
        log.warning("removed after an interrupted load: %s", ", ".join(removed))
    return removed


_cleaned: set[str] = set()


def ensure(root: Path, geo_dir: Path | None = None) -> Version:
    """The active version; on first start, generate the demo data and activate it.
    Once per process, leftovers of an interrupted load are cleaned first."""
    root = Path(root)
    if versions_dir(root).is_dir() and str(root) not in _cleaned:  # a plain export folder is never written to
        _cleaned.add(str(root))
        try:
            with lock(root, wait=False):
                cleanup(root)
        except (BlockingIOError, OSError):  # a load is running (it will clean up itself), or read-only
            pass
    v = active(root)
    if v:
        return v
    with lock(root):
        v = active(root)
        if v:
            return v
        complete_versions = [x for x in list_versions(root) if complete(x.path)]
        if complete_versions:  # no log (an old store) and no pointer: the newest complete version, with a warning
            v = complete_versions[-1]
            activate(root, v.id)
            log.warning("no ACTIVE and no activation log; activated the newest complete version %s", v.id)
            return v
        from . import demo

        tmp = new_version_dir(root, "demo")
        demo.generate(tmp, geo_dir=geo_dir if geo_dir and geo_dir.exists() else None)
        v = publish(tmp)
        activate(root, v.id)
        return v


def missing_tables(path: Path) -> list[str]:
    return [t for t in contract.REQUIRED_TABLES if table_glob(path, t) is None]


@dataclasses.dataclass(frozen=True)
class Defect:
    """What is wrong with the data being served: kind is 'missing' (a required table), 'truncated'
    or 'corrupt' (a file), or 'empty' (no placement rows)."""

    kind: str
    table: str
    file: str = ""
    detail: str = ""


_health: dict[tuple, list[Defect]] = {}


def health(v: Version | None) -> list[Defect]:
    """The defects of a version: missing tables, unreadable files, no placements. Reads only the
    parquet footers, once per version (and again when a file changes)."""
    if v is None:
        return []
    import pyarrow.parquet as pq

    files = sorted(Path(v.path).rglob("*.parquet"))
    key = (str(v.path), v.id, tuple((str(f), f.stat().st_size, f.stat().st_mtime_ns) for f in files if f.exists()))
    if key in _health:
        return _health[key]
    out = [Defect("missing", t) for t in missing_tables(Path(v.path))]
    for name in contract.TABLES:
        single = Path(v.path) / f"{name}.parquet"
        tfiles = [single] if single.is_file() else sorted((Path(v.path) / name).rglob("*.parquet"))
        rows = 0
        for f in tfiles:
            try:
                rows += pq.ParquetFile(f).metadata.num_rows
            except Exception as e:  # a damaged file: say which, and how
                try:
                    with open(f, "rb") as fh:
                        fh.seek(max(0, f.stat().st_size - 4))
                        tail = fh.read(4)
                except OSError:
                    tail = b""
                out.append(Defect("truncated" if tail != b"PAR1" else "corrupt", name, str(f.relative_to(v.path)),
                                  f"{type(e).__name__}: {str(e)[:300]}"))
                rows = -1
                break
        if name == "placements" and tfiles and rows == 0:
            out.append(Defect("empty", name))
    if len(_health) > 20:
        _health.clear()
    _health[key] = out
    return out
