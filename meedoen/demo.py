"""Deterministic demo data: a complete export set for 2015–2025.

The places and periods of the source articles (Westland 2015–2016, Meetellen en Meedoen,
Leidschendam-Voorburg's pilot, Steenwijkerland's beschut werk, the West-Brabant proeftuinen
and employer networks) are written person by person so that the published figures come out
of the dashboard's own queries. Everything else is plausible synthetic data whose volume per
gemeente follows its number of inhabitants.

    python -m meedoen.demo --out DIR [--rows N]      # N placement rows, e.g. 10_000_000
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from . import contract
from .regions import read_division, with_traits

SEED = 2016
YEARS = range(2015, 2026)
PEILDATUM = dt.date(2025, 12, 31)
PEIL = np.datetime64(PEILDATUM, "D")

WESTLAND, LV, STEENWIJKERLAND = "GM1783", "GM1916", "GM1708"
# MVO Westland (article of 2 July 2016): "inmiddels ruim 100 werkgevers", and a partner employs at least
# 5% of its staff from the doelgroep, a condition of membership that most partners meet.
MVO_PARTNERS_JULY_2016 = 104
MVO_PARTNERS_LATER = 20
MVO_NORM = 0.05
MVO_NORM_MISS = 0.06  # share of partners whose staff is set just above what their people in work cover
# Rows of background placements per 1,000 inhabitants per year at the default size.
DEFAULT_RATE = 0.55
CHUNK_ROWS = 1_000_000  # bounded memory for the large benchmark sets

# Volume relative to 2015: the Participatiewet builds up, a dip in 2020.
YEAR_FACTOR = {2015: 0.8, 2016: 0.95, 2017: 1.0, 2018: 1.05, 2019: 1.1, 2020: 0.85, 2021: 1.0,
               2022: 1.1, 2023: 1.1, 2024: 1.05, 2025: 1.0}

DOELGROEP_P = {"banenafspraak": 0.30, "participatiewet": 0.38, "statushouder": 0.12,
               "beschut_indicatie": 0.08, "jongeren": 0.12}
PLACED_P = {"banenafspraak": 0.72, "participatiewet": 0.6, "statushouder": 0.66,
            "beschut_indicatie": 0.8, "jongeren": 0.7}
PROGRAMME = {"banenafspraak": "Banenafspraak", "participatiewet": "Participatiewet re-integratie",
             "statushouder": "Statushouders aan het werk", "beschut_indicatie": "Beschut werk",
             "jongeren": "Jongeren aan de slag"}
KINDS = contract.WORK_KINDS  # regulier, garantiebaan, beschut_werk, alternatief_beschut, werkleertraject
SECTORS = ("glastuinbouw", "logistiek", "installatietechniek", "zorg", "horeca", "detailhandel", "bouw",
           "schoonmaak", "industrie", "groenvoorziening", "zakelijke dienstverlening", "overheid")
NAME_A = ("De Vries", "Van Dijk", "Bakker", "Visser", "Smit", "Meijer", "De Boer", "Mulder", "De Groot",
          "Bos", "Vos", "Peters", "Hendriks", "Van Leeuwen", "Dekker", "Brouwer", "De Wit", "Dijkstra")
NAME_B = {"glastuinbouw": "Kwekerij", "logistiek": "Logistiek", "installatietechniek": "Installatietechniek",
          "zorg": "Zorggroep", "horeca": "Horeca", "detailhandel": "Winkels", "bouw": "Bouw",
          "schoonmaak": "Schoonmaak", "industrie": "Metaal", "groenvoorziening": "Groen",
          "zakelijke dienstverlening": "Diensten", "overheid": "Gemeentewerken"}


# ---------------------------------------------------------------- helpers

def hex_keys(prefix: str, ints: np.ndarray, width: int) -> pa.Array:
    """Pseudonymous keys 'P' + hex, vectorised (millions of rows in a second)."""
    x = np.asarray(ints, dtype=np.uint64)
    # A bijective mix so that keys do not reveal the order in which people were generated.
    x = (x * np.uint64(0x9E3779B97F4A7C15)) ^ np.uint64(0x5DEECE66D2016)
    digits = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
    out = np.empty((len(x), width + len(prefix)), dtype=np.uint8)
    out[:, : len(prefix)] = np.frombuffer(prefix.encode(), dtype=np.uint8)
    for i in range(width):
        shift = np.uint64(4 * (width - 1 - i))
        out[:, len(prefix) + i] = digits[((x >> shift) & np.uint64(15)).astype(np.intp)]
    flat = out.reshape(-1).tobytes()
    n = out.shape[1]
    offsets = pa.array(np.arange(0, (len(x) + 1) * n, n, dtype=np.int32))
    return pa.StringArray.from_buffers(len(x), offsets.buffers()[1], pa.py_buffer(flat))


def _key(prefix: str, text: str, width: int) -> str:
    return prefix + hashlib.blake2b(text.encode(), digest_size=8).hexdigest()[:width]


def to_arrow(table: contract.Table, cols: dict) -> pa.Table:
    arrays = []
    for c in table.columns:
        v = cols[c.name]
        arrays.append(v if isinstance(v, pa.Array) else pa.array(v, type=c.type, from_pandas=True))
    return pa.Table.from_arrays(arrays, schema=table.schema)


def _d(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


def _days(rng, lo: str, hi: str, n: int) -> list[dt.date]:
    """n sorted random dates in [lo, hi]."""
    a, b = _d(lo), _d(hi)
    offs = np.sort(rng.integers(0, (b - a).days + 1, n))
    return [a + dt.timedelta(days=int(o)) for o in offs]


# ---------------------------------------------------------------- regions, employers

def build_regions(geo_dir: Path | None) -> tuple[pd.DataFrame, str]:
    division, source = read_division(geo_dir)
    return with_traits(division), source


def organisation_for(regions: pd.DataFrame) -> dict[str, str]:
    """The werkbedrijf that runs trajectories for each gemeente."""
    org = {r.gemeente_code: f"Werkbedrijf {r.arbeidsmarktregio_name}" for r in regions.itertuples()}
    org[WESTLAND] = "Patijnenburg"
    for g in (STEENWIJKERLAND, "GM1701", "GM0119"):  # Steenwijkerland, Westerveld, Meppel
        org[g] = "NoordWestGroep"
    for g in ("GM0758", "GM0777", "GM0779", "GM0826", "GM0879", "GM1719"):  # WVS gemeenten
        org[g] = "WVS"
    for g in ("GM1674", "GM1655", "GM1709", "GM0840"):  # Hart van West-Brabant
        org[g] = "Werkplein Hart van West-Brabant"
    for g in ("GM0748", "GM0851", "GM0873"):  # Brabantse Wal
        org[g] = "ISD Brabantse Wal"
    return {g: o for g, o in org.items() if g in set(regions["gemeente_code"])}


def build_employers(regions: pd.DataFrame, orgs: dict[str, str], rng) -> pd.DataFrame:
    rows = []
    for r in regions.itertuples():
        g = r.gemeente_code
        n = 150 if g == WESTLAND else max(4, int(r.inwoners // 2500))
        amr = r.arbeidsmarktregio_code
        for i in range(n):
            sector = rng.choice(SECTORS, p=_sector_p(g))
            staff = int(np.clip(rng.lognormal(np.log(40), 1.1), 3, 3000))
            network, join = None, None
            if g == WESTLAND and i < MVO_PARTNERS_JULY_2016:  # "ruim 100 werkgevers" on 2 July 2016
                network = "MVO Westland"
                join = _d("2012-09-01") + dt.timedelta(days=int(rng.integers(0, (_d("2016-06-30") - _d("2012-09-01")).days)))
            elif g == WESTLAND and i < MVO_PARTNERS_JULY_2016 + MVO_PARTNERS_LATER:  # the network keeps growing
                network = "MVO Westland"
                join = _d("2016-07-03") + dt.timedelta(days=int(rng.integers(0, (PEILDATUM - _d("2016-07-03")).days)))
            elif amr == "AM25" and rng.random() < 0.35:  # MetWerk, founded 2021
                network = "MetWerk"
                join = _d("2021-03-01") + dt.timedelta(days=int(rng.integers(0, 365 * 4)))
            public = bool(rng.random() < 0.6)
            rows.append({
                "employer_key": _key("W", f"{g}-{i}", 10),
                "name": f"{NAME_B[sector]} {rng.choice(NAME_A)}" if public else None,
                "name_public": public, "network": network, "join_date": join, "sector": sector,
                "size_class": "klein" if staff < 50 else ("middel" if staff < 250 else "groot"),
                "staff_count": None if rng.random() < 0.05 else staff, "gemeente_code": g,
            })
    for org in sorted(set(orgs.values())):
        g = next(k for k, v in sorted(orgs.items()) if v == org)
        rows.append({"employer_key": _key("W", f"org-{org}", 10), "name": org, "name_public": True,
                     "network": None, "join_date": None, "sector": "sociaal ontwikkelbedrijf",
                     "size_class": "groot", "staff_count": 600, "gemeente_code": g})
    return pd.DataFrame(rows)


def _sector_p(g: str) -> np.ndarray:
    w = np.ones(len(SECTORS))
    if g in (WESTLAND, "GM1842"):
        w[SECTORS.index("glastuinbouw")] = 8
        w[SECTORS.index("logistiek")] = 3
    return w / w.sum()


# ---------------------------------------------------------------- background placements

def _background_chunk(year: int, regs: pd.DataFrame, counts: np.ndarray, orgs: dict, employers: pd.DataFrame,
                      rng, pid0: int) -> dict:
    """Synthetic placements with intake in `year` for the gemeenten in `regs` (vectorised)."""
    gidx = np.repeat(np.arange(len(regs)), counts)
    n = len(gidx)
    gem = regs["gemeente_code"].to_numpy()[gidx]
    dg_names = np.array(list(DOELGROEP_P))
    p = np.array(list(DOELGROEP_P.values()))
    if year in (2016, 2017):  # the statushouder peak after 2015
        p = p * np.array([1, 1, 1.8, 1, 1])
        p = p / p.sum()
    dg = dg_names[rng.choice(len(p), n, p=p)]
    start = np.datetime64(f"{year}-01-01", "D")
    ndays = 366 if year % 4 == 0 else 365
    intake = start + rng.integers(0, ndays, n).astype("timedelta64[D]")

    trend = 0.02 * (year - 2015) - (0.08 if year == 2020 else 0)
    placed = rng.random(n) < pd.Series(dg).map(PLACED_P).to_numpy(dtype=float) + trend
    speed = np.where(dg == "statushouder", np.log(28), np.log(60))
    to_place = np.clip(rng.lognormal(speed, 0.8), 1, 700).astype("int64")
    pdate = intake + to_place.astype("timedelta64[D]")
    placed &= pdate <= PEIL

    kind = _work_kinds(dg, year, gem, rng)
    # Steenwijkerland's beschut werk is written person by person (see _steenwijkerland).
    kind = np.where((gem == STEENWIJKERLAND) & (kind == "beschut_werk"), "garantiebaan", kind)
    kind = np.where(placed, kind, None)

    work_days = np.clip(rng.lognormal(np.log(520), 0.9), 20, 4000).astype("int64")
    search_days = np.clip(rng.lognormal(np.log(210), 0.6), 10, 2000).astype("int64")
    end = np.where(placed, pdate + work_days.astype("timedelta64[D]"), intake + search_days.astype("timedelta64[D]"))
    closes = placed | (rng.random(n) < 0.85)
    end = np.where(closes & (end <= PEIL), end, np.datetime64("NaT"))
    moved_on = rng.random(n) < 0.15
    outcome = np.where(
        placed,
        np.where(np.isnat(end), "in_werk", np.where(moved_on, "doorgestroomd", "werk_beeindigd")),
        np.where(np.isnat(end), "lopend", "uitgevallen"),
    )

    programme = pd.Series(dg, dtype=object).map(PROGRAMME).to_numpy(dtype=object)
    wl = gem == WESTLAND
    programme = np.where(wl & np.isin(dg, ["banenafspraak", "participatiewet", "jongeren"]), "MVO Westland", programme)
    programme = np.where(wl & (dg == "statushouder"), "Meetellen en Meedoen", programme)
    programme = np.where(kind == "alternatief_beschut", "Alternatief beschut werk", programme)

    org = pd.Series(gem, dtype=object).map(orgs).to_numpy(dtype=object)
    emp = _assign_employers(gem, kind, org, employers, rng)
    hours_mu = {"regulier": 28, "garantiebaan": 24, "beschut_werk": 26, "alternatief_beschut": 12, "werkleertraject": 20}
    ks = pd.Series(kind, dtype=object)
    mu = ks.map(hours_mu).fillna(0).to_numpy(dtype=float)
    hours = np.where(placed, np.clip(np.round(rng.normal(mu, 5) * 2) / 2, 4, 40), np.nan)
    lks_p = {"garantiebaan": 0.7, "beschut_werk": 0.95, "regulier": 0.12, "werkleertraject": 0.05, "alternatief_beschut": 0.0}
    nrp_p = {"garantiebaan": 0.6, "beschut_werk": 0.3, "regulier": 0.2, "werkleertraject": 0.1, "alternatief_beschut": 0.0}
    lks = rng.random(n) < ks.map(lks_p).fillna(0).to_numpy(dtype=float)
    nrp = rng.random(n) < ks.map(nrp_p).fillna(0).to_numpy(dtype=float)
    pid = pid0 + np.arange(n)
    return {
        "person_key": pid, "gemeente_code": gem, "organisation": org, "programme": programme, "doelgroep": dg,
        "intake_date": intake, "placement_date": np.where(placed, pdate, np.datetime64("NaT")), "work_kind": kind,
        "employer_key": emp, "hours_per_week": hours, "loonkostensubsidie": lks, "no_riskpolis": nrp,
        "end_date": end, "outcome": outcome,
    }


def _work_kinds(dg: np.ndarray, year: int, gem: np.ndarray, rng) -> np.ndarray:
    """Kind of work by doelgroep; beschut werk grows and werkleertrajecten shrink over the years."""
    t = (year - 2015) / 10
    table = {  # regulier, garantiebaan, beschut_werk, alternatief_beschut, werkleertraject
        "banenafspraak": [0.15, 0.5 + 0.1 * t, 0.0, 0.0, 0.35 - 0.1 * t],
        "participatiewet": [0.55 + 0.1 * t, 0.05, 0.0, 0.0, 0.4 - 0.1 * t],
        "statushouder": [0.35 + 0.15 * t, 0.0, 0.0, 0.0, 0.65 - 0.15 * t],
        "beschut_indicatie": [0.0, 0.2 - 0.1 * t, 0.45 + 0.4 * t, 0.0, 0.35 - 0.3 * t],
        "jongeren": [0.5, 0.1, 0.0, 0.0, 0.4],
    }
    kind = np.empty(len(dg), dtype=object)
    u = rng.random(len(dg))
    for name, p in table.items():
        m = dg == name
        cum = np.cumsum(p)
        kind[m] = np.array(KINDS, dtype=object)[np.searchsorted(cum / cum[-1], u[m], side="right").clip(0, 4)]
    # Alternatief beschut werk exists in Leidschendam-Voorburg from its pilot in 2016 on.
    if year >= 2016:
        alt = (gem == LV) & (dg == "beschut_indicatie") & (rng.random(len(dg)) < 0.3)
        kind[alt] = "alternatief_beschut"
    return kind


def _assign_employers(gem, kind, org, employers: pd.DataFrame, rng) -> np.ndarray:
    out = np.full(len(gem), None, dtype=object)
    regular = employers[employers["sector"] != "sociaal ontwikkelbedrijf"]
    pools = {g: df["employer_key"].to_numpy() for g, df in regular.groupby("gemeente_code")}
    org_key = {o: _key("W", f"org-{o}", 10) for o in set(org)}
    mvo = regular.loc[regular["network"] == "MVO Westland", "employer_key"].to_numpy()
    with_employer = np.isin(kind, ["regulier", "garantiebaan", "werkleertraject"])
    for g in np.unique(gem[with_employer]):
        m = with_employer & (gem == g)
        pool = pools.get(g)
        if pool is None:
            continue
        w = 1.0 / np.arange(1, len(pool) + 1) ** 0.8  # a few employers carry much of the work
        if g == WESTLAND:  # most of Westland's work goes through the MVO Westland partners, evenly
            w = np.where(np.isin(pool, mvo), w.max(), w * 0.2)
        out[m] = pool[rng.choice(len(pool), m.sum(), p=w / w.sum())]
    sheltered = np.isin(kind, ["beschut_werk", "alternatief_beschut"])
    out[sheltered] = pd.Series(org[sheltered], dtype=object).map(org_key).to_numpy(dtype=object)
    return out


# ---------------------------------------------------------------- the published places, person by person

class _Rows:
    """Collects explicit placement rows; person ids come from a reserved range."""

    def __init__(self, pid0: int):
        self.rows: list[dict] = []
        self.next_pid = pid0

    def person(self) -> int:
        self.next_pid += 1
        return self.next_pid

    def add(self, pid, gemeente, organisation, programme, doelgroep, intake, placed=None, kind=None,
            employer=None, hours=None, lks=False, nrp=False, end=None, outcome=None):
        if outcome is None:
            if placed is not None:
                outcome = "in_werk" if end is None else "werk_beeindigd"
            else:
                outcome = "lopend" if end is None else "uitgevallen"
        self.rows.append(dict(
            person_key=pid, gemeente_code=gemeente, organisation=organisation, programme=programme,
            doelgroep=doelgroep, intake_date=intake, placement_date=placed, work_kind=kind, employer_key=employer,
            hours_per_week=hours, loonkostensubsidie=lks, no_riskpolis=nrp, end_date=end, outcome=outcome))


def _westland(rows: _Rows, employers: pd.DataFrame, rng) -> None:
    """Westland 2015–2016: MVO Westland and Meetellen en Meedoen.

    First half of 2016: 193 of the 276 people looking for work were placed (70%).
    2016: 293 into a regular job or garantiebaan (target 290), 153 werkleertrajecten (target 150).
    Meetellen en Meedoen 2016: 87 statushouders placed, 75 of them within three weeks of intake,
    4 in paid work on 27 October 2016.
    """
    org = "Patijnenburg"
    pat = _key("W", f"org-{org}", 10)
    partners = employers.loc[(employers["gemeente_code"] == WESTLAND) & (employers["network"] == "MVO Westland"),
                             "employer_key"].to_numpy()

    joined = employers.set_index("employer_key").loc[partners, "join_date"]
    assigned = {k: 0 for k in partners}

    def emp(pdate):
        # Spread the network's placements over the partners that had joined by then (fewest first), so
        # that every partner has people from the doelgroep at work, as membership requires.
        members = [k for k in partners if joined[k] <= pdate] or list(partners)
        least = min(assigned[k] for k in members)
        k = str(rng.choice([k for k in members if assigned[k] == least]))
        assigned[k] += 1
        return k

    def hours(kind):
        return float({"regulier": 30, "garantiebaan": 24, "werkleertraject": 20, "beschut_werk": 26}[kind])

    def placed_group(n, intake_lo, intake_hi, place_lo, place_hi, kinds: dict, doelgroep="banenafspraak",
                     programme="MVO Westland"):
        kinds_list = [k for k, c in kinds.items() for _ in range(c)]
        assert len(kinds_list) == n
        placements = _days(rng, place_lo, place_hi, n)
        for kind, pdate in zip(rng.permutation(kinds_list), placements):
            lo = _d(intake_lo)
            hi = min(_d(intake_hi), pdate - dt.timedelta(days=7))
            intake = lo + dt.timedelta(days=int(rng.integers(0, max(1, (hi - lo).days + 1))))
            dgr = doelgroep if kind != "beschut_werk" else "beschut_indicatie"
            end = None if rng.random() < 0.45 else pdate + dt.timedelta(days=int(rng.integers(400, 2500)))
            end = end if end is None or end <= PEILDATUM else None
            rows.add(rows.person(), WESTLAND, org, programme if kind != "beschut_werk" else "Beschut werk", dgr,
                     intake, pdate, kind, pat if kind == "beschut_werk" else emp(pdate), hours(kind),
                     lks=kind in ("garantiebaan", "beschut_werk"), nrp=kind == "garantiebaan", end=end)

    # 2015: people placed in 2015 or gone before 2016 (not looking for work in 2016).
    placed_group(300, "2015-01-02", "2015-11-30", "2015-02-01", "2015-12-31",
                 {"regulier": 120, "garantiebaan": 90, "werkleertraject": 75, "beschut_werk": 15})
    for intake in _days(rng, "2015-01-05", "2015-06-30", 70):
        rows.add(rows.person(), WESTLAND, org, "MVO Westland", "participatiewet", intake,
                 end=min(intake + dt.timedelta(days=int(rng.integers(60, 170))), _d("2015-12-31")))

    # H1 2016, placed (besides Meetellen en Meedoen): 159.
    placed_group(159, "2015-07-01", "2016-05-31", "2016-01-04", "2016-06-30",
                 {"regulier": 62, "garantiebaan": 55, "werkleertraject": 32, "beschut_werk": 10})
    # Looking for work in H1 2016, not placed then: 49 placed in H2, 16 drop out, 12 placed in 2017.
    placed_group(49, "2015-09-01", "2016-06-30", "2016-07-01", "2016-12-20",
                 {"regulier": 24, "garantiebaan": 16, "werkleertraject": 8, "beschut_werk": 1})
    for intake in _days(rng, "2015-10-01", "2016-06-15", 16):
        rows.add(rows.person(), WESTLAND, org, "MVO Westland", "participatiewet", intake,
                 end=_d("2016-07-15") + dt.timedelta(days=int(rng.integers(0, 150))))
    placed_group(12, "2016-01-15", "2016-06-30", "2017-01-10", "2017-06-30", {"regulier": 7, "garantiebaan": 5})
    # H2 2016 intakes: 156 placed in 2016, 40 later or never.
    placed_group(156, "2016-07-01", "2016-11-30", "2016-07-15", "2016-12-31",
                 {"regulier": 88, "garantiebaan": 42, "werkleertraject": 26})
    placed_group(25, "2016-07-01", "2016-12-20", "2017-01-05", "2017-09-30", {"regulier": 15, "garantiebaan": 10})
    for intake in _days(rng, "2016-07-01", "2016-12-31", 15):
        rows.add(rows.person(), WESTLAND, org, "MVO Westland", "participatiewet", intake,
                 end=intake + dt.timedelta(days=int(rng.integers(90, 300))))

    # Meetellen en Meedoen (statushouders), werkleertraject at Patijnenburg first.
    mem = "Meetellen en Meedoen"

    def mem_group(n, intake_lo, intake_hi, days_lo, days_hi):
        out = []
        for intake in _days(rng, intake_lo, intake_hi, n):
            pid = rows.person()
            pdate = intake + dt.timedelta(days=int(rng.integers(days_lo, days_hi + 1)))
            out.append((pid, intake, pdate))
            rows.add(pid, WESTLAND, org, mem, "statushouder", intake, pdate, "werkleertraject", pat, 20.0,
                     end=pdate + dt.timedelta(days=int(rng.integers(150, 365))), outcome="doorgestroomd")
        return out

    h1_fast = mem_group(30, "2016-03-01", "2016-06-05", 5, 21)
    mem_group(4, "2016-03-01", "2016-05-15", 25, 45)  # H1, slower than three weeks
    mem_group(4, "2016-06-20", "2016-06-29", 10, 21)  # intake H1, placed July
    for intake in _days(rng, "2016-04-01", "2016-05-31", 2):  # intake H1, dropped out
        rows.add(rows.person(), WESTLAND, org, mem, "statushouder", intake,
                 end=intake + dt.timedelta(days=int(rng.integers(100, 150))))
    mem_group(41, "2016-07-01", "2016-11-30", 4, 21)
    mem_group(8, "2016-07-01", "2016-09-30", 25, 60)
    for intake in _days(rng, "2016-08-01", "2016-12-15", 6):  # not placed in 2016
        rows.add(rows.person(), WESTLAND, org, mem, "statushouder", intake,
                 end=intake + dt.timedelta(days=int(rng.integers(120, 300))))
    # Paid work: four by 27 October 2016, two more before the year ends.
    for (pid, intake, pdate), job in zip(h1_fast[:6], ["2016-08-15", "2016-09-05", "2016-09-26", "2016-10-17",
                                                         "2016-11-14", "2016-12-05"]):
        jd = _d(job)
        for r in rows.rows:  # the werkleertraject ends where the job starts
            if r["person_key"] == pid:
                r["end_date"] = jd - dt.timedelta(days=1)
        rows.add(pid, WESTLAND, org, mem, "statushouder", jd, jd, "regulier", emp(jd), 32.0, nrp=True)


def _steenwijkerland(rows: _Rows, rng) -> None:
    """Beschut werk at NoordWestGroep from 2017: 21 places in 2019 (taakstelling 18)."""
    org = "NoordWestGroep"
    nwg = _key("W", f"org-{org}", 10)
    per_year = {2017: 9, 2018: 14, 2019: 21, 2020: 18, 2021: 19, 2022: 20, 2023: 22, 2024: 21, 2025: 23}
    for year, n in per_year.items():
        for pdate in _days(rng, f"{year}-01-10", f"{year}-12-15", n):
            intake = pdate - dt.timedelta(days=int(rng.integers(20, 120)))
            end = pdate + dt.timedelta(days=int(rng.integers(500, 3000)))
            rows.add(rows.person(), STEENWIJKERLAND, org, "Beschut werk", "beschut_indicatie", intake, pdate,
                     "beschut_werk", nwg, 25.0, lks=True, end=end if end <= PEILDATUM else None)


def _westland_work(p: pd.DataFrame) -> pd.DataFrame:
    """Westland's paid work with an employer: what the MVO Westland norm counts."""
    m = (p["gemeente_code"] == WESTLAND) & p["work_kind"].isin(["regulier", "garantiebaan", "beschut_werk"])
    return p.loc[m, ["employer_key", "placement_date", "end_date"]]


def mvo_staff(employers: pd.DataFrame, work: pd.DataFrame, rng) -> pd.DataFrame:
    """Staff counts of MVO Westland partners such that most meet the 5% norm at every month end.

    A partner's staff is at most 20× the fewest people it had in paid work at any month end since it
    joined (from 2016 on); a few partners (MVO_NORM_MISS) fall short at every month end, and partners that
    had a month end without anyone in work fall short then, as in any real network.
    """
    employers = employers.copy()
    month_ends = pd.date_range("2016-01-31", PEILDATUM.isoformat(), freq="ME").to_numpy(dtype="datetime64[D]")
    place = pd.to_datetime(work["placement_date"]).to_numpy(dtype="datetime64[D]")
    end = pd.to_datetime(work["end_date"]).to_numpy(dtype="datetime64[D]")
    keys = work["employer_key"].to_numpy(dtype=object)
    partners = employers.index[employers["network"] == "MVO Westland"]
    for i in partners:
        k, join = employers.at[i, "employer_key"], np.datetime64(employers.at[i, "join_date"], "D")
        sel = keys == k
        dates = month_ends[month_ends >= join]
        if len(dates) == 0:
            continue
        running = (place[sel][None, :] <= dates[:, None]) & (np.isnat(end[sel])[None, :] | (end[sel][None, :] >= dates[:, None]))
        counts = running.sum(axis=1)
        fewest, most = int(counts.min()), int(counts.max())
        if fewest == 0:
            staff = int(rng.integers(10, 60))
        elif rng.random() < MVO_NORM_MISS:  # short of the norm at every month end
            staff = int(most / MVO_NORM) + int(rng.integers(3, 30))
        else:
            cap = int(round(fewest / MVO_NORM))
            staff = int(rng.integers(max(3, cap // 2), cap + 1))
        employers.at[i, "staff_count"] = staff
        employers.at[i, "size_class"] = "klein" if staff < 50 else ("middel" if staff < 250 else "groot")
    return employers


# ---------------------------------------------------------------- pilots, proeftuinen, targets

def build_pilots(regions: pd.DataFrame, rng, pid0: int) -> pd.DataFrame:
    rows, pid = [], pid0
    activities_lv = ["horeca", "dierenweide", "winkel Villa Dorrepaal", "montagewerk", "stekjes knippen",
                     "stickers plakken en inpakwerk"]

    def pilot(name, gemeente, start, end, outcomes: dict, activities):
        nonlocal pid
        for outcome, n in outcomes.items():
            for _ in range(n):
                pid += 1
                s = _d(start) + dt.timedelta(days=int(rng.integers(0, 45)))
                rows.append({"pilot": name, "gemeente_code": gemeente, "person_key": pid, "start_date": s,
                             "end_date": None if outcome == "lopend" else _d(end), "activity": str(rng.choice(activities)),
                             "outcome": outcome})

    # Leidschendam-Voorburg 2016: 2 regular paid job, 1 towards it, 6 need beschut werk.
    pilot("Alternatief beschut werk 2016", LV, "2016-02-01", "2016-11-30",
          {"regulier_werk": 2, "traject_naar_werk": 1, "beschut_werk_nodig": 6}, activities_lv)
    pilot("Alternatief beschut werk 2017", LV, "2017-01-15", "2017-12-15",
          {"regulier_werk": 3, "traject_naar_werk": 3, "beschut_werk_nodig": 8, "uitgevallen": 2}, activities_lv)
    codes = set(regions["gemeente_code"])
    others = [
        ("Jobcoach op de werkvloer", "GM0637", "2018-03-01", "2019-02-28", {"regulier_werk": 14, "traject_naar_werk": 9, "beschut_werk_nodig": 3, "uitgevallen": 6}),
        ("Werkfit statushouders", "GM0758", "2019-09-01", "2020-08-31", {"regulier_werk": 21, "traject_naar_werk": 12, "uitgevallen": 8}),
        ("Beschut dichtbij", "GM0193", "2021-01-15", "2021-12-31", {"regulier_werk": 4, "traject_naar_werk": 5, "beschut_werk_nodig": 11, "uitgevallen": 2}),
        ("Groen aan het werk", "GM1708", "2022-04-01", "2023-03-31", {"regulier_werk": 6, "traject_naar_werk": 4, "beschut_werk_nodig": 5, "uitgevallen": 1}),
        ("Leerwerkplaats kassen", WESTLAND, "2023-02-01", "2024-01-31", {"regulier_werk": 17, "traject_naar_werk": 8, "uitgevallen": 4}),
        ("Samen sterker Delft", "GM0503", "2025-03-01", "2026-02-28", {"regulier_werk": 5, "traject_naar_werk": 6, "lopend": 12}),
    ]
    for name, g, s, e, outc in others:
        if g in codes:
            pilot(name, g, s, e, outc, ["productie", "schoonmaak", "groen", "logistiek", "horeca"])
    df = pd.DataFrame(rows)
    df.loc[df["end_date"].notna() & (df["end_date"] > PEILDATUM), "end_date"] = None
    return df


def build_proeftuinen(regions: pd.DataFrame, orgs: dict, rng, pid0: int) -> pd.DataFrame:
    """West-Brabant from 2021: WVS, Werkplein Hart van West-Brabant and ISD Brabantse Wal."""
    partners = ("WVS", "Werkplein Hart van West-Brabant", "ISD Brabantse Wal")
    gem_by_partner = {p: sorted(g for g, o in orgs.items() if o == p) for p in partners}
    rows, pid = [], pid0
    for year, n in {2021: 120, 2022: 180, 2023: 210, 2024: 220, 2025: 200}.items():
        for intake in _days(rng, f"{year}-03-01" if year == 2021 else f"{year}-01-05", f"{year}-12-20", n):
            partner = partners[int(rng.choice(3, p=[0.45, 0.33, 0.22]))]
            gems = gem_by_partner[partner]
            if not gems:
                continue
            pid += 1
            route = "ontwikkeling_naar_werk" if rng.random() < 0.62 else "eerst_ondersteuning"
            if route == "ontwikkeling_naar_werk":
                out = rng.choice(["regulier_werk", "werkleertraject", "beschut_werk", "uitgevallen"], p=[0.5, 0.25, 0.1, 0.15])
                days = rng.lognormal(np.log(95), 0.6)
            else:
                out = rng.choice(["ondersteuning", "werkleertraject", "regulier_werk", "uitgevallen"], p=[0.45, 0.25, 0.15, 0.15])
                days = rng.lognormal(np.log(190), 0.6)
            odate = intake + dt.timedelta(days=int(np.clip(days, 7, 1500)))
            if odate > PEILDATUM:
                out, odate = "lopend", None
            rows.append({"proeftuin": "Proeftuin West-Brabant", "partner": partner, "gemeente_code": str(rng.choice(gems)),
                         "person_key": pid, "intake_date": intake, "route": route, "outcome": str(out),
                         "outcome_date": odate})
    return pd.DataFrame(rows, columns=contract.PROEFTUINEN.column_names)


def _realised(p: pd.DataFrame) -> pd.DataFrame:
    """Counts per gemeente, year and measure, as the targets_realised query defines them."""
    p = p[p["placement_date"].notna()].copy()
    p["year"] = pd.to_datetime(p["placement_date"]).dt.year
    parts = []
    for measure, kinds, distinct in (("plaatsingen", ["regulier", "garantiebaan"], True),
                                     ("werkleertrajecten", ["werkleertraject"], False),
                                     ("beschut_werk", ["beschut_werk"], True)):
        g = p[p["work_kind"].isin(kinds)].groupby(["gemeente_code", "year"])
        s = g["person_key"].nunique() if distinct else g.size()
        parts.append(s.rename("n").reset_index().assign(measure=measure))
    return pd.concat(parts, ignore_index=True)


def build_targets(realised: pd.DataFrame, rng) -> pd.DataFrame:
    """Targets near what each gemeente realised, so that some are met and some are not."""
    realised = realised.groupby(["measure", "gemeente_code", "year"])["n"].sum()
    explicit = {(WESTLAND, 2016, "plaatsingen"): 290, (WESTLAND, 2016, "werkleertrajecten"): 150,
                (STEENWIJKERLAND, 2017, "beschut_werk"): 8, (STEENWIJKERLAND, 2018, "beschut_werk"): 13,
                (STEENWIJKERLAND, 2019, "beschut_werk"): 18, (STEENWIJKERLAND, 2020, "beschut_werk"): 17}
    rows = []
    source = {"plaatsingen": "gemeente", "werkleertrajecten": "gemeente", "beschut_werk": "SZW"}
    for (measure, g, y), n in realised.items():
        if y > 2025 or (measure == "beschut_werk" and y < 2016):
            continue
        target = explicit.get((g, y, measure), int(round(n * rng.uniform(0.85, 1.2))))
        rows.append({"gemeente_code": g, "year": int(y), "measure": measure, "target": max(target, 1),
                     "source": source[measure]})
    have = {(r["gemeente_code"], r["year"], r["measure"]) for r in rows}
    for (g, y, m), v in explicit.items():
        if (g, y, m) not in have:
            rows.append({"gemeente_code": g, "year": y, "measure": m, "target": v, "source": "SZW"})
    return pd.DataFrame(rows).sort_values(["gemeente_code", "year", "measure"]).reset_index(drop=True)


# ---------------------------------------------------------------- writing

def _placements_arrow(cols: dict, tid0: int) -> pa.Table:
    n = len(cols["person_key"])
    cols = dict(cols)
    cols["trajectory_id"] = hex_keys("T", np.arange(tid0, tid0 + n), 12)
    cols["person_key"] = hex_keys("P", np.asarray(cols["person_key"]), 16)
    for c in ("intake_date", "placement_date", "end_date"):
        v = cols[c]
        cols[c] = pa.array(np.asarray(v, dtype="datetime64[D]") if not isinstance(v, list) else
                           pd.to_datetime(pd.Series(v)).to_numpy().astype("datetime64[D]"), type=pa.date32(),
                           from_pandas=True)
    return to_arrow(contract.PLACEMENTS, cols)


def _chunks(counts: np.ndarray):
    """Consecutive gemeente ranges of about CHUNK_ROWS rows each (bounded memory)."""
    lo, acc = 0, 0
    for i, c in enumerate(counts):
        acc += int(c)
        if acc >= CHUNK_ROWS:
            yield lo, i + 1
            lo, acc = i + 1, 0
    if lo < len(counts):
        yield lo, len(counts)


def generate(out: Path, rows: int | None = None, geo_dir: Path | None = None, seed: int = SEED) -> dict:
    """Write a complete export set into `out` and return its manifest."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    regions, regions_source = build_regions(geo_dir)
    orgs = organisation_for(regions)
    employers = build_employers(regions, orgs, rng)

    inw = regions["inwoners"].to_numpy(dtype=float)
    total_factor = sum(YEAR_FACTOR.values())
    rate = DEFAULT_RATE if rows is None else rows / (inw.sum() / 1000 * total_factor)

    pdir = out / "placements"
    pdir.mkdir(exist_ok=True)
    explicit = _Rows(pid0=10**12)
    _westland(explicit, employers, rng)
    _steenwijkerland(explicit, rng)
    ex = pd.DataFrame(explicit.rows)
    ex_table = _placements_arrow({c: ex[c].tolist() if c.endswith("_date") else ex[c].to_numpy()
                                  for c in ex.columns}, tid0=10**11)
    pq.write_table(ex_table, pdir / "part-explicit.parquet")
    n_rows, pid, tid = ex_table.num_rows, 0, 0
    # For the targets we only need counts per gemeente and year; keep them small.
    cols4 = ["gemeente_code", "person_key", "placement_date", "work_kind"]
    realised = [_realised(ex_table.select(cols4).to_pandas())]
    wcols = ["gemeente_code", "employer_key", "work_kind", "placement_date", "end_date"]
    westland_work = [_westland_work(ex_table.select(wcols).to_pandas())]

    for year in YEARS:
        lam = rate * inw / 1000 * YEAR_FACTOR[year]
        counts = rng.poisson(lam)
        if year < 2017:
            counts[regions["gemeente_code"].to_numpy() == WESTLAND] = 0  # written person by person
        for k, (lo, hi) in enumerate(_chunks(counts)):
            cols = _background_chunk(year, regions.iloc[lo:hi], counts[lo:hi], orgs, employers, rng, pid)
            m = len(cols["person_key"])
            if m == 0:
                continue
            table = _placements_arrow(cols, tid)
            pid, tid = pid + m, tid + m
            part = pdir / f"intake_year={year}"
            part.mkdir(exist_ok=True)
            pq.write_table(table, part / f"part-{k}.parquet", row_group_size=256_000)
            n_rows += m
            realised.append(_realised(table.select(cols4).to_pandas()))
            westland_work.append(_westland_work(table.select(wcols).to_pandas()))

    employers = mvo_staff(employers, pd.concat(westland_work, ignore_index=True), rng)
    targets = build_targets(pd.concat(realised, ignore_index=True), rng)
    pilots = build_pilots(regions, rng, pid0=2 * 10**12)
    proeftuinen = build_proeftuinen(regions, orgs, rng, pid0=3 * 10**12)
    pilots["person_key"] = hex_keys("P", pilots["person_key"].to_numpy(), 16)
    proeftuinen["person_key"] = hex_keys("P", proeftuinen["person_key"].to_numpy(), 16)

    for table, df in ((contract.TARGETS, targets), (contract.PILOTS, pilots), (contract.PROEFTUINEN, proeftuinen),
                      (contract.REGIONS, regions), (contract.EMPLOYERS, employers)):
        pq.write_table(to_arrow(table, {c: df[c] for c in table.column_names}), out / f"{table.name}.parquet")

    manifest = {
        "source": "demo",
        "peildatum": PEILDATUM.isoformat(),
        "created": dt.datetime.now().isoformat(timespec="seconds"),
        "regions_source": regions_source,
        "generator": {"seed": seed, "rows": rows},
        "rows": {"placements": n_rows, "pilots": len(pilots), "proeftuinen": len(proeftuinen),
                 "targets": len(targets), "regions": len(regions), "employers": len(employers)},
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2))
    return manifest


def main(argv=None) -> None:
    from . import config

    ap = argparse.ArgumentParser(description="Write the Meedoen demo export set.")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--rows", type=int, default=None, help="placement rows (default: about 1 per 2,000 inhabitants a year)")
    ap.add_argument("--seed", type=int, default=SEED)
    args = ap.parse_args(argv)
    geo = config.geo_dir()
    m = generate(args.out, rows=args.rows, geo_dir=geo if geo.exists() else None, seed=args.seed)
    print(json.dumps(m["rows"]))


if __name__ == "__main__":
    main()
