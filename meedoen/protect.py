"""Protection of named-query results for the audience in force, declared next to each query.

Every query that counts people says in its header how its result is shaped:

    -- protect: counts=placed,looking rows=region_code split=placed/looking rates=rate/looking/placed

- `counts`: columns holding numbers of people; each is a table of its own (see meedoen.privacy).
- `rows`, `cols`, `by`: the table's row dimension, column dimension (two-way) and the columns that
  separate independent tables. Without `rows` the rows of a `by` group form one line.
- `split=a/b`: on each row, `b` is the total of `a` and a rest (`b - a`, e.g. not placed); the rest
  is a cell the reader can compute, so it is protected too.
- `linetotals=c`: column `c` repeats the total of its `by` group of the first count column (for
  one-way tables); it is hidden when that total must be.
- `plain=c`: a count shown on every row of a group (e.g. participants of a partner beside each
  participant's days): only the primary rule applies.
- `rates=r/den[/num]`: rate `r` (with `r_lo`, `r_hi`) hidden when its denominator is below k or
  hidden, or its numerator is hidden.
- `protect: none`: the result holds no counts of people (names, codes, dates, targets).

Every count, row, line and split of one result is protected together, in one set of lines, so a
cell hidden for one reason gets its complement in every line it is part of. Hidden cells become
NaN with a `<col>__suppressed` flag; cells hidden because they are below k also get
`<col>__small`, so pages can write "<5" for those and "x" for the complements.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from . import privacy
from .privacy import round_to_tens, suppressed_col, table_layout

SMALL = "__small"


@dataclasses.dataclass(frozen=True)
class Spec:
    counts: tuple[str, ...] = ()
    rows: str | None = None
    cols: str | None = None
    by: tuple[str, ...] = ()
    splits: tuple[tuple[str, str], ...] = ()
    linetotals: tuple[str, ...] = ()
    plain: tuple[str, ...] = ()
    rates: tuple[tuple[str, str | None, str | None], ...] = ()
    none: bool = False

    @property
    def all_counts(self) -> list[str]:
        """Every column that holds a count of people."""
        out = list(self.counts)
        for a, b in self.splits:
            out += [a, b]
        out += list(self.linetotals) + list(self.plain)
        return list(dict.fromkeys(out))


def parse(text: str | None) -> Spec | None:
    """The Spec of a `-- protect:` header value; None when the header is missing."""
    if text is None:
        return None
    text = text.strip()
    if text == "none":
        return Spec(none=True)
    kw: dict = {}
    for part in text.split():
        key, _, value = part.partition("=")
        items = [v for v in value.split(",") if v]
        if key == "counts":
            kw["counts"] = tuple(items)
        elif key in ("rows", "cols"):
            kw[key] = value
        elif key == "by":
            kw["by"] = tuple(items)
        elif key == "split":
            kw["splits"] = tuple(tuple(i.split("/")) for i in items)
        elif key in ("linetotals", "plain"):
            kw[key] = tuple(items)
        elif key == "rates":
            kw["rates"] = tuple(tuple((i.split("/") + [None, None])[:3]) for i in items)
        else:
            raise ValueError(f"onbekend onderdeel '{key}' in protect-kop: {text}")
    return Spec(**kw)


def _nums(df: pd.DataFrame, col: str) -> np.ndarray:
    return pd.to_numeric(df[col], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)


def apply(df: pd.DataFrame, spec: Spec | None, audience: str, k: int, round_tens: bool = False) -> pd.DataFrame:
    """The result as the audience may see it (a copy); intern only flags small groups."""
    if spec is None or spec.none or df.empty:
        return df
    counts = [c for c in spec.all_counts if c in df.columns]
    out = df.copy()
    if audience == "intern":
        for c in counts:
            v = _nums(df, c)
            out[c + SMALL] = (v >= 1) & (v < k)
            out[suppressed_col(c)] = False
        out.attrs.update(audience="intern", suppress_k=k)
        return out
    hidden, small = _hidden(df, spec, k)
    for c in counts:
        v = _nums(df, c)
        shown = np.where(hidden[c], np.nan, v)
        out[c] = round_to_tens(shown) if round_tens else shown
        out[suppressed_col(c)] = hidden[c]
        out[c + SMALL] = small[c]
    none = np.zeros(len(df), bool)
    rate_hide: dict[str, np.ndarray] = {}
    for rate, den, num in spec.rates:
        if rate not in df.columns:
            continue
        hide = rate_hide.setdefault(rate, none.copy())
        if den:
            d = _nums(df, den)
            hide |= np.isnan(d) | (d < k) | hidden.get(den, none)
        if num:
            hide |= hidden.get(num, none)
    for rate, hide in rate_hide.items():
        for col in (rate, f"{rate}_lo", f"{rate}_hi"):
            if col in out.columns:
                out[col] = np.where(hide, np.nan, _nums(df, col))
        out[suppressed_col(rate)] = hide
    # Intervals named lo/hi (one rate per row) follow the only rate.
    if len(rate_hide) == 1 and spec.rates[0][0] in df.columns:
        hide = out[suppressed_col(spec.rates[0][0])].to_numpy()
        for col in ("lo", "hi"):
            if col in out.columns:
                out[col] = np.where(hide, np.nan, _nums(df, col))
    out.attrs.update(audience="publiek", suppress_k=k, round_tens=round_tens)
    return out


def _hidden(df: pd.DataFrame, spec: Spec, k: int) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Hidden and primary-small masks per count column, from one protection over all lines."""
    n = len(df)
    values: list[np.ndarray] = []
    lines: list[tuple[tuple[int, ...], int]] = []
    base_of: dict[str, int] = {}
    virtual_of: dict[str, dict] = {}
    offset = 0

    def add(vals: np.ndarray) -> int:
        nonlocal offset
        values.append(np.asarray(vals, dtype="float64"))
        start = offset
        offset += len(vals)
        return start

    linetot = set(spec.linetotals)
    table_cols = [c for c in spec.counts if c in df.columns and c not in linetot]
    for c in table_cols:
        layout = table_layout(df, row_dim=spec.rows, col_dim=spec.cols, by=list(spec.by))
        start = add(layout.values(_nums(df, c)))
        base_of[c] = start
        lines += [(tuple(start + p for p in inner), start + tot) for inner, tot in layout.lines]
        virtual_of[c] = {key: start + layout.n_rows + i for i, (_, key) in enumerate(layout.virtual)}
    for a, b in spec.splits:
        for col in (a, b):
            if col not in base_of and col in df.columns and col not in linetot:
                base_of[col] = add(_nums(df, col))
        if a not in base_of or b not in base_of:
            continue
        rest = add(_nums(df, b) - _nums(df, a))
        lines += [((base_of[a] + i, rest + i), base_of[b] + i) for i in range(n)]
    # A repeated line total is the virtual total of its line: one cell, whatever row shows it.
    total_cell: dict[str, np.ndarray] = {}
    first = table_cols[0] if table_cols else None
    for c in spec.linetotals:
        if c not in df.columns or first is None or spec.cols:
            continue
        keys = [tuple(r) for r in df[list(spec.by)].itertuples(index=False, name=None)] if spec.by else [()] * n
        cells = np.array([virtual_of[first].get((key, None, None), -1) for key in keys])
        total_cell[c] = cells
        own = cells < 0  # no line total for this row: the shown total is a cell of its own
        if own.any():
            start = add(np.where(own, _nums(df, c), np.nan))
            cells = np.where(own, start + np.arange(n), cells)
            total_cell[c] = cells
    allv = np.concatenate(values) if values else np.zeros(0)
    mask = privacy.protect(allv, k, lines) if len(allv) else np.zeros(0, bool)
    primary = (allv >= 1) & (allv < k)
    hidden, small = {}, {}
    for c, start in base_of.items():
        hidden[c] = mask[start:start + n].copy()
        small[c] = primary[start:start + n].copy()
    for c, cells in total_cell.items():
        hidden[c] = mask[cells]
        small[c] = primary[cells]
    for c in spec.all_counts:
        if c in df.columns and c not in hidden:  # a count outside every line: primary rule only
            v = _nums(df, c)
            hidden[c] = small[c] = (v >= 1) & (v < k)
    return hidden, small
