"""Chart builders on their own: what a long comparison shows, and the app template on every figure."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from meedoen.charts import kinds, regions, theme


def _rates(n: int) -> pd.DataFrame:
    return pd.DataFrame({
        "region_code": [f"GM{i:04d}" for i in range(n)], "region_name": [f"Gemeente {i}" for i in range(n)],
        "rate": [i / n for i in range(n)], "placed": range(n), "looking": [n + regions.MIN_RANK] * n,  # enough to rank
        "rate_lo": [max(0, i / n - 0.05) for i in range(n)], "rate_hi": [min(1, i / n + 0.05) for i in range(n)],
    })


def test_many_regions_show_the_highest_and_lowest_and_the_chosen_one():
    fig = regions.rate_by_region(_rates(342), "Plaatsingsgraad per gemeente", "Bron: test", highlight="GM0200")
    names = list(fig.data[0].y)
    assert len(names) == 2 * regions.EXTREMES + 1
    assert "Gemeente 0" in names and "Gemeente 341" in names and "Gemeente 200" in names
    assert "Gemeente 100" not in names
    assert "15 hoogste en 15 laagste van 342" in fig.layout.title.text
    colours = dict(zip(names, fig.data[0].marker.color))
    assert colours["Gemeente 200"] == theme.HIGHLIGHT and colours["Gemeente 0"] == theme.MUTED
    assert fig.layout.height < 1400  # not 28 px for each of 342 bars


def test_few_regions_show_all():
    fig = regions.rate_by_region(_rates(12), "Plaatsingsgraad per gemeente", "Bron: test")
    assert len(fig.data[0].y) == 12 and "<sup>" not in fig.layout.title.text


def test_every_new_figure_has_the_app_template():
    import streamlit as st  # noqa: F401  (Streamlit sets its own default template when its Plotly code loads)

    fig = regions.rate_by_region(_rates(3), "t", "s")
    assert list(fig.layout.template.layout.colorway) == theme.PALETTE
    assert list(go.Figure().layout.template.layout.colorway) == theme.PALETTE


def test_a_dotted_line_marks_where_regions_were_left_out():
    middle = regions.rate_by_region(_rates(342), "t", "s", highlight="GM0200")
    assert sorted(s.y0 for s in middle.layout.shapes if s.line.dash == "dot") == [14.5, 15.5]
    top = regions.rate_by_region(_rates(342), "t", "s", highlight="GM0340")
    assert [s.y0 for s in top.layout.shapes if s.line.dash == "dot"] == [14.5]
    assert not [s for s in regions.rate_by_region(_rates(12), "t", "s").layout.shapes if s.line.dash == "dot"]


def test_mix_of_work_per_region_shows_the_extremes_too():
    rows = []
    for i in range(100):
        for kind, share in (("beschut_werk", i / 200), ("regulier", 1 - i / 200)):
            rows.append({"region_code": f"GM{i:04d}", "region_name": f"Gemeente {i}", "work_kind": kind,
                         "placed": 10, "total": 20, "share": share, "share_lo": 0.0, "share_hi": 1.0})
    fig = kinds.kinds_by_region(pd.DataFrame(rows), "Soort werk per gemeente", "Bron: test", highlight="GM0050")
    shown = list(fig.data[0].y)
    assert len(shown) == 2 * regions.EXTREMES + 1 and "<b>Gemeente 50</b>" in shown
    assert "Gemeente 0" in shown and "Gemeente 99" in shown and "Gemeente 30" not in shown
    assert "15 hoogste en 15 laagste van 100" in fig.layout.title.text
    assert sorted(s.y0 for s in fig.layout.shapes if s.line.dash == "dot") == [14.5, 15.5]
