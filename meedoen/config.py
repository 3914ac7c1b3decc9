"""Settings, declared once: environment variable `MEEDOEN_<NAME>` or `[meedoen]` in secrets.

The README's settings table is checked against this list by a test.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclasses.dataclass(frozen=True)
class Setting:
    name: str
    default: object
    help: str


SETTINGS = (
    Setting("data_dir", str(ROOT / "data" / "store"),
            "Data store: versions of the exports and the pointer to the active one. "
            "A plain folder of parquet exports works too (read in place, no versions)."),
    Setting("geo_dir", str(ROOT / "data" / "boundaries"),
            "Folder with CBS/PDOK boundary files (gemeente_2024.geojson, …) and regions.csv; "
            "the 2024 files ship in data/boundaries."),
    Setting("audience", "intern", "intern (exact counts) or publiek (small counts suppressed)."),
    Setting("local_role", "admin",
            "Role when no login is configured: viewer, researcher or admin (a publiek server always gets viewer)."),
    Setting("suppress_k", 5, "Counts below this are suppressed in the publiek audience."),
    Setting("cell_key_secret", "",
            "Secret of the record keys of the cell key method (publiek). Empty: one is made once and kept in "
            "the data folder (.cell_key_secret). Keep it secret and keep it the same."),
    Setting("round_publiek", False, "Also round counts to tens in the publiek audience (CBS style)."),
    Setting("sql_time_limit", 10.0, "Seconds after which a SQL lab query is cancelled."),
    Setting("sql_max_rows", 10_000, "Rows a SQL lab query returns at most (the rest is cut, and said so)."),
    Setting("sql_memory_limit", "1GB", "DuckDB memory limit of the SQL lab."),
    Setting("sql_threads", 1, "DuckDB threads of the SQL lab."),
    Setting("sql_max_result_mb", 50.0,
            "Largest SQL lab result, in MB (Arrow size); the rest is cut, and said so."),
    Setting("sql_workers", 2, "SQL lab worker processes: this many lab queries run at the same time."),
    Setting("sql_worker_memory_mb", 2048,
            "Address space of one SQL lab worker process in MB (RLIMIT_AS, enforced by the operating system)."),
    Setting("session_hours", 8.0,
            "Hours a sign-in lasts across page reloads and opened links (a signed cookie); 0 = only this tab."),
    Setting("login_max_failures", 5,
            "Failed sign-ins per user name and per client before every further attempt must wait (2 s, doubling)."),
    Setting("secret_file", "~/.config/meedoen/cookie-secret",
            "Key that signs sign-in cookies, made on first use, when secrets have no [auth] cookie_secret."),
    Setting("max_upload_mb", 500, "Largest export file accepted by the data page and the loader, in MB."),
    Setting("keep_versions", 5, "How many earlier data versions are kept."),
    Setting("threads", 2, "DuckDB threads for the dashboard's own queries."),
    Setting("memory_limit", "4GB", "DuckDB memory limit for the dashboard's own queries."),
)
_BY_NAME = {s.name: s for s in SETTINGS}


def _secrets() -> dict:
    try:
        import streamlit as st

        return dict(st.secrets.get("meedoen", {}))
    except Exception:  # no secrets file, or not inside Streamlit
        return {}


def get(name: str):
    """The value of a setting, converted to the default's type."""
    s = _BY_NAME[name]
    raw = os.environ.get(f"MEEDOEN_{name.upper()}")
    if raw is None:
        raw = _secrets().get(name)
    if raw is None:
        return s.default
    if isinstance(s.default, bool):
        return str(raw).lower() in ("1", "true", "yes", "ja")
    if isinstance(s.default, int):
        return int(raw)
    if isinstance(s.default, float):
        return float(raw)
    return str(raw)


def data_dir() -> Path:
    return Path(get("data_dir")).expanduser().resolve()


def geo_dir() -> Path:
    return Path(get("geo_dir")).expanduser().resolve()


SHIPPED_GEO_DIR = ROOT / "data" / "boundaries"  # tracked in git: downloads never write here
DOWNLOAD_GEO_DIR = ROOT / "data" / "geo"  # ignored by git: where `python -m meedoen.charts.geo download` writes
