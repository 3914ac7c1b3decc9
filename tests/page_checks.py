"""Helpers of the page tests: the demo data read straight from parquet (to check the pages' numbers
against), and readers of what AppTest rendered."""

from __future__ import annotations

import base64
import json

import numpy as np
import pandas as pd

from meedoen import filters


EMPTY_NL = "Geen gegevens voor deze selectie"
PAID_KINDS = ("regulier", "garantiebaan", "beschut_werk")
WESTLAND_H1 = {"periode": "2016-H1", "regio": "GM1783"}
STEENWIJK_2019 = {"periode": "2019", "regio": "GM1708"}
STATUSHOUDERS = {"periode": "2016", "regio": "GM1783", "doelgroep": "statushouder"}
NO_ROWS = {"periode": "2016", "regio": "GM1783", "programma": "Meetellen en Meedoen", "doelgroep": "banenafspraak"}
MAP_CODES = ["GM1783", "GM1842", "GM1916", "GM0014"]  # GM0014 (Groningen) has no data: drawn grey


def _ts(d) -> pd.Timestamp:
    return pd.Timestamp(d)


def _period(code: str):
    p = filters.parse_period(code)
    return _ts(p.start), _ts(p.end)


def _select(raw, region=None, programme=None, doelgroep=None) -> pd.DataFrame:
    p = raw["p"]
    m = pd.Series(True, index=p.index)
    if region:
        m &= (p["gemeente_code"] == region) | (p["arbeidsmarktregio_code"] == region) | (p["provincie_code"] == region)
    if programme:
        m &= p["programme"] == programme
    if doelgroep:
        m &= p["doelgroep"] == doelgroep
    return p[m]


def _persons(raw, start, end, **sel) -> pd.DataFrame:
    """Per person and gemeente: looking for work in [start, end] (open, not placed before) and placed in it."""
    d = _select(raw, **sel)
    d = d[d["intake_date"] <= end]
    looking = (d["end_date"].isna() | (d["end_date"] >= start)) & (d["placement_date"].isna() | (d["placement_date"] >= start))
    placed = d["placement_date"].between(start, end)
    keys = ["person_key", "gemeente_code", "arbeidsmarktregio_code", "provincie_code"]
    g = d.assign(looking=looking, placed=placed).groupby(keys)[["looking", "placed"]].any().reset_index()
    g["placed"] &= g["looking"]
    return g


def _rate(raw, code, **sel) -> tuple[int, int]:
    g = _persons(raw, *_period(code), **sel)
    return int(g["placed"].sum()), int(g["looking"].sum())


def _placed_by_kind(raw, start, end, **sel) -> dict[str, int]:
    d = _select(raw, **sel)
    d = d[d["placement_date"].between(start, end)]
    return d.groupby("work_kind")["person_key"].nunique().to_dict()


def nl_int(n) -> str:
    return f"{int(n):,}".replace(",", ".")


def nl_pct(x: float, decimals: int = 0) -> str:
    return f"{100 * x:.{decimals}f}".replace(".", ",") + "%"


def _square(code: str, name: str, x0: float, y0: float, size: float = 0.2) -> dict:
    ring = [[x0, y0], [x0, y0 + size], [x0 + size, y0 + size], [x0 + size, y0], [x0, y0]]
    return {"type": "Feature", "id": code, "properties": {"statcode": code, "statnaam": name},
            "geometry": {"type": "Polygon", "coordinates": [ring]}}


def _plain(obj):
    """Plotly's JSON with its typed arrays ({dtype, bdata}) turned back into lists."""
    if isinstance(obj, dict):
        if "bdata" in obj and "dtype" in obj:
            a = np.frombuffer(base64.b64decode(obj["bdata"]), dtype=np.dtype(obj["dtype"]))
            return a.reshape(obj["shape"] if isinstance(obj.get("shape"), list) else
                             [int(n) for n in str(obj.get("shape", len(a))).split(",")]).tolist()
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_plain(v) for v in obj]
    return obj


def chart_elements(node) -> list:
    """The charts drawn in an AppTest node (the app's chart element, meedoen/ui/chart_element.py)."""
    return [e for e in node.get("bidi_component") if e.proto.component_name == "meedoen_chart"]


def chart_spec(element) -> dict:
    """The figure a chart element was sent, as Plotly's JSON."""
    return json.loads(element.proto.bytes)["figure"]


def _charts(at) -> list[dict]:
    return [_plain(chart_spec(c)) for c in chart_elements(at)]


def _chart(at, title_part: str) -> dict:
    hits = [c for c in _charts(at) if title_part in c["layout"]["title"]["text"]]
    assert len(hits) == 1, (title_part, [c["layout"]["title"]["text"] for c in _charts(at)])
    return hits[0]


def _map(at) -> dict:
    """The choropleth: the chart with the clickable region points."""
    hits = [c for c in _charts(at) if any(_role(tr) == "points" for tr in c["data"])]
    assert len(hits) == 1
    return hits[0]


def _role(tr: dict) -> str | None:
    return tr["meta"].get("role") if isinstance(tr.get("meta"), dict) else None


def _trace(fig: dict, name: str) -> dict:
    return next(tr for tr in fig["data"] if tr.get("name") == name)


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _deltas(at) -> dict[str, str]:
    return {m.label: m.delta for m in at.metric}


def _infos(at) -> str:
    return " ".join(i.value for i in at.info)


def _captions(at) -> str:
    return " ".join(c.value for c in at.caption)


def _frame(at, key: str | None = None, column: str | None = None) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if (key is None or d.key == key) and (column is None or column in d.value.columns))


def _assert_empty(at):
    assert not at.exception
    assert EMPTY_NL in _infos(at)
    assert _charts(at) == []


def frame_with(at, column: str) -> pd.DataFrame:
    """The first dataframe on the page that has this column."""
    return next(d.value for d in at.dataframe if column in d.value.columns)
