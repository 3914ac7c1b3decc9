"""Data versions: pruning keeps what readers need, the pointer survives faults, an interrupted load
leaves nothing behind, and a load without placements keeps the peildatum."""

from __future__ import annotations

import logging
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT

from meedoen import contract, ingest, versions
from meedoen.query.db import Database



def targets_csv(root: Path, path: Path, n: int) -> Path:
    import duckdb

    g = versions.table_glob(versions.active(root).path, "targets")
    df = duckdb.sql(f"SELECT * FROM read_parquet('{g}') ORDER BY ALL LIMIT {n}").df()
    df.to_csv(path, index=False)
    return path


def load_targets(root: Path, tmp: Path, n: int) -> str:
    res = ingest.load_exports([targets_csv(root, tmp / "targets.csv", n)], root)
    assert res.ok, [str(p) for p in res.problems]
    return res.version_id


def ids(root: Path) -> list[str]:
    return [v.id for v in versions.list_versions(root)]


# ---------------------------------------------------------------- 2. pruning

def test_load_then_rollback_never_prunes_the_rollback_target(root, tmp_path, monkeypatch):
    monkeypatch.setenv("MEEDOEN_KEEP_VERSIONS", "0")
    for i in range(4):
        before = versions.active(root).id
        new = load_targets(root, tmp_path, 10 + i)
        # The version active a moment ago is still there: the admin can go back to it.
        assert before in ids(root) and new in ids(root)
        back = ingest.rollback(root, before)
        assert back.ok, [p.message_nl for p in back.problems]
        assert versions.active(root).id == before
        # ...and forward again: the one rolled back from is now "the one active before".
        assert ingest.rollback(root, new).ok
    assert len(ids(root)) == 2  # keep_versions=0 counts only the others


def test_keep_versions_counts_only_versions_beyond_active_and_previous(root, tmp_path, monkeypatch):
    monkeypatch.setenv("MEEDOEN_KEEP_VERSIONS", "1")
    demo = versions.active(root).id
    loaded = [load_targets(root, tmp_path, n) for n in (10, 20, 30, 40)]
    # active (40), the one before it (30), and one other (20)
    assert ids(root) == loaded[-3:] and demo not in ids(root)
    assert versions.active(root).id == loaded[-1]


LEASE_HOLDER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from meedoen import versions
    lease = versions.Lease(Path(sys.argv[1]), versions.find(Path(sys.argv[1]), sys.argv[2]))
    print("held", flush=True)
    time.sleep(120)
""")


def _hold_lease(root: Path, vid: str) -> subprocess.Popen:
    p = subprocess.Popen([sys.executable, "-c", LEASE_HOLDER, str(root), vid], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == "held"
    return p


def test_a_version_a_reader_holds_is_not_pruned_until_the_reader_dies(root, tmp_path, monkeypatch):
    monkeypatch.setenv("MEEDOEN_KEEP_VERSIONS", "0")
    demo = versions.active(root).id
    reader = _hold_lease(root, demo)  # another process still reads the demo version
    try:
        loaded = [load_targets(root, tmp_path, n) for n in (10, 20, 30)]
        assert demo in ids(root) and versions.leased(root, demo)
        assert loaded[0] not in ids(root)  # not leased, not active, not previous: pruned
    finally:
        reader.send_signal(signal.SIGKILL)
        reader.wait()
    # The reader died without releasing: its lease is stale and no longer protects the version.
    assert not versions.leased(root, demo)
    load_targets(root, tmp_path, 40)
    assert demo not in ids(root)


def test_a_lease_in_this_process_protects_too_and_release_frees_it(root, tmp_path, monkeypatch):
    monkeypatch.setenv("MEEDOEN_KEEP_VERSIONS", "0")
    lease = versions.pin(root)
    demo = lease.version.id
    load_targets(root, tmp_path, 10)
    load_targets(root, tmp_path, 20)
    assert demo in ids(root)
    db = Database(lease.version, cache=False)  # still readable
    assert db.con.execute("SELECT count(*) FROM placements").fetchone()[0] > 0
    db.close()
    lease.release()
    load_targets(root, tmp_path, 30)
    assert demo not in ids(root)


# ---------------------------------------------------------------- 3. the pointer

def test_pointer_is_written_to_a_temp_file_fsynced_renamed_and_the_folder_fsynced(root, tmp_path, monkeypatch):
    calls = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        calls.append(("fsync", os.readlink(f"/proc/self/fd/{fd}")))
        return real_fsync(fd)

    def replace(a, b):
        calls.append(("replace", str(a), str(b)))
        return real_replace(a, b)

    monkeypatch.setattr(versions.os, "fsync", fsync)
    monkeypatch.setattr(versions.os, "replace", replace)
    vid = versions.active(root).id
    versions.activate(root, vid)
    i = next(i for i, c in enumerate(calls) if c[0] == "replace" and c[2] == str(root / "ACTIVE"))
    tmp = calls[i][1]
    assert Path(tmp).parent == root and Path(tmp).name != "ACTIVE"
    assert ("fsync", tmp) in calls[:i]  # the temp file was flushed before the rename
    assert ("fsync", str(root)) in calls[i + 1:]  # the rename itself was flushed
    assert (root / "ACTIVE").read_text() == vid
    assert versions.activation_log(root)[-1]["id"] == vid
    assert not list(root.glob(".ACTIVE*"))


def _two_loads_and_a_rollback(root, tmp_path) -> tuple[str, str]:
    """Leaves the store on `a` while a newer `b` exists (the newest on disk is not the active one)."""
    a = load_targets(root, tmp_path, 10)
    b = load_targets(root, tmp_path, 20)
    assert ingest.rollback(root, a).ok
    return a, b


@pytest.mark.parametrize("damage", ["deleted", "emptied", "garbled", "unknown", "binary"])
def test_damaged_pointer_is_repaired_from_the_log_not_the_newest(root, tmp_path, damage, caplog):
    a, b = _two_loads_and_a_rollback(root, tmp_path)
    assert max(ids(root)) == b
    pointer = root / "ACTIVE"
    if damage == "deleted":
        pointer.unlink()
    elif damage == "emptied":
        pointer.write_text("")
    elif damage == "garbled":
        pointer.write_text("2026-??\n\x00 rommel")
    elif damage == "unknown":
        pointer.write_text("20990101T000000000000-load")
    else:
        pointer.write_bytes(bytes(range(200, 256)))

    with caplog.at_level(logging.WARNING, logger="meedoen.versions"):
        v = versions.active(root)

    assert v.id == a
    assert pointer.read_text() == a  # repaired on disk, not only in memory
    assert any("repaired" in r.getMessage() for r in caplog.records)
    rep = versions.repairs(root)
    assert rep and rep[-1]["id"] == a
    note = versions.repair_note_nl(rep[-1])
    assert "hersteld uit het activatielogboek" in note and a in note
    # The app's entry point serves it as well.
    assert versions.ensure(root).id == a


def test_an_empty_pointer_does_not_mean_no_data(root):
    (root / "ACTIVE").write_text("   \n")
    assert versions.active(root) is not None
    assert versions.pin(root).version.id == (root / "ACTIVE").read_text()


def test_repair_waits_for_no_writer_but_still_serves_the_logged_version(root, tmp_path):
    a, b = _two_loads_and_a_rollback(root, tmp_path)
    (root / "ACTIVE").unlink()
    with versions.lock(root):  # a load is running
        assert versions.active(root).id == a
        assert not (root / "ACTIVE").exists()  # the loader will write it
    assert versions.active(root).id == a and (root / "ACTIVE").read_text() == a


def test_stray_folders_and_never_activated_versions_are_cleaned_on_next_start(root, tmp_path):
    act = versions.active(root).id
    half = versions.new_version_dir(root, "load")  # an interrupted load: hidden, half written
    (half / "targets.parquet").write_bytes(b"PAR1 half")
    never = versions.new_version_dir(root, "load")  # published, killed before activation
    shutil.copytree(versions.active(root).path, never, dirs_exist_ok=True)
    never = versions.publish(never)
    (root / ".ACTIVE.12345.1").write_text("x")
    assert never.id in ids(root)
    (root / "ACTIVE").unlink()  # and the pointer was lost too: the never-activated one must not be served

    versions._cleaned.discard(str(root))
    v = versions.ensure(root)

    assert v.id == act
    assert never.id not in ids(root)
    assert not [p for p in versions.versions_dir(root).iterdir() if p.name.startswith(".")]
    assert not list(root.glob(".ACTIVE.*"))


KILLED_LOADER = textwrap.dedent("""
    import os, sys, itertools
    from pathlib import Path
    os.environ["MEEDOEN_KEEP_VERSIONS"] = "1"
    from meedoen import ingest, versions
    root, files = Path(sys.argv[1]), sys.argv[2:]
    print("start", flush=True)
    for i in itertools.count():
        res = ingest.load_exports([files[i % len(files)]], root)
        if i % 3 == 2 and res.ok:
            prev = [e["id"] for e in versions.activation_log(root)]
            if len(prev) > 1 and versions.find(root, prev[-2]):
                ingest.rollback(root, prev[-2])
""")


def _served_is_last_activated(root: Path) -> str:
    versions._cleaned.discard(str(root))
    v = versions.ensure(root)
    log_ids = [e["id"] for e in versions.activation_log(root)]
    assert v.id == log_ids[-1], (v.id, log_ids[-3:])
    assert versions.complete(v.path)
    assert not [p for p in versions.versions_dir(root).iterdir() if p.name.startswith(".")]
    assert all(x in log_ids for x in ids(root) if x > max(log_ids)) or max(ids(root)) <= max(log_ids)
    db = Database(v, cache=False)
    try:
        assert db.run("region_list", {}).shape[0] > 0
    finally:
        db.close()
    return v.id


def test_kill_9_at_random_points_of_loads_always_serves_the_last_activated_version(root, tmp_path):
    files = [str(targets_csv(root, tmp_path / f"targets_{n}.csv", n)) for n in (11, 22, 33)]
    rnd = random.Random(15)
    for round_ in range(8):
        p = subprocess.Popen([sys.executable, "-c", KILLED_LOADER, str(root), *files], cwd=ROOT,
                             stdout=subprocess.PIPE, text=True)
        assert p.stdout.readline().strip() == "start"
        time.sleep(rnd.uniform(0.05, 3.0))
        p.send_signal(signal.SIGKILL)
        p.wait()
        served = _served_is_last_activated(root)
        # Whatever state the kill left, a lost or broken pointer still leads to the same version.
        pointer = root / "ACTIVE"
        [pointer.unlink, lambda: pointer.write_text(""), lambda: pointer.write_text("\x00garbage")][round_ % 3]()
        assert versions.active(root).id == served
    assert len(versions.activation_log(root)) > 3  # the loader really got somewhere between kills


# ---------------------------------------------------------------- 4. peildatum

def test_a_load_without_placements_keeps_the_peildatum(root, tmp_path):
    before = versions.active(root).peildatum
    assert before
    load_targets(root, tmp_path, 15)
    assert versions.active(root).peildatum == before
    res = ingest.load_exports([targets_csv(root, tmp_path / "targets.csv", 16)], root, peildatum="2030-01-31")
    assert res.ok and versions.active(root).peildatum == "2030-01-31"


# ---------------------------------------------------------------- 6. what is wrong with the data served

def test_health_names_missing_tables_damaged_files_and_no_placements(root, tmp_path):
    assert versions.health(versions.active(root)) == []
    import duckdb

    plain = tmp_path / "export"
    plain.mkdir()
    src = versions.active(root).path
    for name in contract.TABLES:
        g = versions.table_glob(src, name)
        if g and name not in ("pilots",):
            duckdb.sql(f"COPY (SELECT * FROM read_parquet('{g}') LIMIT 0) TO '{plain / name}.parquet' (FORMAT parquet)")
    targets = plain / "targets.parquet"
    targets.write_bytes(targets.read_bytes()[:-12])  # cut off: the footer is gone
    v = versions.active(plain)
    got = {(d.kind, d.table) for d in versions.health(v)}
    assert got == {("missing", "pilots"), ("truncated", "targets"), ("empty", "placements")}
    assert not (plain / ".lock").exists()  # a plain export folder is read, never written to
