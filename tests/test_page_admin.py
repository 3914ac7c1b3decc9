"""Gegevens beheren: uploads load through the loader (good files switch, bad files change nothing),
the versions table, switching back with confirmation, and access for data administrators only."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from conftest import ROOT, _need_chromium, app_test, fingerprint, streamlit_server, wait_for_app

if str(ROOT) not in sys.path:  # plain `pytest` puts only tests/ on the path
    sys.path.insert(0, str(ROOT))

from meedoen.ui import admin  # noqa: E402
from meedoen import contract, ingest, versions  # noqa: E402

PAGE = "app_pages/admin.py"


@pytest.fixture
def root(demo_root, tmp_path, monkeypatch) -> Path:
    """A private copy of the demo store, served to the app (the session store is never changed)."""
    dst = tmp_path / "store"
    shutil.copytree(demo_root, dst)
    monkeypatch.setenv("MEEDOEN_DATA_DIR", str(dst))
    monkeypatch.setenv("MEEDOEN_GEO_DIR", str(dst / "no-geo"))
    return dst


def table_df(root: Path, name: str) -> pd.DataFrame:
    g = versions.table_glob(versions.active(root).path, name)
    df = duckdb.sql(f"SELECT * FROM read_parquet('{g}') ORDER BY ALL").df()
    return df[contract.TABLES[name].column_names]


def dutch_csv(root: Path, n: int = 300) -> bytes:
    """Placements as a Dutch Excel would save them: semicolons, decimal comma, dd-mm-jjjj, Windows-1252."""
    df = table_df(root, "placements").head(n).copy()
    df["organisation"] = "Café De Brug"
    df["hours_per_week"] = [24.5 if i % 2 else 12.25 for i in range(len(df))]
    for c in ("intake_date", "placement_date", "end_date"):
        df[c] = pd.to_datetime(df[c]).dt.strftime("%d-%m-%Y")
    raw = df.to_csv(sep=";", decimal=",", index=False).encode("cp1252")
    assert b"Caf\xe9" in raw and b"24,5" in raw and b";" in raw  # the bytes really are what the test claims
    return raw


def broken_csv(root: Path) -> bytes:
    """Placements with three malformed gemeente codes (rows 2, 4 and 6)."""
    df = table_df(root, "placements").head(50).copy()
    df.loc[[1, 3, 5], "gemeente_code"] = "GM12"
    return df.to_csv(index=False).encode("utf-8")


# ------------------------------------------------------------------ load_uploads

def test_good_dutch_csv_loads_from_a_temp_dir_and_becomes_active(root, tmp_path, monkeypatch):
    before = versions.active(root).id
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    seen = {}
    real = ingest.load_exports

    def spy(files, r, **kw):
        seen.update({t: (Path(p), Path(p).read_bytes()) for t, p in files.items()})
        return real(files, r, **kw)

    monkeypatch.setattr(ingest, "load_exports", spy)
    raw = dutch_csv(root)
    steps = []
    res = admin.load_uploads([("trajecten export.csv", raw)], {"trajecten export.csv": "placements"}, root,
                             dt.date(2025, 6, 30), lambda f, m: steps.append(f))

    assert res.ok, [p.message_nl for p in res.problems]
    act = versions.active(root)
    assert act.id == res.version_id != before
    assert act.peildatum == "2025-06-30"
    assert act.manifest["rows"]["placements"] == 300
    assert act.manifest["files"]["placements"] == "trajecten export.csv"
    df = table_df(root, "placements")
    assert set(df["organisation"]) == {"Café De Brug"}
    assert sorted(set(df["hours_per_week"])) == [12.25, 24.5]
    # The bytes went to a temporary folder outside the store, which is gone afterwards.
    path, written = seen["placements"]
    assert written == raw and root not in path.parents and (tmp_path / "tmp") in path.parents
    assert list((tmp_path / "tmp").iterdir()) == []
    assert steps == sorted(steps) and steps[-1] == 1.0


def test_bad_file_gives_dutch_problems_and_leaves_active_data_byte_for_byte(root):
    before = fingerprint(root)
    res = admin.load_uploads([("plaatsingen.csv", broken_csv(root))], {"plaatsingen.csv": "placements"}, root)
    assert not res.ok and res.version_id is None
    p = next(p for p in res.errors if p.column == "gemeente_code")
    assert p.file == "plaatsingen.csv" and p.rows_affected == 3
    assert "rij 2" in p.message_nl and "'GM12'" in p.message_nl and "patroon" in p.message_nl
    assert fingerprint(root) == before
    frame = admin.problems_frame(res.problems)
    assert list(frame.columns) == ["Soort", "Bestand", "Tabel", "Kolom", "Rijen getroffen", "Voorbeelden", "Melding"]
    row = frame[frame["Kolom"] == "gemeente_code"].iloc[0]
    assert (row["Soort"], row["Bestand"], row["Tabel"], row["Rijen getroffen"]) == ("fout", "plaatsingen.csv",
                                                                                 "placements", "3")
    assert row["Voorbeelden"].startswith("bijvoorbeeld rij 2")


class _Unreadable(io.RawIOBase):
    """An upload that fails the test if anyone reads it."""

    size = 3 * 1024 * 1024

    def read(self, *a):
        raise AssertionError("read before the size check")

    readinto = read


def test_size_is_checked_before_anything_is_read(root):
    before = fingerprint(root)
    res = admin.load_uploads([("groot.csv", _Unreadable())], {}, root, max_mb=2)
    assert not res.ok
    assert [p.check for p in res.problems] == ["too_large"]
    assert res.problems[0].message_nl.startswith("groot.csv: het bestand is 3.0 MB, groter dan de grens van 2 MB")
    assert fingerprint(root) == before


def test_tables_are_detected_from_name_or_columns(root):
    pilots = table_df(root, "pilots").to_csv(sep=";", index=False).encode("cp1252")
    assert admin.guess_table("export.csv", pilots) == "pilots"
    assert admin.guess_table("targets_2025.csv", b"a,b\n1,2\n") == "targets"
    buf = io.BytesIO()
    table_df(root, "regions").to_parquet(buf, index=False)
    assert admin.guess_table("gebieden.parquet", io.BytesIO(buf.getvalue())) == "regions"
    assert admin.guess_table("iets.csv", b"naam,adres\nJan,Straat 1\n") is None
    assert admin.guess_table("kapot.parquet", b"PAR1 niet echt") is None


def test_file_without_a_table_or_two_files_for_one_table_are_refused(root):
    before = fingerprint(root)
    res = admin.load_uploads([("iets.csv", b"naam,adres\nJan,Straat 1\n")], {}, root)
    assert not res.ok and res.problems[0].check == "unknown_table" and "iets.csv" in res.problems[0].message_nl
    pilots = table_df(root, "pilots").to_csv(index=False).encode()
    res = admin.load_uploads([("a.csv", pilots), ("b.csv", pilots)], {"a.csv": "pilots", "b.csv": "pilots"}, root)
    assert not res.ok and res.problems[0].check == "duplicate_table"
    assert "b.csv: tabel 'pilots' is al gekozen voor a.csv" in res.problems[0].message_nl
    assert fingerprint(root) == before


# ------------------------------------------------------------------ the page

def _status(at) -> str:
    return next(c.value for c in at.caption if "Actieve dataversie" in c.value)


def test_page_shows_versions_with_demo_active_and_status_line(app_env, demo_version):
    at = app_test(page=PAGE)
    assert not at.exception
    assert at.title[0].value == "Gegevens beheren"
    table = next(d.value for d in at.table if "Versie" in d.value.columns)
    active = table[table["Actief"] == "●"]
    assert list(active["Versie"]) == [demo_version.id]
    assert active.iloc[0]["Bron"] == "demodata" and active.iloc[0]["Peildatum"] == "31 dec 2025"
    assert active.iloc[0]["placements"] == f"{demo_version.manifest['rows']['placements']:,}".replace(",", ".")
    assert demo_version.id in _status(at) and "31 dec 2025" in _status(at)
    assert [b.label for b in at.button] == ["Laden"]
    assert "5 nieuwste andere versies" in " ".join(c.value for c in at.caption)


def test_rollback_needs_confirmation_and_switches_every_page(root):
    demo_id = versions.active(root).id
    pilots = root.parent / "pilots.csv"
    table_df(root, "pilots").head(100).to_csv(pilots, index=False)
    res = ingest.load_exports([pilots], root, peildatum="2025-03-31")
    assert res.ok
    new_id = res.version_id

    at = app_test(page=PAGE)
    assert not at.exception
    assert new_id in _status(at) and "31 mrt 2025" in _status(at)
    at.selectbox(key="adm_pick").set_value(demo_id)
    at.button(key="adm_rollback").click().run()
    # Nothing switches before the confirmation.
    assert versions.active(root).id == new_id
    assert demo_id in at.warning[0].value and new_id in at.warning[0].value
    at.button(key="adm_confirm_yes").click().run()
    assert not at.exception
    assert versions.active(root).id == demo_id
    assert demo_id in _status(at) and new_id not in _status(at)
    assert demo_id in at.success[0].value
    table = next(d.value for d in at.table if "Versie" in d.value.columns)
    assert list(table.loc[table["Actief"] == "●", "Versie"]) == [demo_id]
    # Another page, same session: it also serves the version that is active now.
    at.switch_page("app_pages/overview.py").run()
    assert not at.exception and demo_id in " ".join(m.value for m in at.markdown)  # behind Details


def test_cancel_keeps_the_active_version(root):
    pilots = root.parent / "pilots.csv"
    table_df(root, "pilots").to_csv(pilots, index=False)
    new_id = ingest.load_exports([pilots], root).version_id
    at = app_test(page=PAGE)
    at.button(key="adm_rollback").click().run()
    at.button(key="adm_confirm_no").click().run()
    assert versions.active(root).id == new_id and not at.warning
    assert [b.key for b in at.button if b.key == "adm_rollback"]


def test_viewer_gets_no_admin_page(app_env, monkeypatch):
    monkeypatch.setenv("MEEDOEN_LOCAL_ROLE", "viewer")
    at = app_test()
    assert not at.exception
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(PAGE)
    # Opened directly, the page says so in Dutch and shows nothing else.
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / PAGE), default_timeout=30).run()
    assert not at.exception
    assert "geen toegang" in at.error[0].value
    assert not at.button and not at.table and not at.dataframe and not at.selectbox and not at.date_input


# ------------------------------------------------------------------ browser

@pytest.fixture(scope="module")
def admin_server(demo_root, tmp_path_factory):
    """`streamlit run app.py` on a private copy of the demo store; yields (base URL, store root)."""
    _need_chromium()
    root = tmp_path_factory.mktemp("admin") / "store"
    shutil.copytree(demo_root, root)
    with streamlit_server(root, root.parent / "streamlit.log", MEEDOEN_LOCAL_ROLE="admin") as base:
        yield base, root


def _upload_and_load(page, name: str, data: bytes) -> None:
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": data})
    page.get_by_text(name).first.wait_for()
    wait_for_app(page)
    page.get_by_role("button", name="Laden").click()
    wait_for_app(page)


@pytest.mark.browser
def test_browser_upload_good_then_broken_file(admin_server, page):
    base, root = admin_server
    demo_id = versions.active(root).id
    page.goto(base + "/beheer")
    wait_for_app(page)
    status = page.get_by_test_id("stCaptionContainer").filter(has_text="Actieve dataversie").first
    assert demo_id in status.inner_text()

    _upload_and_load(page, "plaatsingen.csv", dutch_csv(root))
    new_id = versions.active(root).id
    assert new_id != demo_id
    page.get_by_text(f"Versie {new_id} is geladen").wait_for()
    assert new_id in status.inner_text() and demo_id not in status.inner_text()
    assert page.get_by_test_id("stException").count() == 0

    before = fingerprint(root)
    _upload_and_load(page, "kapot.csv", broken_csv(root).replace(b"placement_date", b"plaatsdatum"))
    page.get_by_text("De actieve data is ongewijzigd").wait_for()
    page.get_by_text("kapot.csv: kolom 'placement_date' ontbreekt (verplicht in tabel 'placements'").wait_for()
    assert new_id in status.inner_text()
    assert fingerprint(root) == before
    page.screenshot(path=str(root.parent / "admin.png"), full_page=True)
