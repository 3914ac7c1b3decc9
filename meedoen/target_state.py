"""How a realised count reads against its target: finished periods met or not, running ones on schedule or not.

`describe` takes one row of the named query kpi_targets_period (realised, target, target_period, expected,
whole_years, finished, gap, first_year, last_year) and returns the texts of a KPI tile (in
meedoen/texts/targets.py); `restate` gives rows of targets_realised and targets_by_year the state their shown
numbers support. No numbers of their own: the state follows the realised count as the audience sees it, so a
perturbed count is never judged by the exact one behind it.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from .i18n import fmt_date, fmt_int, t


def describe(row, peildatum: dt.date | None) -> dict[str, str]:
    """The tile's texts: the target for the period, its basis and the state; and the state's colour and arrow
    for st.metric (grey without an arrow when the difference is withheld)."""
    years = str(row["first_year"]) if row["first_year"] == row["last_year"] else f"{row['first_year']}–{row['last_year']}"
    target_period = int(row["target_period"])
    basis = (t("tg_basis_year", years=years) if bool(row["whole_years"]) else
             t("tg_basis_pro_rata", part=fmt_int(target_period), target=fmt_int(row["target"]), years=years))
    finished = bool(row["finished"])
    realised = row["realised"]
    if realised is None or pd.isna(realised) or pd.isna(row["gap"]):  # withheld for this audience
        return {"target": fmt_int(target_period), "basis": basis, "state": t("tg_withheld"), "status": "withheld",
                "colour": "gray", "arrow": "off"}
    gap = int(row["gap"])
    if finished:
        status = "met" if gap <= 0 else "not_met"
        state = t("tg_met_exact") if gap == 0 else t("tg_met", n=fmt_int(-gap)) if gap < 0 else t("tg_not_met", n=fmt_int(gap))
    else:
        status = "on_track" if gap <= 0 else "behind"
        kw = dict(date=fmt_date(peildatum) if peildatum else "–", expected=fmt_int(row["expected"]))
        state = (t("tg_on_track_exact", **kw) if gap == 0 else t("tg_on_track", n=fmt_int(-gap), **kw) if gap < 0
                 else t("tg_behind", n=fmt_int(gap), **kw))
    good = gap <= 0
    return {"target": fmt_int(target_period), "basis": basis, "state": state, "status": status,
            "colour": "green" if good else "red", "arrow": "up" if good else "down"}


def restate(df: pd.DataFrame) -> pd.DataFrame:
    """Rows of targets_realised / targets_by_year with `status` and `on_track` from the realised count as shown
    (perturbed in publiek); 'withheld' and not on track where it is withheld."""
    if df.empty:
        return df
    realised = pd.to_numeric(df["realised"], errors="coerce").to_numpy(float)
    target = df["target"].to_numpy(float)
    expected = df["expected"].to_numpy(float)
    finished = df["finished"].to_numpy(bool)
    hidden = np.isnan(realised)
    with np.errstate(invalid="ignore"):
        on_track = np.where(finished, realised >= target, realised >= expected) & ~hidden
    status = np.where(finished, np.where(on_track, "met", "not_met"), np.where(on_track, "on_track", "behind"))
    if "status" in df.columns:  # targets_realised also knows years that have not started
        status = np.where(df["status"].to_numpy(object) == "not_started", "not_started", status)
    status = np.where(hidden, "withheld", status)
    return df.assign(status=status, on_track=on_track)
