"""The cell key method: record keys, the perturbation table, withholding, rates; the pilot of 9 from the sources."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac

import duckdb
import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meedoen import privacy
from meedoen.query.db import queries

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
KEY = b"a secret only the server knows"


def test_record_key_is_hmac_of_the_person_key_and_the_sql_macro_agrees():
    con = duckdb.connect()
    con.execute(privacy.record_key_macro(KEY))
    keys = ["P0000000000000001", "P3f9a0c1d2b4e6f70", "Pffffffffffffffff"]
    sql = [con.execute("SELECT record_key(?)", [k]).fetchone()[0] for k in keys]
    ref = [int.from_bytes(hmac.new(KEY, k.encode(), hashlib.sha256).digest()[:6], "big") for k in keys]
    assert sql == ref == [privacy.record_key(k, KEY) for k in keys]
    assert len(set(sql)) == 3 and all(0 <= x < privacy.KEY_MOD for x in sql)
    # Another secret, other keys: without the secret nobody can compute them.
    assert privacy.record_key(keys[0], b"other") != sql[0]
    long_key = b"x" * 100  # HMAC hashes keys longer than a block first
    con.execute(privacy.record_key_macro(long_key))
    assert con.execute("SELECT record_key('P1')").fetchone()[0] == privacy.record_key("P1", long_key)


def test_perturbation_table_has_the_documented_chances_and_no_bias():
    rng = np.random.default_rng(1)
    keys = rng.integers(0, privacy.KEY_MOD, 200_000, dtype=np.int64)
    n = privacy.noise(keys)
    shares = {int(v): float((n == v).mean()) for v in privacy.NOISE}
    for v, p in zip(privacy.NOISE, privacy.NOISE_P):
        assert abs(shares[int(v)] - p) < 0.005
    assert abs(n.mean()) < 0.01
    assert set(np.unique(n)) == {-2, -1, 0, 1, 2}


@SETTINGS
@given(values=st.lists(st.integers(0, 80), min_size=1, max_size=40), k=st.sampled_from([3, 5, 10]),
       seed=st.integers(0, 2**32 - 1))
def test_published_counts_are_at_least_k_from_counts_of_at_least_k_and_at_most_2_off(values, k, seed):
    v = np.array(values, float)
    keys = np.random.default_rng(seed).integers(0, privacy.KEY_MOD, len(v), dtype=np.int64)
    shown, hidden = privacy.perturb(v, keys, k)
    assert (hidden == np.isnan(shown)).all()
    assert hidden[v < k].all(), "a count below k is published"
    pub = ~hidden
    assert (shown[pub] >= k).all() and (v[pub] >= k).all()
    assert (np.abs(shown[pub] - v[pub]) <= privacy.MAX_NOISE).all()
    # A withheld count lies in 0..k-1+2, the range the documentation gives the attacker.
    assert (v[hidden] <= k - 1 + privacy.MAX_NOISE).all()
    # Same cell, same result.
    again, _ = privacy.perturb(v, keys, k)
    assert np.array_equal(np.nan_to_num(again, nan=-1), np.nan_to_num(shown, nan=-1))


def test_the_same_people_get_the_same_number_on_every_query(db):
    """Westland's placed and looking of a half year: the same cell keys in two different queries."""
    p = dict(start=dt.date(2016, 1, 1), end=dt.date(2016, 6, 30), programme=None, doelgroep=None)
    one = db.run("placement_rate", {**p, "region": "GM1783"})
    every = db.run("placement_rate_by_region", {**p, "region": None, "level": "gemeente"})
    row = every[every.region_code == "GM1783"].iloc[0]
    for c in ("placed", "looking"):
        assert one[c].iloc[0] == row[c] and one[c + "__ck"].iloc[0] == row[c + "__ck"]
    a = privacy.apply(one, privacy.parse(queries()["placement_rate"].protect), "publiek", 5)
    b = privacy.apply(every, privacy.parse(queries()["placement_rate_by_region"].protect), "publiek", 5)
    b = b[b.region_code == "GM1783"].iloc[0]
    assert a.placed.iloc[0] == b.placed and a.looking.iloc[0] == b.looking and a.rate.iloc[0] == b.rate


def _frame(**cols):
    return pd.DataFrame(cols)


def test_rates_come_from_the_perturbed_counts_or_are_withheld():
    spec = privacy.parse("counts=placed,looking rates=rate/looking/placed")
    df = _frame(placed=[40, 3, 30], looking=[50, 10, 4], rate=[0.8, 0.3, 7.5], rate_lo=[0.7, 0.1, 0.0],
                rate_hi=[0.9, 0.6, 1.0], placed__ck=[7, 8, 9], looking__ck=[123456789, 5, 6])
    out = privacy.apply(df, spec, "publiek", 5)
    assert not [c for c in out.columns if c.endswith("__ck")], "cell keys leave the query layer"
    r0 = out.iloc[0]
    assert r0.rate == r0.placed / r0.looking
    lo, hi = privacy.wilson(r0.placed, r0.looking)
    assert r0.rate_lo == lo and r0.rate_hi == hi
    # placed 3 and looking 4 are withheld, and so are their rates.
    assert out.placed__suppressed.tolist() == [False, True, False]
    assert out.looking__suppressed.tolist() == [False, False, True]
    assert out.rate__suppressed.tolist() == [False, True, True] and out.rate[1:].isna().all()


def test_a_share_without_its_numerator_and_denominator_is_never_published_exactly():
    spec = privacy.parse("counts=n rates=share//n")
    out = privacy.apply(_frame(n=[50], share=[0.5], n__ck=[1]), spec, "publiek", 5)
    assert out.share.isna().all() and out.share__suppressed.all()
    spec = privacy.parse("counts=beschut,regulier rates=share/beschut+regulier/beschut")
    out = privacy.apply(_frame(beschut=[20], regulier=[60], share=[0.25], beschut__ck=[0], regulier__ck=[0]),
                        spec, "publiek", 5)
    assert out.share.iloc[0] == out.beschut.iloc[0] / (out.beschut.iloc[0] + out.regulier.iloc[0])


def test_gap_to_a_target_is_recomputed_from_the_perturbed_count():
    spec = privacy.parse("counts=realised gaps=gap/target/realised")
    out = privacy.apply(_frame(target=[100, 10], realised=[60, 3], gap=[40, 7], realised__ck=[2**47, 1]),
                        spec, "publiek", 5)
    assert out.gap.iloc[0] == 100 - out.realised.iloc[0]
    assert np.isnan(out.gap.iloc[1]) and out.gap__suppressed.iloc[1]


def test_a_count_without_a_cell_key_is_withheld_in_publiek():
    out = privacy.apply(_frame(n=[50, 60]), privacy.parse("counts=n"), "publiek", 5)
    assert out.n.isna().all() and out.n__suppressed.all()


def test_intern_is_exact_and_marks_small_groups():
    out = privacy.apply(_frame(n=[2, 7, 0], n__ck=[1, 2, 3]), privacy.parse("counts=n"), "intern", 5)
    assert out.n.tolist() == [2, 7, 0] and out.n__small.tolist() == [True, False, False]
    assert "n__ck" not in out.columns


def test_rounding_to_tens_comes_after_the_perturbation():
    out = privacy.apply(_frame(n=[44, 3], n__ck=[0, 0]), privacy.parse("counts=n"), "publiek", 5, round_tens=True)
    assert out.n.iloc[0] in (40.0, 50.0) and np.isnan(out.n.iloc[1])


def test_pilot_outflow_publiek_withholds_the_two_small_groups(db):
    """Leidschendam-Voorburg's pilot: 2 regular jobs, 1 trajectory, 6 needing beschut werk (of 9)."""
    p = dict(start=dt.date(2016, 1, 1), end=dt.date(2016, 12, 31), region="GM1916")
    raw = db.run("pilot_outflow", p)
    out = privacy.apply(raw, privacy.parse(queries()["pilot_outflow"].protect), "publiek", 5)
    lv = out[out.pilot.str.startswith("Alternatief")].set_index("outcome")
    assert lv.loc[["regulier_werk", "traject_naar_werk"], "n__suppressed"].all()
    assert lv.loc[["regulier_werk", "traject_naar_werk"], "n"].isna().all()
    six = lv.loc["beschut_werk_nodig"]
    assert six.n__suppressed or abs(six.n - 6) <= 2
    assert (lv.total.isna() | (abs(lv.total - 9) <= 2)).all()


def test_display_marks_hidden_values_and_formats_dutch():
    assert privacy.display(1234.5, decimals=1) == "1.234,5"
    assert privacy.display(0.256, percent=True, decimals=1) == "25,6%"
    assert privacy.display(3, True) == privacy.MARK
    assert privacy.display(float("nan")) == "–"


def test_secret_is_made_once_and_kept(tmp_path, monkeypatch):
    monkeypatch.delenv("MEEDOEN_CELL_KEY_SECRET", raising=False)
    first = privacy.secret(tmp_path)
    assert first == privacy.secret(tmp_path) and len(first) >= 32
    assert (tmp_path / ".cell_key_secret").stat().st_mode & 0o077 == 0
    monkeypatch.setenv("MEEDOEN_CELL_KEY_SECRET", "set by the operator")
    assert privacy.secret(tmp_path) == b"set by the operator"
    assert privacy.fingerprint(first) != privacy.fingerprint(b"set by the operator")


def test_every_query_with_counts_returns_their_cell_keys(db):
    import sys
    sys.path.insert(0, str(__import__("pathlib").Path(__file__).parent))
    from test_audience import params_for

    p = params_for(2016, "GM1783")
    for name, q in queries().items():
        spec = privacy.parse(q.protect)
        assert spec is not None, name
        if spec.none:
            continue
        raw = db.run(name, {x: p[x] for x in q.params})
        missing = [c for c in spec.counts if c not in raw.columns or c + "__ck" not in raw.columns]
        assert not missing, (name, missing)


def test_a_share_never_reads_above_100_percent():
    """Placed and looking are perturbed apart, so 8 of 8 can come out as 10 placed of 7 looking: the share
    shows 100% (its interval within 0–100%), never 143%."""
    import pandas as pd

    up, down = 0.97 * privacy.KEY_MOD, 0.10 * privacy.KEY_MOD  # cell keys that draw +2 and -1
    df = pd.DataFrame({"placed": [8, 40], "looking": [8, 50], "rate": [1.0, 0.8], "rate_lo": [0.7, 0.67],
                       "rate_hi": [1.0, 0.89], "placed__ck": [up, 0.5 * privacy.KEY_MOD],
                       "looking__ck": [down, 0.5 * privacy.KEY_MOD]})
    out = privacy.apply(df, privacy.parse("counts=placed,looking rates=rate/looking/placed"), "publiek", 5)
    assert (out.loc[0, "placed"], out.loc[0, "looking"]) == (10, 7)  # the counts keep their own noise
    assert out.loc[0, "rate"] == 1.0 and 0 <= out.loc[0, "rate_lo"] < 1 and out.loc[0, "rate_hi"] <= 1 + 1e-12
    assert out.loc[1, "rate"] == 0.8  # zero noise: unchanged
