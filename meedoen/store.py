"""The data store: versions of the exports and an atomic pointer to the active one.

    <data_dir>/versions/<id>/<table>.parquet | <table>/…   one complete export set each
    <data_dir>/versions/<id>/manifest.json                 source, peildatum, row counts
    <data_dir>/ACTIVE                                       the id of the version being served

A new version is written beside the others and only becomes active when `activate` replaces
ACTIVE in one `os.replace`: readers see the old version or the new one, never half of one.
A data_dir that holds export files directly (no ACTIVE) is served in place as one version.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import fcntl
import hashlib
import json
import os
import shutil
from contextlib import contextmanager
from pathlib import Path

from . import contract

ACTIVE = "ACTIVE"


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
    return root / "versions"


def list_versions(root: Path) -> list[Version]:
    vdir = versions_dir(root)
    if not vdir.is_dir():
        return []
    return [Version(p.name, p, _manifest(p)) for p in sorted(vdir.iterdir()) if p.is_dir() and not p.name.startswith(".")]


def find(root: Path, version_id: str) -> Version | None:
    """The version with this id, or None."""
    return next((v for v in list_versions(root) if v.id == version_id), None)


def active(root: Path) -> Version | None:
    """The version being served, or None when the store is empty."""
    root = Path(root)
    pointer = root / ACTIVE
    if pointer.is_file():
        vid = pointer.read_text().strip()
        path = versions_dir(root) / vid
        if path.is_dir():
            return Version(vid, path, _manifest(path))
    if root.is_dir() and table_glob(root, "placements"):
        return _plain_version(root)
    return None


def new_version_dir(root: Path, label: str) -> Path:
    """A fresh, not yet active, folder for a version; its name sorts by time."""
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S%f")
    path = versions_dir(root) / f".{stamp}-{label}"  # hidden until complete
    path.mkdir(parents=True)
    return path


def publish(tmp: Path) -> Version:
    """Make a completed version folder visible (still not active)."""
    final = tmp.with_name(tmp.name.lstrip("."))
    tmp.rename(final)
    return Version(final.name, final, _manifest(final))


def activate(root: Path, vid: str, keep: int | None = None) -> None:
    """Switch every reader to version `vid` at once, then prune old versions."""
    if not (versions_dir(root) / vid).is_dir():
        raise FileNotFoundError(vid)
    tmp = root / f".{ACTIVE}.{os.getpid()}"
    tmp.write_text(vid)
    os.replace(tmp, root / ACTIVE)
    if keep is not None:
        prune(root, keep)


def prune(root: Path, keep: int) -> None:
    """Keep the active version and the `keep` newest others."""
    act = active(root)
    others = [v for v in list_versions(root) if not act or v.id != act.id]
    for v in others[: max(0, len(others) - keep)]:
        shutil.rmtree(v.path, ignore_errors=True)


@contextmanager
def lock(root: Path):
    """One writer at a time (first-start demo generation, loads)."""
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".lock", "w") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def ensure(root: Path, geo_dir: Path | None = None) -> Version:
    """The active version; on first start, generate the demo data and activate it."""
    root = Path(root)
    v = active(root)
    if v:
        return v
    with lock(root):
        v = active(root)
        if v:
            return v
        earlier = list_versions(root)
        if earlier:  # a lost pointer: serve the newest version rather than replacing the data
            activate(root, earlier[-1].id)
            return active(root)
        from . import demo

        tmp = new_version_dir(root, "demo")
        demo.generate(tmp, geo_dir=geo_dir if geo_dir and geo_dir.exists() else None)
        v = publish(tmp)
        activate(root, v.id)
        return v


def missing_tables(path: Path) -> list[str]:
    return [t for t in contract.REQUIRED_TABLES if table_glob(path, t) is None]
