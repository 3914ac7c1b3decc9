"""Protection of people's counts, in one place: the cell key method for publiek, exact counts for intern.

Two audiences (setting `audience`):

- **intern**: exact counts. Counts 1..k-1 get a `<col>__small` flag so a page can mark small groups.
- **publiek**: every count of people is perturbed with the **cell key method** and small results are
  withheld (k = setting `suppress_k`, default 5). docs/privacy.md explains it in Dutch and English.

The method (as ABS TableBuilder, ONS and Eurostat use for census tables):

1. Every person has a **record key**: the first 48 bits of HMAC-SHA256(secret, pseudonymised person key),
   a number the person keeps in every table (`rk`, computed in the query layer).
2. Every count cell has a **cell key**: the sum of the record keys of the records it counts, modulo 2^48.
   Each named query returns it beside every count (`<col>__ck`), so the same group of people has the
   same cell key on every page, filter and chart.
3. A **perturbation table** turns the cell key into a change of the count: -2, -1, 0, +1 or +2 with
   chances 5%, 20%, 50%, 20%, 5% (zero on average). The same cell always gets the same change.
4. A cell is **withheld** ("<k") when its count is below k or its perturbed count is below k. So a
   published number is at least k and comes from a count of at least k, and a withheld count lies
   anywhere from 0 to k-1+2: the edges of what a reader can know are never a small count.
5. **Rates** are computed from the perturbed counts (with their Wilson interval), or withheld with
   their numerator or denominator. Other statistics of a group (median days) are withheld with it.

What it promises against someone who knows the method and its parameters but not the secret: no
published number is an exact count, no count of 1..k-1 is published, and combining published numbers
(a year minus a half year, a region minus its other parts) gives a range, not the hidden count.
`tests/test_disclosure.py` runs that attack over the demo data.

Withheld values become NaN with `<col>__suppressed` and `<col>__small` flags, so charts can mark them.
The cell keys never leave the query layer: `apply` drops them in both audiences.

Each query declares its counts and rates in its header, next to its SQL:

    -- protect: counts=placed,looking rates=rate/looking/placed

- `counts`: columns holding numbers of people (or of trajectories); each needs `<col>__ck` beside it.
- `rates=r/den/num`: `r` (with `r_lo`, `r_hi`) recomputed as num/den from the perturbed counts;
  `r/den` (no numerator): a statistic of the group counted in `den` (median days), withheld with it;
  `r//num`: withheld with `num`. A rate named in `rates` whose numerator is missing is otherwise
  withheld in publiek, so an exact share can never be combined with a perturbed count.
- `gaps=g/target/count`: `g = target - count`, recomputed from the perturbed count.
- `norms=status/count/needed/group`: a yes/no verdict on a count (an employer's people in work against
  its norm). A verdict decided on the exact count would say on which side of `needed` a perturbed or
  withheld count lies, so in publiek `status` is decided again from the perturbed count ('voldoet' when
  count >= needed, else 'voldoet_niet'; 'onbekend' stays), 'afgeschermd' where the count is withheld,
  and the tallies per `group` (net_known, net_meets, net_withheld, net_share with net_lo/net_hi) are
  counted again from those verdicts, over the rows of the result.
- `protect: none`: the result holds no counts of people (names, codes, dates, targets).
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import os
import secrets as _secrets
from pathlib import Path

import numpy as np
import pandas as pd

AUDIENCES = ("intern", "publiek")
SUPPRESSED = "__suppressed"
SMALL = "__small"
CK = "__ck"
MARK = "x"
LEGEND = ("<{k} = afgeschermd: minder dan {k}, of zo dicht bij {k} dat de verstoring het onder {k} bracht. "
          "Alle aantallen zijn licht verstoord (±2) zodat een klein aantal niet is terug te rekenen.")

KEY_BITS = 48
KEY_MOD = 1 << KEY_BITS
# The perturbation table: change of a count by the position of its cell key in [0, 1).
NOISE = np.array([-2, -1, 0, 1, 2])
NOISE_P = np.array([0.05, 0.20, 0.50, 0.20, 0.05])
NOISE_CUM = np.cumsum(NOISE_P)
MAX_NOISE = int(np.abs(NOISE).max())


# ------------------------------------------------------------------ helpers for pages

def suppressed_col(col: str) -> str:
    """Name of the flag column that marks hidden values of `col`."""
    return col + SUPPRESSED


def small_col(col: str) -> str:
    """Name of the flag column that marks small counts of `col`."""
    return col + SMALL


def legend(k: int) -> str:
    """The Dutch footnote explaining the withheld mark."""
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


# ------------------------------------------------------------------ the record key

def secret(data_dir: Path | None = None) -> bytes:
    """The secret of the record keys: setting `cell_key_secret`, else one made once and kept in the data folder.

    Kept, because a new secret gives every cell a new perturbation, and averaging over several would
    narrow the true count down. Without a writable data folder a secret per process is used.
    """
    from . import config

    configured = str(config.get("cell_key_secret") or "")
    if configured:
        return configured.encode()
    folder = Path(data_dir) if data_dir is not None else config.data_dir()
    path = folder / ".cell_key_secret"
    try:
        if path.exists():
            return path.read_bytes().strip()
        folder.mkdir(parents=True, exist_ok=True)
        value = _secrets.token_hex(32).encode()
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(value)
        return value
    except FileExistsError:
        return path.read_bytes().strip()
    except OSError:
        return _process_secret()


_PROCESS_SECRET: list[bytes] = []


def _process_secret() -> bytes:
    if not _PROCESS_SECRET:
        _PROCESS_SECRET.append(_secrets.token_hex(32).encode())
    return _PROCESS_SECRET[0]


def fingerprint(key: bytes) -> str:
    """A short one-way tag of the secret, for naming files that hold record keys."""
    return hashlib.sha256(b"meedoen-cell-key\0" + key).hexdigest()[:10]


def record_key(person_key: str, key: bytes) -> int:
    """The record key of a person (reference implementation of the SQL macro `record_key`)."""
    return int.from_bytes(hmac.new(key, person_key.encode(), hashlib.sha256).digest()[:6], "big")


def record_key_macro(key: bytes) -> str:
    """DuckDB macro `record_key(text)` = first 48 bits of HMAC-SHA256(key, text), as UBIGINT."""
    block = 64
    k = hashlib.sha256(key).digest() if len(key) > block else key
    k = k.ljust(block, b"\0")
    ipad = bytes(b ^ 0x36 for b in k).hex()
    opad = bytes(b ^ 0x5C for b in k).hex()
    inner = f"unhex(sha256(unhex('{ipad}') || encode(x)))"
    return (f"CREATE OR REPLACE MACRO record_key(x) AS "
            f"('0x' || substr(sha256(unhex('{opad}') || {inner}), 1, 12))::UBIGINT;")


# ------------------------------------------------------------------ the perturbation

def noise(cell_key) -> np.ndarray:
    """The change the perturbation table gives each cell key (an integer in [0, 2^48))."""
    u = np.asarray(cell_key, dtype="float64") / KEY_MOD
    return NOISE[np.minimum(np.searchsorted(NOISE_CUM, u, side="right"), len(NOISE) - 1)]


def perturb(values, cell_keys, k: int) -> tuple[np.ndarray, np.ndarray]:
    """(published counts with NaN where withheld, withheld mask) for true counts and their cell keys."""
    v = np.asarray(values, dtype="float64")
    ck = np.nan_to_num(np.asarray(cell_keys, dtype="float64"), nan=0.0)
    p = v + noise(ck)
    hidden = ~np.isnan(v) & ((v < k) | (p < k))
    return np.where(hidden | np.isnan(v), np.nan, p), hidden


def wilson(x, n) -> tuple[np.ndarray, np.ndarray]:
    """95% Wilson score interval for x/n (as the SQL macros wilson_lo/wilson_hi)."""
    x = np.asarray(x, dtype="float64")
    n = np.asarray(n, dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        p = x / n
        z2 = 3.8416
        centre = p + z2 / (2 * n)
        half = 1.96 * np.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
        lo = (centre - half) / (1 + z2 / n)
        hi = (centre + half) / (1 + z2 / n)
    bad = ~(n > 0)
    return np.where(bad, np.nan, lo), np.where(bad, np.nan, hi)


# ------------------------------------------------------------------ the declaration of each query

@dataclasses.dataclass(frozen=True)
class Spec:
    counts: tuple[str, ...] = ()
    rates: tuple[tuple[str, str | None, str | None], ...] = ()
    gaps: tuple[tuple[str, str, str], ...] = ()
    norms: tuple[tuple[str, str, str, str], ...] = ()
    none: bool = False


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
        elif key == "rates":
            kw["rates"] = tuple(tuple(x or None for x in (i.split("/") + ["", ""])[:3]) for i in items)
        elif key == "gaps":
            kw["gaps"] = tuple(tuple(i.split("/")) for i in items)
        elif key == "norms":
            kw["norms"] = tuple(tuple(i.split("/")) for i in items)
            if any(len(n) != 4 for n in kw["norms"]):
                raise ValueError(f"norms vraagt status/aantal/nodig/groep in protect-kop: {text}")
        else:
            raise ValueError(f"onbekend onderdeel '{key}' in protect-kop: {text}")
    return Spec(**kw)


def _nums(df: pd.DataFrame, col: str) -> np.ndarray:
    return pd.to_numeric(df[col], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)


def _drop_keys(df: pd.DataFrame) -> pd.DataFrame:
    keys = [c for c in df.columns if str(c).endswith(CK)]
    return df.drop(columns=keys) if keys else df


def apply(df: pd.DataFrame, spec: Spec | None, audience: str, k: int, round_tens: bool = False) -> pd.DataFrame:
    """The result as the audience may see it (a copy without cell keys); intern only flags small groups."""
    if spec is None or spec.none or df.empty:
        return _drop_keys(df)
    counts = [c for c in spec.counts if c in df.columns]
    out = _drop_keys(df).copy()
    if audience == "intern":
        for c in counts:
            v = _nums(df, c)
            out[small_col(c)] = (v >= 1) & (v < k)
            out[suppressed_col(c)] = False
        out.attrs.update(audience="intern", suppress_k=k)
        return out
    hidden: dict[str, np.ndarray] = {}
    shown: dict[str, np.ndarray] = {}
    for c in counts:
        v = _nums(df, c)
        if c + CK in df.columns:
            p, h = perturb(v, _nums(df, c + CK), k)
        else:  # no cell key declared: nothing of it is published
            p, h = np.full(len(df), np.nan), ~np.isnan(v)
        shown[c], hidden[c] = p, h
        out[c] = round_to_tens(p) if round_tens else p
        out[suppressed_col(c)] = h
        out[small_col(c)] = h
    none = np.zeros(len(df), bool)
    for rate, den, num in spec.rates:
        if rate not in df.columns:
            continue
        hide = none.copy()
        n = None
        if den:
            parts = den.split("+")
            if all(d in shown for d in parts):  # counts of people: perturbed (a sum of them for a+b)
                n = sum(shown[d] for d in parts)
                for d in parts:
                    hide |= hidden[d]
            elif den in df.columns and den not in spec.counts:  # not a count of people (staff size)
                n = _nums(df, den)
            else:
                hide |= ~none
        if num:
            hide |= hidden.get(num, ~none)
        cols = [c for c in (rate, f"{rate}_lo", f"{rate}_hi") if c in out.columns]
        if num and n is not None and num in shown:
            # Noise on numerator and denominator apart can put the part above its whole (9 placed of 8
            # looking): a share is at most 100%, a bound any reader can apply, so it tells nothing new.
            x = np.minimum(shown[num], n)
            with np.errstate(divide="ignore", invalid="ignore"):
                r = np.where(n > 0, x / n, np.nan)
            lo, hi = wilson(x, n)
            hide |= np.isnan(r)
            new = {rate: r, f"{rate}_lo": lo, f"{rate}_hi": hi}
            for col in cols:
                out[col] = np.where(hide, np.nan, new[col])
        elif num and not den:  # an exact share of a perturbed count would give the count back
            hide |= ~none
            for col in cols:
                out[col] = np.nan
        else:
            for col in cols:
                out[col] = np.where(hide, np.nan, _nums(df, col))
        out[suppressed_col(rate)] = hide | (np.isnan(_nums(out, rate)) & ~np.isnan(_nums(df, rate)))
    # Intervals named lo/hi (one rate per row) follow the first rate.
    if spec.rates and spec.rates[0][0] in df.columns:
        first = spec.rates[0][0]
        hide = out[suppressed_col(first)].to_numpy(bool)
        num, den = spec.rates[0][2], spec.rates[0][1]
        if num in shown and den and all(d in shown for d in den.split("+")):
            whole = sum(shown[d] for d in den.split("+"))
            lo, hi = wilson(np.minimum(shown[num], whole), whole)
        else:
            lo = _nums(df, "lo") if "lo" in df.columns else None
            hi = _nums(df, "hi") if "hi" in df.columns else None
        for col, val in (("lo", lo), ("hi", hi)):
            if col in out.columns and val is not None:
                out[col] = np.where(hide, np.nan, val)
    for gap, target, count in spec.gaps:
        if gap in df.columns and count in shown:
            out[gap] = np.where(hidden[count], np.nan, _nums(df, target) - shown[count])
            out[suppressed_col(gap)] = hidden[count]
    for status, count, needed, group in spec.norms:
        if status in df.columns and count in shown:
            out = _restate_norm(out, status, shown[count], hidden[count], _nums(df, needed), group)
    out.attrs.update(audience="publiek", suppress_k=k, round_tens=round_tens)
    return out


WITHHELD_STATUS = "afgeschermd"


def _restate_norm(out: pd.DataFrame, status: str, count: np.ndarray, hidden: np.ndarray, needed: np.ndarray,
                  group: str) -> pd.DataFrame:
    """The verdict and its tallies from the published count only (see `norms` above)."""
    known = out[status].to_numpy(object) != "onbekend"
    with np.errstate(invalid="ignore"):
        meets = count >= needed
    verdict = np.where(meets, "voldoet", "voldoet_niet")
    out[status] = np.where(~known, "onbekend", np.where(hidden, WITHHELD_STATUS, verdict))
    if group not in out.columns:
        return out
    v = out[status]
    tally = pd.DataFrame({"g": out[group].to_numpy(object), "known": v.isin(["voldoet", "voldoet_niet"]),
                          "meets": v == "voldoet", "withheld": v == WITHHELD_STATUS, "unknown": v == "onbekend"})
    per = tally.groupby("g", dropna=False)[["known", "meets", "withheld", "unknown"]].transform("sum")
    cols = {"net_known": per["known"], "net_meets": per["meets"], "net_withheld": per["withheld"],
            "net_unknown": per["unknown"], "net_partners": per[["known", "withheld", "unknown"]].sum(axis=1)}
    for col, val in cols.items():
        if col in out.columns:
            out[col] = val.to_numpy(np.int64)
    if "net_share" in out.columns:
        x, n = per["meets"].to_numpy(float), per["known"].to_numpy(float)
        with np.errstate(divide="ignore", invalid="ignore"):
            out["net_share"] = np.where(n > 0, x / n, np.nan)
        lo, hi = wilson(x, n)
        for col, val in (("net_lo", lo), ("net_hi", hi)):
            if col in out.columns:
                out[col] = np.where(n > 0, val, np.nan)
    return out
