"""One version per page run: every query of a run uses the version resolved at its start, under a lease."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from conftest import app_test

from meedoen import ingest, versions
from test_versions import load_targets, targets_csv



def _data_module():
    from meedoen.query import data

    return data


def test_page_runs_never_mix_versions_during_loads_and_rollbacks(root, tmp_path, monkeypatch):
    """Overview page runs in a loop while another thread loads and rolls back: every query, KPI and
    chart of one run comes from one version, which the run holds a lease on."""
    monkeypatch.setenv("MEEDOEN_DATA_DIR", str(root))
    monkeypatch.setenv("MEEDOEN_GEO_DIR", str(root / "no-geo"))
    monkeypatch.setenv("MEEDOEN_KEEP_VERSIONS", "0")
    data = _data_module()
    a = versions.active(root).id
    b = load_targets(root, tmp_path, 25)
    calls: list[tuple[str, str, bool]] = []
    real_run = data.run

    def recording_run(name, *args, **kw):
        res = real_run(name, *args, **kw)
        calls.append((name, res.version_id, versions.leased(root, res.version_id) if res.version_id else False,
                      res.error))
        return res

    monkeypatch.setattr(data, "run", recording_run)
    stop = threading.Event()
    switches = []

    def flipper():
        k = 0
        while not stop.is_set():
            k += 1
            if k % 15 == 0:
                csv = targets_csv(root, tmp_path / f"t{k}.csv", 20 + k % 7)
                res = ingest.load_exports([csv], root)
                switches.append(res.version_id)
            else:
                log_ids = [e["id"] for e in versions.activation_log(root)]
                target = next((x for x in reversed(log_ids[:-1]) if x != log_ids[-1] and versions.find(root, x)), None)
                if target:
                    ingest.rollback(root, target)
                    switches.append(target)
            time.sleep(0.005)

    th = threading.Thread(target=flipper, daemon=True)
    runs = []
    try:
        th.start()
        for _ in range(8):
            calls.clear()
            at = app_test({"periode": "2016"})
            assert not at.exception, at.exception[0].message
            runs.append(list(calls))
    finally:
        stop.set()
        th.join()
    assert len(switches) >= len(runs)  # the data really moved under the readers, once per run on average
    mixed = [{vid for _, vid, _, _ in r} for r in runs if len({vid for _, vid, _, _ in r}) > 1]
    assert not mixed, f"{len(mixed)} of {len(runs)} runs mixed versions: {mixed[:3]}"
    assert all(len(r) >= 5 for r in runs)  # each run asked for several results
    assert all(leased for r in runs for _, _, leased, _ in r)  # the run held a lease on its version
    assert not [e for r in runs for *_, e in r if e], "a query failed during the switches"


def test_a_run_pins_its_version_and_releases_the_lease_at_its_end(root, tmp_path, monkeypatch):
    monkeypatch.setenv("MEEDOEN_DATA_DIR", str(root))
    monkeypatch.setenv("MEEDOEN_GEO_DIR", str(root / "no-geo"))
    data = _data_module()
    a = versions.active(root).id
    b = load_targets(root, tmp_path, 25)
    assert ingest.rollback(root, a).ok
    with data.pinned() as v:
        assert v.id == a and versions.leased(root, a)
        scope = data.Scope.local(data.version())  # what ui.setup resolves once per run
        first = data.run("region_list", scope)
        assert ingest.rollback(root, b).ok  # an admin switches while the run is busy
        later = [data.run(q, scope) for q in ("filter_options", "region_list", "table_stats")]
        assert {r.version_id for r in [first, *later]} == {a}
        assert data.version().id == a
    assert not versions.leased(root, a)
    assert data.version().id == b  # the next run sees the new version
