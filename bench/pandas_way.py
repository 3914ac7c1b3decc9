"""The same results computed the pandas way: read the parquet (needed columns only), filter, groupby.

Each function mirrors one named query with the default filters (all of the Netherlands, no
programme or doelgroep, one period) and returns a frame that the benchmark compares with the
DuckDB result, so a ratio is only reported for results that agree.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pyarrow.dataset as ds

PAID = ("regulier", "garantiebaan", "beschut_werk")


def read(path: Path, columns: list[str]) -> pd.DataFrame:
    """Placements with only the given columns (projection pushdown, as a careful pandas user would)."""
    t = ds.dataset(Path(path) / "placements", format="parquet", partitioning="hive").to_table(columns=columns)
    return t.to_pandas(date_as_object=False)


def _ts(d) -> pd.Timestamp:
    return pd.Timestamp(d)


def placement_rate(path: Path, p: dict) -> pd.DataFrame:
    df = read(path, ["person_key", "intake_date", "placement_date", "end_date"])
    s, e = _ts(p["start"]), _ts(p["end"])
    df = df[df["intake_date"] <= e]
    looking = (df["end_date"].isna() | (df["end_date"] >= s)) & (df["placement_date"].isna() | (df["placement_date"] >= s))
    placed = (df["placement_date"] >= s) & (df["placement_date"] <= e)
    per = pd.DataFrame({"person_key": df["person_key"], "looking": looking, "placed": placed}).groupby("person_key").any()
    n_look = int(per["looking"].sum())
    n_placed = int((per["looking"] & per["placed"]).sum())
    return pd.DataFrame({"placed": [n_placed], "looking": [n_look]})


def placements_by_month(path: Path, p: dict) -> pd.DataFrame:
    df = read(path, ["person_key", "placement_date", "work_kind"])
    df = df[(df["placement_date"] >= _ts(p["start"])) & (df["placement_date"] <= _ts(p["end"]))]
    df = df.assign(month=df["placement_date"].dt.to_period("M").dt.start_time)
    out = df.groupby(["month", "work_kind"], dropna=False)["person_key"].nunique().reset_index(name="placed")
    return out.sort_values(["month", "work_kind"]).reset_index(drop=True)


def sheltered_share(path: Path, p: dict) -> pd.DataFrame:
    df = read(path, ["person_key", "placement_date", "work_kind"])
    df = df[(df["placement_date"] >= _ts(p["start"])) & (df["placement_date"] <= _ts(p["end"]))]
    beschut = df.loc[df["work_kind"].isin(["beschut_werk", "alternatief_beschut"]), "person_key"].nunique()
    regulier = df.loc[df["work_kind"].isin(["regulier", "garantiebaan"]), "person_key"].nunique()
    return pd.DataFrame({"beschut": [beschut], "regulier": [regulier], "total": [df["person_key"].nunique()]})


def work_kind_counts(path: Path, p: dict) -> pd.DataFrame:
    df = read(path, ["person_key", "placement_date", "work_kind"])
    df = df[(df["placement_date"] >= _ts(p["start"])) & (df["placement_date"] <= _ts(p["end"]))]
    out = df.groupby("work_kind", dropna=False)["person_key"].nunique().reset_index(name="placed")
    return out.sort_values("placed", ascending=False).reset_index(drop=True)


def sheltered_share_by_year(path: Path, p: dict) -> pd.DataFrame:
    df = read(path, ["person_key", "placement_date", "work_kind"])
    df = df[df["placement_date"] <= _ts(p["end"])]
    df = df.assign(year=df["placement_date"].dt.year)
    b = df[df["work_kind"].isin(["beschut_werk", "alternatief_beschut"])].groupby("year")["person_key"].nunique()
    r = df[df["work_kind"].isin(["regulier", "garantiebaan"])].groupby("year")["person_key"].nunique()
    out = pd.DataFrame({"beschut": b, "regulier": r}).fillna(0).astype("int64")
    out = out[out["beschut"] + out["regulier"] > 0]
    return out.reset_index().rename(columns={"index": "year"}).sort_values("year").reset_index(drop=True)


def filter_options(path: Path, p: dict) -> pd.DataFrame:
    df = read(path, ["programme", "doelgroep", "intake_date"])
    rows = [("programme", v) for v in df["programme"].dropna().unique()]
    rows += [("doelgroep", v) for v in df["doelgroep"].dropna().unique()]
    rows += [("year", str(v)) for v in df["intake_date"].dt.year.unique()]
    return pd.DataFrame(rows, columns=["kind", "value"]).sort_values(["kind", "value"]).reset_index(drop=True)


def time_to_work(path: Path, p: dict) -> pd.DataFrame:
    df = read(path, ["person_key", "doelgroep", "intake_date", "placement_date"])
    per = df.groupby(["doelgroep", "person_key"]).agg(first_intake=("intake_date", "min"),
                                                      first_placement=("placement_date", "min"))
    per = per[(per["first_placement"] >= _ts(p["start"])) & (per["first_placement"] <= _ts(p["end"]))]
    days = (per["first_placement"] - per["first_intake"]).dt.days
    g = days.groupby(level="doelgroep")
    out = pd.DataFrame({"placed": g.size(), "within_n": (days <= p["within_days"]).groupby(level="doelgroep").sum(),
                        "median_days": g.median()})
    return out.reset_index().sort_values("doelgroep").reset_index(drop=True)


def work_kind_by_quarter(path: Path, p: dict) -> pd.DataFrame:
    df = read(path, ["person_key", "placement_date", "work_kind"])
    df = df[(df["placement_date"] <= _ts(p["end"])) & df["work_kind"].notna()]
    df = df.assign(quarter=df["placement_date"].dt.to_period("Q").dt.start_time)
    out = df.groupby(["quarter", "work_kind"])["person_key"].nunique().reset_index(name="placed")
    return out.sort_values(["quarter", "work_kind"]).reset_index(drop=True)


FUNCS = {f.__name__: f for f in (placement_rate, placements_by_month, sheltered_share, work_kind_counts,
                                 sheltered_share_by_year, filter_options, time_to_work, work_kind_by_quarter)}


def same(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    """Whether pandas' frame `a` holds the same values as DuckDB's `b` in its columns."""
    try:
        b = b[list(a.columns)].reset_index(drop=True)
        a = a.reset_index(drop=True)
        if len(a) != len(b):
            return False
        for c in a.columns:
            x, y = a[c], b[c]
            if pd.api.types.is_datetime64_any_dtype(x) or isinstance(y.iloc[0] if len(y) else None, dt.date):
                x, y = pd.to_datetime(x), pd.to_datetime(y)
            if pd.api.types.is_numeric_dtype(x) and pd.api.types.is_numeric_dtype(y):
                if not ((x.astype(float) - y.astype(float)).abs().fillna(0) < 1e-9).all():
                    return False
            elif not (x.astype(str).values == y.astype(str).values).all():
                return False
        return True
    except Exception:  # a mismatch in shape or type is a difference
        return False
