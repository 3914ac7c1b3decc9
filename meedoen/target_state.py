"""How a realised count reads against its target: finished periods met or not, running ones on schedule or not.

Takes one row of the named query kpi_targets_period (realised, target, target_period, expected, whole_years, finished,
status, gap, first_year, last_year) and returns the texts of a KPI tile; no numbers of its own.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from . import i18n
from .i18n import fmt_date, fmt_int, t

STRINGS: dict[str, tuple[str, str]] = {
    "tg_met": ("gehaald: {n} boven het doel", "met: {n} above target"),
    "tg_met_exact": ("gehaald: precies het doel", "met: exactly on target"),
    "tg_not_met": ("niet gehaald: {n} onder het doel", "not met: {n} below target"),
    "tg_on_track": ("op schema: {n} boven het doel tot {date} ({expected})",
                    "on schedule: {n} above the target up to {date} ({expected})"),
    "tg_on_track_exact": ("op schema: precies het doel tot {date} ({expected})",
                          "on schedule: exactly the target up to {date} ({expected})"),
    "tg_behind": ("achter op schema: {n} onder het doel tot {date} ({expected})",
                  "behind schedule: {n} below the target up to {date} ({expected})"),
    "tg_basis_year": ("jaardoel {years}", "annual target {years}"),
    "tg_basis_pro_rata": ("doel naar rato van de periode: {part} van jaardoel {target} ({years})",
                          "target pro rata for the period: {part} of the annual target {target} ({years})"),
    "tg_withheld": ("verschil afgeschermd", "difference withheld"),
}
i18n.STRINGS.update(STRINGS)


def describe(row, peildatum: dt.date | None) -> dict[str, str]:
    """The tile's value ('realised / target for the period'), the target's basis and the state, as texts."""
    years = str(row["first_year"]) if row["first_year"] == row["last_year"] else f"{row['first_year']}–{row['last_year']}"
    target_period = int(row["target_period"])
    basis = (t("tg_basis_year", years=years) if bool(row["whole_years"]) else
             t("tg_basis_pro_rata", part=fmt_int(target_period), target=fmt_int(row["target"]), years=years))
    realised = row["realised"]
    if realised is None or pd.isna(realised) or pd.isna(row["gap"]):  # withheld for this audience
        state = t("tg_withheld")
    else:
        gap = int(row["gap"])
        status = row["status"]
        if status in ("met", "not_met"):
            state = t("tg_met_exact") if gap == 0 else t("tg_met", n=fmt_int(-gap)) if gap < 0 else t("tg_not_met", n=fmt_int(gap))
        else:
            kw = dict(date=fmt_date(peildatum) if peildatum else "–", expected=fmt_int(row["expected"]))
            state = (t("tg_on_track_exact", **kw) if gap == 0 else t("tg_on_track", n=fmt_int(-gap), **kw) if gap < 0
                     else t("tg_behind", n=fmt_int(gap), **kw))
    return {"target": fmt_int(target_period), "basis": basis, "state": state, "status": str(row["status"])}
