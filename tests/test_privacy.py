"""Small-cell suppression: properties over random tables, and the pilot of 9 from the sources."""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meedoen import privacy
from meedoen.privacy import TableSpec, apply_audience, suppress_sankey_edges, suppress_table

TOTAL = "Totaal"
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

counts = st.one_of(st.integers(0, 6), st.integers(0, 60))
ks = st.sampled_from([2, 3, 5, 10])


# --- an independent checker: the system of line totals a reader can set up ---------------------

def determined(constraints: list[dict], hidden: set) -> set:
    """Hidden cells the constraints fix exactly: e_i lies in the row space of the hidden columns."""
    cells = sorted(hidden, key=repr)
    if not cells or not constraints:
        return set()
    a = np.array([[c.get(i, 0.0) for i in cells] for c in constraints])
    a = a[np.abs(a).sum(axis=1) > 0]
    if len(a) == 0:
        return set()
    rank = np.linalg.matrix_rank(a)
    out = set()
    for j, i in enumerate(cells):
        e = np.zeros(len(cells))
        e[j] = 1
        if np.linalg.matrix_rank(np.vstack([a, e])) == rank:
            out.add(i)
    return out


def check_lines(lines: list[tuple[list, object]], hidden: set) -> None:
    """Each line (cells summing to a total) has 0 or ≥2 hidden members; no hidden cell is determined."""
    constraints = []
    for inner, total in lines:
        members = [*inner, total]
        assert len(hidden & set(members)) != 1, f"line {members} has exactly one hidden cell"
        c = {i: 1.0 for i in inner}
        c[total] = -1.0
        constraints.append(c)
    assert not determined(constraints, hidden), "a hidden cell can be derived from the totals"


def check_primary(original: pd.Series, out: pd.DataFrame, col: str, k: int, rounded: bool) -> None:
    hidden = out[col + "__suppressed"].to_numpy()
    shown = out[col].to_numpy(dtype=float)
    orig = original.to_numpy(dtype=float)
    assert np.isnan(shown[hidden]).all()
    assert not ((orig >= 1) & (orig < k) & ~hidden).any(), "a small count is visible"
    expected = np.floor(orig / 10 + 0.5) * 10 if rounded else orig
    assert (shown[~hidden] == expected[~hidden]).all()
    if rounded:
        assert (shown[~hidden] % 10 == 0).all()


# --- one-way tables ------------------------------------------------------------------------------

@SETTINGS
@given(values=st.lists(counts, min_size=1, max_size=8), k=ks, with_total=st.booleans(), rounded=st.booleans())
def test_one_way_publiek_hides_small_counts_and_cannot_be_derived(values, k, with_total, rounded):
    df = pd.DataFrame({"cat": [f"c{i}" for i in range(len(values))], "n": values})
    if with_total:
        df = pd.concat([df, pd.DataFrame({"cat": [TOTAL], "n": [sum(values)]})], ignore_index=True)
    out = suppress_table(df, ["n"], k, row_dim="cat", total_rows=[TOTAL] if with_total else None,
                         round_tens=rounded)
    check_primary(df["n"], out, "n", k, rounded)
    hidden = set(np.flatnonzero(out["n__suppressed"]))
    hidden_totals = out.attrs["hidden_totals"]["n"]
    if with_total:
        assert hidden_totals == []
        check_lines([(list(range(len(values))), len(values))], hidden)
    else:
        # Without a total row the sum the page shows is a cell too; it is hidden when listed.
        assert hidden_totals in ([], [((), None, None)])
        check_lines([(list(range(len(values))), "sum")], hidden | ({"sum"} if hidden_totals else set()))


@SETTINGS
@given(values=st.lists(counts, min_size=1, max_size=8), k=ks)
def test_intern_returns_exact_values_and_marks_small_groups(values, k):
    df = pd.DataFrame({"cat": [f"c{i}" for i in range(len(values))], "n": values})
    out = apply_audience(df, TableSpec(count_cols=["n"], row_dim="cat"), "intern", k=k, round_tens=True)
    assert out["n"].tolist() == values
    assert out["n__small"].tolist() == [1 <= v < k for v in values]
    assert out["small"].tolist() == [1 <= v < k for v in values]
    assert not out["n__suppressed"].any()


# --- two-way tables ------------------------------------------------------------------------------

def two_way_frame(matrix: list[list[int]], margins: bool) -> pd.DataFrame:
    rows = [(f"r{i}", f"c{j}", v) for i, row in enumerate(matrix) for j, v in enumerate(row)]
    if margins:
        m = np.array(matrix)
        rows += [(f"r{i}", TOTAL, int(s)) for i, s in enumerate(m.sum(axis=1))]
        rows += [(TOTAL, f"c{j}", int(s)) for j, s in enumerate(m.sum(axis=0))]
        rows += [(TOTAL, TOTAL, int(m.sum()))]
    return pd.DataFrame(rows, columns=["region", "kind", "n"])


def two_way_check(df: pd.DataFrame, out: pd.DataFrame, n_rows: int, n_cols: int) -> None:
    """Check every row and column of the full table, margins included, shown or virtual."""
    hidden = {(r, c) for r, c, h in zip(df["region"], df["kind"], out["n__suppressed"]) if h}
    present = set(zip(df["region"], df["kind"]))
    for by, r, c in out.attrs["hidden_totals"]["n"]:
        assert by == ()
        cell = (r or TOTAL, c or TOTAL)
        assert cell not in present, "an explicit total is reported as a virtual one"
        hidden.add(cell)
    rows = [f"r{i}" for i in range(n_rows)]
    cols = [f"c{j}" for j in range(n_cols)]
    lines = [([(r, c) for c in cols], (r, TOTAL)) for r in [*rows, TOTAL]]
    lines += [([(r, c) for r in rows], (TOTAL, c)) for c in [*cols, TOTAL]]
    check_lines(lines, hidden)


matrices = st.integers(1, 5).flatmap(
    lambda r: st.integers(1, 5).flatmap(lambda c: st.lists(st.lists(counts, min_size=c, max_size=c),
                                                          min_size=r, max_size=r)))


@SETTINGS
@given(matrix=matrices, k=ks, margins=st.booleans(), rounded=st.booleans())
def test_two_way_publiek_every_line_protected(matrix, k, margins, rounded):
    df = two_way_frame(matrix, margins)
    out = suppress_table(df, ["n"], k, row_dim="region", col_dim="kind",
                         total_rows=[TOTAL] if margins else None, round_tens=rounded)
    check_primary(df["n"], out, "n", k, rounded)
    two_way_check(df, out, len(matrix), len(matrix[0]))


@SETTINGS
@given(rows=st.lists(st.tuples(st.integers(0, 60), counts), min_size=1, max_size=8), k=ks)
def test_rates_hidden_when_denominator_small_or_numerator_hidden(rows, k):
    df = pd.DataFrame([(f"GM{i:04d}", min(p, d), d) for i, (d, p) in enumerate(rows)],
                      columns=["gemeente_code", "placed", "looking"])
    df["rate"] = df["placed"] / df["looking"].where(df["looking"] > 0)
    df["rate_lo"], df["rate_hi"] = df["rate"] * 0.9, df["rate"] * 1.1
    out = suppress_table(df, ["placed"], k, rate_cols={"rate": "looking"}, rate_numerators={"rate": "placed"},
                         row_dim="gemeente_code")
    expect = (df["looking"] < k) | out["placed__suppressed"]
    assert out["rate__suppressed"].tolist() == expect.tolist()
    for col in ("rate", "rate_lo", "rate_hi"):
        assert out.loc[expect, col].isna().all()
        pd.testing.assert_series_equal(out.loc[~expect, col], df.loc[~expect, col])


edge_lists = st.lists(st.tuples(st.sampled_from(["A", "B"]), st.sampled_from(["x", "y", "z", "w"]), counts),
                      min_size=1, max_size=8, unique_by=lambda t: t[:2])


@SETTINGS
@given(edges=edge_lists, k=ks)
def test_sankey_edges_protected_against_node_totals(edges, k):
    df = pd.DataFrame(edges, columns=["source", "target", "n"])
    out = suppress_sankey_edges(df, k)
    check_primary(df["n"], out, "n", k, False)
    # Each node's total (shown as its size) is one cell shared by its incoming and outgoing edges.
    lines = [(list(np.flatnonzero(df[end] == node)), f"node:{node}")
             for end in ("source", "target") for node in set(df[end])]
    hidden = set(np.flatnonzero(out["n__suppressed"])) | {f"node:{x}" for x in out.attrs["hidden_nodes"]}
    check_lines(lines, hidden)


# --- the pilot of 9 (Leidschendam-Voorburg 2016), counted by DuckDB from a parquet export ----------

@pytest.fixture
def pilot_outflow(tmp_path):
    outcomes = ["regulier_werk"] * 2 + ["traject_naar_werk"] + ["beschut_werk_nodig"] * 6
    pd.DataFrame({"pilot": "Alternatief beschut werk 2016", "gemeente_code": "GM1916",
                  "person_key": [f"P{i:02d}" for i in range(9)], "outcome": outcomes}).to_parquet(
        tmp_path / "pilots.parquet")
    con = duckdb.connect()
    try:
        return con.execute("SELECT outcome, count(*) AS n FROM read_parquet($p) GROUP BY ALL ORDER BY outcome DESC",
                           {"p": str(tmp_path / "pilots.parquet")}).df()
    finally:
        con.close()


def test_pilot_outflow_publiek_hides_the_two_small_groups(pilot_outflow):
    spec = TableSpec(count_cols=["n"], row_dim="outcome")
    out = apply_audience(pilot_outflow, spec, "publiek", k=5, round_tens=False)
    shown = dict(zip(out["outcome"], out["n"]))
    assert np.isnan(shown["regulier_werk"]) and np.isnan(shown["traject_naar_werk"])
    assert shown["beschut_werk_nodig"] == 6


def test_pilot_outflow_with_total_row_keeps_the_total(pilot_outflow):
    table = privacy.add_totals(pilot_outflow, ["n"], "outcome")
    out = suppress_table(table, ["n"], 5, row_dim="outcome", total_rows=[TOTAL])
    assert dict(zip(out["outcome"], out["n__suppressed"])) == {
        "regulier_werk": True, "traject_naar_werk": True, "beschut_werk_nodig": False, TOTAL: False}
    assert out.loc[out["outcome"] == TOTAL, "n"].item() == 9


def test_pilot_outflow_intern_is_exact(pilot_outflow):
    out = apply_audience(pilot_outflow, {"count_cols": ["n"], "row_dim": "outcome"}, "intern", k=5)
    assert dict(zip(out["outcome"], out["n"])) == {"regulier_werk": 2, "traject_naar_werk": 1,
                                                   "beschut_werk_nodig": 6}
    assert dict(zip(out["outcome"], out["small"])) == {"regulier_werk": True, "traject_naar_werk": True,
                                                       "beschut_werk_nodig": False}


def test_pilot_sankey_publiek(pilot_outflow):
    edges = pilot_outflow.rename(columns={"outcome": "target"}).assign(source="Deelnemers")
    out = suppress_sankey_edges(edges, 5)
    assert dict(zip(out["target"], out["n"].fillna(-1))) == {"regulier_werk": -1, "traject_naar_werk": -1,
                                                            "beschut_werk_nodig": 6}
    # The 9 participants may show; the two small outcome nodes may not show a size.
    assert out.attrs["hidden_nodes"] == ["regulier_werk", "traject_naar_werk"]


# --- concrete rules --------------------------------------------------------------------------------

def hidden_of(values, k=5, **kw):
    df = pd.DataFrame({"cat": [f"c{i}" for i in range(len(values))], "n": values})
    return suppress_table(df, ["n"], k, row_dim="cat", **kw)["n__suppressed"].tolist()


def test_complement_is_the_smallest_visible_nonzero_cell_first_in_order():
    assert hidden_of([3, 8, 7, 20, 7]) == [True, False, True, False, False]
    assert hidden_of([3, 0, 9]) == [True, False, True]
    assert hidden_of([3, 0]) == [True, False]  # the sum 3 is hidden instead
    assert hidden_of([0, 0, 12]) == [False, False, False]


def test_lone_small_cell_with_total_hides_the_total():
    df = pd.DataFrame({"cat": ["a", TOTAL], "n": [3, 3]})
    out = suppress_table(df, ["n"], 5, row_dim="cat", total_rows=[TOTAL])
    assert out["n__suppressed"].tolist() == [True, True]


def test_threshold_applies_before_rounding():
    df = pd.DataFrame({"cat": list("abcdef"), "n": [4, 5, 14, 15, 0, 4]})
    out = suppress_table(df, ["n"], 5, row_dim="cat", round_tens=True)
    assert out["n__suppressed"].tolist() == [True, False, False, False, False, True]
    assert out["n"].fillna(-1).tolist() == [-1, 10, 10, 20, 0, -1]


def test_audit_finds_a_cell_two_lines_give_away():
    # Two hidden 4-cycles joined by one hidden cell, all line totals shown: every line has two
    # hidden cells, yet the joining cell is the difference of two row sums and two column sums.
    cells = {(r, c): i for i, (r, c) in enumerate([(1, 1), (1, 2), (2, 1), (2, 2), (3, 3), (3, 4), (4, 3), (4, 4),
                                                   (1, 3)])}
    lines = []
    for axis in (0, 1):
        for key in sorted({k[axis] for k in cells}):
            lines.append((tuple(i for k, i in cells.items() if k[axis] == key), len(cells) + len(lines)))
    hidden = np.zeros(len(cells) + len(lines), bool)
    hidden[:len(cells)] = True
    assert privacy.derivable(lines, hidden) == [cells[(1, 3)]]
    values = np.array([9.0] * len(cells) + [50.0] * len(lines))
    values[cells[(1, 3)]] = 2
    fixed = privacy.protect(values, 5, lines)
    assert fixed[:len(cells)].all() and privacy.derivable(lines, fixed) == []


def test_groups_in_by_are_protected_separately():
    df = pd.DataFrame({"pilot": ["p1"] * 3 + ["p2"] * 3, "outcome": ["a", "b", "c"] * 2, "n": [2, 9, 8, 7, 6, 20]})
    out = suppress_table(df, ["n"], 5, row_dim="outcome", by=["pilot"])
    assert out["n__suppressed"].tolist() == [True, False, True, False, False, False]


def test_display_marks_hidden_values_and_formats_dutch():
    assert privacy.display(np.nan, True) == "x"
    assert privacy.display(np.nan) == "–"
    assert privacy.display(1234) == "1.234"
    assert privacy.display(0.256, decimals=1, percent=True) == "25,6%"
    assert "5" in privacy.legend(5)


def test_audience_and_k_come_from_settings(monkeypatch):
    monkeypatch.setenv("MEEDOEN_AUDIENCE", "publiek")
    monkeypatch.setenv("MEEDOEN_SUPPRESS_K", "3")
    df = pd.DataFrame({"cat": ["a", "b", "c"], "n": [3, 2, 40]})
    out = apply_audience(df, TableSpec(count_cols=["n"], row_dim="cat"))
    assert out["n__suppressed"].tolist() == [True, True, False]
    assert out.attrs["suppress_k"] == 3


def test_errors_name_the_problem():
    df = pd.DataFrame({"cat": ["a", "a"], "n": [1, 2]})
    with pytest.raises(ValueError, match="publiek"):
        apply_audience(df, TableSpec(count_cols=["n"]), "iedereen", k=5)
    with pytest.raises(ValueError, match="aantal"):
        suppress_table(df, ["aantal"], 5)
    with pytest.raises(ValueError, match="dubbele"):
        suppress_table(df, ["n"], 5, row_dim="cat")
