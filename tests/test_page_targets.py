"""Doelen page: realised against the taakstelling, against counts made straight from the parquet files."""

from __future__ import annotations

import shutil

import pyarrow.parquet as pq
from conftest import app_test

from meedoen.i18n import label

from page_checks import STEENWIJK_2019, _select, nl_int, _charts, _chart, _trace, _metrics, _deltas, _infos, _captions, _frame


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
    assert m["Beschut werk 2019"] == "21 / 18" and delta["Beschut werk 2019"] == "3 boven doel"
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
