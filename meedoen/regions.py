"""The region reference: gemeente → arbeidsmarktregio → provincie.

Real installs read the CBS division (regions.csv, see `python -m meedoen.charts.geo download`) from the
configured geo folder. Without it, the demo falls back to the gemeenten of the four
arbeidsmarktregio's of the source articles, listed here.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd

# CBS 2024 division of the seed regions; inwoners are rounded demo values.
SEED_GEMEENTEN = (
    # code, name, amr, provincie, inwoners
    ("GM0119", "Meppel", "AM36", "PV22", 35000),
    ("GM0148", "Dalfsen", "AM36", "PV23", 29000),
    ("GM0160", "Hardenberg", "AM36", "PV23", 62000),
    ("GM0166", "Kampen", "AM36", "PV23", 55000),
    ("GM0175", "Ommen", "AM36", "PV23", 18000),
    ("GM0177", "Raalte", "AM36", "PV23", 38000),
    ("GM0180", "Staphorst", "AM36", "PV23", 18000),
    ("GM0193", "Zwolle", "AM36", "PV23", 132000),
    ("GM0230", "Elburg", "AM36", "PV25", 24000),
    ("GM0244", "Hattem", "AM36", "PV25", 12500),
    ("GM0269", "Oldebroek", "AM36", "PV25", 24000),
    ("GM0302", "Nunspeet", "AM36", "PV25", 28000),
    ("GM0503", "Delft", "AM21", "PV28", 105000),
    ("GM0518", "'s-Gravenhage", "AM21", "PV28", 560000),
    ("GM0603", "Rijswijk (ZH.)", "AM21", "PV28", 57000),
    ("GM0626", "Voorschoten", "AM34", "PV28", 26000),
    ("GM0629", "Wassenaar", "AM34", "PV28", 27000),
    ("GM0637", "Zoetermeer", "AM34", "PV28", 126000),
    ("GM0748", "Bergen op Zoom", "AM25", "PV30", 68000),
    ("GM0758", "Breda", "AM25", "PV30", 186000),
    ("GM0777", "Etten-Leur", "AM25", "PV30", 45000),
    ("GM0779", "Geertruidenberg", "AM25", "PV30", 22000),
    ("GM0826", "Oosterhout", "AM25", "PV30", 57000),
    ("GM0840", "Rucphen", "AM25", "PV30", 23000),
    ("GM0851", "Steenbergen", "AM25", "PV30", 25000),
    ("GM0873", "Woensdrecht", "AM25", "PV30", 22000),
    ("GM0879", "Zundert", "AM25", "PV30", 22000),
    ("GM1621", "Lansingerland", "AM34", "PV28", 65000),
    ("GM1655", "Halderberge", "AM25", "PV30", 30000),
    ("GM1674", "Roosendaal", "AM25", "PV30", 78000),
    ("GM1701", "Westerveld", "AM36", "PV22", 20000),
    ("GM1708", "Steenwijkerland", "AM36", "PV23", 45000),
    ("GM1709", "Moerdijk", "AM25", "PV30", 38000),
    ("GM1719", "Drimmelen", "AM25", "PV30", 27000),
    ("GM1773", "Olst-Wijhe", "AM36", "PV23", 18500),
    ("GM1783", "Westland", "AM21", "PV28", 114000),
    ("GM1842", "Midden-Delfland", "AM21", "PV28", 20000),
    ("GM1896", "Zwartewaterland", "AM36", "PV23", 23000),
    ("GM1916", "Leidschendam-Voorburg", "AM34", "PV28", 78000),
    ("GM1926", "Pijnacker-Nootdorp", "AM34", "PV28", 58000),
    ("GM1959", "Altena", "AM25", "PV30", 58000),
)
AMR_NAMES = {"AM21": "Haaglanden", "AM25": "West-Brabant", "AM34": "Zuid-Holland Centraal", "AM36": "Regio Zwolle"}
PROVINCIE_NAMES = {"PV22": "Drenthe", "PV23": "Overijssel", "PV25": "Gelderland", "PV28": "Zuid-Holland",
                   "PV30": "Noord-Brabant"}


def read_division(geo_dir: Path | None) -> tuple[pd.DataFrame, str]:
    """The gemeente division and where it came from ('cbs' file or the built-in 'seed' list)."""
    path = geo_dir / "regions.csv" if geo_dir else None
    if path and path.is_file():
        with path.open(encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        df = pd.DataFrame(rows)[["gemeente_code", "gemeente_name", "arbeidsmarktregio_code",
                                 "arbeidsmarktregio_name", "provincie_code", "provincie_name"]]
        known = {c: n for c, _, _, _, n in SEED_GEMEENTEN}
        df["inwoners"] = df["gemeente_code"].map(known)
        return df, "cbs"
    df = pd.DataFrame(
        [
            (c, n, a, AMR_NAMES[a], p, PROVINCIE_NAMES[p], inw)
            for c, n, a, p, inw in SEED_GEMEENTEN
        ],
        columns=["gemeente_code", "gemeente_name", "arbeidsmarktregio_code", "arbeidsmarktregio_name",
                 "provincie_code", "provincie_name", "inwoners"],
    )
    return df, "seed"


def with_traits(division: pd.DataFrame, seed: int = 7) -> pd.DataFrame:
    """Add demo inwoners (where unknown), stedelijkheid and bijstand_per_1000, deterministically."""
    df = division.sort_values("gemeente_code").reset_index(drop=True).copy()
    rng = np.random.default_rng(seed)
    synthetic = np.round(np.exp(rng.normal(np.log(38000), 0.75, len(df))), -2).clip(1000, 900000)
    df["inwoners"] = df["inwoners"].fillna(pd.Series(synthetic)).astype("int64")
    inw = df["inwoners"].to_numpy()
    # Larger gemeenten are more urban; a little noise so that size alone does not decide.
    score = np.log10(inw) + rng.normal(0, 0.18, len(df))
    df["stedelijkheid"] = np.select([score > 5.3, score > 4.95, score > 4.6, score > 4.35], [1, 2, 3, 4], 5).astype("int64")
    df["bijstand_per_1000"] = np.round((14 + (6 - df["stedelijkheid"]) * 6 + rng.gamma(4, 2.0, len(df))), 1)
    return df
