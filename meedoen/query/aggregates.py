"""Month aggregates of the placements: built once per data version, with the placements cache, before activation.

Every period the app offers starts on the first and ends on the last day of a month, so a question about
a period only needs to know, per row, *in which month* its dates fall. The aggregates count rows per
gemeente × programme × doelgroep (× kind of work) × month. A named query that declares `-- aggregates: …`
in its header has a second form that reads them: `queries/aggregated/<name>.sql`, or, with `with X_n`, the
query itself reading macro X_n of queries/_aggregates.sql instead of X. The query layer uses that form only
when the parameter values meet the declared conditions (`start=month_start end=month_end`); any other value
is answered by the scan, so a result never depends on which form ran. A query that cannot use them says
why: `-- aggregates: none (why)`.

Only *regular* rows are counted: a person with one trajectory (`NOT multi`, see db.build_cache) whose dates
are in order (intake <= placement <= end, intake <= end). For those rows "looking in a period", "placed in
it" and "in work on a date" reduce to sums over one month column each (looking(S..E) = intakes up to E minus
stops before S). Every other row (persons with several trajectories, dates out of order) is kept in
`placements_x` and takes the scan's own per-person path in the aggregated forms, so both parts add up to
the scan's answer.

Beside every count `n` the aggregates keep `k`, the sum of the counted records' keys `rk` (not reduced
modulo 2^48, so sums and differences of cells stay exact): the aggregated forms return the same cell keys
(`ck(...)`, queries/_definitions.sql) as the scan, and the protection for `publiek` (meedoen/privacy.py)
gives the same numbers.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import re

from ..config import ROOT

FORMS = ROOT / "queries" / "aggregated"
MACROS = ROOT / "queries" / "_aggregates.sql"
TABLES = ("placements_x", "agg_placed", "agg_starts", "agg_stops", "agg_ends")

_MONTH = "(year({d}) * 12 + month({d}) - 1)"
_REGULAR = ("coalesce(intake_date <= coalesce(placement_date, end_date, intake_date) "
            "AND (end_date IS NULL OR end_date >= coalesce(placement_date, intake_date)), false)")
_KEYS = "gemeente_code, programme, doelgroep"
# Days from intake to placement, by bucket: the buckets of queries/time_to_work_distribution.sql.
DAY_BUCKETS = ((0, 7), (8, 14), (15, 21), (22, 42), (43, 91), (92, 182), (183, 365), (366, None))


def _counted(name: str, cond: str) -> str:
    return f"count(*) FILTER (WHERE {cond}) AS {name}, sum(rk) FILTER (WHERE {cond}) AS {name}_k"


def build_sql(src: str = "placements") -> list[str]:
    """The statements that add the aggregates to a placements cache (table `src` with `multi` and `rk`)."""
    m = _MONTH.format
    days = "date_diff('day', intake_date, placement_date)"
    buckets = ", ".join(_counted(f"d{i + 1}", f"{days} >= {lo}" + (f" AND {days} <= {hi}" if hi is not None else ""))
                        for i, (lo, hi) in enumerate(DAY_BUCKETS))
    still = ", ".join(_counted(f"still{k}", f"end_date IS NULL OR end_date >= (placement_date + to_months({k}))::DATE")
                      for k in (6, 12))
    return [
        f"CREATE TABLE placements_x AS SELECT * FROM {src} WHERE multi OR NOT {_REGULAR}",
        f"CREATE TEMP VIEW reg AS SELECT * FROM {src} WHERE NOT multi AND {_REGULAR}",
        # placed in month m: count, still in work 6 and 12 months later, days from intake to placement by bucket
        f"""CREATE TABLE agg_placed AS SELECT {_KEYS}, work_kind, {m(d='placement_date')} AS m, count(*) AS n,
               sum(rk) AS k, {still}, {buckets}
            FROM reg WHERE placement_date IS NOT NULL GROUP BY ALL ORDER BY gemeente_code, m""",
        # intake in month m
        f"""CREATE TABLE agg_starts AS SELECT {_KEYS}, {m(d='intake_date')} AS m, count(*) AS n, sum(rk) AS k
            FROM reg GROUP BY ALL ORDER BY gemeente_code, m""",
        # no longer looking from month m on: the month of the placement, else of the end
        f"""CREATE TABLE agg_stops AS SELECT {_KEYS}, {m(d='least(end_date, placement_date)')} AS m, count(*) AS n,
               sum(rk) AS k
            FROM reg WHERE least(end_date, placement_date) IS NOT NULL GROUP BY ALL ORDER BY gemeente_code, m""",
        # ended: e2 = 2 × month + (ended on the month's last day), so "ended before the last day of month M" is e2 <= 2M
        f"""CREATE TABLE agg_ends AS SELECT {_KEYS}, work_kind, placement_date IS NOT NULL AS placed,
               2 * {m(d='end_date')} + (end_date = last_day(end_date))::INT AS e2, count(*) AS n, sum(rk) AS k
            FROM reg WHERE end_date IS NOT NULL GROUP BY ALL ORDER BY gemeente_code, e2""",
        "DROP VIEW reg",
    ]


# ------------------------------------------------------------------ the declaration: `-- aggregates:` header

CONDITIONS = ("month_start", "month_end", "grain_end")
_COND = re.compile(r"^([a-z_][a-z0-9_]*)=([a-z_]+)$")
_MACRO = re.compile(r"CREATE OR REPLACE MACRO ([a-z_][a-z0-9_]*)\(")


@dataclasses.dataclass(frozen=True)
class Declaration:
    """When a query's aggregated form answers, and which form that is."""

    conditions: tuple[tuple[str, str], ...]  # (parameter, condition on its value), all must hold
    swap: tuple[str, ...] = ()  # `with X_n [Y_n]`: the form is the query itself, reading macro X_n instead of X


def macros() -> set[str]:
    """The macros of queries/_aggregates.sql."""
    return set(_MACRO.findall(MACROS.read_text(encoding="utf-8")))


def parse(text: str, date_params: set[str]) -> Declaration | None:
    """`start=month_start end=month_end [with targets_vs_realised_n ...]` → a Declaration; `none (why)` → None.
    ValueError when malformed, without a reason, or on a parameter that is not a date of the query."""
    text = text.strip()
    if text.startswith("none"):
        if not re.fullmatch(r"none \([^()]+\)", text):
            raise ValueError(f"'none' needs its reason in brackets: {text!r}")
        return None
    conds, _, swap = text.partition(" with ")
    out = []
    for tok in conds.split():
        m = _COND.match(tok)
        if not m or m[2] not in CONDITIONS:
            raise ValueError("not a condition (param=" + "|".join(CONDITIONS) + f"): {tok!r}")
        if m[1] not in date_params:
            raise ValueError(f"{m[1]}: not a date parameter of the query")
        out.append((m[1], m[2]))
    if not out:
        raise ValueError("no condition: say when the aggregated form answers, or 'none (why)'")
    swap = tuple(swap.split())
    for name in swap:
        if not name.endswith("_n") or name not in macros():
            raise ValueError(f"with {name}: not a macro X_n of queries/_aggregates.sql")
    return Declaration(tuple(out), swap)


def swapped(sql: str, swap: tuple[str, ...]) -> str:
    """The query text reading each macro of `swap` (X_n) wherever it read X; ValueError when it never reads X."""
    for name in swap:
        base = name[:-2]
        sql, n = re.subn(rf"\b{base}\(", f"{name}(", sql)
        if not n:
            raise ValueError(f"with {name}: the query does not read {base}")
    return sql


def _date(v) -> dt.date | None:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, str):
        try:
            return dt.date.fromisoformat(v)
        except ValueError:
            return None
    return None


def _month_end(d: dt.date | None) -> bool:
    return d is not None and d.day == calendar.monthrange(d.year, d.month)[1]


def _holds(kind: str, value, params: dict) -> bool:
    d = _date(value)
    if kind == "month_start":
        return d is not None and d.day == 1
    if kind == "month_end":
        return _month_end(d)
    # grain_end: the last day of a bucket of the series' grain (month or quarter)
    return _month_end(d) and (params.get("grain") != "quarter" or d.month % 3 == 0)


def applies(decl: Declaration | None, params: dict) -> bool:
    """Whether these parameter values can be answered from the aggregates."""
    return decl is not None and all(_holds(kind, params.get(p), params) for p, kind in decl.conditions)
