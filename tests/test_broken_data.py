"""Empty and broken data never crash a page: every page shows a clear Dutch message that says what
is wrong (not "no data loaded"), and the admin page names the problem."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from meedoen import contract

ROOT = Path(__file__).resolve().parent.parent


def _pages() -> list[str]:
    try:
        from meedoen import pages

        return [p.path for p in pages.PAGES]
    except ImportError:  # before the page registry
        return sorted(f"app_pages/{p.name}" for p in (ROOT / "app_pages").glob("*.py"))


def _export(src: Path, dst: Path, edit) -> Path:
    """A plain export folder (parquet files read in place) copied from the demo version, then edited."""
    try:
        from meedoen import versions
    except ImportError:  # before the package layout
        from meedoen import versions

    dst.mkdir(parents=True)
    for name in contract.TABLES:
        g = versions.table_glob(src, name)
        if g:
            duckdb.sql(f"COPY (SELECT * FROM read_parquet('{g}')) TO '{dst / name}.parquet' (FORMAT parquet)")
    edit(dst)
    return dst


def _zero_placements(d: Path) -> None:
    p = d / "placements.parquet"
    duckdb.sql(f"COPY (SELECT * FROM read_parquet('{p}') LIMIT 0) TO '{d}/p0.parquet' (FORMAT parquet)")
    (d / "p0.parquet").replace(p)


def _corrupt_placements(d: Path) -> None:
    p = d / "placements.parquet"
    p.write_bytes(p.read_bytes()[: p.stat().st_size // 3])


def _missing_tables(d: Path) -> None:
    (d / "pilots.parquet").unlink()
    (d / "proeftuinen.parquet").unlink()


# scenario -> (edit, words every page must show, words the admin page must show)
SCENARIOS = {
    "zero_placements": (_zero_placements, ["0 rijen"], ["placements", "0 rijen"]),
    "corrupt_placements": (_corrupt_placements, ["beschadigd", "placements.parquet"],
                           ["placements.parquet", "afgekapt"]),
    "missing_tables": (_missing_tables, ["ontbreekt", "pilots"], ["pilots", "proeftuinen", "ontbreekt"]),
}


@pytest.fixture(scope="module", params=list(SCENARIOS))
def broken(request, tmp_path_factory, demo_version):
    edit, words, admin_words = SCENARIOS[request.param]
    d = _export(demo_version.path, tmp_path_factory.mktemp(request.param) / "export", edit)
    return request.param, d, words, admin_words


def _texts(at) -> str:
    parts = [e.value for e in (*at.info, *at.warning, *at.error, *at.markdown, *at.caption)]
    return " ".join(str(p) for p in parts)


@pytest.mark.parametrize("page", _pages())
def test_every_page_explains_empty_or_broken_data(broken, page, monkeypatch):
    from conftest import app_test

    name, d, words, admin_words = broken
    monkeypatch.setenv("MEEDOEN_DATA_DIR", str(d))
    monkeypatch.setenv("MEEDOEN_GEO_DIR", str(d / "no-geo"))
    at = app_test({}, page)
    assert not at.exception, f"{name} {page}: {at.exception[0].message[:300]}"
    text = _texts(at)
    assert "Er zijn nog geen gegevens geladen" not in text, f"{name} {page}: says 'no data' for {name}"
    expected = admin_words if page.endswith("admin.py") else words
    missing = [w for w in expected if w not in text]
    assert not missing, f"{name} {page}: {missing} not in {text[:600]}"
    # No English library text in what a visitor reads.
    for w in ("magic bytes", "Invalid Input Error", "IO Error", "AttributeError"):
        assert w not in text, f"{name} {page}: {w}"


def test_admin_page_says_the_pointer_was_repaired(tmp_path, monkeypatch):
    from conftest import app_test

    try:
        from meedoen import versions
    except ImportError:
        from meedoen import versions
    from meedoen import ingest

    root = tmp_path / "store"
    versions.ensure(root, geo_dir=None)
    first = versions.active(root).id
    g = versions.table_glob(versions.active(root).path, "targets")
    duckdb.sql(f"COPY (SELECT * FROM read_parquet('{g}') LIMIT 9) TO '{tmp_path}/targets.csv' (FORMAT csv, HEADER)")
    newer = ingest.load_exports([tmp_path / "targets.csv"], root).version_id
    assert ingest.rollback(root, first).ok
    (root / "ACTIVE").write_text("")  # emptied: the app repairs it from the log, not from the newest
    monkeypatch.setenv("MEEDOEN_DATA_DIR", str(root))
    monkeypatch.setenv("MEEDOEN_GEO_DIR", str(root / "no-geo"))

    at = app_test({}, "app_pages/admin.py")

    assert not at.exception
    warn = " ".join(w.value for w in at.warning)
    assert "was leeg" in warn and "hersteld uit het activatielogboek" in warn and first in warn
    assert newer not in warn and versions.active(root).id == first


def test_technical_detail_is_behind_a_details_toggle():
    from streamlit.testing.v1 import AppTest

    def script():
        from meedoen.validate import Problem

        from meedoen.ui import admin
        admin.details([Problem("t.parquet", "targets", None, 0, [], "t.parquet: geen geldig parquet-bestand.",
                               "error", "corrupt", "ArrowInvalid: Parquet magic bytes not found in footer")])

    at = AppTest.from_function(script, default_timeout=60).run()
    assert not at.exception
    assert at.expander[0].label == "Technische details"
    assert "magic bytes" in at.expander[0].code[0].value
