"""Small-cell suppression for the publiek audience; exact counts for intern.

Two audiences (setting `audience`):

- **intern**: exact counts. Counts 1..k-1 get a `<col>__small` flag (and a row flag `small`) so
  a page can mark small groups; nothing is hidden.
- **publiek**: counts are protected with the rule below, k = setting `suppress_k` (default 5).

The rule (publiek), per count column, per table:

1. Primary suppression: a count of 1..k-1 is hidden. A count of 0 is shown: an empty cell is
   no person, and CBS publishes zeros too. Missing values (NaN) are left as they are.
2. Complementary suppression: a table is a set of *lines* (one-way: the categories of one
   group; two-way: every row and every column, margins included; Sankey: the outgoing and the
   incoming edges of every node). Each line has a total: an explicit total row (`total_rows`),
   or, without one, the sum the reader can see or add up (a stacked bar, a Sankey node, "9
   deelnemers"). A line with exactly one hidden cell (total included) gets a second hidden
   cell, so "total minus the visible cells" never gives one hidden cell. The second cell is the
   smallest visible non-zero cell of the line (a zero only when nothing else is left; the line's
   total only when no cell is left), ties broken by row order: deterministic. This repeats until
   every line has 0 or at least 2 hidden cells.
3. Audit: the hidden cells must not be derivable by combining lines either (in two-way tables
   two lines together can give one cell away). Every hidden cell that the system of line totals
   determines exactly gets a further complement; repeat until none is determined.
4. Rates: a rate (`rate_cols`: rate column → denominator column) is hidden, with its interval
   columns `<rate>_lo` and `<rate>_hi`, when the denominator is below k, when the denominator is
   hidden, or when its numerator (`rate_numerators`) is hidden: rate × denominator would give it.
5. Rounding (setting `round_publiek`, CBS style): visible counts are rounded half-up to tens,
   *after* the rule above was applied to the exact counts. Totals are rounded on their own,
   so rounded cells need not add up to the rounded total.

A total without a row of its own (a line's sum, a Sankey node) is a cell too: it is hidden when
it is below k or when it is the only cell left to hide. Such totals are listed in
`attrs["hidden_totals"]` (tables) and `attrs["hidden_nodes"]` (Sankey); a page must not show them.

Hidden cells stay in the frame as NaN with a `<col>__suppressed` flag, so a chart can mark them
("x") instead of dropping them. Why "x" and not "<5": a complementary cell can be large. Protection is against exact derivation from the shown numbers;
a sum of hidden cells can still bound them (two hidden cells of a line of 9 with 6 visible add
up to 3). Each count column is treated as a table of its own: do not show two columns whose
difference is a third count (placed and looking, say) without suppressing that difference too.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

AUDIENCES = ("intern", "publiek")
SUPPRESSED = "__suppressed"
SMALL = "__small"
MARK = "x"
LEGEND = ("x = afgeschermd: een aantal kleiner dan {k}, of een aantal dat is afgeschermd "
          "zodat een klein aantal niet uit het totaal is terug te rekenen.")


@dataclasses.dataclass(frozen=True)
class TableSpec:
    """How a result frame is shaped, for `apply_audience`."""

    count_cols: Sequence[str]
    rate_cols: Mapping[str, str | None] = dataclasses.field(default_factory=dict)
    rate_numerators: Mapping[str, str] = dataclasses.field(default_factory=dict)
    row_dim: str | None = None
    col_dim: str | None = None
    total_rows: Sequence = ()
    by: Sequence[str] = ()


def suppressed_col(col: str) -> str:
    """Name of the flag column that marks hidden values of `col`."""
    return col + SUPPRESSED


def small_col(col: str) -> str:
    """Name of the intern flag column that marks small counts of `col`."""
    return col + SMALL


def legend(k: int) -> str:
    """The Dutch footnote explaining the suppression mark."""
    return LEGEND.format(k=k)


def display(value, suppressed: bool = False, *, decimals: int = 0, percent: bool = False) -> str:
    """A value as Dutch text: the mark for a hidden value, '–' for missing, else 1.234,5 style."""
    if suppressed:
        return MARK
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return "–"
    x = float(value) * (100 if percent else 1)
    text = f"{x:,.{decimals}f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return text + ("%" if percent else "")


def round_to_tens(values: np.ndarray) -> np.ndarray:
    """Round half-up to tens (5 → 10, 14 → 10, 15 → 20); NaN stays NaN."""
    return np.floor(values / 10.0 + 0.5) * 10.0


def _numbers(df: pd.DataFrame, col: str) -> np.ndarray:
    return pd.to_numeric(df[col], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)


def _check_columns(df: pd.DataFrame, cols) -> None:
    missing = [c for c in cols if c is not None and c not in df.columns]
    if missing:
        raise ValueError(f"Kolom(men) {', '.join(missing)} ontbreken in de tabel "
                         f"(aanwezig: {', '.join(map(str, df.columns))}).")


def _groups(df: pd.DataFrame, by: Sequence[str]) -> list[tuple[tuple, np.ndarray]]:
    if not by:
        return [((), np.arange(len(df)))]
    idx = df.groupby(list(by), sort=True, dropna=False).indices
    return [(key if isinstance(key, tuple) else (key,), np.asarray(idx[key])) for key in sorted(idx, key=repr)]


@dataclasses.dataclass
class Layout:
    """The lines of a table. Cells 0..n_rows-1 are frame rows; higher cells are totals the reader
    sees without a row of their own (a line's sum, a Sankey node), to be hidden when needed."""

    n_rows: int
    lines: list[tuple[tuple[int, ...], int]] = dataclasses.field(default_factory=list)  # (cells, total)
    virtual: list[tuple[tuple[tuple[int, ...], ...], object]] = dataclasses.field(default_factory=list)

    def add_virtual(self, sums: tuple[tuple[int, ...], ...], key) -> int:
        """A new total cell whose value is the largest of the sums of the given frame rows."""
        self.virtual.append((sums, key))
        return self.n_rows + len(self.virtual) - 1

    def add_line(self, cells, total: int) -> None:
        if cells:
            self.lines.append((tuple(int(c) for c in cells), int(total)))

    def values(self, row_values: np.ndarray) -> np.ndarray:
        """Row values followed by the values of the virtual totals."""
        extra = [max(float(np.nansum(row_values[list(rows)])) for rows in sums) for sums, _ in self.virtual]
        return np.concatenate([np.asarray(row_values, dtype="float64"), np.array(extra, dtype="float64")])

    def hidden_totals(self, hidden: np.ndarray) -> list:
        """Keys of the virtual totals that must not be shown."""
        return [key for i, (_, key) in enumerate(self.virtual) if hidden[self.n_rows + i]]


def table_layout(df: pd.DataFrame, *, row_dim: str | None = None, col_dim: str | None = None,
                 total_rows: Sequence | None = None, by: Sequence[str] | None = None) -> Layout:
    """The lines of a one-way or two-way long-format table; missing totals become virtual cells.

    Virtual total keys are (by values, row value or None, col value or None); None = summed over.
    """
    totals = set(total_rows or ())
    layout = Layout(len(df))
    row_keys = df.index.to_numpy() if row_dim is None else df[row_dim].to_numpy()
    col_keys = None if col_dim is None else df[col_dim].to_numpy()
    for gkey, pos in _groups(df, by or ()):
        if col_keys is None:
            if row_dim is not None and len(set(row_keys[pos])) < len(pos):
                raise ValueError(f"Kolom '{row_dim}' heeft dubbele waarden binnen één tabel; "
                                 f"geef de kolommen die tabellen scheiden op als 'by'.")
            inner = tuple(int(p) for p in pos if row_keys[p] not in totals)
            tot = [int(p) for p in pos if row_keys[p] in totals]
            if len(tot) > 1:
                raise ValueError(f"Meer dan één totaalrij in één tabel ({len(tot)} rijen).")
            if inner:
                layout.add_line(inner, tot[0] if tot else layout.add_virtual((inner,), (gkey, None, None)))
            continue
        cells: dict[tuple, int] = {}
        for p in pos:
            r, c = row_keys[p], col_keys[p]
            key = (None if r in totals else r, None if c in totals else c)
            if key in cells:
                raise ValueError(f"Cel {row_dim}={r!r}, {col_dim}={c!r} komt meer dan eens voor; "
                                 f"geef de kolommen die tabellen scheiden op als 'by'.")
            cells[key] = int(p)
        inner = {rc: p for rc, p in cells.items() if None not in rc}
        rows = sorted({r for r, c in cells if r is not None}, key=repr)
        cols = sorted({c for r, c in cells if c is not None}, key=repr)

        def in_row(r):
            return tuple(sorted(p for (rr, _), p in inner.items() if rr == r))

        def in_col(c):
            return tuple(sorted(p for (_, cc), p in inner.items() if cc == c))

        row_tot = {r: cells.get((r, None)) for r in rows}
        col_tot = {c: cells.get((None, c)) for c in cols}
        for r in rows:
            if row_tot[r] is None:
                row_tot[r] = layout.add_virtual((in_row(r),), (gkey, r, None))
        for c in cols:
            if col_tot[c] is None:
                col_tot[c] = layout.add_virtual((in_col(c),), (gkey, None, c))
        grand = cells.get((None, None))
        if grand is None:
            grand = layout.add_virtual((tuple(sorted(inner.values())),), (gkey, None, None))
        for r in rows:
            layout.add_line(in_row(r), row_tot[r])
        for c in cols:
            layout.add_line(in_col(c), col_tot[c])
        layout.add_line([col_tot[c] for c in cols], grand)
        layout.add_line([row_tot[r] for r in rows], grand)
    return layout


def _complement(line, values: np.ndarray, hidden: np.ndarray) -> int | None:
    """The visible cell of a line to hide next: smallest non-zero, then zero, then the total."""
    inner, total = line
    cands = [p for p in inner if not hidden[p] and not np.isnan(values[p])]
    if cands:
        return min(cands, key=lambda p: _order(p, values))
    if not hidden[total] and not np.isnan(values[total]):
        return total
    return None


def _order(p: int, values: np.ndarray) -> tuple:
    return (bool(values[p] == 0), float(values[p]), p)


def _two_rule(lines, values: np.ndarray, hidden: np.ndarray) -> None:
    changed = True
    while changed:
        changed = False
        for line in lines:
            inner, total = line
            if sum(bool(hidden[p]) for p in inner) + bool(hidden[total]) == 1:
                pick = _complement(line, values, hidden)
                if pick is not None:
                    hidden[pick] = True
                    changed = True


def derivable(lines, hidden: np.ndarray) -> list[int]:
    """Hidden cells that the lines (cells sum to total) determine exactly, in position order."""
    hpos = np.flatnonzero(hidden)
    if len(hpos) == 0:
        return []
    col_of = {int(p): j for j, p in enumerate(hpos)}
    rows = []
    for inner, total in lines:
        row = np.zeros(len(hpos))
        for p in inner:
            if p in col_of:
                row[col_of[p]] = 1.0
        if total in col_of:
            row[col_of[total]] = -1.0
        if row.any():
            rows.append(row)
    if not rows:
        return []
    _, s, vt = np.linalg.svd(np.array(rows))
    rank = int((s > 1e-9 * max(1.0, s.max())).sum())
    null = vt[rank:]
    # A cell is determined when no solution of the homogeneous system can move it.
    free = np.abs(null).max(axis=0) > 1e-9 if len(null) else np.zeros(len(hpos), bool)
    return [int(p) for p, f in zip(hpos, free) if not f]


def protect(values: np.ndarray, k: int, lines) -> np.ndarray:
    """The hidden-cell mask: primary suppression, then complements until nothing can be derived."""
    values = np.asarray(values, dtype="float64")
    hidden = (values >= 1) & (values < k) & ~np.isnan(values)
    while True:
        _two_rule(lines, values, hidden)
        bad = set(derivable(lines, hidden))
        if not bad:
            return hidden
        picks = [p for line in lines if bad & {*line[0], line[1]}
                 if (p := _complement(line, values, hidden)) is not None]
        if not picks:
            # The lines of the derivable cells are fully hidden: widen to every line with a hidden cell.
            picks = [p for line in lines if hidden[[*line[0], line[1]]].any()
                     if (p := _complement(line, values, hidden)) is not None]
        if not picks:
            return hidden  # everything that takes part is hidden; nothing left to hide
        totals = {total for _, total in lines}
        # Prefer cells over totals: a shown total is worth more to the reader.
        hidden[min(picks, key=lambda p: (p in totals, *_order(p, values)))] = True


def _apply_rates(out: pd.DataFrame, df: pd.DataFrame, k: int, hidden_by_col: dict[str, np.ndarray],
                 rate_cols: Mapping[str, str | None], rate_numerators: Mapping[str, str]) -> None:
    none = np.zeros(len(df), bool)
    for rate in dict.fromkeys([*rate_cols, *rate_numerators]):
        hide = none.copy()
        den = rate_cols.get(rate)
        if den is not None:
            d = _numbers(df, den)
            hide |= np.isnan(d) | (d < k) | hidden_by_col.get(den, none)
        num = rate_numerators.get(rate)
        if num is not None:
            hide |= hidden_by_col.get(num, none)
        for col in (rate, f"{rate}_lo", f"{rate}_hi"):
            if col in out.columns:
                out[col] = np.where(hide, np.nan, _numbers(df, col))
        out[suppressed_col(rate)] = hide


def suppress_table(df: pd.DataFrame, count_cols: list[str], k: int, *,
                   rate_cols: Mapping[str, str | None] | None = None,
                   rate_numerators: Mapping[str, str] | None = None,
                   row_dim: str | None = None, col_dim: str | None = None,
                   total_rows: list | None = None, by: Sequence[str] | None = None,
                   round_tens: bool = False) -> pd.DataFrame:
    """A publiek copy of a long-format table: hidden counts as NaN plus `<col>__suppressed` flags."""
    rate_cols = dict(rate_cols or {})
    rate_numerators = dict(rate_numerators or {})
    _check_columns(df, [*count_cols, *rate_cols, *(d for d in rate_cols.values()),
                        *rate_numerators.values(), row_dim, col_dim, *(by or ())])
    if col_dim is not None and row_dim is None:
        raise ValueError("Een tweedimensionale tabel heeft zowel 'row_dim' als 'col_dim' nodig.")
    layout = table_layout(df, row_dim=row_dim, col_dim=col_dim, total_rows=total_rows, by=by)
    out = df.copy()
    hidden_by_col: dict[str, np.ndarray] = {}
    hidden_totals: dict[str, list] = {}
    for col in count_cols:
        hidden = protect(layout.values(_numbers(df, col)), k, layout.lines)
        hidden_totals[col] = layout.hidden_totals(hidden)
        hidden = hidden[:len(df)]
        shown = np.where(hidden, np.nan, _numbers(df, col))
        out[col] = round_to_tens(shown) if round_tens else shown
        out[suppressed_col(col)] = hidden
        hidden_by_col[col] = hidden
    _apply_rates(out, df, k, hidden_by_col, rate_cols, rate_numerators)
    out.attrs.update(audience="publiek", suppress_k=k, round_tens=round_tens, hidden_totals=hidden_totals)
    return out



def suppress_sankey_edges(edges: pd.DataFrame, k: int, *, source: str = "source", target: str = "target",
                          n: str = "n", round_tens: bool = False) -> pd.DataFrame:
    """A publiek copy of a Sankey edge table, protected against every node's total.

    A node's total (the larger of its in- and outflow) is one cell shared by its incoming and its
    outgoing edges; nodes whose total must not be shown are listed in `attrs["hidden_nodes"]`.
    """
    _check_columns(edges, [source, target, n])
    layout = Layout(len(edges))
    src, tgt = edges[source].to_numpy(), edges[target].to_numpy()
    for node in sorted({*src, *tgt}, key=repr):
        outs = tuple(int(p) for p in np.flatnonzero(src == node))
        ins = tuple(int(p) for p in np.flatnonzero(tgt == node))
        total = layout.add_virtual(tuple(x for x in (outs, ins) if x), node)
        layout.add_line(outs, total)
        layout.add_line(ins, total)
    values = _numbers(edges, n)
    hidden = protect(layout.values(values), k, layout.lines)
    out = edges.copy()
    shown = np.where(hidden[:len(edges)], np.nan, values)
    out[n] = round_to_tens(shown) if round_tens else shown
    out[suppressed_col(n)] = hidden[:len(edges)]
    out.attrs.update(audience="publiek", suppress_k=k, round_tens=round_tens, hidden_nodes=layout.hidden_totals(hidden))
    return out


def mark_small(df: pd.DataFrame, count_cols: Sequence[str], k: int) -> pd.DataFrame:
    """An intern copy: exact values, `<col>__small` and `small` flags, `<col>__suppressed` all False."""
    _check_columns(df, count_cols)
    out = df.copy()
    any_small = np.zeros(len(df), bool)
    for col in count_cols:
        v = _numbers(df, col)
        small = (v >= 1) & (v < k)
        out[small_col(col)] = small
        out[suppressed_col(col)] = np.zeros(len(df), bool)
        any_small |= small
    out["small"] = any_small
    out.attrs.update(audience="intern", suppress_k=k, round_tens=False)
    return out


def audience_settings() -> tuple[str, int, bool]:
    """The configured (audience, suppress_k, round_publiek)."""
    from . import config

    return config.get("audience"), int(config.get("suppress_k")), bool(config.get("round_publiek"))


def apply_audience(df: pd.DataFrame, spec: TableSpec | Mapping, audience: str | None = None, *,
                   k: int | None = None, round_tens: bool | None = None) -> pd.DataFrame:
    """The frame as the audience may see it: intern marks small groups, publiek suppresses."""
    if not isinstance(spec, TableSpec):
        spec = TableSpec(**spec)
    cfg_audience, cfg_k, cfg_round = audience_settings()
    audience = cfg_audience if audience is None else audience
    k = cfg_k if k is None else k
    round_tens = cfg_round if round_tens is None else round_tens
    if audience not in AUDIENCES:
        raise ValueError(f"Onbekend publiek '{audience}': kies 'intern' of 'publiek'.")
    if audience == "intern":
        return mark_small(df, spec.count_cols, k)
    return suppress_table(df, list(spec.count_cols), k, rate_cols=spec.rate_cols,
                          rate_numerators=spec.rate_numerators, row_dim=spec.row_dim, col_dim=spec.col_dim,
                          total_rows=list(spec.total_rows), by=list(spec.by), round_tens=round_tens)


def add_totals(df: pd.DataFrame, count_cols: Sequence[str], row_dim: str, col_dim: str | None = None, *,
               label: str = "Totaal", by: Sequence[str] | None = None) -> pd.DataFrame:
    """Append explicit margin rows (label in row_dim, and col_dim if given) so totals are protected too."""
    _check_columns(df, [*count_cols, row_dim, col_dim, *(by or ())])
    keys = list(by or ())
    parts = [df]
    if col_dim is None:
        grp = df.groupby(keys, sort=True, dropna=False)[list(count_cols)].sum().reset_index() if keys \
            else df[list(count_cols)].sum().to_frame().T
        parts.append(grp.assign(**{row_dim: label}))
    else:
        by_col = df.groupby([*keys, col_dim], sort=True, dropna=False)[list(count_cols)].sum().reset_index()
        by_row = df.groupby([*keys, row_dim], sort=True, dropna=False)[list(count_cols)].sum().reset_index()
        grand = (df.groupby(keys, sort=True, dropna=False)[list(count_cols)].sum().reset_index() if keys
                 else df[list(count_cols)].sum().to_frame().T)
        parts += [by_col.assign(**{row_dim: label}), by_row.assign(**{col_dim: label}),
                  grand.assign(**{row_dim: label, col_dim: label})]
    out = pd.concat(parts, ignore_index=True)
    return out[[c for c in df.columns if c in out.columns]]
