"""Doelen page: realised against the taakstelling, against counts made straight from the parquet files."""

from __future__ import annotations

import shutil

import pyarrow.parquet as pq
from conftest import app_test

from meedoen.i18n import label

from meedoen.charts import targets as charts

from page_checks import STEENWIJK_2019, _select, nl_int, _charts, _chart, _trace, _metrics, _deltas, _infos, _captions, _frame


def _bar_values(fig, names) -> list[float]:
    """The realised bar of each named row (the bars are split into on-track and behind traces)."""
    at = {y: x for tr in fig["data"] if tr["type"] == "bar" for y, x in zip(tr["y"], tr["x"])}
    return [at[n] for n in names]


def _realised(raw, gemeente: str, year: int) -> dict[str, int]:
    d = _select(raw, region=gemeente)
    d = d[d["placement_date"].dt.year == year]
    return {"plaatsingen": d.loc[d["work_kind"].isin(["regulier", "garantiebaan"]), "person_key"].nunique(),
            "werkleertrajecten": int((d["work_kind"] == "werkleertraject").sum()),
            "beschut_werk": d.loc[d["work_kind"] == "beschut_werk", "person_key"].nunique()}


def test_targets_steenwijkerland_2019(render, raw):
    at = render("app_pages/targets.py", STEENWIJK_2019)
    assert at.title[0].value == "Doelen — Steenwijkerland, 2019"
    m, delta = _metrics(at), _deltas(at)
    # The published figure: 21 places of beschut werk against a taakstelling of 18.
    assert m["Beschut werk 2019"] == "21 / 18" and delta["Beschut werk 2019"] == "gehaald: 3 boven het doel"
    real = _realised(raw, "GM1708", 2019)
    tg = raw["targets"].query("gemeente_code == 'GM1708' and year == 2019").set_index("measure")["target"]
    assert real["beschut_werk"] == 21 and tg["beschut_werk"] == 18
    for measure in ("plaatsingen", "werkleertrajecten"):
        assert m[f"{label('ms', measure)} 2019"] == f"{nl_int(real[measure])} / {nl_int(tg[measure])}"
    table = _frame(at, column="Maat").set_index("Maat")
    assert (table.loc["Beschut werk", "Doel"], table.loc["Beschut werk", "Gerealiseerd"]) == (18, 21)
    assert table.loc["Beschut werk", "Stand"] == "gehaald"
    bullet = _chart(at, "Beschut werk: gerealiseerd tegen doel — Steenwijkerland, 2019")
    assert _trace(bullet, "Doel")["x"] == [18]
    assert [x for tr in bullet["data"] if tr["type"] == "bar" for x in tr["x"]] == [21]


def test_targets_summed_over_an_arbeidsmarktregio(render, raw):
    at = render("app_pages/targets.py", {"periode": "2019", "niveau": "arbeidsmarktregio", "regio": "AM36"})
    assert at.title[0].value == "Doelen — Regio Zwolle, 2019"
    gms = raw["regions"].loc[raw["regions"]["arbeidsmarktregio_code"] == "AM36", "gemeente_code"]
    tg = raw["targets"][raw["targets"]["gemeente_code"].isin(gms) & (raw["targets"]["year"] == 2019)]
    m, captions = _metrics(at), _captions(at)
    for measure, rows in tg.groupby("measure"):
        real = [_realised(raw, g, 2019)[measure] for g in rows["gemeente_code"]]
        assert m[f"{label('ms', measure)} 2019"] == f"{nl_int(sum(real))} / {nl_int(rows['target'].sum())}"
        met = sum(r >= x for r, x in zip(real, rows["target"]))
        assert f"{met} van {len(rows)} gemeenten op koers" in captions, measure
    assert len(_frame(at, column="Maat")) == len(tg)


def test_targets_half_year_against_the_pro_rata_target(render, raw):
    at = render("app_pages/targets.py", {"periode": "2016-H2", "regio": "GM1783"})
    m, delta, captions = _metrics(at), _deltas(at), _captions(at)
    real = _select(raw, region="GM1783")
    real = real[real["placement_date"].between("2016-07-01", "2016-12-31")]
    placed = real.loc[real["work_kind"].isin(["regulier", "garantiebaan"]), "person_key"].nunique()
    part = round(290 * 184 / 366)  # the days of H2 in the leap year 2016
    assert m["Plaatsingen tweede helft 2016"] == f"{placed} / {part}"
    state = "gehaald" if placed >= part else "niet gehaald"
    assert delta["Plaatsingen tweede helft 2016"] == f"{state}: {abs(placed - part)} {'boven' if placed >= part else 'onder'} het doel"
    assert f"doel naar rato van de periode: {part} van jaardoel 290 (2016)" in captions
    assert "te gaan" not in captions + " ".join(delta.values())


def test_targets_ranking_lowest_share_first_and_too_small_ones_left_out(render, raw):
    at = render("app_pages/targets.py", {"periode": "2019"})
    fig = _chart(at, "Plaatsingen: gerealiseerd tegen doel — Heel Nederland, 2019")
    target = _trace(fig, "Doel")
    shares = [r / x for r, x in zip(_bar_values(fig, target["y"]), target["x"])]
    assert len(shares) == charts.MAX_ROWS
    assert shares[::-1] == sorted(shares)  # drawn bottom-up: the lowest share at the top
    assert min(target["x"]) >= charts.MIN_RANK_TARGET
    tg = raw["targets"].query("year == 2019 and measure == 'plaatsingen'")
    small = int((tg["target"] < charts.MIN_RANK_TARGET).sum())
    captions = _captions(at)
    assert f"30 van {len(tg)} rijen, gerangschikt op het deel van het doel dat gehaald is" in captions
    assert (f"te klein om te rangschikken (doel onder {charts.MIN_RANK_TARGET}" in captions) == (small > 0)
    assert (f"het deel te veel): {small}." in captions) == (small > 0)


def test_targets_yearly_chart_ends_with_the_data(render):
    at = render("app_pages/targets.py", {"periode": "2025", "regio": "GM1783"})
    fig = _chart(at, "Gerealiseerd tegen doel per jaar")
    assert fig["layout"]["title"]["text"].startswith("Gerealiseerd tegen doel per jaar — Westland, t/m 2025")
    assert max(x for tr in fig["data"] for x in tr.get("x") or [] if isinstance(x, int)) == 2025


def test_targets_publiek_states_follow_the_shown_counts(app_env, monkeypatch):
    monkeypatch.setenv("MEEDOEN_AUDIENCE", "publiek")
    at = app_test({"periode": "2019"}, "app_pages/targets.py")
    assert not at.exception
    table = _frame(at, column="Stand")
    shown = table[table["Gerealiseerd"].astype(str).str.fullmatch(r"\d+")]
    real = shown["Gerealiseerd"].astype(int)
    finished_met = shown["Stand"] == "gehaald"
    assert (finished_met == (real >= shown["Doel"])).all()  # never judged by the exact count behind a perturbed one
    withheld = table[~table["Gerealiseerd"].astype(str).str.fullmatch(r"\d+")]
    assert (withheld["Stand"] == "afgeschermd").all()


def test_targets_empty_when_no_taakstelling(app_env, monkeypatch, demo_version, tmp_path):
    # A data folder read in place whose targets skip Leidschendam-Voorburg.
    for f in demo_version.path.iterdir():
        if f.name != "targets.parquet":
            (shutil.copytree if f.is_dir() else shutil.copy)(f, tmp_path / f.name)
    targets = pq.read_table(demo_version.path / "targets.parquet").to_pandas()
    targets[targets["gemeente_code"] != "GM1916"].to_parquet(tmp_path / "targets.parquet", index=False)
    monkeypatch.setenv("MEEDOEN_DATA_DIR", str(tmp_path))
    at = app_test({"periode": "2019", "regio": "GM1916"}, "app_pages/targets.py")
    assert not at.exception
    assert "geen taakstelling vastgelegd" in _infos(at)
    assert _charts(at) == [] and not at.metric
