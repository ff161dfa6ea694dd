"""The map page's ranking chart and the spec the app sends without validating it again."""

from __future__ import annotations

import altair as alt
import pytest

from dashboard.render import charts
from dashboard.state import ViewState
from dashboard.views import mapview


def ranking_of(store, indicator: str, scope: str) -> tuple[mapview.MapView, alt.LayerChart]:
    mv = mapview.map_view(store, ViewState(indicator=indicator, scope=scope))
    chart = charts.ranking(
        mv.table, "%", mv.drenthe, mv.nederland, ("GM0114",), "nl", mv.indicator.direction
    )
    return mv, chart


@pytest.mark.parametrize(("scope", "mark"), [("drenthe", "bar"), ("nederland", "circle")])
def test_ranking_is_valid_vega_lite_with_every_value(store, scope, mark):
    mv, chart = ranking_of(store, "werkloosheid", scope)
    full = chart.to_dict()  # validates against the Vega-Lite schema; raises if invalid
    marks = full["layer"][0]
    assert marks["mark"]["type"] == mark
    rows = full["datasets"][marks["data"]["name"]]
    expected = mv.table.dropna(subset=["value"])
    assert len(rows) == len(expected) and len(rows) >= 12
    assert {r["region_code"]: r["value"] for r in rows} == dict(
        zip(expected["region_code"], expected["value"], strict=True)
    )
    assert [r["region_code"] for r in rows if r["selected"]] == ["GM0114"]


def test_spec_is_the_validated_spec_without_the_altair_theme_view_size(store):
    _, chart = ranking_of(store, "werkloosheid", "drenthe")
    full = chart.to_dict()
    assert full["config"] == {"view": charts.ALTAIR_THEME_VIEW}  # what the theme adds
    out = charts.spec(chart)
    assert out["config"] == charts.TEXT_CONFIG  # chart text at AA contrast instead
    assert {k: v for k, v in out.items() if k != "config"} == {
        k: v for k, v in full.items() if k != "config"
    }


def test_spec_keeps_a_charts_own_configuration(store):
    _, chart = ranking_of(store, "werkloosheid", "drenthe")
    big = chart.configure_axis(labelFontSize=20).configure_view(strokeWidth=0)
    config = charts.spec(big)["config"]
    assert config["axis"] == {"labelFontSize": 20, "labelColor": "#333333", "titleColor": "#333333"}
    assert config["view"] == {"strokeWidth": 0}


# --- issue 17: the ranking as a plain dict is the Altair builder's spec --------------------


@pytest.mark.parametrize("scope", ["drenthe", "nederland"])
@pytest.mark.parametrize(
    "indicator", ["werkloosheid", "woz_waarde", "rokers", "koopwoningen_aandeel"]
)
@pytest.mark.parametrize(
    ("selected", "lang", "direction"), [(("GM0114",), "nl", -1), ((), "en", 1)]
)
def test_ranking_spec_equals_the_altair_spec_and_is_valid(
    store, scope, indicator, selected, lang, direction
):
    mv = mapview.map_view(store, ViewState(indicator=indicator, scope=scope))
    args = (mv.table, "%", mv.drenthe, mv.nederland, selected, lang, direction)
    fast = charts.ranking_spec(*args)
    assert fast == charts.spec(charts.ranking(*args))
    alt.LayerChart.validate(fast)  # raises when it is not valid Vega-Lite


def test_ranking_spec_without_references(store):
    mv = mapview.map_view(store, ViewState(indicator="werkloosheid"))
    args = (mv.table, "%", None, None, (), "nl", 0)
    fast = charts.ranking_spec(*args)
    assert len(fast["layer"]) == 1 and len(fast["datasets"]) == 1
    assert fast == charts.spec(charts.ranking(*args))
