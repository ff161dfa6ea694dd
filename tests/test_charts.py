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


# --- issue 17: the Regio's and Trends charts as plain dicts ---------------------------------

SAMPLE = ["werkloosheid", "rokers", "woz_waarde", "overgewicht", "koopwoningen_aandeel"]


def _valid(spec: dict, top: type) -> None:
    top.validate(spec)  # raises when the spec is not valid Vega-Lite


@pytest.mark.parametrize("scope", ["drenthe", "nederland"])
@pytest.mark.parametrize("indicator", SAMPLE)
def test_region_strip_and_map_specs_equal_the_altair_specs(store, scope, indicator):
    from dashboard.app import resources
    from dashboard.views import regionsview

    view = ViewState(indicator=indicator, scope=scope)
    rv = regionsview.regions_view(store, view, None)
    assert rv.period is not None
    for refs in ((rv.drenthe, rv.nederland), (None, None)):
        args = (rv.spread, rv.unit, *refs, "nl")
        fast = charts.region_strip_spec(*args)
        assert fast == charts.spec(charts.region_strip(*args))
        _valid(fast, alt.LayerChart)
    if rv.region_values is not None:
        areas = resources.region_areas.__wrapped__(scope, rv.region_codes)
        fast = charts.region_map_spec(areas, rv.region_values, "en")
        assert fast == charts.spec(charts.region_map(areas, rv.region_values, "en"))
        assert len(fast["data"]["values"]) == len(rv.region_values)
        _valid(fast, alt.Chart)


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("indicator", SAMPLE)
def test_trend_and_small_multiples_specs_equal_the_altair_specs(store, indicator, lang):
    from dataclasses import replace

    from dashboard.views import trendview

    view = ViewState(indicator=indicator, gemeenten=("GM0114", "GM1730"), lang=lang)
    tv = trendview.trend_view(store, view, ())
    fast = charts.trend_lines_spec(tv.frame, tv.unit, lang)
    assert fast == charts.spec(charts.trend_lines(tv.frame, tv.unit, lang))
    _valid(fast, alt.LayerChart)
    if tv.index.frame is not None:
        fast = charts.trend_lines_spec(tv.index.frame, "index", lang, y="index")
        assert fast == charts.spec(charts.trend_lines(tv.index.frame, "index", lang, y="index"))
        _valid(fast, alt.LayerChart)
    codes = tuple(store.gemeente_codes(["PV22"]))
    tv = trendview.trend_view(store, replace(view, gemeenten=codes), ())
    fast = charts.small_multiples_spec(tv.frame, tv.unit, lang)
    assert fast == charts.spec(charts.small_multiples(tv.frame, tv.unit, lang))
    assert len(fast["facet"]["sort"]) == 12
    _valid(fast, alt.FacetChart)


def test_trend_spec_with_margins_keeps_the_data_per_layer(store):
    from dashboard.views import trendview

    tv = trendview.trend_view(store, ViewState(indicator="rokers", gemeenten=("GM0114",)), ())
    fast = charts.trend_lines_spec(tv.frame, tv.unit, "nl")
    assert [layer["mark"]["type"] for layer in fast["layer"]] == ["rule", "line", "point"]
    assert all("data" in layer for layer in fast["layer"]) and "data" not in fast
