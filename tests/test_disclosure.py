"""The differencing attack on the publiek numbers (docs/privacy.md), run through the real query layer.

An attacker who knows the method and its parameters (not the secret) reads the placement rate's counts
(placed, looking) of every gemeente, arbeidsmarktregio, provincie and the Netherlands, for 2016 and 2024,
per year, half year, quarter and month, for all people and per doelgroep and per programme: the
numbers any visitor of a publiek server can open by URL. They are given every linear relation that
really holds between those counts (a year is its halves, a region is its gemeenten, all doelgroepen
are the sum of each, looking = placed + not placed), and narrow each count down to an interval by
propagating all relations together until nothing changes (each relation tightens every count in it
from the current bounds of the others, round after round, so chains of relations combine). No count of 1..k-1 may come out as one value, and every hidden count's interval
must be at least as wide as docs/privacy.md promises.

The charts' stacks get the same attack: every kind of work and every total per month and quarter (the
numbers the grey 'afgeschermd' piece is made of), with the stack, period and region relations.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pytest

K = 5
YEARS = (2016, 2024)
BIG = 1e9
MEASURES = ("placed", "looking")


# ------------------------------------------------------------------ what is published

def periods(year: int) -> tuple[dict, dict]:
    """{label: (start, end)} for the year, its halves, quarters and months; {parent: children}."""
    d = dt.date
    months = {f"M{m:02d}": (d(year, m, 1), (d(year, m + 1, 1) if m < 12 else d(year + 1, 1, 1)) - dt.timedelta(days=1))
              for m in range(1, 13)}
    quarters = {f"Q{q}": (months[f"M{3 * q - 2:02d}"][0], months[f"M{3 * q:02d}"][1]) for q in range(1, 5)}
    halves = {"H1": (d(year, 1, 1), d(year, 6, 30)), "H2": (d(year, 7, 1), d(year, 12, 31))}
    spans = {"Y": (d(year, 1, 1), d(year, 12, 31)), **halves, **quarters, **months}
    children = {"Y": ["H1", "H2"], "H1": ["Q1", "Q2"], "H2": ["Q3", "Q4"],
                **{f"Q{q}": [f"M{m:02d}" for m in range(3 * q - 2, 3 * q + 1)] for q in range(1, 5)}}
    return spans, children


def collect(run, doelgroepen, programmes) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every count of the attack as published and as it truly is (frames of measure, region, level, year,
    period, sel, value, hidden, small).

    `run(name, **params)` returns (the result as the audience sees it, the exact result).
    """
    sels = [("all", None, None)] + [(f"d:{x}", None, x) for x in doelgroepen] + [(f"p:{x}", x, None) for x in programmes]
    jobs = []
    for year in YEARS:
        spans, _ = periods(year)
        for per, (start, end) in spans.items():
            for sel, programme, doelgroep in sels:
                common = dict(start=start, end=end, programme=programme, doelgroep=doelgroep)
                for lvl in ("gemeente", "arbeidsmarktregio", "provincie"):
                    jobs.append(((lvl, year, per, sel), "placement_rate_by_region", dict(level=lvl, region=None, **common)))
                jobs.append((("nl", year, per, sel), "placement_rate", dict(region=None, **common)))
    with ThreadPoolExecutor(max_workers=2) as pool:  # the query layer is thread-safe; two cores
        results = list(pool.map(lambda j: run(j[1], **j[2]), jobs))
    rows, true_rows = [], []
    for ((lvl, year, per, sel), _, _), (pub, raw) in zip(jobs, results):
        if lvl == "nl":
            pub, raw = pub.assign(region_code="NL"), raw.assign(region_code="NL")
        for out, frame in ((rows, pub), (true_rows, raw)):
            for m in MEASURES:
                hid = frame.get(f"{m}__suppressed", pd.Series(False, index=frame.index)).to_numpy(bool)
                small = frame.get(f"{m}__small", pd.Series(False, index=frame.index)).to_numpy(bool)
                for code, v, h, s in zip(frame["region_code"], pd.to_numeric(frame[m]), hid, small):
                    out.append((m, code, lvl, year, per, sel, float(v) if pd.notna(v) else np.nan, h, s))
    cols = ["measure", "region", "level", "year", "period", "sel", "value", "hidden", "small"]
    return pd.DataFrame(rows, columns=cols), pd.DataFrame(true_rows, columns=cols)


# ------------------------------------------------------------------ the attacker

class System:
    """Unknown true counts, the attacker's box for each, and relations `parent = sum(children)`."""

    def __init__(self):
        self.index: dict[tuple, int] = {}
        self.lo: list[float] = []
        self.hi: list[float] = []
        self.rows: list[tuple[int, list[int]]] = []

    def var(self, key, lo=0.0, hi=BIG) -> int:
        if key not in self.index:
            self.index[key] = len(self.lo)
            self.lo.append(lo)
            self.hi.append(hi)
        return self.index[key]

    def relate(self, parent: int, children: list[int]) -> None:
        self.rows.append((parent, children))

    def arrays(self):
        r, v, c = [], [], []
        for i, (p, ch) in enumerate(self.rows):
            r += [i] * (len(ch) + 1)
            v += [p, *ch]
            c += [-1.0] + [1.0] * len(ch)
        return np.array(r), np.array(v), np.array(c)

    def propagate(self, max_rounds: int = 1000) -> tuple[np.ndarray, np.ndarray]:
        """Bounds implied by all relations together (interval propagation to a fixed point, integers)."""
        lo, hi = np.array(self.lo, float), np.array(self.hi, float)
        r, v, c = self.arrays()
        n_rows = len(self.rows)
        for _ in range(max_rounds):
            lo_t = np.where(c > 0, c * lo[v], c * hi[v])  # smallest value of each term
            hi_t = np.where(c > 0, c * hi[v], c * lo[v])
            smin = np.bincount(r, lo_t, n_rows)
            smax = np.bincount(r, hi_t, n_rows)
            a = -(smax[r] - hi_t)  # c_i x_i lies in [a, b]
            b = -(smin[r] - lo_t)
            new_lo, new_hi = lo.copy(), hi.copy()
            np.maximum.at(new_lo, v, np.where(c > 0, a, -b))
            np.minimum.at(new_hi, v, np.where(c > 0, b, -a))
            new_lo = np.ceil(new_lo - 1e-6)
            new_hi = np.floor(new_hi + 1e-6)
            if np.array_equal(new_lo, lo) and np.array_equal(new_hi, hi):
                break
            lo, hi = new_lo, new_hi
        return lo, hi


def cell_key_box(value: float, hidden: bool, small: bool, k: int = K, d: int = 2) -> tuple[float, float]:
    """What the method lets an attacker know of a count: published p comes from [max(k, p-d), p+d];
    a withheld count lies in [0, k-1+d] (docs/privacy.md)."""
    if hidden:
        return 0.0, float(k - 1 + d)
    return max(float(k), value - d), value + d


def attack(published: pd.DataFrame, truth: pd.DataFrame, parents: pd.DataFrame, box) -> dict:
    """Build the attacker's system from the published counts and every relation that holds in the truth."""
    sysm = System()
    true_of: dict[int, float] = {}
    cols = ["measure", "region", "year", "period", "sel"]
    tru = dict(zip(zip(*(truth[c] for c in cols)), truth["value"]))
    for *key, value, hidden, small in zip(*(published[c] for c in cols), published["value"],
                                         published["hidden"], published["small"]):
        key = tuple(key)
        lo, hi = box(value, bool(hidden), bool(small))
        i = sysm.var(key, lo, hi)
        true_of[i] = float(tru.get(key, 0.0))
    # Rows a query leaves out are known zeros.
    for key, value in tru.items():
        if key not in sysm.index:
            i = sysm.var(key, 0.0, 0.0)
            true_of[i] = float(value)
    keys = list(sysm.index)
    # not placed = looking - placed: a count of people too, shown to nobody.
    for key in [k for k in keys if k[0] == "looking"]:
        placed = sysm.index.get(("placed", *key[1:]))
        if placed is None:
            continue
        rest = sysm.var(("rest", *key[1:]))
        true_of[rest] = true_of[sysm.index[key]] - true_of[placed]
        sysm.relate(sysm.index[key], [placed, rest])
    kept = defaultdict(int)
    dropped = defaultdict(int)

    def relate(kind, parent_key, child_keys):
        if parent_key not in sysm.index or not all(c in sysm.index for c in child_keys) or not child_keys:
            return
        p = sysm.index[parent_key]
        ch = [sysm.index[c] for c in child_keys]
        if abs(true_of[p] - sum(true_of[c] for c in ch)) < 0.5:  # the attacker gets every relation that holds
            sysm.relate(p, ch)
            kept[kind] += 1
        else:
            dropped[kind] += 1

    am_of = parents.groupby("arbeidsmarktregio_code")["gemeente_code"].apply(list).to_dict()
    pv_of = parents.groupby("provincie_code")["gemeente_code"].apply(list).to_dict()
    sels = sorted({k[4] for k in keys})
    doel = [s for s in sels if s.startswith("d:")]
    prog = [s for s in sels if s.startswith("p:")]
    for year in YEARS:
        spans, children = periods(year)
        for m in (*MEASURES, "rest"):
            for per in spans:
                for sel in sels:
                    for am, gms in am_of.items():
                        relate("region", (m, am, year, per, sel), [(m, g, year, per, sel) for g in gms])
                    for pv, gms in pv_of.items():
                        relate("region", (m, pv, year, per, sel), [(m, g, year, per, sel) for g in gms])
                    relate("region", (m, "NL", year, per, sel), [(m, pv, year, per, sel) for pv in pv_of])
            regions = sorted({k[1] for k in keys})
            for region in regions:
                for per in spans:
                    relate("doelgroep", (m, region, year, per, "all"), [(m, region, year, per, s) for s in doel])
                    relate("programme", (m, region, year, per, "all"), [(m, region, year, per, s) for s in prog])
                for sel in sels:
                    for parent, ch in children.items():
                        relate("period", (m, region, year, parent, sel), [(m, region, year, c, sel) for c in ch])
    lo, hi = sysm.propagate()
    truth_arr = np.array([true_of[i] for i in range(len(lo))])
    # The attacker's model must be right: the true counts lie inside every box it derives.
    outside = int(((truth_arr < lo - 1e-6) | (truth_arr > hi + 1e-6)).sum())
    targets = np.flatnonzero((truth_arr >= 1) & (truth_arr <= K - 1))
    recovered = [int(t) for t in targets if lo[t] == hi[t]]
    inv = {i: key for key, i in sysm.index.items()}
    min_width = float((hi[targets] - lo[targets]).min()) if len(targets) else np.inf
    return dict(targets=len(targets), recovered=[(inv[t], true_of[t]) for t in recovered],
                outside=outside, min_width=min_width, relations=dict(kept), dropped=dict(dropped),
                variables=len(lo))


# ------------------------------------------------------------------ the test

@pytest.fixture(scope="module")
def attack_env(demo_root, demo_version):
    mp = pytest.MonkeyPatch()
    mp.setenv("MEEDOEN_DATA_DIR", str(demo_root))
    mp.setenv("MEEDOEN_AUDIENCE", "publiek")
    yield demo_version
    mp.undo()


@pytest.fixture(scope="module")
def published_and_truth(attack_env, db):
    from meedoen.query import data
    opts = db.run("filter_options")
    doel = sorted(opts.loc[opts.kind == "doelgroep", "value"])
    prog = sorted(opts.loc[opts.kind == "programme", "value"])

    def run(name, **params):
        res = data.run(name, data.Scope.local(data.version()), **params)
        assert res.error is None and res.audience == "publiek", res.error
        v = data.version()
        return res.df, data._cached(name, tuple(sorted(res.params.items())), v.id, str(v.path))

    published, truth = collect(run, doel, prog)
    return published, truth, db.run("region_parents")


def test_differencing_recovers_no_small_count(published_and_truth):
    published, truth, parents = published_and_truth
    from meedoen import privacy

    res = attack(published, truth, parents, lambda v, h, s: cell_key_box(v, h, s, K, privacy.MAX_NOISE))
    assert res["outside"] == 0, "the attacker's boxes must hold the true counts (model of the method is wrong)"
    assert res["relations"].get("period", 0) > 1000 and res["relations"].get("region", 0) > 1000
    assert res["relations"].get("doelgroep", 0) > 100 and res["relations"].get("programme", 0) > 100
    assert res["targets"] > 1000, res  # enough hidden small counts for the attack to mean something
    assert res["recovered"] == [], res["recovered"][:10]
    assert res["min_width"] >= 1, res  # at least two values remain possible (docs/privacy.md)


def test_publiek_counts_change_little(published_and_truth):
    published, truth, _ = published_and_truth
    key = ["measure", "region", "year", "period", "sel"]
    both = published.merge(truth, on=key, suffixes=("", "_true"))
    shown = both[~both.hidden]
    change = (shown.value - shown.value_true).abs()
    assert change.max() <= 2
    assert change.mean() < 1.0
    assert (shown.value >= K).all() and (shown.value_true >= K).all()  # nothing below k is published
    assert both.loc[both.value_true.between(1, K - 1), "hidden"].all()


def test_seed_figure_keeps_its_meaning_in_publiek(attack_env):
    """Westland, first half of 2016: about 70% of the people looking for work were placed."""
    from meedoen.query import data

    res = data.run("placement_rate", data.Scope.local(data.version()), start=dt.date(2016, 1, 1), end=dt.date(2016, 6, 30), region="GM1783",
                   programme=None, doelgroep=None)
    assert res.audience == "publiek"
    assert 0.68 <= res.value("rate") <= 0.72
    assert "placed__ck" not in res.df.columns  # the cell keys never leave the query layer


# ------------------------------------------------------------------ the charts' stacks (docs/privacy.md, charts)

KINDS = ("regulier", "garantiebaan", "werkleertraject", "beschut_werk", "alternatief_beschut")


@pytest.fixture(scope="module")
def stacks_published(attack_env, db):
    """The kinds of work per month and per quarter with their totals, as the Overzicht chart gets them (published
    and true), for every gemeente, arbeidsmarktregio, provincie and the Netherlands, 2016 and 2024."""
    from meedoen.query import data

    parents = db.run("region_parents")
    regions = [None, *sorted(set(parents["gemeente_code"]) | set(parents["arbeidsmarktregio_code"])
                             | set(parents["provincie_code"]))]
    v = data.version()
    scope = data.Scope.local(v)
    jobs = [(r, y, g) for r in regions for y in YEARS for g in ("month", "quarter")]

    def one(job):
        region, year, grain = job
        res = data.run("placements_by_month", scope, grain=grain, start=dt.date(year, 1, 1),
                       end=dt.date(year, 12, 31), region=region, programme=None, doelgroep=None)
        assert res.error is None and res.audience == "publiek"
        raw = data._cached("placements_by_month", tuple(sorted(res.params.items())), v.id, str(v.path))
        return res.df.assign(region=region or "NL", grain=grain), raw.assign(region=region or "NL", grain=grain)

    with ThreadPoolExecutor(max_workers=2) as pool:
        out = list(pool.map(one, jobs))
    return pd.concat([o[0] for o in out], ignore_index=True), pd.concat([o[1] for o in out], ignore_index=True), parents


def test_stack_totals_are_numbers_already_published(attack_env, stacks_published):
    """A stack's total is the kinds-of-work total of that month or quarter as the Beschut en regulier page
    publishes it (work_kind_counts: the same people, the same cell key), so the grey piece (total minus the
    parts shown) is made of published numbers only and adds none."""
    from meedoen.query import data

    pub, _, _ = stacks_published
    scope = data.Scope.local(data.version())
    stacks = pub.drop_duplicates(["region", "grain", "month"])
    sample = stacks[stacks["region"].isin(["NL", "GM1783", "GM1916", "GM1842", "AM21", "PV28"])]
    assert len(sample) > 100
    for r in sample.itertuples():
        start = pd.Timestamp(r.month).date()
        months = 1 if r.grain == "month" else 3
        end = (pd.Timestamp(start) + pd.DateOffset(months=months) - pd.Timedelta(days=1)).date()
        wkc = data.run("work_kind_counts", scope, start=start, end=end, region=None if r.region == "NL" else r.region,
                       programme=None, doelgroep=None).df
        same = (pd.isna(r.total) and wkc["total__suppressed"].iloc[0]) or r.total == wkc["total"].iloc[0]
        assert same, (r.region, r.grain, start, r.total, wkc["total"].iloc[0])


def test_stack_pieces_recover_no_small_count(stacks_published):
    """The differencing attack on the stacks: every kind and total per month and quarter, with every relation
    that holds (a stack's total is its kinds, the one the grey piece uses; a quarter is its months; a region is
    its gemeenten). No withheld small count comes out as one value."""
    from meedoen import privacy

    pub, raw, parents = stacks_published
    sysm = System()
    true_of: dict[int, float] = {}
    box = lambda v, h: cell_key_box(v, h, False, K, privacy.MAX_NOISE)  # noqa: E731
    cells = {}
    for (df, published) in ((raw, False), (pub, True)):
        for r in df.itertuples():
            year = pd.Timestamp(r.month).year
            per = f"{r.grain[0]}{pd.Timestamp(r.month).month:02d}"
            for what, col in ((r.work_kind, "placed"), ("total", "total")):
                key = (what, r.region, year, per)
                if published:
                    hid = bool(getattr(r, f"{col}__suppressed"))
                    cells[key] = box(float(getattr(r, col)) if not hid else np.nan, hid)
                else:
                    true_of.setdefault(key, float(getattr(r, col)))
    for key, (lo, hi) in cells.items():
        sysm.var(key, lo, hi)
    for key in true_of:  # rows a query leaves out are known zeros
        if key not in sysm.index:
            sysm.var(key, 0.0, 0.0)
    tv = {sysm.index[k]: true_of.get(k, 0.0) for k in sysm.index}
    kept = defaultdict(int)

    def relate(kind, parent, children):
        children = [c for c in children if c in sysm.index]
        if parent not in sysm.index or not children:
            return
        p, ch = sysm.index[parent], [sysm.index[c] for c in children]
        if abs(tv[p] - sum(tv[c] for c in ch)) < 0.5:
            sysm.relate(p, ch)
            kept[kind] += 1

    keys = list(sysm.index)
    regions = sorted({k[1] for k in keys})
    am_of = parents.groupby("arbeidsmarktregio_code")["gemeente_code"].apply(list).to_dict()
    pv_of = parents.groupby("provincie_code")["gemeente_code"].apply(list).to_dict()
    pers = sorted({(k[2], k[3]) for k in keys})
    for region in regions:
        for year, per in pers:
            relate("stack", ("total", region, year, per), [(w, region, year, per) for w in KINDS])
        for year in YEARS:
            for q in range(1, 5):
                for w in (*KINDS, "total"):
                    relate("quarter", (w, region, year, f"q{3 * q - 2:02d}"),
                           [(w, region, year, f"m{m:02d}") for m in range(3 * q - 2, 3 * q + 1)])
    for year, per in pers:
        for w in (*KINDS, "total"):
            for parent, gms in (*am_of.items(), *pv_of.items()):
                relate("region", (w, parent, year, per), [(w, g, year, per) for g in gms])
            relate("region", (w, "NL", year, per), [(w, pv, year, per) for pv in pv_of])
    lo, hi = sysm.propagate()
    truth = np.array([tv[i] for i in range(len(lo))])
    assert int(((truth < lo - 1e-6) | (truth > hi + 1e-6)).sum()) == 0
    assert kept["stack"] > 500 and kept["quarter"] > 100 and kept["region"] > 100, dict(kept)
    targets = np.flatnonzero((truth >= 1) & (truth <= K - 1))
    assert len(targets) > 500
    inv = {i: k for k, i in sysm.index.items()}
    assert [inv[t] for t in targets if lo[t] == hi[t]] == []
    assert float((hi[targets] - lo[targets]).min()) >= 1
