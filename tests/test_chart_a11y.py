"""Every chart builder of render/charts.py names itself and makes its marks say what they show
(WCAG 2.1 AA, docs/accessibility.md): a top-level Vega-Lite ``description`` and a
``description`` encoding ("Emmen: 3,1%") or ``aria: false`` on every mark layer."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.render import charts
from dashboard.state import ViewState
from dashboard.views import mapview, profileview, regionsview, trendview


def _layers(spec: dict):
    """Every unit (mark) spec inside a (layered, faceted, concatenated) spec."""
    if "mark" in spec:
        yield spec
    for key in ("layer", "vconcat", "hconcat", "concat"):
        for child in spec.get(key, []):
            yield from _layers(child)
    if "spec" in spec:
        yield from _layers(spec["spec"])


def _rows(full: dict, unit: dict, top: dict) -> list[dict]:
    name = unit.get("data", top.get("data", {})).get("name")
    return full["datasets"].get(name, []) if name else []


def _assert_accessible(chart) -> dict:
    full = chart.to_dict()  # validates against the Vega-Lite schema
    assert isinstance(full.get("description"), str) and len(full["description"]) > 10
    for unit in _layers(full):
        mark = unit["mark"] if isinstance(unit["mark"], dict) else {"type": unit["mark"]}
        described = "description" in unit.get("encoding", {})
        assert described or mark.get("aria") is False, unit
    return full


def _views(store):
    view = ViewState(indicator="werkloosheid", gemeenten=("GM0114", "GM1730"))
    return (
        mapview.map_view(store, view),
        regionsview.regions_view(store, view),
        trendview.trend_view(store, view),
        profileview.profile_view(store, ViewState(gemeenten=("GM0114",))),
    )


def test_ranking_marks_say_name_and_value(store):
    mv, *_ = _views(store)
    chart = charts.ranking(mv.table, "%", mv.drenthe, mv.nederland, (), "nl", -1)
    full = _assert_accessible(chart)
    assert full["description"] == f"Rangorde van {mv.table['value'].notna().sum()} gebieden naar %"
    bars = full["layer"][0]
    assert bars["encoding"]["description"] == {"field": "aria", "type": "nominal"}
    emmen = next(r for r in _rows(full, bars, full) if r["region_code"] == "GM0114")
    assert emmen["aria"] == f"Emmen: {emmen['value_text']}"


def test_ranking_english(store):
    mv, *_ = _views(store)
    chart = charts.ranking(mv.table, "%", mv.drenthe, mv.nederland, (), "en", -1)
    assert chart.to_dict()["description"].startswith("Ranking of ")


def test_region_strip(store):
    _, rv, _, _ = _views(store)
    full = _assert_accessible(
        charts.region_strip(rv.spread, rv.unit, rv.drenthe, rv.nederland, "nl")
    )
    assert full["description"].startswith("Gemeenten per regio (")
    dots = next(u for u in _layers(full) if u["mark"]["type"] == "circle")
    row = _rows(full, dots, full)[0]
    assert row["aria"] == f"{row['name']} ({row['region_name']}): {row['value_text']}"


def test_region_strip_leaves_out_an_empty_layer(store):
    _, rv, _, _ = _views(store)
    only_gemeenten = rv.spread[rv.spread["kind"] == "gemeente"]
    full = _assert_accessible(charts.region_strip(only_gemeenten, rv.unit, None, None, "nl"))
    assert [u["mark"]["type"] for u in _layers(full)] == ["circle"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_trend_lines(store, lang):
    _, _, tv, _ = _views(store)
    full = _assert_accessible(charts.trend_lines(tv.frame, tv.unit, lang))
    assert "Emmen" in full["description"] and "Tynaarlo" in full["description"]
    points = next(u for u in _layers(full) if u["mark"]["type"] == "point")
    row = _rows(full, points, full)[0]
    assert row["aria"] == f"{row['name']}, {row['period_label']}: {row['value_text']}"


def test_small_multiples(store):
    _, _, tv, _ = _views(store)
    full = _assert_accessible(charts.small_multiples(tv.frame, tv.unit, "nl"))
    assert full["description"].startswith("Eén kleine grafiek per gemeente")


def test_profile_overview_and_handout(store):
    *_, pv = _views(store)
    full = _assert_accessible(charts.profile_overview(pv.table, "nl"))
    assert full["description"].startswith("Overzicht van ")
    rect = next(u for u in _layers(full) if u["mark"]["type"] == "rect")
    row = _rows(full, rect, full)[0]
    assert row["aria"] == f"{row['label']}: {row['value_text']} ({row['judgement_text']})"
    handout = _assert_accessible(charts.profile_handout(pv.table, pv.name, pv.summary, ["x"], "nl"))
    assert handout["description"] == f"Gemeenteprofiel: {pv.name}. {pv.summary}"


def test_region_map():
    square = {"type": "Polygon", "coordinates": [[[6, 52], [7, 52], [7, 53], [6, 52]]]}
    areas = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "geometry": square, "properties": {"region_code": "CR07"}}
        ],
    }
    values = pd.DataFrame(
        [{"region_code": "CR07", "name": "Noord-Drenthe", "color": "#fff", "value_text": "3,1%"}]
    )
    full = charts.region_map(areas, values, "nl").to_dict()
    assert full["description"] == "Kaart van 1 regio's"
    assert full["encoding"]["description"]["field"] == "properties.aria"
    assert full["data"]["values"][0]["properties"]["aria"] == "Noord-Drenthe: 3,1%"


def test_titled_and_described():
    base = charts.region_map({"type": "FeatureCollection", "features": []}, pd.DataFrame(), "nl")
    assert charts.titled(base, "Werkloosheid", "2024", []).to_dict()["description"] == (
        "Werkloosheid, 2024"
    )
    spec = charts.spec(base)
    out = charts.described(spec, "Werkloosheid", "Het hoogst in Assen.")
    assert out["description"] == "Werkloosheid. Het hoogst in Assen."
    assert "description" not in spec or spec["description"] != out["description"]
